import Foundation
import SlantCore
import SlantIngest
import SlantReport
import SlantStore

/// One unit of work of a shared store (`slant worker`): a file of the configured sources, with
/// everything a report needs of it — each document's cleaned article and full measures, or why it
/// failed — made apart from any store, so that it can be written in one transaction wherever it goes.
public struct UnitResult: Sendable, Codable, Hashable {
    /// The file's path as discovery gives it (relative to the configuration's directory).
    public var path: String
    public var format: String
    /// The file's documents, in the order the file holds them.
    public var documents: [UnitDocument]
    /// What could not be read: the file itself, or its records that could not.
    public var failures: [ExcludedDocument]
    /// Documents the source's `filter:` dropped.
    public var filtered: Int

    public init(path: String, format: String, documents: [UnitDocument], failures: [ExcludedDocument], filtered: Int) {
        self.path = path
        self.format = format
        self.documents = documents
        self.failures = failures
        self.filtered = filtered
    }
}

/// A document of a unit: where it lies, its content digest, and its analysis or failure.
public struct UnitDocument: Sendable, Codable, Hashable {
    public var source: String
    public var digest: String
    /// The outlet the document's own record names (JSON Lines).
    public var recordOutlet: String?
    /// The id the input gave the article, if any.
    public var givenID: String?
    /// The cleaned article (what origin signatures are made from); nil when cleaning failed.
    public var article: Article?
    /// The measures, with their words and evidence sentences; nil when the document failed.
    public var measures: ArticleMeasures?
    public var failure: ExcludedDocument?
}

/// `slant run` refuses a `store:` that names a PostgreSQL server: its work is done by workers.
public struct SharedStoreRun: Error, CustomStringConvertible {
    public var url: String
    public var description: String {
        "`store:` names a PostgreSQL server; with a shared store the corpus is analysed by `slant worker` (after `slant queue`) and the reports are written by `slant report` (README, \"PostgreSQL: many workers, one store\")"
    }
}

extension PipelineConfiguration {
    /// The SQLite store the commands that read a store open: `store:` itself, or for a shared store the
    /// local copy that `slant report` made of it (`.slant/shared-report.sqlite`).
    public var localStorePath: String {
        sharedStoreURL == nil ? resolve(store) : resolve(Self.sharedReportStore)
    }

    /// Where `slant report` keeps its local copy of a shared store.
    public static let sharedReportStore = ".slant/shared-report.sqlite"
}

extension PipelineRun {
    /// Analyses one file as `slant run` does (the same stages, the same per-document error policy),
    /// without a store's cached results: `scratch` is a store of the worker's own, which the stages
    /// consult and which is never written. A WARC file is streamed a batch of pages at a time, each
    /// batch on every core.
    public func analyseUnit(_ file: DiscoveredFile, scratch: SlantStore) -> UnitResult {
        var documents: [UnitDocument] = []
        var failures: [ExcludedDocument] = []
        var filtered = 0
        if file.format.isArchive {
            var pending: [RawDocument] = []
            func flush() {
                guard !pending.isEmpty else { return }
                let analysed = Parallel.map(pending, jobs: options.jobs) { raw -> (DocumentOutcome, SlantStore.Batch) in
                    let digest = raw.digest.hex
                    let document = StoredDocument(digest: digest, source: raw.source.description, recordOutlet: nil)
                    var outcome = DocumentOutcome(source: document.source, digest: digest, status: .new)
                    var batch = SlantStore.Batch()
                    var raws = [digest: raw]
                    self.analyse(document, file: file, raws: &raws, store: scratch, into: &outcome, batch: &batch)
                    return (outcome, batch)
                }
                for (outcome, batch) in analysed {
                    documents += Self.unitDocuments([outcome], batch: batch)
                }
                pending.removeAll(keepingCapacity: true)
            }
            let read = definition.archiveIngest(for: file).forEach(absolutePath: file.absolutePath, path: file.path) { item in
                switch item {
                case .document(let raw):
                    pending.append(raw)
                    if pending.count >= Self.archiveBatchSize { flush() }
                case .failure(let error): failures.append(ExcludedDocument(error))
                case .filtered: filtered += 1
                case .skipped: break
                }
            }
            flush()
            if case .failure(let error) = read { failures.append(ExcludedDocument(error)) }
        } else {
            let outcome = process(file, record: nil, known: [:], store: scratch)
            filtered = outcome.filtered
            failures = outcome.documents.filter { $0.digest == nil }.compactMap(\.failure)
            documents = Self.unitDocuments(outcome.documents.filter { $0.digest != nil }, batch: outcome.batch)
        }
        return UnitResult(path: file.path, format: file.format.rawValue, documents: documents, failures: failures, filtered: filtered)
    }

    /// The documents of outcomes with their full measures and cleaned articles from `batch`.
    private static func unitDocuments(_ outcomes: [DocumentOutcome], batch: SlantStore.Batch) -> [UnitDocument] {
        var measures: [String: ArticleMeasures] = [:]
        for item in batch.measures { measures[item.digest] = item.measures }
        var articles: [String: Article] = [:]
        for item in batch.cleaned { articles[item.digest] = item.article }
        return outcomes.compactMap { outcome in
            guard let digest = outcome.digest else { return nil }
            return UnitDocument(
                source: outcome.source, digest: digest, recordOutlet: outcome.recordOutlet, givenID: outcome.givenID,
                article: articles[digest], measures: outcome.failure == nil ? measures[digest] : nil, failure: outcome.failure)
        }
    }
}

/// The report of a corpus analysed as units elsewhere (by `slant worker`s into a shared store): the
/// units are written into a new local SQLite store, then the run ends as `slant run` ends — the
/// same duplicate resolution, origins, aggregate and reports — so that the same corpus gives the same
/// `statistics.json` through either store, whatever the order the units were analysed in.
public final class UnitReport {
    let run: PipelineRun
    let store: SlantStore
    let runID: Int64
    var loop = PipelineRun.LoopResult()
    let cleanKey: String
    let analysisKey: String

    /// Starts a new local store at `path` (replacing what is there). `observer` is told what a run
    /// tells: the warnings (an outlet assumed from a folder, say) and the documents left out.
    public init(definition: PipelineDefinition, storePath: String, observer: any PipelineObserver = SilentObserver()) throws {
        run = PipelineRun(definition: definition, options: RunOptions(full: true), observer: observer)
        try ReportWriter(directory: definition.configuration.resolve(definition.configuration.reports)).checkDirectory()
        let directory = (storePath as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: storePath + suffix) {
            try FileManager.default.removeItem(atPath: storePath + suffix)
        }
        store = try SlantStore(path: storePath)
        runID = try store.beginRun(at: PipelineRun.now())
        cleanKey = definition.cleanKey
        analysisKey = definition.analysisKey
    }

    /// Adds one unit, whose file the configuration gives `outlet`. Units must come in the order
    /// `slant run` reads files: discovery order, WARC files last.
    public func add(_ unit: UnitResult, outlet: String?) throws {
        let format = InputFormat(rawValue: unit.format) ?? .html
        var outcome = PipelineRun.FileOutcome(
            file: DiscoveredFile(path: unit.path, absolutePath: unit.path, format: format, outlet: outlet, specificationIndex: 0))
        outcome.filtered = unit.filtered
        for failure in unit.failures {
            outcome.documents.append(PipelineRun.DocumentOutcome(source: failure.source, status: .new, failure: failure))
        }
        var seen = Set<String>()
        for document in unit.documents {
            if seen.insert(document.digest).inserted {
                outcome.batch.documents.append((document.digest, document.source, unit.format))
                if let article = document.article { outcome.batch.cleaned.append((document.digest, cleanKey, article)) }
                if let measures = document.measures { outcome.batch.measures.append((document.digest, analysisKey, measures)) }
            }
            outcome.documents.append(PipelineRun.DocumentOutcome(
                source: document.source, digest: document.digest, recordOutlet: document.recordOutlet, status: .new,
                measures: document.measures?.withoutWordsAndSentences, givenID: document.givenID, failure: document.failure))
        }
        var writes = SlantStore.Batch()
        run.absorb(outcome, into: &loop, writes: &writes, known: [:], run: runID)
        try store.write(writes, run: runID)
    }

    /// Writes the reports and records the corpus in the local store.
    public func finish() throws -> RunSummary {
        let result = loop
        loop = PipelineRun.LoopResult()
        return try run.publish(result, store: store, run: runID)
    }
}
