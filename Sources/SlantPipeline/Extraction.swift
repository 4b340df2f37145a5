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
    public func run<T: Sendable>(
        arguments: [String], work: @Sendable (DiscoveredFile) -> [Result<T, DocumentError>],
        deliver: (Result<T, DocumentError>) -> Void
    ) -> [DiscoveryWarning] {
        let discovery = FileDiscovery().files(forArguments: arguments)
        let batchSize = max(16, jobs * 8)
        var start = 0
        while start < discovery.entries.count {
            let batch = Array(discovery.entries[start..<min(start + batchSize, discovery.entries.count)])
            let results = Parallel.map(batch, jobs: jobs) { entry -> [Result<T, DocumentError>] in
                switch entry {
                case .success(let file): work(file)
                case .failure(let error): [.failure(error)]
                }
            }
            for result in results.joined() { deliver(result) }
            start += batchSize
        }
        return discovery.warnings
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
