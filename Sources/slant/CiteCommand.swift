import ArgumentParser
import SlantPipeline
import SlantReport

/// `slant cite ID`: a ready citation of one statistic.
struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite",
        abstract: "Print a ready citation of one statistic of the latest report.",
        discussion: "IDs are in reports/statistics.json and reports/data/statistics.csv, e.g. loaded-rate/asbarez/authorial."
    )

    @Argument(help: "The statistic's ID.")
    var id: String

    @Option(help: "text, markdown or bibtex.")
    var format: Citation.Format = .text

    @OptionGroup var project: ConfigOption

    func run() throws {
        let output = OutputStream.standardOutput
        let errors = OutputStream.standardError
        defer {
            output.flush()
            errors.flush()
        }
        do {
            let configuration = try ConfigurationLoader.load(project.config, checkingSources: false)
            output.line(try CitationLookup.citation(of: id, format: format, configuration: configuration))
        } catch {
            errors.line(CommandErrors.message(error, configurationPath: project.config))
            throw ExitCode(CommandErrors.status(error))
        }
    }
}
