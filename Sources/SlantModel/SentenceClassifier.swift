import SlantCore

/// A sentence model ready to classify many sentences: its features indexed by word ids, so that a
/// sentence costs one dictionary look-up per word and no string is built for a word pair. Gives
/// exactly the probability ``SentenceModel/probability(features:)`` gives.
public struct SentenceClassifier: Sendable {
    public let model: SentenceModel
    /// The SHA-256 of the model file's bytes: what the analysis key and every citation name.
    public let digest: ContentDigest
    /// The model file as the configuration names it.
    public let path: String

    private let wordIDs: [String: Int32]
    private let wordWeights: [Double]
    private let pairWeights: [UInt64: Double]

    public init(model: SentenceModel, digest: ContentDigest, path: String) {
        self.model = model
        self.digest = digest
        self.path = path
        var wordIDs: [String: Int32] = [:]
        func id(_ word: Substring) -> Int32 {
            let key = String(word)
            if let existing = wordIDs[key] { return existing }
            let next = Int32(wordIDs.count)
            wordIDs[key] = next
            return next
        }
        var words: [(Int32, Double)] = []
        var pairs: [UInt64: Double] = [:]
        for (feature, weight) in model.weights.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            let parts = feature.split(separator: " ", omittingEmptySubsequences: false)
            switch parts.count {
            case 1: words.append((id(parts[0]), weight))
            case 2: pairs[Self.pairKey(id(parts[0]), id(parts[1]))] = weight
            default: continue  // not a feature this version makes: it can never match
            }
        }
        var wordWeights = [Double](repeating: 0, count: wordIDs.count)
        for (word, weight) in words { wordWeights[Int(word)] = weight }
        self.wordIDs = wordIDs
        self.wordWeights = wordWeights
        pairWeights = pairs
    }

    /// The model's id.
    public var id: String { model.id }

    /// "bias (1f0c2a…)": the model as citations name it.
    public var label: String { "\(model.id) (\(digest.prefix()))" }

    private static func pairKey(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    /// The probability that a sentence with these words (``SentenceFeatures/words(of:)``) is loaded.
    /// The weights are summed in the order ``SentenceFeatures/features(_:)`` lists the features (the
    /// words, then the pairs, each at its first appearance), so the sum is bit for bit the model's.
    public func probability(words: [String]) -> Double {
        var z = model.intercept
        var ids: [Int32] = []
        ids.reserveCapacity(words.count)
        var seenWords = Set<Int32>()
        for word in words {
            let current = wordIDs[word] ?? -1
            ids.append(current)
            if current >= 0, seenWords.insert(current).inserted { z += wordWeights[Int(current)] }
        }
        guard ids.count > 1, !pairWeights.isEmpty else { return LogisticRegression.sigmoid(z) }
        var seenPairs = Set<UInt64>()
        for index in 1..<ids.count where ids[index - 1] >= 0 && ids[index] >= 0 {
            let key = Self.pairKey(ids[index - 1], ids[index])
            if let weight = pairWeights[key], seenPairs.insert(key).inserted { z += weight }
        }
        return LogisticRegression.sigmoid(z)
    }

    /// Whether a probability is a prediction of loaded.
    public func isLoaded(_ probability: Double) -> Bool { probability >= model.threshold }
}
