import Foundation
import Testing

/// Tagging the seeds (plain text) and the corpus pages (HTML) with the bundled lexicons,
/// through `slant analyze --json`, with exact expectations: term, family, stance, voice,
/// speaker, distanced, and code point offsets such that `text[start:end]` is the match.
/// A seed's first line is its headline, not body text, so offsets count from its first paragraph.
@Suite struct SeedTaggingTests {
    struct Tag: Equatable, CustomStringConvertible {
        var family: String
        var term: String
        var stance: String
        var text: String
        var voice: String
        var speaker: String?
        var distanced = false
        var negated = false
        var start: Int
        var end: Int
        var description: String { "\(family)/\(term)[\(stance)] “\(text)” \(voice) \(speaker ?? "-") d=\(distanced) n=\(negated) \(start)..<\(end)" }
    }

    struct Analysed {
        var line: [String: Any]
        var text: String
        /// The body's terms.
        var terms: [Tag]
        var loaded: [[String: Any]]
        /// The headline's terms (`"in": "headline"`), with offsets into `line["headline"]`.
        var headlineTerms: [Tag] = []

        func terms(_ family: String, _ text: String) -> [Tag] { terms.filter { $0.family == family && $0.text == text } }
    }

    static func tag(_ match: [String: Any]) -> Tag? {
        guard let start = match["start"] as? Int, let end = match["end"] as? Int else { return nil }
        return Tag(
            family: match["family"] as? String ?? "", term: match["term"] as? String ?? "",
            stance: match["stance"] as? String ?? "", text: match["text"] as? String ?? "",
            voice: match["voice"] as? String ?? "", speaker: match["speaker"] as? String,
            distanced: match["distanced"] as? Bool ?? false, negated: match["negated"] as? Bool ?? false,
            start: start, end: end)
    }

    static func analyse(_ path: String) throws -> Analysed {
        let result = try SlantProcess.run(["analyze", "--json", "--include-text", "--config", "pipeline.yaml", path])
        #expect(result.status == 0, "\(result.stderr)")
        let line = jsonObject(result.lines.first ?? "")
        let text = line["text"] as? String ?? ""
        let scalars = Array(text.unicodeScalars)
        let matches = line["terms"] as? [[String: Any]] ?? []
        let terms: [Tag] = matches.compactMap { match in
            guard match["comment"] == nil, match["in"] == nil, let tag = tag(match) else { return nil }
            // Offsets are code points: the slice of the body is the matched text.
            #expect(String(String.UnicodeScalarView(scalars[tag.start..<tag.end])) == tag.text)
            return tag
        }
        let headline = Array((line["headline"] as? String ?? "").unicodeScalars)
        let headlineTerms: [Tag] = matches.compactMap { match in
            guard match["in"] as? String == "headline", let tag = tag(match) else { return nil }
            #expect(String(String.UnicodeScalarView(headline[tag.start..<tag.end])) == tag.text)
            return tag
        }
        return Analysed(
            line: line, text: text, terms: terms, loaded: line["loaded"] as? [[String: Any]] ?? [], headlineTerms: headlineTerms)
    }

    // MARK: - 000, Asbarez

    @Test func seed000ArtsakhIsTheOutletsOwnAndTheConflictIsZakharovas() throws {
        let seed = try Self.analyse("corpus/text/000_09fa5d5743d8f8bc.txt")
        #expect(seed.terms("actor-labels", "Artsakh forces") == [
            Tag(family: "actor-labels", term: "Artsakh forces", stance: "armenian", text: "Artsakh forces", voice: "authorial", start: 1158, end: 1172),
        ])
        #expect(seed.terms("region-name", "Artsakh") == [
            Tag(family: "region-name", term: "Artsakh", stance: "armenian", text: "Artsakh", voice: "authorial", start: 1085, end: 1092),
            Tag(family: "region-name", term: "Artsakh", stance: "armenian", text: "Artsakh", voice: "authorial", start: 1158, end: 1165),
        ])
        #expect(seed.terms("conflict-name", "Karabakh conflict").contains(
            Tag(family: "conflict-name", term: "Karabakh conflict", stance: "neutral", text: "Karabakh conflict", voice: "quoted", speaker: "Zakharova", start: 472, end: 489)))
        #expect(seed.terms("place-varanda", "Varanda").map(\.voice) == ["authorial"])
        #expect(seed.terms("place-varanda", "Fizouli").map(\.term) == ["Fuzuli"])
        // The scrape's three reader comments (under its Discussion Policy) are comments, not the outlet's words.
        #expect((seed.line["comments"] as? [String: Int])?["count"] == 3)
        #expect(seed.line["title"] as? String == "Russia Urges Sides to Karabakh Conflict to Resume Talks")
    }

    @Test func corpusPage000TagsTheSameWaysWithOffsetsIntoTheCleanedBody() throws {
        let page = try Self.analyse("corpus/asbarez/russia-urges-sides-to-karabakh-conflict-to-resume-talks.html")
        #expect(page.line["outlet"] as? String == "Asbarez")
        #expect(page.terms("region-name", "Artsakh").map { [$0.start, $0.end] } == [[920, 927], [993, 1000]])
        #expect(page.terms("region-name", "Artsakh").allSatisfy { $0.voice == "authorial" })
        #expect(page.terms("conflict-name", "Karabakh conflict").last?.voice == "quoted")
        #expect(page.terms("conflict-name", "Karabakh conflict").last?.speaker == "Zakharova")
        // "bloodshed" in the article is only ever in Zakharova's words.
        let bloodshed = page.loaded.filter { $0["text"] as? String == "bloodshed" && $0["comment"] == nil }
        #expect(bloodshed.map { $0["voice"] as? String } == ["quoted", "quoted"])
        #expect(bloodshed.map { $0["speaker"] as? String } == ["Zakharova", "Zakharova"])
        #expect((page.line["voice_tokens"] as? [String: Int]) == ["authorial": 76, "quoted": 93, "attributed": 10, "headline": 9])
        // The headline is analysed as a text of its own, in voice `headline`, with offsets into it.
        #expect(page.line["headline"] as? String == "Russia Urges Sides to Karabakh Conflict to Resume Talks")
        #expect(page.headlineTerms == [
            Tag(family: "conflict-name", term: "Karabakh conflict", stance: "neutral", text: "Karabakh Conflict", voice: "headline", start: 22, end: 39),
            Tag(family: "region-name", term: "Karabakh", stance: "neutral", text: "Karabakh", voice: "headline", start: 22, end: 30),
        ])
    }

    // MARK: - 001, SouthFront

    @Test func seed001TheArmyLabelIsTheOutletsAndTheDetachmentsAreTheMinistrys() throws {
        let seed = try Self.analyse("corpus/text/001_25a4a03b214109cb.txt")
        #expect(seed.terms("actor-labels", "Artsakh Defense Army") == [
            // "unrecognized Artsakh Defense Army": a status qualifier distances the name (issue 13).
            Tag(family: "actor-labels", term: "Artsakh Defense Army", stance: "armenian", text: "Artsakh Defense Army", voice: "authorial",
                distanced: true, start: 551, end: 571),
        ])
        #expect(seed.terms("territorial-status", "unrecognized") == [
            Tag(family: "territorial-status", term: "unrecognized", stance: "neutral", text: "unrecognized", voice: "authorial", start: 538, end: 550),
        ])
        #expect(seed.terms("actor-labels", "illegal Armenian armed detachments") == [
            Tag(family: "actor-labels", term: "illegal Armenian armed detachments", stance: "azerbaijani", text: "illegal Armenian armed detachments",
                voice: "quoted", speaker: "the Azerbaijani MoD", start: 2051, end: 2085),
        ])
        // "the MoD said that the presence of Armenian forces in the disputed region ...": reported speech.
        #expect(seed.terms("territorial-status", "disputed").map(\.voice) == ["authorial", "attributed"])
        #expect(seed.terms("territorial-status", "disputed").last?.speaker == "the MoD")
        #expect(seed.terms("actor-labels", "Armenian forces").map(\.voice) == ["attributed", "attributed", "authorial"])
    }

    // MARK: - 002

    @Test func seed002ScareQuotesAreDistancedAndErdogansWordsAreQuoted() throws {
        let seed = try Self.analyse("corpus/text/002_e795f3c86baf4638.txt")
        let occupied = seed.terms("territorial-status", "occupied")
        #expect(occupied.first == Tag(
            family: "territorial-status", term: "occupied", stance: "azerbaijani", text: "occupied", voice: "authorial", distanced: true,
            start: 1707, end: 1715))
        #expect(occupied.dropFirst().first == Tag(
            family: "territorial-status", term: "occupied", stance: "azerbaijani", text: "occupied", voice: "quoted", speaker: "Erdogan",
            start: 1908, end: 1916))
        #expect(seed.terms("actor-labels", "Armenian forces").first?.voice == "attributed")
        #expect(seed.terms("actor-labels", "Armenian forces").first?.speaker == "Baku")
    }

    @Test func corpusPage002KeepsTheCommentsApart() throws {
        let page = try Self.analyse("corpus/outlet-c/violence-continues-in-nagorno-karabakh.html")
        // In the page, only the article is body text: the commenters' "occupied" are comment voice.
        #expect(page.terms("territorial-status", "occupied").map(\.voice) == ["authorial", "quoted"])
        let terms = page.line["terms"] as? [[String: Any]] ?? []
        let commentOccupied = terms.filter { $0["term"] as? String == "occupied" && $0["comment"] != nil }
        #expect(!commentOccupied.isEmpty)
        #expect(commentOccupied.allSatisfy { $0["voice"] as? String == "comment" })
        let comments = page.line["comment_texts"] as? [String] ?? []
        for match in commentOccupied {
            let comment = Array(comments[match["comment"] as? Int ?? 0].unicodeScalars)
            let start = match["start"] as? Int ?? 0
            let end = match["end"] as? Int ?? 0
            #expect(String(String.UnicodeScalarView(comment[start..<end])) == match["text"] as? String)
        }
    }

    // MARK: - 003, Mail Online

    @Test func seed003SeparatistsAndOccupyAreTheOutletsOwn() throws {
        let seed = try Self.analyse("corpus/text/003_788ac0297a8b96ff.txt")
        #expect(seed.terms("actor-labels", "separatists") == [
            Tag(family: "actor-labels", term: "separatists", stance: "azerbaijani", text: "separatists", voice: "authorial", start: 2579, end: 2590),
        ])
        #expect(seed.terms("territorial-status", "occupy") == [
            Tag(family: "territorial-status", term: "occupied", stance: "azerbaijani", text: "occupy", voice: "authorial", start: 3876, end: 3882),
        ])
        #expect(seed.terms("actor-labels", "Armenian forces").map(\.voice) == ["attributed", "attributed", "authorial"])
        #expect(seed.terms("actor-labels", "Armenian forces").first?.speaker == "Baku")
        #expect(seed.terms("actor-labels", "ethnic Armenian forces").map(\.voice) == ["authorial"])
        #expect(seed.terms("region-name", "Karabakh").contains { $0.voice == "attributed" && $0.speaker == "Baku" })
    }

    // MARK: - 004

    @Test func seed004PashiniansQuotesAndAliyevsDemand() throws {
        let seed = try Self.analyse("corpus/text/004_cb372d90f576539b.txt")
        let karabakh = seed.terms("region-name", "Nagorno-Karabakh")
        #expect(karabakh.filter { $0.voice == "quoted" }.map(\.speaker) == ["Pashinian", "Pashinian"])
        // "there is no Armenia without Nagorno-Karabakh": names are never negated (issue 13).
        #expect(karabakh.filter { $0.voice == "quoted" }.map(\.negated) == [false, false])
        #expect(seed.terms("actor-labels", "Armenian forces").first?.speaker == "Ilham Aliyev")
        #expect(seed.terms("actor-labels", "Armenian ethnic forces").map(\.term) == ["ethnic Armenian forces"])
    }
}
