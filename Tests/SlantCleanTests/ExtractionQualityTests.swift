import Foundation
import SlantClean
import SlantCore
import Testing

/// Article-body quality on the 88 pages of `../shared/benchmarks/extraction-dev`,
/// with the benchmark's metric (4-gram shingles of `\w+` tokens, precision and
/// recall averaged over pages). The full comparison with trafilatura, and the
/// speed, is `bench/extraction.py`; this test guards against regressions.
@Suite struct ExtractionQualityTests {
    static let dataset = Paths.shared.appendingPathComponent("benchmarks/extraction-dev")

    static func words(_ text: String) -> [Substring] {
        text.split { character in
            !(character.isLetter || character.isNumber || character == "_")
        }
    }

    static func shingles(_ text: String) -> [String: Int] {
        let tokens = words(text)
        var counts: [String: Int] = [:]
        if tokens.isEmpty { return counts }
        for start in 0..<max(1, tokens.count - 3) {
            let key = tokens[start..<min(start + 4, tokens.count)].joined(separator: " ")
            counts[key, default: 0] += 1
        }
        return counts
    }

    static func pageScore(truth: String, prediction: String) -> (precision: Double?, recall: Double?) {
        let expected = shingles(truth)
        let predicted = shingles(prediction)
        var truePositive = 0
        for (key, count) in predicted { truePositive += min(count, expected[key] ?? 0) }
        let falsePositive = predicted.values.reduce(0, +) - truePositive
        let falseNegative = expected.values.reduce(0, +) - truePositive
        let precision = truePositive + falsePositive > 0 ? Double(truePositive) / Double(truePositive + falsePositive) : nil
        let recall = truePositive + falseNegative > 0 ? Double(truePositive) / Double(truePositive + falseNegative) : nil
        return (precision, recall)
    }

    static func gunzip(_ url: URL) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc \"$0\"", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: dataset.path), "needs ../shared/benchmarks"))
    func articleBodyF1IsAtLeast0975() throws {
        struct Truth: Decodable { var articleBody: String }
        let truth = try JSONDecoder().decode(
            [String: Truth].self, from: Data(contentsOf: Self.dataset.appendingPathComponent("ground-truth.json")))
        var precisions: [Double] = []
        var recalls: [Double] = []
        for (key, page) in truth {
            let bytes = try Self.gunzip(Self.dataset.appendingPathComponent("html/\(key).html.gz"))
            let body = (try? clean(bytes: bytes, path: key))?.body ?? ""
            let score = Self.pageScore(truth: page.articleBody, prediction: body)
            if let precision = score.precision { precisions.append(precision) }
            if let recall = score.recall { recalls.append(recall) }
        }
        let precision = precisions.reduce(0, +) / Double(precisions.count)
        let recall = recalls.reduce(0, +) / Double(recalls.count)
        let f1 = 2 * precision * recall / (precision + recall)
        #expect(truth.count == 88)
        #expect(f1 >= 0.975, "article-body F1 \(f1) (precision \(precision), recall \(recall))")
    }

    static let chunks = Paths.shared.appendingPathComponent("benchmarks/extraction-chunks-dev")

    /// White space collapsed, as `../shared/tools/chunk_eval.py` compares.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Chunk F1 on the 487 varied pages of `extraction-chunks-dev` (mostly not English), pooled as
    /// `../shared/tools/chunk_eval.py` pools it. The comparison with trafilatura is `bench/extraction.py`.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: chunks.path), "needs ../shared/benchmarks"))
    func chunkF1IsAtLeast093() throws {
        struct Page: Decodable {
            var with: [String]
            var without: [String]
        }
        let pages = try JSONDecoder().decode(
            [String: Page].self, from: Data(contentsOf: Self.chunks.appendingPathComponent("chunks.json")))
        var found = 0
        var boilerplate = 0
        var missed = 0
        for (key, page) in pages {
            let bytes = try Self.gunzip(Self.chunks.appendingPathComponent("html/\(key).html.gz"))
            let text = Self.collapsed((try? clean(bytes: bytes, path: key))?.body ?? "")
            for chunk in page.with {
                if text.contains(Self.collapsed(chunk)) { found += 1 } else { missed += 1 }
            }
            for chunk in page.without where text.contains(Self.collapsed(chunk)) { boilerplate += 1 }
        }
        let f1 = 2 * Double(found) / Double(2 * found + boilerplate + missed)
        #expect(pages.count == 487)
        #expect(f1 >= 0.93, "chunk F1 \(f1) (\(found) found, \(missed) missed, \(boilerplate) boilerplate)")
    }
}
