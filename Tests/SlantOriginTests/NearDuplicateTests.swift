import SlantCore
import SlantMeasure
import SlantText
import Testing

@testable import SlantOrigin

/// Near-duplicates and origins on synthetic corpora: the same story republished with edits, with a
/// lede of its own, with its paragraphs reordered, and agency copy by byline, dateline and credit.
@Suite struct NearDuplicateTests {
    /// Sentences of made-up words (a seeded vocabulary of 2,000), so that unrelated stories share
    /// almost no shingles.
    static func story(_ seed: String, paragraphs: Int = 6, sentences: Int = 3) -> [String] {
        var generator = SeededGenerator(seedText: seed)
        let syllables = ["ka", "ro", "mi", "te", "su", "na", "lo", "vi", "da", "pe", "zu", "ho", "ri", "ba", "ne", "to"]
        func word() -> String {
            let index = generator.index(below: 2_000)
            return syllables[index % 16] + syllables[(index / 16) % 16] + syllables[(index / 256) % 16]
        }
        return (0..<paragraphs).map { _ in
            (0..<sentences).map { _ in
                let words = (0..<(10 + generator.index(below: 8))).map { _ in word() }
                return words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
            }.joined(separator: " ")
        }
    }

    static func signature(_ paragraphs: [String], byline: String? = nil) throws -> OriginSignature {
        let (body, blocks) = Article.assemble(paragraphs.map { (.paragraph, $0) })
        let article = Article(
            source: SourceLocator(path: "x.html"), metadata: DocumentMetadata(byline: byline), body: body, blocks: blocks)
        return try OriginSignatureStage().process(try SegmentStage().process(article))
    }

    /// Origins of the articles, candidate pairs from the LSH index.
    static func origins(_ items: [(outlet: String, date: String?, signature: OriginSignature)], settings: OriginSettings = OriginSettings())
        -> ([ArticleOrigin], [(Int, Int)])
    {
        let articles = items.enumerated().map { OriginArticle(id: "a\($0.offset)", outlet: $0.element.outlet, published: $0.element.date, rank: $0.offset) }
        let pairs = NearDuplicates.candidatePairs(items.map(\.signature.minhash), days: articles.map(\.day), windowDays: settings.windowDays)
        return (NearDuplicates.origins(articles, signatures: items.map(\.signature), pairs: pairs, settings: settings), pairs)
    }

    @Test func aCopyWithEditsALedeAndReorderedParagraphsIsFound() throws {
        let original = Self.story("wire story")
        var edited = original
        // A few words changed in two paragraphs.
        edited[1] = edited[1].replacingOccurrences(of: "a", with: "e", options: [], range: edited[1].range(of: edited[1].prefix(30)))
        edited[4] = "Officials declined to comment on the matter. " + edited[4]
        let lede = Self.story("local lede", paragraphs: 2) + original
        let reordered = [original[3], original[0], original[5], original[1], original[4], original[2]]
        let unrelated = Self.story("another story")
        let items = [
            ("Wire Daily", "2024-03-01", try Self.signature(original)),
            ("Edits Gazette", "2024-03-02", try Self.signature(edited)),
            ("Lede Times", "2024-03-02", try Self.signature(lede)),
            ("Shuffle Post", "2024-03-03", try Self.signature(reordered)),
            ("Other News", "2024-03-01", try Self.signature(unrelated)),
        ]
        let (origins, pairs) = Self.origins(items)
        #expect(origins[0].kind == .own && origins[0].countedFor == "Wire Daily")
        for copy in 1...3 {
            #expect(origins[copy].kind == .republished, "\(copy)")
            #expect(origins[copy].copiesArticle == "a0" && origins[copy].copiesOutlet == "Wire Daily")
            #expect(origins[copy].countedFor == nil)
            #expect(origins[copy].basis == "published earlier")
        }
        // The lede's copy: its story is all in the original, the lede is not (2 of 8 paragraphs).
        #expect(abs((origins[2].matchedSentences ?? 0) - 18.0 / 24.0) < 0.05, "\(origins[2])")
        #expect((origins[2].containment ?? 0) > 0.7 && (origins[2].containment ?? 0) < 0.8)
        // Reordered paragraphs: every sentence still matches.
        #expect(origins[3].matchedSentences == 1)
        // The edited copy: most sentences match, not all.
        #expect((origins[1].matchedSentences ?? 0) >= 0.8 && (origins[1].matchedSentences ?? 0) < 1)
        #expect(origins[4].kind == .own && origins[4].copiesArticle == nil)
        // No pair with the unrelated story.
        #expect(!pairs.contains { $0.0 == 4 || $0.1 == 4 }, "\(pairs)")
    }

    @Test func theDateWindowLimitsCandidatesAndUndatedCopiesFollowTheDatedOriginal() throws {
        let text = Self.story("old story")
        let items = [
            ("A", "2024-01-01", try Self.signature(text)),
            ("B", "2024-06-01", try Self.signature(text)),
            ("C", nil, try Self.signature(text)),
        ]
        let (origins, pairs) = Self.origins(items)
        // A and B are 152 days apart: no pair; C has no date: compared with both, copies the earliest.
        #expect(!pairs.contains { $0 == (0, 1) })
        #expect(origins[1].kind == .own)
        #expect(origins[2].kind == .republished && origins[2].copiesArticle == "a0")
        #expect(origins[2].basis == "the copy has no publication date: the dated article is taken for the original")
        var wide = OriginSettings()
        wide.windowDays = 365
        let (widened, _) = Self.origins(items, settings: wide)
        #expect(widened[1].copiesArticle == "a0")
    }

    @Test func sameOutletCopiesAndShortTextsAreNotRepublication() throws {
        let text = Self.story("one outlet")
        let (sameOutlet, _) = Self.origins([("A", "2024-01-01", try Self.signature(text)), ("A", "2024-01-02", try Self.signature(text))])
        #expect(sameOutlet.allSatisfy { $0.kind == .own })
        let short = ["Five words are not enough here, really."]
        let (shortOnes, _) = Self.origins([("A", "2024-01-01", try Self.signature(short)), ("B", "2024-01-02", try Self.signature(short))])
        #expect(shortOnes.allSatisfy { $0.kind == .own })
    }

    @Test func agencyCopyIsRecognisedByBylineDatelineAndCredit() throws {
        let agencies = OriginSettings.defaultAgencies
        func agency(_ paragraphs: [String], byline: String? = nil) throws -> String? {
            NearDuplicates.agency(try Self.signature(paragraphs, byline: byline), agencies: agencies)?.name
        }
        let story = Self.story("agency")
        #expect(try agency(story, byline: "By Reuters") == "Reuters")
        #expect(try agency(story, byline: "Associated Press") == "Associated Press")
        #expect(try agency(["MOSCOW (Reuters) - " + story[0]] + story.dropFirst()) == "Reuters")
        #expect(try agency(["YEREVAN, OCTOBER 21, ARMENPRESS. " + story[0]] + story.dropFirst()) == "Armenpress")
        #expect(try agency(["MOSCOW, October 14. /TASS/. " + story[0]] + story.dropFirst()) == "TASS")
        #expect(try agency(["ANKARA (AA) - " + story[0]] + story.dropFirst()) == "Anadolu Agency")
        #expect(try agency(story + ["Source: AFP"]) == "AFP")
        // A mention in the running text is not a mark.
        #expect(try agency(["The minister told Reuters on Tuesday that talks would go on. " + story[0]] + story.dropFirst()) == nil)
        #expect(try agency(story, byline: "Asbarez Staff") == nil)
        #expect(try agency(["Speaking to AFP, the minister said talks would go on. " + story[0]] + story.dropFirst()) == nil)
    }

    @Test func agencyCopyIsCountedOnceUnderTheAgency() throws {
        let text = Self.story("shared wire")
        let items = [
            ("A", "2024-02-01", try Self.signature(["BAKU (Reuters) - " + text[0]] + text.dropFirst())),
            ("B", "2024-02-01", try Self.signature(["BAKU (Reuters) - " + text[0]] + text.dropFirst())),
            ("C", "2024-02-02", try Self.signature(text)),
        ]
        let (origins, _) = Self.origins(items)
        #expect(origins[0].kind == .agency && origins[0].countedFor == "Reuters (agency copy)")
        #expect(origins[1].kind == .agency && origins[1].copiesArticle == "a0" && origins[1].countedFor == nil)
        #expect(origins[2].kind == .republished && origins[2].copiesArticle == "a0" && origins[2].countedFor == nil)
        var all = OriginSettings()
        all.counting = .all
        let (counted, _) = Self.origins(items, settings: all)
        #expect(counted.map(\.countedFor) == ["A", "B", "C"])
    }

    @Test func originStatisticsGiveSharesAndTheOtherScope() {
        func article(_ id: String, _ outlet: String, tokens: Int, weight: Double) -> ArticleMeasures {
            ArticleMeasures(
                id: id, outlet: outlet, source: id, digest: id, title: nil, url: nil, published: "2024-01-01", language: "en",
                tokens: tokens, voiceTokens: [.authorial: tokens], sentences: 1, paragraphs: 1, comments: 0, commentTokens: 0,
                warnings: [], loadedCounts: [LoadedCount(lexicon: "ll", category: "c", voice: .authorial, hits: 1, weight: weight)])
        }
        let articles = [article("a", "D", tokens: 300, weight: 3), article("b", "D", tokens: 100, weight: 0), article("c", "M", tokens: 100, weight: 1)]
        var copy = ArticleOrigin(kind: .republished, countedFor: nil)
        copy.copiesArticle = "c"
        let facts = LexiconFacts(lexicons: [LexiconFacts.Lexicon(id: "ll", measure: .loadedLanguage)])
        let tables = OriginStatistics.tables(
            articles, origins: ["a": copy, "b": ArticleOrigin(kind: .own, countedFor: "D"), "c": ArticleOrigin(kind: .own, countedFor: "M")],
            facts: facts, policy: StatisticsPolicy(), settings: OriginSettings())
        let share = tables.statistics.first { $0.id == "origin-share/d/republished" }
        #expect(share?.value == 0.75)
        #expect(share?.occurrences == 300 && share?.total == 400)
        // D's rate over all its text: (3 + 0) / 400 × 1,000 = 7.5; M has no copies, so no other scope.
        let scope = tables.statistics.first { $0.id == "all-text/loaded-rate/ll/d/authorial" }
        #expect(scope?.value == 7.5)
        #expect(scope?.measure == .loadedRate && scope?.kind == .originScope)
        #expect(!tables.statistics.contains { $0.id.hasPrefix("all-text/") && $0.outlet == "M" })
    }
}
