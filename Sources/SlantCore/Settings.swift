/// Every setting of the pipeline's stages, read from `pipeline.yaml` (`limits:`, `statistics:`,
/// `report:`), with today's values as defaults. Each stage takes its own part; the parts that change
/// what a stage outputs are in that stage's cache key.
public struct PipelineSettings: Sendable, Hashable {
    public var ingest = IngestSettings()
    public var clean = CleanSettings()
    public var segment = SegmentSettings()
    public var statistics = StatisticsPolicy()
    public var report = ReportSettings()
    /// How origins (own writing, republished, agency copy) are found and counted (`origin:`).
    public var origin = OriginSettings()

    public init() {}
}

/// What the ingest stage reads.
public struct IngestSettings: Sendable, Hashable {
    /// A document above this size is refused with a clear error rather than parsed (`limits.max_document_bytes`).
    public var maxDocumentBytes = IngestSettings.defaultMaxDocumentBytes

    public static let defaultMaxDocumentBytes = 64 * 1024 * 1024

    public init(maxDocumentBytes: Int = IngestSettings.defaultMaxDocumentBytes) { self.maxDocumentBytes = maxDocumentBytes }
}

/// What the clean stage keeps, and how much one document may cost it.
public struct CleanSettings: Sendable, Hashable {
    /// A page whose article has fewer words than this is refused as "no article"
    /// (`limits.min_article_words`; plain text is taken as it is).
    public var minimumArticleWords = 10
    /// Every metadata field (title, byline, site, URL, id, ...) is cut to this many characters, with a
    /// `metadata-truncated` warning (`limits.max_metadata_chars`): a 5 MB `<title>` never reaches a report.
    public var maxMetadataCharacters = CleanSettings.defaultMaxMetadataCharacters
    /// A page with more elements (start tags) than this is refused as `too-complex` before it is parsed
    /// (`limits.max_elements`).
    public var maxElements = CleanSettings.defaultMaxElements
    /// A page with an element carrying more attributes than this is refused as `too-complex`
    /// (`limits.max_attributes_per_element`): libxml2's cost grows with the square of one tag's attributes.
    public var maxAttributesPerElement = CleanSettings.defaultMaxAttributesPerElement
    /// A page with more attributes in all than this is refused as `too-complex` (`limits.max_attributes`).
    public var maxAttributes = CleanSettings.defaultMaxAttributes

    public static let defaultMaxMetadataCharacters = 2_000
    public static let defaultMaxElements = 1_000_000
    public static let defaultMaxAttributesPerElement = 1_000
    public static let defaultMaxAttributes = 2_000_000

    public init(
        minimumArticleWords: Int = 10, maxMetadataCharacters: Int = CleanSettings.defaultMaxMetadataCharacters,
        maxElements: Int = CleanSettings.defaultMaxElements,
        maxAttributesPerElement: Int = CleanSettings.defaultMaxAttributesPerElement,
        maxAttributes: Int = CleanSettings.defaultMaxAttributes
    ) {
        self.minimumArticleWords = minimumArticleWords
        self.maxMetadataCharacters = maxMetadataCharacters
        self.maxElements = maxElements
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxAttributes = maxAttributes
    }
}

/// What the segment stage can be told: how long a sentence may be (`limits.max_sentence_tokens`).
///
/// A "sentence" of more than ``maximumSentenceTokens`` tokens (a scraped table, a list, a
/// machine-made page without sentence punctuation) is cut into pieces of at most that many
/// tokens, each ending after the last clause punctuation (`;` `:` `,` a dash, a closing
/// bracket) in the second half of its window, else at the limit; the article carries a
/// `long-sentence-split` warning. News sentences are far shorter (a long one is 60–80 tokens),
/// so the default of 300 never cuts real prose, and it keeps every later per-sentence cost
/// (evidence sentences, voice look-arounds) bounded: the work per document is linear in its size.
public struct SegmentSettings: Sendable, Hashable {
    public static let defaultMaximumSentenceTokens = 300
    /// The smallest cap accepted; smaller values are raised to it.
    public static let minimumSentenceTokens = 20

    public var maximumSentenceTokens: Int

    public init(maximumSentenceTokens: Int = SegmentSettings.defaultMaximumSentenceTokens) {
        self.maximumSentenceTokens = max(Self.minimumSentenceTokens, maximumSentenceTokens)
    }

    /// A digest of the settings, for cache keys.
    public var digest: ContentDigest {
        ContentDigest(ofParts: ["segment-settings", "maximum_sentence_tokens=\(maximumSentenceTokens)"])
    }
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
