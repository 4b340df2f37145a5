import Foundation
import Testing

@Suite struct RunCommandTests {
    /// A copy of the bundled corpus, lexicons and configuration in a temporary directory.
    private func project() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try FileManager.default.copyItem(
            at: SlantProcess.package.appendingPathComponent("corpus"), to: directory.url.appendingPathComponent("corpus"))
        try FileManager.default.copyItem(
            at: SlantProcess.package.appendingPathComponent("lexicons"), to: directory.url.appendingPathComponent("lexicons"))
        try FileManager.default.copyItem(
            at: SlantProcess.package.appendingPathComponent("pipeline.yaml"),
            to: directory.url.appendingPathComponent("pipeline.yaml"))
        return directory
    }

    @Test func runOnTheBundledCorpusWritesTheReports() throws {
        let directory = try project()
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("5 found · 5 analysed · 0 failed"))
        let reports = directory.url.appendingPathComponent("reports")
        for file in ["index.html", "report.md", "statistics.json", "data/articles.csv", "data/outlets.csv", "data/excluded.csv", "data/articles.json"] {
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent(file).path), "\(file)")
        }
        let outlets = try String(contentsOf: reports.appendingPathComponent("data/outlets.csv"), encoding: .utf8)
        let names = outlets.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
        #expect(names == ["Asbarez", "Mail Online", "Outlet C", "Outlet E", "SouthFront"])
    }

    @Test func excludedDocumentsAreReportedWithTheirReason() throws {
        let directory = try project()
        try directory.write("corpus/outlet-e/empty.html", "")
        try directory.write("corpus/outlet-e/nav-only.html", "<html><body><nav><a href=/>Home</a></nav></body></html>")
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("7 found · 5 analysed · 2 failed"))
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
