import SlantClean
import SlantCore
import SlantIngest
import SlantMeasure
import SlantModel
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
    /// The sentence models the configuration names (`models:`), each an extra measure.
    public let models: [SentenceClassifier]
    public let ingest: IngestStage
    public let clean: CleanStage
    public let segment: SegmentStage
    public let tag: TagStage
    public let measure: MeasureStage
    /// The sentence models' predictions (run only when the configuration names a model).
    public let model: ModelStage
    public let aggregate: AggregateStage
    public let report: ReportStage
    /// The key of cleaned articles (and of documents that failed before tagging): ingest, then clean.
    public let cleanKey: String
    /// The key of measures: ingest, clean, segment, tag, the sentence models (when any is configured:
    /// their files' digests), measure.
    public let analysisKey: String
    /// Each source's compiled `filter:`.
    public let filters: SourceFilters

    /// Stored keys are the first 32 hex digits of the chained digest.
    static let storedKeyLength = 32

    public init(configuration: PipelineConfiguration, lexicons: [Lexicon], models: [SentenceClassifier] = []) {
        self.configuration = configuration
        self.lexicons = lexicons
        self.models = models
        let settings = configuration.settings
        ingest = IngestStage(settings: settings.ingest)
        clean = CleanStage(settings: settings.clean)
        segment = SegmentStage(settings: settings.segment)
        tag = TagStage(lexicons: lexicons)
        measure = MeasureStage()
        model = ModelStage(classifiers: models)
        aggregate = AggregateStage(policy: settings.statistics)
        report = ReportStage(settings: settings.report)
        let cleaned = clean.cacheKey(after: ingest.cacheKey(after: StageKey.document))
        let tagged = tag.cacheKey(after: segment.cacheKey(after: cleaned))
        let measured = measure.cacheKey(after: models.isEmpty ? tagged : model.cacheKey(after: tagged))
        cleanKey = cleaned.prefix(Self.storedKeyLength)
        analysisKey = measured.prefix(Self.storedKeyLength)
        filters = SourceFilters(configuration: configuration, lexicons: lexicons)
    }

    /// The definition of a configuration file's pipeline, with the lexicons and sentence models it
    /// names; the problems of every lexicon and model file are reported together. A source's
    /// `filter:` that names a lexicon the configuration does not load is refused here.
    public static func load(_ configuration: PipelineConfiguration) throws(LexiconFiles.Failure) -> PipelineDefinition {
        var messages: [String] = []
        var lexicons: [Lexicon] = []
        var models: [SentenceClassifier] = []
        do {
            lexicons = try LexiconFiles.load(for: configuration)
        } catch {
            messages += error.messages
        }
        do {
            models = try ModelFiles.load(for: configuration)
        } catch {
            messages += error.messages
        }
        if !messages.isEmpty { throw LexiconFiles.Failure(messages: messages) }
        let definition = PipelineDefinition(configuration: configuration, lexicons: lexicons, models: models)
        if !definition.filters.problems.isEmpty { throw LexiconFiles.Failure(messages: definition.filters.problems) }
        return definition
    }

    /// What the statistics need to know of the lexicons and the sentence models.
    public var facts: LexiconFacts {
        var facts = LexiconFacts(lexicons)
        facts.models = models.map {
            SentenceModelFacts(id: $0.id, path: $0.path, digest: $0.digest, languages: $0.model.languages, summary: $0.model.summary)
        }
        return facts
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
