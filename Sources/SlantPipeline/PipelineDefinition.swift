import SlantClean
import SlantCore
import SlantIngest
import SlantMeasure
import SlantReport
import SlantTag
import SlantText

/// The one definition of the pipeline: every stage with its settings, made from a configuration and
/// its lexicons, and the cache keys derived from them. `run`, `watch`, `extract`, `analyze` and
/// `report` all build their stages here, so that a setting of `pipeline.yaml` means the same thing to
/// every command.
///
/// A cached result is stored under the key of the last stage it passed, and each key is derived from
/// the stage's name, version and settings digest and from the key of its input
/// (``Stage/cacheKey(after:)``), starting from ``StageKey/document``: no key is written out by hand.
public struct PipelineDefinition: Sendable {
    public let configuration: PipelineConfiguration
    public let lexicons: [Lexicon]
    public let ingest: IngestStage
    public let clean: CleanStage
    public let segment: SegmentStage
    public let tag: TagStage
    public let measure: MeasureStage
    public let aggregate: AggregateStage
    public let report: ReportStage
    /// The key of cleaned articles (and of documents that failed before tagging): ingest, then clean.
    public let cleanKey: String
    /// The key of measures: ingest, clean, segment, tag, measure.
    public let analysisKey: String
    /// Each source's compiled `filter:`.
    public let filters: SourceFilters

    /// Stored keys are the first 32 hex digits of the chained digest.
    static let storedKeyLength = 32

    public init(configuration: PipelineConfiguration, lexicons: [Lexicon]) {
        self.configuration = configuration
        self.lexicons = lexicons
        let settings = configuration.settings
        ingest = IngestStage(settings: settings.ingest)
        clean = CleanStage(settings: settings.clean)
        segment = SegmentStage(settings: settings.segment)
        tag = TagStage(lexicons: lexicons)
        measure = MeasureStage()
        aggregate = AggregateStage(policy: settings.statistics)
        report = ReportStage(settings: settings.report)
        let cleaned = clean.cacheKey(after: ingest.cacheKey(after: StageKey.document))
        let measured = measure.cacheKey(after: tag.cacheKey(after: segment.cacheKey(after: cleaned)))
        cleanKey = cleaned.prefix(Self.storedKeyLength)
        analysisKey = measured.prefix(Self.storedKeyLength)
        filters = SourceFilters(configuration: configuration, lexicons: lexicons)
    }

    /// The definition of a configuration file's pipeline, with the lexicons it names.
    /// A source's `filter:` that names a lexicon the configuration does not load is refused here.
    public static func load(_ configuration: PipelineConfiguration) throws(LexiconFiles.Failure) -> PipelineDefinition {
        let definition = PipelineDefinition(configuration: configuration, lexicons: try LexiconFiles.load(for: configuration))
        if !definition.filters.problems.isEmpty { throw LexiconFiles.Failure(messages: definition.filters.problems) }
        return definition
    }

    /// The WARC ingest of a file found by the configuration's sources: its source's filter applies.
    public func archiveIngest(for file: DiscoveredFile?) -> WARCIngest {
        WARCIngest(maxDocumentBytes: ingest.maxDocumentBytes, filter: file.flatMap { filters.filter(for: $0) })
    }

    /// Ingest and clean, as every command that reads documents runs them.
    public var documentFlow: DocumentFlow { DocumentFlow(ingest: ingest, clean: clean) }

    /// The lexicons as reports and citations record them.
    public var lexiconProvenance: [LexiconProvenance] {
        lexicons.map { LexiconProvenance(path: $0.path, id: $0.id, version: $0.version, digest: $0.digest) }
    }
}
