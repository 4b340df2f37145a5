import SlantCore
import SlantMeasure

/// One file of a report: its path under the report directory and its bytes.
public struct ReportFile: Sendable, Hashable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// What a report needs besides the tables: how it was made, for reproducibility.
public struct ReportProvenance: Sendable {
    public var slantVersion: String
    public var configurationFile: String
    public var configurationDigest: ContentDigest
    /// Lexicon files with their digests.
    public var lexicons: [(path: String, digest: ContentDigest)]
    /// ISO 8601 time the run finished (shown, not hashed: reports differ only there).
    public var generatedAt: String

    public init(
        slantVersion: String, configurationFile: String, configurationDigest: ContentDigest,
        lexicons: [(path: String, digest: ContentDigest)], generatedAt: String
    ) {
        self.slantVersion = slantVersion
        self.configurationFile = configurationFile
        self.configurationDigest = configurationDigest
        self.lexicons = lexicons
        self.generatedAt = generatedAt
    }
}

/// The report stage: tables and provenance in, the files of `reports/` out.
public struct ReportStage: Stage {
    public struct Input: Sendable {
        public var tables: CorpusTables
        public var provenance: ReportProvenance

        public init(tables: CorpusTables, provenance: ReportProvenance) {
            self.tables = tables
            self.provenance = provenance
        }
    }
    public typealias Output = [ReportFile]

    public static let name = "report"
    public static let version = 1

    public init() {}

    public var configurationDigest: ContentDigest { ContentDigest(ofParts: [Self.name]) }

    public func process(_ input: Input) throws(DocumentError) -> [ReportFile] {
        let tables = input.tables
        return [
            ReportFile(path: "data/articles.csv", contents: Self.articlesTable(tables).text),
            ReportFile(path: "data/outlets.csv", contents: Self.outletsTable(tables).text),
            ReportFile(path: "data/excluded.csv", contents: Self.excludedTable(tables).text),
            ReportFile(path: "data/articles.json", contents: Self.articlesJSON(tables).prettyPrinted()),
            ReportFile(path: "statistics.json", contents: Self.statisticsJSON(input).prettyPrinted()),
            ReportFile(path: "report.md", contents: MarkdownReport(input: input).render()),
            ReportFile(path: "index.html", contents: HTMLReport(input: input).render()),
        ]
    }

    static func articlesTable(_ tables: CorpusTables) -> CSVTable {
        CSVTable(
            header: ["id", "outlet", "published", "title", "url", "source", "tokens", "sentences", "paragraphs",
                     "comments", "comment_tokens", "warnings"],
            rows: tables.articles.map { article in
                [article.id, article.outlet, article.published ?? "", article.title ?? "", article.url ?? "",
                 article.source, String(article.tokens), String(article.sentences), String(article.paragraphs),
                 String(article.comments), String(article.commentTokens), article.warnings.joined(separator: " ")]
            })
    }

    static func outletsTable(_ tables: CorpusTables) -> CSVTable {
        CSVTable(
            header: ["outlet", "articles", "tokens", "sentences", "comments", "comment_tokens", "first_date", "last_date"],
            rows: tables.outlets.map { outlet in
                [outlet.outlet, String(outlet.articles), String(outlet.tokens), String(outlet.sentences),
                 String(outlet.comments), String(outlet.commentTokens), outlet.firstDate ?? "", outlet.lastDate ?? ""]
            })
    }

    static func excludedTable(_ tables: CorpusTables) -> CSVTable {
        CSVTable(
            header: ["source", "stage", "code", "reason"],
            rows: tables.excluded.map { [$0.source, $0.stage, $0.code, $0.reason] })
    }

    static func articlesJSON(_ tables: CorpusTables) -> JSON {
        .array(tables.articles.map { article in
            .object([
                "id": .string(article.id), "outlet": .string(article.outlet), "published": .string(article.published),
                "title": .string(article.title), "url": .string(article.url), "source": .string(article.source),
                "digest": .string(article.digest), "tokens": .int(article.tokens),
                "sentences": .int(article.sentences), "paragraphs": .int(article.paragraphs),
                "comments": .int(article.comments), "comment_tokens": .int(article.commentTokens),
                "warnings": .array(article.warnings.map(JSON.string)),
            ])
        })
    }

    static func statisticsJSON(_ input: Input) -> JSON {
        .object([
            "slant_version": .string(input.provenance.slantVersion),
            "corpus_digest": .string(input.tables.corpusDigest.hex),
            "configuration_digest": .string(input.provenance.configurationDigest.hex),
            "lexicons": .array(input.provenance.lexicons.map { .object(["path": .string($0.path), "digest": .string($0.digest.hex)]) }),
            "articles": .int(input.tables.articles.count),
            "excluded": .int(input.tables.excluded.count),
            "statistics": .array([]),
        ])
    }
}
