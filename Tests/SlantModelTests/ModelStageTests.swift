import SlantCore
@testable import SlantModel
import SlantText
import Testing

/// The model stage: each sentence read once per voice, scare-quoted words left out of the outlet's
/// sentence, comments in their own voice, headlines in theirs, and a changed model file a changed key.
@Suite struct ModelStageTests {
    /// A model that calls a sentence loaded exactly when it has the word "vicious":
    /// P = σ(−1 + 3) ≈ 0.88 with it, σ(−1) ≈ 0.27 without.
    static func viciousModel(id: String = "vicious", word: String = "vicious", weight: Double = 3) -> SentenceClassifier {
        let model = SentenceModel(
            id: id, languages: ["en"], minimumCount: 1, weights: [word: weight], intercept: -1,
            regularisation: .init(lambda: 1, grid: [], chosenBy: "given"),
            training: .init(file: "hand.csv", format: "plain", digest: "", bytes: 0, sentences: 0, loaded: 0, skipped: 0),
            crossValidation: nil)
        return SentenceClassifier(model: model, digest: ContentDigest(of: model.fileBytes), path: "\(id).json")
    }

    static func tagged(
        _ body: String, comments: [String] = [], title: String? = nil, standfirst: String? = nil
    ) throws -> TaggedArticle {
        let article = Article(
            source: SourceLocator(path: "t.txt"), metadata: DocumentMetadata(title: title, standfirst: standfirst), body: body,
            blocks: [TextBlock(kind: .paragraph, start: 0, end: body.utf8.count)],
            comments: comments.map { Comment(author: nil, text: $0) })
        return TaggedArticle(segmented: try SegmentStage().process(article), terms: [], loaded: [], voiceTokens: [:], commentTokens: 0)
    }

    @Test func sentencesAreCountedByVoiceAndPredicted() throws {
        let article = try Self.tagged(
            "The council met on Monday. The vicious campaign went on. “This is a vicious lie,” the mayor said.",
            comments: ["What a vicious article.", "I agree with the council."])
        let parts = ModelStage.voiceSentences(article.segmented.body, in: .body)
        #expect(parts.map(\.voice) == [.authorial, .authorial, .quoted, .authorial])
        #expect(parts.map(\.sentence) == [0, 1, 2, 2])
        #expect(parts[2].words == ["this", "is", "a", "vicious", "lie"])
        #expect(parts[3].words == ["the", "mayor", "said"])
        let counts = try ModelStage(classifiers: [Self.viciousModel()]).process(article)
        #expect(counts == [
            ModelCount(model: "vicious", voice: .authorial, sentences: 3, loaded: 1),
            ModelCount(model: "vicious", voice: .quoted, sentences: 1, loaded: 1),
            ModelCount(model: "vicious", voice: .comment, sentences: 2, loaded: 1),
        ])
    }

    @Test func scareQuotedWordsAreNotTheOutletsOwn() throws {
        // The voice analyser's own example of a scare quote inside the outlet's paraphrase.
        let article = try Self.tagged("The minister called for Armenia to give up “occupied” land.")
        let parts = ModelStage.voiceSentences(article.segmented.body, in: .body)
        #expect(parts.map(\.words) == [["the", "minister", "called", "for", "armenia", "to", "give", "up", "land"]])
        #expect(try ModelStage(classifiers: [Self.viciousModel(id: "occupied", word: "occupied")]).process(article) == [
            ModelCount(model: "occupied", voice: .authorial, sentences: 1, loaded: 0)
        ])
        // A word the sentence labels as someone else's ("called it “vicious”") is quoted, and counts there.
        let labelled = try Self.tagged("They called it a “vicious” plan.")
        #expect(try ModelStage(classifiers: [Self.viciousModel()]).process(labelled) == [
            ModelCount(model: "vicious", voice: .authorial, sentences: 1, loaded: 0),
            ModelCount(model: "vicious", voice: .quoted, sentences: 1, loaded: 1),
        ])
    }

    @Test func headlineAndStandfirstAreTheHeadlineVoiceWithoutTheirQuotations() throws {
        let article = try Self.tagged(
            "The council met on Monday.", title: "A vicious plan for the city",
            standfirst: "“A vicious lie,” the mayor says.")
        let headline = try #require(article.segmented.headline)
        #expect(ModelStage.voiceSentences(headline, in: .heading).map(\.words) == [["a", "vicious", "plan", "for", "the", "city"]])
        let standfirst = try #require(article.segmented.standfirst)
        let parts = ModelStage.voiceSentences(standfirst, in: .heading)
        #expect(parts.map(\.voice) == [.headline])
        #expect(parts.map(\.words) == [["the", "mayor", "says"]])
        #expect(try ModelStage(classifiers: [Self.viciousModel()]).process(article) == [
            ModelCount(model: "vicious", voice: .authorial, sentences: 1, loaded: 0),
            ModelCount(model: "vicious", voice: .headline, sentences: 2, loaded: 1),
        ])
    }

    @Test func eachModelIsCountedApartAndNoModelCountsNothing() throws {
        let article = try Self.tagged("A vicious plan. A calm plan.")
        let counts = try ModelStage(classifiers: [Self.viciousModel(), Self.viciousModel(id: "never", weight: 0)]).process(article)
        #expect(counts == [
            ModelCount(model: "vicious", voice: .authorial, sentences: 2, loaded: 1),
            ModelCount(model: "never", voice: .authorial, sentences: 2, loaded: 0),
        ])
        #expect(try ModelStage(classifiers: []).process(article) == [])
        // An empty body has no sentence to count.
        #expect(try ModelStage(classifiers: [Self.viciousModel()]).process(try Self.tagged("")) == [])
    }

    @Test func aChangedModelFileChangesTheKey() {
        let one = ModelStage(classifiers: [Self.viciousModel()])
        let same = ModelStage(classifiers: [Self.viciousModel()])
        let other = ModelStage(classifiers: [Self.viciousModel(weight: 2)])
        #expect(one.configurationDigest == same.configurationDigest)
        #expect(one.configurationDigest != other.configurationDigest)
        #expect(one.cacheKey(after: StageKey.document) != other.cacheKey(after: StageKey.document))
    }
}
