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
    /// Documents that could not be analysed (empty, binary, no article, ...).
    public var failed = 0
    /// Documents that are another document of the corpus again, counted once.
    public var duplicates = 0
    /// Documents of the previous run whose files are no longer in the corpus.
    public var removed = 0
    /// Documents (WARC records, pages) that their source's `filter:` dropped before parsing.
    public var filtered = 0
    public var cleaned = 0
    public var tagged = 0
    public var analysed = 0
    public var reportDirectory = ""

    public init() {}

    /// `5 found · 1 new · 0 changed · 4 unchanged · 0 failed · cleaned 1 · tagged 1`; duplicates and
    /// removed documents are named when there are any.
    public var line: String {
        var parts = ["\(found) found", "\(new) new", "\(changed) changed", "\(unchanged) unchanged", "\(failed) failed"]
        if duplicates > 0 { parts.append("\(duplicates) duplicate\(duplicates == 1 ? "" : "s")") }
        if removed > 0 { parts.append("\(removed) removed") }
        if filtered > 0 { parts.append("\(filtered) filtered out") }
        parts += ["cleaned \(cleaned)", "tagged \(tagged)"]
        return parts.joined(separator: " · ")
    }
}

/// Options of `slant run`.
public struct RunOptions: Sendable {
    /// Redo every stage for every document, ignoring cached results.
    public var full = false
    /// Replace the store with a new one (an existing Slant store is kept as `<store>.old`).
    public var rebuild = false
    public var jobs = Parallel.availableCores

    public init(full: Bool = false, rebuild: Bool = false, jobs: Int = Parallel.availableCores) {
        self.full = full
        self.rebuild = rebuild
        self.jobs = jobs
    }
}

/// `slant run`: every stage from the sources of `pipeline.yaml` to `reports/`, doing only the work
/// the store does not already hold.
///
/// Each stage's output is stored under the key ``PipelineDefinition`` derives for it: a second run
/// with nothing new cleans and tags nothing; one new file costs one document; a lexicon edit re-tags
/// and re-measures every document but cleans none. An unchanged file (same size and modification time
/// as recorded) is not even read. What is not content — which outlet a file belongs to, where it lies —
/// is joined at each run from the configuration, so renaming an outlet needs no re-analysis.
public final class PipelineRun: @unchecked Sendable {
    public let definition: PipelineDefinition
    public let options: RunOptions
    let observer: any PipelineObserver

    public init(definition: PipelineDefinition, options: RunOptions = RunOptions(), observer: any PipelineObserver = SilentObserver()) {
        self.definition = definition
        self.options = options
        self.observer = observer
    }

    var configuration: PipelineConfiguration { definition.configuration }

    /// What happened to one document of a file.
    struct DocumentOutcome: Sendable {
        enum Status: Sendable { case new, changed, unchanged }
        var source: String
        var digest: String?
        /// The outlet the document's own record names (JSON Lines).
        var recordOutlet: String?
        var status: Status
        var measures: ArticleMeasures?
        /// The id the input gave the article, if any.
        var givenID: String?
        var failure: ExcludedDocument?
        var cleanedNow = false
        var taggedNow = false
    }

    /// What one file produced: its documents' outcomes and what to store.
    struct FileOutcome: Sendable {
        var file: DiscoveredFile
        var firstRun: Int64?
        var documents: [DocumentOutcome] = []
        var batch = SlantStore.Batch()
        /// Documents the source's filter dropped.
        var filtered = 0
    }

    /// A document that was analysed, with what decides which copy of a duplicate is kept.
    struct Candidate {
        var member: CorpusMember
        var measures: ArticleMeasures
        var givenID: String?
        /// What the outlet's name was taken from (a folder's name is a guess the run says aloud).
        var outletBasis: OutletBasis
        /// The run that first saw the document's digest, and the file's path (the earlier wins).
        var documentFirstRun: Int64
        var fileFirstRun: Int64

        var rank: (Int64, Int64, String) { (documentFirstRun, fileFirstRun, member.source) }
    }

    public func run() throws -> RunSummary {
        let started = Self.now()
        if let url = configuration.sharedStoreURL { throw SharedStoreRun(url: url) }
        try ReportWriter(directory: configuration.resolve(configuration.reports)).checkDirectory()
        let store = try SlantStore(path: configuration.resolve(configuration.store), rebuild: options.rebuild)
        try warnAboutLexiconVersions(store)
        let run = try store.beginRun(at: started)
        return try publish(try processFiles(store: store, run: run), store: store, run: run)
    }

    /// The rest of a run once its files are processed: duplicates counted once, the report written
    /// and the run recorded (also the end of a report made from a shared store's units).
    func publish(_ loop: consuming LoopResult, store: SlantStore, run: Int64) throws -> RunSummary {
        var summary = loop.summary
        // The loop's parsing freed much more than it keeps; hand those pages back before reporting.
        MemoryTrim.release()
        // The candidates are dropped once the corpus is made of them, so that the corpus holds the only
        // reference to their measures (and stripping their evidence below frees it).
        var candidates: [Candidate] = []
        swap(&candidates, &loop.candidates)
        var assumed: [String: OutletBasis] = [:]
        for candidate in candidates where candidate.outletBasis.isAssumed {
            assumed[candidate.member.source] = candidate.outletBasis
        }
        var corpus = Self.resolveDuplicates(candidates, run: run)
        candidates = []
        for warning in Self.assumedOutletWarnings(corpus.members, assumed: assumed) { observer.warning(warning) }
        var excluded = loop.excluded + corpus.excluded
        excluded.sort { $0.source < $1.source }
        for document in excluded { observer.excluded(document) }
        summary.duplicates = excluded.filter(\.isDuplicate).count
        summary.failed = excluded.count - summary.duplicates
        summary.analysed = corpus.members.count
        summary.removed = Set(try store.corpusSources()).subtracting(loop.currentSources).count

        // Held for the aggregate: the evidence items compactly, apart from the measures. The measures
        // are changed in place and moved out of `corpus`, so that only one copy of them is held.
        var evidence = EvidenceClasses()
        for index in corpus.measures.indices {
            evidence.add(corpus.measures[index].evidence, article: corpus.measures[index].id)
            corpus.measures[index].evidence = []
        }
        var measures: [ArticleMeasures] = []
        swap(&measures, &corpus.measures)
        let publisher = ReportPublisher(store: store, definition: definition)
        let outcome = try publisher.publish(
            ReportCorpus(measures: consume measures, evidence: evidence, members: corpus.members, excluded: excluded),
            generatedAt: Self.now())
        for warning in outcome.warnings { observer.warning(warning) }
        summary.reportDirectory = outcome.directory
        try store.finishRun(
            run, at: Self.now(), corpus: corpus.members, failures: excluded, summary: summary.line,
            provenance: definition.provenance)
        return summary
    }

    /// One warning per outlet whose name nothing in the input gave, so that a folder's name taken for
    /// an outlet (or `unknown`) is never an outlet's figures unsaid: `members` are the corpus once
    /// duplicates are counted once, `assumed` the sources whose outlet was guessed, and how.
    static func assumedOutletWarnings(_ members: [CorpusMember], assumed: [String: OutletBasis]) -> [String] {
        guard !assumed.isEmpty else { return [] }
        var sources: [String: [String]] = [:]
        var bases: [String: OutletBasis] = [:]
        for member in members {
            guard let basis = assumed[member.source] else { continue }
            sources[member.outlet, default: []].append(member.source)
            bases[member.outlet] = basis
        }
        return sources.keys.sorted().map { outlet in
            let listed = (sources[outlet] ?? []).sorted()
            let one = listed.count == 1
            let which = one ? "1 article names no outlet (`\(listed[0])`)" : "\(listed.count) articles name no outlet (first: `\(listed[0])`)"
            let counted = bases[outlet] == .folder
                ? (one ? "it is counted as outlet `\(outlet)`, the name of its folder" : "they are counted as outlet `\(outlet)`, the name of their folder")
                : (one ? "it lies in no folder and is counted as outlet `\(outlet)`" : "they lie in no folder and are counted as outlet `\(outlet)`")
            return "slant: warning: \(which): no `outlet:` for its source in the configuration, none in front matter or a JSON Lines record, no site name or canonical URL; \(counted); name the outlet with `outlet:` in pipeline.yaml or in front matter"
        }
    }

    /// A lexicon whose content changed while its `version:` did not makes "v2" name two lexicons.
    private func warnAboutLexiconVersions(_ store: SlantStore) throws {
        for lexicon in definition.lexicons {
            let others = try store.otherDigests(ofLexicon: lexicon.id, version: lexicon.version, besides: lexicon.digest.hex)
            guard let previous = others.last else { continue }
            observer.warning(
                "slant: \(lexicon.path): warning: lexicon `\(lexicon.id)` v\(lexicon.version) has changed (digest \(String(previous.prefix(16))) → \(lexicon.digest.prefix())) but its `version:` has not; bump `version:` so that figures citing v\(lexicon.version) name one lexicon")
        }
    }

    /// What the file loop gives the rest of the run.
    struct LoopResult {
        var summary = RunSummary()
        var candidates: [Candidate] = []
        var excluded: [ExcludedDocument] = []
        /// Every source (file, or JSON Lines record) the corpus holds now, analysed or not.
        var currentSources = Set<String>()
    }

    /// The file loop: every file discovered, looked up or read, and its documents analysed as far as
    /// the store does not already hold them. What only the loop needs (the store's file records and
    /// known digests) is gone when it returns.
    private func processFiles(store: SlantStore, run: Int64) throws -> LoopResult {
        let discovery = try FileDiscovery().files(for: configuration)
        for warning in discovery.warnings { observer.warning("slant: \(warning)") }

        var result = LoopResult()
        result.excluded = discovery.failures.map(ExcludedDocument.init)
        result.currentSources.formUnion(result.excluded.map(\.source))
        let files = discovery.files
        // What the store knows of files and documents, read once rather than once per file.
        var records = try store.fileRecords()
        var known = try store.knownDigests()
        result.candidates.reserveCapacity(files.count)
        observer.started(total: files.count, unit: "files")
        let batchSize = max(16, options.jobs * 16)
        // WARC files are streamed one at a time, each on every core; other files are read in parallel batches.
        let regular = files.filter { !$0.format.isArchive }
        var start = 0
        while start < regular.count {
            let batch = regular[start..<min(start + batchSize, regular.count)].map { ($0, records[$0.path]) }
            let seen = known
            let outcomes = Parallel.map(batch, jobs: options.jobs) { file, record in
                self.process(file, record: record, known: seen, store: store)
            }
            var writes = SlantStore.Batch()
            for outcome in outcomes { absorb(outcome, into: &result, writes: &writes, known: seen, run: run) }
            try store.write(writes, run: run)
            for document in writes.documents where known[document.digest] == nil { known[document.digest] = run }
            start += batch.count
            observer.advanced(by: batch.count)
        }
        for file in files where file.format.isArchive {
            try processArchive(file, record: records[file.path], known: &known, store: store, run: run, into: &result)
            observer.advanced(by: 1)
        }
        observer.finished()
        records = [:]
        known = [:]
        return result
    }

    /// Adds one file's outcome (or a part of a WARC file's) to the loop's result and its writes to `writes`.
    func absorb(
        _ outcome: FileOutcome, into result: inout LoopResult, writes: inout SlantStore.Batch, known: [String: Int64],
        run: Int64
    ) {
        writes.files += outcome.batch.files
        writes.documents += outcome.batch.documents
        writes.cleaned += outcome.batch.cleaned
        writes.failures += outcome.batch.failures
        writes.measures += outcome.batch.measures
        result.summary.filtered += outcome.filtered
        for document in outcome.documents {
            result.summary.found += 1
            result.currentSources.insert(document.source)
            switch document.status {
            case .new: result.summary.new += 1
            case .changed: result.summary.changed += 1
            case .unchanged: result.summary.unchanged += 1
            }
            if document.cleanedNow { result.summary.cleaned += 1 }
            if document.taggedNow { result.summary.tagged += 1 }
            if let failure = document.failure {
                result.excluded.append(failure)
                continue
            }
            guard let measures = document.measures, let digest = document.digest else { continue }
            result.candidates.append(join(measures, document: document, digest: digest, outcome: outcome, known: known, run: run))
        }
    }

    /// The one place where what is not content — the document's outlet, its source, its digest and
    /// the article id — meets the measures of its content.
    private func join(
        _ measures: ArticleMeasures, document: DocumentOutcome, digest: String, outcome: FileOutcome,
        known: [String: Int64], run: Int64
    ) -> Candidate {
        let outlet = OutletResolver.resolve(
            hint: document.recordOutlet ?? outcome.file.outlet,
            metadata: DocumentMetadata(site: measures.site, url: measures.url),
            source: SourceLocator(path: document.source))
        let member = CorpusMember(
            digest: digest, source: document.source, outlet: outlet.name, analysisKey: definition.analysisKey,
            articleID: measures.id)
        let article = CorpusJoin.article(measures, member: member)
        return Candidate(
            member: member, measures: article, givenID: document.givenID, outletBasis: outlet.basis,
            documentFirstRun: known[digest] ?? run,
            fileFirstRun: outcome.firstRun ?? run)
    }

    /// The corpus once duplicates are counted once.
    struct Corpus {
        var members: [CorpusMember] = []
        var measures: [ArticleMeasures] = []
        var excluded: [ExcludedDocument] = []
    }

    /// Counts each document once, deterministically: of two copies, the one first ingested (then the
    /// earlier path) is kept, whatever the order files are read in.
    /// - The same file twice (one digest): within an outlet a duplicate; across outlets a cross-outlet
    ///   duplicate, counted for the outlet of the copy kept.
    /// - The same article twice in one outlet (two pages, one text): a duplicate.
    /// - The same article in two outlets (syndication): counted for each, under an id made unique.
    /// - An id that an input gave twice to different texts: an error naming both.
    static func resolveDuplicates(_ candidates: [Candidate], run: Int64) -> Corpus {
        var kept: [Int] = []
        var excluded: [ExcludedDocument] = []
        let ranked = candidates.indices.sorted { candidates[$0].rank < candidates[$1].rank }
        var byDigest: [String: Int] = [:]
        var byArticle: [String: Int] = [:]
        var finalIDs: [Int: String] = [:]
        for index in ranked {
            let candidate = candidates[index]
            let source = candidate.member.source
            if let first = byDigest[candidate.member.digest] {
                let original = candidates[first]
                if original.member.outlet == candidate.member.outlet {
                    excluded.append(ExcludedDocument(
                        source: source, stage: "ingest", code: "duplicate",
                        reason: "the same document as \(original.member.source), counted once"))
                } else {
                    excluded.append(ExcludedDocument(
                        source: source, stage: "ingest", code: "cross-outlet-duplicate",
                        reason: "the same file as \(original.member.source) of \(original.member.outlet); counted once, for \(original.member.outlet)"))
                }
                continue
            }
            byDigest[candidate.member.digest] = index
            var id = candidate.measures.id
            if let first = byArticle[id] {
                if candidates[first].member.outlet == candidate.member.outlet, let given = candidate.givenID,
                    candidates[first].givenID == given
                {
                    excluded.append(ExcludedDocument(
                        source: source, stage: "ingest", code: "repeated-id",
                        reason: "the id `\(given)` is also the id of \(candidates[first].member.source), whose text differs; give each article its own id"))
                    continue
                }
                if candidates[first].member.outlet == candidate.member.outlet {
                    excluded.append(ExcludedDocument(
                        source: source, stage: "clean", code: "duplicate",
                        reason: "the same article as \(candidates[first].member.source), counted once"))
                    continue
                }
                id += "-" + Slug.make(candidate.member.outlet)
            }
            byArticle[id] = index
            finalIDs[index] = id
            kept.append(index)
        }
        // Members keep the order the files were read in (paths), whichever copy was kept.
        kept.sort()
        var corpus = Corpus()
        corpus.excluded = excluded
        for index in kept {
            var member = candidates[index].member
            var measures = candidates[index].measures
            let id = finalIDs[index] ?? measures.id
            member.articleID = id
            measures.id = id
            corpus.members.append(member)
            corpus.measures.append(measures)
        }
        return corpus
    }

    // MARK: - One file

    /// Reads a file only when the store cannot answer for it, and does for each of its documents only
    /// the stages whose results are not stored.
    func process(_ file: DiscoveredFile, record: FileRecord?, known: [String: Int64], store: SlantStore) -> FileOutcome {
        var outcome = FileOutcome(file: file, firstRun: record?.firstRun)
        let stamp = FileStamp.of(file.absolutePath)
        var documents: [StoredDocument]
        var raws: [String: RawDocument] = [:]
        let ingestKey = definition.filters.ingestKey(for: file)
        let filter = definition.filters.filter(for: file)
        let unchangedFile = !options.full && record.map { record in
            record.ingestKey == ingestKey && (stamp.map { record.size == $0.size && record.modified == $0.modified } ?? false)
        } ?? false
        if unchangedFile, let record {
            documents = record.documents
            outcome.filtered = record.filtered
            // What could not be read of an unchanged file is reported again without reading it.
            for failure in record.failures {
                outcome.documents.append(DocumentOutcome(source: failure.source, status: .unchanged, failure: failure))
            }
        } else {
            var failures: [ExcludedDocument] = []
            documents = []
            switch readDocuments(file) {
            case .failure(let error):
                failures.append(ExcludedDocument(error))
            case .success(let results):
                for result in results {
                    switch result {
                    case .success(let raw):
                        if let filter, !filter.matches(raw.bytes) {
                            outcome.filtered += 1
                            continue
                        }
                        let digest = raw.digest.hex
                        raws[digest] = raw
                        documents.append(StoredDocument(
                            digest: digest, source: raw.source.description, recordOutlet: raw.outletHint,
                            givenID: raw.metadata.id))
                    case .failure(let error):
                        failures.append(ExcludedDocument(error))
                    }
                }
            }
            let status: DocumentOutcome.Status = record == nil ? .new : .changed
            for failure in failures {
                outcome.documents.append(DocumentOutcome(source: failure.source, status: status, failure: failure))
            }
            if let stamp {
                outcome.batch.files.append(FileRecord(
                    path: file.path, size: stamp.size, modified: stamp.modified, format: file.format.rawValue,
                    documents: documents, failures: failures, filtered: outcome.filtered, ingestKey: ingestKey))
            }
        }
        let previousDigests = Set(record?.documents.map(\.digest) ?? [])
        for document in documents {
            let status: DocumentOutcome.Status =
                previousDigests.contains(document.digest) || known[document.digest] != nil
                ? .unchanged : (record == nil ? .new : .changed)
            var result = DocumentOutcome(
                source: document.source, digest: document.digest, recordOutlet: document.recordOutlet,
                status: status, givenID: document.givenID)
            if status != .unchanged || known[document.digest] == nil {
                outcome.batch.documents.append((document.digest, document.source, file.format.rawValue))
            }
            analyse(document, file: file, raws: &raws, store: store, into: &result, batch: &outcome.batch)
            outcome.documents.append(result)
        }
        return outcome
    }

    /// Reads and ingests a file. The configuration's outlet is not given to ingest: a document's
    /// `outletHint` is then only what its own record names, and the configuration's is joined later.
    private func readDocuments(_ file: DiscoveredFile) -> Result<[Result<RawDocument, DocumentError>], DocumentError> {
        var unlabelled = file
        unlabelled.outlet = nil
        switch FileReader().read(unlabelled, maxBytes: definition.ingest.readLimit(for: file.format)) {
        case .failure(let error): return .failure(error)
        case .success(let input):
            do {
                return .success(try definition.ingest.process(input))
            } catch {
                return .failure(error)
            }
        }
    }

    /// The measures of one document: stored ones, else from its stored cleaned article, else from scratch.
    func analyse(
        _ document: StoredDocument, file: DiscoveredFile, raws: inout [String: RawDocument], store: SlantStore,
        into result: inout DocumentOutcome, batch: inout SlantStore.Batch
    ) {
        let digest = document.digest
        let cleanKey = definition.cleanKey
        let analysisKey = definition.analysisKey
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
            if raws[digest] == nil {
                switch readDocuments(file) {
                case .success(let results):
                    for case .success(let raw) in results { raws[raw.digest.hex] = raw }
                case .failure(let error):
                    // The file as it is now cannot be read under the current settings (a lowered size
                    // limit, say): that is the reason, not a change of the file.
                    let failure = ExcludedDocument(
                        source: document.source, stage: error.stage, code: error.reason.code, reason: error.reason.description)
                    batch.failures.append((digest, cleanKey, failure))
                    result.failure = failure
                    return
                }
            }
            guard let raw = raws[digest] else {
                result.failure = ExcludedDocument(
                    source: document.source, stage: "ingest", code: "changed",
                    reason: "the file changed while it was being read; it will be read again on the next run")
                return
            }
            do {
                let cleaned = try definition.clean.process(raw)
                article = cleaned
                batch.cleaned.append((digest, cleanKey, cleaned))
                result.cleanedNow = true
            } catch {
                let failure = ExcludedDocument(error)
                batch.failures.append((digest, cleanKey, failure))
                // Counted under `failed`, not under `cleaned`: the summary's `cleaned N` is the
                // documents that came out of the clean stage this run.
                result.failure = failure
                return
            }
        }
        guard let article else { return }
        do {
            let tagged = try definition.tag.process(try definition.segment.process(article))
            let identity = CleanedDocument.articleID(article, given: document.givenID)
            var measured = try definition.measure.process(
                MeasureInput(id: identity, outlet: "", digest: ContentDigest(hex: digest), tagged: tagged))
            measured.modelCounts = try definition.model.process(tagged)
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

extension ExcludedDocument {
    /// A copy of a document counted once, rather than a document that failed.
    public var isDuplicate: Bool { code == "duplicate" || code == "cross-outlet-duplicate" }
}

extension PipelineDefinition {
    /// What a run with this definition records as having produced its corpus.
    public var provenance: RunProvenance {
        RunProvenance(
            slantVersion: SlantVersion.current, configurationFile: configuration.file,
            configurationDigest: configuration.fileDigest.hex, sourcesDigest: configuration.sourcesDigest.hex,
            analysisKey: analysisKey,
            lexicons: lexicons.map { LexiconUse(id: $0.id, version: $0.version, digest: $0.digest.hex, path: $0.path) })
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
