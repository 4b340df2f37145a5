import Foundation
import Testing

@Suite struct ExtractCommandTests {
    static let article = """
        <html lang="en"><head><title>Talks resume – Example</title><meta property="og:site_name" content="Example">
        <link rel="canonical" href="https://example.org/2021/05/04/talks"></head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Talks resume</h1><p class="byline">By Jane Roe</p>
        <p>Negotiators met in Vienna on Tuesday, the first meeting in months, and agreed to meet again next week.</p>
        <p>Both delegations said the talks had been useful, though neither side gave ground on the main issues.</p>
        </article><footer>© Example</footer></body></html>
        """

    @Test func jsonLinesFollowTheContract() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.html", Self.article)
        let result = try SlantProcess.run(["extract", "--json", directory.url.appendingPathComponent("a.html").path])
        #expect(result.status == 0)
        #expect(result.lines.count == 1)
        let line = jsonObject(result.lines[0])
        #expect(Array(jsonObject(result.lines[0]).keys).sorted() == [
            "byline", "comments", "error", "language", "published", "site", "source", "text", "title", "url", "warnings",
        ])
        #expect(line["title"] as? String == "Talks resume")
        #expect(line["site"] as? String == "Example")
        #expect(line["published"] as? String == "2021-05-04")
        #expect(line["url"] as? String == "https://example.org/2021/05/04/talks")
        #expect(line["language"] as? String == "en")
        #expect(line["byline"] as? String == "Jane Roe")
        #expect(line["text"] as? String == """
            Negotiators met in Vienna on Tuesday, the first meeting in months, and agreed to meet again next week.

            Both delegations said the talks had been useful, though neither side gave ground on the main issues.
            """)
        #expect((line["comments"] as? [Any])?.isEmpty == true)
        #expect(line["error"] is NSNull)
    }

    @Test func aFailedDocumentPrintsAnErrorLineAndTheOthersStillRun() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.html", Self.article)
        try directory.write("empty.html", "")
        try directory.write("b.html", Self.article)
        let paths = ["a.html", "empty.html", "b.html", "missing.html"].map { directory.url.appendingPathComponent($0).path }
        let result = try SlantProcess.run(["extract", "--json"] + paths)
        #expect(result.status == 1)
        #expect(result.lines.count == 4)
        let lines = result.lines.map(jsonObject)
        #expect(lines[0]["error"] is NSNull)
        #expect(lines[1]["error"] as? String == "the file is empty")
        #expect(lines[1]["error_code"] as? String == "empty")
        #expect((lines[1]["source"] as? String)?.hasSuffix("empty.html") == true)
        #expect(lines[2]["error"] is NSNull)
        #expect((lines[3]["error"] as? String)?.contains("no such file") == true)
        #expect(result.stderr.contains("empty.html: the file is empty"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try SlantProcess.run(["extract"]).status == 2)
        #expect(try SlantProcess.run(["extract", "--jobs", "0", "x.html"]).status == 2)
        #expect(try SlantProcess.run(["no-such-command"]).status == 2)
        #expect(try SlantProcess.run(["extract", "--no-such-flag", "x.html"]).status == 2)
    }

    @Test func helpExitsWithZero() throws {
        let result = try SlantProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("extract"))
    }

    @Test func plainOutputShowsMetadataTextAndComments() throws {
        let path = SlantProcess.package.appendingPathComponent("corpus/asbarez/russia-urges-sides-to-karabakh-conflict-to-resume-talks.html").path
        let result = try SlantProcess.run(["extract", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Title:     Russia Urges Sides to Karabakh Conflict to Resume Talks"))
        #expect(result.stdout.contains("Published: 2020-07-09"))
        #expect(result.stdout.contains("-- 3 reader comments"))
        #expect(result.stdout.contains("[GB] Russian Foreign Ministry spokesperson Maria Zakharova should study more"))
    }
}
