import Foundation
import Testing

/// The README's examples are what the program does: its example commands, run on the bundled
/// corpus, print what the README shows (the citation's generation time aside), and every concrete
/// statistic ID it names resolves.
@Suite struct ReadmeExampleTests {
    /// The README beside the package.
    static func readme() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The output lines the README shows under `$ slant ARGUMENTS` (up to the next `$` line or the
    /// end of the code block), or nil when the README shows no such command.
    static func shownOutput(of arguments: String, in readme: String) -> [String]? {
        let lines = readme.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("$ slant \(arguments)") }) else { return nil }
        var output: [String] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("$ ") || line.hasPrefix("```") { break }
            output.append(line)
        }
        return output
    }

    /// Words of a text, whitespace and line wrapping ignored.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The words with the citation's generation time (`generated 2026-…Z.`) masked.
    static func masked(_ words: [String]) -> [String] {
        words.map { $0.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.?$"#, options: .regularExpression) != nil ? "<time>" : $0 }
    }

    @Test func theExampleCommandsPrintWhatTheReadmeShows() throws {
        let readme = try Self.readme()
        let project = try bundledProject()
        let run = try SlantProcess.run(["run"], in: project.url)
        #expect(run.status == 0, "\(run.stderr)")
        // The first summary in the README ("What a run produces") and the one under `$ slant run`.
        #expect(readme.contains("```\n\(run.stdout)```"), "\(run.stdout)")
        #expect(Self.shownOutput(of: "run", in: readme)?.first == run.lines.first)

        for example in ["cite stance-index/asbarez/authorial --format markdown", "kwic occupied --voice quoted", "kwic occupied --voice distanced"] {
            let shown = try #require(Self.shownOutput(of: example, in: readme), "README shows `slant \(example)`")
            let output = try SlantProcess.run(example.components(separatedBy: " "), in: project.url)
            #expect(output.status == 0, "\(example): \(output.stderr)")
            #expect(Self.masked(Self.words(output.stdout)) == Self.masked(Self.words(shown.joined(separator: "\n"))), "\(example):\n\(output.stdout)")
        }
    }

    @Test func everyConcreteStatisticIDInTheReadmeResolves() throws {
        let readme = try Self.readme()
        let kinds = ["term-share", "stance-share", "stance-index", "loaded-rate", "category-rate", "epistemic-rate", "label-rate", "contrast", "keyness", "origin-share"]
        var ids = Set<String>()
        for part in readme.components(separatedBy: "`").enumerated() where part.offset % 2 == 1 {
            let text = part.element
            guard kinds.contains(where: { text.hasPrefix($0 + "/") }), !text.contains("<"), !text.contains("..."),
                  !text.contains(" "), text.filter({ $0 == "/" }).count >= 2 else { continue }
            ids.insert(text)
        }
        #expect(!ids.isEmpty)
        let project = try bundledProject()
        #expect(try SlantProcess.run(["run"], in: project.url).status == 0)
        for id in ids.sorted() {
            let cite = try SlantProcess.run(["cite", id], in: project.url)
            #expect(cite.status == 0, "README names `\(id)`, which does not resolve: \(cite.stderr)")
        }
        // And the citation's own example: its stance index is the one the README quotes.
        let cite = try SlantProcess.run(["cite", "stance-index/asbarez/authorial"], in: project.url)
        #expect(cite.stdout.contains("−1.00 (4 term occurrences"))
    }

    @Test func analyzeOutsideAProjectNamesTheBundledLexiconsAsTheReadmeDoes() throws {
        let readme = try Self.readme()
        let project = try bundledProject()
        let outside = try TemporaryDirectory()
        let page = project.url.appendingPathComponent("corpus/outlet-c/violence-continues-in-nagorno-karabakh.html")
        try FileManager.default.copyItem(at: page, to: outside.url.appendingPathComponent("a.html"))
        let analyze = try SlantProcess.run(["analyze", "--json", "a.html"], in: outside.url)
        #expect(analyze.status == 0, "\(analyze.stderr)")
        let said = analyze.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(said.hasPrefix("slant: tagging with the bundled lexicons: "))
        #expect(Self.words(readme).joined(separator: " ").contains("`\(said)`"), "\(said)")
        // The id in the README's `analyze --json` example is this page's.
        let json = try #require(try JSONSerialization.jsonObject(with: Data((analyze.lines.first ?? "").utf8)) as? [String: Any])
        let id = try #require(json["id"] as? String)
        #expect(readme.contains("{\"id\": \"\(id)\", \"source\": \"corpus/outlet-c/violence-continues-in-nagorno-karabakh.html\""))
    }
}
