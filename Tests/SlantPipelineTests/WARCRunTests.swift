import Foundation
import Testing

/// WARC files through `slant run`: a record's locator is its source, a WARC file is one file of many
/// documents to the store (unchanged: not read again), `filter:` drops pages before parsing, and the
/// figures are the figures of the same pages read as HTML files.
@Suite struct WARCRunTests {
    /// The bundled corpus's pages, by outlet directory, with the URL each page gives.
    private static func pages(_ directory: TemporaryDirectory) throws -> [(outlet: String, page: Data, url: String)] {
        var pages: [(String, Data, String)] = []
        for outlet in ["asbarez", "mail-online", "outlet-c", "outlet-e", "southfront"] {
            let folder = directory.url.appendingPathComponent("corpus/\(outlet)")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".html") {
                let page = try Data(contentsOf: folder.appendingPathComponent(name))
                let text = String(decoding: page, as: UTF8.self)
                let url = text.firstMatch(of: /<link rel="canonical" href="([^"]+)"/).map { String($0.1) }
                    ?? text.firstMatch(of: /property="og:url" content="([^"]+)"/).map { String($0.1) }
                    ?? "https://\(outlet).example/\(name)"
                pages.append((outlet, page, url))
            }
        }
        return pages
    }

    /// A WARC record.
    private static func record(type: String, uri: String, block: Data, contentType: String = "application/http; msgtype=response") -> Data {
        var data = Data("WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Target-URI: \(uri)\r\nWARC-Date: 2020-10-20T10:00:00Z\r\nContent-Type: \(contentType)\r\nContent-Length: \(block.count)\r\n\r\n".utf8)
        data.append(block)
        data.append(Data("\r\n\r\n".utf8))
        return data
    }

    private static func response(_ page: Data, uri: String) -> Data {
        var block = Data("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n".utf8)
        block.append(page)
        return record(type: "response", uri: uri, block: block)
    }

    /// The project with each outlet's page in `crawl/<outlet>.warc` (after a request record, before an
    /// unrelated page the filter drops), the last file ending in a truncated record.
    private func warcProject(filter: Bool = true) throws -> TemporaryDirectory {
        let directory = try bundledProject()
        let pages = try Self.pages(directory)
        var configuration = "sources:\n"
        for (index, entry) in pages.enumerated() {
            var file = Self.record(type: "request", uri: entry.url, block: Data("GET / HTTP/1.1\r\n\r\n".utf8), contentType: "application/http; msgtype=request")
            file.append(Self.response(entry.page, uri: entry.url))
            let weather = Data("<html><body><article><p>Sunny skies are expected across the city on Saturday, with light winds and mild temperatures in the afternoon.</p></article></body></html>".utf8)
            file.append(Self.response(weather, uri: "https://\(entry.outlet).example/weather"))
            if index == pages.count - 1 {
                file.append(Data("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n".utf8))
            }
            try directory.write("crawl/\(entry.outlet).warc", file)
            let name = ["asbarez": "Asbarez", "mail-online": "Mail Online", "outlet-c": "Outlet C", "outlet-e": "Outlet E", "southfront": "SouthFront"][entry.outlet] ?? entry.outlet
            configuration += "  - path: crawl/\(entry.outlet).warc\n    outlet: \(name)\n"
            if filter { configuration += "    filter: {lexicons: [karabakh-terminology]}\n" }
        }
        // The lexicons of the bundled pipeline.yaml, so that the figures can be compared with its run's.
        configuration += "lexicons: [lexicons/karabakh.yaml, lexicons/loaded-language.en.yaml, lexicons/epistemic-framing.en.yaml, lexicons/labels.en.yaml]\n"
        try directory.write("pipeline.yaml", configuration)
        return directory
    }

    /// Each statistic's ID with its value, interval and n, from `reports/statistics.json`.
    private func figures(_ directory: TemporaryDirectory) throws -> [String: String] {
        let data = try Data(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let statistics = try #require(root["statistics"] as? [[String: Any]])
        var figures: [String: String] = [:]
        for statistic in statistics {
            guard let id = statistic["id"] as? String else { continue }
            figures[id] = "\(statistic["value"] ?? "-") \(statistic["interval"] ?? "-") \(statistic["n_articles"] ?? "-")"
        }
        return figures
    }

    @Test func recordsAreDocumentsWithTheirLocatorsAndTheFiguresAreThePagesFigures() throws {
        let html = try bundledProject()
        #expect(try SlantProcess.run(["run"], in: html.url).status == 0)
        let expected = try figures(html)

        let directory = try warcProject()
        let first = try SlantProcess.run(["run"], in: directory.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("6 found · 6 new · 0 changed · 0 unchanged · 1 failed · 5 filtered out · cleaned 5 · tagged 5"), "\(first.stdout)")
        #expect(first.stderr.contains("crawl/southfront.warc@"))
        #expect(first.stderr.contains("malformed WARC record: the record is truncated"))
        #expect(try figures(directory) == expected)

        let articles = try String(contentsOf: directory.url.appendingPathComponent("reports/data/articles.csv"), encoding: .utf8)
        #expect(articles.contains("crawl/asbarez.warc@"))

        let second = try SlantProcess.run(["run"], in: directory.url)
        #expect(second.stdout.contains("6 found · 0 new · 0 changed · 6 unchanged · 1 failed · 5 filtered out · cleaned 0 · tagged 0"), "\(second.stdout)")
        #expect(try figures(directory) == expected)
    }

    @Test func withoutTheFilterTheOtherPagesAreAnalysedAndChangingTheFilterRereadsTheFiles() throws {
        let directory = try warcProject(filter: false)
        let first = try SlantProcess.run(["run"], in: directory.url)
        #expect(first.stdout.contains("11 found · 11 new · 0 changed · 0 unchanged · 1 failed · cleaned 10 · tagged 10"), "\(first.stdout)")
        // Adding a filter changes which documents the files hold: they are read again, nothing is cleaned again.
        let filtered = try warcProject(filter: true)
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("pipeline.yaml"))
        try FileManager.default.copyItem(
            at: filtered.url.appendingPathComponent("pipeline.yaml"), to: directory.url.appendingPathComponent("pipeline.yaml"))
        let second = try SlantProcess.run(["run"], in: directory.url)
        #expect(second.stdout.contains("6 found · 0 new · 1 changed · 5 unchanged · 1 failed · 5 removed · 5 filtered out · cleaned 0 · tagged 0"), "\(second.stdout)")
        #expect(!second.stdout.contains("11 found"))
    }

    @Test func aGzippedWARCFileReadsLikeThePlainOne() throws {
        let directory = try warcProject()
        for outlet in ["asbarez", "mail-online", "outlet-c", "outlet-e", "southfront"] {
            let path = directory.url.appendingPathComponent("crawl/\(outlet).warc").path
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
            gzip.arguments = ["-n", path]
            try gzip.run()
            gzip.waitUntilExit()
            #expect(gzip.terminationStatus == 0)
        }
        let configuration = try String(contentsOf: directory.url.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
        try directory.write("pipeline.yaml", configuration.replacingOccurrences(of: ".warc\n", with: ".warc.gz\n"))
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.stdout.contains("6 found · 6 new · 0 changed · 0 unchanged · 1 failed · 5 filtered out · cleaned 5 · tagged 5"), "\(result.stdout) \(result.stderr)")
        // One gzip member for the whole file: records are located inside it.
        #expect(result.stderr.contains("crawl/southfront.warc.gz@0+"))
    }

    @Test func aFilterNamingAnUnknownLexiconIsRefused() throws {
        let directory = try bundledProject()
        try directory.write("pipeline.yaml", "sources:\n  - path: corpus/asbarez/*.html\n    filter: {lexicons: [no-such-lexicon]}\nlexicons: [lexicons/karabakh.yaml]\n")
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("pipeline.yaml:3:13: error: `filter:` names the lexicon `no-such-lexicon`, which the configuration does not load; configured lexicons: `karabakh-terminology`"), "\(result.stderr)")
    }

    @Test func extractReadsAWARCFileRecordByRecord() throws {
        let directory = try warcProject(filter: false)
        let result = try SlantProcess.run(["extract", "--json", "crawl/outlet-c.warc"], in: directory.url)
        let lines = result.lines
        #expect(lines.count == 2)
        let first = jsonObject(lines.first ?? "")
        #expect((first["source"] as? String)?.hasPrefix("crawl/outlet-c.warc@") == true)
        #expect((first["title"] as? String)?.isEmpty == false)
    }
}
