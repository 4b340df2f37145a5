import Foundation
import SlantCore
@testable import SlantModel
import Testing

/// Features, training on sentences where the right answer is known, prediction, and the model file.
@Suite struct SentenceModelTests {
    /// Ten loaded sentences (each with "disgraceful" or "vicious"), ten neutral ones (each with
    /// "announced" or "reported"); no other word is in more than one class.
    static let labels: String = {
        let loaded = [
            "A disgraceful stunt by the senator", "The disgraceful vote", "Their disgraceful silence",
            "What a disgraceful night", "The disgraceful ruling", "A vicious smear campaign", "The vicious mob",
            "Vicious lies spread fast", "A vicious attack on voters", "The vicious rhetoric",
        ]
        let neutral = [
            "The council announced a budget", "Officials announced the results", "The company announced earnings",
            "The agency announced new rules", "Schools announced closures", "Police reported two arrests",
            "The ministry reported growth", "Doctors reported fewer cases", "Analysts reported higher sales",
            "The weather office reported rain",
        ]
        return "text,label\n" + loaded.map { "\($0),1\n" }.joined() + neutral.map { "\($0),0\n" }.joined()
    }()

    static func trained(_ options: TrainingOptions = TrainingOptions(id: "toy")) throws -> TrainingOutcome {
        try ModelTraining.train(try TrainingData.read(Array(labels.utf8), file: "toy.csv"), options: options)
    }

    @Test func featuresAreWordsAndPairsOnce() {
        #expect(SentenceFeatures.features(of: "The “Radical” LEFT’s 2,500 rioters, rioters!") == [
            "the", "radical", "left's", "<number>", "rioters",
            "the radical", "radical left's", "left's <number>", "<number> rioters", "rioters rioters",
        ])
        #expect(SentenceFeatures.features(of: "pro‐Kremlin far-right") == ["pro-kremlin", "far-right", "pro-kremlin far-right"])
        #expect(SentenceFeatures.features(of: " … ") == [])
    }

    @Test func learnsAKnownSeparation() throws {
        let outcome = try Self.trained()
        let model = outcome.model
        let cv = try #require(model.crossValidation)
        #expect(cv.counts == ConfusionCounts(truePositives: 10, falsePositives: 0, falseNegatives: 0, trueNegatives: 10))
        #expect(cv.precision.value == 1 && cv.recall.value == 1 && cv.f1.value == 1)
        // Wilson's lower bound for 10 of 10 is n / (n + z²).
        let z = 1.959963984540054
        #expect(abs(cv.precision.lower - 10 / (10 + z * z)) < 1e-12)
        #expect(cv.precision.upper == 1)
        // Every resample scores 1, so the bootstrap alone would give [1, 1]; the F1 of the precision
        // and recall intervals' lower bounds (equal here) keeps the interval honest.
        #expect(abs(cv.f1.lower - 10 / (10 + z * z)) < 1e-12)
        #expect(cv.f1.upper == 1)
        #expect(cv.foldF1 == [1, 1, 1, 1, 1])
        #expect(cv.predictedShare == 0.5 && cv.labelledShare == 0.5)
        #expect(outcome.predictions.map(\.line) == Array(2...21))
        #expect(outcome.predictions.allSatisfy { ($0.probability >= 0.5) == $0.loaded })
        #expect(Set(outcome.predictions.map(\.fold)) == [0, 1, 2, 3, 4])
        // The words that tell the classes apart carry the weight.
        for word in ["disgraceful", "vicious"] { #expect((model.weights[word] ?? 0) > 0.5) }
        for word in ["announced", "reported"] { #expect((model.weights[word] ?? 0) < -0.5) }
        // Features of one sentence only are not features.
        #expect(model.weights["senator"] == nil)
        #expect(model.weights["the"] != nil)
        #expect(model.training.sentences == 20 && model.training.loaded == 10 && model.training.format == "plain")
        #expect(model.training.digest == ContentDigest(of: Array(Self.labels.utf8)).hex)
        #expect(TrainingOptions.defaultLambdas.contains(model.regularisation.lambda))
        #expect(model.probability(of: "Another disgraceful, vicious display") > 0.9)
        #expect(model.probability(of: "The board announced and reported it") < 0.1)
    }

    @Test func trainingIsReproducibleAndSeedsChangeTheFolds() throws {
        let first = try Self.trained()
        let again = try Self.trained()
        #expect(first.model.fileBytes == again.model.fileBytes)
        let other = try Self.trained(TrainingOptions(seed: 7, id: "toy"))
        #expect(other.predictions.map(\.fold) != first.predictions.map(\.fold))
    }

    @Test func aGivenLambdaIsUsed() throws {
        let model = try Self.trained(TrainingOptions(fixedLambda: 3, id: "toy")).model
        #expect(model.regularisation.lambda == 3 && model.regularisation.grid.isEmpty && model.regularisation.chosenBy == "given")
        #expect(model.crossValidation?.foldLambdas == [3, 3, 3, 3, 3])
    }

    @Test func predictsKnownSentencesExactly() {
        let model = SentenceModel(
            id: "hand", languages: ["en"], minimumCount: 1,
            weights: ["vicious": 2, "regime": 1, "vicious regime": 1, "the": -0.25], intercept: -1.5,
            regularisation: .init(lambda: 1, grid: [], chosenBy: "given"),
            training: .init(file: "x.csv", format: "plain", digest: "", bytes: 0, sentences: 0, loaded: 0, skipped: 0),
            crossValidation: nil)
        func sigmoid(_ z: Double) -> Double { z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z)) }
        #expect(model.probability(of: "The vicious regime, the vicious regime.") == sigmoid(-1.5 - 0.25 + 2 + 1 + 1))
        #expect(model.probability(of: "Regime vicious") == sigmoid(-1.5 + 1 + 2))
        #expect(model.probability(of: "Nothing here") == sigmoid(-1.5))
        let classifier = SentenceClassifier(model: model, digest: ContentDigest(ofParts: ["hand"]), path: "hand.json")
        for sentence in ["The vicious regime, the vicious regime.", "Regime vicious", "Nothing here", "the the the"] {
            #expect(classifier.probability(words: SentenceFeatures.words(of: sentence)) == model.probability(of: sentence))
        }
        #expect(classifier.isLoaded(0.5) && !classifier.isLoaded(0.4999))
    }

    @Test func theModelFileRoundTrips() throws {
        let model = try Self.trained().model
        let bytes = model.fileBytes
        let read = try SentenceModel.read(bytes, path: "toy.json")
        #expect(read == model)
        #expect(read.fileBytes == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"format\": \"slant-sentence-model\",\n  \"format_version\": 1,\n  \"id\": \"toy\","))
        let classifier = SentenceClassifier(model: read, digest: ContentDigest(of: bytes), path: "toy.json")
        for sentence in ["A disgraceful vote was announced", "Vicious, vicious rhetoric", "Rain"] {
            #expect(classifier.probability(words: SentenceFeatures.words(of: sentence)) == model.probability(of: sentence))
        }
    }

    @Test func badModelFilesAreRefused() throws {
        func problem(_ text: String) -> String {
            do {
                _ = try SentenceModel.read(Array(text.utf8), path: "m.json")
                return ""
            } catch {
                return error.description
            }
        }
        #expect(problem("") == "m.json: error: the model file is empty")
        #expect(problem("{nope") == "m.json: error: not a Slant sentence model (not valid JSON); train one with `slant model train LABELS.csv`")
        #expect(problem("{\"format\": \"slant-sentence-model\"}") == "m.json: error: not a Slant sentence model (missing `format_version` in the top level); train one with `slant model train LABELS.csv`")
        #expect(problem("{\"format\": \"other\", \"format_version\": 1}") == "m.json: error: `format` is `other`, not `slant-sentence-model`: not a Slant sentence model")
        #expect(problem("{\"format\": \"slant-sentence-model\", \"format_version\": 9, \"created_by\": \"Slant 9.0\"}")
            == "m.json: error: format version 9 is newer than this Slant reads (1); use the Slant that trained it (Slant 9.0) or a newer one")
        var text = String(decoding: try Self.trained().model.fileBytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"threshold\": 0.5", with: "\"threshold\": 1.5")
        #expect(problem(text) == "m.json: error: `threshold` must be between 0 and 1 (exclusive)")
        text = text.replacingOccurrences(of: "\"threshold\": 1.5", with: "\"threshold\": \"high\"")
        #expect(problem(text) == "m.json: error: not a Slant sentence model (`threshold` has the wrong type); train one with `slant model train LABELS.csv`")
    }

    @Test func trainingRefusesWhatItCannotLearnFrom() throws {
        func problem(_ text: String, folds: Int = 5) -> String {
            do {
                _ = try ModelTraining.train(try TrainingData.read(Array(text.utf8), file: "l.csv"), options: TrainingOptions(folds: folds))
                return ""
            } catch {
                return error.description
            }
        }
        #expect(problem("text,label\nA,1\nB,yes\nC,loaded\n")
            == "l.csv: error: all 3 labelled sentences are loaded: a classifier needs sentences of both classes")
        #expect(problem("text,label\nA,\nB,No agreement\n")
            == "l.csv: error: no labelled sentences (2 rows left out: no agreement or no label)")
        #expect(problem("text,label\nA,1\nB,1\nC,0\nD,0\nE,0\n", folds: 3)
            == "l.csv: error: 3-fold cross-validation needs at least 3 sentences of each class (here 2 loaded, 3 not loaded); label more sentences or use fewer --folds")
    }
}
