import SlantCore
import SlantMeasure
import Testing

@testable import SlantOrigin

/// The origin figures' intervals are the Poisson bootstrap's, over the articles an outlet published,
/// to the last digit of an independent replica (`bench/reference/poisson_reference.py`), whether the
/// sums are built for the call or kept with the report's other sums.
@Suite struct OriginIntervalTests {
    /// The twelve articles of the replica's test data, published by outlet D; four of them republished.
    static let ids = (0..<12).map { String(format: "article-%02d", $0) }
    static let hits = [3, 0, 5, 2, 1, 4, 0, 2, 6, 1, 3, 2]
    static let tokens = [800, 450, 1200, 700, 300, 950, 500, 650, 1500, 400, 900, 750]
    static let republished: Set<Int> = [0, 3, 7, 10]

    static var articles: [ArticleMeasures] {
        ids.indices.map { index in
            ArticleMeasures(
                id: ids[index], outlet: "D", source: ids[index], digest: ids[index], title: nil, url: nil, published: "2024-01-01",
                language: "en", tokens: tokens[index], voiceTokens: [.authorial: tokens[index]], sentences: 1, paragraphs: 1, comments: 0,
                commentTokens: 0, warnings: [],
                loadedCounts: hits[index] > 0
                    ? [LoadedCount(lexicon: "ll", category: "c", voice: .authorial, hits: hits[index], weight: Double(hits[index]))] : [])
        }
    }

    static var origins: [String: ArticleOrigin] {
        var origins: [String: ArticleOrigin] = [:]
        for (index, id) in ids.enumerated() {
            if republished.contains(index) {
                var copy = ArticleOrigin(kind: .republished, countedFor: nil)
                copy.copiesArticle = "elsewhere"
                origins[id] = copy
            } else {
                origins[id] = ArticleOrigin(kind: .own, countedFor: "D")
            }
        }
        return origins
    }

    static let facts = LexiconFacts(lexicons: [LexiconFacts.Lexicon(id: "ll", measure: .loadedLanguage)])

    static func statistic(_ tables: OriginTables, _ id: String) -> Statistic? { tables.statistics.first { $0.id == id } }

    @Test func sharesAndTheFiguresOverAllTextAreTheReplicasToTheLastDigit() throws {
        let tables = OriginStatistics.tables(
            Self.articles, origins: Self.origins, facts: Self.facts, policy: StatisticsPolicy(), settings: OriginSettings())
        // python3 bench/reference/poisson_reference.py's poisson_interval(IDS, [tokens of articles 0, 3, 7, 10, else 0], TOKENS, 1).
        let share = try #require(Self.statistic(tables, "origin-share/d/republished"))
        #expect(share.value == 0.33516483516483514)
        #expect(share.interval == Interval(lower: 0.06597561554153424, upper: 0.6666666666666666))
        // poisson_interval(IDS, HITS, TOKENS, 1000): every article D published.
        let allText = try #require(Self.statistic(tables, "all-text/loaded-rate/ll/d/authorial"))
        #expect(allText.value == 3.186813186813187)
        #expect(allText.interval == Interval(lower: 2.2534330985915494, upper: 3.7373737373737375))
    }

    @Test func theFigureOverOwnWritingIsTheReplicasToTheLastDigit() throws {
        var settings = OriginSettings()
        settings.counting = .all
        let tables = OriginStatistics.tables(
            Self.articles, origins: Self.origins, facts: Self.facts, policy: StatisticsPolicy(), settings: settings)
        // poisson_interval over the eight articles of D's own writing.
        let own = try #require(Self.statistic(tables, "own-writing/loaded-rate/ll/d/authorial"))
        #expect(own.value == 3.140495867768595)
        #expect(own.interval == Interval(lower: 1.537974683544304, upper: 3.9520958083832336))
    }

    @Test func keptSumsWithTheReportsGroupsGiveTheSameFigures() {
        let settings = OriginSettings()
        // The report's kept sums: each own article counted for D, the copies not counted, and every
        // article in D's origin group; added in reverse order.
        var kept = ReplicateAccumulator(replicates: StatisticsPolicy().resamples)
        for article in Self.articles.reversed() {
            let origin = Self.origins[article.id]
            kept.add(ArticleContribution(
                article, facts: Self.facts, counted: origin?.countedFor != nil,
                origin: OriginStatistics.contribution(publisher: "D", kind: origin?.kind ?? .own, settings: settings)))
        }
        let given = OriginStatistics.tables(
            Self.articles, origins: Self.origins, facts: Self.facts, policy: StatisticsPolicy(), settings: settings, replicates: kept)
        let built = OriginStatistics.tables(
            Self.articles, origins: Self.origins, facts: Self.facts, policy: StatisticsPolicy(), settings: settings)
        #expect(given.statistics == built.statistics)
        #expect(given.statistics.contains { $0.interval != nil })
    }
}
