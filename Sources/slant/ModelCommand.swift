import ArgumentParser
import Foundation
import SlantCore
import SlantModel
import SlantPipeline

/// `slant model train | show`: learn a sentence classifier from labelled sentences, or describe models.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Train a sentence classifier on sentences your coders labelled, or describe model files.",
        discussion: """
            A sentence model is an extra measure beside the lexicons: train it with `slant model train \
            LABELS.csv -o models/bias.json`, name the file under `models:` in pipeline.yaml, and `slant run` \
            reports model-rate/<model>/<outlet>/<voice>, the share of an outlet's sentences in a voice that \
            the model predicts loaded, with a Poisson bootstrap interval over articles. It measures agreement \
            with your coders' labels, with the cross-validated error rates `slant model show` prints. \
            See README, "Sentence models".
            """,
        subcommands: [Train.self, Show.self]
    )

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Learn a sentence classifier from sentences your coders labelled, and measure it by cross-validation.",
            discussion: """
                LABELS.csv is either the BABE format (`;`-separated, columns `text` and `label_bias` with \
                Biased / Non-biased; `No agreement` rows are left out; other columns are ignored) or a CSV \
                (`,`, `;` or tab, as the header has it) with columns `text` and `label` (1/0, yes/no, \
                loaded/not, true/false; an empty label leaves the row out). A bad row is reported as \
                FILE:LINE and nothing is written. The classifier is L2-regularised logistic regression on \
                the words and word pairs of each sentence; λ is chosen by nested cross-validation unless \
                --lambda gives it. Every sentence is predicted once by a model trained without it: the \
                precision, recall and F1 of those predictions (with 95% intervals) are printed and saved in \
                the model file (JSON, with the weights, the training file's SHA-256 and the settings), which \
                `pipeline.yaml` can name under `models:` as an extra measure. See README, "Sentence models".
                Exit status: 0 when the model was written, 1 when the labels could not be read or trained on \
                (nothing is written), 2 for a usage error.
                """
        )

        @Argument(help: ArgumentHelp("The labelled sentences.", valueName: "labels.csv"))
        var labels: String

        @Option(name: [.short, .long], help: ArgumentHelp("Where to write the model.", valueName: "model.json"))
        var output = "model.json"

        @Option(help: "Cross-validation folds (outer, and inner for choosing λ).")
        var folds = 5

        @Option(help: "The seed of the folds' shuffle and of the F1 interval's resamples.")
        var seed: UInt64 = 1

        @Option(help: "Keep a feature (a word or word pair) seen in at least this many training sentences.")
        var minCount = 2

        @Option(help: "The L2 penalty λ (default: chosen by nested cross-validation among 0.25, 0.5, … 32).")
        var lambda: Double?

        @Option(help: "The model's id in statistic IDs (default: the output file's name without .json).")
        var id: String?

        @Option(help: ArgumentHelp("The languages of the labelled sentences, comma-separated: the articles the model covers.", valueName: "en,..."))
        var language = "en"

        @Option(help: ArgumentHelp("Also write each sentence's cross-validated prediction (CSV: line, label, probability, predicted, fold).", valueName: "file.csv"))
        var predictions: String?

        var languages: [String] {
            language.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        }

        func validate() throws {
            if folds < 2 || folds > 50 { throw ValidationError("--folds must be between 2 and 50") }
            if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
            if let lambda, !(lambda > 0 && lambda.isFinite) { throw ValidationError("--lambda must be a positive number") }
            if let id, !ModelFiles.isIdentifier(id) {
                throw ValidationError("--id must be made of letters, digits, `-`, `_` and `.`, starting with a letter or digit")
            }
            if id == nil, !ModelFiles.isIdentifier(ModelFiles.defaultID(forOutput: output)) {
                throw ValidationError("the output's name `\(ModelFiles.defaultID(forOutput: output))` cannot be a model id; give one with --id")
            }
            if languages.isEmpty { throw ValidationError("--language needs at least one language (en, ru, ...)") }
        }

        func run() throws {
            let output = OutputStream.standardOutput
            let errors = OutputStream.standardError
            defer {
                output.flush()
                errors.flush()
            }
            let options = TrainingOptions(
                folds: folds, seed: seed, minimumCount: minCount, fixedLambda: lambda,
                id: id ?? ModelFiles.defaultID(forOutput: self.output), languages: languages)
            let outcome: TrainingOutcome
            do {
                outcome = try ModelFiles.train(labels: labels, options: options)
            } catch {
                errors.line(error.description)
                throw ExitCode(1)
            }
            do {
                try ModelFiles.write(outcome.model, to: self.output)
                if let predictions { try Data(ModelFiles.predictionsCSV(outcome).utf8).write(to: URL(fileURLWithPath: predictions), options: .atomic) }
            } catch {
                errors.line("slant: cannot write \(self.output): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            for line in ModelDescription.lines(outcome.model) { output.line(line) }
            output.line("model written to \(self.output)\(predictions.map { "; cross-validated predictions in \($0)" } ?? "")")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Describe model files: what each was trained on and its cross-validated figures.",
            discussion: "Without model.json arguments, the models the configuration names (`models:`). For each: its id and SHA-256 (as citations name it), the labels it was trained on, its features and λ, and its cross-validated precision, recall, F1 and accuracy. Exit status: 0 when every model could be read, 1 otherwise, 2 for a usage or configuration error."
        )

        @Argument(help: ArgumentHelp("Model files (default: the configuration's).", valueName: "model.json"))
        var models: [String] = []

        @OptionGroup var project: ConfigOption

        func run() throws {
            let output = OutputStream.standardOutput
            let errors = OutputStream.standardError
            defer {
                output.flush()
                errors.flush()
            }
            var paths = models
            var shown = models
            if models.isEmpty {
                do {
                    let configuration = try ConfigurationLoader.load(project.config, checkingSources: false)
                    paths = configuration.models.map { configuration.resolve($0.path) }
                    shown = configuration.models.map(\.path)
                } catch {
                    errors.line(CommandErrors.message(error, configurationPath: project.config))
                    throw ExitCode(2)
                }
                if paths.isEmpty {
                    output.line("\(project.config) names no model (`models:`); train one with `slant model train LABELS.csv`")
                    return
                }
            }
            var failed = false
            for (path, name) in zip(paths, shown) {
                do {
                    let model = try ModelFiles.load([path], displayPaths: [name])
                    for classifier in model {
                        output.line("\(name): \(classifier.id) (\(classifier.digest.prefix()))")
                        for line in ModelDescription.lines(classifier.model) { output.line("  " + line) }
                    }
                } catch {
                    failed = true
                    errors.line(error.description)
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}

/// What `slant model train` and `show` print about a model.
enum ModelDescription {
    static func lines(_ model: SentenceModel) -> [String] {
        let training = model.training
        var lines: [String] = []
        let skipped = training.skipped > 0 ? "; \(training.skipped) row\(training.skipped == 1 ? "" : "s") left out (no agreement or no label)" : ""
        lines.append("trained on \(training.sentences) labelled sentences of \(training.file) (\(training.format == "babe" ? "BABE format" : "text,label CSV"); \(training.loaded) loaded, \(training.sentences - training.loaded) not loaded\(skipped); SHA-256 \(training.digest.prefix(16)))")
        lines.append("logistic regression on words and word pairs: \(model.weights.count) features seen in at least \(model.minimumCount) sentences; λ = \(number(model.regularisation.lambda)) (\(model.regularisation.chosenBy)); languages \(model.languages.joined(separator: ", "))")
        if let cv = model.crossValidation {
            lines.append("cross-validated (\(cv.folds) folds, seed \(cv.seed); every sentence predicted by a model that did not see it):")
            lines.append("  precision \(SentenceModel.estimate(cv.precision))   (\(cv.counts.truePositives) of \(cv.counts.truePositives + cv.counts.falsePositives) predicted loaded are labelled loaded)")
            lines.append("  recall    \(SentenceModel.estimate(cv.recall))   (\(cv.counts.truePositives) of \(cv.counts.truePositives + cv.counts.falseNegatives) labelled loaded are predicted loaded)")
            lines.append("  F1        \(SentenceModel.estimate(cv.f1))   (folds: \(cv.foldF1.map { String(format: "%.3f", $0) }.joined(separator: ", ")))")
            lines.append("  accuracy  \(SentenceModel.estimate(cv.accuracy))")
            lines.append(String(format: "  predicted loaded: %.1f%% of sentences; labelled loaded: %.1f%%", cv.predictedShare * 100, cv.labelledShare * 100))
        }
        return lines
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}
