import ArgumentParser
import SlantPipeline
import SlantReport

/// `slant cite ID`: a ready citation of one statistic.
struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite",
        abstract: "Print a ready citation of one statistic of the latest report.",
        discussion: """
            IDs are in reports/statistics.json and reports/data/statistics.csv, e.g. loaded-rate/asbarez/authorial. \
            The BibTeX entry has a `url` only with --base-url, the address where the report directory is \
            published (the url is then BASE/index.html#ev-ID, the figure's evidence panel).
            """
    )

    @Argument(help: "The statistic's ID.")
    var id: String

    @Option(help: "text, markdown or bibtex.")
    var format: Citation.Format = .text

    @Option(help: "Where the report directory is published (https://…): gives the BibTeX entry an absolute url of the figure's evidence panel.")
    var baseURL: String?

    @OptionGroup var project: ConfigOption

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url must be an absolute http:// or https:// address")
        }
    }

    func run() throws {
        let output = OutputStream.standardOutput
        let errors = OutputStream.standardError
        defer {
            output.flush()
            errors.flush()
        }
        do {
            let configuration = try ConfigurationLoader.load(project.config, checkingSources: false)
            output.line(try CitationLookup.citation(of: id, format: format, configuration: configuration, baseURL: baseURL))
        } catch {
            errors.line(CommandErrors.message(error, configurationPath: project.config))
            throw ExitCode(CommandErrors.status(error))
        }
    }
}
