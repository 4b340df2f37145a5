import SlantCore
import SlantMeasure
import Testing

@Suite struct AggregateTests {
    /// An article with term and loaded counts in given voices.
    static func article(
        _ id: String, outlet: String, authorial: Int = 1000, quoted: Int = 100, comments: Int = 0,
        terms: [(String, String, String, VoiceKey, Int)] = [], loaded: [(String, VoiceKey, Int, Double)] = [],
        words: [String: Int] = [:], date: String = "2020-10-01"
    ) -> ArticleMeasures {
        ArticleMeasures(
            id: id, outlet: outlet, source: "\(id).html", digest: id, title: id, url: nil, published: date, language: "en",
            tokens: authorial + quoted, voiceTokens: [.authorial: authorial, .quoted: quoted, .attributed: 0, .comment: comments],
            sentences: 10, paragraphs: 3, comments: comments > 0 ? 1 : 0, commentTokens: comments, warnings: [],
            termCounts: terms.map { TermCount(lexicon: "terms", family: $0.0, term: $0.1, stance: $0.2, voice: $0.3, count: $0.4) },
            loadedCounts: loaded.map { LoadedCount(lexicon: "words", category: $0.0, voice: $0.1, hits: $0.2, weight: $0.3) }, words: words)
    }

    static let terminology = LexiconFacts.Lexicon(
        id: "terms", measure: .terminology, languages: ["en"], stances: ["armenian", "azerbaijani", "neutral"],
        stanceIndex: LexiconFacts.StanceSides(negative: "armenian", positive: "azerbaijani"))
    static let words = LexiconFacts.Lexicon(id: "words", measure: .loadedLanguage, languages: ["en"])
    static let facts = LexiconFacts(lexicons: [terminology, words])

    static func corpus() -> [ArticleMeasures] {
        [
            article("a1", outlet: "Alpha", comments: 500, terms: [("region-name", "Artsakh", "armenian", .authorial, 4), ("region-name", "Nagorno-Karabakh", "neutral", .authorial, 1)],
                    loaded: [("violence", .authorial, 2, 2.0), ("violence", .comment, 10, 15.0)], words: ["artsakh": 4, "the": 50, "heroic": 6]),
            article("a2", outlet: "Alpha", terms: [("region-name", "Artsakh", "armenian", .authorial, 2), ("region-name", "Nagorno-Karabakh", "neutral", .quoted, 3)],
                    loaded: [("violence", .authorial, 1, 1.0)], words: ["artsakh": 2, "the": 60, "heroic": 2]),
            article("a3", outlet: "Alpha", terms: [("region-name", "Artsakh", "armenian", .authorial, 3)], loaded: [("labels", .authorial, 3, 3.0)], words: ["the": 40, "heroic": 1]),
            article("b1", outlet: "Beta", terms: [("region-name", "Nagorno-Karabakh", "neutral", .authorial, 2), ("status", "occupied", "azerbaijani", .authorial, 3)],
                    words: ["occupied": 3, "the": 55]),
            article("b2", outlet: "Beta", terms: [("status", "occupied", "azerbaijani", .quoted, 2), ("status", "occupied", "azerbaijani", .distancedAuthorial, 1)],
                    loaded: [("violence", .quoted, 1, 1.0)], words: ["occupied": 4, "the": 45]),
            article("b3", outlet: "Beta", terms: [("region-name", "Nagorno-Karabakh", "neutral", .authorial, 1), ("status", "occupied", "azerbaijani", .authorial, 2)],
                    words: ["the": 50, "occupied": 2]),
            article("g1", outlet: "Gamma", terms: [("region-name", "Karabakh", "neutral", .authorial, 1)], loaded: [("violence", .authorial, 1, 1.0)]),
        ]
    }

    static func tables() throws -> CorpusTables {
        try AggregateStage().process(AggregateStage.Input(measures: corpus(), excluded: [], facts: facts))
    }

    /// The statistic with this ID or alias.
    static func statistic(_ tables: CorpusTables, _ id: String) -> Statistic? {
        tables.statistics.first { $0.id == id || $0.aliases.contains(id) }
    }

    @Test func loadedRatesAreRatiosOfSumsPerThousandTokensWithIntervals() throws {
        let tables = try Self.tables()
        let rate = try #require(Self.statistic(tables, "loaded-rate/alpha/authorial"))
        #expect(rate.value == 6.0 / 3000 * 1000)
        #expect(rate.occurrences == 6)
        #expect(rate.total == 3000)
        #expect(rate.articles == 3)
        #expect(rate.sufficient)
        let interval = try #require(rate.interval)
        #expect(interval.lower <= 2 && interval.upper >= 2)
        #expect(rate.evidence.isEmpty)  // synthetic measures carry no evidence items
        // Reader comments are measured apart, never mixed into the article's rate.
        let comments = try #require(Self.statistic(tables, "loaded-rate/alpha/comment"))
        #expect(comments.value == 15.0 / 500 * 1000)
        #expect(comments.articles == 1)
        #expect(!comments.sufficient)
        #expect(comments.interval == nil)
        #expect(comments.note == "1 article: too few for an interval (at least 3 needed)")
    }

    @Test func termSharesUseTheFamilyAsDenominatorInEachVoice() throws {
        let tables = try Self.tables()
        let artsakh = try #require(Self.statistic(tables, "term-share/alpha/authorial/region-name/artsakh"))
        #expect(artsakh.value == 9.0 / 10)
        #expect(artsakh.occurrences == 9)
        #expect(artsakh.total == 10)
        #expect(artsakh.stance == "armenian")
        #expect(artsakh.sufficient)
        let quoted = try #require(Self.statistic(tables, "term-share/alpha/quoted/region-name/nagorno-karabakh"))
        #expect(quoted.value == 1)
        #expect(!quoted.sufficient)
        // Scare-quoted uses are counted apart from adopted ones.
        #expect(Self.statistic(tables, "term-share/beta/authorial-distanced/status/occupied")?.occurrences == 1)
        #expect(Self.statistic(tables, "term-share/beta/authorial/status/occupied")?.occurrences == 5)
    }

    @Test func stanceIndexIsTheSecondSideMinusTheFirst() throws {
        let tables = try Self.tables()
        #expect(Self.statistic(tables, "stance-index/alpha/authorial")?.value == -9.0 / 10)
        #expect(Self.statistic(tables, "stance-index/beta/authorial")?.value == 5.0 / 8)
        #expect(Self.statistic(tables, "stance-index/beta/authorial")?.articles == 2)
        #expect(Self.statistic(tables, "stance-share/beta/authorial/neutral")?.value == 3.0 / 8)
    }

    @Test func contrastsHaveIntervalsPValuesAndAdjustedQValues() throws {
        let tables = try Self.tables()
        let contrast = try #require(Self.statistic(tables, "contrast/loaded-rate/authorial/alpha/beta"))
        #expect(contrast.value == 2)
        #expect(contrast.articles == 6)
        let p = try #require(contrast.pValue)
        let q = try #require(contrast.qValue)
        #expect(p > 0 && p <= 1)
        #expect(q >= p)
        #expect(contrast.interval != nil)
        // Beta has authorial terms in two articles only: the stance contrast is given but marked, with no interval.
        let stance = try #require(Self.statistic(tables, "contrast/stance-index/authorial/alpha/beta"))
        #expect(abs((stance.value ?? 0) - (-0.9 - 0.625)) < 1e-12)
        #expect(!stance.sufficient)
        #expect(stance.pValue == nil)
        #expect(stance.note == "each outlet needs at least 3 articles with data for an interval and a p-value (here 3 and 2)")
        let small = try #require(Self.statistic(tables, "contrast/loaded-rate/authorial/alpha/gamma"))
        #expect(!small.sufficient)
        #expect(small.interval == nil)
    }

    @Test func keynessFindsEachOutletsOwnWords() throws {
        let tables = try Self.tables()
        let alpha = tables.statistics.filter { $0.kind == .keyness && $0.outlet == "Alpha" }.map(\.word)
        let beta = tables.statistics.filter { $0.kind == .keyness && $0.outlet == "Beta" }.map(\.word)
        #expect(alpha == ["heroic", "artsakh"])
        #expect(beta == ["occupied"])
        #expect(!alpha.contains("the"))
    }

    @Test func statisticsAreIdenticalFromRunToRunAndIndependentOfInputOrder() throws {
        let first = try Self.tables().statistics
        let shuffled = try AggregateStage().process(
            AggregateStage.Input(measures: Self.corpus().reversed(), excluded: [], facts: Self.facts)).statistics
        #expect(first == shuffled)
        #expect(Set(first.map(\.id)).count == first.count)
    }

    @Test func slugsAreStable() {
        #expect(Slug.make("Mail Online") == "mail-online")
        #expect(Slug.make("Nagorno-Karabakh") == "nagorno-karabakh")
        #expect(Slug.make("  “so-called” ") == "so-called")
        #expect(Slug.make("Арцах") == "арцах")
        #expect(Slug.make("!!!") == "x")
    }
}
