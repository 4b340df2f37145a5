import SlantCore
import SlantIngest
import SlantStore

/// WARC files in a run: one file, many documents, as a JSON Lines file is, but read as a stream.
///
/// An unchanged file (same size, modification time and filter) whose documents the store can answer
/// for is not read at all. Otherwise its records are read in order, a batch of pages at a time; each
/// batch is analysed on every core and written to the store in one transaction, so that memory holds
/// one batch of pages (never the file), and a run killed half-way through a file finds the pages it
/// analysed stored: the next run reads the file again but analyses only the rest.
extension PipelineRun {
    /// Pages analysed per batch (and per store transaction).
    static var archiveBatchSize: Int { max(32, Parallel.availableCores * 32) }

    func processArchive(
        _ file: DiscoveredFile, record: FileRecord?, known: inout [String: Int64], store: SlantStore, run: Int64,
        into result: inout LoopResult
    ) throws {
        let ingestKey = definition.filters.ingestKey(for: file)
        let stamp = FileStamp.of(file.absolutePath)
        if !options.full, let record, record.ingestKey == ingestKey, let stamp, record.size == stamp.size,
            record.modified == stamp.modified, record.documents.allSatisfy({ answerable($0.digest, store: store) })
        {
            // Nothing to read: every document's result (or failure) is stored.
            let outcome = process(file, record: record, known: known, store: store)
            var writes = SlantStore.Batch()
            absorb(outcome, into: &result, writes: &writes, known: known, run: run)
            try store.write(writes, run: run)
            return
        }
        let previous = Set(record?.documents.map(\.digest) ?? [])
        let newStatus: DocumentOutcome.Status = record == nil ? .new : .changed
        var documents: [StoredDocument] = []
        var failures: [ExcludedDocument] = []
        var filtered = 0
        var pending: [RawDocument] = []
        var problem: Error?

        func flush() {
            guard !pending.isEmpty, problem == nil else { return }
            let seen = known
            let analysed = Parallel.map(pending, jobs: options.jobs) { raw -> (DocumentOutcome, SlantStore.Batch) in
                let digest = raw.digest.hex
                let document = StoredDocument(digest: digest, source: raw.source.description, recordOutlet: nil)
                let status: DocumentOutcome.Status = previous.contains(digest) || seen[digest] != nil ? .unchanged : newStatus
                var outcome = DocumentOutcome(source: document.source, digest: digest, status: status)
                var batch = SlantStore.Batch()
                if seen[digest] == nil { batch.documents.append((digest, document.source, file.format.rawValue)) }
                var raws = [digest: raw]
                self.analyse(document, file: file, raws: &raws, store: store, into: &outcome, batch: &batch)
                return (outcome, batch)
            }
            var part = FileOutcome(file: file, firstRun: record?.firstRun)
            for (outcome, batch) in analysed {
                if let digest = outcome.digest {
                    documents.append(StoredDocument(digest: digest, source: outcome.source, recordOutlet: nil))
                }
                part.documents.append(outcome)
                part.batch.documents += batch.documents
                part.batch.cleaned += batch.cleaned
                part.batch.failures += batch.failures
                part.batch.measures += batch.measures
            }
            var writes = SlantStore.Batch()
            absorb(part, into: &result, writes: &writes, known: seen, run: run)
            do {
                try store.write(writes, run: run)
            } catch {
                problem = error
            }
            for document in writes.documents where known[document.digest] == nil { known[document.digest] = run }
            pending.removeAll(keepingCapacity: true)
        }

        let read = definition.archiveIngest(for: file).forEach(absolutePath: file.absolutePath, path: file.path) { item in
            switch item {
            case .document(let raw):
                pending.append(raw)
                if pending.count >= Self.archiveBatchSize { flush() }
            case .failure(let error):
                failures.append(ExcludedDocument(error))
            case .filtered:
                filtered += 1
            case .skipped:
                break
            }
        }
        flush()
        if let problem { throw problem }
        if case .failure(let error) = read { failures.append(ExcludedDocument(error)) }
        var closing = FileOutcome(file: file, firstRun: record?.firstRun)
        closing.filtered = filtered
        for failure in failures {
            closing.documents.append(DocumentOutcome(source: failure.source, status: newStatus, failure: failure))
        }
        if let stamp {
            closing.batch.files.append(FileRecord(
                path: file.path, size: stamp.size, modified: stamp.modified, format: file.format.rawValue,
                documents: documents, failures: failures, filtered: filtered, ingestKey: ingestKey))
        }
        var writes = SlantStore.Batch()
        absorb(closing, into: &result, writes: &writes, known: known, run: run)
        try store.write(writes, run: run)
    }

    /// Whether the store holds a document's measures, its failure, or at least its cleaned article, so
    /// that it needs no bytes.
    private func answerable(_ digest: String, store: SlantStore) -> Bool {
        if ((try? store.measures(digest: digest, key: definition.analysisKey)) ?? nil) != nil { return true }
        if ((try? store.failure(digest: digest, key: definition.cleanKey)) ?? nil) != nil { return true }
        return ((try? store.article(digest: digest, key: definition.cleanKey)) ?? nil) != nil
    }
}
