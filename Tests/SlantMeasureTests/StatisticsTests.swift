import SlantCore
import SlantMeasure
import Testing

@Suite struct StatisticsTests {
    // Eight articles: weighted loaded hits and tokens (the data of bench/reference/bootstrap_reference.py).
    static let hits = [3.0, 0.0, 5.5, 1.0, 2.0, 0.5, 7.0, 1.5]
    static let tokens = [800.0, 650.0, 1200.0, 400.0, 900.0, 300.0, 1500.0, 700.0]

    @Test func dunningG2AndLogRatioMatchTheFormulasWorkedByHand() {
        // a = 30 in c = 10,000 tokens, b = 70 in d = 40,000. Expected counts 20 and 80:
        // G² = 2 (30 ln(30/20) + 70 ln(70/80)) = 5.6335; log ratio = log2((30/10,000)/(70/40,000)) = 0.7776.
        #expect(abs(Statistics.logLikelihood(a: 30, b: 70, c: 10_000, d: 40_000) - 5.633511519056693) < 1e-12)
        #expect(abs(Statistics.logRatio(a: 30, b: 70, c: 10_000, d: 40_000) - 0.777607578663552) < 1e-12)
        #expect(Statistics.logLikelihood(a: 10, b: 40, c: 1000, d: 4000) == 0)
        // A word absent from the reference corpus still gets a finite log ratio (0.5 for the zero count).
        #expect(abs(Statistics.logRatio(a: 8, b: 0, c: 1000, d: 1000) - 4) < 1e-12)
    }

    @Test func bootstrapIntervalEqualsTheIndependentReplica() {
        // bench/reference/bootstrap_reference.py, a separate Python implementation of the same
        // procedure (SplitMix64 seeded with FNV-1a("reference-test"), Lemire bounded draws, 2,000
        // article resamples, numpy-style percentile), printed: lower=1.8081696672122205 upper=4.098580210772833.
        let result = Statistics.ratioOfSums(numerators: Self.hits, denominators: Self.tokens, scale: 1000, seed: "reference-test")
        #expect(abs(result.value - 3.1782945736434107) < 1e-12)
        #expect(abs((result.interval?.lower ?? 0) - 1.8081696672122205) < 1e-9)
        #expect(abs((result.interval?.upper ?? 0) - 4.098580210772833) < 1e-9)
    }

    @Test func bootstrapIntervalAgreesWithSciPyWithinMonteCarloError() {
        // SciPy 1.17 `stats.bootstrap(..., paired=True, method="percentile", n_resamples=200_000)`
        // on the same data (its own random numbers) gave 1.8182–4.0964 (bench/reference/bootstrap_reference.py).
        let interval = Statistics.ratioOfSums(numerators: Self.hits, denominators: Self.tokens, scale: 1000, seed: "reference-test").interval
        #expect(abs((interval?.lower ?? 0) - 1.8181818181818181) < 0.1)
        #expect(abs((interval?.upper ?? 0) - 4.096385542168675) < 0.1)
    }

    @Test func intervalsAreReproducibleAndDependOnTheSeed() {
        let first = Statistics.ratioOfSums(numerators: Self.hits, denominators: Self.tokens, seed: "a")
        let again = Statistics.ratioOfSums(numerators: Self.hits, denominators: Self.tokens, seed: "a")
        let other = Statistics.ratioOfSums(numerators: Self.hits, denominators: Self.tokens, seed: "b")
        #expect(first.interval == again.interval)
        #expect(first.interval != other.interval)
    }

    @Test func noIntervalFromASingleArticle() {
        let result = Statistics.ratioOfSums(numerators: [2], denominators: [100], scale: 1000, seed: "x")
        #expect(result.value == 20)
        #expect(result.interval == nil)
    }

    @Test func benjaminiHochbergMatchesRsPAdjust() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), method = "BH") → 0.02 0.04 0.04 0.02
        let adjusted = Statistics.benjaminiHochberg([0.01, 0.04, 0.03, 0.005])
        for (value, expected) in zip(adjusted, [0.02, 0.04, 0.04, 0.02]) { #expect(abs(value - expected) < 1e-12) }
        #expect(Statistics.benjaminiHochberg([]) == [])
    }

    @Test func permutationPValueApproachesTheExactOne() {
        // Three articles against three: rates 10, 11, 12 against 1, 2, 3 per 1,000 (equal tokens).
        // Of the 20 ways to split six articles in two groups of three, only the observed split and its
        // mirror are as extreme: exact two-sided p = 2/20 = 0.1.
        let a = (numerators: [10.0, 11, 12], denominators: [1000.0, 1000, 1000])
        let b = (numerators: [1.0, 2, 3], denominators: [1000.0, 1000, 1000])
        let result = Statistics.ratioDifference(a: a, b: b, scale: 1000, seed: "permutation-test")
        #expect(abs(result.value - 9) < 1e-12)
        #expect(abs((result.pValue ?? 1) - 0.1) < 0.03)
        #expect((result.interval?.lower ?? 0) > 0)
    }

    @Test func quantilesInterpolateLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4], [2.5, 50, 97.5]) → 1.075, 2.5, 3.925
        #expect(abs(Statistics.quantile(sorted: [1, 2, 3, 4], 0.025) - 1.075) < 1e-12)
        #expect(Statistics.quantile(sorted: [1, 2, 3, 4], 0.5) == 2.5)
        #expect(abs(Statistics.quantile(sorted: [1, 2, 3, 4], 0.975) - 3.925) < 1e-12)
    }
}
