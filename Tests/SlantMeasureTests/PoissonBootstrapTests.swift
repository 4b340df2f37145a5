import SlantCore
import Testing

@testable import SlantMeasure

/// The Poisson bootstrap: weights keyed by article id, integer replicate sums that do not depend on the
/// order of additions, removals and merges, and intervals that are those of an independent replica
/// (`bench/reference/poisson_reference.py`) to the last digit.
@Suite struct PoissonBootstrapTests {
    static let ids = (0..<12).map { String(format: "article-%02d", $0) }
    static let hits = [3, 0, 5, 2, 1, 4, 0, 2, 6, 1, 3, 2]
    static let tokens = [800, 450, 1200, 700, 300, 950, 500, 650, 1500, 400, 900, 750]

    static func outlet(_ name: String = "Omega", months: Bool = false) -> [ArticleMeasures] {
        ids.indices.map { index in
            AggregateTests.article(
                ids[index], outlet: name, authorial: tokens[index], quoted: 0,
                loaded: hits[index] > 0 ? [("violence", .authorial, hits[index], Double(hits[index]))] : [],
                date: months ? (index < 6 ? "2020-10-01" : "2020-11-01") : "2020-10-01")
        }
    }

    @Test func weightsAreThoseOfTheReplicaAndKeepTheirPrefix() {
        // python3 bench/reference/poisson_reference.py: weights of article-00, first 12 replicates.
        #expect(PoissonWeights.weights(articleID: "article-00", replicates: 12) == [1, 2, 2, 1, 0, 0, 2, 2, 1, 2, 1, 1])
        let long = PoissonWeights.weights(articleID: "article-00", replicates: 4000)
        #expect(Array(long.prefix(2000)) == PoissonWeights.weights(articleID: "article-00", replicates: 2000))
        // Poisson(1): mean and variance 1 (400,000 draws; the replica gives 1.0021 and 1.0007).
        let sample = (0..<200).flatMap { PoissonWeights.weights(articleID: "w\($0)", replicates: 2000) }.map(Double.init)
        let mean = sample.reduce(0, +) / Double(sample.count)
        let variance = sample.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(sample.count)
        #expect(abs(mean - 1.0021) < 0.0001)
        #expect(abs(variance - 1.0007) < 0.0001)
    }

    @Test func theRateIntervalIsTheReplicasToTheLastDigit() throws {
        let tables = try AggregateStage().process(
            AggregateStage.Input(measures: Self.outlet(), excluded: [], facts: AggregateTests.facts))
        let rate = try #require(AggregateTests.statistic(tables, "loaded-rate/words/omega/authorial"))
        #expect(rate.value == 3.186813186813187)
        // python3 bench/reference/poisson_reference.py: Poisson interval.
        #expect(rate.interval == Interval(lower: 2.2534330985915494, upper: 3.7373737373737375))
    }

    @Test func sumsDoNotDependOnOrderRemovalsOrMerges() {
        let contributions = Self.outlet(months: true).map { ArticleContribution($0, facts: AggregateTests.facts) }
        let whole = ReplicateAccumulator.build(contributions, replicates: 500, jobs: 1)
        var reversed = ReplicateAccumulator(replicates: 500)
        for contribution in contributions.reversed() { reversed.add(contribution) }
        #expect(reversed.sums == whole.sums)
        // Two workers' halves merged.
        var first = ReplicateAccumulator(replicates: 500)
        var second = ReplicateAccumulator(replicates: 500)
        for (index, contribution) in contributions.enumerated() {
            if index % 2 == 0 { first.add(contribution) } else { second.add(contribution) }
        }
        first.merge(second)
        #expect(first.sums == whole.sums)
        // An article added and removed again leaves nothing behind; removing one is the corpus without it.
        var updated = whole
        let extra = ArticleContribution(AggregateTests.article("extra", outlet: "Omega", loaded: [("violence", .authorial, 7, 3.5)]), facts: AggregateTests.facts)
        updated.add(extra)
        #expect(updated.sums != whole.sums)
        updated.remove(extra)
        #expect(updated.sums == whole.sums)
        updated.remove(contributions[3])
        #expect(updated.sums == ReplicateAccumulator.build(contributions.enumerated().filter { $0.offset != 3 }.map(\.element), replicates: 500).sums)
        // Monthly groups hold the month's articles only.
        let october = whole.sums(ReplicateGroup(outlet: "Omega", month: "2020-10"), .tokens(lexicon: "words", voice: .authorial))
        #expect(october?.total == FixedPoint.encode(Double(Self.tokens.prefix(6).reduce(0, +))))
        #expect(october?.nonzero == 6)
    }

    @Test func loadedSumsAreTheSavedOnesAndOnlyTouchedSumsAreChanged() throws {
        let contributions = Self.outlet(months: true).map { ArticleContribution($0, facts: AggregateTests.facts) }
        let whole = ReplicateAccumulator.build(contributions, replicates: 300, jobs: 1)
        let saved = whole.sums
        // Loaded from little-endian bytes, as the store keeps them, into room for exactly that many sums.
        var loaded = ReplicateAccumulator(replicates: 300, capacity: saved.values.reduce(0) { $0 + $1.count })
        for (group, quantities) in saved {
            for (quantity, sums) in quantities {
                let bytes = sums.replicates.map(\.littleEndian).withUnsafeBytes { [UInt8]($0) }
                let accepted = bytes.withUnsafeBytes {
                    loaded.load(group, quantity, total: sums.total, nonzero: sums.nonzero, littleEndian: $0)
                }
                #expect(accepted)
            }
        }
        #expect(loaded.sums == saved)
        #expect(loaded.changedSums == nil)
        // Bytes for another number of replicates are refused and change nothing.
        let short = [UInt8](repeating: 1, count: 299 * 8)
        let group = ReplicateGroup(outlet: "Omega")
        let refused = short.withUnsafeBytes { loaded.load(group, .articleTokens, total: 1, nonzero: 1, littleEndian: $0) }
        #expect(!refused)
        #expect(loaded.sums == saved)
        // From `trackChanges()` on, exactly the sums an added article has are listed as changed.
        loaded.trackChanges()
        #expect(loaded.changedSums?.isEmpty == true)
        let extra = ArticleContribution(
            AggregateTests.article("extra", outlet: "Omega", loaded: [("violence", .authorial, 7, 3.5)]), facts: AggregateTests.facts)
        loaded.add(extra)
        let touched = Set((loaded.changedSums ?? []).map { "\($0.group.outlet)|\($0.group.month ?? "")|\($0.quantity.storageKey)" })
        let expected = Set(extra.parts.flatMap { part in
            part.values.keys.map { "\(part.group.outlet)|\(part.group.month ?? "")|\($0.storageKey)" }
        })
        #expect(touched == expected)
        #expect(!touched.isEmpty)
        // Removing it again leaves the saved sums; the sums it touched are still listed.
        loaded.remove(extra)
        #expect(loaded.sums == saved)
        #expect(loaded.changedSums?.count == expected.count)
    }

    @Test func keptSumsGiveTheStatisticsOfSumsBuiltFromTheMeasures() throws {
        let measures = Self.outlet(months: true) + Self.outlet("Sigma", months: true).map { article in
            var copy = article
            copy.id = "s-" + article.id
            return copy
        } + AggregateTests.corpus()
        let facts = AggregateTests.facts
        let built = try AggregateStage().process(AggregateStage.Input(measures: measures, excluded: [], facts: facts))
        let kept = ReplicateAccumulator.build(measures.map { ArticleContribution($0, facts: facts) }, replicates: 2000)
        let given = try AggregateStage().process(AggregateStage.Input(measures: measures, excluded: [], facts: facts, replicates: kept))
        #expect(given.statistics == built.statistics)
        #expect(built.statistics.contains { $0.kind == .contrast && $0.interval != nil && $0.pValue != nil })
    }

    @Test func intervalsAgreeWithTheClassicalBootstrapOnALargerSample() throws {
        // 400 articles: the Poisson and the multinomial bootstrap estimate the same sampling distribution;
        // their 95% endpoints agree within a few Monte Carlo standard errors (here 0.02 of the interval's width each).
        var generator = SeededGenerator(seedText: "agreement")
        var hits: [Double] = []
        var tokens: [Double] = []
        var measures: [ArticleMeasures] = []
        for index in 0..<400 {
            let length = 300 + generator.index(below: 1200)
            let count = generator.index(below: 8)
            hits.append(Double(count))
            tokens.append(Double(length))
            measures.append(AggregateTests.article(
                "n\(index)", outlet: "Omega", authorial: length, quoted: 0,
                loaded: count > 0 ? [("violence", .authorial, count, Double(count))] : []))
        }
        let tables = try AggregateStage().process(AggregateStage.Input(measures: measures, excluded: [], facts: AggregateTests.facts))
        let poisson = try #require(AggregateTests.statistic(tables, "loaded-rate/words/omega/authorial")?.interval)
        let classical = try #require(Statistics.ratioOfSums(numerators: hits, denominators: tokens, scale: 1000, seed: "bootstrap/omega", resamples: 20_000).interval)
        let width = classical.upper - classical.lower
        #expect(abs(poisson.lower - classical.lower) < 0.08 * width, "\(poisson) against \(classical)")
        #expect(abs(poisson.upper - classical.upper) < 0.08 * width, "\(poisson) against \(classical)")
    }

    @Test func largePairsGetTheBootstrapPValue() {
        #expect(Statistics.bootstrapPValue([1, 2, 3, -1, nil]) == min(1, 2 * 2.0 / 5.0))
        #expect(Statistics.bootstrapPValue([nil, nil, 1]) == nil)
        let a = (numerators: [Double](repeating: 1, count: 10), denominators: [Double](repeating: 100, count: 10))
        let b = (numerators: [Double](repeating: 2, count: 10), denominators: [Double](repeating: 100, count: 10))
        let ratios = [Double?](repeating: 0.01, count: 100)
        let others = [Double?](repeating: 0.02, count: 100)
        let permuted = Statistics.difference(a: a, b: b, ratiosA: ratios, ratiosB: others, scale: 1, seed: "x", permutations: 200)
        let bootstrapped = Statistics.difference(a: a, b: b, ratiosA: ratios, ratiosB: others, scale: 1, seed: "x", permutations: 200, permutationLimit: 10)
        #expect(permuted.pValue != nil && permuted.pValue != bootstrapped.pValue)
        #expect(bootstrapped.pValue == 2.0 / 101.0)
    }
}
