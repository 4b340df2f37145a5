import SlantCore
import SlantMeasure
import Testing

/// `model-rate/<model>/<outlet>/<voice>`: sentences predicted loaded over sentences read, over the
/// articles in the model's languages, with the Poisson bootstrap interval of the other rates, and
/// the contrast of the outlets' own-voice shares. The exact figures are those of
/// bench/reference/model_rate_reference.py (part 5), written independently of Slant.
@Suite struct ModelRateTests {
    static func article(_ id: String, outlet: String, language: String? = "en", counts: [ModelCount]) -> ArticleMeasures {
        var article = AggregateTests.article(id, outlet: outlet)
        article.language = language
        article.modelCounts = counts
        return article
    }

    static let model = SentenceModelFacts(
        id: "BABE 5", path: "models/babe.json", digest: ContentDigest(ofParts: ["babe"]), languages: ["en"],
        summary: "a hand-made model")

    static func tables(_ articles: [ArticleMeasures]) throws -> CorpusTables {
        var facts = AggregateTests.facts
        facts.models = [model]
        return try AggregateStage().process(AggregateStage.Input(measures: articles, excluded: [], facts: facts))
    }

    static func own(_ id: String, _ outlet: String, _ loaded: Int, of sentences: Int, language: String? = "en") -> ArticleMeasures {
        article(id, outlet: outlet, language: language, counts: [ModelCount(model: "BABE 5", voice: .authorial, sentences: sentences, loaded: loaded)])
    }

    static func corpus() -> [ArticleMeasures] {
        [
            article("a1", outlet: "Alpha", counts: [
                ModelCount(model: "BABE 5", voice: .authorial, sentences: 10, loaded: 2),
                ModelCount(model: "BABE 5", voice: .quoted, sentences: 4, loaded: 3),
                ModelCount(model: "other", voice: .authorial, sentences: 10, loaded: 10),
            ]),
            own("a2", "Alpha", 1, of: 20),
            own("a3", "Alpha", 5, of: 10),
            // Not in the model's language, and of unknown language: neither numerator nor denominator.
            own("a4", "Alpha", 50, of: 50, language: "ru"),
            own("a5", "Alpha", 50, of: 50, language: nil),
            own("a6", "Alpha", 3, of: 12),
            own("a7", "Alpha", 0, of: 9),
            own("a8", "Alpha", 4, of: 15),
            own("b1", "Beta", 0, of: 8),
            own("b2", "Beta", 2, of: 10),
            own("b3", "Beta", 1, of: 6),
        ]
    }

    @Test func theShareOfSentencesPredictedLoadedWithItsPoissonInterval() throws {
        let tables = try Self.tables(Self.corpus())
        let rate = try #require(tables.statistics.first { $0.id == "model-rate/babe-5/alpha/authorial" })
        #expect(rate.kind == .modelRate)
        #expect(rate.lexicon == "BABE 5")
        #expect(rate.value == 15.0 / 76)
        #expect(rate.occurrences == 15 && rate.total == 76)
        #expect(rate.articles == 6)
        #expect(rate.unit == "share")
        #expect(rate.sufficient)
        #expect(rate.interval == Interval(lower: 0.05871696504688832, upper: 0.3588586956521739))
        let beta = try #require(tables.statistics.first { $0.id == "model-rate/babe-5/beta/authorial" })
        #expect(beta.value == 0.125 && beta.interval == Interval(lower: 0, upper: 0.2) && beta.sufficient)
        // The same corpus in another order gives the same figures to the last digit.
        #expect(try Self.tables(Self.corpus().reversed()).statistics.filter { $0.kind == .modelRate } == tables.statistics.filter { $0.kind == .modelRate })

        let quoted = try #require(tables.statistics.first { $0.id == "model-rate/babe-5/alpha/quoted" })
        #expect(quoted.value == 0.75 && quoted.articles == 1 && !quoted.sufficient && quoted.interval == nil)
        // No sentence read in a voice: no figure. A model that is not configured: no figure.
        #expect(!tables.statistics.contains { $0.id == "model-rate/babe-5/beta/quoted" })
        #expect(!tables.statistics.contains { $0.id.hasPrefix("model-rate/other/") })
        #expect(tables.facts.models == [Self.model])
    }

    @Test func outletsOwnVoiceSharesAreContrastedWithTheOtherMeasures() throws {
        let tables = try Self.tables(Self.corpus())
        let contrast = try #require(tables.statistics.first { $0.id == "contrast/model-rate/babe-5/authorial/alpha/beta" })
        #expect(contrast.kind == .contrast && contrast.measure == .modelRate && contrast.lexicon == "BABE 5")
        #expect(contrast.lexiconMeasure == nil && contrast.aliases.isEmpty)
        #expect(contrast.value == 15.0 / 76 - 0.125)
        #expect(contrast.interval == Interval(lower: -0.08823834863111252, upper: 0.2627591706539075))
        #expect(contrast.pValue == 0.5722138930534733)
        #expect(contrast.articles == 9 && contrast.occurrences == 18 && contrast.total == 100)
        #expect(contrast.unit == "share" && contrast.sufficient)
        // Adjusted with every other contrast of the report.
        #expect(contrast.qValue != nil)
        // An outlet with one article: the difference, but no interval or p-value.
        let small = try Self.tables(Self.corpus().filter { $0.id != "b2" && $0.id != "b3" })
        let unsure = try #require(small.statistics.first { $0.id == "contrast/model-rate/babe-5/authorial/alpha/beta" })
        #expect(unsure.value == 15.0 / 76 && unsure.interval == nil && unsure.pValue == nil && !unsure.sufficient)
    }

    @Test func theKeptSumsOfAModelSurviveTheStoreAndRemovals() throws {
        for quantity in [ReplicateQuantity.modelLoaded(model: "BABE 5", voice: .authorial), .modelSentences(model: "BABE 5", voice: .headline)] {
            #expect(ReplicateQuantity(storageKey: quantity.storageKey) == quantity)
        }
        var facts = AggregateTests.facts
        facts.models = [Self.model]
        let corpus = Self.corpus()
        let contributions = corpus.map { ArticleContribution($0, facts: facts) }
        var accumulator = ReplicateAccumulator.build(contributions, replicates: 2000)
        let group = ReplicateGroup(outlet: "Alpha")
        // Articles outside the model's languages add nothing; a model that is not configured neither.
        #expect(accumulator.sums(group, .modelSentences(model: "BABE 5", voice: .authorial))?.total == FixedPoint.encode(76))
        #expect(accumulator.sums(group, .modelLoaded(model: "other", voice: .authorial)) == nil)
        accumulator.remove(contributions[0])
        let without = ReplicateAccumulator.build(Array(contributions.dropFirst()), replicates: 2000)
        #expect(accumulator.sums(group, .modelLoaded(model: "BABE 5", voice: .authorial)) == without.sums(group, .modelLoaded(model: "BABE 5", voice: .authorial)))
        #expect(accumulator.sums(group, .modelSentences(model: "BABE 5", voice: .authorial)) == without.sums(group, .modelSentences(model: "BABE 5", voice: .authorial)))
    }

    @Test func withoutModelsThereIsNoModelRate() throws {
        let tables = try AggregateStage().process(AggregateStage.Input(measures: Self.corpus(), excluded: [], facts: AggregateTests.facts))
        #expect(!tables.statistics.contains { $0.kind == .modelRate || $0.measure == .modelRate })
    }
}
