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

/// A lexicon as a report records it.
public struct LexiconProvenance: Sendable, Hashable {
    public var path: String
    public var id: String
    public var version: Int
    public var digest: ContentDigest

    public init(path: String, id: String, version: Int, digest: ContentDigest) {
        self.path = path
        self.id = id
        self.version = version
        self.digest = digest
    }

    /// "karabakh-terminology v1 (43791fff75fb7203)".
    public var label: String { "\(id) v\(version) (\(digest.prefix()))" }
}

/// What a report needs besides the tables: how it was made, for reproducibility.
public struct ReportProvenance: Sendable {
    public var slantVersion: String
    public var configurationFile: String
    public var configurationDigest: ContentDigest
    public var lexicons: [LexiconProvenance]
    /// ISO 8601 time the run finished (shown, not hashed: reports differ only there).
    public var generatedAt: String

    public init(
        slantVersion: String, configurationFile: String, configurationDigest: ContentDigest,
        lexicons: [LexiconProvenance], generatedAt: String
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
        /// The evidence behind the statistics' first references, with their sentences (the
        /// measures carry evidence without sentences; the store holds those).
        public var evidence: [EvidenceReference: Evidence]

        public init(tables: CorpusTables, provenance: ReportProvenance, evidence: [EvidenceReference: Evidence] = [:]) {
            self.tables = tables
            self.provenance = provenance
            self.evidence = evidence
        }

        public var citationContext: CitationContext {
            CitationContext(
                slantVersion: provenance.slantVersion, corpusDigest: tables.corpusDigest,
                lexicons: provenance.lexicons.map(\.label), generatedAt: provenance.generatedAt)
        }
    }
    public typealias Output = [ReportFile]

    public static let name = "report"
    public static let version = 2

    public var settings: ReportSettings

    public init(settings: ReportSettings = ReportSettings()) { self.settings = settings }

    /// How many of a statistic's first evidence references the reports show with their sentences:
    /// ``Input/evidence`` needs the evidence of no more than these.
    public var evidenceShown: Int { settings.evidenceRows }

    public var configurationDigest: ContentDigest {
        ContentDigest(ofParts: [Self.name, "evidence-rows", String(settings.evidenceRows)])
    }

    /// The files whose size does not grow with the number of articles; the per-article tables are
    /// ``streamed(_:)``.
    public func process(_ input: Input) throws(DocumentError) -> [ReportFile] {
        let tables = input.tables
        return [
            ReportFile(path: "data/outlets.csv", contents: DataTables.outlets(tables).text),
            ReportFile(path: "data/excluded.csv", contents: DataTables.excluded(tables).text),
            ReportFile(path: "data/statistics.csv", contents: DataTables.statistics(tables, context: input.citationContext).text),
            ReportFile(path: "statistics.json", contents: StatisticsJSON.document(input).prettyPrinted()),
            ReportFile(path: "report.md", contents: MarkdownReport(input: input).render()),
            ReportFile(path: "index.html", contents: HTMLReport(input: input, settings: settings).render()),
        ]
    }

    /// The tables with a row per article (`data/articles.csv`, `data/term_counts.csv`,
    /// `data/loaded_counts.csv`, `data/articles.json`), written row by row so that a report's
    /// memory does not grow with the corpus.
    public func streamed(_ input: Input) -> [StreamedReportFile] {
        let articles = input.tables.articles
        func csv(_ path: String, header: [String], rows: @escaping (ArticleMeasures) -> [[String]]) -> StreamedReportFile {
            StreamedReportFile(path: path) { append in
                append(DataTables.line(header))
                for article in articles {
                    for row in rows(article) { append(DataTables.line(row)) }
                }
            }
        }
        return [
            csv("data/articles.csv", header: DataTables.articleHeader) { [DataTables.articleRow($0)] },
            csv("data/term_counts.csv", header: DataTables.termCountHeader, rows: DataTables.termCountRows),
            csv("data/loaded_counts.csv", header: DataTables.loadedCountHeader, rows: DataTables.loadedCountRows),
            StreamedReportFile(path: "data/articles.json") { append in
                append("[")
                for (index, article) in articles.enumerated() {
                    append((index > 0 ? ",\n  " : "\n  ") + DataTables.articleJSON(article).prettyPrinted(depth: 1))
                }
                append(articles.isEmpty ? "]\n" : "\n]\n")
            },
        ]
    }
}

/// `reports/statistics.json`: every statistic with its ID, value, interval, n, citation and evidence.
public enum StatisticsJSON {
    public static func document(_ input: ReportStage.Input) -> JSON {
        let tables = input.tables
        let provenance = input.provenance
        let policy = tables.policy
        return .object([
            "slant_version": .string(provenance.slantVersion),
            "generated_at": .string(provenance.generatedAt),
            "corpus_digest": .string(tables.corpusDigest.hex),
            "configuration": .object([
                "file": .string(provenance.configurationFile), "digest": .string(provenance.configurationDigest.hex),
            ]),
            "lexicons": .array(provenance.lexicons.map {
                .object(["path": .string($0.path), "id": .string($0.id), "version": .int($0.version), "digest": .string($0.digest.hex)])
            }),
            "method": .object([
                "resampling_unit": .string("article"),
                "interval": .string("95% percentile bootstrap"),
                "resamples": .int(policy.resamples),
                "seed": .string("per outlet: \"bootstrap/<outlet>\"; per contrast: \"<statistic id>\" (SplitMix64)"),
                "minimum_articles": .int(policy.minimumArticles),
                "minimum_occurrences": .int(policy.minimumOccurrences),
                "contrasts": .string("difference of ratios of sums; bootstrap interval; two-sided permutation p-value; Benjamini–Hochberg across the report's contrasts"),
                "keyness": .string("Dunning log-likelihood G² and log ratio, outlet against the rest, outlet's own voice, minimum frequency \(policy.minimumKeynessFrequency), G² ≥ \(policy.minimumKeynessG2)"),
            ]),
            "articles": .int(tables.articles.count),
            "excluded": .int(tables.excluded.count),
            "statistics": .array(tables.statistics.map { object($0, context: input.citationContext) }),
        ])
    }

    public static func object(_ statistic: Statistic, context: CitationContext) -> JSON {
        .object([
            "id": .string(statistic.id),
            "kind": .string(statistic.kind.rawValue),
            "label": .string(statistic.label),
            "outlet": .string(statistic.outlet),
            "other_outlet": .string(statistic.otherOutlet),
            "voice": .string(statistic.voice?.description),
            "family": .string(statistic.family),
            "term": .string(statistic.term),
            "stance": .string(statistic.stance),
            "category": .string(statistic.category),
            "word": .string(statistic.word),
            "measure": .string(statistic.measure?.rawValue),
            "value": .number(statistic.value),
            "unit": .string(statistic.unit),
            "ci_lower": .number(statistic.interval?.lower),
            "ci_upper": .number(statistic.interval?.upper),
            "n_articles": .int(statistic.articles),
            "n_occurrences": .number(statistic.occurrences),
            "n_total": .number(statistic.total),
            "p_value": .number(statistic.pValue),
            "q_value": .number(statistic.qValue),
            "log_ratio": .number(statistic.logRatio),
            "sufficient": .bool(statistic.sufficient),
            "note": .string(statistic.note),
            "first_date": .string(statistic.firstDate),
            "last_date": .string(statistic.lastDate),
            "period": .string(statistic.period),
            "citation": .string(Citation.render(statistic, context: context, format: .text)),
            "evidence_total": .int(statistic.evidenceTotal),
            "evidence": .array(statistic.evidence.map { .object(["article": .string($0.article), "index": .int($0.index)]) }),
        ])
    }
}

/// The tidy tables of `reports/data/`, for R, pandas or a spreadsheet.
enum DataTables {
    /// One CSV line: the cells escaped and neutralised, comma-separated, ending in CRLF (as ``CSVTable/text``).
    static func line(_ cells: [String]) -> String {
        cells.map(Escaping.csv).joined(separator: ",") + "\r\n"
    }

    static let articleHeader = [
        "id", "outlet", "published", "title", "url", "source", "tokens", "authorial_tokens", "quoted_tokens",
        "attributed_tokens", "sentences", "paragraphs", "comments", "comment_tokens", "warnings",
    ]

    static func articleRow(_ article: ArticleMeasures) -> [String] {
        [article.id, article.outlet, article.published ?? "", article.title ?? "", article.url ?? "",
         article.source, String(article.tokens), String(article.tokens(in: .authorial)),
         String(article.tokens(in: .quoted)), String(article.tokens(in: .attributed)), String(article.sentences),
         String(article.paragraphs), String(article.comments), String(article.commentTokens),
         article.warnings.joined(separator: " ")]
    }

    static func outlets(_ tables: CorpusTables) -> CSVTable {
        CSVTable(
            header: ["outlet", "articles", "tokens", "authorial_tokens", "quoted_tokens", "attributed_tokens", "sentences",
                     "comments", "comment_tokens", "first_date", "last_date"],
            rows: tables.outlets.map { outlet in
                [outlet.outlet, String(outlet.articles), String(outlet.tokens), String(outlet.voiceTokens[.authorial] ?? 0),
                 String(outlet.voiceTokens[.quoted] ?? 0), String(outlet.voiceTokens[.attributed] ?? 0),
                 String(outlet.sentences), String(outlet.comments), String(outlet.commentTokens), outlet.firstDate ?? "",
                 outlet.lastDate ?? ""]
            })
    }

    static func excluded(_ tables: CorpusTables) -> CSVTable {
        CSVTable(header: ["source", "stage", "code", "reason"], rows: tables.excluded.map { [$0.source, $0.stage, $0.code, $0.reason] })
    }

    static let termCountHeader = ["article", "outlet", "published", "family", "term", "stance", "voice", "distanced", "count"]

    static func termCountRows(_ article: ArticleMeasures) -> [[String]] {
        article.termCounts.sorted(by: { ($0.family, $0.term, $0.voice) < ($1.family, $1.term, $1.voice) }).map { count in
            [article.id, article.outlet, article.published ?? "", count.family, count.term, count.stance,
             count.voice.voice.rawValue, count.voice.distanced ? "true" : "false", String(count.count)]
        }
    }

    static let loadedCountHeader = ["article", "outlet", "published", "category", "voice", "distanced", "hits", "weight"]

    static func loadedCountRows(_ article: ArticleMeasures) -> [[String]] {
        article.loadedCounts.sorted(by: { ($0.category, $0.voice) < ($1.category, $1.voice) }).map { count in
            [article.id, article.outlet, article.published ?? "", count.category, count.voice.voice.rawValue,
             count.voice.distanced ? "true" : "false", String(count.hits), String(count.weight)]
        }
    }

    static func statistics(_ tables: CorpusTables, context: CitationContext) -> CSVTable {
        func number(_ value: Double?) -> String { value.map { String($0) } ?? "" }
        return CSVTable(
            header: ["id", "kind", "outlet", "other_outlet", "voice", "family", "term", "stance", "category", "word",
                     "value", "unit", "ci_lower", "ci_upper", "n_articles", "n_occurrences", "n_total", "p_value",
                     "q_value", "log_ratio", "sufficient", "note", "period", "citation"],
            rows: tables.statistics.map { statistic in
                [statistic.id, statistic.kind.rawValue, statistic.outlet ?? "", statistic.otherOutlet ?? "",
                 statistic.voice?.description ?? "", statistic.family ?? "", statistic.term ?? "", statistic.stance ?? "",
                 statistic.category ?? "", statistic.word ?? "", number(statistic.value), statistic.unit,
                 number(statistic.interval?.lower), number(statistic.interval?.upper), String(statistic.articles),
                 number(statistic.occurrences), number(statistic.total), number(statistic.pValue), number(statistic.qValue),
                 number(statistic.logRatio), statistic.sufficient ? "true" : "false", statistic.note ?? "",
                 statistic.period ?? "", Citation.render(statistic, context: context, format: .text)]
            })
    }

    static let evidenceHeader = [
        "article", "index", "outlet", "published", "url", "kind", "family_or_category", "term_or_entry", "stance", "text",
        "voice", "distanced", "speaker", "negated", "comment", "sentence", "start", "end", "sentence_text",
    ]

    static func evidenceRow(_ article: ArticleMeasures, index: Int, _ item: Evidence) -> [String] {
        [article.id, String(index), article.outlet, article.published ?? "", article.url ?? "", item.kind.rawValue,
         item.group, item.item, item.stance ?? "", item.text, item.voice.voice.rawValue,
         item.voice.distanced ? "true" : "false", item.speaker ?? "", item.negated ? "true" : "false",
         item.comment.map(String.init) ?? "", String(item.sentence), String(item.start), String(item.end), item.sentenceText]
    }

    static func articleJSON(_ article: ArticleMeasures) -> JSON {
        .object([
            "id": .string(article.id), "outlet": .string(article.outlet), "published": .string(article.published),
            "title": .string(article.title), "url": .string(article.url), "source": .string(article.source),
            "digest": .string(article.digest), "tokens": .int(article.tokens),
            "voice_tokens": .object([
                "authorial": .int(article.tokens(in: .authorial)), "quoted": .int(article.tokens(in: .quoted)),
                "attributed": .int(article.tokens(in: .attributed)), "comment": .int(article.commentTokens),
            ]),
            "sentences": .int(article.sentences), "paragraphs": .int(article.paragraphs),
            "comments": .int(article.comments), "warnings": .array(article.warnings.map(JSON.string)),
        ])
    }
}

/// `reports/data/evidence.csv`, written row by row: every tagged occurrence with its sentence,
/// voice, speaker and offsets. It can hold hundreds of thousands of rows, so it is streamed
/// from the store rather than built in memory.
public enum EvidenceTable {
    public static var header: String { CSVTable(header: DataTables.evidenceHeader).text }

    public static func row(_ article: ArticleMeasures, index: Int, _ item: Evidence) -> String {
        DataTables.evidenceRow(article, index: index, item).map(Escaping.csv).joined(separator: ",") + "\r\n"
    }
}
