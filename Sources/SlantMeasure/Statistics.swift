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
    /// recomputed, `resamples` times. Resamples whose denominator is zero are skipped.
    /// Nil interval when there are fewer than two articles.
    public static func ratioOfSums(
        numerators: [Double], denominators: [Double], scale: Double = 1, seed: String, resamples: Int = resamples
    ) -> (value: Double, interval: Interval?) {
        let total = denominators.reduce(0, +)
        let value = total > 0 ? numerators.reduce(0, +) / total * scale : .nan
        let count = numerators.count
        guard count >= 2 else { return (value, nil) }
        var generator = SeededGenerator(seedText: seed)
        var estimates: [Double] = []
        estimates.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var numerator = 0.0
            var denominator = 0.0
            for _ in 0..<count {
                let pick = generator.index(below: count)
                numerator += numerators[pick]
                denominator += denominators[pick]
            }
            if denominator > 0 { estimates.append(numerator / denominator * scale) }
        }
        guard estimates.count >= resamples / 2 else { return (value, nil) }
        estimates.sort()
        return (value, Interval(lower: quantile(sorted: estimates, 0.025), upper: quantile(sorted: estimates, 0.975)))
    }

    /// The difference of two ratios of sums (group A minus group B) with a bootstrap interval
    /// (each group resampled by articles, independently) and a two-sided permutation p-value
    /// (articles' group labels shuffled, `permutations` times; p = (extreme + 1) / (permutations + 1)).
    public static func ratioDifference(
        a: (numerators: [Double], denominators: [Double]), b: (numerators: [Double], denominators: [Double]),
        scale: Double = 1, seed: String, resamples: Int = resamples, permutations: Int = resamples
    ) -> (value: Double, interval: Interval?, pValue: Double?) {
        func ratio(_ numerators: some Sequence<Double>, _ denominators: some Sequence<Double>) -> Double? {
            let denominator = denominators.reduce(0, +)
            return denominator > 0 ? numerators.reduce(0, +) / denominator * scale : nil
        }
        guard let ratioA = ratio(a.numerators, a.denominators), let ratioB = ratio(b.numerators, b.denominators) else {
            return (.nan, nil, nil)
        }
        let observed = ratioA - ratioB
        guard a.numerators.count >= 2, b.numerators.count >= 2 else { return (observed, nil, nil) }
        var generator = SeededGenerator(seedText: seed)
        var differences: [Double] = []
        differences.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sums = (0.0, 0.0, 0.0, 0.0)
            for _ in 0..<a.numerators.count {
                let pick = generator.index(below: a.numerators.count)
                sums.0 += a.numerators[pick]
                sums.1 += a.denominators[pick]
            }
            for _ in 0..<b.numerators.count {
                let pick = generator.index(below: b.numerators.count)
                sums.2 += b.numerators[pick]
                sums.3 += b.denominators[pick]
            }
            if sums.1 > 0, sums.3 > 0 { differences.append((sums.0 / sums.1 - sums.2 / sums.3) * scale) }
        }
        differences.sort()
        let interval =
            differences.count >= resamples / 2
            ? Interval(lower: quantile(sorted: differences, 0.025), upper: quantile(sorted: differences, 0.975)) : nil

        let numerators = a.numerators + b.numerators
        let denominators = a.denominators + b.denominators
        var labels = Array(repeating: true, count: a.numerators.count) + Array(repeating: false, count: b.numerators.count)
        var extreme = 0
        for _ in 0..<permutations {
            // Fisher–Yates with our own generator calls, so the order never depends on the standard library.
            for position in stride(from: labels.count - 1, to: 0, by: -1) {
                labels.swapAt(position, generator.index(below: position + 1))
            }
            var sums = (0.0, 0.0, 0.0, 0.0)
            for index in labels.indices {
                if labels[index] {
                    sums.0 += numerators[index]
                    sums.1 += denominators[index]
                } else {
                    sums.2 += numerators[index]
                    sums.3 += denominators[index]
                }
            }
            guard sums.1 > 0, sums.3 > 0 else { continue }
            let difference = (sums.0 / sums.1 - sums.2 / sums.3) * scale
            if abs(difference) >= abs(observed) - 1e-12 { extreme += 1 }
        }
        let pValue = Double(extreme + 1) / Double(permutations + 1)
        return (observed, interval, pValue)
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
