import SlantCore
import SlantTag
import SlantText
import Testing

@Suite struct MatcherTests {
    static let lexicon: Lexicon = {
        let yaml = """
            lexicon: test
            kind: terminology
            version: 1
            options: {diacritics: insensitive}
            stances: {armenian: A, azerbaijani: B, neutral: N}
            families:
              - id: region-name
                terms:
                  - term: Artsakh
                    stance: armenian
                    variants: [Artsakh, Republic of Artsakh, Арцах*]
                    not_before: [Defense Army, Defence Army]
                  - term: Nagorno-Karabakh
                    stance: neutral
                    variants: [Nagorno-Karabakh, Nagorny Karabakh, Нагорн* Карабах*]
                  - term: Karabakh
                    stance: neutral
                    variants: [Karabakh]
                  - term: Daghlig Garabagh
                    stance: azerbaijani
                    variants: [Dağlıq Qarabağ]
              - id: territorial-status
                terms:
                  - term: occupied
                    stance: azerbaijani
                    variants: [occupied, occupation, occupiers, occupy]
                    not_after: [American]
                  - term: disputed
                    stance: neutral
                    not_before: [the claim, claims]
              - id: actor-labels
                terms:
                  - term: Artsakh Defense Army
                    stance: armenian
                    variants: [Artsakh Defense Army, Artsakh Defence Army]
                  - term: separatists
                    stance: azerbaijani
                    variants: [separatis*]
            """
        do {
            return try LexiconLoader.parse(yaml: yaml, path: "test.yaml")
        } catch {
            Issue.record("\(error)")
            return Lexicon(id: "x", kind: .terminology, version: 1, path: "", digest: ContentDigest(hex: ""))
        }
    }()

    struct Found: Equatable, CustomStringConvertible {
        var family: String
        var term: String
        var text: String
        var description: String { "\(family)/\(term)=\(text)" }
    }

    private func terms(_ text: String) throws -> [Found] {
        let layer = SegmentStage.segment(text, blocks: SegmentStage.paragraphRanges(text))
        let article = Article(source: SourceLocator(path: "t"), metadata: DocumentMetadata(), body: text, blocks: [])
        let tagged = try TagStage(lexicons: [Self.lexicon]).process(SegmentedArticle(article: article, body: layer, comments: []))
        for match in tagged.terms {
            let bytes = Array(text.utf8)
            #expect(String(decoding: bytes[match.context.start..<match.context.end], as: UTF8.self) == match.text)
        }
        return tagged.terms.map { Found(family: $0.family, term: $0.term, text: $0.text) }
    }

    @Test func longestMatchWinsWithinAFamily() throws {
        #expect(try terms("The Republic of Artsakh and Nagorno-Karabakh, not just Karabakh.") == [
            Found(family: "region-name", term: "Artsakh", text: "Republic of Artsakh"),
            Found(family: "region-name", term: "Nagorno-Karabakh", text: "Nagorno-Karabakh"),
            Found(family: "region-name", term: "Karabakh", text: "Karabakh"),
        ])
    }

    @Test func familiesAreIndependentAndContextRulesOutFalseFriends() throws {
        // "Artsakh" before "Defense Army" is ruled out of region-name; the army is an actor label.
        #expect(try terms("The Artsakh Defense Army fired.") == [
            Found(family: "actor-labels", term: "Artsakh Defense Army", text: "Artsakh Defense Army"),
        ])
        #expect(try terms("He disputed the claim. The disputed region. American occupation and Armenian occupation.") == [
            Found(family: "territorial-status", term: "disputed", text: "disputed"),
            Found(family: "territorial-status", term: "occupied", text: "occupation"),
        ])
    }

    @Test func hyphenSpaceDashCaseAndPossessiveAreOneSpelling() throws {
        #expect(try terms("NAGORNO KARABAKH; nagorno–karabakh; Nagorno‑Karabakh’s; Nagorny-Karabakh's people").map(\.text) == [
            "NAGORNO KARABAKH", "nagorno–karabakh", "Nagorno‑Karabakh", "Nagorny-Karabakh",
        ])
    }

    @Test func punctuationBreaksAMultiwordMatch() throws {
        #expect(try terms("Nagorno. Karabakh").map(\.term) == ["Karabakh"])
    }

    @Test func prefixesCatchInflectionsInAnyScript() throws {
        #expect(try terms("Armenian separatists and separatism. Арцаха и Нагорного Карабаха.") == [
            Found(family: "actor-labels", term: "separatists", text: "separatists"),
            Found(family: "actor-labels", term: "separatists", text: "separatism"),
            Found(family: "region-name", term: "Artsakh", text: "Арцаха"),
            Found(family: "region-name", term: "Nagorno-Karabakh", text: "Нагорного Карабаха"),
        ])
    }

    @Test func diacriticsFoldWhenTheLexiconSaysSo() throws {
        #expect(try terms("Dağlıq Qarabağ or Daglig Qarabag or Daglıq Qarabag").map(\.text) == [
            "Dağlıq Qarabağ", "Daglıq Qarabag",
        ])
    }

    @Test func offsetsAreCodePointsInAnalyzeOutput() throws {
        let text = "Արցախ — Republic of Artsakh"
        let found = try terms(text)
        #expect(found.map(\.text) == ["Republic of Artsakh"])
        let layer = SegmentStage.segment(text, blocks: SegmentStage.paragraphRanges(text))
        #expect(layer.tokens.count == 5)
        let index = CodePointIndex(text)
        #expect(index.codePointOffset(Array(text.utf8).count) == 27)
    }

    @Test func aLexiconOfThousandsOfPatternsStillTagsCorrectly() throws {
        var yaml = "lexicon: big\nkind: loaded\nversion: 1\ncategories:\n  - id: c\n    entries:\n"
        for index in 0..<5000 { yaml += "      - word\(index) filler\n" }
        yaml += "      - bloodshed\n"
        let big = try LexiconLoader.parse(yaml: yaml, path: "big.yaml")
        let text = "Stop the bloodshed, said word42 filler and word4999 filler."
        let layer = SegmentStage.segment(text, blocks: SegmentStage.paragraphRanges(text))
        let article = Article(source: SourceLocator(path: "t"), metadata: DocumentMetadata(), body: text, blocks: [])
        let tagged = try TagStage(lexicons: [big]).process(SegmentedArticle(article: article, body: layer, comments: []))
        #expect(tagged.loaded.map(\.entry) == ["bloodshed", "word42 filler", "word4999 filler"])
    }
}

@Suite struct ContextWordTests {
    static func loaded(_ entries: String, _ text: String) throws -> [String] {
        let yaml = "lexicon: t\nkind: loaded\nversion: 1\ncategories:\n  - id: c\n    entries: \(entries)\n"
        let lexicon = try LexiconLoader.parse(yaml: yaml, path: "t.yaml")
        let layer = SegmentStage.segment(text, blocks: SegmentStage.paragraphRanges(text))
        let article = Article(source: SourceLocator(path: "t"), metadata: DocumentMetadata(), body: text, blocks: [])
        let tagged = try TagStage(lexicons: [lexicon]).process(SegmentedArticle(article: article, body: layer, comments: []))
        return tagged.loaded.map(\.text)
    }

    @Test func contextWordsAreRequiredButNotPartOfTheMatch() throws {
        #expect(try Self.loaded("[\"claims [that]\"]", "He claims that the vote was rigged. Territorial claims over the region.") == ["claims"])
        #expect(try Self.loaded("[\"[so] called\"]", "the so called experts were called in") == ["called"])
        #expect(try Self.loaded("[\"[war] on [terror]\"]", "the war on terror and the war on drugs") == ["on"])
    }

    @Test func contextWordsStayAvailableToOtherEntries() throws {
        #expect(try Self.loaded("[\"slammed [the]\", \"the rigged\"]", "Critics slammed the rigged vote") == ["slammed", "the rigged"])
    }

    @Test func malformedContextIsRefused() {
        for (pattern, reason) in [
            ("[claims", "`[` is not closed"), ("claims]", "`]` without `[` or with no words inside"),
            ("[that]", "the pattern has only context words: put the matched words outside `[...]`"),
            ("a [b] c", "context words in `[...]` may only open or close a pattern, once each"),
        ] {
            do {
                _ = try LexiconLoader.parse(yaml: "lexicon: t\nkind: loaded\nversion: 1\ncategories:\n  - id: c\n    entries: [\"\(pattern)\"]\n", path: "t.yaml")
                Issue.record("accepted \(pattern)")
            } catch {
                #expect(error.errors.first?.message == "malformed pattern `\(pattern)`: \(reason)")
            }
        }
    }
}

@Suite struct HyphenatedWordTests {
    @Test func matchesCoverWholeHyphenatedWords() throws {
        #expect(try ContextWordTests.loaded("[\"[price] gouging\"]", "Price-gouging and price gouging") == ["Price-gouging", "gouging"])
        #expect(try ContextWordTests.loaded("[called]", "the so-called experts called it") == ["called"])
        #expect(try ContextWordTests.loaded("[\"Armenian forces\"]", "pro-Armenian forces and Armenian forces") == ["Armenian forces"])
    }
}
