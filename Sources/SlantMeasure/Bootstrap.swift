/// The bootstrap resamples of one group of articles, drawn once and shared by
/// every statistic of the group: resample `r` takes article `i` `count(r, i)` times.
///
/// Drawing once makes each statistic cost one (sparse) pass per resample, and keeps
/// intervals reproducible: the draws depend only on the seed and the number of
/// articles, never on which statistics are computed or in what order.
public struct BootstrapPlan: Sendable {
    public let articles: Int
    public let resamples: Int
    /// `resamples × articles` multiplicities, row by row.
    private let counts: [UInt16]

    public init(articles: Int, resamples: Int = Statistics.resamples, seed: String) {
        self.articles = articles
        self.resamples = articles >= 2 ? resamples : 0
        var counts = [UInt16](repeating: 0, count: articles >= 2 ? articles * resamples : 0)
        if articles >= 2 {
            var generator = SeededGenerator(seedText: seed)
            for resample in 0..<resamples {
                let row = resample * articles
                for _ in 0..<articles { counts[row + generator.index(below: articles)] &+= 1 }
            }
        }
        self.counts = counts
    }

    /// Per resample, Σ count × value over the articles where `values` is non-zero.
    public func sums(_ values: [Double]) -> [Double] {
        let nonZero = values.indices.filter { values[$0] != 0 }
        var sums = [Double](repeating: 0, count: resamples)
        counts.withUnsafeBufferPointer { counts in
            for resample in 0..<resamples {
                let row = resample * articles
                var total = 0.0
                for index in nonZero { total += Double(counts[row + index]) * values[index] }
                sums[resample] = total
            }
        }
        return sums
    }

    /// Per resample, the ratio of sums × `scale` (nil where the denominator is zero).
    public func ratios(numerators: [Double], denominators: [Double], scale: Double = 1) -> [Double?] {
        ratios(numerators: numerators, denominatorSums: sums(denominators), scale: scale)
    }

    /// The same, with the denominators' ``sums(_:)`` already taken (statistics that share a
    /// denominator, such as the terms of one family, take them once).
    public func ratios(numerators: [Double], denominatorSums bottom: [Double], scale: Double = 1) -> [Double?] {
        let top = sums(numerators)
        return zip(top, bottom).map { $1 > 0 ? $0 / $1 * scale : nil }
    }

    /// The 95% percentile interval of resampled values; nil when fewer than half the resamples are defined.
    public static func percentileInterval(_ values: [Double?]) -> Interval? {
        let defined = values.compactMap { $0 }.sorted()
        guard !defined.isEmpty, defined.count * 2 >= values.count else { return nil }
        return Interval(
            lower: Statistics.quantile(sorted: defined, 0.025), upper: Statistics.quantile(sorted: defined, 0.975))
    }
}
