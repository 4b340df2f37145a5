import Foundation
import Testing

/// `slant validate sample|score` on the bundled corpus: a sheet a spreadsheet can fill, the same
/// sample for the same seed, scores checked by hand and against the `krippendorff` package, kept in
/// the store for the report and `slant cite`, and clear errors for bad coder files.
@Suite struct ValidateCommandTests {
    /// The bundled project, run once, with a sample of 30 tags and 8 untagged sentences drawn.
    private func sampled(seed: String = "7") throws -> (TemporaryDirectory, [[String: String]], [String]) {
        let directory = try bundledProject()
        let run = try SlantProcess.run(["run"], in: directory.url)
        #expect(run.status == 0, "\(run.stderr)")
        let sample = try SlantProcess.run(["validate", "sample", "--n", "30", "--untagged", "8", "--seed", seed, "-o", "sample.csv"], in: directory.url)
        #expect(sample.status == 0, "\(sample.stderr)")
        let (header, rows) = try readSheet(directory.url.appendingPathComponent("sample.csv"))
        return (directory, rows, header)
    }

    /// The sheet's header and rows, read as a spreadsheet user's tools would (Python's csv module semantics).
    private func readSheet(_ url: URL) throws -> ([String], [[String: String]]) {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = try #require(lines.first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var rows: [[String: String]] = []
        for line in lines.dropFirst() {
            let fields = Self.fields(line)
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, fields + Array(repeating: "", count: max(0, header.count - fields.count)))))
        }
        return (header, rows)
    }

    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var previous: Character?
        for character in line {
            if character == "\"" {
                if quoted, previous == "\"" { field.append("\"") ; previous = nil; continue }
                quoted.toggle()
            } else if character == ",", !quoted {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            previous = character
        }
        fields.append(field)
        return fields
    }

    /// Writes a coder's file: the sheet's `sample` and `row` columns and the coder columns, filled by `code`.
    private func writeCoder(
        _ directory: TemporaryDirectory, _ name: String, rows: [[String: String]], delimiter: String = ",",
        code: ([String: String]) -> [String: String]
    ) throws {
        let columns = ["sample", "row", "kind", "coder1_correct", "coder1_voice", "coder1_speaker", "coder1_stance", "coder1_missed", "coder1_note"]
        var lines = [columns.joined(separator: delimiter)]
        for row in rows {
            let codes = code(row)
            lines.append(columns.map { codes[$0] ?? row[$0] ?? "" }.joined(separator: delimiter))
        }
        try directory.write(name, lines.joined(separator: "\n") + "\n")
    }

    @Test func theSheetHasEveryColumnAndTheSameSeedDrawsTheSameSample() throws {
        let (directory, rows, header) = try sampled()
        #expect(header.prefix(3) == ["sample", "row", "kind"])
        #expect(header.suffix(6) == ["coder1_correct", "coder1_voice", "coder1_speaker", "coder1_stance", "coder1_missed", "coder1_note"])
        #expect(rows.filter { $0["kind"] == "tag" }.count == 30)
        #expect(rows.filter { $0["kind"] == "untagged" }.count == 8)
        // Every tag row marks its match in its sentence, and carries what Slant decided.
        for row in rows where row["kind"] == "tag" {
            #expect(row["sentence"]?.contains("[[") == true, "\(row)")
            #expect(!(row["slant_voice"] ?? "").isEmpty)
        }
        let codebook = try String(contentsOf: directory.url.appendingPathComponent("sample.codebook.txt"), encoding: .utf8)
        for column in ["coder1_correct", "correct", "voice", "speaker", "stance", "missed", "family region-name", "stances: armenian"] {
            #expect(codebook.contains(column.replacingOccurrences(of: "coder1_", with: "")), "\(column)")
        }
        let first = try Data(contentsOf: directory.url.appendingPathComponent("sample.csv"))
        // The same seed again (with --force, since the sheet exists): byte for byte the same sheet.
        let refused = try SlantProcess.run(["validate", "sample", "--n", "30", "--untagged", "8", "--seed", "7", "-o", "sample.csv"], in: directory.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("sample.csv exists"))
        let again = try SlantProcess.run(["validate", "sample", "--n", "30", "--untagged", "8", "--seed", "7", "-o", "sample.csv", "--force"], in: directory.url)
        #expect(again.status == 0)
        #expect(try Data(contentsOf: directory.url.appendingPathComponent("sample.csv")) == first)
        let other = try SlantProcess.run(["validate", "sample", "--n", "30", "--untagged", "8", "--seed", "8", "-o", "other.csv"], in: directory.url)
        #expect(other.status == 0)
        #expect(try Data(contentsOf: directory.url.appendingPathComponent("other.csv")) != first)
    }

    @Test func anUncodedSheetIsRefusedAndValidityStaysUnmeasured() throws {
        let directory = try bundledProject()
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        let sample = try SlantProcess.run(["validate", "sample", "--n", "20", "-o", "s.csv", "--seed", "1"], in: directory.url)
        #expect(sample.status == 0, "\(sample.stderr)")
        // The sheet exactly as `validate sample` wrote it: no coder column filled.
        let score = try SlantProcess.run(["validate", "score", "s.csv"], in: directory.url)
        #expect(score.status == 1)
        #expect(score.stdout.isEmpty, "\(score.stdout)")
        #expect(score.stderr.hasPrefix("slant: s.csv: nothing is coded: none of the 20 tagged occurrences and "), "\(score.stderr)")
        #expect(score.stderr.contains("Fill the coder columns (coder1_correct and coder1_voice, … in tag rows, coder1_missed in untagged rows; s.codebook.txt says how)"))
        #expect(score.stderr.contains("no scores were kept"))
        #expect(try SlantProcess.run(["report"], in: directory.url).status == 0)
        let json = jsonObject(try String(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"), encoding: .utf8))
        let validity = try #require(json["validity"] as? [String: Any])
        #expect(validity["measured"] as? Bool == false)
        #expect(validity["coded_tag_rows"] == nil)
        #expect(try SlantProcess.run(["cite", "validity/precision/overall"], in: directory.url).status == 1)
    }

    @Test func scoresMatchTheHandCountAndGoIntoTheReportAndCitations() throws {
        let (directory, rows, _) = try sampled()
        // Before any score the report says validity was not measured.
        let statistics = try String(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"), encoding: .utf8)
        #expect(statistics.contains("Validity was not measured on this corpus"))
        // Sampled with --by family: weights differ by stratum, so the expected precision is weighted.
        let tags = rows.filter { $0["kind"] == "tag" }
        let wrong = Set(tags.prefix(3).compactMap { $0["row"] })
        try writeCoder(directory, "alice.csv", rows: rows) { row in
            guard row["kind"] == "tag" else { return ["coder1_missed": "no"] }
            return ["coder1_correct": wrong.contains(row["row"] ?? "") ? "no" : "yes", "coder1_voice": row["slant_voice"] ?? ""]
        }
        let score = try SlantProcess.run(["validate", "score", "alice.csv"], in: directory.url)
        #expect(score.status == 0, "\(score.stderr)")
        #expect(score.stdout.contains("30 of 30 tagged occurrences and 8 of 8 untagged sentences coded by 1 coder (alice)"), "\(score.stdout)")
        #expect(score.stdout.contains("validity/precision/overall"))
        // Voice: every coded voice is Slant's.
        #expect(score.stdout.contains("validity/voice-accuracy/overall  100%"), "\(score.stdout)")
        // Recall: no untagged sentence holds a miss.
        #expect(score.stdout.contains("validity/recall/overall  100%"), "\(score.stdout)")
        // Cited at once, before any report.
        let cite = try SlantProcess.run(["cite", "validity/voice-accuracy/overall"], in: directory.url)
        #expect(cite.status == 0, "\(cite.stderr)")
        #expect(cite.stdout.contains("instrument validity on this corpus"), "\(cite.stdout)")
        // The report shows them after `slant report`.
        let report = try SlantProcess.run(["report"], in: directory.url)
        #expect(report.status == 0, "\(report.stderr)")
        let json = jsonObject(try String(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"), encoding: .utf8))
        let validity = try #require(json["validity"] as? [String: Any])
        #expect(validity["measured"] as? Bool == true)
        #expect(validity["coded_tag_rows"] as? Int == 30)
        let listed = try #require(json["statistics"] as? [[String: Any]])
        let precision = try #require(listed.first { $0["id"] as? String == "validity/precision/overall" })
        #expect(precision["n_occurrences"] as? Double == 27)
        #expect(precision["n_total"] as? Double == 30)
        let html = try String(contentsOf: directory.url.appendingPathComponent("reports/index.html"), encoding: .utf8)
        #expect(html.contains("Instrument validity on this corpus"))
        #expect(html.contains("validity/precision/overall"))
    }

    @Test func agreementMatchesTheKrippendorffPackage() throws {
        let python = ["\(SlantProcess.package.path)/.build-bench/venv/bin/python", "/usr/bin/python3", "/usr/local/bin/python3"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { return }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = ["-c", "import krippendorff"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { return }  // The package is absent: nothing to compare with.

        let (directory, rows, _) = try sampled(seed: "3")
        let tags = rows.filter { $0["kind"] == "tag" }
        let voices = ["authorial", "quoted", "attributed", "comment"]
        // Two coders who disagree on some rows, each leaving some rows empty.
        func code(_ coder: Int, _ index: Int) -> (correct: String, voice: String) {
            let correct = (index * (coder + 2)) % 7 == 0 ? "no" : "yes"
            let voice = (index + coder) % 5 == 0 ? voices[(index + coder) % 4] : (tags[index]["slant_voice"] ?? "")
            return (index % (coder + 8) == 5 ? "" : correct, voice)
        }
        for coder in [1, 2] {
            try writeCoder(directory, "coder\(coder).csv", rows: rows) { row in
                guard let index = tags.firstIndex(where: { $0["row"] == row["row"] }) else { return [:] }
                let codes = code(coder, index)
                return ["coder1_correct": codes.correct, "coder1_voice": codes.voice]
            }
        }
        let score = try SlantProcess.run(["validate", "score", "coder1.csv", "coder2.csv"], in: directory.url)
        #expect(score.status == 0, "\(score.stderr)")
        func reported(_ id: String) -> Double? {
            score.stdout.split(separator: "\n").first { $0.hasPrefix(id + "  ") }
                .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Double($0.replacingOccurrences(of: "−", with: "-")) }
        }
        for attribute in ["correct", "voice"] {
            let matrix = [1, 2].map { coder in
                tags.indices.map { index -> String in
                    let value = attribute == "correct" ? code(coder, index).correct : code(coder, index).voice
                    return value.isEmpty ? "None" : "'\(value)'"
                }
            }
            let script = "import krippendorff, numpy as np\nd = np.array([[\(matrix[0].joined(separator: ","))], [\(matrix[1].joined(separator: ","))]], dtype=object)\n"
                + "codes = sorted({v for r in d for v in r if v is not None})\nm = [[np.nan if v is None else codes.index(v) for v in r] for r in d]\n"
                + "print('%.2f' % krippendorff.alpha(reliability_data=m, level_of_measurement='nominal'))"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", script]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            process.waitUntilExit()
            let expected = Double(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(expected != nil)
            #expect(reported("validity/agreement/\(attribute)/krippendorff-alpha") == expected, "\(attribute): \(score.stdout)")
        }
    }

    @Test func badCoderFilesAreRefusedWithFileAndLine() throws {
        let (directory, rows, _) = try sampled()
        let tag = try #require(rows.first { $0["kind"] == "tag" })
        let untagged = try #require(rows.first { $0["kind"] == "untagged" })
        let sample = tag["sample"] ?? ""
        // A renamed column.
        try directory.write("renamed.csv", "sample,row,coder1_corect,coder1_voice,coder1_speaker,coder1_stance,coder1_missed\n\(sample),\(tag["row"] ?? ""),yes,,,,\n")
        let renamed = try SlantProcess.run(["validate", "score", "renamed.csv"], in: directory.url)
        #expect(renamed.status == 1)
        #expect(renamed.stderr.contains("renamed.csv:1: error: missing column `coder1_correct` (did you mean `coder1_corect`?)"), "\(renamed.stderr)")
        // A missing column.
        try directory.write("missing.csv", "sample,coder1_correct,coder1_voice,coder1_speaker,coder1_stance,coder1_missed\n\(sample),yes,,,,\n")
        let missing = try SlantProcess.run(["validate", "score", "missing.csv"], in: directory.url)
        #expect(missing.stderr.contains("missing.csv:1: error: missing column `row`"), "\(missing.stderr)")
        // Unknown codes, a code in the wrong kind of row, and a blank row (line 3), in one round.
        let header = "sample,row,coder1_correct,coder1_voice,coder1_speaker,coder1_stance,coder1_missed"
        try directory.write("codes.csv", """
            \(header)
            \(sample),\(tag["row"] ?? ""),maybe,narrator,,,
            ,,,,,,
            \(sample),\(untagged["row"] ?? ""),yes,,,,nowhere-family

            """)
        let codes = try SlantProcess.run(["validate", "score", "codes.csv"], in: directory.url)
        #expect(codes.status == 1)
        #expect(codes.stderr.contains("codes.csv:2: error: `coder1_correct` is `maybe`: expected yes or no"), "\(codes.stderr)")
        #expect(codes.stderr.contains("codes.csv:2: error: `coder1_voice` is `narrator`: expected one of authorial"), "\(codes.stderr)")
        #expect(codes.stderr.contains("codes.csv:4: error: `coder1_correct` is `yes`: an untagged row has no tag to judge"), "\(codes.stderr)")
        #expect(codes.stderr.contains("codes.csv:4: error: `coder1_missed` is `nowhere-family`: `nowhere-family` is not a family or category"), "\(codes.stderr)")
        // A blank row alone is skipped with a warning.
        try directory.write("blank.csv", "\(header)\n\(sample),\(tag["row"] ?? ""),yes,authorial,,,\n\n,,,,,,\n")
        let blank = try SlantProcess.run(["validate", "score", "blank.csv"], in: directory.url)
        #expect(blank.status == 0, "\(blank.stderr)")
        #expect(blank.stderr.contains("blank.csv: 2 blank rows (lines 3, 4) skipped"), "\(blank.stderr)")
        // A sheet of another store.
        try directory.write("foreign.csv", "\(header)\ns-0123456789,r001,yes,,,,\n")
        let foreign = try SlantProcess.run(["validate", "score", "foreign.csv"], in: directory.url)
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("foreign.csv:2: error: sample `s-0123456789` was not drawn from the store"), "\(foreign.stderr)")
    }
}
