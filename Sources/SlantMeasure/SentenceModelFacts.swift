import SlantCore

/// What the statistics need to know of one sentence model (the aggregate stage reads no model file).
public struct SentenceModelFacts: Sendable, Hashable {
    /// The id statistic IDs name it by.
    public var id: String
    /// The model file as the configuration names it.
    public var path: String
    /// The SHA-256 of the model file.
    public var digest: ContentDigest
    /// The languages it was trained on (primary subtags); empty: every article.
    public var languages: [String]
    /// What the model is and its cross-validated figures, in a sentence (for the report's methods).
    public var summary: String

    public init(id: String, path: String, digest: ContentDigest, languages: [String], summary: String) {
        self.id = id
        self.path = path
        self.digest = digest
        self.languages = languages.map(LanguageCode.primary)
        self.summary = summary
    }

    /// "bias (1f0c2a9b3d4e5f60)": the model as citations name it.
    public var label: String { "\(id) (\(digest.prefix()))" }

    /// Whether the model covers an article in this language: as ``LexiconFacts/Lexicon/covers(language:)``
    /// (an article of unknown language is not covered by a model that declares languages).
    public func covers(language: String?) -> Bool {
        guard !languages.isEmpty else { return true }
        guard let language, !language.isEmpty else { return false }
        return languages.contains(LanguageCode.primary(language))
    }
}
