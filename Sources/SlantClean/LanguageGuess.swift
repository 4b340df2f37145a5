/// A cheap guess of a text's language, for pages that do not declare one: by
/// script (Cyrillic → `ru`, Armenian → `hy`, Georgian → `ka`, Arabic → `ar`,
/// Greek → `el`) and, for Latin script, by the share of common English words.
/// It says nothing rather than guess wrong.
enum LanguageGuess {
    private static let englishWords: Set<String> = [
        "the", "and", "of", "to", "in", "a", "is", "that", "for", "on", "with", "was", "as", "it", "by", "at", "from",
        "has", "have", "be", "are", "this", "said", "its", "his", "her", "were", "not", "but",
    ]

    static func language(of text: String) -> String? {
        var counts: [String: Int] = [:]
        var latin = 0
        var letters = 0
        for scalar in text.unicodeScalars.prefix(4000) where scalar.properties.isAlphabetic {
            letters += 1
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            case 0x400...0x4FF: counts["ru", default: 0] += 1
            case 0x530...0x58F: counts["hy", default: 0] += 1
            case 0x10A0...0x10FF: counts["ka", default: 0] += 1
            case 0x600...0x6FF: counts["ar", default: 0] += 1
            case 0x370...0x3FF: counts["el", default: 0] += 1
            default: break
            }
        }
        guard letters >= 20 else { return nil }
        if let (script, count) = counts.max(by: { $0.value < $1.value }), count * 2 > letters { return script }
        guard latin * 2 > letters else { return nil }
        var words = 0
        var english = 0
        for word in text.prefix(4000).split(whereSeparator: { !$0.isLetter }) {
            words += 1
            if englishWords.contains(word.lowercased()) { english += 1 }
        }
        return words >= 5 && english * 8 >= words ? "en" : nil
    }
}
