import Foundation
import Testing

@Suite struct RunCommandTests {
    private func project() throws -> TemporaryDirectory { try bundledProject() }

    @Test func runOnTheBundledCorpusWritesTheReports() throws {
        let directory = try project()
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("5 found · 5 new · 0 changed · 0 unchanged · 0 failed · cleaned 5 · tagged 5"))
        let reports = directory.url.appendingPathComponent("reports")
        for file in ["index.html", "report.md", "statistics.json", "data/articles.csv", "data/outlets.csv", "data/excluded.csv", "data/articles.json"] {
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent(file).path), "\(file)")
        }
        let outlets = try String(contentsOf: reports.appendingPathComponent("data/outlets.csv"), encoding: .utf8)
        let names = outlets.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
        #expect(names == ["Asbarez", "Mail Online", "Outlet C", "Outlet E", "SouthFront"])
    }

    @Test func statisticsAreIdenticalFromRunToRun() throws {
        let first = try project()
        let second = try project()
        #expect(try SlantProcess.run(["run"], in: first.url).status == 0)
        #expect(try SlantProcess.run(["run"], in: second.url).status == 0)
        #expect(try statisticsLines(first) == statisticsLines(second))
        #expect(try statisticsLines(first).count > 1000)
    }

    @Test func readerCommentsAreMeasuredApartAndAreFarMoreLoaded() throws {
        let directory = try project()
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        let data = try Data(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let statistics = document["statistics"] as? [[String: Any]] ?? []
        func named(_ id: String) -> [String: Any]? {
            statistics.first { $0["id"] as? String == id || ($0["aliases"] as? [String] ?? []).contains(id) }
        }
        func value(_ id: String) -> Double? { named(id)?["value"] as? Double }
        let article = try #require(value("loaded-rate/southfront/authorial"))
        let comments = try #require(value("loaded-rate/southfront/comment"))
        #expect(comments > 10 * max(article, 1))
        // Asbarez's own narration has one loaded word ("massive"); its "bloodshed" is Zakharova's.
        #expect(value("category-rate/asbarez/quoted/violence-atrocity") != nil)
        #expect(value("category-rate/asbarez/authorial/violence-atrocity") == nil)
        let first = try #require(named("loaded-rate/southfront/comment"))
        #expect(first["sufficient"] as? Bool == false)
        #expect(first["ci_lower"] is NSNull)
        #expect((first["citation"] as? String)?.contains("caution: 1 article") == true)
    }

    @Test func excludedDocumentsAreReportedWithTheirReason() throws {
        let directory = try project()
        try directory.write("corpus/outlet-e/empty.html", "")
        try directory.write("corpus/outlet-e/nav-only.html", "<html><body><nav><a href=/>Home</a></nav></body></html>")
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("7 found · 7 new · 0 changed · 0 unchanged · 2 failed · cleaned 5 · tagged 5"))
        let excluded = try String(contentsOf: directory.url.appendingPathComponent("reports/data/excluded.csv"), encoding: .utf8)
        #expect(excluded.contains("corpus/outlet-e/empty.html,ingest,empty,the file is empty"))
        #expect(excluded.contains("corpus/outlet-e/nav-only.html,clean,no-article"))
        let html = try String(contentsOf: directory.url.appendingPathComponent("reports/index.html"), encoding: .utf8)
        #expect(html.contains("the file is empty"))
    }

    @Test func aBadConfigurationIsRefusedWithItsLocation() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pipeline.yaml", "sources:\n  - path: corpus\n    outlett: X\n")
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("pipeline.yaml:3:5: error: unknown key `outlett` in a source"))
    }

    @Test func aMissingSourcePathIsRefused() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pipeline.yaml", "sources:\n  - path: nowhere/*.html\n    outlet: X\n")
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("pipeline.yaml:2:11: error:"))
        #expect(result.stderr.contains("no such directory `nowhere`"))
    }

    @Test func aMissingConfigurationSaysHowToGiveOne() throws {
        let directory = try TemporaryDirectory()
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read the configuration pipeline.yaml: no such file"))
    }
}
