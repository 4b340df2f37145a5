import Foundation
import SlantMeasure

/// Chance-corrected agreement between coders on nominal codes.
public enum Agreement {
    /// Krippendorff's α for nominal data (Krippendorff 2011, "Computing Krippendorff's
    /// Alpha-Reliability"), with missing values allowed: `units[u][c]` is coder c's code for unit u,
    /// nil where c did not code u. Units with fewer than two codes are not pairable and are left out.
    /// Nil when fewer than two pairable values exist or every value is the same (α is undefined).
    public static func krippendorffAlpha(_ units: [[String?]]) -> Double? {
        var coincidences: [String: [String: Double]] = [:]
        for unit in units {
            let values = unit.compactMap { $0 }
            let m = values.count
            guard m >= 2 else { continue }
            let share = 1 / Double(m - 1)
            for (i, c) in values.enumerated() {
                for (j, k) in values.enumerated() where i != j {
                    coincidences[c, default: [:]][k, default: 0] += share
                }
            }
        }
        var marginals: [String: Double] = [:]
        for (c, row) in coincidences { marginals[c] = row.values.reduce(0, +) }
        let n = marginals.values.reduce(0, +)
        guard n > 1 else { return nil }
        var disagreement = 0.0
        for (c, row) in coincidences {
            for (k, value) in row where k != c { disagreement += value }
        }
        var expected = 0.0
        let values = Array(marginals)
        for (i, first) in values.enumerated() {
            for (j, second) in values.enumerated() where i != j { expected += first.value * second.value }
        }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * disagreement / expected
    }

    /// Cohen's κ for two coders over the units both coded: (p_o − p_e) / (1 − p_e), with p_e from each
    /// coder's own marginal distribution (Cohen 1960). Nil without shared units or when p_e = 1.
    public static func cohenKappa(_ pairs: [(String, String)]) -> Double? {
        guard !pairs.isEmpty else { return nil }
        let n = Double(pairs.count)
        var agreements = 0.0
        var first: [String: Double] = [:]
        var second: [String: Double] = [:]
        for (a, b) in pairs {
            if a == b { agreements += 1 }
            first[a, default: 0] += 1
            second[b, default: 0] += 1
        }
        let observed = agreements / n
        var chance = 0.0
        for (code, count) in first { chance += count / n * (second[code] ?? 0) / n }
        guard chance < 1 else { return nil }
        return (observed - chance) / (1 - chance)
    }

    /// A 95% percentile bootstrap interval of an agreement coefficient: the units are resampled with
    /// replacement `resamples` times (seeded, so the interval is reproducible); resamples where the
    /// coefficient is undefined are skipped. Nil with fewer than two units.
    public static func bootstrapInterval<Unit>(
        _ units: [Unit], resamples: Int = 2_000, seed: String, coefficient: ([Unit]) -> Double?
    ) -> Interval? {
        guard units.count >= 2 else { return nil }
        var generator = SeededGenerator(seedText: seed)
        var values: [Double] = []
        values.reserveCapacity(resamples)
        var drawn: [Unit] = []
        drawn.reserveCapacity(units.count)
        for _ in 0..<resamples {
            drawn.removeAll(keepingCapacity: true)
            for _ in 0..<units.count { drawn.append(units[generator.index(below: units.count)]) }
            if let value = coefficient(drawn), value.isFinite { values.append(value) }
        }
        guard values.count >= resamples / 2 else { return nil }
        values.sort()
        return Interval(lower: Statistics.quantile(sorted: values, 0.025), upper: Statistics.quantile(sorted: values, 0.975))
    }
}
