import Foundation
import SlantValidate

/// SplitMix64, the generator Slant's statistics use, so that folds and resamples are the same on
/// every machine for the same seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one named use of a seed ("folds", "bootstrap"), independent of the others.
    init(seed: UInt64, purpose: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in purpose.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        state = hash ^ (seed &* 0x9E37_79B9_7F4A_7C15)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's method, unbiased).
    mutating func index(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// Fisher–Yates, with ``index(below:)``.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for position in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(position, index(below: position + 1))
        }
    }
}

/// Stratified k-fold splits: each class's items are shuffled with the seed and dealt to the folds in
/// turn, so every fold has the classes in (nearly) the same proportions as the whole.
enum StratifiedFolds {
    /// The fold (0..<k) of each item; `items` are positions into `labels`.
    static func assign(_ items: [Int], labels: [Bool], folds k: Int, seed: UInt64, purpose: String) -> [Int] {
        var generator = SplitMix64(seed: seed, purpose: purpose)
        var fold = [Int](repeating: 0, count: items.count)
        var next = 0
        for positive in [true, false] {
            var members = items.indices.filter { labels[items[$0]] == positive }
            generator.shuffle(&members)
            for member in members {
                fold[member] = next % k
                next += 1
            }
        }
        return fold
    }
}

/// A figure with its 95% interval.
public struct Estimate: Sendable, Hashable {
    public var value: Double
    public var lower: Double
    public var upper: Double

    public init(value: Double, lower: Double, upper: Double) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }
}

/// Counts of decisions against labels.
public struct ConfusionCounts: Sendable, Hashable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    public mutating func add(predicted: Bool, actual: Bool) {
        switch (predicted, actual) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, true): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    public var total: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    /// TP / (TP + FP); 0 when nothing was predicted positive.
    public var precision: Double { Self.ratio(truePositives, truePositives + falsePositives) }
    /// TP / (TP + FN).
    public var recall: Double { Self.ratio(truePositives, truePositives + falseNegatives) }
    /// 2TP / (2TP + FP + FN).
    public var f1: Double { Self.ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }
    public var accuracy: Double { Self.ratio(truePositives + trueNegatives, total) }

    private static func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 0 }
}

/// Intervals for the cross-validated figures.
enum Intervals {
    /// The Wilson score interval (95%) of `successes` out of `trials`: ``Proportions/wilson(_:n:z:)``,
    /// with the bounds at 0 and `trials` successes set to exactly 0 and 1 (rounding would leave them a
    /// hair short).
    static func wilson(_ successes: Int, _ trials: Int) -> Estimate {
        let p = trials > 0 ? Double(successes) / Double(trials) : 0
        guard let interval = Proportions.wilson(p, n: Double(trials)) else { return Estimate(value: 0, lower: 0, upper: 0) }
        return Estimate(
            value: p, lower: successes == 0 ? 0 : interval.lower, upper: successes == trials ? 1 : interval.upper)
    }

    /// F1 with a 95% interval: the percentile bootstrap's (the (prediction, label) pairs resampled with
    /// replacement `resamples` times), widened where needed to the F1 of the precision and recall
    /// intervals' bounds (F1 rises with both).
    ///
    /// The bootstrap alone collapses to a point when every prediction is right (every resample then
    /// scores 1), which would claim a certainty the precision and recall intervals do not.
    static func f1(
        predicted: [Bool], actual: [Bool], precision: Estimate, recall: Estimate, resamples: Int, seed: UInt64
    ) -> Estimate {
        let bootstrap = bootstrapF1(predicted: predicted, actual: actual, resamples: resamples, seed: seed)
        func harmonic(_ p: Double, _ r: Double) -> Double { p + r > 0 ? 2 * p * r / (p + r) : 0 }
        return Estimate(
            value: bootstrap.value, lower: min(bootstrap.lower, harmonic(precision.lower, recall.lower)),
            upper: max(bootstrap.upper, harmonic(precision.upper, recall.upper)))
    }

    /// F1 with a 95% percentile bootstrap interval: the (prediction, label) pairs resampled with
    /// replacement `resamples` times.
    static func bootstrapF1(predicted: [Bool], actual: [Bool], resamples: Int, seed: UInt64) -> Estimate {
        var counts = ConfusionCounts()
        for (p, a) in zip(predicted, actual) { counts.add(predicted: p, actual: a) }
        guard !predicted.isEmpty else { return Estimate(value: 0, lower: 0, upper: 0) }
        var generator = SplitMix64(seed: seed, purpose: "bootstrap-f1")
        var values: [Double] = []
        values.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sample = ConfusionCounts()
            for _ in predicted.indices {
                let drawn = generator.index(below: predicted.count)
                sample.add(predicted: predicted[drawn], actual: actual[drawn])
            }
            values.append(sample.f1)
        }
        values.sort()
        return Estimate(value: counts.f1, lower: quantile(values, 0.025), upper: quantile(values, 0.975))
    }

    /// The p-quantile of sorted values, by linear interpolation (as the statistics compute it).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
