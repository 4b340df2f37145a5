import SlantCore

/// One outlet's totals.
public struct OutletSummary: Sendable, Hashable {
    public var outlet: String
    public var articles: Int
    public var tokens: Int
    public var sentences: Int
    public var comments: Int
    public var commentTokens: Int
    /// Earliest and latest publication dates among its articles, when known.
    public var firstDate: String?
    public var lastDate: String?
}

/// What the aggregate stage gives the reports: per-outlet tables over the corpus.
public struct CorpusTables: Sendable {
    public var outlets: [OutletSummary]
    public var articles: [ArticleMeasures]
    public var excluded: [ExcludedDocument]
    /// A digest of the analysed documents' digests: the corpus a report describes.
    public var corpusDigest: ContentDigest
}

/// The aggregate stage: measures of many articles into outlet tables.
public struct AggregateStage: Stage {
    public struct Input: Sendable {
        public var measures: [ArticleMeasures]
        public var excluded: [ExcludedDocument]

        public init(measures: [ArticleMeasures], excluded: [ExcludedDocument]) {
            self.measures = measures
            self.excluded = excluded
        }
    }
    public typealias Output = CorpusTables

    public static let name = "aggregate"
    public static let version = 1

    public init() {}

    public var configurationDigest: ContentDigest { ContentDigest(ofParts: [Self.name]) }

    public func process(_ input: Input) throws(DocumentError) -> CorpusTables {
        let articles = input.measures.sorted { ($0.outlet, $0.published ?? "", $0.source) < ($1.outlet, $1.published ?? "", $1.source) }
        var byOutlet: [String: OutletSummary] = [:]
        for article in articles {
            var summary = byOutlet[article.outlet] ?? OutletSummary(
                outlet: article.outlet, articles: 0, tokens: 0, sentences: 0, comments: 0, commentTokens: 0)
            summary.articles += 1
            summary.tokens += article.tokens
            summary.sentences += article.sentences
            summary.comments += article.comments
            summary.commentTokens += article.commentTokens
            if let date = article.published {
                summary.firstDate = min(summary.firstDate ?? date, date)
                summary.lastDate = max(summary.lastDate ?? date, date)
            }
            byOutlet[article.outlet] = summary
        }
        let digest = ContentDigest(ofParts: articles.map(\.digest).sorted())
        return CorpusTables(
            outlets: byOutlet.values.sorted { $0.outlet.lowercased() < $1.outlet.lowercased() }, articles: articles,
            excluded: input.excluded.sorted { $0.source < $1.source }, corpusDigest: digest)
    }
}
