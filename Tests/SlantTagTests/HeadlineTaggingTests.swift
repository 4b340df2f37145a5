import SlantCore
import SlantTag
import SlantText
import Testing

/// Headlines are tagged with every lexicon, in voice `headline`, apart from the body: the outlet's own
/// headline words adopted, quoted and reported words in them distanced with their speaker.
@Suite struct HeadlineTaggingTests {
    static let terminology = try? LexiconLoader.parse(
        yaml: """
            lexicon: terms
            kind: terminology
            version: 1
            stances: {armenian: A, azerbaijani: B, neutral: N}
            qualifiers:
              before: [self-proclaimed]
            families:
              - id: region-name
                terms:
                  - term: Artsakh
                    stance: armenian
                    variants: [Artsakh]
                  - term: Nagorno-Karabakh
                    stance: neutral
                    variants: [Nagorno-Karabakh]
              - id: territorial-status
                negatable: true
                terms:
                  - term: occupied
                    stance: azerbaijani
                    variants: [occupied]
            """, path: "terms.yaml")
    static let loaded = try? LexiconLoader.parse(
        yaml: """
            lexicon: words
            kind: loaded
            version: 1
            categories:
              - id: violence
                entries:
                  - entry: massacre
                    weight: 2
            """, path: "words.yaml")

    static let body = "Fighting continued in Nagorno-Karabakh on Wednesday as the conflict entered its third week."

    static func tagged(title: String?, standfirst: String? = nil, body: String = body) throws -> TaggedArticle {
        let terminology = try #require(Self.terminology)
        let loaded = try #require(Self.loaded)
        let (text, blocks) = Article.assemble([(.paragraph, body)])
        let article = Article(
            source: SourceLocator(path: "a.html"), metadata: DocumentMetadata(title: title, standfirst: standfirst), body: text,
            blocks: blocks)
        return try TagStage(lexicons: [terminology, loaded]).process(try SegmentStage().process(article))
    }

    struct Found: Equatable, CustomStringConvertible {
        var term: String
        var text: String
        var voice: Voice
        var part: HeadlinePart?
        var start: Int
        var end: Int
        var distanced = false
        var speaker: String?
        var description: String { "\(term) “\(text)” \(voice) \(part?.rawValue ?? "body") \(start)..<\(end) d=\(distanced) \(speaker ?? "-")" }
    }

    static func found(_ tagged: TaggedArticle) -> [Found] {
        tagged.terms.map {
            Found(
                term: $0.term, text: $0.text, voice: $0.context.voice, part: $0.context.headlinePart, start: $0.context.start,
                end: $0.context.end, distanced: $0.context.distanced, speaker: $0.context.speaker)
        }
    }

    @Test func aHeadlineTermIsInVoiceHeadlineAndTheBodyTermInTheOutletsOwn() throws {
        let tagged = try Self.tagged(title: "Occupied Artsakh")
        // The body's tags first, then the headline's; offsets into each one's own text.
        #expect(Self.found(tagged) == [
            Found(term: "Nagorno-Karabakh", text: "Nagorno-Karabakh", voice: .authorial, part: nil, start: 22, end: 38),
            Found(term: "occupied", text: "Occupied", voice: .headline, part: .headline, start: 0, end: 8),
            Found(term: "Artsakh", text: "Artsakh", voice: .headline, part: .headline, start: 9, end: 16),
        ])
        #expect(tagged.voiceTokens == [.authorial: 13, .quoted: 0, .attributed: 0, .headline: 2])
        #expect(tagged.terms.allSatisfy { $0.context.comment == nil })
    }

    @Test func withoutATitleThereIsNoHeadlineTagNorHeadlineTokenCount() throws {
        let tagged = try Self.tagged(title: nil)
        #expect(Self.found(tagged).map(\.voice) == [.authorial])
        #expect(tagged.voiceTokens[.headline] == nil)
    }

    @Test func aQuotationInTheHeadlineIsNotTheOutletsOwnChoice() throws {
        let tagged = try Self.tagged(title: "‘Occupied lands’, says Erdogan")
        #expect(Self.found(tagged).last == Found(
            term: "occupied", text: "Occupied", voice: .headline, part: .headline, start: 3, end: 11, distanced: true,
            speaker: "Erdogan"))
        // Only "says Erdogan" is the outlet's own headline text.
        #expect(tagged.voiceTokens[.headline] == 2)
    }

    @Test func reportedSpeechScareQuotesAndQualifiersInAHeadlineAreDistanced() throws {
        let reported = try Self.tagged(title: "Baku says Armenian forces occupied Artsakh villages")
        #expect(Self.found(reported).filter { $0.part != nil }.map { [$0.distanced ? "d" : "-", $0.speaker ?? "-"] } == [["d", "Baku"], ["d", "Baku"]])
        let scare = try Self.tagged(title: "Talks on the ‘occupied’ districts resume")
        #expect(Self.found(scare).last.map { [$0.distanced ? "d" : "-", $0.speaker ?? "-"] } == ["d", "-"])
        let qualified = try Self.tagged(title: "The self-proclaimed Artsakh votes")
        #expect(qualified.terms.last?.context.qualifier == "self-proclaimed")
        #expect(qualified.terms.last?.context.distanced == true)
        #expect(qualified.terms.last?.context.voice == .headline)
    }

    @Test func theStandfirstIsTaggedAfterTheHeadlineWithItsOwnOffsets() throws {
        let tagged = try Self.tagged(title: "Occupied Artsakh", standfirst: "Witnesses describe a massacre in Nagorno-Karabakh.")
        let standfirst = Self.found(tagged).filter { $0.part == .standfirst }
        #expect(standfirst == [Found(term: "Nagorno-Karabakh", text: "Nagorno-Karabakh", voice: .headline, part: .standfirst, start: 33, end: 49)])
        #expect(tagged.loaded.map { [$0.text, $0.context.voice.rawValue, $0.context.headlinePart?.rawValue ?? "body"] } == [["massacre", "headline", "standfirst"]])
        #expect(tagged.voiceTokens[.headline] == 2 + 6)
        #expect(Self.found(tagged).map { $0.part?.rawValue ?? "body" } == ["body", "headline", "headline", "standfirst"])
    }

    @Test func aNegatedPredicateInAHeadlineIsNegated() throws {
        let tagged = try Self.tagged(title: "Shusha was never occupied")
        #expect(tagged.terms.last?.context.negated == true)
        #expect(tagged.terms.last?.context.voice == .headline)
    }
}
