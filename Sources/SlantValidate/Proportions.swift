import Foundation
import SlantMeasure

/// Proportions estimated from a coded sample, with Wilson score intervals.
public enum Proportions {
    /// The standard normal quantile of a two-sided 95% interval.
    public static let z95 = 1.959963984540054
    /// The quantile of a two-sided 97.5% interval: two such intervals hold together with at least 95%
    /// probability (Bonferroni), which is what a recall interval built from two of them needs.
    public static let z975 = 2.241402727604947

    /// Wilson's score interval for a proportion `p` observed on `n` units (Wilson 1927): the
    /// interval of the proportions a two-sided score test at `z` would not reject. Nil when `n` is 0.
    public static func wilson(_ p: Double, n: Double, z: Double = z95) -> Interval? {
        guard n > 0, p.isFinite else { return nil }
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        return Interval(lower: max(0, centre - half), upper: min(1, centre + half))
    }

    /// A weighted proportion: each unit counts with its weight (the inverse of its stratum's
    /// sampling fraction), so that the estimate is of the population, not of the sample.
    public struct Weighted: Sendable, Hashable {
        /// Σ w·y / Σ w.
        public var value: Double
        /// Units that were coded.
        public var units: Int
        /// Units with y = 1.
        public var successes: Int
        /// Kish's effective sample size (Σw)² / Σw²: `units` when every weight is equal.
        public var effectiveSize: Double

        /// The Wilson interval at the effective sample size (the plain Wilson interval with equal weights).
        public func interval(z: Double = Proportions.z95) -> Interval? { Proportions.wilson(value, n: effectiveSize, z: z) }
    }

    /// The weighted proportion of `successes` among units with `weights`; nil without units.
    public static func weighted(_ units: [(weight: Double, success: Bool)]) -> Weighted? {
        guard !units.isEmpty else { return nil }
        var total = 0.0
        var squares = 0.0
        var hits = 0.0
        var successes = 0
        for unit in units {
            total += unit.weight
            squares += unit.weight * unit.weight
            if unit.success {
                hits += unit.weight
                successes += 1
            }
        }
        guard total > 0, squares > 0 else { return nil }
        return Weighted(value: hits / total, units: units.count, successes: successes, effectiveSize: total * total / squares)
    }

    /// Recall from a precision estimate on the tags and a miss rate on untagged sentences:
    /// true positives ≈ `tags` × precision, false negatives ≈ `untaggedSentences` × miss rate, recall
    /// = TP / (TP + FN). Its interval takes each part at the ends of its 97.5% Wilson interval
    /// (recall rises with TP and falls with FN), so it holds with at least 95% probability.
    public static func recall(
        precision: Weighted, tags: Int, missRate: Weighted, untaggedSentences: Int
    ) -> (value: Double, interval: Interval?)? {
        let truePositives = Double(tags) * precision.value
        let falseNegatives = Double(untaggedSentences) * missRate.value
        guard truePositives + falseNegatives > 0 else { return nil }
        let value = truePositives / (truePositives + falseNegatives)
        guard let p = precision.interval(z: z975), let m = missRate.interval(z: z975) else { return (value, nil) }
        func ratio(_ tp: Double, _ fn: Double) -> Double { tp + fn > 0 ? tp / (tp + fn) : 0 }
        let lower = ratio(Double(tags) * p.lower, Double(untaggedSentences) * m.upper)
        let upper = ratio(Double(tags) * p.upper, Double(untaggedSentences) * m.lower)
        return (value, Interval(lower: lower, upper: upper))
    }
}
