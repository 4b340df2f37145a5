import ArgumentParser
import SlantCore
import SlantIngest
import SlantPipeline
import SlantReport

/// `--config`: the pipeline configuration every command that reads a project takes.
struct ConfigOption: ParsableArguments {
    @Option(help: "The pipeline configuration.")
    var config = "pipeline.yaml"
}

/// `--jobs`: worker threads.
struct JobsOption: ParsableArguments {
    @Option(help: "Worker threads (default: every core this process may use).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var count: Int { jobs ?? Parallel.availableCores }
}

/// A voice as the command line names it: the statistics' names, and the report's words for them
/// (`own` = authorial, `reported` = attributed, `distanced` = authorial-distanced; `scare-quoted`, the
/// old name of `distanced`, is still accepted).
enum VoiceArgument: String, CaseIterable, ExpressibleByArgument {
    case authorial
    case authorialDistanced = "authorial-distanced"
    case quoted
    case attributed
    case comment
    case headline
    case headlineDistanced = "headline-distanced"
    case own
    case reported
    case distanced
    /// The old name of ``distanced``, kept so existing scripts work: distanced uses are not all in quotation marks.
    case scareQuoted = "scare-quoted"

    /// The name statistics and the store use.
    var storedName: String {
        switch self {
        case .own: VoiceArgument.authorial.rawValue
        case .reported: VoiceArgument.attributed.rawValue
        case .distanced, .scareQuoted: VoiceArgument.authorialDistanced.rawValue
        default: rawValue
        }
    }
}

extension Citation.Format: ExpressibleByArgument {}

/// Prints what `extract` and `analyze` make of their inputs, in input order: each document's text as
/// rendered, or, for one that failed, its error (on standard error, and as a JSON line with `--json`).
struct PrintedDocuments {
    var json: Bool
    var jobs: Int
    var output: OutputStream
    var errors: OutputStream

    func print(
        _ inputs: [String], render: @escaping @Sendable (DiscoveredFile) -> [Result<String, DocumentError>],
        renderDocument: (@Sendable (RawDocument) -> Result<String, DocumentError>)? = nil,
        archiveIngest: WARCIngest = WARCIngest()
    ) throws {
        var failed = false
        let warnings = InputBatches(jobs: jobs).run(
            arguments: inputs, work: render, document: renderDocument, archiveIngest: archiveIngest
        ) { result in
            switch result {
            case .success(let text): output.write(text)
            case .failure(let error):
                failed = true
                if json { output.line(ArticleJSON.errorLine(error)) }
                errors.line("slant: \(error.source): \(error.reason)")
            }
        }
        for warning in warnings { errors.line("slant: \(warning)") }
        if failed { throw ExitCode(1) }
    }
}
