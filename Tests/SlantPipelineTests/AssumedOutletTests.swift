import Foundation
import SlantCore
import SlantStore
import Testing
@testable import SlantPipeline

/// A document whose outlet nothing in the input names takes its folder's name as the outlet (README,
/// "Configuration"): a guess that `slant run` says aloud, naming the outlet it assumed.
@Suite struct AssumedOutletTests {
    static let sources = """
        sources:
          - incoming/**/*.txt
          - loose.txt
          - path: named/*.txt
            outlet: Named Outlet
        lexicons: []

        """

    static func article(_ subject: String) -> String {
        """
        The council of \(subject) met on Tuesday to discuss the new budget for roads and schools.

        Members of the council said the plan would be voted on next month after a public hearing.

        """
    }

    static func project() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("pipeline.yaml", sources)
        try directory.write("incoming/wire/b.txt", article("Bexley"))
        try directory.write("incoming/wire/a.txt", article("Ashford"))
        // Front matter names the outlet; an outlet of white space alone names none.
        try directory.write("incoming/wire/c.txt", "---\noutlet: Front Matter Daily\n---\n" + article("Chester"))
        try directory.write("incoming/blank/d.txt", "---\noutlet: \"  \"\ntitle: Roads\n---\n" + article("Dover"))
        try directory.write("loose.txt", article("Leeds"))
        try directory.write("named/e.txt", article("Exeter"))
        return directory
    }

    static let because = "no `outlet:` for its source in the configuration, none in front matter or a JSON Lines record, no site name or canonical URL"
    static let remedy = "name the outlet with `outlet:` in pipeline.yaml or in front matter"

    @Test func aRunSaysWhichOutletsItTookFromFolders() throws {
        let directory = try Self.project()
        for pass in ["first run", "second run, nothing new"] {
            let result = try SlantProcess.run(["run"], in: directory.url)
            #expect(result.status == 0, "\(pass): \(result.stderr)")
            let warnings = result.stderr.split(separator: "\n").map(String.init).filter { $0.contains("name no outlet") || $0.contains("names no outlet") }
            #expect(warnings == [
                "slant: warning: 1 article names no outlet (`incoming/blank/d.txt`): \(Self.because); it is counted as outlet `blank`, the name of its folder; \(Self.remedy)",
                "slant: warning: 1 article names no outlet (`loose.txt`): \(Self.because); it lies in no folder and is counted as outlet `unknown`; \(Self.remedy)",
                "slant: warning: 2 articles name no outlet (first: `incoming/wire/a.txt`): \(Self.because); they are counted as outlet `wire`, the name of their folder; \(Self.remedy)",
            ], "\(pass)")
        }
        let outlets = try String(contentsOf: directory.url.appendingPathComponent("reports/data/outlets.csv"), encoding: .utf8)
        let names = outlets.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
        #expect(names == ["blank", "Front Matter Daily", "Named Outlet", "unknown", "wire"])
    }

    @Test func aRunWhoseOutletsAreAllNamedSaysNothingOfThem() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pipeline.yaml", "sources:\n  - path: incoming/*.txt\n    outlet: Wire\nlexicons: []\n")
        try directory.write("incoming/a.txt", Self.article("Ashford"))
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("no outlet"), "\(result.stderr)")
    }

    @Test func outletsAreResolvedWithWhatTheyWereTakenFrom() {
        let source = SourceLocator(path: "corpus/wire/a.txt")
        #expect(OutletResolver.resolve(hint: "Wire", metadata: DocumentMetadata(), source: source) == ("Wire", .named))
        #expect(OutletResolver.resolve(hint: nil, metadata: DocumentMetadata(site: "Site"), source: source) == ("Site", .site))
        #expect(OutletResolver.resolve(hint: nil, metadata: DocumentMetadata(url: "https://www.a.example/x"), source: source) == ("a.example", .domain))
        #expect(OutletResolver.resolve(hint: " \t", metadata: DocumentMetadata(site: ""), source: source) == ("wire", .folder))
        #expect(OutletResolver.resolve(hint: nil, metadata: DocumentMetadata(url: "not a url"), source: SourceLocator(path: "a.txt")) == ("unknown", .unknown))
        #expect(OutletBasis.folder.isAssumed && OutletBasis.unknown.isAssumed)
        #expect(!OutletBasis.named.isAssumed && !OutletBasis.site.isAssumed && !OutletBasis.domain.isAssumed)
    }

    /// Only the documents the corpus counts are listed (a duplicate dropped is not), by outlet name.
    @Test func warningsCountTheCorpusMembersWhoseOutletWasAssumed() {
        let members = ["x/b.txt", "x/a.txt", "y/c.txt"].map { source in
            CorpusMember(digest: source, source: source, outlet: String(source.prefix(1)), analysisKey: "k", articleID: source)
        }
        let assumed: [String: OutletBasis] = ["x/a.txt": .folder, "x/b.txt": .folder, "x/dropped.txt": .folder]
        #expect(PipelineRun.assumedOutletWarnings(members, assumed: assumed) == [
            "slant: warning: 2 articles name no outlet (first: `x/a.txt`): \(Self.because); they are counted as outlet `x`, the name of their folder; \(Self.remedy)"
        ])
        #expect(PipelineRun.assumedOutletWarnings(members, assumed: [:]) == [])
    }
}
