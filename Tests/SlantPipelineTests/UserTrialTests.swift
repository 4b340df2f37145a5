import Foundation
import Testing

/// What a user trial of the command line found, on the bundled project: distancing named truthfully
/// (not all of it is in quotation marks), `kwic`'s voices and counts agreeing with the report's,
/// `scan`'s exit status agreeing with its help, category tables showing 0 for no hit, citations a
/// paper can use, and another tool's dictionary named as such.
@Suite(.serialized) struct UserTrialTests {
    nonisolated(unsafe) static let project: TemporaryDirectory? = {
        guard let directory = try? bundledProject(), (try? SlantProcess.run(["run"], in: directory.url))?.status == 0 else { return nil }
        return directory
    }()

    private func slant(_ arguments: [String]) throws -> SlantProcess.Output {
        let directory = try #require(Self.project)
        return try SlantProcess.run(arguments, in: directory.url)
    }

    /// Help text with its line wrapping undone: runs of whitespace as one space.
    static func unwrapped(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func report(_ name: String) throws -> String {
        let directory = try #require(Self.project)
        return try String(contentsOf: directory.url.appendingPathComponent("reports/\(name)"), encoding: .utf8)
    }

    // MARK: - A2: distanced, not "scare quotes"

    @Test func aQualifiedTermIsCitedAsDistancedNotAsInScareQuotes() throws {
        // Asbarez: "in Varanda, formerly Fizouli": no quotation mark, a qualifier.
        let cite = try slant(["cite", "term-share/karabakh-terminology/asbarez/authorial-distanced/place-varanda/fuzuli"])
        #expect(cite.status == 0, "\(cite.stderr)")
        #expect(cite.stdout.contains(
            "share of “Fuzuli” among the place-varanda terms in the outlet's own voice (distanced: in scare quotes or after a qualifier such as “so-called”, “self-proclaimed”, “formerly”) 100%"),
            "\(cite.stdout)")
        #expect(!cite.stdout.contains("(in scare quotes)"))
        let bibtex = try slant(["cite", "term-share/karabakh-terminology/asbarez/authorial-distanced/place-varanda/fuzuli", "--format", "bibtex"])
        #expect(bibtex.stdout.contains("(distanced: in scare quotes or after a qualifier such as"), "\(bibtex.stdout)")
    }

    @Test func theReportsNameTheRowDistanced() throws {
        let markdown = try report("report.md")
        #expect(!markdown.contains("| scare quotes |"))
        #expect(markdown.contains("|  | distanced | "))
        let html = try report("index.html")
        #expect(!html.contains(">scare quotes<"))
        #expect(html.contains("<td class=\"voice\">distanced</td>"))
        #expect(html.contains("(<em>distanced</em>, kept apart: in scare quotes, a short quoted span, or after a distancing qualifier"))
        let json = try report("statistics.json")
        #expect(!json.contains("(in scare quotes)"))
    }

    @Test func kwicTakesDistancedAndItsOldNameScareQuoted() throws {
        let distanced = try slant(["kwic", "Fuzuli", "--voice", "distanced", "--json"])
        #expect(distanced.status == 0, "\(distanced.stderr)")
        #expect(!distanced.lines.isEmpty)
        #expect(distanced.lines.map(jsonObject).allSatisfy { $0["voice"] as? String == "authorial" && $0["distanced"] as? Bool == true })
        #expect(try slant(["kwic", "Fuzuli", "--voice", "scare-quoted", "--json"]).lines == distanced.lines)
        #expect(try slant(["kwic", "Fuzuli", "--voice", "authorial-distanced", "--json"]).lines == distanced.lines)
        let help = try slant(["kwic", "--help"])
        #expect(Self.unwrapped(help.stdout).contains("authorial-distanced (distanced: in scare quotes or after a qualifier such as “so-called”, “formerly”; old name scare-quoted)"), "\(help.stdout)")
    }

    // MARK: - A3: own voice is what the report counts as own

    @Test func ownVoiceLeavesOutDistancedUsesAsTheReportDoes() throws {
        let own = try slant(["kwic", "occupied", "--voice", "own", "--json"])
        #expect(own.status == 0, "\(own.stderr)")
        // Only Mail Online's adopted "occupy"; Outlet C's `give up “occupied” land` is distanced, as
        // the report counts it (own voice 0, distanced 1).
        let lines = own.lines.map(jsonObject)
        #expect(lines.map { $0["outlet"] as? String } == ["Mail Online"])
        #expect(lines.map { $0["distanced"] as? Bool } == [false])
        #expect(try slant(["kwic", "occupied", "--voice", "authorial", "--json"]).lines == own.lines)
        let text = try slant(["kwic", "occupied", "--voice", "own"])
        #expect(!text.stdout.contains("give up “[occupied]” land"))
        #expect(text.stderr == "1 occurrence of “occupied” in 1 article(s)\n", "\(text.stderr)")
        let distanced = try slant(["kwic", "occupied", "--voice", "distanced", "--json"]).lines.map(jsonObject)
        #expect(distanced.map { $0["outlet"] as? String } == ["Outlet C"])
    }

    // MARK: - C3: articles counted over every occurrence

    @Test func theArticleCountIsOverEveryOccurrenceNotTheLinesShown() throws {
        // Seven Armenian-side occurrences (the three off-topic "genocide" comments are not counted)
        // in three articles; the first three lines shown are all Asbarez's.
        let all = try slant(["kwic", "armenian"])
        let limited = try slant(["kwic", "armenian", "--limit", "3"])
        #expect(all.status == 0 && limited.status == 0)
        #expect(limited.lines.count == 3)
        #expect(all.stderr == "7 occurrences of “armenian” in 3 article(s)\n", "\(all.stderr)")
        #expect(limited.stderr == "7 occurrences of “armenian” (showing 3) in 3 article(s)\n", "\(limited.stderr)")
    }

    // MARK: - C4: scan exits 1 when a file cannot be read

    @Test func scanningAFileThatIsNotAWARCExitsOne() throws {
        let directory = try #require(Self.project)
        try directory.write("notes.txt", "Not a WARC file.\n")
        let scan = try slant(["scan", "notes.txt"])
        #expect(scan.status == 1)
        #expect(scan.stdout.hasPrefix("notes.txt: 1 records · 0 pages · 1 unreadable · "), "\(scan.stdout)")
        let help = try slant(["scan", "--help"])
        #expect(Self.unwrapped(help.stdout).contains("Exit status: 0 when every record of every file was read, 1 when a file or any record in it could not be read"), "\(help.stdout)")
    }

    // MARK: - D2: zero hits are 0, not "no data"

    @Test func categoryTablesShowZeroForACategoryWithNoHit() throws {
        let markdown = try report("report.md")
        let sections = markdown.components(separatedBy: "#### By category, in the outlet's own voice").dropFirst()
        #expect(!sections.isEmpty)
        var zeros = 0
        for section in sections {
            let rows = section.components(separatedBy: "\n\n")[1].split(separator: "\n").dropFirst(2)
            for row in rows {
                let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.dropFirst()
                #expect(!cells.contains("—"), "\(row)")
                zeros += cells.filter { $0 == "0.0" || $0 == "0.0 †" }.count
            }
        }
        #expect(zeros > 0)
        let html = try report("index.html")
        let categories = try #require(html.components(separatedBy: "By category, in the outlet's own voice</h4>").dropFirst().first)
        let table = try #require(categories.components(separatedBy: "</table>").first)
        #expect(!table.contains("<span class=\"none\">—</span>"))
        #expect(table.contains(">0.0</span></td>"))
    }

    // MARK: - D3: BibTeX a paper can use

    @Test func bibtexHasASCIIMinusSignsAndAURLOnlyUnderABaseURL() throws {
        let plain = try slant(["cite", "stance-index/asbarez/authorial", "--format", "bibtex"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("-1.00 (4 term occurrences"), "\(plain.stdout)")
        #expect(!plain.stdout.unicodeScalars.contains("\u{2212}"))
        #expect(!plain.stdout.contains("url = "))
        let based = try slant(["cite", "stance-index/asbarez/authorial", "--format", "bibtex", "--base-url", "https://example.org/study/reports/"])
        #expect(based.stdout.contains(
            "  url = {https://example.org/study/reports/index.html#ev-stance-index/karabakh-terminology/asbarez/authorial},\n"), "\(based.stdout)")
        let relative = try slant(["cite", "stance-index/asbarez/authorial", "--format", "bibtex", "--base-url", "reports"])
        #expect(relative.status == 2)
        #expect(relative.stderr.contains("--base-url must be an absolute http:// or https:// address"))
        // The text form keeps its true minus signs.
        #expect(try slant(["cite", "stance-index/asbarez/authorial"]).stdout.contains("−1.00 (4 term occurrences"))
    }

    // MARK: - D4: another tool's dictionary

    @Test func aLIWCDictionaryOrAWordListIsNamedWithTheCommandThatConvertsIt() throws {
        let directory = try #require(Self.project)
        try directory.write("mine.dic", "%\n1\tanger\n%\nfury\t1\nrage*\t1\n")
        try directory.write("words.txt", "bloodbath\nmassacre\t2\n")
        try directory.write("article.txt", "Title\n\nA massacre of words.\n")
        let liwc = try slant(["analyze", "article.txt", "--lexicon", "mine.dic"])
        #expect(liwc.status == 2)
        #expect(liwc.stderr == "mine.dic: error: this is a LIWC-style dictionary (.dic), not a Slant lexicon (YAML); convert it with `slant lexicon import --liwc mine.dic -o mine.yaml` and pass mine.yaml to --lexicon\n", "\(liwc.stderr)")
        let words = try slant(["analyze", "article.txt", "--lexicon", "words.txt"])
        #expect(words.status == 2)
        #expect(words.stderr == "words.txt: error: this is a plain word list, not a Slant lexicon (YAML); convert it with `slant lexicon import --words words.txt -o words.yaml` and pass words.yaml to --lexicon\n", "\(words.stderr)")
        // The commands it names work, and what they write is accepted.
        #expect(try slant(["lexicon", "import", "--liwc", "mine.dic", "-o", "mine.yaml"]).status == 0)
        #expect(try slant(["analyze", "article.txt", "--lexicon", "mine.yaml"]).status == 0)
        #expect(try slant(["lexicon", "import", "--words", "words.txt", "-o", "words.yaml"]).status == 0)
        #expect(try slant(["analyze", "article.txt", "--lexicon", "words.yaml"]).status == 0)
        // A broken YAML lexicon still gets the loader's own error.
        try directory.write("broken.yaml", "id: broken\nentries: [\n")
        let broken = try slant(["analyze", "article.txt", "--lexicon", "broken.yaml"])
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("broken.yaml:"))
        #expect(!broken.stderr.contains("lexicon import"))
    }

    // MARK: - D1, A5: what the report's columns and n mean

    @Test func theReadmeAndTheMethodsSayWhatHeadlinesAndSharedSpansCount() throws {
        let readme = try String(contentsOf: SlantProcess.package.appendingPathComponent("README.md"), encoding: .utf8)
        let reading = try #require(readme.components(separatedBy: "## Reading the report").dropFirst().first?.components(separatedBy: "\n## ").first)
        #expect(reading.contains("*Headlines* is the outlet's own words in its headlines and\nstandfirsts"))
        #expect(reading.contains("In every table **—** means\nno data"))
        #expect(reading.contains("\"Artsakh forces\" counts once as the actor label *Artsakh forces* and once as\n  the region name *Artsakh*"))
        let markdown = try report("report.md")
        #expect(markdown.contains("so “Artsakh forces” counts both as the actor label and as the region name *Artsakh*; the stance index counts such a span once."))
        let html = try report("index.html")
        #expect(html.contains("so “Artsakh forces” counts both as the actor label and as the region name <em>Artsakh</em>."))
    }
}
