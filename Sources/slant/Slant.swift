import ArgumentParser
import Foundation
import SlantCore

/// The `slant` command line: see `slant --help` and the README. Each subcommand is a file of its own
/// in this target; the work is done by the `SlantPipeline` library, which returns values and never
/// prints, and this layer prints them.
@main
struct Slant: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slant",
        abstract: "Source-bias and framing analysis for news: which terms each outlet chooses, in whose voice.",
        version: SlantVersion.current,
        subcommands: [
            InitCommand.self, RunCommand.self, WatchCommand.self, ExtractCommand.self, AnalyzeCommand.self,
            ReportCommand.self, CiteCommand.self, KWICCommand.self, LexiconCommand.self, ScanCommand.self, ValidateCommand.self, ModelCommand.self,
            QueueCommand.self, WorkerCommand.self,
        ]
    )

    /// Runs the command line with Slant's exit statuses: 0 success, 1 when a document or the work
    /// failed, 2 for a usage or configuration error (ArgumentParser's own usage status, 64, is 2 here).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            if error is ExitCode { Foundation.exit(code.rawValue) }
            Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue == 0 ? 0 : 2)
        }
    }
}
