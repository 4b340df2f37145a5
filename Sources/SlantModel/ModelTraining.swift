import Foundation
import SlantCore

/// How `slant model train` trains.
public struct TrainingOptions: Sendable, Hashable {
    /// Folds of the cross-validation (outer and inner).
    public var folds: Int
    public var seed: UInt64
    /// A feature is kept when at least this many training sentences have it.
    public var minimumCount: Int
    /// The λ values nested cross-validation chooses among…
    public var lambdas: [Double]
    /// …unless λ is given.
    public var fixedLambda: Double?
    public var id: String
    /// The languages of the labelled sentences.
    public var languages: [String]
    /// Bootstrap resamples of the F1 interval.
    public var resamples: Int

    /// λ from 1/4 to 32 in factors of two.
    public static let defaultLambdas: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32]

    public init(
        folds: Int = 5, seed: UInt64 = 1, minimumCount: Int = 2, lambdas: [Double] = defaultLambdas, fixedLambda: Double? = nil,
        id: String = "model", languages: [String] = ["en"], resamples: Int = 2000
    ) {
        self.folds = folds
        self.seed = seed
        self.minimumCount = minimumCount
        self.lambdas = lambdas
        self.fixedLambda = fixedLambda
        self.id = id
        self.languages = languages
        self.resamples = resamples
    }
}

/// A trained model and the cross-validated prediction of each sentence.
public struct TrainingOutcome: Sendable {
    /// One sentence's out-of-fold prediction: made by the model of the fold it was held out of.
    public struct Prediction: Sendable, Hashable {
        public var line: Int
        public var loaded: Bool
        public var probability: Double
        public var fold: Int
    }

    public var model: SentenceModel
    public var predictions: [Prediction]
}

/// Trains a sentence model on labelled sentences and measures it by nested cross-validation.
///
/// - Outer: stratified k-fold (the seed's shuffle of each class dealt to the folds). Each fold is
///   predicted by a model trained on the other folds, with its own λ chosen by an inner stratified
///   k-fold cross-validation on those folds only (the lowest held-out log loss over the grid; on a
///   tie the larger λ). Every sentence is predicted once, by a model that never saw it, and the
///   figures are pooled over the folds: precision and recall with Wilson intervals, F1 with a
///   bootstrap interval over sentences.
/// - The model saved is trained on every sentence, with λ chosen the same way on all of them.
/// - The feature vocabulary (features seen in at least `minimumCount` sentences) is built from each
///   model's own training sentences, so no held-out sentence decides which features exist.
public enum ModelTraining {
    public static func train(_ data: TrainingData, options: TrainingOptions) throws(TrainingDataError) -> TrainingOutcome {
        let labels = data.sentences.map(\.loaded)
        let loaded = labels.filter { $0 }.count
        let notLoaded = labels.count - loaded
        func fail(_ message: String) -> TrainingDataError {
            TrainingDataError([TrainingDataProblem(file: data.file, line: nil, message: message)])
        }
        guard !labels.isEmpty else {
            throw fail("no labelled sentences (\(data.skipped.count) row\(data.skipped.count == 1 ? "" : "s") left out: no agreement or no label)")
        }
        guard loaded > 0, notLoaded > 0 else {
            throw fail("all \(labels.count) labelled sentences are \(loaded > 0 ? "loaded" : "not loaded"): a classifier needs sentences of both classes")
        }
        guard options.folds >= 2 else { throw fail("cross-validation needs at least 2 folds") }
        guard min(loaded, notLoaded) >= options.folds else {
            throw fail("\(options.folds)-fold cross-validation needs at least \(options.folds) sentences of each class (here \(loaded) loaded, \(notLoaded) not loaded); label more sentences or use fewer --folds")
        }
        let corpus = FeatureTable(data.sentences.map { SentenceFeatures.features(of: $0.text) })
        let trainer = Trainer(corpus: corpus, labels: labels, options: options)
        let everyone = Array(labels.indices)

        // Outer cross-validation.
        let outer = StratifiedFolds.assign(everyone, labels: labels, folds: options.folds, seed: options.seed, purpose: "outer")
        var probabilities = [Double](repeating: 0, count: labels.count)
        var foldF1: [Double] = []
        var foldLambdas: [Double] = []
        for fold in 0..<options.folds {
            let training = everyone.filter { outer[$0] != fold }
            let test = everyone.filter { outer[$0] == fold }
            let lambda = options.fixedLambda ?? trainer.chooseLambda(training, purpose: "inner-\(fold)")
            let fitted = trainer.fit(training, lambda: lambda)
            var counts = ConfusionCounts()
            for index in test {
                probabilities[index] = fitted.probability(index)
                counts.add(predicted: probabilities[index] >= threshold, actual: labels[index])
            }
            foldF1.append(counts.f1)
            foldLambdas.append(lambda)
        }
        let predicted = probabilities.map { $0 >= threshold }
        var counts = ConfusionCounts()
        for (p, a) in zip(predicted, labels) { counts.add(predicted: p, actual: a) }
        let innerNote = options.fixedLambda == nil ? "λ chosen in each by an inner \(options.folds)-fold cross-validation on its training folds" : "λ given"
        let precision = Intervals.wilson(counts.truePositives, counts.truePositives + counts.falsePositives)
        let recall = Intervals.wilson(counts.truePositives, counts.truePositives + counts.falseNegatives)
        let crossValidation = SentenceModel.CrossValidation(
            folds: options.folds, seed: options.seed, precision: precision, recall: recall,
            f1: Intervals.f1(
                predicted: predicted, actual: labels, precision: precision, recall: recall,
                resamples: options.resamples, seed: options.seed),
            accuracy: Intervals.wilson(counts.truePositives + counts.trueNegatives, counts.total),
            counts: counts, foldF1: foldF1, foldLambdas: foldLambdas,
            predictedShare: Double(counts.truePositives + counts.falsePositives) / Double(counts.total),
            labelledShare: Double(loaded) / Double(labels.count),
            method: "stratified \(options.folds)-fold cross-validation (seed \(options.seed)), \(innerNote); every sentence predicted once by a model that did not see it, figures pooled over the folds; precision, recall and accuracy with Wilson 95% intervals, F1 with a 95% percentile bootstrap interval over sentences (\(options.resamples) resamples) widened where needed to the F1 of the precision and recall bounds")

        // The model saved: every sentence.
        let lambda = options.fixedLambda ?? trainer.chooseLambda(everyone, purpose: "selection")
        let final = trainer.fit(everyone, lambda: lambda)
        var weights: [String: Double] = [:]
        for (column, feature) in final.features.enumerated() { weights[corpus.names[Int(feature)]] = final.regression.weights[column] }
        let model = SentenceModel(
            id: options.id, languages: options.languages, minimumCount: options.minimumCount, weights: weights,
            intercept: final.regression.intercept, threshold: threshold,
            regularisation: SentenceModel.Regularisation(
                lambda: lambda, grid: options.fixedLambda == nil ? options.lambdas : [],
                chosenBy: options.fixedLambda == nil
                    ? "the lowest held-out log loss of a stratified \(options.folds)-fold cross-validation over the grid (on a tie the larger λ)"
                    : "given"),
            training: SentenceModel.Training(
                file: data.file, format: data.format.rawValue, digest: data.digest.hex, bytes: data.bytes,
                sentences: labels.count, loaded: loaded, skipped: data.skipped.count),
            crossValidation: crossValidation)
        let predictions = data.sentences.indices.map {
            TrainingOutcome.Prediction(line: data.sentences[$0].line, loaded: labels[$0], probability: probabilities[$0], fold: outer[$0])
        }
        return TrainingOutcome(model: model, predictions: predictions)
    }

    /// A sentence is predicted loaded at this probability or above.
    public static let threshold = 0.5
}

/// Every sentence's features as small integers, and the feature names they stand for.
struct FeatureTable {
    var names: [String] = []
    var rows: [[Int32]] = []

    init(_ sentences: [[String]]) {
        var ids: [String: Int32] = [:]
        for features in sentences {
            var row: [Int32] = []
            row.reserveCapacity(features.count)
            for feature in features {
                if let id = ids[feature] {
                    row.append(id)
                } else {
                    let id = Int32(names.count)
                    ids[feature] = id
                    names.append(feature)
                    row.append(id)
                }
            }
            rows.append(row)
        }
    }
}

/// Fits models on subsets of the sentences and chooses λ.
private struct Trainer {
    let corpus: FeatureTable
    let labels: [Bool]
    let options: TrainingOptions

    /// A model fitted on some sentences: the features it kept (as feature ids), and its regression.
    struct Fitted {
        var features: [Int32]
        var column: [Int32: Int32]
        var regression: LogisticRegression
        let corpus: FeatureTable

        func probability(_ sentence: Int) -> Double {
            regression.probability(ArraySlice(corpus.rows[sentence].compactMap { column[$0] }))
        }
    }

    func fit(_ sentences: [Int], lambda: Double) -> Fitted {
        var counts = [Int](repeating: 0, count: corpus.names.count)
        for sentence in sentences {
            for feature in corpus.rows[sentence] { counts[Int(feature)] += 1 }
        }
        var features: [Int32] = []
        var column: [Int32: Int32] = [:]
        for (feature, count) in counts.enumerated() where count >= options.minimumCount {
            column[Int32(feature)] = Int32(features.count)
            features.append(Int32(feature))
        }
        var rows = SparseRows()
        for sentence in sentences { rows.append(corpus.rows[sentence].compactMap { column[$0] }) }
        let regression = LogisticRegression.fit(
            rows: rows, labels: sentences.map { labels[$0] }, features: features.count, lambda: lambda)
        return Fitted(features: features, column: column, regression: regression, corpus: corpus)
    }

    /// The λ of the grid with the lowest held-out log loss over a stratified k-fold split of `sentences`.
    func chooseLambda(_ sentences: [Int], purpose: String) -> Double {
        let folds = StratifiedFolds.assign(sentences, labels: labels, folds: options.folds, seed: options.seed, purpose: purpose)
        var best: (lambda: Double, loss: Double)?
        for lambda in options.lambdas.sorted(by: >) {
            var loss = 0.0
            for fold in 0..<options.folds {
                let training = sentences.indices.filter { folds[$0] != fold }.map { sentences[$0] }
                let test = sentences.indices.filter { folds[$0] == fold }.map { sentences[$0] }
                guard !test.isEmpty else { continue }
                let fitted = fit(training, lambda: lambda)
                for sentence in test {
                    let p = min(max(fitted.probability(sentence), 1e-15), 1 - 1e-15)
                    loss -= labels[sentence] ? log(p) : log(1 - p)
                }
            }
            // Larger λ first: a smaller one must do strictly better to be chosen.
            if best == nil || loss < (best?.loss ?? .infinity) * (1 - 1e-12) { best = (lambda, loss) }
        }
        return best?.lambda ?? 1
    }
}
