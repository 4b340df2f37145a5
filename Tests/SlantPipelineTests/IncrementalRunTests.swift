import Foundation
import GRDB
import Testing

/// The store: a second run does no work, one new article costs one article, a lexicon
/// edit re-tags without re-cleaning, a removed file drops out, --full redoes everything.
@Suite struct IncrementalRunTests {
    private func run(_ directory: TemporaryDirectory, _ arguments: [String] = []) throws -> SlantProcess.Output {
        let result = try SlantProcess.run(["run"] + arguments, in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    /// A page of the corpus with one more paragraph: a new article, with its own digest.
    private func addArticle(_ directory: TemporaryDirectory, as name: String, paragraph: String) throws {
        let source = directory.url.appendingPathComponent("corpus/outlet-e/fierce-fighting-over-nagorno-karabakh-continues.html")
        var page = try String(contentsOf: source, encoding: .utf8)
        page = page.replacingOccurrences(of: "itemprop=\"articleBody\">", with: "itemprop=\"articleBody\">\n<p>\(paragraph)</p>")
        #expect(page.contains(paragraph))
        try directory.write("corpus/outlet-e/\(name)", page)
    }

    @Test func aSecondRunWithNothingNewCleansAndTagsNothingAndGivesTheSameStatistics() throws {
        let directory = try bundledProject()
        #expect(try run(directory).stdout.contains("5 found · 5 new · 0 changed · 0 unchanged · 0 failed · cleaned 5 · tagged 5"))
        let first = try statisticsLines(directory)
        #expect(try run(directory).stdout.contains("5 found · 0 new · 0 changed · 5 unchanged · 0 failed · cleaned 0 · tagged 0"))
        #expect(try statisticsLines(directory) == first)
    }

    @Test func oneNewArticleCostsOneArticle() throws {
        let directory = try bundledProject()
        _ = try run(directory)
        try addArticle(directory, as: "new.html", paragraph: "Officials in Stepanakert said shelling continued through the night across the region.")
        #expect(try run(directory).stdout.contains("6 found · 1 new · 0 changed · 5 unchanged · 0 failed · cleaned 1 · tagged 1"))
        let articles = try String(contentsOf: directory.url.appendingPathComponent("reports/data/articles.csv"), encoding: .utf8)
        #expect(articles.contains("corpus/outlet-e/new.html"))
    }

    @Test func aChangedFileIsCleanedAgainAndARemovedFileDropsOut() throws {
        let directory = try bundledProject()
        _ = try run(directory)
        try addArticle(directory, as: "fierce-fighting-over-nagorno-karabakh-continues.html", paragraph: "A correction was appended to this article on Friday.")
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("corpus/asbarez/russia-urges-sides-to-karabakh-conflict-to-resume-talks.html"))
        let output = try run(directory).stdout
        #expect(output.contains("4 found · 0 new · 1 changed · 3 unchanged · 0 failed · 1 removed · cleaned 1 · tagged 1"))
        let outlets = try String(contentsOf: directory.url.appendingPathComponent("reports/data/outlets.csv"), encoding: .utf8)
        #expect(!outlets.contains("Asbarez"))
    }

    @Test func aLexiconEditRetagsEveryArticleButCleansNone() throws {
        let directory = try bundledProject()
        _ = try run(directory)
        let lexicon = directory.url.appendingPathComponent("lexicons/karabakh.yaml")
        let text = try String(contentsOf: lexicon, encoding: .utf8)
        try (text + "\n").write(to: lexicon, atomically: true, encoding: .utf8)
        #expect(try run(directory).stdout.contains("5 found · 0 new · 0 changed · 5 unchanged · 0 failed · cleaned 0 · tagged 5"))
    }

    @Test func fullRedoesEverything() throws {
        let directory = try bundledProject()
        _ = try run(directory)
        #expect(try run(directory, ["--full"]).stdout.contains("5 found · 0 new · 0 changed · 5 unchanged · 0 failed · cleaned 5 · tagged 5"))
    }

    @Test func reportAndKWICReadTheStoreWithoutTheCorpus() throws {
        let directory = try bundledProject()
        _ = try run(directory)
        let first = try statisticsLines(directory)
        try FileManager.default.moveItem(at: directory.url.appendingPathComponent("corpus"), to: directory.url.appendingPathComponent("elsewhere"))
        let report = try SlantProcess.run(["report"], in: directory.url)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("5 articles · reports in reports/"))
        #expect(try statisticsLines(directory) == first)
        let kwic = try SlantProcess.run(["kwic", "occupied", "--outlet", "Outlet C", "--voice", "quoted"], in: directory.url)
        #expect(kwic.status == 0)
        #expect(kwic.lines == [String(repeating: " ", count: 30) + "“Just give them the [occupied] lands.   Outlet C 2020-10-14 quoted (Erdogan) · karabakh-terminology territorial-status/occupied"])
        let json = try SlantProcess.run(["kwic", "Artsakh", "--json"], in: directory.url)
        let lines = json.lines.map(jsonObject)
        #expect(lines.count == 4)
        #expect(lines.map { $0["voice"] as? String } == ["authorial", "authorial", "comment", "comment"])
        #expect(try SlantProcess.run(["kwic", "Artsakh", "--outlet", "Nowhere"], in: directory.url).status == 2)
    }

    @Test func reportWithoutARunSaysSo() throws {
        let directory = try bundledProject()
        let result = try SlantProcess.run(["report"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("slant: no store at .slant/slant.sqlite yet; run `slant run` first"))
        // Reading commands never create an empty store as a side effect.
        for command in [["report"], ["kwic", "Artsakh"], ["cite", "stance-index/asbarez/authorial"]] {
            #expect(try SlantProcess.run(command, in: directory.url).status == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(".slant/slant.sqlite").path))
    }
}

/// What a store at the path that is not a Slant store, or busy, does.
@Suite struct StoreSafetyTests {
    @Test func aFileThatIsNotAStoreIsRefusedAndNeverMovedNotEvenByRebuild() throws {
        let directory = try bundledProject()
        let note = "this is not a database, it is a note"
        try directory.write(".slant/slant.sqlite", note)
        let refused = try SlantProcess.run(["run"], in: directory.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(".slant/slant.sqlite is not a Slant store (the file is not an SQLite database); Slant leaves it as it is"))
        #expect(!refused.stderr.contains("--rebuild"))
        let rebuilt = try SlantProcess.run(["run", "--rebuild"], in: directory.url)
        #expect(rebuilt.status == 1)
        #expect(rebuilt.stderr.contains("`--rebuild` moves aside only a Slant store, and .slant/slant.sqlite is not one"))
        #expect(try String(contentsOf: directory.url.appendingPathComponent(".slant/slant.sqlite"), encoding: .utf8) == note)
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(".slant/slant.sqlite.old").path))
    }

    @Test func aDamagedSlantStoreSaysSoAndRebuildReplacesIt() throws {
        let directory = try bundledProject()
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        let store = directory.url.appendingPathComponent(".slant/slant.sqlite")
        // The header stays (it says "a Slant store"); the pages after it are overwritten.
        var bytes = try Data(contentsOf: store)
        for offset in 100..<bytes.count { bytes[offset] = 0xA5 }
        try bytes.write(to: store)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store.path + suffix) }
        let refused = try SlantProcess.run(["run"], in: directory.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(".slant/slant.sqlite is a Slant store that cannot be read"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Run `slant run --rebuild`"))
        let rebuilt = try SlantProcess.run(["run", "--rebuild"], in: directory.url)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("5 found · 5 new"))
        #expect(FileManager.default.fileExists(atPath: store.path + ".old"))
    }

    @Test func anotherApplicationsDatabaseIsNotTouched() throws {
        let directory = try bundledProject()
        let path = directory.url.appendingPathComponent(".slant/slant.sqlite").path
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent(".slant"), withIntermediateDirectories: true)
        let other = try DatabaseQueue(path: path)
        try other.write { db in try db.execute(sql: "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('kept')") }
        try other.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let refused = try SlantProcess.run(["run"], in: directory.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("it is an SQLite database of another application"))
        let rebuilt = try SlantProcess.run(["run", "--rebuild"], in: directory.url)
        #expect(rebuilt.status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aStoreWrittenByANewerSlantIsRefusedWithTheVersions() throws {
        let directory = try bundledProject()
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        let path = directory.url.appendingPathComponent(".slant/slant.sqlite").path
        let store = try DatabaseQueue(path: path)
        try store.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
            try db.execute(sql: "UPDATE meta SET value = '9.0.0' WHERE key = 'written_by'")
        }
        try store.close()
        let refused = try SlantProcess.run(["run"], in: directory.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("was written by Slant 9.0.0, newer than this Slant 0.1.0"), "\(refused.stderr)")
        let kept = try DatabaseQueue(path: path).read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'written_by'"))
        }
        #expect(kept.0.contains("v9-from-the-future"))
        #expect(kept.1 == "9.0.0")
        // Nothing was migrated: the stored migrations are this Slant's nine and the newer one.
        #expect(kept.0.count == 10)
    }
}
