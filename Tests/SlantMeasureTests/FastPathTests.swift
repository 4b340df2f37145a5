import SlantCore
import SlantMeasure
import Testing

/// The fast paths of the aggregate give bit for bit what the plain computations give.
@Suite struct FastPathTests {
    /// The permutation test as a plain loop: labels shuffled, sums taken with a branch per article.
    static func plainPermutationPValue(
        a: (numerators: [Double], denominators: [Double]), b: (numerators: [Double], denominators: [Double]),
        observed: Double, scale: Double, seed: String, permutations: Int
    ) -> Double {
        var generator = SeededGenerator(seedText: seed)
        let numerators = a.numerators + b.numerators
        let denominators = a.denominators + b.denominators
        var labels = Array(repeating: true, count: a.numerators.count) + Array(repeating: false, count: b.numerators.count)
        var extreme = 0
        for _ in 0..<permutations {
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
        return Double(extreme + 1) / Double(permutations + 1)
    }

    /// Articles with many zeros (most articles have no term), negative numerators (a stance index) and fractions.
    static func group(_ count: Int, seed: String) -> (numerators: [Double], denominators: [Double]) {
        var generator = SeededGenerator(seedText: seed)
        var numerators: [Double] = []
        var denominators: [Double] = []
        for _ in 0..<count {
            let terms = generator.index(below: 4) == 0 ? generator.index(below: 6) : 0
            denominators.append(Double(terms))
            numerators.append(terms == 0 ? 0 : Double(generator.index(below: 2 * terms + 1) - terms) + 0.25 * Double(generator.index(below: 3)))
        }
        return (numerators, denominators)
    }

    @Test func permutationPValueIsTheOneOfThePlainLoop() {
        for (index, sizes) in [(40, 55), (7, 3), (120, 90)].enumerated() {
            let a = Self.group(sizes.0, seed: "a\(index)")
            let b = Self.group(sizes.1, seed: "b\(index)")
            let observed = a.numerators.reduce(0, +) / max(1, a.denominators.reduce(0, +))
                - b.numerators.reduce(0, +) / max(1, b.denominators.reduce(0, +))
            let fast = Statistics.permutationPValue(a: a, b: b, observed: observed, scale: 1, seed: "p\(index)", permutations: 500)
            let plain = Self.plainPermutationPValue(a: a, b: b, observed: observed, scale: 1, seed: "p\(index)", permutations: 500)
            #expect(fast.bitPattern == plain.bitPattern)
        }
    }

    @Test func wordTallySumsLikeADictionary() {
        let articles: [[String: Int]] = [["the": 3, "stadia": 1, "ünïcode": 2], ["the": 1, "pay": 4], [:], ["ünïcode": 1, "stadia": 2]]
        var tally = WordTally()
        var expected: [String: Int] = [:]
        for words in articles {
            for (word, count) in words {
                expected[word, default: 0] += count
                var word = word
                word.withUTF8 { tally.add(UnsafeRawBufferPointer($0), count: count) }
            }
        }
        #expect(tally.counts == expected)
        #expect(tally.count == expected.count)
        var many = WordTally()
        for number in 0..<5000 {
            var word = "w\(number % 1700)"
            word.withUTF8 { many.add(UnsafeRawBufferPointer($0), count: 1) }
        }
        #expect(many.count == 1700)
        #expect(many.counts["w3"] == 3)
        #expect(many.counts["w1699"] == 2)
    }
}

extension FastPathTests {
    /// The aggregate's corpus with an evidence item per counted occurrence.
    static func corpusWithEvidence() -> [ArticleMeasures] {
        AggregateTests.corpus().map { article in
            var article = article
            for count in article.termCounts {
                for occurrence in 0..<count.count {
                    article.evidence.append(Evidence(
                        kind: .term, group: count.family, item: count.term, stance: count.stance, weight: nil, text: count.term,
                        voice: count.voice, speaker: nil, negated: false, comment: nil, sentence: occurrence, start: 0, end: 1,
                        sentenceText: "", matchStart: 0, matchEnd: 1, lexicon: count.lexicon))
                }
            }
            for count in article.loadedCounts {
                article.evidence.append(Evidence(
                    kind: .loaded, group: count.category, item: count.category, stance: nil, weight: count.weight, text: "x",
                    voice: count.voice, speaker: nil, negated: false, comment: nil, sentence: 0, start: 0, end: 1,
                    sentenceText: "", matchStart: 0, matchEnd: 1, lexicon: count.lexicon))
            }
            return article
        }
    }

    @Test func evidenceHeldApartSelectsTheSameReferences() throws {
        let corpus = Self.corpusWithEvidence()
        let carried = try AggregateStage().process(AggregateStage.Input(measures: corpus, excluded: [], facts: AggregateTests.facts))
        var classes = EvidenceClasses()
        let stripped = corpus.map { article in
            classes.add(article.evidence, article: article.id)
            var article = article
            article.evidence = []
            return article
        }
        let apart = try AggregateStage().process(
            AggregateStage.Input(measures: stripped, excluded: [], facts: AggregateTests.facts, evidence: classes))
        #expect(carried.statistics.contains { !$0.evidence.isEmpty })
        #expect(apart.statistics == carried.statistics)
    }
}
