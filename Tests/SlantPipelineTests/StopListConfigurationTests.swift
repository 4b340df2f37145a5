import Foundation
import Testing

/// `statistics: keyness: stopwords:` in `pipeline.yaml` replaces or removes the bundled stop list of a language.
@Suite struct StopListConfigurationTests {
    static func keyness(_ directory: TemporaryDirectory) throws -> (words: [String], sources: [String]) {
        let data = try Data(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let statistics = document["statistics"] as? [[String: Any]] ?? []
        let words = statistics.filter { $0["kind"] as? String == "keyness" }.compactMap { $0["word"] as? String }
        let sources = (document["stopwords"] as? [[String: Any]] ?? []).compactMap { $0["source"] as? String }
        return (words, sources)
    }

    @Test func theBundledListLeavesOutFunctionWordsAndTheConfigurationCanReplaceIt() throws {
        let directory = try bundledProject()
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        let bundled = try Self.keyness(directory)
        #expect(!bundled.words.contains { ["the", "has", "after", "to", "that"].contains($0) })
        #expect(bundled.sources == ["Snowball English stop list (snowballstem.org, 3-clause BSD)"])

        let configuration = directory.url.appendingPathComponent("pipeline.yaml")
        let text = try String(contentsOf: configuration, encoding: .utf8)
        try directory.write("pipeline.yaml", text + "\nstatistics:\n  keyness:\n    stopwords:\n      en: none\n")
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        let none = try Self.keyness(directory)
        #expect(none.words.contains("the") || none.words.contains("to"))
        #expect(none.sources.isEmpty)

        let own = bundled.words.first ?? "karabakh"
        try directory.write("my-stoplist.txt", "| my list\n\(own)\nthe\nto\nhas\nafter\nthat\n")
        try directory.write("pipeline.yaml", text + "\nstatistics:\n  keyness:\n    stopwords:\n      en: my-stoplist.txt\n")
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        let mine = try Self.keyness(directory)
        #expect(!mine.words.contains(own))
        #expect(mine.sources == ["my-stoplist.txt"])

        try directory.write("pipeline.yaml", text + "\nstatistics:\n  keyness:\n    stopwords:\n      en: missing.txt\n")
        let missing = try SlantProcess.run(["run"], in: directory.url)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot read the stop list `missing.txt`"))
    }
}
