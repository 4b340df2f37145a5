import SlantCore
import SlantTag
import Testing

@Suite struct LexiconLoaderTests {
    static let valid = """
        lexicon: test-terms
        kind: terminology
        version: 2
        language: [en, ru]
        options: {diacritics: insensitive}
        stances:
          armenian: Armenian usage
          neutral: international usage
        families:
          - id: region-name
            question: What is the region called?
            terms:
              - term: Artsakh
                stance: armenian
                variants: [Artsakh, "Republic of Artsakh", Арцах*]
                source: constitution
              - term: Nagorno-Karabakh
                stance: neutral
                variants: [Nagorno-Karabakh, Nagorny Karabakh]
        """

    private func errors(_ yaml: String) -> [String] {
        do {
            _ = try LexiconLoader.parse(yaml: yaml, path: "lex.yaml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func readsATerminologyLexicon() throws {
        let lexicon = try LexiconLoader.parse(yaml: Self.valid, path: "lex.yaml")
        #expect(lexicon.id == "test-terms")
        #expect(lexicon.kind == .terminology)
        #expect(lexicon.version == 2)
        #expect(lexicon.languages == ["en", "ru"])
        #expect(lexicon.diacriticsInsensitive)
        #expect(lexicon.stances.map(\.id) == ["armenian", "neutral"])
        #expect(lexicon.families.map(\.id) == ["region-name"])
        let artsakh = try #require(lexicon.families.first?.terms.first)
        #expect(artsakh.variants.map(\.words) == [
            [PatternWord("artsakh")], [PatternWord("republic"), PatternWord("of"), PatternWord("artsakh")],
            [PatternWord("арцах", isPrefix: true)],
        ])
        #expect(lexicon.families[0].terms[1].variants.map(\.words) == [
            [PatternWord("nagorno"), PatternWord("karabakh")], [PatternWord("nagorny"), PatternWord("karabakh")],
        ])
        #expect(lexicon.digest == ContentDigest(of: Array(Self.valid.utf8)))
    }

    @Test func refusesADuplicateVariantWithinAFamily() {
        let yaml = Self.valid.replacingOccurrences(of: "[Nagorno-Karabakh, Nagorny Karabakh]", with: "[Nagorno-Karabakh, republic of ARTSAKH]")
        #expect(errors(yaml) == [
            "lex.yaml:19:38: error: variant `republic of ARTSAKH` of `Nagorno-Karabakh` is already a variant of `Artsakh` in family `region-name`",
        ])
    }

    @Test func hyphenAndSpaceAreTheSameVariant() {
        let yaml = Self.valid.replacingOccurrences(of: "[Nagorno-Karabakh, Nagorny Karabakh]", with: "[Nagorno-Karabakh, Nagorno Karabakh]")
        #expect(errors(yaml) == ["lex.yaml:19:38: error: variant `Nagorno Karabakh` is listed twice for `Nagorno-Karabakh`"])
    }

    @Test func refusesAnUnknownStance() {
        let yaml = Self.valid.replacingOccurrences(of: "stance: neutral", with: "stance: nuetral")
        #expect(errors(yaml) == ["lex.yaml:18:17: error: unknown stance `nuetral`; declared stances: armenian, neutral"])
    }

    @Test func refusesAnEmptyFamily() {
        let yaml = Self.valid + "\n  - id: actors\n    terms: []\n"
        #expect(errors(yaml) == ["lex.yaml:21:12: error: family `actors` is empty: it needs `terms:` with at least one term"])
    }

    @Test func refusesMalformedPatterns() {
        let yaml = Self.valid.replacingOccurrences(of: "[Nagorno-Karabakh, Nagorny Karabakh]", with: "[\"N*\", \"*Karabakh\", \"Kara*bakh\", \"\", \"Karabakh (region)\"]")
        #expect(errors(yaml) == [
            "lex.yaml:19:20: error: malformed pattern `N*`: a prefix needs at least two letters before `*`",
            "lex.yaml:19:26: error: malformed pattern `*Karabakh`: `*` must end a word (as in `separatis*`)",
            "lex.yaml:19:39: error: malformed pattern `Kara*bakh`: `*` must end a word (as in `separatis*`)",
            "lex.yaml:19:52: error: each entry of `variants` must not be empty",
            "lex.yaml:19:56: error: malformed pattern `Karabakh (region)`: unexpected `(` (patterns are words, with `*` only at the end of a word and `[...]` around context words)",
        ])
    }

    @Test func refusesUnknownKeysAndMissingFields() {
        #expect(errors("lexicon: x\nkind: terminology\nversion: 1\nstances: {a: A}\nfamilies:\n  - id: f\n    terms:\n      - trem: X\n        stance: a\n") == [
            "lex.yaml:8:9: error: unknown key `trem` in a term (did you mean `term`?); expected one of: term, stance, variants, source, note, not_before, not_after, context",
            "lex.yaml:8:9: error: a term of family `f` needs `term:`",
        ])
        #expect(errors("kind: loaded\nversion: 1\ncategories: []\n") == ["lex.yaml:1:1: error: missing `lexicon:`"])
        #expect(errors("lexicon: x\nkind: opinion\nversion: 1\n") == ["lex.yaml:2:7: error: unknown kind `opinion`; expected one of: terminology, loaded"])
    }

    @Test func readsALoadedLanguageLexiconAndRefusesDoubleCounting() throws {
        let yaml = """
            lexicon: loaded-test
            kind: loaded
            version: 1
            categories:
              - id: violence
                basis: Recasens et al. 2013
                default_weight: 1.5
                entries:
                  - bloodshed
                  - entry: massacre
                    weight: 2
                    variants: [massacr*]
              - id: labels
                entries: [so-called, "fake country"]
            """
        let lexicon = try LexiconLoader.parse(yaml: yaml, path: "lex.yaml")
        #expect(lexicon.categories.map(\.id) == ["violence", "labels"])
        #expect(lexicon.categories[0].entries.map(\.weight) == [1.5, 2])
        #expect(lexicon.categories[1].entries.map(\.entry) == ["so-called", "fake country"])
        #expect(errors(yaml + "\n  - id: again\n    entries: [Bloodshed]\n") == [
            "lex.yaml:16:15: error: `Bloodshed` is already an entry or variant (in `bloodshed` of category `violence`); it would be counted twice",
        ])
        #expect(errors(yaml.replacingOccurrences(of: "weight: 2", with: "weight: -1")) == [
            "lex.yaml:11:17: error: `weight` must be a number greater than 0 and at most 100; found the scalar `-1`",
        ])
    }

    @Test func invalidYAMLIsLocated() {
        #expect(errors("lexicon: [x\n").first?.hasPrefix("lex.yaml:2:1: error: invalid YAML") == true)
    }
}
