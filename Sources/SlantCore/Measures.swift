/// What the measure stage counts in one article: the unit every statistic resamples.
public struct ArticleMeasures: Sendable, Hashable, Codable {
    public var id: String
    public var outlet: String
    public var source: String
    public var digest: String
    public var title: String?
    public var url: String?
    public var published: String?
    public var language: String?
    /// Word and number tokens of the body.
    public var tokens: Int
    /// Body tokens by voice.
    public var voiceTokens: [Voice: Int]
    public var sentences: Int
    public var paragraphs: Int
    public var comments: Int
    public var commentTokens: Int
    /// Warnings raised while cleaning (codes).
    public var warnings: [String]

    public init(
        id: String, outlet: String, source: String, digest: String, title: String?, url: String?,
        published: String?, language: String?, tokens: Int, voiceTokens: [Voice: Int], sentences: Int,
        paragraphs: Int, comments: Int, commentTokens: Int, warnings: [String]
    ) {
        self.id = id
        self.outlet = outlet
        self.source = source
        self.digest = digest
        self.title = title
        self.url = url
        self.published = published
        self.language = language
        self.tokens = tokens
        self.voiceTokens = voiceTokens
        self.sentences = sentences
        self.paragraphs = paragraphs
        self.comments = comments
        self.commentTokens = commentTokens
        self.warnings = warnings
    }
}

/// A document left out of the analysis, and why.
public struct ExcludedDocument: Sendable, Hashable, Codable {
    public var source: String
    public var stage: String
    public var code: String
    public var reason: String

    public init(_ error: DocumentError) {
        source = error.source.description
        stage = error.stage
        code = error.reason.code
        reason = error.reason.description
    }
}
