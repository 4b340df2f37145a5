import Foundation
import Testing

/// Each lexicon is its own measure: never summed with another, over the articles in its languages
/// only, loaded language, epistemic framing and labels apart, a stance index for any stance names.
@Suite struct SeparateMeasuresTests {
    static let sides = """
        lexicon: sides
        kind: terminology
        version: 1
        language: [en]
        stances:
          ours: our usage
          theirs: their usage
          intl: international usage
        stance_index: {negative: ours, positive: theirs}
        families:
          - id: region
            terms:
              - term: Homeland
                stance: ours
                variants: [Homeland]
              - term: Province
                stance: theirs
                variants: [Province]
              - term: Valley
                stance: intl
                variants: [Valley]
          # The same words answer a second question: counted in both families' shares (the family says
          # so with `share_spans`; otherwise a span counts in one family only), once in the index.
          - id: status
            share_spans: true
            terms:
              - term: Province
                stance: theirs
                variants: [Province]
        """

    static let places = """
        lexicon: places
        kind: terminology
        version: 1
        stances: {east: eastern usage, west: western usage}
        families:
          - id: town
            terms:
              - term: Eastville
                stance: east
                variants: [Eastville]
              - term: Westville
                stance: west
                variants: [Westville]
        """

    static func loaded(_ id: String, measure: String, categories: String) -> String {
        """
        lexicon: \(id)
        kind: loaded
        version: 1
        language: [en]
        measure: \(measure)
        categories:
        \(categories)
        """
    }

    static let loud = loaded("loud", measure: "loaded-language", categories: """
          - id: violence
            entries: [brutal, massacre]
        """)
    /// Shares "brutal" with `loud`, and keeps it in two of its categories.
    static let moral = loaded("moral", measure: "loaded-language", categories: """
          - id: harm
            entries:
              - entry: brutal
                also_in: [fairness]
          - id: fairness
            entries: [unjust]
        """)
    static let doubt = loaded("doubt", measure: "epistemic-framing", categories: """
          - id: verbs
            entries: [claimed]
        """)
    static let tags = loaded("tags", measure: "labels", categories: """
          - id: actors
            entries: [regime]
        """)

    static let english = "The brutal regime announced a claimed victory in the Homeland and the Valley, but the brutal attack on the Province went on all night and the unjust siege of the Valley continued."
    /// Russian text with the English lexicons' words spelled in Latin letters: an English lexicon must not count it.
    static let russian = "Жестокий brutal режим regime заявил claimed, что Province и Valley спокойны, но атака на Province продолжалась всю ночь, и люди в городе ждали помощи от властей, которые так и не пришли к ним."
    /// Spanish: a language no lexicon of the project covers.
    static let spanish = "El régimen brutal dijo que la Province estaba tranquila, pero el ataque brutal continuó toda la noche en la Province y en el Valley."

    static func project() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("lexicons/sides.yaml", sides)
        try directory.write("lexicons/places.yaml", places)
        try directory.write("lexicons/loud.yaml", loud)
        try directory.write("lexicons/moral.yaml", moral)
        try directory.write("lexicons/doubt.yaml", doubt)
        try directory.write("lexicons/tags.yaml", tags)
        func record(_ id: String, _ outlet: String, _ text: String) throws -> String {
            let object: [String: String] = ["id": id, "outlet": outlet, "url": "https://example.org/\(id)", "published": "2023-01-0\(id.suffix(1))", "title": id, "text": text]
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        try directory.write("feed.jsonl", [
            try record("a1", "Alpha", english), try record("a2", "Alpha", russian), try record("a3", "Alpha", spanish),
            try record("b1", "Beta", english.replacingOccurrences(of: "Homeland", with: "Province")),
        ].joined(separator: "\n") + "\n")
        try directory.write("pipeline.yaml", """
            sources:
              - path: feed.jsonl
            lexicons:
              - lexicons/sides.yaml
              - lexicons/places.yaml
              - lexicons/loud.yaml
              - lexicons/moral.yaml
              - lexicons/doubt.yaml
              - lexicons/tags.yaml
            """)
        return directory
    }

    static func statistics(_ directory: TemporaryDirectory) throws -> (document: [String: Any], statistics: [[String: Any]]) {
        let data = try Data(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (document, document["statistics"] as? [[String: Any]] ?? [])
    }

    @Test func everyLexiconIsItsOwnMeasureOverTheArticlesInItsLanguages() throws {
        let directory = try Self.project()
        let run = try SlantProcess.run(["run"], in: directory.url)
        #expect(run.status == 0, "\(run.stderr)")
        let (document, statistics) = try Self.statistics(directory)
        func named(_ id: String) -> [String: Any]? {
            statistics.first { $0["id"] as? String == id || ($0["aliases"] as? [String] ?? []).contains(id) }
        }
        func number(_ id: String, _ field: String) -> Double? { named(id)?[field] as? Double }

        // Alpha's Russian and Spanish articles are covered by no English lexicon: neither their hits nor
        // their tokens count.
        let loud = try #require(named("loaded-rate/loud/alpha/authorial"))
        #expect(loud["n_articles"] as? Int == 1)
        #expect(loud["n_occurrences"] as? Double == 2)  // brutal, brutal
        let tokens = try #require(loud["n_total"] as? Double)
        #expect(abs((loud["value"] as? Double ?? 0) - 2 / tokens * 1000) < 1e-9)
        // The other loaded-language lexicon counts its own matches: "brutal" twice and "unjust", once each,
        // although "brutal" is in two of its categories; it is never added to `loud`.
        #expect(number("loaded-rate/moral/alpha/authorial", "n_occurrences") == 3)
        #expect(number("category-rate/moral/alpha/authorial/harm", "n_occurrences") == 2)
        #expect(number("category-rate/moral/alpha/authorial/fairness", "n_occurrences") == 3)
        // Two loaded-language lexicons: the short ID would be ambiguous, so neither has it.
        #expect(named("loaded-rate/alpha/authorial") == nil)
        // Epistemic framing and labels are measures of their own, with their own IDs (and aliases: one lexicon each).
        #expect(number("epistemic-rate/doubt/alpha/authorial", "n_occurrences") == 1)
        #expect(named("epistemic-rate/alpha/authorial")?["id"] as? String == "epistemic-rate/doubt/alpha/authorial")
        #expect(number("label-rate/tags/alpha/authorial", "n_occurrences") == 1)
        #expect(statistics.allSatisfy { ($0["kind"] as? String) != "loaded-rate" || ["loud", "moral"].contains($0["lexicon"] as? String ?? "") })

        // A stance index for stances not called `neutral`, from the lexicon's `stance_index:`.
        let index = try #require(named("stance-index/sides/alpha/authorial"))
        // Alpha: Homeland (ours), Province (theirs), Valley twice (intl); its Russian article's two "Province" do not
        // count, and "Province", matched by two families of the lexicon, counts once.
        #expect(index["value"] as? Double == 0)
        #expect(index["n_occurrences"] as? Double == 4)
        #expect(number("term-share/sides/alpha/authorial/status/province", "value") == 1)
        #expect(number("term-share/sides/alpha/authorial/region/province", "n_occurrences") == 1)
        #expect(number("stance-share/sides/alpha/authorial/theirs", "n_occurrences") == 1)
        #expect(named("stance-index/sides/beta/authorial")?["value"] as? Double == 0.5)
        // The lexicon without `stance_index:` gets shares, no index.
        #expect(!statistics.contains { ($0["kind"] as? String) == "stance-index" && ($0["lexicon"] as? String) == "places" })
        // Contrasts per lexicon measure.
        #expect(named("contrast/loaded-rate/loud/authorial/alpha/beta") != nil)
        #expect(named("contrast/stance-index/sides/authorial/alpha/beta") != nil)
        #expect(named("contrast/epistemic-rate/doubt/authorial/alpha/beta") != nil)

        // The report says what each measure covers.
        let measures = try #require(document["measures"] as? [[String: Any]])
        let loudCoverage = try #require(measures.first { $0["lexicon"] as? String == "loud" })
        #expect(loudCoverage["covered"] as? Int == 2)
        #expect(loudCoverage["articles"] as? Int == 4)
        #expect((loudCoverage["other_languages"] as? [String: Int]) == ["es": 1, "ru": 1])
        #expect((loudCoverage["unknown_language"] as? Int ?? 0) == 0)
        let placesCoverage = try #require(measures.first { $0["lexicon"] as? String == "places" })
        #expect((placesCoverage["notes"] as? [String] ?? []).contains { $0.contains("no `stance_index:`") })
        let markdown = try String(contentsOf: directory.url.appendingPathComponent("reports/report.md"), encoding: .utf8)
        #expect(markdown.contains("## Epistemic framing"))
        #expect(markdown.contains("## Labels"))
        #expect(markdown.contains("| `loud` | loaded language | en | 2 of 4 articles (left out: 1 in es, 1 in ru; the lexicon covers en) |"))
        #expect(markdown.contains("`places` declares no `stance_index:`"))
    }

    @Test func analyzeKeepsTheThreeKindsApartAndNamesTheLexicon() throws {
        let directory = try Self.project()
        let result = try SlantProcess.run(["analyze", "--json", "--config", "pipeline.yaml", "feed.jsonl"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let first = jsonObject(result.lines[0])
        let loaded = first["loaded"] as? [[String: Any]] ?? []
        #expect(Set(loaded.compactMap { $0["lexicon"] as? String }) == ["loud", "moral"])
        #expect(loaded.filter { $0["text"] as? String == "brutal" }.count == 4)  // twice in each of two lexicons
        #expect(loaded.first { $0["lexicon"] as? String == "moral" && $0["text"] as? String == "brutal" }?["also_in"] as? [String] == ["fairness"])
        #expect((first["epistemic"] as? [[String: Any]] ?? []).map { $0["entry"] as? String } == ["claimed"])
        #expect((first["labels"] as? [[String: Any]] ?? []).map { $0["lexicon"] as? String } == ["tags"])
        #expect((first["terms"] as? [[String: Any]] ?? []).allSatisfy { ["sides", "places"].contains($0["lexicon"] as? String ?? "") })
    }

    @Test func withoutALoadedLexiconThereIsNoLoadedFigureAndTheReportSaysWhy() throws {
        let directory = try Self.project()
        try directory.write("pipeline.yaml", """
            sources:
              - path: feed.jsonl
            lexicons:
              - lexicons/sides.yaml
            """)
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        let (_, statistics) = try Self.statistics(directory)
        #expect(!statistics.isEmpty)
        let kinds = Set(statistics.compactMap { $0["kind"] as? String })
        #expect(kinds.isDisjoint(with: ["loaded-rate", "category-rate", "epistemic-rate", "label-rate"]))
        #expect(!statistics.contains { ($0["measure"] as? String) == "loaded-rate" })
        let markdown = try String(contentsOf: directory.url.appendingPathComponent("reports/report.md"), encoding: .utf8)
        #expect(markdown.contains("No loaded-language lexicon is configured, so there is no loaded-language rate in this report."))
        let html = try String(contentsOf: directory.url.appendingPathComponent("reports/index.html"), encoding: .utf8)
        #expect(html.contains("No epistemic-framing lexicon is configured"))
    }

    @Test func lexiconCheckSaysWhenATerminologyLexiconGetsNoStanceIndex() throws {
        let directory = try Self.project()
        let result = try SlantProcess.run(["lexicon", "check", "lexicons/places.yaml", "lexicons/sides.yaml", "lexicons/doubt.yaml"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines[0].hasSuffix("; note: no `stance_index:`, so no stance index will be computed (term and stance shares will)"))
        #expect(result.lines[1].hasSuffix("; stance index: theirs (+1) against ours (−1)"))
        #expect(result.lines[2].contains("ok — epistemic framing `doubt` v1: 1 categories, 1 entries, languages en"))
    }
}
