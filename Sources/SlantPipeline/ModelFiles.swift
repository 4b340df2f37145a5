import Foundation
import SlantCore
import SlantModel

/// Reads and writes sentence-model files and labels files (the I/O edge of ``SlantModel``).
public enum ModelFiles {
    /// Loads model files; all problems of all files are reported together (as lexicon problems are).
    public static func load(_ paths: [String], displayPaths: [String]? = nil) throws(LexiconFiles.Failure) -> [SentenceClassifier] {
        var classifiers: [SentenceClassifier] = []
        var messages: [String] = []
        for (index, path) in paths.enumerated() {
            let shown = displayPaths?[index] ?? path
            guard let data = FileManager.default.contents(atPath: path) else {
                messages.append("\(shown): error: cannot read the model (no such file, or not readable)")
                continue
            }
            let bytes = [UInt8](data)
            do {
                let model = try SentenceModel.read(bytes, path: shown)
                classifiers.append(SentenceClassifier(model: model, digest: ContentDigest(of: bytes), path: shown))
            } catch {
                messages.append(error.description)
            }
        }
        var seen: [String: String] = [:]
        for classifier in classifiers {
            if let other = seen[classifier.id] {
                messages.append("\(classifier.path): error: model id `\(classifier.id)` is also the id of \(other); statistics could not tell them apart (train one with another --id)")
            }
            seen[classifier.id] = classifier.path
        }
        if !messages.isEmpty { throw LexiconFiles.Failure(messages: messages) }
        return classifiers
    }

    /// The models a configuration names (`models:`), resolved against its directory.
    public static func load(for configuration: PipelineConfiguration) throws(LexiconFiles.Failure) -> [SentenceClassifier] {
        try load(configuration.models.map { configuration.resolve($0.path) }, displayPaths: configuration.models.map(\.path))
    }

    /// Reads a labels file (BABE or `text,label` CSV) and trains a model on it.
    public static func train(labels path: String, options: TrainingOptions) throws(TrainingDataError) -> TrainingOutcome {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let data = FileManager.default.contents(atPath: path)
        else {
            let reason = FileManager.default.fileExists(atPath: path) ? (isDirectory.boolValue ? "it is a directory" : "not readable") : "no such file"
            throw TrainingDataError([TrainingDataProblem(file: path, line: nil, message: "cannot read the labels: \(reason)")])
        }
        return try ModelTraining.train(try TrainingData.read([UInt8](data), file: path), options: options)
    }

    /// Writes a model file atomically (a half-written model never replaces a good one).
    public static func write(_ model: SentenceModel, to path: String) throws {
        try Data(model.fileBytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// The out-of-fold predictions as CSV: the labels file's line, the label, the probability, the
    /// decision and the fold.
    public static func predictionsCSV(_ outcome: TrainingOutcome) -> String {
        var text = "line,label,probability,predicted,fold\n"
        for prediction in outcome.predictions {
            text += "\(prediction.line),\(prediction.loaded ? 1 : 0),\(prediction.probability),\(prediction.probability >= outcome.model.threshold ? 1 : 0),\(prediction.fold + 1)\n"
        }
        return text
    }

    /// The id a model written to `path` gets by default: the file's name without its extension.
    public static func defaultID(forOutput path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let stem = name.hasSuffix(".model.json") ? String(name.dropLast(11)) : (name as NSString).deletingPathExtension
        return stem.isEmpty ? "model" : stem
    }

    /// Whether an id can name a model in statistic IDs: letters, digits, `-`, `_` and `.`, starting
    /// with a letter or digit.
    public static func isIdentifier(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }
}
