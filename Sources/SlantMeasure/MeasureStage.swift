import SlantCore

/// A tagged article with the identity it is measured under.
public struct MeasureInput: Sendable {
    public var id: String
    public var outlet: String
    public var digest: ContentDigest
    public var tagged: TaggedArticle

    public init(id: String, outlet: String, digest: ContentDigest, tagged: TaggedArticle) {
        self.id = id
        self.outlet = outlet
        self.digest = digest
        self.tagged = tagged
    }
}

/// The measure stage: per-article counts, the unit every statistic resamples.
public struct MeasureStage: Stage {
    public typealias Input = MeasureInput
    public typealias Output = ArticleMeasures

    public static let name = "measure"
    public static let version = 1

    public init() {}

    public var configurationDigest: ContentDigest { ContentDigest(ofParts: [Self.name]) }

    public func process(_ input: MeasureInput) throws(DocumentError) -> ArticleMeasures {
        let segmented = input.tagged.segmented
        let article = segmented.article
        return ArticleMeasures(
            id: input.id, outlet: input.outlet, source: article.source.description, digest: input.digest.hex,
            title: article.metadata.title, url: article.metadata.url, published: article.metadata.published,
            language: article.metadata.language, tokens: segmented.body.wordCount,
            voiceTokens: input.tagged.voiceTokens, sentences: segmented.body.sentences.count,
            paragraphs: segmented.body.paragraphs.count, comments: article.comments.count,
            commentTokens: input.tagged.commentTokens, warnings: article.warnings.map(\.code))
    }
}
