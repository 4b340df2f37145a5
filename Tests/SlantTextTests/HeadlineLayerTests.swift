import SlantCore
import SlantText
import Testing

/// The headline and standfirst are segmented as texts of their own, read like the body, and never
/// analysed twice.
@Suite struct HeadlineLayerTests {
    static func article(title: String?, standfirst: String? = nil, paragraphs: [String]) -> Article {
        let (body, blocks) = Article.assemble(paragraphs.map { (.paragraph, $0) })
        return Article(
            source: SourceLocator(path: "a.html"), metadata: DocumentMetadata(title: title, standfirst: standfirst), body: body,
            blocks: blocks)
    }

    static let body = ["Fighting continued in Nagorno-Karabakh on Wednesday as the conflict entered its third week."]

    static func words(_ layer: TextLayer) -> [String] {
        let bytes = Array(layer.text.utf8)
        return layer.tokens.map { String(decoding: bytes[Int($0.start)..<Int($0.end)], as: UTF8.self) }
    }

    @Test func theTitleIsALayerOfItsOwnAndTheBodyIsUntouched() throws {
        let article = Self.article(title: "Occupied Artsakh", paragraphs: Self.body)
        let segmented = try SegmentStage().process(article)
        let headline = try #require(segmented.headline)
        #expect(headline.text == "Occupied Artsakh")
        #expect(Self.words(headline) == ["Occupied", "Artsakh"])
        #expect(headline.tokens.map { [$0.start, $0.end] } == [[0, 8], [9, 16]])
        #expect(headline.sentences.count == 1)
        #expect(headline.voices.map(\.voice) == [.authorial, .authorial])
        #expect(segmented.standfirst == nil)
        #expect(segmented.body.text == article.body)
        #expect(segmented.body.wordCount == 13)
    }

    @Test func noTitleOrAnEmptyOneGivesNoHeadline() throws {
        #expect(try SegmentStage().process(Self.article(title: nil, paragraphs: Self.body)).headline == nil)
        #expect(try SegmentStage().process(Self.article(title: " \n\t ", paragraphs: Self.body)).headline == nil)
        #expect(try SegmentStage().process(Self.article(title: "— · —", paragraphs: Self.body)).headline == nil)
    }

    @Test func aHeadlineWithSpaceAroundItIsTrimmedSoOffsetsPointIntoWhatIsShown() throws {
        let headline = try #require(try SegmentStage().process(Self.article(title: "  Occupied  Artsakh \n", paragraphs: Self.body)).headline)
        #expect(headline.text == "Occupied  Artsakh")
        #expect(headline.tokens.map { [$0.start, $0.end] } == [[0, 8], [10, 17]])
    }

    @Test func aHeadlineTheBodyAlreadyBeginsWithIsNotAnalysedTwice() throws {
        // A `.txt` whose first line is its title and is kept in the body, however its spaces fall.
        let repeated = Self.article(title: "Fierce  fighting over Karabakh", paragraphs: ["Fierce fighting over Karabakh"] + Self.body)
        #expect(try SegmentStage().process(repeated).headline == nil)
        // A lead paragraph the body holds is not a standfirst layer either.
        let lead = "Baku and Yerevan traded blame for the shelling of villages on both sides."
        let withLead = Self.article(title: "Occupied Artsakh", standfirst: lead, paragraphs: [lead] + Self.body)
        let segmented = try SegmentStage().process(withLead)
        #expect(segmented.headline?.text == "Occupied Artsakh")
        #expect(segmented.standfirst == nil)
    }

    @Test func spacesOutsideASCIICountAsSpaceWhenTheBodyRepeatsTheHeadline() throws {
        // No-break, em and ideographic spaces, a tab and a line separator compare as one space.
        let spaced = Self.article(
            title: "Бои\u{00A0}в \u{2003}Карабахе\t\u{3000}продолжаются\u{2028}", paragraphs: ["Бои в Карабахе продолжаются"] + Self.body)
        #expect(try SegmentStage().process(spaced).headline == nil)
        // A zero-width space and a hyphen are not white space: the headline is a text of its own.
        let joined = Self.article(title: "Бои\u{200B}в Карабахе", paragraphs: ["Бои в Карабахе"] + Self.body)
        #expect(try SegmentStage().process(joined).headline?.text == "Бои\u{200B}в Карабахе")
        let hyphenated = Self.article(title: "Fierce-fighting over Karabakh", paragraphs: ["Fierce fighting over Karabakh"] + Self.body)
        #expect(try SegmentStage().process(hyphenated).headline?.text == "Fierce-fighting over Karabakh")
    }

    @Test func aStandfirstIsALayerOfItsOwnWithItsParagraphs() throws {
        let article = Self.article(
            title: "Occupied Artsakh", standfirst: "Shelling went on overnight.\n\nResidents fled to Stepanakert.", paragraphs: Self.body)
        let standfirst = try #require(try SegmentStage().process(article).standfirst)
        #expect(standfirst.paragraphs.count == 2)
        #expect(standfirst.sentences.count == 2)
        #expect(Self.words(standfirst).last == ".")
        #expect(standfirst.wordCount == 8)
    }

    @Test func aQuotationInAHeadlineIsReadAsInTheBody() throws {
        let headline = try #require(
            try SegmentStage().process(Self.article(title: "‘Occupied lands’, says Erdogan", paragraphs: Self.body)).headline)
        #expect(headline.quotations.count == 1)
        #expect(headline.quotations.first?.speaker == "Erdogan")
        #expect(headline.quotations.first?.isScare == false)
        let voices = zip(Self.words(headline), headline.voices).filter { $0.0 == "Occupied" || $0.0 == "lands" || $0.0 == "says" }
        #expect(voices.map(\.1.voice) == [.quoted, .quoted, .authorial])
        #expect(voices.first.flatMap { headline.speakers.indices.contains(Int($0.1.speaker)) ? headline.speakers[Int($0.1.speaker)] : nil } == "Erdogan")
    }

    @Test func aHugeHeadlineIsCutLikeAnyLongSentence() throws {
        let title = Array(repeating: "word", count: 1000).joined(separator: " ")
        let segmented = try SegmentStage().process(Self.article(title: title, paragraphs: Self.body))
        #expect(segmented.headline?.sentences.count == 4)
        #expect(segmented.article.warnings.map(\.code) == ["long-sentence-split"])
    }
}
