import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A page written to attack whoever opens the report: its markup must come out as text.
@Suite struct HostileReportTests {
    static let page = """
        <!DOCTYPE html><html><head><meta charset="utf-8">
        <title>&lt;script&gt;alert('title')&lt;/script&gt; Shelling near Artsakh</title>
        <link rel="canonical" href="javascript:alert('canonical')">
        <meta property="og:site_name" content="Outlet E">
        <meta property="article:published_time" content="2020-10-23T08:00:00Z">
        <script>document.write('<img src=x onerror=alert(1)>')</script>
        </head><body onload="alert('body')">
        <article><h1>&lt;img src=x onerror=alert('headline')&gt; Shelling near Artsakh</h1>
        <p>Residents said the shelling of Artsakh villages continued overnight, and &lt;script&gt;alert('body text')&lt;/script&gt;
        was painted on a wall near the square, where a <a href="javascript:alert('link')">link</a> had been posted by unknown people.
        <p>The occupied districts saw heavy fighting again on Tuesday, officials in the capital reported to journalists gathered
        at the ministry, and the <b onmouseover="alert('bold')">brutal</b> attacks went on <i>for hours <u>into the night
        <p>Local officials said they feared a massacre if the fighting did not stop before the weekend, and appealed for calm.
        <div class="comments"><ol class="comment-list">
        <li class="comment"><div class="comment-author vcard"><cite class="fn">&lt;svg onload=alert('author')&gt;</cite></div>
        <div class="comment-content"><p>&lt;script&gt;alert('comment')&lt;/script&gt; These occupiers are terrorists!</p></div></li>
        </ol></div>
        </body></html>
        """

    @Test func aHostilePageShowsAsTextInEveryReportAndRunsNothing() throws {
        let directory = try bundledProject()
        try directory.write("corpus/outlet-e/hostile.html", Self.page)
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let reports = directory.url.appendingPathComponent("reports")
        let html = try String(contentsOf: reports.appendingPathComponent("index.html"), encoding: .utf8)

        let parser = XMLParser(data: Data(html.utf8))
        let collector = ElementCollector()
        parser.delegate = collector
        #expect(parser.parse(), "index.html is not well-formed: \(String(describing: parser.parserError))")
        for element in ["script", "img", "iframe", "object", "b", "u", "i"] {
            #expect(!collector.elements.contains(element), "<\(element)> in the report")
        }
        #expect(collector.attributes.allSatisfy { !$0.name.hasPrefix("on") }, "event handler attribute in the report")
        #expect(collector.attributes.filter { $0.name == "href" }.allSatisfy { !$0.value.lowercased().hasPrefix("javascript:") })
        for link in collector.links { #expect(collector.ids.contains(link), "#\(link) has no element") }
        // The hostile text is there, as text.
        #expect(html.contains("&lt;img src=x onerror=alert(&#39;headline&#39;)&gt; Shelling near Artsakh"))
        #expect(html.contains("&lt;script&gt;alert(&#39;body text&#39;)&lt;/script&gt;"))

        let markdown = try String(contentsOf: reports.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(!markdown.contains("<script"))
        #expect(markdown.contains("&lt;img src=x onerror=alert('headline')&gt; Shelling near Artsakh"))
        let evidence = try String(contentsOf: reports.appendingPathComponent("data/evidence.csv"), encoding: .utf8)
        #expect(evidence.contains("<script>alert('comment')</script> These occupiers are terrorists!"))
    }
}

/// JSON Lines records whose every field attacks the report: the Markdown and the page show them as
/// text, an unterminated right-to-left override stays inside its name, and outlets whose names
/// slug alike keep apart statistic IDs.
@Suite struct HostileRecordTests {
    @Test func hostileRecordFieldsAreEscapedIsolatedAndKeptApart() throws {
        let directory = try TemporaryDirectory()
        let text = "Residents of Artsakh said the shelling of the villages continued overnight, and officials said they feared a massacre."
        func record(_ fields: [String: String]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: fields.merging(["text": text]) { first, _ in first }, options: [.sortedKeys]), as: UTF8.self)
        }
        try directory.write("feed.jsonl", [
            try record(["id": "x`y``z", "outlet": "Evil\u{202E}News", "published": "2020-09-30", "title": "<img src=x onerror=alert(1)>", "url": "https://e.example/1"]),
            try record(["id": "c1", "outlet": "Outlet C", "published": "2020-10-01", "title": "Two", "url": "https://c.example/1"]),
            try record(["id": "c2", "outlet": "Outlet-C", "published": "2020-10-02", "title": "Three", "url": "https://c.example/2"]),
        ].joined(separator: "\n") + "\n")
        let lexicons = SlantProcess.package.appendingPathComponent("lexicons")
        try directory.write("pipeline.yaml", """
            sources:
              - path: feed.jsonl
            lexicons:
              - \(lexicons.appendingPathComponent("karabakh.yaml").path)
              - \(lexicons.appendingPathComponent("loaded-language.en.yaml").path)
            """)
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let reports = directory.url.appendingPathComponent("reports")
        let markdown = try String(contentsOf: reports.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(!markdown.contains("<img"))
        #expect(markdown.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(markdown.contains("```x`y``z```"))
        #expect(markdown.contains("\u{2068}Evil\u{202E}News\u{202C}\u{2069}"))
        for line in markdown.split(separator: "\n") where line.contains("\u{202E}") {
            #expect(line.contains("\u{202E}News\u{202C}\u{2069}"), "\(line)")
        }
        let html = try String(contentsOf: reports.appendingPathComponent("index.html"), encoding: .utf8)
        let parser = XMLParser(data: Data(html.utf8))
        #expect(parser.parse(), "index.html is not well-formed: \(String(describing: parser.parserError))")
        #expect(!html.contains("<img"))
        let data = try Data(contentsOf: reports.appendingPathComponent("statistics.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let statistics = document["statistics"] as? [[String: Any]] ?? []
        let ids = statistics.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count)
        #expect(!ids.contains { $0.contains("/outlet-c/") })
        let warnings = document["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.hasPrefix("outlets “Outlet C” and “Outlet-C” have the same slug `outlet-c`") })
    }
}

/// Elements, attributes, ids and in-page links of a page, as an XML parser reads it.
final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: Set<String> = []
    var attributes: [(name: String, value: String)] = []
    var ids: Set<String> = []
    var links: [String] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        elements.insert(elementName.lowercased())
        for (name, value) in attributeDict {
            attributes.append((name.lowercased(), value))
            if name == "id" { ids.insert(value) }
            if name == "href", value.hasPrefix("#") { links.append(String(value.dropFirst())) }
        }
    }
}
