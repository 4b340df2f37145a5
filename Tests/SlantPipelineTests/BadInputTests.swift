import Foundation
import Testing

/// Hostile and broken pages, all in one `slant extract` call: each gets a clear
/// error or warning of its own, nothing crashes or hangs, and the good page
/// among them still comes out.
@Suite struct BadInputTests {
    static let goodPage = """
        <html><head><title>Good page</title></head><body><article>
        <p>This page is fine: it has a paragraph of running text that any reader would call an article body.</p>
        <p>And a second paragraph, so that there is no doubt about where the article is on the page.</p>
        </article></body></html>
        """

    @Test func eachBadFileGetsItsOwnErrorOrWarningAndTheOthersStillComeOut() throws {
        let directory = try TemporaryDirectory()
        try directory.write("01-empty.html", "")
        try directory.write("02-binary.html", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))
        try directory.write("03-truncated.html", "<html><body><article><p>A page that was cut off in transit: the paragraph of running text goes on and then the file simply ends in the mid")
        try directory.write("04-no-article.html", "<html><body><nav><a href=/>Home</a> <a href=/a>About</a></nav><footer>© 2020</footer></body></html>")
        let nested = String(repeating: "<div>", count: 10_000) + "<p>Deep inside ten thousand divs there is still a sentence worth reading, and another one after it.</p>" + String(repeating: "</div>", count: 10_000)
        try directory.write("05-nested.html", "<html><body>\(nested)</body></html>")
        try directory.write("06-good.html", Self.goodPage)
        // Declared UTF-8, written in Windows-1251 (as Russian sites sometimes serve).
        let russian = "Бои в Нагорном Карабахе продолжаются третью неделю, сообщают обе стороны конфликта."
        let windows1251 = try #require(Self.windows1251(russian))
        try directory.write(
            "08-lying-charset.html",
            Data("<html><head><meta charset=\"utf-8\"></head><body><article><p>".utf8) + windows1251
                + Data("</p></article></body></html>".utf8))
        try directory.write("07-nul-bytes.html", Data("<html><body><p>text</p>".utf8) + Data(repeating: 0, count: 64))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
            .map { directory.url.appendingPathComponent($0).path }
        let result = try SlantProcess.run(["extract", "--json"] + files)
        #expect(result.status == 1)
        let lines = result.lines.map(jsonObject)
        #expect(lines.count == 8)
        let byName = Dictionary(uniqueKeysWithValues: lines.map { (URL(fileURLWithPath: $0["source"] as? String ?? "").lastPathComponent, $0) })
        #expect(byName["01-empty.html"]?["error_code"] as? String == "empty")
        #expect(byName["02-binary.html"]?["error_code"] as? String == "binary")
        #expect((byName["02-binary.html"]?["error"] as? String)?.contains("PNG") == true)
        let truncated = try #require(byName["03-truncated.html"])
        #expect(truncated["error"] is NSNull)
        #expect((truncated["text"] as? String)?.hasPrefix("A page that was cut off in transit") == true)
        #expect(((truncated["warnings"] as? [[String: Any]])?.first?["code"] as? String) == "truncated-markup")
        #expect(byName["04-no-article.html"]?["error_code"] as? String == "no-article")
        #expect((byName["05-nested.html"]?["text"] as? String)?.hasPrefix("Deep inside ten thousand divs") == true)
        #expect(byName["06-good.html"]?["error"] is NSNull)
        #expect((byName["06-good.html"]?["text"] as? String)?.hasPrefix("This page is fine") == true)
        #expect(byName["07-nul-bytes.html"]?["error_code"] as? String == "binary")
        let lying = try #require(byName["08-lying-charset.html"])
        #expect(lying["text"] as? String == russian)
        #expect(((lying["warnings"] as? [[String: Any]])?.map { $0["code"] as? String }) == ["encoding-mismatch"])

    }

    /// 80,000 attributes on one tag take libxml2 over a minute; the page is refused as `too-complex`
    /// before it is parsed, and the run goes on with the other pages. The limits are the configuration's.
    @Test func aPageOverTheComplexityBudgetIsRefusedAndTheOthersStillComeOut() throws {
        let directory = try TemporaryDirectory()
        var hostile = "<html><body><div"
        for index in 0..<80_000 { hostile += " data-a\(index)=x" }
        hostile += ">text</div></body></html>"
        let bad = try directory.write("01-attributes.html", hostile)
        let good = try directory.write("02-good.html", Self.goodPage)
        let result = try SlantProcess.run(["extract", "--json", bad.path, good.path])
        #expect(result.status == 1)
        let lines = result.lines.map(jsonObject)
        #expect(lines.count == 2)
        #expect(lines.first?["error_code"] as? String == "too-complex")
        #expect((lines.first?["error"] as? String)?.contains("max_attributes_per_element") == true)
        #expect((lines.last?["text"] as? String)?.hasPrefix("This page is fine") == true)

        try directory.write("pipeline.yaml", "sources: [\"*.html\"]\nlimits:\n  max_elements: 5\n")
        let limited = try SlantProcess.run(["extract", "--json", "--config", directory.url.appendingPathComponent("pipeline.yaml").path, good.path])
        #expect(limited.status == 1)
        #expect(limited.lines.map(jsonObject).first?["error_code"] as? String == "too-complex")
    }

    /// The Windows-1251 bytes of Russian text (Cyrillic letters map to 0xC0–0xFF, Ё/ё to 0xA8/0xB8).
    static func windows1251(_ text: String) -> Data? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: bytes.append(UInt8(scalar.value))
            case 0x410...0x44F: bytes.append(UInt8(scalar.value - 0x410 + 0xC0))
            case 0x401: bytes.append(0xA8)
            case 0x451: bytes.append(0xB8)
            default: return nil
            }
        }
        return Data(bytes)
    }

    @Test func aFiftyMegabytePageIsReadWithinTheDefaultLimitAndRefusedAboveALowerOne() throws {
        let directory = try TemporaryDirectory()
        let paragraph = "<p>" + String(repeating: "A sentence of filler text, long enough to count as prose. ", count: 20) + "</p>\n"
        let page = "<html><body><article>" + String(repeating: paragraph, count: 50_000_000 / paragraph.utf8.count) + "</article></body></html>"
        let file = try directory.write("big.html", page)
        #expect(page.utf8.count > 49_000_000)

        let result = try SlantProcess.run(["extract", "--json", file.path])
        #expect(result.status == 0)
        let line = jsonObject(result.lines.first ?? "")
        #expect((line["text"] as? String)?.hasPrefix("A sentence of filler text") == true)

        try directory.write("pipeline.yaml", "sources: [big.html]\nlimits:\n  max_document_bytes: 10_000_000\n")
        let run = try SlantProcess.run(["run"], in: directory.url)
        #expect(run.status == 0)
        #expect(run.stdout.contains("1 found · 1 new · 0 changed · 0 unchanged · 1 failed · cleaned 0 · tagged 0"))
        #expect(run.stderr.contains("above the limit of 10000000 bytes"))
    }
}
