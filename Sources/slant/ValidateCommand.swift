import ArgumentParser
import Foundation
import SlantCore
import SlantPipeline
import SlantReport
import SlantValidate

extension Stratification: ExpressibleByArgument {}

/// `slant validate sample|score`: how accurate the instrument is on this corpus, measured by coders.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Measure the instrument's validity on this corpus: draw a sample for coders, score their coding.",
        subcommands: [ValidateSampleCommand.self, ValidateScoreCommand.self]
    )
}

/// `slant validate sample`: a stratified random sample of tagged occurrences and untagged sentences.
struct ValidateSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw a stratified random sample of the last run's tags (and untagged sentences) as a CSV to code.",
        discussion: """
            Writes the coding sheet (-o, default sample.csv) and a codebook beside it (sample.codebook.txt) \
            explaining each column. The same seed on the same corpus draws the same sample. The sample is \
            kept in the store, so that `slant validate score` scores it against what Slant decided.
            """
    )

    @Option(name: .customLong("n"), help: "Tagged occurrences to draw.")
    var size = 200

    @Option(help: "Untagged sentences to draw, for recall (default: a quarter of --n).")
    var untagged: Int?

    @Option(help: "Strata: family (= category: each family and category), voice or outlet.")
    var by = Stratification.family

    @Option(help: "The seed: the same seed draws the same sample.")
    var seed = "1"

    @Option(help: "Sets of coder columns in the sheet (one per coder who codes in this file).")
    var coders = 1

    @Option(name: [.customShort("o"), .long], help: "The coding sheet to write.")
    var output = "sample.csv"

    @Flag(help: "Overwrite an existing sheet and codebook.")
    var force = false

    @OptionGroup var project: ConfigOption

    func validate() throws {
        if size < 1 { throw ValidationError("--n must be at least 1") }
        if let untagged, untagged < 0 { throw ValidationError("--untagged must be 0 or more") }
        if coders < 1 || coders > 9 { throw ValidationError("--coders must be between 1 and 9") }
    }

    static func codebookPath(_ sheet: String) -> String {
        (sheet.lowercased().hasSuffix(".csv") ? String(sheet.dropLast(4)) : sheet) + ".codebook.txt"
    }

    func run() throws {
        let out = OutputStream.standardOutput
        let errors = OutputStream.standardError
        defer {
            out.flush()
            errors.flush()
        }
        let codebook = Self.codebookPath(output)
        for path in [output, codebook] where !force && FileManager.default.fileExists(atPath: path) {
            errors.line("slant: \(path) exists (a coder's work, perhaps); choose another -o, or pass --force to overwrite it")
            throw ExitCode(1)
        }
        do {
            let definition = try PipelineDefinition.load(try ConfigurationLoader.load(project.config, checkingSources: false))
            let drawn = try ValidationWorkflow.draw(
                ValidationWorkflow.SampleOptions(size: size, untagged: untagged, stratification: by, seed: seed, coders: coders),
                definition: definition, sheetName: (output as NSString).lastPathComponent, now: ISO8601DateFormatter().string(from: Date()))
            try Data(drawn.sheet.utf8).write(to: URL(fileURLWithPath: output))
            try Data(drawn.codebook.utf8).write(to: URL(fileURLWithPath: codebook))
            let tags = drawn.sample.rows.filter { $0.kind == .tag }.count
            out.line("sample \(drawn.sample.id): \(tags) tagged occurrences and \(drawn.sample.rows.count - tags) untagged sentences · \(output) · \(codebook)")
        } catch {
            errors.line(CommandErrors.message(error, configurationPath: project.config))
            throw ExitCode(CommandErrors.status(error))
        }
    }
}

/// `slant validate score`: precision, recall, accuracy and agreement from coded sheets.
struct ValidateScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score coded sheets of a sample: precision, recall, accuracy of voice, speaker and stance, agreement.",
        discussion: """
            Give one file per coder (or one file with several coders' columns). The scores are kept in the \
            store: the next `slant report` or `slant run` shows them in the methods section and in \
            statistics.json, and `slant cite` cites them at once.
            """
    )

    @Argument(help: "The coded sheets.")
    var files: [String]

    @OptionGroup var project: ConfigOption

    func run() throws {
        let out = OutputStream.standardOutput
        let errors = OutputStream.standardError
        defer {
            out.flush()
            errors.flush()
        }
        var inputs: [(path: String, text: String)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                errors.line("slant: \(file): no such file, or it cannot be read")
                throw ExitCode(1)
            }
            inputs.append((file, String(decoding: data, as: UTF8.self)))
        }
        do {
            let definition = try PipelineDefinition.load(try ConfigurationLoader.load(project.config, checkingSources: false))
            let scored = try ValidationWorkflow.score(inputs, definition: definition, now: ISO8601DateFormatter().string(from: Date()))
            for warning in scored.warnings { errors.line("slant: warning: \(warning)") }
            out.line(scored.validity.summary)
            for statistic in scored.validity.statistics {
                let interval = Figures.interval(statistic.interval, unit: statistic.unit).map { " " + $0 } ?? ""
                let n = statistic.unit == "coefficient"
                    ? "\(Int(statistic.occurrences)) units"
                    : statistic.metric == "recall"
                        ? "\(Int(statistic.occurrences)) tags, \(Int(statistic.total)) untagged sentences"
                        : "\(Int(statistic.occurrences)) of \(Int(statistic.total))"
                out.line("\(statistic.id)  \(Figures.value(statistic.value, unit: statistic.unit))\(interval)  (\(n))\(statistic.sufficient ? "" : " †")")
            }
            out.line("scores kept in the store: `slant report` shows them; `slant cite ID` cites them")
        } catch let problems as SheetProblems {
            errors.line(problems.description)
            throw ExitCode(1)
        } catch {
            errors.line(CommandErrors.message(error, configurationPath: project.config))
            throw ExitCode(CommandErrors.status(error))
        }
    }
}
