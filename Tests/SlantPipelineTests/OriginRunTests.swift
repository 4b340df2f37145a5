import Foundation
import GRDB
import Testing

/// Origins end to end on the bundled corpus: the plain-text seed of the Mail Online article, added as
/// another outlet's page, is found as its republication, counted once (for Mail Online), shown with
/// the outlet's shares and both figures; signatures are stored once per document.
@Suite struct OriginRunTests {
    static let seed = "corpus/text/003_788ac0297a8b96ff.txt"

    private func project(extra: String = "") throws -> TemporaryDirectory {
        let directory = try bundledProject()
        var text = try String(contentsOf: directory.url.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "  # Without `outlet:`", with: "  - path: \(Self.seed)\n    outlet: Outlet D\n  # Without `outlet:`")
        try directory.write("pipeline.yaml", text + extra)
        return directory
    }

    private func csvRows(_ directory: TemporaryDirectory, _ path: String) throws -> [[String: String]] {
        var text = try String(contentsOf: directory.url.appendingPathComponent(path), encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = ValidateCommandTests.fields(lines[0])
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, ValidateCommandTests.fields($0))) }
    }

    @Test func theRepublishedSeedIsFoundAndCountedForItsOrigin() throws {
        let directory = try project()
        let run = try SlantProcess.run(["run"], in: directory.url)
        #expect(run.status == 0, "\(run.stderr)")
        let articles = try csvRows(directory, "reports/data/articles.csv")
        let copy = try #require(articles.first { $0["source"] == Self.seed })
        #expect(copy["outlet"] == "Outlet D")
        #expect(copy["origin"] == "republished")
        #expect(copy["copies_outlet"] == "Mail Online")
        #expect(copy["counted_for"] == "")
        let matched = try #require(Double(copy["matched_sentences"] ?? ""))
        #expect(matched > 0.7 && matched < 0.85, "\(matched)")
        let original = try #require(articles.first { $0["outlet"] == "Mail Online" })
        #expect(original["origin"] == "own" && original["counted_for"] == "Mail Online")
        // Outlet D has no own writing: no figure of its own, only the figures with its copy.
        let json = jsonObject(try String(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"), encoding: .utf8))
        let statistics = try #require(json["statistics"] as? [[String: Any]])
        let ids = Set(statistics.compactMap { $0["id"] as? String })
        #expect(!ids.contains("loaded-rate/loaded-language-en/outlet-d/authorial"))
        #expect(ids.contains("all-text/loaded-rate/loaded-language-en/outlet-d/authorial"))
        #expect(ids.contains("all-text/stance-index/karabakh-terminology/outlet-d/authorial"))
        let share = try #require(statistics.first { $0["id"] as? String == "origin-share/outlet-d/republished" })
        #expect(share["value"] as? Double == 1)
        // The copy's rate over all text is the copy's own rate (it is Outlet D's only article).
        let origins = try #require(json["origins"] as? [String: Any])
        #expect(origins["count"] as? String == "own")
        let report = try String(contentsOf: directory.url.appendingPathComponent("reports/report.md"), encoding: .utf8)
        #expect(report.contains("## Origin of the text"))
        #expect(report.contains("| Outlet D | 1 | 0% (0) | 100% (1) | 0% (0) |"), "\(report)")
        // Cited like any figure.
        let cite = try SlantProcess.run(["cite", "origin-share/outlet-d/republished"], in: directory.url)
        #expect(cite.status == 0 && cite.stdout.contains("republished from another outlet"), "\(cite.stdout)\(cite.stderr)")
        // One signature per document, made once: a second run adds none.
        let store = directory.url.appendingPathComponent(".slant/slant.sqlite").path
        func signatures() throws -> Int { try DatabaseQueue(path: store).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM origin_signatures") ?? 0 } }
        #expect(try signatures() == 6)
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        #expect(try signatures() == 6)
        #expect(try SlantProcess.run(["report"], in: directory.url).status == 0)
    }

    /// The configuration of `project()`, without Mail Online's page unless `original`.
    private func configure(_ directory: TemporaryDirectory, original: Bool) throws {
        var text = try String(contentsOf: SlantProcess.package.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "  # Without `outlet:`", with: "  - path: \(Self.seed)\n    outlet: Outlet D\n  # Without `outlet:`")
        if !original {
            text = text.replacingOccurrences(
                of: #"  - path: corpus/mail-online/\*\.html\n    outlet: Mail Online[^\n]*\n"#, with: "", options: .regularExpression)
        }
        try directory.write("pipeline.yaml", text)
    }

    /// The kept origin index: ordinal, article id and origin of each member.
    private func keptIndex(_ directory: TemporaryDirectory) throws -> [(ordinal: Int, id: String, kind: String)] {
        let store = try DatabaseQueue(path: directory.url.appendingPathComponent(".slant/slant.sqlite").path)
        defer { try? store.close() }
        return try store.read { db in
            try Row.fetchAll(db, sql: "SELECT ordinal, article_id, kind FROM origin_members ORDER BY ordinal").map { ($0[0], $0[1], $0[2]) }
        }
    }

    @Test func anOriginalJoiningLaterMakesTheKeptCopyRepublishedAsAFreshRunDoes() throws {
        let directory = try bundledProject()
        try configure(directory, original: false)
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        let before = try keptIndex(directory)
        let seedID = try #require(try csvRows(directory, "reports/data/articles.csv").first { $0["source"] == Self.seed }?["id"])
        #expect(before.first { $0.id == seedID }?.kind == "own")

        // Mail Online's page joins: the index is updated, not rebuilt (the members already there keep
        // their ordinals, the new ones come after them), and the seed, already kept, becomes its copy.
        try configure(directory, original: true)
        let run = try SlantProcess.run(["run"], in: directory.url)
        #expect(run.status == 0, "\(run.stderr)")
        let after = try keptIndex(directory)
        #expect(Array(after.prefix(before.count)).map(\.ordinal) == before.map(\.ordinal))
        #expect(Array(after.prefix(before.count)).map(\.id) == before.map(\.id))
        #expect(after.count > before.count && after.dropFirst(before.count).allSatisfy { $0.ordinal >= before.count })
        #expect(after.first { $0.id == seedID }?.kind == "republished")
        let copy = try #require(try csvRows(directory, "reports/data/articles.csv").first { $0["source"] == Self.seed })
        #expect(copy["origin"] == "republished" && copy["copies_outlet"] == "Mail Online")

        let fresh = try bundledProject()
        try configure(fresh, original: true)
        #expect(try SlantProcess.run(["run"], in: fresh.url).status == 0)
        #expect(try statisticsLines(directory) == (try statisticsLines(fresh)))
        let articles = "reports/data/articles.csv"
        #expect(try Data(contentsOf: directory.url.appendingPathComponent(articles)) == (try Data(contentsOf: fresh.url.appendingPathComponent(articles))))

        // And leaving again, the seed is Outlet D's own writing, as in a fresh run without it.
        try configure(directory, original: false)
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        #expect(try keptIndex(directory).first { $0.id == seedID }?.kind == "own")
        let without = try bundledProject()
        try configure(without, original: false)
        #expect(try SlantProcess.run(["run"], in: without.url).status == 0)
        #expect(try statisticsLines(directory) == (try statisticsLines(without)))
    }

    @Test func countAllCountsCopiesForTheOutletsThatRanThem() throws {
        let directory = try project(extra: "origin:\n  count: all\n  window_days: 7\n")
        let run = try SlantProcess.run(["run"], in: directory.url)
        #expect(run.status == 0, "\(run.stderr)")
        let json = jsonObject(try String(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"), encoding: .utf8))
        let ids = Set((json["statistics"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(ids.contains("loaded-rate/loaded-language-en/outlet-d/authorial"))
        #expect(ids.contains("own-writing/loaded-rate/loaded-language-en/outlet-d/authorial") == false)
        let articles = try csvRows(directory, "reports/data/articles.csv")
        #expect(articles.first { $0["source"] == Self.seed }?["counted_for"] == "Outlet D")
    }

    @Test func badOriginSettingsAreRefused() throws {
        let directory = try project(extra: "origin:\n  count: some\n  min_share: 2\n  agencies: [{name: X}]\n")
        let run = try SlantProcess.run(["run"], in: directory.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown `count` `some`; expected own"), "\(run.stderr)")
        #expect(run.stderr.contains("`min_share` is a share of an article's text, at most 1"))
        #expect(run.stderr.contains("an agency needs `name:` and at least one of `marks:`"))
    }
}
