import SlantCore
import SlantMeasure
import SlantValidate
import SlantOrigin

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
        /// The scores of the coded sample scored last (`slant validate score`), if any; its statistics
        /// are among `tables.statistics`.
        public var validity: InstrumentValidity?
        /// Whether that sample was drawn from the corpus as analysed with other lexicons or settings.
        public var validityStale = false
        /// Each article's origin and each outlet's shares of own, republished and agency text; their
        /// statistics are among `tables.statistics`.
        public var origins: OriginTables?

        public init(
            tables: CorpusTables, provenance: ReportProvenance, evidence: [EvidenceReference: Evidence] = [:],
            validity: InstrumentValidity? = nil, validityStale: Bool = false, origins: OriginTables? = nil
        ) {
            self.origins = origins
            self.tables = tables
            self.provenance = provenance
            self.evidence = evidence
            self.validity = validity
            self.validityStale = validityStale
        }

        public var citationContext: CitationContext {
            CitationContext(
                slantVersion: provenance.slantVersion, corpusDigest: tables.corpusDigest,
                lexicons: provenance.lexicons.map(\.label), models: tables.facts.models.map(\.label),
                generatedAt: provenance.generatedAt)
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
            ReportFile(path: "data/origins.csv", contents: OriginReport.outletTable(input).text),
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
        func csv(_ path: String, header: [String], rows: @escaping (ArticleMeasures) -> [[CSVCell]]) -> StreamedReportFile {
            StreamedReportFile(path: path) { append in
                append(DataTables.line(header.map(CSVCell.text)))
                for article in articles {
                    for row in rows(article) { append(DataTables.line(row)) }
                }
            }
        }
        return [
            csv("data/articles.csv", header: DataTables.articleHeader + OriginReport.articleHeader) { article in
                [DataTables.articleRow(article) + OriginReport.articleCells(input.origins?.origins[article.id])]
            },
            csv("data/term_counts.csv", header: DataTables.termCountHeader, rows: DataTables.termCountRows),
            csv("data/loaded_counts.csv", header: DataTables.loadedCountHeader) { DataTables.loadedCountRows($0, facts: input.tables.facts) },
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
            "models": .array(tables.facts.models.map { model in
                .object([
                    "id": .string(model.id), "path": .string(model.path), "digest": .string(model.digest.hex),
                    "languages": .array(model.languages.map(JSON.string)), "summary": .string(model.summary),
                ])
            }),
            "measures": .array(tables.coverage.map { coverage in
                .object([
                    "lexicon": .string(coverage.lexicon), "measure": .string(coverage.measure.rawValue),
                    "languages": .array(coverage.languages.map(JSON.string)), "articles": .int(coverage.articles),
                    "covered": .int(coverage.covered),
                    "other_languages": .object(coverage.otherLanguages.sorted { $0.key < $1.key }.map { JSONField($0.key, .int($0.value)) }),
                    "unknown_language": .int(coverage.unknownLanguage), "notes": .array(coverage.notes.map(JSON.string)),
                ])
            }),
            "stopwords": .array(tables.stopwords.map { .object(["language": .string($0.language), "source": .string($0.source), "words": .int($0.words.count)]) }),
            "warnings": .array(tables.warnings.map(JSON.string)),
            "method": .object([
                "resampling_unit": .string("article"),
                "interval": .string("95% percentile interval of the Poisson bootstrap: in each replicate every article weighs Poisson(1), its weights drawn from its id alone, so replicate sums are sums over articles (kept, updated one article at a time, merged across workers)"),
                "resamples": .int(policy.resamples),
                "seed": .string("per article: \"poisson/<article id>\"; per contrast permutation test: its ID without the lexicon (SplitMix64)"),
                "measures": .string("each lexicon is its own measure, over the articles in its languages only (articles of unknown language are left out of a lexicon that declares languages); loaded language, epistemic framing and labels are never added together"),
                "ids": .string("<kind>/<lexicon>/<outlet>/...; the same ID without the lexicon is an alias when no other statistic of the report would have it"),
                "minimum_articles": .int(policy.minimumArticles),
                "minimum_occurrences": .int(policy.minimumOccurrences),
                "contrasts": .string("difference of ratios of sums; interval from the two outlets' replicates; two-sided permutation p-value when the two outlets have at most \(Statistics.permutationLimit) articles together, else the bootstrap p-value (twice the smaller share of replicate differences on either side of 0); Benjamini–Hochberg across the report's contrasts"),
                "keyness": .string("Dunning log-likelihood G² and log ratio, outlet against the rest, outlet's own voice, minimum frequency \(policy.minimumKeynessFrequency), G² ≥ \(policy.minimumKeynessG2)"),
            ]),
            "validity": ValidityReport.json(input),
            "origins": OriginReport.json(input),
            "articles": .int(tables.articles.count),
            "excluded": .int(tables.excluded.count),
            "statistics": .array(tables.statistics.map { object($0, context: input.citationContext) }),
        ])
    }

    public static func object(_ statistic: Statistic, context: CitationContext) -> JSON {
        .object([
            "id": .string(statistic.id),
            "aliases": .array(statistic.aliases.map(JSON.string)),
            "kind": .string(statistic.kind.rawValue),
            "lexicon": .string(statistic.lexicon),
            "lexicon_measure": .string(statistic.lexiconMeasure?.rawValue),
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
            "metric": .string(statistic.metric),
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

/// The tidy tables of `reports/data/`, for R, pandas or a spreadsheet: counts, weights, values and
/// offsets are numbers; only text cells are neutralised against spreadsheet formulas.
enum DataTables {
    /// One CSV line: the cells comma-separated, ending in CRLF (as ``CSVTable/text``).
    static func line(_ cells: [CSVCell]) -> String { CSVTable.line(cells) }

    static let articleHeader = [
        "id", "outlet", "published", "title", "url", "source", "language", "tokens", "authorial_tokens", "quoted_tokens",
        "attributed_tokens", "sentences", "paragraphs", "comments", "comment_tokens", "warnings", "headline_tokens",
    ]

    static func articleRow(_ article: ArticleMeasures) -> [CSVCell] {
        [.text(article.id), .text(article.outlet), .text(article.published ?? ""), .text(article.title ?? ""),
         .text(article.url ?? ""), .text(article.source), .text(article.language ?? ""), .integer(article.tokens),
         .integer(article.tokens(in: .authorial)), .integer(article.tokens(in: .quoted)),
         .integer(article.tokens(in: .attributed)), .integer(article.sentences), .integer(article.paragraphs),
         .integer(article.comments), .integer(article.commentTokens), .text(article.warnings.joined(separator: " ")),
         .integer(article.tokens(in: .headline))]
    }

    static func outlets(_ tables: CorpusTables) -> CSVTable {
        CSVTable(
            header: ["outlet", "articles", "tokens", "authorial_tokens", "quoted_tokens", "attributed_tokens", "sentences",
                     "comments", "comment_tokens", "first_date", "last_date", "headline_tokens"],
            rows: tables.outlets.map { outlet in
                [.text(outlet.outlet), .integer(outlet.articles), .integer(outlet.tokens),
                 .integer(outlet.voiceTokens[.authorial] ?? 0), .integer(outlet.voiceTokens[.quoted] ?? 0),
                 .integer(outlet.voiceTokens[.attributed] ?? 0), .integer(outlet.sentences), .integer(outlet.comments),
                 .integer(outlet.commentTokens), .text(outlet.firstDate ?? ""), .text(outlet.lastDate ?? ""),
                 .integer(outlet.voiceTokens[.headline] ?? 0)]
            })
    }

    static func excluded(_ tables: CorpusTables) -> CSVTable {
        CSVTable(
            header: ["source", "stage", "code", "reason"],
            rows: tables.excluded.map { [.text($0.source), .text($0.stage), .text($0.code), .text($0.reason)] })
    }

    static let termCountHeader = [
        "article", "outlet", "published", "lexicon", "family", "term", "stance", "voice", "distanced", "count",
    ]

    static func termCountRows(_ article: ArticleMeasures) -> [[CSVCell]] {
        article.termCounts.sorted(by: { ($0.lexicon, $0.family, $0.term, $0.voice) < ($1.lexicon, $1.family, $1.term, $1.voice) }).map { count in
            [.text(article.id), .text(article.outlet), .text(article.published ?? ""), .text(count.lexicon), .text(count.family),
             .text(count.term), .text(count.stance), .text(count.voice.voice.rawValue), .text(count.voice.distanced ? "true" : "false"),
             .integer(count.count)]
        }
    }

    static let loadedCountHeader = [
        "article", "outlet", "published", "lexicon", "measure", "category", "own_category", "voice", "distanced", "hits", "weight",
    ]

    /// `own_category` is false for the further categories an entry is also in: those rows repeat hits
    /// of the lexicon counted under their own category, so the lexicon's hits are the sum of the rows
    /// where it is true.
    static func loadedCountRows(_ article: ArticleMeasures, facts: LexiconFacts) -> [[CSVCell]] {
        article.loadedCounts.sorted(by: {
            ($0.lexicon, $0.category, $0.voice, $0.home ? 0 : 1) < ($1.lexicon, $1.category, $1.voice, $1.home ? 0 : 1)
        }).map { count in
            [.text(article.id), .text(article.outlet), .text(article.published ?? ""), .text(count.lexicon),
             .text(facts.lexicon(count.lexicon)?.measure.rawValue ?? ""), .text(count.category),
             .text(count.home ? "true" : "false"), .text(count.voice.voice.rawValue),
             .text(count.voice.distanced ? "true" : "false"), .integer(count.hits), .number(count.weight)]
        }
    }

    static let statisticsHeader = [
        "id", "aliases", "kind", "lexicon", "lexicon_measure", "outlet", "other_outlet", "voice", "family", "term", "stance",
        "category", "word", "value", "unit", "ci_lower", "ci_upper", "n_articles", "n_occurrences", "n_total", "p_value",
        "q_value", "log_ratio", "sufficient", "note", "period", "citation",
    ]

    static func statistics(_ tables: CorpusTables, context: CitationContext) -> CSVTable {
        CSVTable(
            header: statisticsHeader,
            rows: tables.statistics.map { statistic in
                [.text(statistic.id), .text(statistic.aliases.joined(separator: " ")), .text(statistic.kind.rawValue),
                 .text(statistic.lexicon ?? ""), .text(statistic.lexiconMeasure?.rawValue ?? ""), .text(statistic.outlet ?? ""),
                 .text(statistic.otherOutlet ?? ""), .text(statistic.voice?.description ?? ""), .text(statistic.family ?? ""),
                 .text(statistic.term ?? ""), .text(statistic.stance ?? ""), .text(statistic.category ?? ""),
                 .text(statistic.word ?? ""), .number(statistic.value), .text(statistic.unit), .number(statistic.interval?.lower),
                 .number(statistic.interval?.upper), .integer(statistic.articles), .number(statistic.occurrences),
                 .number(statistic.total), .number(statistic.pValue), .number(statistic.qValue), .number(statistic.logRatio),
                 .text(statistic.sufficient ? "true" : "false"), .text(statistic.note ?? ""), .text(statistic.period ?? ""),
                 .text(Citation.render(statistic, context: context, format: .text))]
            })
    }

    static let evidenceHeader = [
        "article", "index", "outlet", "published", "url", "kind", "lexicon", "family_or_category", "term_or_entry", "stance", "text",
        "voice", "distanced", "speaker", "negated", "comment", "sentence", "start", "end", "sentence_text", "in",
    ]

    static func evidenceRow(_ article: ArticleMeasures, index: Int, _ item: Evidence) -> [CSVCell] {
        [.text(article.id), .integer(index), .text(article.outlet), .text(article.published ?? ""), .text(article.url ?? ""),
         .text(item.kind.rawValue), .text(item.lexicon), .text(item.group), .text(item.item), .text(item.stance ?? ""), .text(item.text),
         .text(item.voice.voice.rawValue), .text(item.voice.distanced ? "true" : "false"), .text(item.speaker ?? ""),
         .text(item.negated ? "true" : "false"), .integer(item.comment), .integer(item.sentence), .integer(item.start),
         .integer(item.end), .text(item.sentenceText), .text(item.headlinePart?.rawValue ?? "")]
    }

    static func articleJSON(_ article: ArticleMeasures) -> JSON {
        .object([
            "id": .string(article.id), "outlet": .string(article.outlet), "published": .string(article.published),
            "title": .string(article.title), "url": .string(article.url), "source": .string(article.source),
            "language": .string(article.language),
            "digest": .string(article.digest), "tokens": .int(article.tokens),
            "voice_tokens": .object([
                "authorial": .int(article.tokens(in: .authorial)), "quoted": .int(article.tokens(in: .quoted)),
                "attributed": .int(article.tokens(in: .attributed)), "comment": .int(article.commentTokens),
                "headline": .int(article.tokens(in: .headline)),
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
        CSVTable.line(DataTables.evidenceRow(article, index: index, item))
    }
}
