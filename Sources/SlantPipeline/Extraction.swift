import Foundation
import SlantCore
import SlantIngest

/// `slant extract`: clean pages and print what was extracted.
public struct Extraction: Sendable {
    public var flow: DocumentFlow
    /// Worker threads (default: the cores this process may use).
    public var jobs: Int
    public var json: Bool

    public init(flow: DocumentFlow = DocumentFlow(), jobs: Int = Parallel.availableCores, json: Bool) {
        self.flow = flow
        self.jobs = jobs
        self.json = json
    }

    /// Extracts every input, printing results in input order; returns the exit status
    /// (0 when all succeeded, 1 when any failed).
    public func run(arguments: [String], output: OutputStream, errors: OutputStream) -> Int32 {
        let discovery = FileDiscovery().files(forArguments: arguments)
        var failed = false
        // Batches bound memory: a batch of pages is cleaned in parallel, printed, and released.
        let batchSize = max(16, jobs * 8)
        var start = 0
        while start < discovery.entries.count {
            let batch = Array(discovery.entries[start..<min(start + batchSize, discovery.entries.count)])
            let flow = self.flow
            let results = Parallel.map(batch, jobs: jobs) { entry -> [Result<CleanedDocument, DocumentError>] in
                switch entry {
                case .success(let file): flow.process(file)
                case .failure(let error): [.failure(error)]
                }
            }
            for result in results.joined() {
                switch result {
                case .success(let document):
                    output.write(json ? ArticleJSON.extractLine(document) + "\n" : ArticleText.describe(document))
                case .failure(let error):
                    failed = true
                    if json { output.line(ArticleJSON.errorLine(error)) }
                    errors.line("slant: \(error.source): \(error.reason)")
                }
            }
            start += batchSize
        }
        output.flush()
        errors.flush()
        return failed ? 1 : 0
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

/// The human-readable form of `slant extract`.
enum ArticleText {
    static func describe(_ document: CleanedDocument) -> String {
        let article = document.article
        let metadata = article.metadata
        var lines = ["== \(article.source)"]
        let fields: [(String, String?)] = [
            ("Title", metadata.title), ("Byline", metadata.byline), ("Published", metadata.published),
            ("Site", metadata.site), ("URL", metadata.url), ("Language", metadata.language),
            ("Outlet", document.outlet),
        ]
        for (name, value) in fields {
            if let value { lines.append("\(name):".padding(toLength: 11, withPad: " ", startingAt: 0) + value) }
        }
        for warning in article.warnings { lines.append("Warning:   \(warning.message)") }
        lines.append("")
        lines.append(article.body)
        if !article.comments.isEmpty {
            lines.append("")
            lines.append("-- \(article.comments.count) reader comment\(article.comments.count == 1 ? "" : "s")")
            for comment in article.comments {
                lines.append("")
                lines.append("[\(comment.author ?? "anonymous")] \(comment.text)")
            }
        }
        lines.append("")
        return lines.joined(separator: "\n") + "\n"
    }
}
