import Foundation
import SlantCore
import SlantIngest

/// Runs work over command-line inputs in parallel batches and hands the results over in input order:
/// a batch of files is processed on every core, delivered, and released, so memory stays bounded.
public struct InputBatches: Sendable {
    public var jobs: Int

    public init(jobs: Int = Parallel.availableCores) { self.jobs = jobs }

    /// Discovers the inputs named by `arguments`, runs `work` on each file (a `.jsonl` file gives one
    /// result per record), and calls `deliver` with every result in input order. Returns what
    /// discovery warned about.
    ///
    /// With `document`, a WARC file is streamed instead: its records are read in order, a batch at a
    /// time, each HTML page given to `document` on every core, so that neither the file nor its
    /// results are ever held whole.
    public func run<T: Sendable>(
        arguments: [String], work: @Sendable (DiscoveredFile) -> [Result<T, DocumentError>],
        document: (@Sendable (RawDocument) -> Result<T, DocumentError>)? = nil,
        archiveIngest: WARCIngest = WARCIngest(),
        deliver: (Result<T, DocumentError>) -> Void
    ) -> [DiscoveryWarning] {
        let discovery = FileDiscovery().files(forArguments: arguments)
        let batchSize = max(16, jobs * 8)
        var pending: [Result<DiscoveredFile, DocumentError>] = []
        func flush() {
            let results = Parallel.map(pending, jobs: jobs) { entry -> [Result<T, DocumentError>] in
                switch entry {
                case .success(let file): work(file)
                case .failure(let error): [.failure(error)]
                }
            }
            for result in results.joined() { deliver(result) }
            pending.removeAll()
        }
        for entry in discovery.entries {
            if case .success(let file) = entry, file.format.isArchive, let document {
                flush()
                stream(file, ingest: archiveIngest, batchSize: batchSize, document: document, deliver: deliver)
                continue
            }
            pending.append(entry)
            if pending.count == batchSize { flush() }
        }
        flush()
        return discovery.warnings
    }

    /// One WARC file's pages through `document`, a batch at a time, in file order.
    private func stream<T: Sendable>(
        _ file: DiscoveredFile, ingest: WARCIngest, batchSize: Int,
        document: @Sendable (RawDocument) -> Result<T, DocumentError>, deliver: (Result<T, DocumentError>) -> Void
    ) {
        var batch: [Result<RawDocument, DocumentError>] = []
        func flush() {
            let results = Parallel.map(batch, jobs: jobs) { item in item.flatMap(document) }
            for result in results { deliver(result) }
            batch.removeAll(keepingCapacity: true)
        }
        let read = ingest.forEach(absolutePath: file.absolutePath, path: file.path) { item in
            switch item {
            case .document(let raw): batch.append(.success(raw))
            case .failure(let error): batch.append(.failure(error))
            case .skipped, .filtered: return
            }
            if batch.count == batchSize { flush() }
        }
        flush()
        if case .failure(let error) = read { deliver(.failure(error)) }
    }
}

/// The JSON forms of articles and failures that the command line prints.
public enum ArticleJSON {
    /// One `slant extract --json` line.
    public static func extractLine(_ document: CleanedDocument) -> String {
        let article = document.article
        let metadata = article.metadata
        return JSON.object([
            "source": .string(article.source.description),
            "title": .string(metadata.title),
            "byline": .string(metadata.byline),
            "published": .string(metadata.published),
            "site": .string(metadata.site),
            "url": .string(metadata.url),
            "language": .string(metadata.language),
            "text": .string(article.body),
            "comments": .array(article.comments.map { .object(["author": .string($0.author), "text": .string($0.text)]) }),
            "warnings": .array(article.warnings.map { .object(["code": .string($0.code), "message": .string($0.message)]) }),
            "error": .null,
        ]).serialized()
    }

    /// The line printed for a document that failed.
    public static func errorLine(_ error: DocumentError) -> String {
        JSON.object([
            "source": .string(error.source.description),
            "stage": .string(error.stage),
            "error_code": .string(error.reason.code),
            "error": .string(error.reason.description),
        ]).serialized()
    }
}
