import Foundation
import SlantClean
import SlantCore
import SlantIngest
import SlantMeasure
import SlantReport
import SlantStore
import SlantTag
import SlantText

/// What one `slant run` did.
public struct RunSummary: Sendable, Hashable {
    public var found = 0
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public var failed = 0
    /// Documents of the previous run that are no longer in the corpus.
    public var removed = 0
    public var cleaned = 0
    public var tagged = 0
    public var analysed = 0
    public var reportDirectory = ""

    /// `5 found · 1 new · 0 changed · 4 unchanged · 0 failed · cleaned 1 · tagged 1`.
    public var line: String {
        var parts = ["\(found) found", "\(new) new", "\(changed) changed", "\(unchanged) unchanged", "\(failed) failed"]
        if removed > 0 { parts.append("\(removed) removed") }
        parts += ["cleaned \(cleaned)", "tagged \(tagged)"]
        return parts.joined(separator: " · ")
    }
}

/// Options of `slant run`.
public struct RunOptions: Sendable {
    /// Redo every stage for every document, ignoring cached results.
    public var full = false
    /// Replace the store with a new one (the old file is kept as `<store>.old`).
    public var rebuild = false
    public var jobs = Parallel.availableCores

    public init(full: Bool = false, rebuild: Bool = false, jobs: Int = Parallel.availableCores) {
        self.full = full
        self.rebuild = rebuild
        self.jobs = jobs
    }
}

/// `slant run`: every stage from the sources of `pipeline.yaml` to `reports/`, doing only
/// the work the store does not already hold.
///
/// Each stage's output is keyed by the document's digest, the stage's version and the
/// digest of the configuration and lexicons it depends on: a second run with nothing
/// new cleans and tags nothing; one new file costs one document; a lexicon edit re-tags
/// and re-measures every document but cleans none. An unchanged file (same size and
/// modification time as recorded) is not even read.
public final class PipelineRun: @unchecked Sendable {
    public let configuration: PipelineConfiguration
    public let options: RunOptions
    let progress: ProgressReporter

    let ingest: IngestStage
    let clean: CleanStage
    let segment = SegmentStage()
    let tag: TagStage
    let measure = MeasureStage()
    let lexicons: [Lexicon]
    /// The key of cleaned articles (and of failures before tagging).
    let cleanKey: String
    /// The key of measures: everything from cleaning to measuring.
    let analysisKey: String

    public init(configuration: PipelineConfiguration, options: RunOptions = RunOptions(), progress: ProgressReporter) throws {
        self.configuration = configuration
        self.options = options
        self.progress = progress
        lexicons = try LexiconFiles.load(for: configuration)
        ingest = IngestStage(configuration: configuration)
        clean = CleanStage(minimumWords: 10)
        tag = TagStage(lexicons: lexicons)
        cleanKey = ContentDigest(ofParts: [
            IngestStage.name, String(IngestStage.version), ingest.configurationDigest.hex,
            CleanStage.name, String(CleanStage.version), clean.configurationDigest.hex,
        ]).prefix(32)
        analysisKey = ContentDigest(ofParts: [
            cleanKey, SegmentStage.name, String(SegmentStage.version), segment.configurationDigest.hex,
            TagStage.name, String(TagStage.version), tag.configurationDigest.hex,
            MeasureStage.name, String(MeasureStage.version), measure.configurationDigest.hex,
        ]).prefix(32)
    }

    /// What happened to one document of a file.
    struct DocumentOutcome: Sendable {
        enum Status: Sendable { case new, changed, unchanged }
        var source: String
        var digest: String?
        var outletHint: String?
        var status: Status
        var measures: ArticleMeasures?
        var failure: ExcludedDocument?
        var cleanedNow = false
        var taggedNow = false
    }

    /// What one file produced: its documents' outcomes and what to store.
    struct FileOutcome: Sendable {
        var documents: [DocumentOutcome] = []
        var batch = SlantStore.Batch()
    }

    public func run(errors: OutputStream) throws -> RunSummary {
        let started = Self.now()
        let store = try SlantStore(path: configuration.resolve(configuration.store), rebuild: options.rebuild)
        let run = try store.beginRun(at: started)
        let (counts, measures, evidence, members, excluded) = try processFiles(store: store, run: run, errors: errors)
        var summary = counts
        // The loop's parsing freed much more than it keeps; hand those pages back before reporting.
        MemoryTrim.release()
        summary.failed = excluded.count
        summary.analysed = measures.count
        let current = Set(members.map(\.source))
        summary.removed = Set(try store.corpusSources()).subtracting(current).subtracting(excluded.map(\.source)).count

        let reports = try Reporting(store: store, configuration: configuration, lexicons: lexicons)
            .write(measures: consume measures, evidence: evidence, members: members, excluded: excluded, generatedAt: Self.now())
        summary.reportDirectory = reports
        try store.finishRun(
            run, at: Self.now(), corpus: members, failures: excluded, summary: summary.line,
            meta: ["configuration_file": configuration.file, "configuration_digest": configuration.fileDigest.hex])
        return summary
    }

    /// The file loop: every file discovered, looked up or read, and its documents analysed as far as
    /// the store does not already hold them. What only the loop needs (the store's file records and
    /// known digests, the digests and articles seen) is gone when it returns.
    private func processFiles(
        store: SlantStore, run: Int64, errors: OutputStream
    ) throws -> (RunSummary, [ArticleMeasures], EvidenceClasses, [CorpusMember], [ExcludedDocument]) {
        let discovery = try FileDiscovery().files(for: configuration)
        for warning in discovery.warnings { errors.line("slant: \(warning)") }

        var summary = RunSummary()
        var excluded: [ExcludedDocument] = discovery.failures.map(ExcludedDocument.init)
        var measures: [ArticleMeasures] = []
        var evidence = EvidenceClasses()
        var members: [CorpusMember] = []
        var seenDigests: [String: String] = [:]
        var seenArticles: [String: (outlet: String, source: String)] = [:]
        let files = discovery.files
        // What the store knows of files and documents, read once rather than once per file.
        var records = try store.fileRecords()
        var known = try store.knownDigests()
        measures.reserveCapacity(files.count)
        members.reserveCapacity(files.count)
        progress.start(total: files.count, unit: "files")
        let batchSize = max(16, options.jobs * 16)
        var start = 0
        while start < files.count {
            let batch = files[start..<min(start + batchSize, files.count)].map { ($0, records[$0.path]) }
            let seen = known
            let outcomes = Parallel.map(batch, jobs: options.jobs) { file, record in
                self.process(file, record: record, known: seen, store: store)
            }
            var writes = SlantStore.Batch()
            for outcome in outcomes {
                writes.files += outcome.batch.files
                writes.documents += outcome.batch.documents
                writes.cleaned += outcome.batch.cleaned
                writes.failures += outcome.batch.failures
                writes.measures += outcome.batch.measures
                for document in outcome.documents {
                    summary.found += 1
                    switch document.status {
                    case .new: summary.new += 1
                    case .changed: summary.changed += 1
                    case .unchanged: summary.unchanged += 1
                    }
                    if document.cleanedNow { summary.cleaned += 1 }
                    if document.taggedNow { summary.tagged += 1 }
                    if let failure = document.failure {
                        excluded.append(failure)
                        if document.cleanedNow || document.digest == nil { errors.line("slant: \(failure.source): \(failure.reason)") }
                        continue
                    }
                    guard var article = document.measures, let digest = document.digest else { continue }
                    if let first = seenDigests[digest] {
                        excluded.append(ExcludedDocument(source: document.source, stage: "ingest", code: "duplicate", reason: "the same document as \(first), counted once"))
                        continue
                    }
                    seenDigests[digest] = document.source
                    article.outlet = OutletResolver.outlet(
                        hint: document.outletHint,
                        metadata: DocumentMetadata(site: article.site, url: article.url),
                        source: SourceLocator(path: document.source))
                    article.source = document.source
                    article.digest = digest
                    // The same article twice in one outlet (two pages, one text) counts once; the same
                    // article in two outlets (syndication) counts for each, under an id made unique.
                    if let first = seenArticles[article.id] {
                        if first.outlet == article.outlet {
                            excluded.append(ExcludedDocument(source: document.source, stage: "clean", code: "duplicate", reason: "the same article as \(first.source), counted once"))
                            continue
                        }
                        article.id += "-" + Slug.make(article.outlet)
                    }
                    seenArticles[article.id] = (article.outlet, document.source)
                    // Held for the aggregate: the evidence items compactly, apart from the measures.
                    evidence.add(article.evidence, article: article.id)
                    article.evidence = []
                    measures.append(article)
                    members.append(CorpusMember(
                        digest: digest, source: document.source, outlet: article.outlet, analysisKey: analysisKey,
                        articleID: article.id))
                }
            }
            try store.write(writes, run: run)
            for document in writes.documents { known.insert(document.digest) }
            start += batch.count
            progress.advance(by: batch.count)
        }
        progress.finish()
        records = [:]
        known = []
        return (summary, measures, evidence, members, excluded)
    }

    // MARK: - One file

    /// Reads a file only when the store cannot answer for it, and does for each of its
    /// documents only the stages whose results are not stored.
    func process(_ file: DiscoveredFile, record: FileRecord?, known: Set<String>, store: SlantStore) -> FileOutcome {
        var outcome = FileOutcome()
        let stamp = FileStamp.of(file.absolutePath)
        var documents: [StoredDocument]
        var raws: [String: RawDocument] = [:]
        if !options.full, let record, let stamp, record.size == stamp.size, record.modified == stamp.modified {
            documents = record.documents
        } else {
            let read = readDocuments(file)
            switch read {
            case .failure(let error):
                outcome.documents.append(DocumentOutcome(
                    source: error.source.description, digest: nil, outletHint: file.outlet,
                    status: record == nil ? .new : .changed, failure: ExcludedDocument(error)))
                return outcome
            case .success(let results):
                documents = []
                for result in results {
                    switch result {
                    case .success(let raw):
                        let digest = raw.digest.hex
                        raws[digest] = raw
                        documents.append(StoredDocument(digest: digest, source: raw.source.description, outletHint: raw.outletHint))
                    case .failure(let error):
                        outcome.documents.append(DocumentOutcome(
                            source: error.source.description, digest: nil, outletHint: file.outlet, status: .new,
                            failure: ExcludedDocument(error)))
                    }
                }
            }
            if let stamp {
                outcome.batch.files.append(FileRecord(
                    path: file.path, size: stamp.size, modified: stamp.modified, format: file.format.rawValue, documents: documents))
            }
        }
        let previousDigests = Set(record?.documents.map(\.digest) ?? [])
        for document in documents {
            let status: DocumentOutcome.Status =
                previousDigests.contains(document.digest) || known.contains(document.digest)
                ? .unchanged : (record == nil ? .new : .changed)
            var result = DocumentOutcome(source: document.source, digest: document.digest, outletHint: document.outletHint, status: status)
            if status != .unchanged || !known.contains(document.digest) {
                outcome.batch.documents.append((document.digest, document.source, file.format.rawValue))
            }
            analyse(document, file: file, raws: &raws, store: store, into: &result, batch: &outcome.batch)
            outcome.documents.append(result)
        }
        return outcome
    }

    private func readDocuments(_ file: DiscoveredFile) -> Result<[Result<RawDocument, DocumentError>], DocumentError> {
        switch FileReader().read(file, maxBytes: ingest.readLimit(for: file.format)) {
        case .failure(let error): return .failure(error)
        case .success(let input):
            do {
                return .success(try ingest.process(input))
            } catch {
                return .failure(error)
            }
        }
    }

    /// The measures of one document: stored ones, else from its stored cleaned article, else from scratch.
    private func analyse(
        _ document: StoredDocument, file: DiscoveredFile, raws: inout [String: RawDocument], store: SlantStore,
        into result: inout DocumentOutcome, batch: inout SlantStore.Batch
    ) {
        let digest = document.digest
        if !options.full {
            if let stored = (try? store.measures(digest: digest, key: analysisKey)) ?? nil {
                result.measures = stored
                return
            }
            if let failure = (try? store.failure(digest: digest, key: cleanKey)) ?? nil {
                result.failure = ExcludedDocument(source: document.source, stage: failure.stage, code: failure.code, reason: failure.reason)
                return
            }
        }
        var article = options.full ? nil : (try? store.article(digest: digest, key: cleanKey)) ?? nil
        if article == nil {
            if raws[digest] == nil, case .success(let results) = readDocuments(file) {
                for case .success(let raw) in results { raws[raw.digest.hex] = raw }
            }
            guard let raw = raws[digest] else {
                result.failure = ExcludedDocument(
                    source: document.source, stage: "ingest", code: "changed",
                    reason: "the file changed while it was being read; it will be read again on the next run")
                return
            }
            do {
                let cleaned = try clean.process(raw)
                article = cleaned
                batch.cleaned.append((digest, cleanKey, cleaned))
                result.cleanedNow = true
            } catch {
                let failure = ExcludedDocument(error)
                batch.failures.append((digest, cleanKey, failure))
                result.failure = failure
                result.cleanedNow = true
                return
            }
        }
        guard let article else { return }
        do {
            let tagged = try tag.process(try segment.process(article))
            let identity = CleanedDocument.articleID(article, given: raws[digest]?.metadata.id)
            let measured = try measure.process(
                MeasureInput(id: identity, outlet: document.outletHint ?? "", digest: ContentDigest(hex: digest), tagged: tagged))
            batch.measures.append((digest, analysisKey, measured))
            // The corpus is held in memory for the aggregate without what the store keeps apart.
            result.measures = measured.withoutWordsAndSentences
            result.taggedNow = true
        } catch {
            result.failure = ExcludedDocument(error)
        }
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }
}

/// The command-line face of ``PipelineRun``: loads the configuration, runs, prints the summary.
public enum PipelineCommand {
    public static func run(
        configurationPath: String, options: RunOptions, output: OutputStream, errors: OutputStream
    ) -> Int32 {
        defer {
            output.flush()
            errors.flush()
        }
        let configuration: PipelineConfiguration
        do {
            configuration = try ConfigurationLoader.load(configurationPath)
        } catch {
            errors.line(error.description.hasPrefix(configurationPath) ? error.description : "slant: \(error)")
            return 2
        }
        do {
            let progress = ProgressReporter(stream: errors)
            let summary = try PipelineRun(configuration: configuration, options: options, progress: progress).run(errors: errors)
            output.line(summary.line)
            output.line("reports in \(summary.reportDirectory)/")
            return 0
        } catch let error as ConfigurationErrors {
            errors.line(error.description)
            return 2
        } catch let error as LexiconFiles.Failure {
            errors.line(error.description)
            return 2
        } catch let error as StoreError {
            errors.line("slant: \(error)")
            return 1
        } catch {
            errors.line("slant: \(error)")
            return 1
        }
    }
}

/// Gives the pages that freed allocations leave in malloc's arenas back to the system: glibc keeps
/// them in each thread's arena, so memory freed by the file loop's worker threads would otherwise
/// stay resident under everything the report phase allocates. glibc's `malloc_trim`, looked up at run
/// time; nothing where it does not exist.
enum MemoryTrim {
    static func release() {
        #if os(Linux)
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        typealias Trim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
