import Foundation
import SlantCore
import SlantMeasure
import Testing

@testable import SlantValidate

/// The statistics of `slant validate score` against values worked by hand and published ones.
@Suite struct ValidationStatisticsTests {
    @Test func wilsonIntervalMatchesTheHandWorkedOne() throws {
        // 8 of 10: centre (0.8 + z²/20)/(1 + z²/10) = 0.71674, half-width z·√(0.016 + z²/400)/(1 + z²/10) = 0.22657.
        let interval = try #require(Proportions.wilson(0.8, n: 10))
        #expect(abs(interval.lower - 0.49016) < 1e-4)
        #expect(abs(interval.upper - 0.94331) < 1e-4)
        // 0 of 20: [0, z²/(20 + z²)] = [0, 0.16113].
        let none = try #require(Proportions.wilson(0, n: 20))
        #expect(none.lower == 0)
        #expect(abs(none.upper - 0.16113) < 1e-4)
        #expect(Proportions.wilson(0.5, n: 0) == nil)
    }

    @Test func weightedProportionUsesKishsEffectiveSize() throws {
        // Stratum A: 4 rows of weight 10, 3 correct; stratum B: 2 rows of weight 1, 2 correct.
        let units: [(weight: Double, success: Bool)] = [(10, true), (10, true), (10, true), (10, false), (1, true), (1, true)]
        let estimate = try #require(Proportions.weighted(units))
        #expect(abs(estimate.value - 32.0 / 42.0) < 1e-12)
        // (Σw)²/Σw² = 42² / 402.
        #expect(abs(estimate.effectiveSize - 1764.0 / 402.0) < 1e-12)
        #expect(estimate.units == 6 && estimate.successes == 5)
        // Equal weights: the plain Wilson interval.
        let plain = try #require(Proportions.weighted(Array(repeating: (2.5, true), count: 8) + [(2.5, false), (2.5, false)]))
        #expect(plain.effectiveSize == 10)
        #expect(plain.interval() == Proportions.wilson(0.8, n: 10))
    }

    @Test func recallCombinesPrecisionAndMissRate() throws {
        // 100 tags, precision 0.9 → 90 true positives; 400 untagged sentences, 5% with a miss → 20 misses.
        let precision = Proportions.Weighted(value: 0.9, units: 50, successes: 45, effectiveSize: 50)
        let missRate = Proportions.Weighted(value: 0.05, units: 40, successes: 2, effectiveSize: 40)
        let recall = try #require(Proportions.recall(precision: precision, tags: 100, missRate: missRate, untaggedSentences: 400))
        #expect(abs(recall.value - 90.0 / 110.0) < 1e-12)
        let interval = try #require(recall.interval)
        let p = try #require(Proportions.wilson(0.9, n: 50, z: Proportions.z975))
        let m = try #require(Proportions.wilson(0.05, n: 40, z: Proportions.z975))
        #expect(abs(interval.lower - 100 * p.lower / (100 * p.lower + 400 * m.upper)) < 1e-12)
        #expect(abs(interval.upper - 100 * p.upper / (100 * p.upper + 400 * m.lower)) < 1e-12)
        #expect(interval.lower < recall.value && recall.value < interval.upper)
    }

    @Test func krippendorffsAlphaMatchesHisPublishedExample() throws {
        // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", nominal example: α = 0.743.
        let a: [Int?] = [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil]
        let b: [Int?] = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3]
        let c: [Int?] = [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil]
        let d: [Int?] = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil]
        let units = (0..<12).map { u in [a[u], b[u], c[u], d[u]].map { $0.map(String.init) } }
        let alpha = try #require(Agreement.krippendorffAlpha(units))
        #expect(abs(alpha - 0.743421052631579) < 1e-12)
    }

    @Test func krippendorffsAlphaByHand() throws {
        // Two coders, four units: (a,a) (a,b) (b,b) (b,b). Coincidences: o_aa = 2, o_ab = o_ba = 1, o_bb = 4;
        // n_a = 3, n_b = 5, n = 8. α = 1 − (n − 1)·(o_ab + o_ba) / (2·n_a·n_b) = 1 − 7·2/30 = 0.5333….
        let alpha = try #require(Agreement.krippendorffAlpha([["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"]]))
        #expect(abs(alpha - (1 - 14.0 / 30.0)) < 1e-12)
        // A unit only one coder coded is not pairable and changes nothing.
        #expect(Agreement.krippendorffAlpha([["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"], ["a", nil]]) == alpha)
        // Every value the same: α is undefined.
        #expect(Agreement.krippendorffAlpha([["a", "a"], ["a", "a"]]) == nil)
    }

    @Test func cohensKappaByHand() throws {
        // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15. p_o = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.4.
        let pairs = Array(repeating: ("yes", "yes"), count: 20) + Array(repeating: ("yes", "no"), count: 5)
            + Array(repeating: ("no", "yes"), count: 10) + Array(repeating: ("no", "no"), count: 15)
        let kappa = try #require(Agreement.cohenKappa(pairs))
        #expect(abs(kappa - 0.4) < 1e-12)
        #expect(Agreement.cohenKappa([("a", "a"), ("a", "a")]) == nil)
        // The bootstrap interval is reproducible and holds the value.
        let units = pairs.map { [$0.0, $0.1] }
        let first = try #require(Agreement.bootstrapInterval(units, seed: "k") { Agreement.cohenKappa($0.map { ($0[0], $0[1]) }) })
        let second = Agreement.bootstrapInterval(units, seed: "k") { Agreement.cohenKappa($0.map { ($0[0], $0[1]) }) }
        #expect(first == second)
        #expect(first.lower < 0.4 && 0.4 < first.upper)
    }

    @Test func allocationGivesEachStratumItsFloorThenShares() {
        // 100 draws over 1,000 + 100 + 3 units: floors 5, 5, 3; the other 87 in proportion to what is
        // left (995 and 95): 79.4 and 7.6 → 79 and 8 by largest remainder.
        let allocation = Sampling.allocate(["big": 1_000, "mid": 100, "small": 3], total: 100)
        #expect(allocation == ["big": 84, "mid": 13, "small": 3])
        #expect(allocation.values.reduce(0, +) == 100)
        // A population no larger than the sample is taken whole.
        #expect(Sampling.allocate(["a": 4, "b": 2], total: 10) == ["a": 4, "b": 2])
    }

    @Test func choosingIsUniformDistinctAndDeterministic() {
        let first = Sampling.choose(10, from: 1_000, seed: "validate/1/x")
        #expect(first == Sampling.choose(10, from: 1_000, seed: "validate/1/x"))
        #expect(first != Sampling.choose(10, from: 1_000, seed: "validate/2/x"))
        #expect(Set(first).count == 10 && first == first.sorted() && first.allSatisfy { $0 < 1_000 })
        #expect(Sampling.choose(5, from: 3, seed: "s") == [0, 1, 2])
        // Each index equally likely: over many seeds every one of 0..<10 is drawn about 3/10 of the time.
        var counts = [Int](repeating: 0, count: 10)
        for seed in 0..<3_000 { for index in Sampling.choose(3, from: 10, seed: "u\(seed)") { counts[index] += 1 } }
        #expect(counts.allSatisfy { abs($0 - 900) < 120 }, "\(counts)")
    }

    @Test func speakersMatchLeniently() {
        #expect(Speakers.match(Speakers.fold("Pashinyan"), Speakers.fold("Nikol Pashinyan")))
        #expect(Speakers.match(Speakers.fold("  Maria  Zakharova,"), Speakers.fold("Zakharova")))
        #expect(!Speakers.match(Speakers.fold("Aliyev"), Speakers.fold("Nikol Pashinyan")))
        #expect(Speakers.fold("None") == "")
        #expect(!Speakers.match("", Speakers.fold("Erdogan")))
        #expect(Speakers.match("", Speakers.fold("-")))
    }

    @Test func csvReadsQuotesLineBreaksSemicolonsAndLines() {
        let text = "\u{FEFF}a;b;c\r\n1;\"two; \"\"2\"\"\";3\r\n\r\n4;\"five\nlines\";6\n7;8;9"
        let csv = CSVRecords(text: text)
        #expect(csv.delimiter == ";")
        #expect(csv.records.map(\.line) == [1, 2, 3, 4, 6])
        #expect(csv.records[1].fields == ["1", "two; \"2\"", "3"])
        #expect(csv.records[2].fields == [])
        #expect(csv.records[3].fields == ["4", "five\nlines", "6"])
        #expect(csv.records[4].fields == ["7", "8", "9"])
    }
}

/// Scoring a hand-built sample: weights by stratum, majority codes, recall from untagged sentences.
@Suite struct ValidityScoringTests {
    /// Two strata: A (population 40, 4 rows drawn: weight 10) and B (population 2, 2 rows: weight 1);
    /// 100 untagged sentences, 4 drawn.
    static func sample() -> ValidationSample {
        func tag(_ id: String, _ stratum: String, voice: VoiceKey = .authorial) -> SampleRow {
            SampleRow(
                id: id, kind: .tag, stratum: stratum, articleID: "art-\(id)", digest: "d", source: "s", outlet: "O", language: "en",
                sentence: 0, evidenceIndex: 0, lexicon: "lex", tagKind: .term, group: stratum, item: "term", stance: "pro",
                text: "term", voice: voice)
        }
        func untagged(_ id: String) -> SampleRow {
            SampleRow(id: id, kind: .untagged, stratum: "untagged", articleID: "art-\(id)", digest: "d", source: "s", outlet: "O", language: "en", sentence: 1)
        }
        return ValidationSample(
            id: "s-test", drawn: "2026-12-07T00:00:00Z", seed: "1", stratification: .family, requestedTags: 6, requestedUntagged: 4,
            coderSets: 1, analysisKey: "k", corpusDigest: "c",
            counts: [
                PopulationCount(dimension: "stratum", name: "A", population: 40, sampled: 4),
                PopulationCount(dimension: "stratum", name: "B", population: 2, sampled: 2),
                PopulationCount(dimension: "total", name: "tags", population: 42),
                PopulationCount(dimension: "untagged", name: "all", population: 100, sampled: 4),
            ],
            rows: [tag("r1", "A"), tag("r2", "A"), tag("r3", "A"), tag("r4", "A", voice: .quoted), tag("r5", "B"), tag("r6", "B"),
                   untagged("u1"), untagged("u2"), untagged("u3"), untagged("u4")])
    }

    @Test func precisionIsWeightedAndRecallCombinesBothSamples() throws {
        let facts = LexiconFacts(lexicons: [LexiconFacts.Lexicon(id: "lex", measure: .terminology, stances: ["pro", "contra"], familyQuestions: ["A": "?", "B": "?"])])
        var codes: [String: Coding] = [:]
        for id in ["r1", "r2", "r3"] { codes[id] = Coding(correct: true, voice: .authorial) }
        codes["r4"] = Coding(correct: false, voice: .authorial)
        codes["r5"] = Coding(correct: true, voice: .authorial)
        codes["r6"] = Coding(correct: true, voice: .authorial)
        codes["u1"] = Coding(missed: ["lex/A"])
        for id in ["u2", "u3", "u4"] { codes[id] = Coding(missed: []) }
        // A second coder who disagrees on r1 only: r1's correct is a tie and is left out.
        var other = codes
        other["r1"] = Coding(correct: false, voice: .authorial)
        let validity = ValidityScoring(
            sample: Self.sample(), coders: [Coder(name: "a", file: "a.csv", codes: codes), Coder(name: "b", file: "b.csv", codes: other)],
            facts: facts, scored: "2026-12-08T00:00:00Z").score()
        func statistic(_ id: String) throws -> Statistic { try #require(validity.statistics.first { $0.id == id }, "\(id)") }
        // Precision over r2, r3, r4 (weight 10) and r5, r6 (weight 1): (10 + 10 + 0 + 1 + 1) / 32.
        let precision = try statistic("validity/precision/overall")
        #expect(precision.value == 22.0 / 32.0)
        #expect(precision.occurrences == 4 && precision.total == 5)
        #expect(precision.interval == Proportions.wilson(22.0 / 32.0, n: 32.0 * 32.0 / 302.0))
        // Recall: TP = 42 × 22/32 = 28.875; FN = 100 × 1/4 = 25; recall = 28.875 / 53.875.
        let recall = try statistic("validity/recall/overall")
        #expect(abs((recall.value ?? 0) - 28.875 / 53.875) < 1e-12)
        // Voice: r4 is quoted for Slant, authorial for both coders; the others agree.
        let voice = try statistic("validity/voice-accuracy/overall")
        #expect(voice.value == (10.0 * 3 + 1 + 1) / 42.0)
        #expect(try statistic("validity/voice-accuracy/voice/quoted").value == 0)
        // Agreement on `correct` between the two coders: they agree on 5 of 6 rows.
        let kappa = try statistic("validity/agreement/correct/cohen-kappa/a/b")
        // a: yes ×5, no ×1; b: yes ×4, no ×2; p_o = 5/6; p_e = 5/6·4/6 + 1/6·2/6 = 22/36; κ = (30/36 − 22/36)/(14/36) = 8/14.
        #expect(abs((kappa.value ?? 0) - 8.0 / 14.0) < 1e-12)
        #expect(validity.codedTagRows == 6 && validity.codedUntaggedRows == 4)
    }
}
