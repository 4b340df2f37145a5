import Foundation
import GRDB
import Testing

/// The kept Poisson bootstrap sums: a run that adds or removes articles updates them, and its
/// statistics are byte for byte those of a run that builds them anew from the same corpus.
@Suite struct KeptReplicatesTests {
    /// The bundled project with `count` more articles in Outlet E (copies of its page, each with its own paragraph).
    private func project(extra count: Int, skipping: Set<Int> = []) throws -> TemporaryDirectory {
        let directory = try bundledProject()
        try addArticles(directory, count, skipping: skipping)
        return directory
    }

    private func addArticles(_ directory: TemporaryDirectory, _ count: Int, skipping: Set<Int> = []) throws {
        let source = directory.url.appendingPathComponent("corpus/outlet-e/fierce-fighting-over-nagorno-karabakh-continues.html")
        let page = try String(contentsOf: source, encoding: .utf8)
        for index in 0..<count where !skipping.contains(index) {
            let paragraph = "Report \(index): shelling near Stepanakert continued, and \(index + 2) villages were occupied, officials said."
            let changed = page.replacingOccurrences(of: "itemprop=\"articleBody\">", with: "itemprop=\"articleBody\">\n<p>\(paragraph)</p>")
            try directory.write("corpus/outlet-e/copy-\(index).html", changed)
        }
    }

    private func run(_ directory: TemporaryDirectory, _ arguments: [String] = []) throws {
        let result = try SlantProcess.run(["run"] + arguments, in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
    }

    private func keptRows(_ directory: TemporaryDirectory) throws -> Int {
        let store = try DatabaseQueue(path: directory.url.appendingPathComponent(".slant/slant.sqlite").path)
        defer { try? store.close() }
        return try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM replicate_members") ?? 0 }
    }

    @Test func addedAndRemovedArticlesGiveTheStatisticsOfAFreshRun() throws {
        let directory = try project(extra: 3)
        try run(directory)
        #expect(try keptRows(directory) == 8)
        try addArticles(directory, 6)
        try run(directory)
        #expect(try keptRows(directory) == 11)
        let fresh = try project(extra: 6)
        try run(fresh)
        let updated = try statisticsLines(directory)
        #expect(updated == (try statisticsLines(fresh)))
        #expect(updated.contains { $0.contains("\"ci_lower\": 4.") })

        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("corpus/outlet-e/copy-1.html"))
        try run(directory)
        #expect(try keptRows(directory) == 10)
        let without = try project(extra: 6, skipping: [1])
        try run(without)
        #expect(try statisticsLines(directory) == (try statisticsLines(without)))
    }

    @Test func reportAloneUsesTheKeptSumsAndAChangedSettingRebuildsThem() throws {
        let directory = try project(extra: 4)
        try run(directory)
        let before = try statisticsLines(directory)
        #expect(try SlantProcess.run(["report"], in: directory.url).status == 0)
        #expect(try statisticsLines(directory) == before)
        let configuration = directory.url.appendingPathComponent("pipeline.yaml")
        let text = try String(contentsOf: configuration, encoding: .utf8)
        try (text + "statistics:\n  resamples: 500\n").write(to: configuration, atomically: true, encoding: .utf8)
        #expect(try SlantProcess.run(["report"], in: directory.url).status == 0)
        let fewer = try statisticsLines(directory)
        #expect(fewer != before)
        let fresh = try project(extra: 4)
        try (text + "statistics:\n  resamples: 500\n").write(to: fresh.url.appendingPathComponent("pipeline.yaml"), atomically: true, encoding: .utf8)
        try run(fresh)
        #expect(try statisticsLines(fresh) == fewer)
    }

    /// The bundled pipeline.yaml with the Mail Online article's plain-text seed as one more page of
    /// Outlet E when `seed`, and Mail Online's own page only when `original`.
    private func originConfiguration(_ directory: TemporaryDirectory, seed: Bool, original: Bool) throws {
        var text = try String(contentsOf: SlantProcess.package.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
        if seed {
            text = text.replacingOccurrences(
                of: "  # Without `outlet:`", with: "  - path: corpus/text/003_788ac0297a8b96ff.txt\n    outlet: Outlet E\n  # Without `outlet:`")
        }
        if !original {
            text = text.replacingOccurrences(of: #"  - path: corpus/mail-online/\*\.html\n    outlet: Mail Online[^\n]*\n"#, with: "", options: .regularExpression)
        }
        try directory.write("pipeline.yaml", text)
    }

    /// A fresh project (three more articles in Outlet E) with that configuration, run once.
    private func freshOriginRun(seed: Bool, original: Bool) throws -> [String] {
        let fresh = try project(extra: 3)
        try originConfiguration(fresh, seed: seed, original: original)
        try run(fresh)
        return try statisticsLines(fresh)
    }

    @Test func anArticleWhoseOriginChangesMovesInTheKeptSums() throws {
        let directory = try project(extra: 3)
        try run(directory)
        // The seed joins Outlet E as a republication of Mail Online's article: in Outlet E's origin
        // group, not in its figures.
        try originConfiguration(directory, seed: true, original: true)
        try run(directory)
        let withCopy = try statisticsLines(directory)
        #expect(withCopy == (try freshOriginRun(seed: true, original: true)))
        #expect(withCopy.contains { $0.contains("origin-share/outlet-e/republished") })
        // Without Mail Online's page the seed is Outlet E's own writing: it moves into Outlet E's figures.
        try originConfiguration(directory, seed: true, original: false)
        try run(directory)
        let own = try statisticsLines(directory)
        #expect(own == (try freshOriginRun(seed: true, original: false)))
        #expect(own != withCopy)
    }
}
