import Foundation
import SlantCore

/// A trained sentence classifier, as its model file holds it: L2-regularised logistic regression on
/// the words and word pairs of a sentence (``SentenceFeatures``), the probability that a sentence
/// is loaded, and the threshold at which it is predicted loaded. It carries how it was trained and
/// its cross-validated figures, so that a report can say what the figures it gives rest on.
public struct SentenceModel: Sendable, Hashable {
    /// The `format` of a model file, and the version this Slant writes and reads.
    public static let formatName = "slant-sentence-model"
    public static let formatVersion = 1

    /// How the regularisation strength was chosen.
    public struct Regularisation: Sendable, Hashable {
        /// λ of ``LogisticRegression`` (the prior precision of each weight; 1/C).
        public var lambda: Double
        /// The values it was chosen among (empty when it was given).
        public var grid: [Double]
        public var chosenBy: String

        public init(lambda: Double, grid: [Double], chosenBy: String) {
            self.lambda = lambda
            self.grid = grid
            self.chosenBy = chosenBy
        }
    }

    /// What the model was trained on.
    public struct Training: Sendable, Hashable {
        /// The labels file as given on the command line.
        public var file: String
        public var format: String
        /// The SHA-256 of the file's bytes.
        public var digest: String
        public var bytes: Int
        public var sentences: Int
        public var loaded: Int
        /// Rows left out (BABE's `No agreement`, empty labels).
        public var skipped: Int

        public init(file: String, format: String, digest: String, bytes: Int, sentences: Int, loaded: Int, skipped: Int) {
            self.file = file
            self.format = format
            self.digest = digest
            self.bytes = bytes
            self.sentences = sentences
            self.loaded = loaded
            self.skipped = skipped
        }
    }

    /// The cross-validated figures: every sentence predicted once, by a model that did not see it.
    public struct CrossValidation: Sendable, Hashable {
        public var folds: Int
        public var seed: UInt64
        public var precision: Estimate
        public var recall: Estimate
        public var f1: Estimate
        public var accuracy: Estimate
        public var counts: ConfusionCounts
        /// F1 and the λ chosen in each outer fold.
        public var foldF1: [Double]
        public var foldLambdas: [Double]
        /// Share of sentences predicted loaded, and share labelled loaded.
        public var predictedShare: Double
        public var labelledShare: Double
        public var method: String

        public init(
            folds: Int, seed: UInt64, precision: Estimate, recall: Estimate, f1: Estimate, accuracy: Estimate,
            counts: ConfusionCounts, foldF1: [Double], foldLambdas: [Double], predictedShare: Double,
            labelledShare: Double, method: String
        ) {
            self.folds = folds
            self.seed = seed
            self.precision = precision
            self.recall = recall
            self.f1 = f1
            self.accuracy = accuracy
            self.counts = counts
            self.foldF1 = foldF1
            self.foldLambdas = foldLambdas
            self.predictedShare = predictedShare
            self.labelledShare = labelledShare
            self.method = method
        }
    }

    /// The id statistics name the model by (`model-rate/<id>/<outlet>/<voice>`).
    public var id: String
    /// The languages of the sentences it was trained on (primary subtags): the articles it covers.
    public var languages: [String]
    /// A feature was kept when at least this many training sentences had it.
    public var minimumCount: Int
    /// Feature → weight.
    public var weights: [String: Double]
    public var intercept: Double
    /// A sentence is predicted loaded when its probability is at least this.
    public var threshold: Double
    public var regularisation: Regularisation
    public var training: Training
    public var crossValidation: CrossValidation?
    /// The Slant that trained it.
    public var createdBy: String

    public init(
        id: String, languages: [String], minimumCount: Int, weights: [String: Double], intercept: Double,
        threshold: Double = 0.5, regularisation: Regularisation, training: Training, crossValidation: CrossValidation?,
        createdBy: String = "Slant \(SlantVersion.current)"
    ) {
        self.id = id
        self.languages = languages
        self.minimumCount = minimumCount
        self.weights = weights
        self.intercept = intercept
        self.threshold = threshold
        self.regularisation = regularisation
        self.training = training
        self.crossValidation = crossValidation
        self.createdBy = createdBy
    }

    /// The probability that a sentence with these features (``SentenceFeatures/features(_:)``) is
    /// loaded; weights are summed in the features' order, a repeated feature once.
    public func probability(features: [String]) -> Double {
        var z = intercept
        var seen = Set<String>()
        for feature in features where seen.insert(feature).inserted {
            if let weight = weights[feature] { z += weight }
        }
        return LogisticRegression.sigmoid(z)
    }

    /// The probability that a sentence (as text) is loaded.
    public func probability(of sentence: String) -> Double { probability(features: SentenceFeatures.features(of: sentence)) }

    /// What the model is, in a sentence: for reports.
    public var summary: String {
        var text = "L2-regularised logistic regression (λ = \(Self.number(regularisation.lambda)), \(regularisation.chosenBy)) on the words and word pairs of a sentence (\(weights.count) features seen in at least \(minimumCount) training sentences), trained on \(training.sentences) labelled sentences of \(training.file) (\(training.loaded) loaded; SHA-256 \(training.digest.prefix(16))); a sentence is predicted loaded when its probability is at least \(Self.number(threshold))"
        if let cv = crossValidation {
            text += ". \(cv.folds)-fold cross-validation (seed \(cv.seed)): precision \(Self.estimate(cv.precision)), recall \(Self.estimate(cv.recall)), F1 \(Self.estimate(cv.f1))"
        }
        return text
    }

    /// "0.712 [0.680, 0.741]".
    public static func estimate(_ estimate: Estimate) -> String {
        String(format: "%.3f [%.3f, %.3f]", estimate.value, estimate.lower, estimate.upper)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}

// MARK: - The model file

/// Why a model file cannot be used.
public struct ModelFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }
}

extension SentenceModel {
    /// The model file: JSON with its format and version first, the features' weights last, keys in
    /// a fixed order (weights sorted by feature) and numbers written to round-trip exactly, so that the
    /// same labels, options and Slant give the same file byte for byte.
    public var fileJSON: JSON {
        func estimate(_ value: Estimate) -> JSON {
            .object(["value": .double(value.value), "lower": .double(value.lower), "upper": .double(value.upper)])
        }
        var crossValidation = JSON.null
        if let cv = self.crossValidation {
            crossValidation = .object([
                "method": .string(cv.method),
                "folds": .int(cv.folds),
                "seed": .string(String(cv.seed)),
                "precision": estimate(cv.precision),
                "recall": estimate(cv.recall),
                "f1": estimate(cv.f1),
                "accuracy": estimate(cv.accuracy),
                "true_positives": .int(cv.counts.truePositives),
                "false_positives": .int(cv.counts.falsePositives),
                "false_negatives": .int(cv.counts.falseNegatives),
                "true_negatives": .int(cv.counts.trueNegatives),
                "predicted_share": .double(cv.predictedShare),
                "labelled_share": .double(cv.labelledShare),
                "fold_f1": .array(cv.foldF1.map(JSON.double)),
                "fold_lambdas": .array(cv.foldLambdas.map(JSON.double)),
            ])
        }
        let sortedWeights = weights.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        return .object([
            "format": .string(Self.formatName),
            "format_version": .int(Self.formatVersion),
            "id": .string(id),
            "model": .string("logistic regression, L2-regularised, on the words and word pairs of a sentence"),
            "predicts": .string("loaded: the probability that a coder would label the sentence loaded (BABE: Biased)"),
            "languages": .array(languages.map(JSON.string)),
            "features": .object([
                "words": .string("Slant's tokenizer; lower case; ’ as ', ‐ as -; every number one word <number>"),
                "pairs": .string("adjacent words, joined by one space"),
                "values": .string("binary: a feature counts once per sentence"),
                "min_count": .int(minimumCount),
                "count": .int(weights.count),
            ]),
            "regularisation": .object([
                "penalty": .string("l2"),
                "lambda": .double(regularisation.lambda),
                "grid": .array(regularisation.grid.map(JSON.double)),
                "chosen_by": .string(regularisation.chosenBy),
            ]),
            "threshold": .double(threshold),
            "intercept": .double(intercept),
            "training": .object([
                "file": .string(training.file),
                "format": .string(training.format),
                "digest": .string(training.digest),
                "bytes": .int(training.bytes),
                "sentences": .int(training.sentences),
                "loaded": .int(training.loaded),
                "not_loaded": .int(training.sentences - training.loaded),
                "skipped": .int(training.skipped),
            ]),
            "cross_validation": crossValidation,
            "created_by": .string(createdBy),
            "weights": .object(sortedWeights.map { JSONField($0.key, .double($0.value)) }),
        ])
    }

    /// The model file's bytes.
    public var fileBytes: [UInt8] { Array(fileJSON.prettyPrinted().utf8) }

    /// Reads a model file's bytes; `path` names it in errors.
    public static func read(_ bytes: [UInt8], path: String) throws(ModelFileError) -> SentenceModel {
        func fail(_ message: String) -> ModelFileError { ModelFileError(path: path, message: message) }
        guard !bytes.isEmpty else { throw fail("the model file is empty") }
        let file: ModelFile
        do {
            file = try JSONDecoder().decode(ModelFile.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw fail("not a Slant sentence model (\(Self.describe(error))); train one with `slant model train LABELS.csv`")
        } catch {
            throw fail("not a Slant sentence model: \(error)")
        }
        guard file.format == formatName else {
            throw fail("`format` is `\(file.format)`, not `\(formatName)`: not a Slant sentence model")
        }
        guard file.formatVersion == formatVersion else {
            throw fail(file.formatVersion > formatVersion
                ? "format version \(file.formatVersion) is newer than this Slant reads (\(formatVersion)); use the Slant that trained it (\(file.createdBy ?? "unknown")) or a newer one"
                : "format version \(file.formatVersion) is not one this Slant reads (\(formatVersion))")
        }
        guard !file.id.isEmpty, file.id.unicodeScalars.allSatisfy({ !$0.properties.isWhitespace }) else {
            throw fail("`id` must be a non-empty name without spaces")
        }
        guard file.threshold > 0, file.threshold < 1 else { throw fail("`threshold` must be between 0 and 1 (exclusive)") }
        guard file.intercept.isFinite, file.regularisation.lambda.isFinite, file.regularisation.lambda > 0 else {
            throw fail("`intercept` and `regularisation.lambda` must be finite numbers (λ above 0)")
        }
        if let bad = file.weights.first(where: { !$0.value.isFinite }) {
            throw fail("the weight of `\(bad.key)` is not a finite number")
        }
        guard file.features.minCount >= 1 else { throw fail("`features.min_count` must be at least 1") }
        return SentenceModel(
            id: file.id, languages: file.languages.map { $0.lowercased() }, minimumCount: file.features.minCount,
            weights: file.weights, intercept: file.intercept, threshold: file.threshold,
            regularisation: Regularisation(
                lambda: file.regularisation.lambda, grid: file.regularisation.grid ?? [], chosenBy: file.regularisation.chosenBy ?? ""),
            training: Training(
                file: file.training.file, format: file.training.format, digest: file.training.digest, bytes: file.training.bytes,
                sentences: file.training.sentences, loaded: file.training.loaded, skipped: file.training.skipped ?? 0),
            crossValidation: file.crossValidation.map { cv in
                CrossValidation(
                    folds: cv.folds, seed: UInt64(cv.seed) ?? 0, precision: cv.precision.estimate, recall: cv.recall.estimate,
                    f1: cv.f1.estimate, accuracy: cv.accuracy.estimate,
                    counts: ConfusionCounts(
                        truePositives: cv.truePositives, falsePositives: cv.falsePositives, falseNegatives: cv.falseNegatives,
                        trueNegatives: cv.trueNegatives),
                    foldF1: cv.foldF1, foldLambdas: cv.foldLambdas, predictedShare: cv.predictedShare,
                    labelledShare: cv.labelledShare, method: cv.method)
            },
            createdBy: file.createdBy ?? "")
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : "`" + keys.joined(separator: ".") + "`"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing `\(key.stringValue)` in \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)) is not valid"
        @unknown default:
            return "unreadable"
        }
    }
}

/// The model file as JSON decodes it.
private struct ModelFile: Decodable {
    struct Features: Decodable {
        var minCount: Int
        enum CodingKeys: String, CodingKey { case minCount = "min_count" }
    }

    struct Regularisation: Decodable {
        var lambda: Double
        var grid: [Double]?
        var chosenBy: String?
        enum CodingKeys: String, CodingKey { case lambda, grid, chosenBy = "chosen_by" }
    }

    struct Training: Decodable {
        var file: String
        var format: String
        var digest: String
        var bytes: Int
        var sentences: Int
        var loaded: Int
        var skipped: Int?
    }

    struct Figure: Decodable {
        var value: Double
        var lower: Double
        var upper: Double
        var estimate: Estimate { Estimate(value: value, lower: lower, upper: upper) }
    }

    struct CrossValidation: Decodable {
        var method: String
        var folds: Int
        var seed: String
        var precision: Figure
        var recall: Figure
        var f1: Figure
        var accuracy: Figure
        var truePositives: Int
        var falsePositives: Int
        var falseNegatives: Int
        var trueNegatives: Int
        var predictedShare: Double
        var labelledShare: Double
        var foldF1: [Double]
        var foldLambdas: [Double]
        enum CodingKeys: String, CodingKey {
            case method, folds, seed, precision, recall, f1, accuracy
            case truePositives = "true_positives", falsePositives = "false_positives"
            case falseNegatives = "false_negatives", trueNegatives = "true_negatives"
            case predictedShare = "predicted_share", labelledShare = "labelled_share"
            case foldF1 = "fold_f1", foldLambdas = "fold_lambdas"
        }
    }

    var format: String
    var formatVersion: Int
    var id: String
    var languages: [String]
    var features: Features
    var regularisation: Regularisation
    var threshold: Double
    var intercept: Double
    var training: Training
    var crossValidation: CrossValidation?
    var createdBy: String?
    var weights: [String: Double]

    enum CodingKeys: String, CodingKey {
        case format, formatVersion = "format_version", id, languages, features, regularisation, threshold, intercept
        case training, crossValidation = "cross_validation", createdBy = "created_by", weights
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        // Only what this version reads is required once the format is known to be newer.
        guard format == SentenceModel.formatName, formatVersion == SentenceModel.formatVersion else {
            id = ""
            languages = []
            features = Features(minCount: 1)
            regularisation = Regularisation(lambda: 1)
            threshold = 0.5
            intercept = 0
            training = Training(file: "", format: "", digest: "", bytes: 0, sentences: 0, loaded: 0)
            createdBy = try container.decodeIfPresent(String.self, forKey: .createdBy)
            weights = [:]
            return
        }
        id = try container.decode(String.self, forKey: .id)
        languages = try container.decode([String].self, forKey: .languages)
        features = try container.decode(Features.self, forKey: .features)
        regularisation = try container.decode(Regularisation.self, forKey: .regularisation)
        threshold = try container.decode(Double.self, forKey: .threshold)
        intercept = try container.decode(Double.self, forKey: .intercept)
        training = try container.decode(Training.self, forKey: .training)
        crossValidation = try container.decodeIfPresent(CrossValidation.self, forKey: .crossValidation)
        createdBy = try container.decodeIfPresent(String.self, forKey: .createdBy)
        weights = try container.decode([String: Double].self, forKey: .weights)
    }
}
