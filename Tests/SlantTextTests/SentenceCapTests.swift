import SlantCore
import SlantText
import Testing

/// Sentences of more than `maximumSentenceTokens` tokens are cut (issue 17, item 1), so that a
/// page without sentence punctuation costs linear work downstream.
@Suite struct SentenceCapTests {
    /// `count` words with no punctuation at all: a scraped table or list.
    static func sentenceless(_ count: Int) -> String {
        (0..<count).map { "word\($0 % 97)" }.joined(separator: " ")
    }

    static func article(_ body: String) -> Article {
        Article(
            source: SourceLocator(path: "t.txt"), metadata: DocumentMetadata(), body: body,
            blocks: [TextBlock(kind: .paragraph, start: 0, end: body.utf8.count)])
    }

    @Test func aSentencelessPageIsCutAtTheHardLimitWithAWarning() throws {
        let stage = SegmentStage(settings: SegmentSettings(maximumSentenceTokens: 300))
        let segmented = try stage.process(Self.article(Self.sentenceless(1_000)))
        let body = segmented.body
        #expect(body.sentences.count == 4)
        #expect(body.tokens.count == 1_000)
        // Every sentence has at most 300 tokens, and the tokens carry their sentence's index, in order.
        var counts = [Int](repeating: 0, count: body.sentences.count)
        for token in body.tokens { counts[Int(token.sentence)] += 1 }
        #expect(counts == [300, 300, 300, 100])
        #expect(zip(body.tokens, body.tokens.dropFirst()).allSatisfy { $0.sentence <= $1.sentence })
        #expect(segmented.article.warnings.map(\.code) == ["long-sentence-split"])
        #expect(segmented.article.warnings.first?.message == "1 sentence longer than 300 tokens cut at clause punctuation or at the limit")
    }

    @Test func aLongSentenceIsCutAfterClausePunctuation() throws {
        // 60 clauses of five words and a comma: 360 tokens, one sentence.
        let text = (0..<60).map { _ in "one two three four five," }.joined(separator: " ") + " end."
        let layer = SegmentStage.segment(text, blocks: [(0, text.utf8.count)], settings: SegmentSettings(maximumSentenceTokens: 100))
        let bytes = Array(text.utf8)
        for sentence in layer.sentences.dropLast() {
            #expect(bytes[sentence.end - 1] == UInt8(ascii: ","))
            let tokens = layer.tokens.filter { Int($0.start) >= sentence.start && Int($0.end) <= sentence.end }
            #expect(tokens.count <= 100 && tokens.count >= 50)
        }
        #expect(layer.sentences.count == 4)
    }

    @Test func ordinarySentencesAreNotCut() throws {
        let segmented = try SegmentStage().process(Self.article("Baku says its forces advanced. Yerevan denied it."))
        #expect(segmented.body.sentences.count == 2)
        #expect(segmented.article.warnings.isEmpty)
    }

    @Test func tokensAndSentencesStayLinearInTheInputSize() throws {
        // 20,000 words without punctuation: 67 sentences of at most 300 tokens, voice computed.
        let layer = SegmentStage.segment(Self.sentenceless(20_000), blocks: [(0, Self.sentenceless(20_000).utf8.count)])
        #expect(layer.sentences.count == 67)
        #expect(layer.voices.count == 20_000)
        #expect(layer.sentences.allSatisfy { $0.end > $0.start })
    }

    @Test func theCapIsInTheCacheKeyAndBounded() {
        #expect(SegmentStage(settings: SegmentSettings(maximumSentenceTokens: 200)).configurationDigest
            != SegmentStage(settings: SegmentSettings(maximumSentenceTokens: 300)).configurationDigest)
        #expect(SegmentStage().configurationDigest == SegmentStage(settings: SegmentSettings()).configurationDigest)
        #expect(SegmentSettings(maximumSentenceTokens: 3).maximumSentenceTokens == SegmentSettings.minimumSentenceTokens)
        #expect(SegmentSettings().maximumSentenceTokens == 300)
    }
}
