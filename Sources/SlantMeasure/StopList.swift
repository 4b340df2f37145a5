/// A stop list: the function words of one language, never listed as distinctive vocabulary.
public struct StopList: Sendable, Hashable {
    /// The language it is for (primary subtag, lower case).
    public var language: String
    /// Where the list comes from, as the report names it ("Snowball English stop list (3-clause BSD)", a file).
    public var source: String
    public var words: Set<String>

    public init(language: String, source: String, words: some Sequence<String>) {
        self.language = LanguageCode.primary(language)
        self.source = source
        self.words = Set(words.map { Self.fold($0, language: LanguageCode.primary(language)) })
    }

    /// Whether a (lower-cased) word is on the list.
    public func contains(_ word: String) -> Bool {
        words.contains(Self.fold(word, language: language))
    }

    /// Typographic apostrophes as `'`; for Russian, й as и and ё as е (the Snowball list writes
    /// some words that way: `какои`, `еще`).
    static func fold(_ word: String, language: String) -> String {
        var folded = word.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        if language == "ru" {
            folded = folded.replacingOccurrences(of: "й", with: "и").replacingOccurrences(of: "ё", with: "е")
        }
        return folded
    }

    /// The words of a list in the Snowball format: a word at the start of a line (the first
    /// word of a line is taken), `|` starting a comment, blank lines ignored.
    public static func words(inSnowballFormat text: String) -> [String] {
        var words: [String] = []
        var seen = Set<String>()
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let content = line.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let word = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).first else { continue }
            let lower = word.lowercased()
            if seen.insert(lower).inserted { words.append(lower) }
        }
        return words
    }

    /// The lists Slant carries: Snowball's English and Russian stop lists.
    public static let bundled: [StopList] = [
        StopList(language: "en", source: "Snowball English stop list (snowballstem.org, 3-clause BSD)", words: SnowballStopLists.english),
        StopList(language: "ru", source: "Snowball Russian stop list (snowballstem.org, 3-clause BSD)", words: SnowballStopLists.russian),
    ]
}
