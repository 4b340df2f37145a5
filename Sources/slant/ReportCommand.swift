import ArgumentParser
import SlantPipeline
import SlantPostgres

/// `slant report`: re-render the reports from the store.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render the reports from the store, without touching the corpus.",
        discussion: """
            Uses the current statistics and report settings of pipeline.yaml. When the lexicons, the analysis \
            settings or the sources have changed since the last `slant run`, it refuses and says what changed: \
            the figures in the store were made with the old ones.
            """
    )

    @OptionGroup var project: ConfigOption

    func run() throws {
        let output = OutputStream.standardOutput
        let errors = OutputStream.standardError
        defer {
            output.flush()
            errors.flush()
        }
        do {
            let definition = try PipelineDefinition.load(try ConfigurationLoader.load(project.config, checkingSources: false))
            if definition.configuration.sharedStoreURL != nil {
                // A PostgreSQL store: the reports of the units the workers analysed (README, "PostgreSQL").
                let observer = ConsoleObserver(errors: errors)
                let summary = try Blocking.run { try await SharedReport.run(definition, observer: observer) }
                output.line(summary.line)
                output.line("reports in \(summary.reportDirectory)/")
                return
            }
            let outcome = try ReportRegeneration.run(definition)
            for warning in outcome.warnings { errors.line(warning) }
            output.line("\(outcome.articles) articles · reports in \(outcome.directory)/")
        } catch {
            errors.line(CommandErrors.message(error, configurationPath: project.config))
            throw ExitCode(CommandErrors.status(error))
        }
    }
}
