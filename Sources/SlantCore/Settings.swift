/// Every setting of the pipeline's stages, read from `pipeline.yaml` (`limits:`, `statistics:`,
/// `report:`), with today's values as defaults. Each stage takes its own part; the parts that change
/// what a stage outputs are in that stage's cache key.
public struct PipelineSettings: Sendable, Hashable {
    public var ingest = IngestSettings()
    public var clean = CleanSettings()
    public var statistics = StatisticsPolicy()
    public var report = ReportSettings()

    public init() {}
}

/// What the ingest stage reads.
public struct IngestSettings: Sendable, Hashable {
    /// A document above this size is refused with a clear error rather than parsed (`limits.max_document_bytes`).
    public var maxDocumentBytes = IngestSettings.defaultMaxDocumentBytes

    public static let defaultMaxDocumentBytes = 64 * 1024 * 1024

    public init(maxDocumentBytes: Int = IngestSettings.defaultMaxDocumentBytes) { self.maxDocumentBytes = maxDocumentBytes }
}

/// What the clean stage keeps.
public struct CleanSettings: Sendable, Hashable {
    /// A page whose article has fewer words than this is refused as "no article"
    /// (`limits.min_article_words`; plain text is taken as it is).
    public var minimumArticleWords = 10

    public init(minimumArticleWords: Int = 10) { self.minimumArticleWords = minimumArticleWords }
}

/// How statistics are computed and when a figure is too thin to rely on (`statistics:`).
public struct StatisticsPolicy: Sendable, Hashable {
    /// Poisson bootstrap replicates (`statistics.resamples`).
    public var resamples = 2_000
    /// Below this many articles, no interval is given and the figure is marked insufficient (`statistics.min_articles`).
    public var minimumArticles = 3
    /// Below this many occurrences of a family (term shares) or of stance-bearing terms, likewise
    /// (`statistics.min_occurrences`).
    public var minimumOccurrences = 5
    /// Keyness: a word must occur at least this often in the outlet (`statistics.keyness.min_frequency`).
    public var minimumKeynessFrequency = 5
    /// Keyness: G² at least this (3.84: p < 0.05 with one degree of freedom) (`statistics.keyness.min_g2`).
    public var minimumKeynessG2 = 3.84
    /// Keyness: the number of distinctive words listed per outlet (`statistics.keyness.words`).
    public var keynessWords = 25
    /// Evidence references kept per statistic (all of them are in `data/evidence.csv`)
    /// (`statistics.evidence_per_statistic`).
    public var evidencePerStatistic = 50
    /// Keyness: stop lists by language replacing the bundled Snowball ones (`statistics.keyness.stopwords`;
    /// a nil path removes a language's list).
    public var stopwords: [ConfiguredStopList] = []

    public init() {}

    public var digest: ContentDigest {
        ContentDigest(ofParts: [
            "min-articles", String(minimumArticles), "min-occurrences", String(minimumOccurrences),
            "keyness-frequency", String(minimumKeynessFrequency), "keyness-g2", String(minimumKeynessG2),
            "keyness-words", String(keynessWords), "resamples", String(resamples),
        ] + stopwords.flatMap { ["stopwords", $0.language, $0.path ?? "none"] })
    }
}

/// How much the reports show (`report:`).
public struct ReportSettings: Sendable, Hashable {
    /// Sentences shown per figure in the HTML report's evidence panels (`report.evidence_rows`);
    /// every occurrence is in `data/evidence.csv`.
    public var evidenceRows = 12

    public init(evidenceRows: Int = 12) { self.evidenceRows = evidenceRows }
}
