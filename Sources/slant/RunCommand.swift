import ArgumentParser
import Foundation
import SlantCore
import SlantPipeline
import SlantStore

/// `slant run`: ingest what is new, analyse it, regenerate the reports.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Ingest what is new in the sources of pipeline.yaml, analyse it, and regenerate the reports.",
        discussion: """
            Work is kept in the store (pipeline.yaml `store:`, default .slant/slant.sqlite), keyed by content \
            digest, stage version and the digests of the settings and lexicons: a run with nothing new \
            cleans and tags nothing, one new article costs one article, a lexicon edit re-tags without re-cleaning.
            Exit status: 0 when the reports were written (documents that failed are listed in them and on \
            standard error), 1 when the run failed, 2 for a usage or configuration error.
            """
    )

    @OptionGroup var project: ConfigOption

    @Flag(help: "Redo every stage for every document, ignoring cached results.")
    var full = false

    @Flag(help: "Start a new store, keeping the old Slant store as <store>.old (for a damaged store).")
    var rebuild = false

    @OptionGroup var jobs: JobsOption

    func run() throws {
        let status = Self.run(
            configurationPath: project.config, options: RunOptions(full: full, rebuild: rebuild, jobs: jobs.count))
        if status != 0 { throw ExitCode(status) }
    }

    /// One run with the configuration at `configurationPath`, printing its summary; the exit status.
    static func run(configurationPath: String, options: RunOptions) -> Int32 {
        let output = OutputStream.standardOutput
        let errors = OutputStream.standardError
        defer {
            output.flush()
            errors.flush()
        }
        do {
            let definition = try PipelineDefinition.load(try ConfigurationLoader.load(configurationPath))
            let summary = try PipelineRun(definition: definition, options: options, observer: ConsoleObserver(errors: errors)).run()
            output.line(summary.line)
            output.line("reports in \(summary.reportDirectory)/")
            return 0
        } catch {
            errors.line(CommandErrors.message(error, configurationPath: configurationPath))
            return CommandErrors.status(error)
        }
    }
}

/// How the commands word the errors the library throws, and which exit status each gets.
enum CommandErrors {
    static func message(_ error: Error, configurationPath: String) -> String {
        switch error {
        case let failure as ConfigurationLoader.Failure:
            failure.description.hasPrefix(configurationPath) ? failure.description : "slant: \(failure)"
        case let failure as ConfigurationErrors: failure.description
        case let failure as LexiconFiles.Failure: failure.description
        default: "slant: \(error)"
        }
    }

    /// 2 for a configuration or lexicon problem, 1 for anything else.
    static func status(_ error: Error) -> Int32 {
        switch error {
        case is ConfigurationLoader.Failure, is ConfigurationErrors, is LexiconFiles.Failure: 2
        default: 1
        }
    }
}
