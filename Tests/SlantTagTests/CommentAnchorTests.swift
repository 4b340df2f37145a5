import Foundation
import SlantCore
import SlantTag
import SlantText
import Testing

/// Reader comments are texts of their own (lexicon version 3): a generic status, actor or event
/// word counts in a comment only where an anchor of the conflict stands near it in the same
/// sentence; the article body needs none. And the distancing constructions "Armenia calls it
/// Artsakh", "the town that Armenians call Shushi", "Baku refers to it as Khankendi", with a
/// first-person subject ("we call it Artsakh") adopting the name instead.
///
/// Every sentence was written for these tests; each expected tag gives the family, term,
/// stance, text, voice, distanced flag, comment index and UTF-8 offsets in its text.
@Suite struct CommentAnchorTests {
    /// One tag as the tests compare it.
    struct Tag: Equatable, CustomStringConvertible {
        var family: String
        var term: String
        var stance: String
        var text: String
        var voice: Voice
        var distanced: Bool
        var comment: Int?
        var start: Int
        var end: Int

        var description: String {
            "\(family)/\(term)[\(stance)] “\(text)” \(voice.rawValue)\(distanced ? " distanced" : "") comment \(comment.map(String.init) ?? "-") \(start)..<\(end)"
        }
    }

    static let tagger: TagStage = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = "lexicons/karabakh.yaml"
        let yaml = (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
        return TagStage(lexicons: (try? LexiconLoader.parse(yaml: yaml, path: path)).map { [$0] } ?? [])
    }()

    /// The terminology tags of an article with this body and these reader comments.
    static func tags(body: String = "", comments: [String] = [], published: String = "2023-10-01") throws -> [Tag] {
        let blocks = SegmentStage.paragraphRanges(body).map { TextBlock(kind: .paragraph, start: $0.0, end: $0.1) }
        let article = Article(
            source: SourceLocator(path: "t.txt"), metadata: DocumentMetadata(published: published), body: body, blocks: blocks,
            comments: comments.map { Comment(author: nil, text: $0) })
        let tagged = try tagger.process(try SegmentStage().process(article))
        return tagged.terms.map { match in
            Tag(
                family: match.family, term: match.term, stance: match.stance, text: match.text, voice: match.context.voice,
                distanced: match.context.distanced, comment: match.context.comment, start: match.context.start,
                end: match.context.end)
        }
    }

    static func tag(
        _ family: String, _ term: String, _ stance: String, _ text: String, _ start: Int, voice: Voice = .comment, distanced: Bool = false,
        comment: Int? = 0
    ) -> Tag {
        Tag(
            family: family, term: term, stance: stance, text: text, voice: voice, distanced: distanced, comment: comment, start: start,
            end: start + text.utf8.count)
    }

    @Test func theLexiconLoads() {
        #expect(Self.tagger.lexicons.map(\.lexicon.id) == ["karabakh-terminology"])
        #expect(Self.tagger.lexicons.first?.lexicon.version == 3)
    }

    // MARK: - A1: comments about other wars

    @Test(arguments: [
        "Canada and the USA committed genocide against the native peoples.",
        "Wales is occupied by England, and so is Gibraltar.",
        "Turkey should leave the occupied areas in Syria.",
        // An anchor in the sentence, but ten words away, in another clause.
        "NATO funds radicals in Azerbaijan and in other places so that they can carry out a genocidal program against Iranians.",
        // An anchor in the comment, but in another sentence.
        "Armenia is a small country. Tibet has been occupied for seventy years.",
        "The mercenaries in Libya were paid by the Gulf states.",
    ])
    func aGenericTermInACommentWithoutAnAnchorNearbyIsNotCounted(_ comment: String) throws {
        #expect(try Self.tags(comments: [comment]) == [])
    }

    @Test func aGenericTermCountsInACommentNearAnAnchor() throws {
        let comment = "What Aliyev did in Artsakh was genocide."
        #expect(
            try Self.tags(comments: [comment]) == [
                Self.tag("region-name", "Artsakh", "armenian", "Artsakh", 19),
                Self.tag("event-framing", "genocide", "armenian", "genocide", 31),
            ])
    }

    @Test func anAnchorInsideTheMatchIsEnough() throws {
        #expect(
            try Self.tags(comments: ["Stop the Azerbaijani aggression now."]) == [
                Self.tag("event-framing", "Azerbaijani aggression", "armenian", "Azerbaijani aggression", 9)
            ])
    }

    @Test func theAnchorWindowIsEightWordsEitherSide() throws {
        // "Armenians" eight words before "occupied": counted; nine words before: not.
        let near = "Armenians say the land up there is still being occupied today."
        let far = "Armenians say that the land up there is still being occupied today."
        #expect(try Self.tags(comments: [near]) == [Self.tag("territorial-status", "occupied", "azerbaijani", "occupied", 47)])
        #expect(try Self.tags(comments: [far]) == [])
    }

    @Test func eachCommentIsItsOwnTextAndTheBodyNeedsNoAnchor() throws {
        let sentence = "The occupied areas were returned in 2020."
        let found = try Self.tags(body: sentence, comments: ["Karabakh is home.", sentence])
        #expect(
            found == [
                Self.tag("territorial-status", "occupied", "azerbaijani", "occupied", 4, voice: .authorial, comment: nil),
                Self.tag("region-name", "Karabakh", "neutral", "Karabakh", 0),
            ])
    }

    @Test func aRussianCommentIsAnchoredByACaseForm() throws {
        #expect(
            try Self.tags(comments: ["Армяне говорят, что земли оккупированы.", "Земли оккупированы уже давно."]) == [
                Self.tag("territorial-status", "occupied", "azerbaijani", "оккупированы", 47)
            ])
    }

    // MARK: - A4: distancing constructions

    @Test(arguments: [
        ("Armenia calls it Artsakh.", "Artsakh", 17),
        ("Armenians have always called it Artsakh.", "Artsakh", 32),
        ("Yerevan refers to it as Artsakh.", "Artsakh", 24),
        ("Армяне называют его Арцахом.", "Арцахом", 37),
        ("Регион, который армяне называют Арцахом, опустел.", "Арцахом", 59),
    ])
    func aNameThatAPartyCallsItIsDistanced(_ text: String, _ name: String, _ start: Int) throws {
        #expect(
            try Self.tags(body: text) == [
                Self.tag("region-name", "Artsakh", "armenian", name, start, voice: .authorial, distanced: true, comment: nil)
            ])
    }

    @Test func aRelativeClauseNamingThePlaceIsDistanced() throws {
        #expect(
            try Self.tags(body: "Shelling hit the town that Armenians call Shushi.") == [
                Self.tag("place-shushi", "Shushi", "armenian", "Shushi", 42, voice: .authorial, distanced: true, comment: nil)
            ])
        #expect(
            try Self.tags(body: "Refugees left the city which Azerbaijan calls Khankendi.") == [
                Self.tag("place-stepanakert", "Khankendi", "azerbaijani", "Khankendi", 46, voice: .authorial, distanced: true, comment: nil)
            ])
        #expect(
            try Self.tags(body: "Refugees left the city known to Azerbaijanis as Khankendi.") == [
                Self.tag("place-stepanakert", "Khankendi", "azerbaijani", "Khankendi", 48, voice: .authorial, distanced: true, comment: nil)
            ])
    }

    @Test func aCallForSomethingIsNotDistancing() throws {
        #expect(
            try Self.tags(body: "Armenians call for the defence of Artsakh.") == [
                Self.tag("region-name", "Artsakh", "armenian", "Artsakh", 34, voice: .authorial, comment: nil)
            ])
    }

    @Test func aFirstPersonSubjectAdoptsTheName() throws {
        #expect(
            try Self.tags(comments: ["We call it Artsakh and always will.", "They call it Artsakh."]) == [
                Self.tag("region-name", "Artsakh", "armenian", "Artsakh", 11),
                Self.tag("region-name", "Artsakh", "armenian", "Artsakh", 13, distanced: true, comment: 1),
            ])
    }

    // MARK: - The format

    private static func errors(_ yaml: String) -> [String] {
        do {
            _ = try LexiconLoader.parse(yaml: yaml, path: "t.yaml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    private static func lexicon(anchors: String, context: String) -> String {
        """
        lexicon: t
        kind: terminology
        version: 1
        stances: {a: A}
        \(anchors)
        families:
          - id: f
            context: \(context)
            terms:
              - term: occupied
                stance: a
                variants: [occupied]
        """
    }

    @Test func anchorRequirementsAreReadAndMalformedOnesRefused() throws {
        let good = try LexiconLoader.parse(yaml: Self.lexicon(anchors: "anchors: [Karabakh, Armenia*]", context: "{comment: {anchor_within: 3}}"), path: "t.yaml")
        #expect(good.anchors.map(\.text) == ["Karabakh", "Armenia*"])
        #expect(good.families.first?.requirement.commentAnchorWithin == 3)
        #expect(
            Self.errors(Self.lexicon(anchors: "", context: "{comment: {anchor_within: 3}}")) == [
                "t.yaml:8:40: error: `anchor_within` needs the lexicon's `anchors:` (the words that tie a sentence to its topic)"
            ])
        #expect(
            Self.errors(Self.lexicon(anchors: "anchors: [Karabakh]", context: "{comment: {anchor_within: 0}}")).count == 1)
        #expect(
            Self.errors(Self.lexicon(anchors: "anchors: [Karabakh]", context: "{comment: {anchor_within: 51}}")) == [
                "t.yaml:8:40: error: `anchor_within` is at most 50 words"
            ])
        #expect(
            Self.errors(Self.lexicon(anchors: "anchors: [Karabakh]", context: "{comment: {}}")) == [
                "t.yaml:8:24: error: `comment` needs `anchor_within:` (words either side)"
            ])
        #expect(Self.errors(Self.lexicon(anchors: "anchors: []", context: "{published: {from: 2020-01-01}}")).isEmpty == false)
    }
}
