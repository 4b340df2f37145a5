import Foundation

/// A small, fast, seedable random number generator (SplitMix64), so that every
/// bootstrap interval and permutation p-value is reproducible byte for byte on
/// any machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A seed derived from a text (a statistic's ID): each statistic gets its own
    /// stream, so adding a statistic never changes another's interval.
    public init(seedText: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seedText.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        state = hash
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's method, unbiased).
    public mutating func index(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }
}

/// A confidence interval.
public struct Interval: Sendable, Hashable, Codable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// Statistics over articles: the unit of resampling, because tokens within one
/// article are not independent.
public enum Statistics {
    /// Bootstrap resamples for every interval (DESIGN: 2,000, percentile method).
    public static let resamples = 2000

    /// The `p`-quantile of sorted values, by linear interpolation between order
    /// statistics (the default of numpy's `percentile` and R's type 7).
    public static func quantile(sorted values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let position = p * Double(values.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        let fraction = position - Double(lower)
        return values[lower] + (values[upper] - values[lower]) * fraction
    }

    /// The ratio of sums Σnumerator / Σdenominator (× `scale`), with its article-level
    /// bootstrap 95% percentile interval: articles are drawn with replacement, the ratio
    /// recomputed, `resamples` times (resamples whose denominator is zero are skipped).
    /// Nil interval when there are fewer than two articles.
    public static func ratioOfSums(
        numerators: [Double], denominators: [Double], scale: Double = 1, seed: String, resamples: Int = resamples
    ) -> (value: Double, interval: Interval?) {
        let total = denominators.reduce(0, +)
        let value = total > 0 ? numerators.reduce(0, +) / total * scale : .nan
        let plan = BootstrapPlan(articles: numerators.count, resamples: resamples, seed: seed)
        guard plan.resamples > 0 else { return (value, nil) }
        return (value, BootstrapPlan.percentileInterval(plan.ratios(numerators: numerators, denominators: denominators, scale: scale)))
    }

    /// The difference of two ratios of sums (group A minus group B) with a bootstrap interval
    /// (each group resampled by articles, independently, with plans seeded `seed/a` and `seed/b`)
    /// and a two-sided permutation p-value (see ``permutationPValue``).
    public static func ratioDifference(
        a: (numerators: [Double], denominators: [Double]), b: (numerators: [Double], denominators: [Double]),
        scale: Double = 1, seed: String, resamples: Int = resamples, permutations: Int = resamples
    ) -> (value: Double, interval: Interval?, pValue: Double?) {
        let planA = BootstrapPlan(articles: a.numerators.count, resamples: resamples, seed: seed + "/a")
        let planB = BootstrapPlan(articles: b.numerators.count, resamples: resamples, seed: seed + "/b")
        let ratiosA = planA.ratios(numerators: a.numerators, denominators: a.denominators, scale: scale)
        let ratiosB = planB.ratios(numerators: b.numerators, denominators: b.denominators, scale: scale)
        return difference(a: a, b: b, ratiosA: ratiosA, ratiosB: ratiosB, scale: scale, seed: seed, permutations: permutations)
    }

    /// The most articles two groups may have together for a permutation test (2,000 permutations cost
    /// 2,000 passes over them); larger pairs get the bootstrap p-value (``bootstrapPValue(_:)``).
    public static let permutationLimit = 5_000

    /// The difference of two ratios of sums from already resampled ratios of each group: its percentile
    /// interval from the replicates' differences, and a permutation p-value when the groups have at most
    /// `permutationLimit` articles together, else the bootstrap p-value.
    public static func difference(
        a: (numerators: [Double], denominators: [Double]), b: (numerators: [Double], denominators: [Double]),
        ratiosA: [Double?], ratiosB: [Double?], scale: Double, seed: String, permutations: Int = resamples,
        permutationLimit: Int = Int.max
    ) -> (value: Double, interval: Interval?, pValue: Double?) {
        let denominatorA = a.denominators.reduce(0, +)
        let denominatorB = b.denominators.reduce(0, +)
        guard denominatorA > 0, denominatorB > 0 else { return (.nan, nil, nil) }
        let observed = (a.numerators.reduce(0, +) / denominatorA - b.numerators.reduce(0, +) / denominatorB) * scale
        guard a.numerators.count >= 2, b.numerators.count >= 2, ratiosA.count == ratiosB.count, !ratiosA.isEmpty else {
            return (observed, nil, nil)
        }
        let differences: [Double?] = zip(ratiosA, ratiosB).map { pair in
            guard let first = pair.0, let second = pair.1 else { return nil }
            return first - second
        }
        let pValue = a.numerators.count + b.numerators.count <= permutationLimit
            ? permutationPValue(a: a, b: b, observed: observed, scale: scale, seed: seed + "/permutation", permutations: permutations)
            : bootstrapPValue(differences)
        return (observed, BootstrapPlan.percentileInterval(differences), pValue)
    }

    /// The two-sided bootstrap p-value of a difference: twice the smaller share of replicates on either
    /// side of zero, (count + 1) / (replicates + 1) as for the permutation test, at most 1; nil when
    /// fewer than half the replicates are defined.
    public static func bootstrapPValue(_ differences: [Double?]) -> Double? {
        let defined = differences.compactMap { $0 }
        guard !defined.isEmpty, defined.count * 2 >= differences.count else { return nil }
        let below = defined.filter { $0 <= 0 }.count
        let above = defined.filter { $0 >= 0 }.count
        return min(1, 2 * Double(min(below, above) + 1) / Double(defined.count + 1))
    }

    /// Two-sided permutation p-value of a difference of ratios of sums: the articles' group
    /// labels are shuffled `permutations` times (Fisher–Yates with the seeded generator) and
    /// p = (number at least as extreme + 1) / (permutations + 1).
    ///
    /// Each shuffle's sums are taken over the articles in order, as a plain loop would, but only
    /// over the articles with a non-zero numerator or denominator (adding zero to a sum that
    /// starts at +0 changes nothing), and without a branch on the label: the other group's share
    /// of an article is added as +0. The sums, and so the p-value, are bit for bit those of the
    /// plain loop.
    public static func permutationPValue(
        a: (numerators: [Double], denominators: [Double]), b: (numerators: [Double], denominators: [Double]),
        observed: Double, scale: Double, seed: String, permutations: Int
    ) -> Double {
        var generator = SeededGenerator(seedText: seed)
        let numerators = a.numerators + b.numerators
        let denominators = a.denominators + b.denominators
        let count = min(numerators.count, denominators.count)
        let used = (0..<count).filter { numerators[$0] != 0 || denominators[$0] != 0 }
        let usedNumerators = used.map { numerators[$0].bitPattern }
        let usedDenominators = used.map { denominators[$0].bitPattern }
        var labels = [UInt64](repeating: 1, count: a.numerators.count) + [UInt64](repeating: 0, count: b.numerators.count)
        let threshold = abs(observed) - 1e-12
        var extreme = 0
        labels.withUnsafeMutableBufferPointer { labels in
            used.withUnsafeBufferPointer { used in
                usedNumerators.withUnsafeBufferPointer { numerators in
                    usedDenominators.withUnsafeBufferPointer { denominators in
                        for _ in 0..<permutations {
                            var position = labels.count - 1
                            while position > 0 {
                                labels.swapAt(position, generator.index(below: position + 1))
                                position -= 1
                            }
                            var sums = (0.0, 0.0, 0.0, 0.0)
                            for slot in 0..<used.count {
                                let inA = 0 &- labels[used[slot]]
                                sums.0 += Double(bitPattern: numerators[slot] & inA)
                                sums.1 += Double(bitPattern: denominators[slot] & inA)
                                sums.2 += Double(bitPattern: numerators[slot] & ~inA)
                                sums.3 += Double(bitPattern: denominators[slot] & ~inA)
                            }
                            guard sums.1 > 0, sums.3 > 0 else { continue }
                            let difference = (sums.0 / sums.1 - sums.2 / sums.3) * scale
                            if abs(difference) >= threshold { extreme += 1 }
                        }
                    }
                }
            }
        }
        return Double(extreme + 1) / Double(permutations + 1)
    }

    /// Benjamini–Hochberg adjusted p-values (q-values), in the input order.
    public static func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
        let count = pValues.count
        guard count > 0 else { return [] }
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 1, count: count)
        var running = 1.0
        for rank in stride(from: count - 1, through: 0, by: -1) {
            let index = order[rank]
            running = min(running, pValues[index] * Double(count) / Double(rank + 1))
            adjusted[index] = min(1, running)
        }
        return adjusted
    }

    /// Dunning's log-likelihood G² for a word seen `a` times in a corpus of `c` tokens
    /// and `b` times in a reference corpus of `d` tokens (Rayson & Garside 2000).
    public static func logLikelihood(a: Double, b: Double, c: Double, d: Double) -> Double {
        let expectedA = c * (a + b) / (c + d)
        let expectedB = d * (a + b) / (c + d)
        var g2 = 0.0
        if a > 0 { g2 += a * log(a / expectedA) }
        if b > 0 { g2 += b * log(b / expectedB) }
        return 2 * g2
    }

    /// Hardie's log ratio: the binary log of the ratio of relative frequencies, with 0.5
    /// added to a zero count so that words absent from one corpus still get a finite value.
    public static func logRatio(a: Double, b: Double, c: Double, d: Double) -> Double {
        let relativeA = (a == 0 ? 0.5 : a) / c
        let relativeB = (b == 0 ? 0.5 : b) / d
        return log2(relativeA / relativeB)
    }
}
