import SlantCore
import Testing

/// Duplicate keys are reported where the second one is written (issue 17, item 8).
@Suite struct YAMLReaderTests {
    private func compose(_ yaml: String) -> [String] {
        var reader = YAMLReader(file: "f.yaml")
        _ = reader.compose(yaml)
        return reader.errors.map(\.description)
    }

    @Test func aDuplicateKeyInABlockMappingIsLocatedAtItsSecondOccurrence() {
        #expect(compose("lexicon: a\nkind: loaded\nversion: 1\nkind: terminology\n") == [
            "f.yaml:4:1: error: key `kind` appears twice in the same mapping (first at line 2)",
        ])
    }

    @Test func aDuplicateKeyInANestedMappingIsLocated() {
        #expect(compose("families:\n  - id: f\n    terms: []\n    note: x\n    id: g\n") == [
            "f.yaml:5:5: error: key `id` appears twice in the same mapping (first at line 2)",
        ])
    }

    @Test func aDuplicateKeyInAFlowMappingIsLocated() {
        #expect(compose("options: {diacritics: sensitive, diacritics: insensitive}\n") == [
            "f.yaml:1:34: error: key `diacritics` appears twice in the same mapping (first at line 1)",
        ])
    }

    @Test func booleans() {
        var reader = YAMLReader(file: "f.yaml")
        guard let node = reader.compose("[true, no, maybe]"), case .sequence(let items) = node else {
            Issue.record("not a list")
            return
        }
        #expect(items.map { reader.boolean($0, "`x`") } == [true, false, nil])
        #expect(reader.errors.map(\.description) == ["f.yaml:1:12: error: `x` must be `true` or `false`; found the scalar `maybe`"])
    }
}
