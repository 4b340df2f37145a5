import SlantCore
import SlantMeasure
import Testing

/// Headlines are measured in a voice of their own: counted apart from the body, with every
/// per-voice statistic (rates, term shares, stance shares, stance index) and its own IDs.
@Suite struct HeadlineMeasureTests {
    /// A one-paragraph, one-sentence layer whose tokens are the text's space-separated words.
    static func layer(_ text: String) -> TextLayer {
        var tokens: [Token] = []
        var start = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let length = word.utf8.count
            if length > 0 { tokens.append(Token(start: Int32(start), end: Int32(start + length), kind: .word, sentence: 0)) }
            start += length + 1
        }
        let end = text.utf8.count
        return TextLayer(
            text: text, paragraphs: [TextSpan(start: 0, end: end, paragraph: 0)], sentences: [TextSpan(start: 0, end: end, paragraph: 0)],
            tokens: tokens)
    }

    static func utf8Range(of word: String, in text: String) -> (Int, Int) {
        guard let range = text.range(of: word) else { return (0, 0) }
        let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        return (start, start + word.utf8.count)
    }

    /// An article whose body says "Nagorno-Karabakh" and whose headline says "Artsakh" (and "massacre").
    static func measured(headline: String? = "Séparatistes shelled Artsakh: a massacre") throws -> ArticleMeasures {
        let bodyText = "Fighting continued in Nagorno-Karabakh on Wednesday."
        let body = layer(bodyText)
        let heading = headline.map(layer)
        let article = Article(
            source: SourceLocator(path: "a.html"), metadata: DocumentMetadata(title: headline, language: "en"), body: bodyText,
            blocks: [TextBlock(kind: .paragraph, start: 0, end: bodyText.utf8.count)])
        let segmented = SegmentedArticle(article: article, body: body, comments: [], headline: heading)
        let (bodyStart, bodyEnd) = utf8Range(of: "Nagorno-Karabakh", in: bodyText)
        var terms = [
            TermMatch(
                lexicon: "terms", family: "region-name", term: "Nagorno-Karabakh", stance: "neutral", text: "Nagorno-Karabakh",
                context: MatchContext(start: bodyStart, end: bodyEnd, sentence: 0, voice: .authorial)),
        ]
        var loaded: [LoadedMatch] = []
        var voiceTokens: [Voice: Int] = [.authorial: body.wordCount, .quoted: 0, .attributed: 0]
        if let headline {
            let (start, end) = utf8Range(of: "Artsakh", in: headline)
            terms.append(
                TermMatch(
                    lexicon: "terms", family: "region-name", term: "Artsakh", stance: "armenian", text: "Artsakh",
                    context: MatchContext(start: start, end: end, sentence: 0, voice: .headline, headlinePart: .headline)))
            let (loadedStart, loadedEnd) = utf8Range(of: "massacre", in: headline)
            loaded.append(
                LoadedMatch(
                    lexicon: "words", text: "massacre", entry: "massacre", category: "violence", weight: 2,
                    context: MatchContext(start: loadedStart, end: loadedEnd, sentence: 0, voice: .headline, headlinePart: .headline)))
            voiceTokens[.headline] = heading?.wordCount ?? 0
        }
        let tagged = TaggedArticle(segmented: segmented, terms: terms, loaded: loaded, voiceTokens: voiceTokens, commentTokens: 0)
        return try MeasureStage().process(MeasureInput(id: "a", outlet: "Alpha", digest: ContentDigest(ofParts: ["a"]), tagged: tagged))
    }

    @Test func headlineMatchesAreCountedInVoiceHeadlineWithEvidenceIntoTheHeadline() throws {
        let measures = try Self.measured()
        #expect(measures.termCounts == [
            TermCount(lexicon: "terms", family: "region-name", term: "Nagorno-Karabakh", stance: "neutral", voice: .authorial, count: 1),
            TermCount(lexicon: "terms", family: "region-name", term: "Artsakh", stance: "armenian", voice: .headline, count: 1),
        ])
        #expect(measures.loadedCounts == [LoadedCount(lexicon: "words", category: "violence", voice: .headline, hits: 1, weight: 2)])
        #expect(measures.tokens(in: .headline) == 5)
        #expect(measures.tokens(in: .authorial) == 6)
        #expect(measures.tokens == 6)
        // The keyness words are the body's own voice alone.
        #expect(measures.words["artsakh"] == nil)
        #expect(measures.words["nagorno-karabakh"] == 1)
        // Evidence: the body's first, then the headline's; code point offsets into the headline ("é" is two bytes).
        #expect(measures.evidence.map(\.headlinePart) == [nil, .headline, .headline])
        let artsakh = measures.evidence[1]
        #expect(artsakh.voice == .headline)
        #expect([artsakh.start, artsakh.end] == [21, 28])
        #expect(artsakh.sentenceText == "Séparatistes shelled Artsakh: a massacre")
        #expect([artsakh.matchStart, artsakh.matchEnd] == [21, 28])
        #expect(measures.evidence[2].kind == .loaded)
        #expect([measures.evidence[2].start, measures.evidence[2].end] == [32, 40])
    }

    @Test func anArticleWithoutATitleHasNoHeadlineCounts() throws {
        let measures = try Self.measured(headline: nil)
        #expect(measures.termCounts.map(\.voice) == [.authorial])
        #expect(measures.voiceTokens[.headline] == nil)
        #expect(measures.tokens(in: .headline) == 0)
        #expect(measures.evidence.allSatisfy { $0.headlinePart == nil })
    }

    // MARK: - Statistics

    static let facts = AggregateTests.facts

    /// An article of `outlet`: authorial uses of Nagorno-Karabakh in the body and, when `headline`
    /// is given, `(artsakh, karabakh)` uses in a headline of `headlineTokens` words and `violence` loaded hits there.
    static func article(
        _ id: String, outlet: String, headline: (artsakh: Int, karabakh: Int)?, headlineTokens: Int = 8, violence: Int = 0,
        quotedInHeadline: Int = 0
    ) -> ArticleMeasures {
        var terms = [TermCount(lexicon: "terms", family: "region-name", term: "Nagorno-Karabakh", stance: "neutral", voice: .authorial, count: 2)]
        var loaded = [LoadedCount(lexicon: "words", category: "violence", voice: .authorial, hits: 1, weight: 1)]
        var voiceTokens: [Voice: Int] = [.authorial: 500, .quoted: 50, .attributed: 0, .comment: 0]
        if let headline {
            voiceTokens[.headline] = headlineTokens
            if headline.artsakh > 0 {
                terms.append(TermCount(lexicon: "terms", family: "region-name", term: "Artsakh", stance: "armenian", voice: .headline, count: headline.artsakh))
            }
            if headline.karabakh > 0 {
                terms.append(TermCount(lexicon: "terms", family: "region-name", term: "Nagorno-Karabakh", stance: "neutral", voice: .headline, count: headline.karabakh))
            }
            if quotedInHeadline > 0 {
                terms.append(TermCount(lexicon: "terms", family: "status", term: "occupied", stance: "azerbaijani", voice: .distancedHeadline, count: quotedInHeadline))
            }
            if violence > 0 { loaded.append(LoadedCount(lexicon: "words", category: "violence", voice: .headline, hits: violence, weight: Double(violence) * 2)) }
        }
        return ArticleMeasures(
            id: id, outlet: outlet, source: "\(id).html", digest: id, title: headline == nil ? nil : "Headline \(id)", url: nil,
            published: "2020-10-0\(id.suffix(1))", language: "en", tokens: 550, voiceTokens: voiceTokens, sentences: 10, paragraphs: 3,
            comments: 0, commentTokens: 0, warnings: [], termCounts: terms, loadedCounts: loaded)
    }

    static func corpus() -> [ArticleMeasures] {
        [
            article("a1", outlet: "Alpha", headline: (2, 0), violence: 1),
            article("a2", outlet: "Alpha", headline: (1, 1), quotedInHeadline: 1),
            article("a3", outlet: "Alpha", headline: (1, 0), headlineTokens: 4),
            article("b1", outlet: "Beta", headline: nil),
            article("b2", outlet: "Beta", headline: nil),
        ]
    }

    static func statistic(_ tables: CorpusTables, _ id: String) -> Statistic? { tables.statistics.first { $0.id == id } }

    @Test func everyPerVoiceStatisticExistsForHeadlinesWithArticleLevelIntervals() throws {
        let tables = try AggregateStage().process(AggregateStage.Input(measures: Self.corpus(), excluded: [], facts: Self.facts))
        let share = try #require(Self.statistic(tables, "term-share/terms/alpha/headline/region-name/artsakh"))
        #expect(share.aliases == ["term-share/alpha/headline/region-name/artsakh"])
        #expect(share.voice == .headline)
        #expect(share.value == 4.0 / 5.0)
        #expect([share.occurrences, share.total] == [4, 5])
        #expect(share.articles == 3)
        #expect(share.sufficient)
        let shareInterval = try #require(share.interval)
        #expect(shareInterval.lower <= 0.8 && shareInterval.upper >= 0.8 && shareInterval.upper <= 1)
        #expect(share.label == "Share of “Artsakh” among the region-name terms in headlines")

        let index = try #require(Self.statistic(tables, "stance-index/terms/alpha/headline"))
        #expect(index.value == -4.0 / 5.0)
        #expect(index.interval != nil)
        #expect(Self.statistic(tables, "stance-share/terms/alpha/headline/armenian")?.value == 4.0 / 5.0)
        #expect(Self.statistic(tables, "stance-share/terms/alpha/headline/neutral")?.value == 1.0 / 5.0)

        let rate = try #require(Self.statistic(tables, "loaded-rate/words/alpha/headline"))
        #expect(rate.value == 2.0 / 20.0 * 1000)
        #expect([rate.occurrences, rate.total] == [1, 20])
        #expect(rate.interval != nil)
        #expect(rate.label == "Loaded-language rate (words) in headlines")
        #expect(Self.statistic(tables, "category-rate/words/alpha/headline/violence")?.value == 100)

        // Quoted words of a headline are counted apart (not the outlet's own headline choice).
        let quoted = try #require(Self.statistic(tables, "term-share/terms/alpha/headline-distanced/status/occupied"))
        #expect(quoted.value == 1)
        #expect(Self.statistic(tables, "term-share/terms/alpha/headline/status/occupied") == nil)
    }

    @Test func headlinesNeverChangeTheOtherVoicesFigures() throws {
        let withHeadlines = try AggregateStage().process(AggregateStage.Input(measures: Self.corpus(), excluded: [], facts: Self.facts))
        let stripped = Self.corpus().map { article -> ArticleMeasures in
            var article = article
            article.voiceTokens[.headline] = nil
            article.termCounts.removeAll { $0.voice.voice == .headline }
            article.loadedCounts.removeAll { $0.voice.voice == .headline }
            return article
        }
        let without = try AggregateStage().process(AggregateStage.Input(measures: stripped, excluded: [], facts: Self.facts))
        let others = withHeadlines.statistics.filter { $0.voice?.voice != .headline }
        let before = Dictionary(uniqueKeysWithValues: without.statistics.map { ($0.id, $0) })
        // Every figure of another voice is what it was without the headlines, bit for bit.
        let kept = others.filter { before[$0.id] != nil }
        #expect(kept.count == without.statistics.count)
        #expect(kept.filter { before[$0.id] != $0 }.map(\.id) == [])
        // A term used only in headlines ("Artsakh") becomes a column of the voices where its family is
        // used, as any term of the corpus does: with no use in them. A family used only in headlines (the
        // quoted "occupied") adds nothing to the other voices.
        let added = others.filter { before[$0.id] == nil }
        #expect(Set(added.compactMap(\.term)) == ["Artsakh"])
        #expect(added.allSatisfy { $0.kind == .termShare && $0.occurrences == 0 && $0.value == 0 })
    }

    @Test func anOutletWithoutTitlesHasNoHeadlineFigure() throws {
        let tables = try AggregateStage().process(AggregateStage.Input(measures: Self.corpus(), excluded: [], facts: Self.facts))
        #expect(!tables.statistics.contains { $0.outlet == "Beta" && $0.voice?.voice == .headline })
        #expect(tables.statistics.contains { $0.outlet == "Beta" && $0.voice == .authorial })
        #expect(tables.outlets.first { $0.outlet == "Beta" }?.voiceTokens[.headline] == 0)
        #expect(tables.outlets.first { $0.outlet == "Alpha" }?.voiceTokens[.headline] == 20)
    }
}
