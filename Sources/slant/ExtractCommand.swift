import ArgumentParser
import SlantCore
import SlantIngest
import SlantPipeline

/// `slant extract`: clean pages and print what was extracted.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Clean pages and print what was extracted: text, metadata, reader comments.",
        discussion: """
            Each INPUT is an HTML, text, JSON Lines or WARC file, a directory (every .html, .htm, .txt, .jsonl, .warc and .warc.gz \
            file below it) or a glob. With --json, one JSON object per document per line; a \
            document that fails prints a line with an "error" field and the others still run. \
            The limits of --config (else ./pipeline.yaml when there is one) apply.
            Exit status: 0 when every document was extracted, 1 when any failed, 2 for a usage error.
            """
    )

    @Argument(help: "Pages to clean: files, directories or globs.")
    var inputs: [String]

    @Flag(help: "Print JSON Lines (one object per document).")
    var json = false

    @Option(help: "The pipeline configuration whose limits to apply (default: ./pipeline.yaml if present).")
    var config: String?

    @OptionGroup var jobs: JobsOption

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one file, directory or glob to extract") }
    }

    func run() throws {
        let output = OutputStream.standardOutput
        let errors = OutputStream.standardError
        defer {
            output.flush()
            errors.flush()
        }
        let definition: PipelineDefinition
        do {
            // Extraction needs no lexicon: the settings are the configuration's, the lexicons none.
            (definition, _) = try AnalysisSetup.resolve(lexicons: [], config: config, withLexicons: false)
        } catch {
            errors.line(error.description)
            throw ExitCode(error.status)
        }
        let flow = definition.documentFlow
        let json = self.json
        let render = { @Sendable (document: CleanedDocument) -> String in
            json ? ArticleJSON.extractLine(document) + "\n" : ArticleText.describe(document)
        }
        try PrintedDocuments(json: json, jobs: jobs.count, output: output, errors: errors).print(
            inputs,
            render: { file in flow.process(file).map { $0.map(render) } },
            renderDocument: { raw in flow.clean(raw).map(render) },
            archiveIngest: definition.archiveIngest(for: nil))
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
