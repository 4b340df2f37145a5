import Foundation
import Testing

/// A page that is one long "sentence" (a scraped table, a list) costs store space in proportion to
/// its size, not to its square: the sentence is cut, and each sentence that holds evidence is stored
/// once however many occurrences it holds.
@Suite struct BoundedCostTests {
    /// A page of `size` bytes of words without sentence punctuation, one tagged word in three.
    static func page(_ size: Int) -> String {
        let words = ["occupied", "table", "Artsakh", "row", "cell", "brutal", "value", "data", "entry"]
        var text = ""
        var index = 0
        while text.utf8.count < size {
            text += words[index % words.count] + " "
            index += 1
        }
        return "<html><head><title>Listing</title></head><body><article><p>\(text)</p></article></body></html>"
    }

    /// The store's bytes after one run over a single page of `size` bytes, and the run's warnings.
    static func storeBytes(_ size: Int) throws -> (bytes: Int, output: SlantProcess.Output, articles: String) {
        let directory = try TemporaryDirectory()
        try directory.write("corpus/listing.html", page(size))
        let lexicons = SlantProcess.package.appendingPathComponent("lexicons")
        try directory.write("pipeline.yaml", """
            sources:
              - path: corpus/*.html
                outlet: Listing
            lexicons:
              - \(lexicons.appendingPathComponent("karabakh.yaml").path)
              - \(lexicons.appendingPathComponent("loaded-language.en.yaml").path)
            """)
        let output = try SlantProcess.run(["run"], in: directory.url)
        var bytes = 0
        let store = directory.url.appendingPathComponent(".slant")
        for name in try FileManager.default.contentsOfDirectory(atPath: store.path) {
            let attributes = try FileManager.default.attributesOfItem(atPath: store.appendingPathComponent(name).path)
            bytes += (attributes[.size] as? Int) ?? 0
        }
        let articles = (try? String(contentsOf: directory.url.appendingPathComponent("reports/data/articles.csv"), encoding: .utf8)) ?? ""
        return (bytes, output, articles)
    }

    @Test func storeSizeGrowsLinearlyWithASentencelessPage() throws {
        let small = try Self.storeBytes(40_000)
        let large = try Self.storeBytes(160_000)
        #expect(small.output.status == 0, "\(small.output.stderr)")
        #expect(large.output.status == 0, "\(large.output.stderr)")
        #expect(large.articles.contains("long-sentence-split"), "\(large.articles.prefix(400))")
        // Four times the text: about four times the store (sixteen if it grew with the square).
        let ratio = Double(large.bytes) / Double(small.bytes)
        #expect(ratio < 6, "store \(small.bytes) → \(large.bytes) bytes (×\(ratio))")
        #expect(large.bytes < 160_000 * 40, "\(large.bytes) bytes of store for 160 KB of text")
    }
}
