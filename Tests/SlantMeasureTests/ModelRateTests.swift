import SlantCore
import SlantMeasure
import Testing

/// `model-rate/<model>/<outlet>/<voice>`: sentences predicted loaded over sentences read, over the
/// articles in the model's languages, with the article-level bootstrap interval of the other rates.
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

    static func corpus() -> [ArticleMeasures] {
        [
            article("a1", outlet: "Alpha", counts: [
                ModelCount(model: "BABE 5", voice: .authorial, sentences: 10, loaded: 2),
                ModelCount(model: "BABE 5", voice: .quoted, sentences: 4, loaded: 3),
                ModelCount(model: "other", voice: .authorial, sentences: 10, loaded: 10),
            ]),
            article("a2", outlet: "Alpha", counts: [ModelCount(model: "BABE 5", voice: .authorial, sentences: 20, loaded: 1)]),
            article("a3", outlet: "Alpha", counts: [ModelCount(model: "BABE 5", voice: .authorial, sentences: 10, loaded: 5)]),
            // Not in the model's language, and of unknown language: neither numerator nor denominator.
            article("a4", outlet: "Alpha", language: "ru", counts: [ModelCount(model: "BABE 5", voice: .authorial, sentences: 50, loaded: 50)]),
            article("a5", outlet: "Alpha", language: nil, counts: [ModelCount(model: "BABE 5", voice: .authorial, sentences: 50, loaded: 50)]),
            article("b1", outlet: "Beta", counts: [ModelCount(model: "BABE 5", voice: .authorial, sentences: 8, loaded: 0)]),
        ]
    }

    @Test func theShareOfSentencesPredictedLoadedWithAnArticleInterval() throws {
        let tables = try Self.tables(Self.corpus())
        let rate = try #require(tables.statistics.first { $0.id == "model-rate/babe-5/alpha/authorial" })
        #expect(rate.kind == .modelRate)
        #expect(rate.lexicon == "BABE 5")
        #expect(rate.value == 8.0 / 40)
        #expect(rate.occurrences == 8 && rate.total == 40)
        #expect(rate.articles == 3)
        #expect(rate.unit == "share")
        #expect(rate.sufficient)
        let interval = try #require(rate.interval)
        // Resampling whole articles: the bounds lie between the articles' own shares (1/20 and 5/10).
        #expect(interval.lower >= 0.05 && interval.upper <= 0.5 && interval.lower < 0.2 && interval.upper > 0.2)
        // The same policy and corpus give the same interval.
        #expect(try Self.tables(Self.corpus()).statistics.first { $0.id == rate.id }?.interval == interval)

        let quoted = try #require(tables.statistics.first { $0.id == "model-rate/babe-5/alpha/quoted" })
        #expect(quoted.value == 0.75 && quoted.articles == 1 && !quoted.sufficient && quoted.interval == nil)
        // One article: too few for an interval.
        let beta = try #require(tables.statistics.first { $0.id == "model-rate/babe-5/beta/authorial" })
        #expect(beta.value == 0 && beta.interval == nil && !beta.sufficient)
        // No sentence read in a voice: no figure. A model that is not configured: no figure.
        #expect(!tables.statistics.contains { $0.id == "model-rate/babe-5/beta/quoted" })
        #expect(!tables.statistics.contains { $0.id.hasPrefix("model-rate/other/") })
        #expect(tables.facts.models == [Self.model])
    }

    @Test func withoutModelsThereIsNoModelRate() throws {
        let tables = try AggregateStage().process(AggregateStage.Input(measures: Self.corpus(), excluded: [], facts: AggregateTests.facts))
        #expect(!tables.statistics.contains { $0.kind == .modelRate })
    }
}
