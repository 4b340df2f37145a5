import Foundation
import SlantCore
import SlantMeasure
import Testing

@testable import SlantReport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What the report files hold, checked the way their readers read them: numbers that load as
/// numbers, every table in both renderings, escaping and bidi isolation of every user string.
@Suite struct ReportOutputTests {
    /// `count` articles per outlet; Alpha's each have a loaded word, Beta's none: a contrast with p < 0.001.
    static func separated(count: Int = 10) -> [ArticleMeasures] {
        (0..<count).flatMap { index in
            [
                ReportFixture.article("a\(index)", outlet: "Alpha", date: "2023-0\(index % 2 + 1)-1\(index % 9)", artsakh: 3, karabakh: 0),
                {
                    var article = ReportFixture.article("b\(index)", outlet: "Beta", date: "2023-0\(index % 2 + 1)-1\(index % 9)", artsakh: 1, karabakh: 2)
                    article.loadedCounts = []
                    article.evidence.removeAll { $0.kind == .loaded }
                    return article
                }(),
            ]
        }
    }

    @Test func everyCSVLoadsWithNumbersInItsNumericColumnsAndHostileTextNeutralised() throws {
        var hostile = ReportFixture.article("f1", outlet: "-cmd|' /C calc'!A0", date: "2023-01-10", title: "=HYPERLINK(\"x\")")
        hostile.url = "+1"
        let files = try ReportFixture.files(ReportFixture.input(ReportFixture.healthyCorpus() + [hostile]))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slant-csv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (path, contents) in files where path.hasSuffix(".csv") {
            let file = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: file)
        }
        // A negative stance index is there to be read back as a number.
        #expect(files["data/statistics.csv"]?.contains(",-1.0,") == true)
        let script = """
            import csv, glob, os, sys
            numeric = {
                "statistics.csv": ["value", "ci_lower", "ci_upper", "n_articles", "n_occurrences", "n_total", "p_value", "q_value", "log_ratio"],
                "articles.csv": ["tokens", "authorial_tokens", "quoted_tokens", "attributed_tokens", "sentences", "paragraphs", "comments", "comment_tokens"],
                "outlets.csv": ["articles", "tokens", "authorial_tokens", "quoted_tokens", "attributed_tokens", "sentences", "comments", "comment_tokens"],
                "term_counts.csv": ["count"],
                "loaded_counts.csv": ["hits", "weight"],
            }
            text = {"articles.csv": ["outlet", "title", "url"], "statistics.csv": ["outlet"]}
            problems = []
            for path in sorted(glob.glob(os.path.join(sys.argv[1], "data", "*.csv"))):
                name = os.path.basename(path)
                with open(path, newline="", encoding="utf-8") as handle:
                    rows = list(csv.DictReader(handle))
                for column in numeric.get(name, []):
                    for row in rows:
                        cell = row[column]
                        if cell == "":
                            continue
                        try:
                            float(cell)  # what pandas' numeric inference accepts
                        except ValueError:
                            problems.append(f"{name}:{column}:{cell!r}")
                for column in text.get(name, []):
                    for row in rows:
                        if row[column][:1] in ("=", "+", "-", "@"):
                            problems.append(f"{name}:{column}: live formula {row[column]!r}")
            print("\\n".join(problems) if problems else "ok")
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, directory.path]
        let pipe = Pipe()
        python.standardOutput = pipe
        python.standardError = Pipe()
        do { try python.run() } catch { return }  // no python3: nothing to check against
        python.waitUntilExit()
        guard python.terminationStatus != 127 else { return }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    @Test func numericCellsAreNumbersAndTextCellsAreNeutralised() {
        #expect(CSVCell.number(-0.6).field == "-0.6")
        #expect(CSVCell.integer(-3).field == "-3")
        #expect(CSVCell.number(.nan).field == "")
        #expect(CSVCell.text("-0.6").field == "'-0.6")
        #expect(CSVCell.text("=1+1").field == "'=1+1")
    }

    @Test func theMarkdownHasEveryTableOfThePage() throws {
        var corpus = ReportFixture.healthyCorpus()
        // Reader comments use the terms too: a comment row in the terminology table.
        corpus[0].termCounts.append(TermCount(lexicon: "terms", family: "region-name", term: "Artsakh", stance: "armenian", voice: .comment, count: 2))
        corpus[0].commentTokens = 50
        corpus[0].voiceTokens[.comment] = 50
        let files = try ReportFixture.files(ReportFixture.input(corpus))
        let markdown = try #require(files["report.md"])
        #expect(markdown.contains("### Stance index (terms)"))
        #expect(markdown.contains("### Loaded-language rate per 1,000 tokens (words)"))
        #expect(markdown.contains("| 2023-01 | −1.00 † | +0.00 † |") || markdown.contains("| 2023-01 | −1.00"))
        #expect(markdown.contains("|  | comments | 100% † (2) | 0 | 2 |"))
        // Intervals in brackets, with true minus signs.
        #expect(markdown.contains("| Alpha | −1.00 [−1.00, −1.00] |"))
        #expect(!markdown.contains("–−"))
        let html = try #require(files["index.html"])
        #expect(html.contains("<td class=\"voice\">comments</td>"))
        #expect(html.contains("<span class=\"ci\">[−1.00, −1.00]</span>"))
    }

    @Test func aPValueBelowOneThousandthKeepsThePageWellFormed() throws {
        let input = try ReportFixture.input(Self.separated())
        let contrast = try #require(input.tables.statistics.first { $0.id == "contrast/loaded-rate/words/authorial/alpha/beta" })
        #expect((contrast.pValue ?? 1) < 0.001)
        #expect(contrast.occurrences == 10)  // hits, never a signed difference
        let stance = try #require(input.tables.statistics.first { $0.id == "contrast/stance-index/terms/authorial/alpha/beta" })
        #expect(stance.value == 0)
        #expect(stance.occurrences == 40)  // term occurrences of both outlets, although the difference of index sums is −40
        let files = try ReportFixture.files(input)
        let html = try #require(files["index.html"])
        #expect(PageStructure.parse(html).error == nil)
        #expect(html.contains("&lt; 0.001"))
        #expect(try #require(files["report.md"]).contains("&lt; 0.001"))
    }

    @Test func bibtexKeysAreUniqueAndTheURLIsAbsoluteUnderABaseURLOnly() throws {
        let long = String(repeating: "long-family-name-", count: 5)
        let first = Statistic(id: "term-share/terms/alpha/authorial/\(long)/a", kind: .termShare, label: "x", value: 0.5, unit: "share", articles: 1, occurrences: 1, total: 2, sufficient: false)
        var second = first
        second.id = "term-share/terms/alpha/authorial/\(long)/b"
        #expect(Citation.bibtexKey(first.id) != Citation.bibtexKey(second.id))
        var context = CitationContext(slantVersion: "0", corpusDigest: ContentDigest(ofParts: ["c"]), lexicons: [], generatedAt: "2026-01-01T00:00:00Z")
        let entry = Citation.render(first, context: context, format: .bibtex)
        #expect(!entry.contains("url"))
        #expect(entry.hasPrefix("@misc{\(Citation.bibtexKey(first.id)),"))
        context.baseURL = "https://example.org/r/"
        let based = Citation.render(first, context: context, format: .bibtex)
        #expect(based.contains("\n  url = {https://example.org/r/index.html#ev-term-share/terms/alpha/authorial/\(long)/a},\n  note = {"))
    }

    @Test func bibtexTitlesUseASCIIMinusSignsAndEscapeTeX() throws {
        let index = Statistic(
            id: "stance-index/t/o/authorial", kind: .stanceIndex, label: "Stance index 50% & {more}_#$ \\ ~^", outlet: "\u{2067}أ\u{2069}",
            value: -0.5, unit: "index", interval: Interval(lower: -1, upper: -0.25), articles: 12, occurrences: 4, total: 4, sufficient: true)
        let context = CitationContext(slantVersion: "0", corpusDigest: ContentDigest(ofParts: ["c"]), lexicons: [], generatedAt: "2026-01-01T00:00:00Z")
        let entry = Citation.render(index, context: context, format: .bibtex)
        #expect(entry.contains("stance index 50\\% \\& \\{more\\}\\_\\#\\$ \\textbackslash{} \\textasciitilde{}\\textasciicircum{} -0.50 (95\\% CI [-1.00, -0.25]; 4 term occurrences)"), "\(entry)")
        #expect(!entry.unicodeScalars.contains { $0 == "\u{2212}" || (0x2066...0x2069).contains($0.value) })
        #expect(Citation.render(index, context: context, format: .text).contains("−0.50 (95% CI [−1.00, −0.25]"))
    }

    @Test func userStringsAreEscapedInTheMarkdown() throws {
        var article = ReportFixture.article("id`with``ticks|pipe", outlet: "Evil <img src=x onerror=alert(1)>", date: "<img src=x onerror=alert(2)>")
        article.title = "Title *bold* [link](javascript:alert(3)) & <b>"
        let files = try ReportFixture.files(ReportFixture.input([article, ReportFixture.article("o1", outlet: "Other", date: "2023-01-02")]))
        let markdown = try #require(files["report.md"])
        #expect(!markdown.contains("<img"))
        #expect(!markdown.contains("<b>"))
        #expect(markdown.contains("&lt;img src=x onerror=alert(2)&gt;"))
        // The id is one code span: fenced with more backticks than it holds, its pipe escaped.
        #expect(markdown.contains("| ```id`with``ticks\\|pipe``` |"))
        #expect(markdown.contains("Title \\*bold\\* \\[link\\](javascript:alert(3)) &amp; &lt;b&gt;"))
        // Every table row keeps its columns.
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") && line.contains("id`") {
            let unescaped = line.replacingOccurrences(of: "\\|", with: "")
            #expect(unescaped.filter { $0 == "|" }.count == 7, "\(line)")
        }
    }

    @Test func anUnterminatedRightToLeftOverrideReversesNothingBeyondItsName() throws {
        let outlet = "Evil\u{202E}News"
        let files = try ReportFixture.files(ReportFixture.input([
            ReportFixture.article("r1", outlet: outlet, date: "2023-01-10", title: "\u{202B}Embedded \u{2067}isolate"),
            ReportFixture.article("o1", outlet: "Other", date: "2023-01-11"),
        ]))
        for path in ["report.md", "index.html"] {
            let text = try #require(files[path])
            #expect(text.contains("\u{2068}Evil\u{202E}News\u{202C}\u{2069}"), "\(path)")
            #expect(BidiText.balanced(text) == text, "\(path)")
        }
        // Every line of the Markdown closes every control it opens.
        for line in try #require(files["report.md"]).split(separator: "\n") {
            #expect(BidiText.balanced(String(line)) == String(line), "\(line.prefix(120))")
        }
        #expect(BidiText.isolate("plain") == "plain")
        #expect(BidiText.balanced("a\u{202C}b\u{2069}c") == "abc")
        #expect(BidiText.isolate("שלום") == "\u{2068}שלום\u{2069}")
    }

    @Test func outletsWhoseSlugsCollideGetDistinctIDsAndAWarning() throws {
        let input = try ReportFixture.input([
            ReportFixture.article("c1", outlet: "Outlet C", date: "2023-01-10"),
            ReportFixture.article("c2", outlet: "Outlet-C", date: "2023-01-11"),
            ReportFixture.article("d1", outlet: "Outlet D", date: "2023-01-12"),
        ])
        let ids = input.tables.statistics.map(\.id)
        #expect(Set(ids).count == ids.count)
        let aliases = input.tables.statistics.flatMap(\.aliases)
        #expect(Set(aliases + ids).count == aliases.count + ids.count)
        let c = try #require(input.tables.statistics.first { $0.kind == .stanceIndex && $0.outlet == "Outlet C" && $0.voice == .authorial })
        let dash = try #require(input.tables.statistics.first { $0.kind == .stanceIndex && $0.outlet == "Outlet-C" && $0.voice == .authorial })
        let slugC = "outlet-c-" + ContentDigest(ofParts: ["Outlet C"]).prefix(6)
        let slugDash = "outlet-c-" + ContentDigest(ofParts: ["Outlet-C"]).prefix(6)
        #expect(c.id == "stance-index/terms/\(slugC)/authorial")
        #expect(dash.id == "stance-index/terms/\(slugDash)/authorial")
        // The shared slug names neither of them.
        #expect(!ids.contains { $0.contains("/outlet-c/") })
        #expect(input.tables.statistics.first { $0.outlet == "Outlet D" }?.id.contains("/outlet-d/") == true)
        #expect(input.tables.warnings == [
            "outlets “Outlet C” and “Outlet-C” have the same slug `outlet-c`: their statistic IDs use `\(slugC)` and `\(slugDash)` instead"
        ])
        // Input order does not decide who gets which.
        let reversed = try ReportFixture.input([
            ReportFixture.article("d1", outlet: "Outlet D", date: "2023-01-12"),
            ReportFixture.article("c2", outlet: "Outlet-C", date: "2023-01-11"),
            ReportFixture.article("c1", outlet: "Outlet C", date: "2023-01-10"),
        ])
        #expect(Set(reversed.tables.statistics.map(\.id)) == Set(ids))
    }

    @Test func stanceColoursAndOutletLineColoursNeverMeet() throws {
        let lexicon = try #require(ReportFixture.facts.lexicon("terms"))
        var stanceColours = Set<String>()
        for stance in lexicon.stances {
            for rank in 0..<5 { stanceColours.insert(HTMLCharts.termColor(stance: stance, rank: rank, lexicon: lexicon)) }
        }
        var sideless = lexicon
        sideless.stanceIndex = nil
        for stance in ["a", "b", "c"] {
            sideless.stances = ["a", "b", "c"]
            for rank in 0..<5 { stanceColours.insert(HTMLCharts.termColor(stance: stance, rank: rank, lexicon: sideless)) }
        }
        func rgb(_ hex: String) -> (Double, Double, Double) {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            return (Double(value >> 16 & 0xFF), Double(value >> 8 & 0xFF), Double(value & 0xFF))
        }
        for outlet in HTMLCharts.outletColors {
            for stance in stanceColours {
                let (a, b) = (rgb(outlet), rgb(stance))
                let distance = ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)).squareRoot()
                #expect(distance >= 75, "\(outlet) is too close to the stance colour \(stance)")
            }
        }
    }

    @Test func distinctiveVocabularyLeavesOutFunctionWordsAndSaysWhichList() throws {
        var alpha = ReportFixture.article("a1", outlet: "Alpha", date: "2023-01-10")
        alpha.words = ["the": 300, "shelling": 20, "of": 80]
        var beta = ReportFixture.article("b1", outlet: "Beta", date: "2023-01-11")
        beta.words = ["the": 10, "talks": 30, "of": 5]
        let input = try ReportFixture.input([alpha, beta])
        let words = input.tables.statistics.filter { $0.kind == .keyness }.compactMap(\.word)
        #expect(words.contains("shelling"))
        #expect(!words.contains("the"))
        #expect(!words.contains("of"))
        #expect(input.tables.stopwords.map(\.language) == ["en"])
        let files = try ReportFixture.files(input)
        #expect(try #require(files["report.md"]).contains("Function words are left out: en: Snowball English stop list (snowballstem.org, 3-clause BSD), 174 words."))
        #expect(try #require(files["statistics.json"]).contains("\"source\": \"Snowball English stop list (snowballstem.org, 3-clause BSD)\""))
    }
}
