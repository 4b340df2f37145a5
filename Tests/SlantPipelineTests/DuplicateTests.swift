import Foundation
import Testing

/// Duplicates are duplicates, not failures: counted apart, the earliest-ingested copy kept whatever
/// the file names, a repeated JSON Lines id with a different text an error naming both records, and
/// failed files counted as new only when they change.
@Suite struct DuplicateTests {
    static let asbarez = "corpus/asbarez/russia-urges-sides-to-karabakh-conflict-to-resume-talks.html"

    private func run(_ directory: TemporaryDirectory) throws -> SlantProcess.Output {
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    private func excluded(_ directory: TemporaryDirectory) throws -> String {
        try String(contentsOf: directory.url.appendingPathComponent("reports/data/excluded.csv"), encoding: .utf8)
    }

    @Test func aCopiedPageIsADuplicateAndTheOriginalStays() throws {
        let directory = try bundledProject()
        _ = try run(directory)
        // The copy's name sorts before the original's: the original was ingested first, so it stays.
        try FileManager.default.copyItem(
            at: directory.url.appendingPathComponent(Self.asbarez),
            to: directory.url.appendingPathComponent("corpus/asbarez/a-copy.html"))
        let second = try run(directory)
        #expect(second.stdout.contains("6 found · 0 new · 0 changed · 6 unchanged · 0 failed · 1 duplicate · cleaned 0 · tagged 0"), "\(second.stdout)")
        #expect(second.stderr.contains("slant: corpus/asbarez/a-copy.html: the same document as \(Self.asbarez), counted once"), "\(second.stderr)")
        let table = try excluded(directory)
        #expect(table.contains("corpus/asbarez/a-copy.html,ingest,duplicate,"))
        let articles = try String(contentsOf: directory.url.appendingPathComponent("reports/data/articles.csv"), encoding: .utf8)
        #expect(articles.contains(Self.asbarez))
        #expect(!articles.contains("a-copy.html"))
        // The same again: stable.
        #expect(try run(directory).stdout.contains("6 found · 0 new · 0 changed · 6 unchanged · 0 failed · 1 duplicate"))
    }

    @Test func theSameFileUnderTwoOutletsIsACrossOutletDuplicate() throws {
        let directory = try bundledProject()
        _ = try run(directory)
        try FileManager.default.copyItem(
            at: directory.url.appendingPathComponent(Self.asbarez),
            to: directory.url.appendingPathComponent("corpus/southfront/republished.html"))
        let second = try run(directory)
        #expect(second.stdout.contains("1 duplicate"), "\(second.stdout)")
        #expect(second.stderr.contains("corpus/southfront/republished.html: the same file as \(Self.asbarez) of Asbarez; counted once, for Asbarez"), "\(second.stderr)")
        #expect(try excluded(directory).contains("corpus/southfront/republished.html,ingest,cross-outlet-duplicate,"))
    }

    @Test func aRepeatedIdWithADifferentTextIsAnErrorNamingBoth() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pipeline.yaml", "sources:\n  - path: feed.jsonl\n    outlet: Wire\n")
        let body = "Officials said the talks would resume next week in Moscow after a pause of several months."
        try directory.write("feed.jsonl", """
            {"id": "a1", "title": "Talks", "text": "\(body)"}
            {"id": "a1", "title": "Talks", "text": "\(body) A second, different paragraph follows here."}
            {"id": "b2", "title": "Other", "text": "\(body) Yet another text entirely, with its own words."}

            """)
        let result = try run(directory)
        #expect(result.stdout.contains("3 found · 3 new · 0 changed · 0 unchanged · 1 failed"), "\(result.stdout)")
        #expect(result.stderr.contains("feed.jsonl:2: the id `a1` is also the id of feed.jsonl:1, whose text differs; give each article its own id"), "\(result.stderr)")
    }

    @Test func aFailedFileCountsAsNewOnlyWhenItChanges() throws {
        let directory = try bundledProject()
        try directory.write("corpus/asbarez/empty.html", "")
        let first = try run(directory)
        #expect(first.stdout.contains("6 found · 6 new · 0 changed · 0 unchanged · 1 failed"), "\(first.stdout)")
        #expect(first.stderr.contains("slant: corpus/asbarez/empty.html: the file is empty"), "\(first.stderr)")
        let second = try run(directory)
        #expect(second.stdout.contains("6 found · 0 new · 0 changed · 6 unchanged · 1 failed"), "\(second.stdout)")
        // Still reported, without being read again.
        #expect(second.stderr.contains("slant: corpus/asbarez/empty.html: the file is empty"))
        Thread.sleep(forTimeInterval: 0.01)
        try directory.write("corpus/asbarez/empty.html", " ")
        let third = try run(directory)
        #expect(third.stdout.contains("6 found · 0 new · 1 changed · 5 unchanged · 1 failed"), "\(third.stdout)")
    }

    @Test func aFileMatchedByTwoSourcesAndAnExclusionThatMatchesNothingAreWarnings() throws {
        let directory = try bundledProject()
        let configuration = directory.url.appendingPathComponent("pipeline.yaml")
        var text = try String(contentsOf: configuration, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "  - path: corpus/southfront/*.html\n    outlet: SouthFront\n",
            with: "  - path: corpus/southfront/*.html\n    outlet: SouthFront\n    exclude: [drafts/*]\n  - path: corpus/asbarez/*.html\n    outlet: Again\n")
        try text.write(to: configuration, atomically: true, encoding: .utf8)
        let result = try run(directory)
        #expect(result.stderr.contains("warning: `exclude: drafts/*` of `corpus/southfront/*.html` leaves out no file"), "\(result.stderr)")
        #expect(result.stderr.contains("warning: `corpus/asbarez/russia-urges-sides-to-karabakh-conflict-to-resume-talks.html` is also matched by `corpus/asbarez/*.html` (pipeline.yaml:"), "\(result.stderr)")
        #expect(result.stderr.contains("it belongs to that source (outlet Asbarez)"))
        #expect(result.stdout.contains("5 found"))
    }
}
