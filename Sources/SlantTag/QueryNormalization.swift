import SlantCore

/// How a looked-up text (`slant kwic Nagorno–Karabakh`) is compared with tagged text: the matcher's
/// own normalisation — case folded, hyphens, dashes and spaces alike, typographic apostrophes
/// unified, a possessive `’s` dropped, diacritics folded — so that a query finds what the matcher
/// found, however either is written.
public enum MatchText {
    /// The normalised words of `text`, joined by single spaces.
    public static func normalized(_ text: String) -> String {
        let normalizer = WordNormalizer(foldDiacritics: true)
        let words: [String]
        switch normalizer.pattern(text.replacingOccurrences(of: "*", with: " ").replacingOccurrences(of: "[", with: " ")
            .replacingOccurrences(of: "]", with: " ")) {
        case .success(let pattern): words = pattern.words.map(\.text)
        case .failure: words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        }
        return words.map(withoutPossessive).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A word without a trailing possessive `'s` (apostrophes are unified to `'` by the normaliser).
    static func withoutPossessive(_ word: String) -> String {
        for suffix in ["'s", "’s", "'"] where word.hasSuffix(suffix) && word.count > suffix.count {
            return String(word.dropLast(suffix.count))
        }
        return word
    }
}
