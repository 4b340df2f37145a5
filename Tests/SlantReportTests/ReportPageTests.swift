import Foundation
import SlantCore
import SlantMeasure
import Testing

@testable import SlantReport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small corpus in memory, with terms, loaded words and the evidence behind them.
enum ReportFixture {
    static let facts = LexiconFacts(lexicons: [
        LexiconFacts.Lexicon(
            id: "terms", measure: .terminology, languages: ["en"], stances: ["armenian", "azerbaijani", "neutral"],
            stanceIndex: LexiconFacts.StanceSides(negative: "armenian", positive: "azerbaijani"),
            familyQuestions: ["region-name": "What does the outlet call the region?"]),
        LexiconFacts.Lexicon(
            id: "words", measure: .loadedLanguage, languages: ["en"], categoryLabels: ["violence": "Violence and atrocity"],
            categories: ["violence"]),
    ])

    /// One article: `artsakh` authorial uses of Artsakh, `karabakh` quoted uses of Nagorno-Karabakh (speaker Zakharova),
    /// one loaded word ("massacre") in the outlet's own voice.
    static func article(
        _ id: String, outlet: String, date: String, artsakh: Int = 1, karabakh: Int = 1, title: String? = nil,
        url: String? = nil, sentence: String = "Forces shelled Artsakh positions overnight."
    ) -> ArticleMeasures {
        var evidence: [Evidence] = []
        let scalars = Array(sentence.unicodeScalars)
        let match = sentence.range(of: "Artsakh").map {
            (sentence.unicodeScalars.distance(from: sentence.unicodeScalars.startIndex, to: $0.lowerBound),
             sentence.unicodeScalars.distance(from: sentence.unicodeScalars.startIndex, to: $0.upperBound))
        } ?? (0, min(7, scalars.count))
        for _ in 0..<artsakh {
            evidence.append(
                Evidence(
                    kind: .term, group: "region-name", item: "Artsakh", stance: "armenian", weight: nil, text: "Artsakh",
                    voice: .authorial, speaker: nil, negated: false, comment: nil, sentence: 0, start: match.0,
                    end: match.1, sentenceText: sentence, matchStart: match.0, matchEnd: match.1, lexicon: "terms"))
        }
        for _ in 0..<karabakh {
            evidence.append(
                Evidence(
                    kind: .term, group: "region-name", item: "Nagorno-Karabakh", stance: "neutral", weight: nil,
                    text: "Nagorno-Karabakh", voice: .quoted, speaker: "Zakharova", negated: false, comment: nil, sentence: 1,
                    start: 60, end: 76, sentenceText: "“The Nagorno-Karabakh conflict must end,” Zakharova said.",
                    matchStart: 5, matchEnd: 21, lexicon: "terms"))
        }
        evidence.append(
            Evidence(
                kind: .loaded, group: "violence", item: "massacre", stance: nil, weight: 1, text: "massacre",
                voice: .authorial, speaker: nil, negated: false, comment: nil, sentence: 2, start: 90, end: 98,
                sentenceText: "Witnesses described a massacre.", matchStart: 22, matchEnd: 30, lexicon: "words"))
        return ArticleMeasures(
            id: id, outlet: outlet, source: "corpus/\(id).html", digest: id, title: title ?? "Article \(id)", url: url,
            published: date, language: "en", tokens: 1100,
            voiceTokens: [.authorial: 1000, .quoted: 100, .attributed: 0, .comment: 0], sentences: 12, paragraphs: 4,
            comments: 0, commentTokens: 0, warnings: [],
            termCounts: [
                TermCount(lexicon: "terms", family: "region-name", term: "Artsakh", stance: "armenian", voice: .authorial, count: artsakh),
                TermCount(lexicon: "terms", family: "region-name", term: "Nagorno-Karabakh", stance: "neutral", voice: .quoted, count: karabakh),
            ].filter { $0.count > 0 },
            loadedCounts: [LoadedCount(lexicon: "words", category: "violence", voice: .authorial, hits: 1, weight: 1)],
            words: ["artsakh": artsakh, "the": 40], evidence: evidence)
    }

    static func input(_ articles: [ArticleMeasures], excluded: [ExcludedDocument] = []) throws -> ReportStage.Input {
        let tables = try AggregateStage().process(AggregateStage.Input(measures: articles, excluded: excluded, facts: facts))
        var evidence: [EvidenceReference: Evidence] = [:]
        let byID = Dictionary(uniqueKeysWithValues: articles.map { ($0.id, $0) })
        for statistic in tables.statistics {
            for reference in statistic.evidence {
                if let item = byID[reference.article]?.evidence[reference.index] { evidence[reference] = item }
            }
        }
        let provenance = ReportProvenance(
            slantVersion: "0.0-test", configurationFile: "pipeline.yaml", configurationDigest: ContentDigest(ofParts: ["config"]),
            lexicons: [LexiconProvenance(path: "lexicons/test.yaml", id: "test", version: 1, digest: ContentDigest(ofParts: ["lexicon"]))],
            generatedAt: "2026-11-22T00:00:00Z")
        return ReportStage.Input(tables: tables, provenance: provenance, evidence: evidence)
    }

    /// Every file of a report, the streamed ones included, by path.
    static func files(_ input: ReportStage.Input) throws -> [String: String] {
        let stage = ReportStage()
        var files = Dictionary(uniqueKeysWithValues: try stage.process(input).map { ($0.path, $0.contents) })
        for file in stage.streamed(input) {
            var text = ""
            try file.produce { text += $0 }
            files[file.path] = text
        }
        return files
    }

    /// Three articles per outlet in two months: enough for intervals and a time series.
    static func healthyCorpus() -> [ArticleMeasures] {
        [
            article("a1", outlet: "Alpha", date: "2023-01-10", artsakh: 3),
            article("a2", outlet: "Alpha", date: "2023-01-20", artsakh: 2, karabakh: 0),
            article("a3", outlet: "Alpha", date: "2023-02-05", artsakh: 4),
            article("a4", outlet: "Alpha", date: "2023-02-15", artsakh: 1),
            article("b1", outlet: "Beta", date: "2023-01-12", artsakh: 0, karabakh: 3),
            article("b2", outlet: "Beta", date: "2023-01-22", artsakh: 1, karabakh: 2),
            article("b3", outlet: "Beta", date: "2023-02-08", artsakh: 0, karabakh: 2),
            article("b4", outlet: "Beta", date: "2023-02-18", artsakh: 0, karabakh: 1),
        ]
    }
}

/// What an XML parser sees in a page: well-formedness, elements, attributes, ids and links.
final class PageStructure: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var attributes: [(element: String, name: String, value: String)] = []
    var ids: Set<String> = []
    var fragmentLinks: [String] = []
    var error: Error?

    static func parse(_ html: String) -> PageStructure {
        let structure = PageStructure()
        // XML has no `<!DOCTYPE html>` without a DTD: the parser accepts it as is.
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = structure
        parser.shouldResolveExternalEntities = false
        if !parser.parse() { structure.error = parser.parserError ?? NSError(domain: "xml", code: 1) }
        return structure
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        elements.append(elementName.lowercased())
        for (name, value) in attributeDict {
            attributes.append((elementName.lowercased(), name.lowercased(), value))
            if name == "id" { ids.insert(value) }
            if name == "href", value.hasPrefix("#") { fragmentLinks.append(String(value.dropFirst())) }
        }
    }
}

@Suite struct ReportPageTests {
    @Test func thePageIsWellFormedAndEveryEvidenceLinkResolves() throws {
        let files = try ReportFixture.files(ReportFixture.input(ReportFixture.healthyCorpus()))
        let html = try #require(files["index.html"])
        let page = PageStructure.parse(html)
        #expect(page.error == nil, "\(String(describing: page.error))")
        let evidenceLinks = page.fragmentLinks.filter { $0.hasPrefix("ev-") }
        #expect(evidenceLinks.count >= 15)
        for link in page.fragmentLinks { #expect(page.ids.contains(link), "#\(link) has no element") }
        // The authorial share of Artsakh at Alpha links to a panel that quotes its sentence.
        #expect(page.ids.contains("ev-term-share/terms/alpha/authorial/region-name/artsakh"))
        #expect(html.contains("<span class=\"left\">Forces shelled </span><mark>Artsakh</mark><span class=\"right\"> positions overnight.</span>"))
        // Quoted uses carry their speaker.
        #expect(html.contains("quoted: Zakharova"))
    }

    @Test func thePageIsSelfContainedAndRunsNothing() throws {
        let files = try ReportFixture.files(ReportFixture.input(ReportFixture.healthyCorpus()))
        let html = try #require(files["index.html"])
        let page = PageStructure.parse(html)
        #expect(!page.elements.contains("script"))
        #expect(!page.elements.contains("link"))
        #expect(!page.elements.contains("img"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        for attribute in page.attributes where attribute.name == "href" || attribute.name == "src" {
            #expect(attribute.value.hasPrefix("#") || attribute.value.hasPrefix("http"), "\(attribute)")
        }
    }

    @Test func intervalsAndTimeSeriesAppearWhenTheDataAllowThem() throws {
        let input = try ReportFixture.input(ReportFixture.healthyCorpus())
        let html = try #require(try ReportFixture.files(input)["index.html"])
        let rate = try #require(input.tables.statistics.first { $0.id == "loaded-rate/words/alpha/authorial" })
        let interval = try #require(rate.interval)
        // Each Alpha article has 1 hit in 1,000 authorial tokens, so every resample gives 1.0.
        #expect(rate.value == 1.0)
        #expect(interval.lower == 1.0 && interval.upper == 1.0)
        #expect(html.contains("<span class=\"ci\">[1.0, 1.0]</span>"))
        #expect(!html.contains("What this corpus cannot show"))
        // Two months per outlet: a monthly series, with a point per outlet and month.
        #expect(html.contains("<svg class=\"series\""))
        let january = try #require(input.tables.statistics.first { $0.id == "stance-index/terms/alpha/authorial/2023-01" })
        #expect(january.period == "2023-01")
        #expect(january.articles == 2)
        #expect(january.value == -1)
        #expect(html.contains("href=\"#ev-loaded-rate/words/beta/authorial/2023-02\""))
    }

    @Test func oneArticlePerOutletSaysWhatCannotBeConcludedAndPrintsNoInterval() throws {
        let input = try ReportFixture.input([
            ReportFixture.article("a1", outlet: "Alpha", date: "2023-01-10", artsakh: 3),
            ReportFixture.article("b1", outlet: "Beta", date: "2023-01-12", artsakh: 0, karabakh: 2),
        ])
        let files = try ReportFixture.files(input)
        let html = try #require(files["index.html"])
        #expect(PageStructure.parse(html).error == nil)
        #expect(html.contains("What this corpus cannot show"))
        #expect(!html.contains("class=\"ci\""))
        #expect(html.contains("No pair can be tested"))
        #expect(html.contains("Not enough dates for a time series"))
        #expect(input.tables.statistics.allSatisfy { $0.interval == nil })
        let markdown = try #require(files["report.md"])
        #expect(markdown.contains("**What this corpus cannot show.**"))
        #expect(markdown.contains("| Alpha | own voice | 100% † (3) | 0 | 3 |"))
    }

    @Test func hostileArticleTextShowsAsTextAndRunsNothing() throws {
        let hostileSentence = "<script>alert(1)</script><img src=x onerror=alert(2)> Artsakh <a href=\"javascript:alert(3)\">x</a>"
        var article = ReportFixture.article(
            "h1", outlet: "Evil\"><script>alert(4)</script>", date: "2023-01-10",
            title: "<b onmouseover=alert(5)>Title</b> & <!-- -->", url: "javascript:alert(6)", sentence: hostileSentence)
        article.warnings = ["<iframe src=//evil>"]
        let files = try ReportFixture.files(
            ReportFixture.input(
                [article, ReportFixture.article("o1", outlet: "Other", date: "2023-01-11", url: "https://example.org/a?b=1&c=<2>")],
                excluded: [ExcludedDocument(source: "corpus/<svg onload=alert(7)>.html", stage: "clean", code: "no-article", reason: "<script>")]))
        let html = try #require(files["index.html"])
        let page = PageStructure.parse(html)
        #expect(page.error == nil, "\(String(describing: page.error))")
        for element in ["script", "iframe", "img", "b", "object", "embed"] { #expect(!page.elements.contains(element), "<\(element)>") }
        #expect(page.attributes.allSatisfy { !$0.name.hasPrefix("on") })
        #expect(page.attributes.allSatisfy { !$0.value.lowercased().contains("javascript:") || $0.name == "title" || $0.name == "aria-label" })
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;b onmouseover=alert(5)&gt;Title&lt;/b&gt; &amp; &lt;!-- --&gt;"))
        // A safe URL is kept, escaped; a javascript: URL is shown as no link at all.
        #expect(html.contains("href=\"https://example.org/a?b=1&amp;c=&lt;2&gt;\""))
        let markdown = try #require(files["report.md"])
        #expect(!markdown.contains("<script"))
        #expect(!markdown.contains("](javascript:"))
    }

    @Test func spreadsheetFormulasInCellsAreNeutralised() throws {
        let article = ReportFixture.article("f1", outlet: "=cmd|' /C calc'!A0", date: "2023-01-10", title: "@SUM(1+1)")
        let files = try ReportFixture.files(ReportFixture.input([article]))
        let articles = try #require(files["data/articles.csv"])
        #expect(articles.contains("'=cmd|' /C calc'!A0"))
        #expect(articles.contains("'@SUM(1+1)"))
        for line in articles.split(separator: "\r\n") {
            for cell in line.split(separator: ",") {
                #expect(!(cell.hasPrefix("=") || cell.hasPrefix("@") || cell.hasPrefix("+")), "\(cell)")
            }
        }
    }

    @Test func aFailedWriteLeavesTheLastGoodReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slant-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = ReportWriter(directory: directory.path)
        try writer.write([ReportFile(path: "index.html", contents: "good"), ReportFile(path: "data/a.csv", contents: "a")])
        struct Interrupted: Error {}
        let failing = StreamedReportFile(path: "data/evidence.csv") { append in
            append("half")
            throw Interrupted()
        }
        #expect(throws: ReportWriteError.self) {
            try writer.write([ReportFile(path: "index.html", contents: "bad"), ReportFile(path: "data/a.csv", contents: "b")], streamed: [failing])
        }
        #expect(try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8) == "good")
        #expect(try String(contentsOf: directory.appendingPathComponent("data/a.csv"), encoding: .utf8) == "a")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("data/evidence.csv").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.deletingLastPathComponent().path)
            .filter { $0.hasPrefix("." + directory.lastPathComponent + ".slant-staging-") }
        #expect(leftovers.isEmpty)
    }
}
