import SlantCore
import SlantTag
import Testing

/// `measure:` of loaded-kind lexicons and `stance_index:` of terminology lexicons.
@Suite struct LexiconMeasureTests {
    static let terminology = """
        lexicon: sides
        kind: terminology
        version: 1
        stances:
          armenian: Armenian usage
          azerbaijani: Azerbaijani usage
          international: international usage
        STANCE_INDEX
        families:
          - id: region-name
            terms:
              - term: Artsakh
                stance: armenian
              - term: Karabakh
                stance: azerbaijani
        """

    static func loaded(_ measure: String) -> String {
        """
        lexicon: words
        kind: loaded
        version: 1
        \(measure)
        categories:
          - id: doubt
            entries: [claimed, alleged]
        """
    }

    private func messages(_ yaml: String) -> [String] {
        do {
            _ = try LexiconLoader.parse(yaml: yaml, path: "lex.yaml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func aStanceIndexNamesTwoDeclaredStancesWhateverTheyAreCalled() throws {
        let yaml = Self.terminology.replacingOccurrences(
            of: "STANCE_INDEX", with: "stance_index: {negative: armenian, positive: azerbaijani}")
        let lexicon = try LexiconLoader.parse(yaml: yaml, path: "lex.yaml")
        #expect(lexicon.stanceIndex == Lexicon.StanceIndex(negative: "armenian", positive: "azerbaijani"))
        #expect(lexicon.measure == nil)
    }

    @Test func withoutAStanceIndexTheLexiconDeclaresNone() throws {
        let lexicon = try LexiconLoader.parse(yaml: Self.terminology.replacingOccurrences(of: "STANCE_INDEX", with: ""), path: "lex.yaml")
        #expect(lexicon.stanceIndex == nil)
    }

    @Test func aStanceIndexWithAnUndeclaredOrRepeatedOrMissingSideIsRefusedAtItsLine() {
        let unknown = Self.terminology.replacingOccurrences(
            of: "STANCE_INDEX", with: "stance_index: {negative: armenian, positive: neutral}")
        #expect(messages(unknown) == [
            "lex.yaml:8:46: error: unknown stance `neutral` in `stance_index`; declared stances: armenian, azerbaijani, international"
        ])
        let same = Self.terminology.replacingOccurrences(
            of: "STANCE_INDEX", with: "stance_index: {negative: armenian, positive: armenian}")
        #expect(messages(same) == ["lex.yaml:8:15: error: `stance_index` must oppose two different stances; both sides are `armenian`"])
        let missing = Self.terminology.replacingOccurrences(of: "STANCE_INDEX", with: "stance_index: {negative: armenian}")
        #expect(messages(missing) == ["lex.yaml:8:15: error: `stance_index` needs `positive:` (the stance counted as +1)"])
    }

    @Test func aLoadedLexiconMeasuresLoadedLanguageUnlessItSaysOtherwise() throws {
        #expect(try LexiconLoader.parse(yaml: Self.loaded(""), path: "lex.yaml").measure == .loadedLanguage)
        #expect(try LexiconLoader.parse(yaml: Self.loaded("measure: epistemic-framing"), path: "lex.yaml").measure == .epistemicFraming)
        #expect(try LexiconLoader.parse(yaml: Self.loaded("measure: labels"), path: "lex.yaml").measure == .labels)
    }

    @Test func anUnknownMeasureOrAMisplacedKeyIsRefused() {
        #expect(messages(Self.loaded("measure: sentiment")) == [
            "lex.yaml:4:10: error: unknown measure `sentiment`; expected one of: loaded-language, epistemic-framing, labels"
        ])
        #expect(messages(Self.loaded("stance_index: {negative: a, positive: b}")) == [
            "lex.yaml:4:15: error: `stance_index:` belongs to a terminology lexicon"
        ])
        let measureOnTerms = Self.terminology.replacingOccurrences(of: "STANCE_INDEX", with: "measure: labels")
        #expect(messages(measureOnTerms) == [
            "lex.yaml:8:10: error: `measure:` belongs to a loaded-kind lexicon; a terminology lexicon has families"
        ])
    }
}
