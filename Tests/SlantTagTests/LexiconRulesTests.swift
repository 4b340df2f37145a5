import SlantCore
import SlantTag
import SlantText
import Testing

/// The lexicon rules of issue 13 (qualifiers, context requirements, one family per span,
/// negatable families) and the bounds `lexicon check` enforces (issues 11 and 17).
@Suite struct LexiconRulesTests {
    static let yaml = """
        lexicon: rules
        kind: terminology
        version: 1
        stances: {a: side A, b: side B, n: neutral}
        qualifiers:
          before: [so-called, "what ... call*"]
          after: ["as ... call* it"]
        families:
          - id: region
            share_spans: true
            qualifiers:
              before: [self-proclaimed]
            terms:
              - term: Artsakh
                stance: a
                variants: [Artsakh, NKR]
              - term: Karabakh
                stance: n
          - id: status
            negatable: true
            terms:
              - term: so-called regime
                stance: b
                variants: ["so-called regime", "so-called NKR"]
              - term: separatist region
                stance: b
              - term: occupied
                stance: b
                variants: [occupied, occupation]
              - term: self-proclaimed
                stance: n
          - id: actors
            qualifiers: {inherit: false}
            terms:
              - term: separatists
                stance: b
                variants: [separatis*]
          - id: events
            negatable: true
            context:
              published: {from: 2022-12-01}
              sentence:
                not_near: ["1990s"]
            terms:
              - term: blockade
                stance: a
              - term: genocide
                stance: a
                context:
                  paragraph:
                    not_near: [Khojaly]
              - term: corridor closure
                stance: n
                context:
                  sentence:
                    near: [Lachin]
        """

    static let lexicon: Lexicon? = try? LexiconLoader.parse(yaml: yaml, path: "rules.yaml")

    struct Found: Equatable, CustomStringConvertible {
        var family: String
        var text: String
        var distanced = false
        var negated = false
        var qualifier: String?
        var description: String { "\(family)=\(text)\(distanced ? " d(\(qualifier ?? "-"))" : "")\(negated ? " n" : "")" }
    }

    private func terms(_ text: String, published: String? = nil) throws -> [Found] {
        let lexicon = try #require(Self.lexicon)
        let blocks = SegmentStage.paragraphRanges(text).map { TextBlock(kind: .paragraph, start: $0.0, end: $0.1) }
        let article = Article(source: SourceLocator(path: "t"), metadata: DocumentMetadata(published: published), body: text, blocks: blocks)
        let tagged = try TagStage(lexicons: [lexicon]).process(try SegmentStage().process(article))
        return tagged.terms.map {
            Found(family: $0.family, text: $0.text, distanced: $0.context.distanced, negated: $0.context.negated, qualifier: $0.context.qualifier)
        }
    }

    @Test func qualifiersAreReadAndInherited() throws {
        let lexicon = try #require(Self.lexicon)
        #expect(lexicon.qualifiers.before.map(\.text) == ["so-called", "what ... call*"])
        #expect(lexicon.families.map { $0.qualifiers.before.map(\.text) } == [
            ["so-called", "what ... call*", "self-proclaimed"], ["so-called", "what ... call*"], [], ["so-called", "what ... call*"],
        ])
        #expect(lexicon.families.map(\.negatable) == [false, true, false, true])
        #expect(lexicon.families.map(\.sharesSpans) == [true, false, false, false])
        #expect(lexicon.families[3].requirement.published == Lexicon.DateRange(from: 20221201))
    }

    @Test func aQualifiedNameIsDistancedAndTheQualifierIsKept() throws {
        #expect(try terms("The self-proclaimed NKR voted.") == [
            Found(family: "status", text: "self-proclaimed"),
            Found(family: "region", text: "NKR", distanced: true, qualifier: "self-proclaimed"),
        ])
        #expect(try terms("The road to what Armenians call Artsakh.") == [
            Found(family: "region", text: "Artsakh", distanced: true, qualifier: "what Armenians call"),
        ])
        #expect(try terms("Artsakh, as Armenians call it, is mountainous.") == [
            Found(family: "region", text: "Artsakh", distanced: true, qualifier: "as Armenians call it"),
        ])
        #expect(try terms("The so-called 'Artsakh' voted.") == [
            Found(family: "region", text: "Artsakh", distanced: true, qualifier: "so-called"),
        ])
        // A gap is one to four words, no more.
        #expect(try terms("What the many very different people call Artsakh.") == [Found(family: "region", text: "Artsakh")])
        #expect(try terms("Artsakh voted.") == [Found(family: "region", text: "Artsakh")])
        // `inherit: false`: the actors family has no qualifiers.
        #expect(try terms("The so-called separatists.") == [Found(family: "actors", text: "separatists")])
    }

    @Test func aQualifierThatIsATermStaysTaggedBesideTheDistancedName() throws {
        #expect(try terms("The so-called NKR voted.") == [
            Found(family: "status", text: "so-called NKR"),
            Found(family: "region", text: "NKR", distanced: true, qualifier: "so-called"),
        ])
    }

    @Test func aSpanCountsInOneFamilyUnlessAFamilySharesSpans() throws {
        #expect(try terms("The separatist region voted.") == [Found(family: "status", text: "separatist region")])
        #expect(try terms("Separatists voted.") == [Found(family: "actors", text: "Separatists")])
    }

    @Test func contextRequirementsUseTheSentenceTheParagraphAndTheDate() throws {
        #expect(try terms("The blockade began.", published: "2023-01-05") == [Found(family: "events", text: "blockade")])
        #expect(try terms("The blockade began.", published: "2021-01-05").isEmpty)
        #expect(try terms("The blockade began.").isEmpty)  // undated: left out
        #expect(try terms("The blockade of the 1990s ended.", published: "2023-01-05").isEmpty)
        #expect(try terms("It was genocide.", published: "2023-01-05") == [Found(family: "events", text: "genocide")])
        #expect(try terms("Khojaly is remembered. It was genocide.", published: "2023-01-05").isEmpty)
        #expect(try terms("Khojaly is remembered.\n\nIt was genocide.", published: "2023-01-05") == [Found(family: "events", text: "genocide")])
        #expect(try terms("The corridor closure hurt Lachin.", published: "2023-01-05") == [Found(family: "events", text: "corridor closure")])
        #expect(try terms("The corridor closure hurt.", published: "2023-01-05").isEmpty)
    }

    @Test func onlyNegatableFamiliesAreNegated() throws {
        #expect(try terms("It was not occupied. It is not Artsakh.") == [
            Found(family: "status", text: "occupied", negated: true),
            Found(family: "region", text: "Artsakh"),
        ])
    }

    @Test func hyphenatedCompoundsOfNamesAreFound() throws {
        #expect(try terms("The Goris-Karabakh road and the Karabakh-Goris road and pro-Karabakh forces.") == [
            Found(family: "region", text: "Karabakh"), Found(family: "region", text: "Karabakh"),
        ])
        #expect(try terms("The Karabakh-based group.") == [Found(family: "region", text: "Karabakh")])
        #expect(try terms("NKR-in rəhbərləri.") == [Found(family: "region", text: "NKR")])
        #expect(try terms("The Karabakhgoris road.").isEmpty)
    }

    // MARK: - lexicon check

    private func errors(_ yaml: String) -> [String] {
        do {
            _ = try LexiconLoader.parse(yaml: yaml, path: "lex.yaml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    private static func terminology(family: String = "f", stance: String = "a", extra: String = "", term: String = "") -> String {
        """
        lexicon: t
        kind: terminology
        version: 1
        stances: {\(stance): A}
        families:
          - id: \(family)
        \(extra)    terms:
              - term: X
                stance: \(stance)
        \(term)
        """
    }

    @Test func malformedQualifiersAndRequirementsAreRefused() {
        #expect(errors(Self.terminology(extra: "    qualifiers: {before: [\"... call*\"], around: [x]}\n")) == [
            "lex.yaml:7:27: error: malformed pattern `... call*`: a gap `...` must stand between two words",
            "lex.yaml:7:41: error: unknown key `around` in `qualifiers`; expected one of: before, after, not_after, inherit",
        ])
        #expect(errors(Self.terminology(term: "        variants: [\"what ... call\"]")) == [
            "lex.yaml:10:20: error: malformed pattern `what ... call`: `...` (a gap of words) is allowed only in qualifiers",
        ])
        let flags: [String] = errors(Self.terminology(extra: "    negatable: maybe\n    context: {published: {from: 2023-13-01}, sentence: {close: [x]}}\n"))
        #expect(flags == [
            "lex.yaml:7:16: error: `negatable` must be `true` or `false`; found the scalar `maybe`",
            "lex.yaml:8:26: error: `published` needs `from:` or `to:` (a date written YYYY-MM-DD)",
            "lex.yaml:8:33: error: `from` must be a date written YYYY-MM-DD; found `2023-13-01`",
            "lex.yaml:8:57: error: unknown key `close` in `sentence`; expected one of: near, not_near",
        ])
        let dates: [String] = errors(Self.terminology(extra: "    context: {published: {from: 2024-01-01, to: 2023-01-01, undated: maybe}}\n"))
        #expect(dates == [
            "lex.yaml:7:26: error: `published` runs from a later date to an earlier one",
            "lex.yaml:7:70: error: `undated` must be `include` or `exclude`",
        ])
    }

    @Test func idsWithForbiddenCharactersAreRefused() {
        #expect(errors(Self.terminology(family: "region name")) == [
            "lex.yaml:6:9: error: family id `region name` has the character U+0020; ids are ASCII letters, digits, `-`, `_` and `.`",
        ])
        #expect(errors(Self.terminology(family: "region/name")) == [
            "lex.yaml:6:9: error: family id `region/name` has the character `/`; ids are ASCII letters, digits, `-`, `_` and `.`",
        ])
        #expect(errors(Self.terminology(stance: "arménien")) == [
            "lex.yaml:4:11: error: stance id `arménien` has the character `é`; ids are ASCII letters, digits, `-`, `_` and `.`",
        ])
        #expect(errors(Self.terminology(family: "-region")) == ["lex.yaml:6:9: error: family id `-region` must start with a letter or a digit"])
        #expect(errors(Self.terminology().replacingOccurrences(of: "lexicon: t", with: "lexicon: \(String(repeating: "x", count: 65))")) == [
            "lex.yaml:1:10: error: the lexicon id `\(String(repeating: "x", count: 65))` is 65 characters long; at most 64 are allowed",
        ])
        #expect(errors(Self.terminology().replacingOccurrences(of: "term: X", with: "term: \"X\\u202E\"")) == [
            "lex.yaml:8:9: error: term `X\u{202E}` has no `variants:` and is not a pattern itself: unexpected `\u{202E}` (patterns are words, with `*` only at the end of a word and `[...]` around context words)",
            "lex.yaml:8:15: error: a term `X\u{202E}` has the invisible character U+202E; names may not hold control or formatting characters",
        ])
        #expect(errors("lexicon: l\nkind: loaded\nversion: 1\ncategories:\n  - id: \"bad id\"\n    entries: [x]\n") == [
            "lex.yaml:5:9: error: category id `bad id` has the character U+0020; ids are ASCII letters, digits, `-`, `_` and `.`",
        ])
        #expect(errors(Self.terminology(family: "war-1990s_name.v2")).isEmpty)
    }

    @Test func weightsAreBounded() {
        let loaded = { (weight: String) in "lexicon: l\nkind: loaded\nversion: 1\ncategories:\n  - id: c\n    entries:\n      - entry: x\n        weight: \(weight)\n" }
        #expect(errors(loaded("1e308")) == ["lex.yaml:8:17: error: `weight` must be a number greater than 0 and at most 100; found the scalar `1e308`"])
        #expect(errors(loaded(".nan")) == ["lex.yaml:8:17: error: `weight` must be a number greater than 0 and at most 100; found the scalar `.nan`"])
        #expect(errors(loaded("0")) == ["lex.yaml:8:17: error: `weight` must be a number greater than 0 and at most 100; found the scalar `0`"])
        #expect(errors(loaded("100")).isEmpty)
        #expect(errors(loaded("0.5")).isEmpty)
    }

    @Test func variantLengthIsBounded() {
        let long = Array(repeating: "word", count: 13).joined(separator: " ")
        #expect(errors(Self.terminology(term: "        variants: [\"\(long)\"]")) == [
            "lex.yaml:10:20: error: malformed pattern `\(long)`: the pattern has 13 words; at most 12 are allowed",
        ])
        let huge = Array(repeating: "word", count: 10_000).joined(separator: " ")
        let message = errors(Self.terminology(term: "        variants: [\"\(huge)\"]")).first ?? ""
        #expect(message.hasSuffix("the pattern is 49999 characters long; at most 200 are allowed"))
        #expect(errors(Self.terminology(term: "        not_before: [\"\(long)\"]")).count == 1)
    }

    @Test func duplicateKeysAreLocatedInLexicons() {
        #expect(errors("lexicon: t\nkind: loaded\nversion: 1\nversion: 2\n") == [
            "lex.yaml:4:1: error: key `version` appears twice in the same mapping (first at line 3)",
        ])
    }
}
