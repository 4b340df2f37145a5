import Foundation
import Testing

/// One definition of the pipeline, read the same way by every command: provenance that names what
/// produced the figures, configuration-level facts joined at each run, settings that every command
/// honours, the bundled lexicons anywhere, and `slant init`.
@Suite struct PipelineDefinitionTests {
    private func run(_ directory: TemporaryDirectory, _ arguments: [String] = [], from place: URL? = nil) throws -> SlantProcess.Output {
        let result = try SlantProcess.run(["run"] + arguments, in: place ?? directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    private func edit(_ directory: TemporaryDirectory, _ file: String, _ change: (String) -> String) throws {
        let url = directory.url.appendingPathComponent(file)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    private func statistics(_ directory: TemporaryDirectory) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    private func lexiconDigests(_ directory: TemporaryDirectory) throws -> [String] {
        (try statistics(directory)["lexicons"] as? [[String: Any]] ?? []).compactMap { $0["digest"] as? String }
    }

    @Test func reportAfterALexiconEditRefusesInsteadOfMislabellingTheFigures() throws {
        let directory = try bundledProject()
        _ = try run(directory)
        let digests = try lexiconDigests(directory)
        try edit(directory, "lexicons/karabakh.yaml") { $0 + "\n# an edit\n" }
        let report = try SlantProcess.run(["report"], in: directory.url)
        #expect(report.status == 1)
        #expect(report.stderr.contains("the lexicon `karabakh-terminology` (lexicons/karabakh.yaml) has changed since the last run"), "\(report.stderr)")
        #expect(report.stderr.contains("run `slant run`"))
        // The reports still name the lexicons that produced them.
        #expect(try lexiconDigests(directory) == digests)
        // After a run the new digest is named, with a warning that the version was not bumped.
        let rerun = try run(directory)
        #expect(rerun.stderr.contains("lexicon `karabakh-terminology` v3 has changed") || rerun.stderr.contains("has changed (digest"), "\(rerun.stderr)")
        #expect(rerun.stderr.contains("bump `version:`"))
        #expect(try lexiconDigests(directory) != digests)
        #expect(try SlantProcess.run(["report"], in: directory.url).status == 0)
    }

    @Test func renamingAnOutletAppliesOnTheNextRunWithoutReanalysis() throws {
        let directory = try bundledProject()
        _ = try run(directory)
        try edit(directory, "pipeline.yaml") { $0.replacingOccurrences(of: "outlet: Asbarez", with: "outlet: Asbarez Daily") }
        let report = try SlantProcess.run(["report"], in: directory.url)
        #expect(report.status == 1)
        #expect(report.stderr.contains("the sources or outlets in pipeline.yaml have changed since the last run"))
        let rerun = try run(directory)
        #expect(rerun.stdout.contains("5 found · 0 new · 0 changed · 5 unchanged · 0 failed · cleaned 0 · tagged 0"))
        let ids = (try statistics(directory)["statistics"] as? [[String: Any]] ?? []).flatMap { statistic in
            [statistic["id"] as? String].compactMap { $0 } + (statistic["aliases"] as? [String] ?? [])
        }
        #expect(ids.contains("stance-index/asbarez-daily/authorial"))
        #expect(!ids.contains { $0.contains("/asbarez/") })
        let cite = try SlantProcess.run(["cite", "stance-index/asbarez-daily/authorial"], in: directory.url)
        #expect(cite.stdout.hasPrefix("Asbarez Daily, 2020-07-09"), "\(cite.stdout)")
    }

    @Test func aConfigurationRunFromElsewhereIsTheSameCorpus() throws {
        let directory = try bundledProject()
        let home = try run(directory)
        #expect(home.stdout.contains("5 found · 5 new"))
        let first = try statisticsLines(directory)
        let elsewhere = try TemporaryDirectory()
        let away = try run(directory, ["--config", directory.url.appendingPathComponent("pipeline.yaml").path], from: elsewhere.url)
        #expect(away.stdout.contains("5 found · 0 new · 0 changed · 5 unchanged · 0 failed · cleaned 0 · tagged 0"), "\(away.stdout)")
        #expect(!away.stdout.contains("removed"))
        let back = try run(directory)
        #expect(!back.stdout.contains("removed"))
        #expect(try statisticsLines(directory) == first)
        let articles = try String(contentsOf: directory.url.appendingPathComponent("reports/data/articles.csv"), encoding: .utf8)
        #expect(articles.contains(",corpus/asbarez/"))
        #expect(!articles.contains(directory.url.path))
    }

    @Test func removedCountsOnlyFilesThatAreGone() throws {
        let directory = try bundledProject()
        _ = try run(directory)
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("corpus/outlet-c"))
        try edit(directory, "pipeline.yaml") { $0.replacingOccurrences(of: "  - path: corpus/outlet-c/*.html\n    outlet: Outlet C\n", with: "") }
        #expect(try run(directory).stdout.contains("4 found · 0 new · 0 changed · 4 unchanged · 0 failed · 1 removed"))
        #expect(try !run(directory).stdout.contains("removed"))
    }

    @Test func limitsAreHonouredByEveryCommand() throws {
        let directory = try bundledProject()
        _ = try run(directory)
        try edit(directory, "pipeline.yaml") { $0 + "\nlimits:\n  max_document_bytes: 1000\n" }
        let limited = try run(directory)
        #expect(limited.stdout.contains("5 failed"), "\(limited.stdout)")
        #expect(limited.stderr.contains("above the limit") || limited.stderr.contains("too large"), "\(limited.stderr)")
        #expect(!limited.stderr.contains("changed while it was being read"))
        let page = "corpus/asbarez/russia-urges-sides-to-karabakh-conflict-to-resume-talks.html"
        for command in ["analyze", "extract"] {
            let result = try SlantProcess.run([command, page, "--json"], in: directory.url)
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(jsonObject(result.lines.first ?? "")["error_code"] as? String == "too-large", "\(command): \(result.stdout)")
        }
        try edit(directory, "pipeline.yaml") { $0.replacingOccurrences(of: "max_document_bytes: 1000", with: "min_article_words: 100000") }
        let strict = try run(directory)
        #expect(strict.stdout.contains("5 failed"), "\(strict.stdout)")
        #expect(strict.stderr.contains("at least 100000 needed"), "\(strict.stderr)")
    }

    @Test func statisticsAndReportSettingsComeFromTheConfiguration() throws {
        let directory = try bundledProject()
        try edit(directory, "pipeline.yaml") { $0 + "\nstatistics:\n  resamples: 500\n  min_articles: 2\nreport:\n  evidence_rows: 3\n" }
        _ = try run(directory)
        let method = try statistics(directory)["method"] as? [String: Any] ?? [:]
        #expect(method["resamples"] as? Int == 500)
        #expect(method["minimum_articles"] as? Int == 2)
        let page = try String(contentsOf: directory.url.appendingPathComponent("reports/index.html"), encoding: .utf8)
        #expect(page.contains("Up to 3 sentences are shown per figure"))
        // Report settings change without a run.
        try edit(directory, "pipeline.yaml") { $0.replacingOccurrences(of: "evidence_rows: 3", with: "evidence_rows: 5") }
        #expect(try SlantProcess.run(["report"], in: directory.url).status == 0)
        let again = try String(contentsOf: directory.url.appendingPathComponent("reports/index.html"), encoding: .utf8)
        #expect(again.contains("Up to 5 sentences are shown per figure"))
    }

    @Test func aConfigurationProblemOfEveryKindIsReportedInOneRound() throws {
        let directory = try bundledProject()
        try directory.write("pipeline.yaml", """
            sources:
              - path: nowhere/*.html
                outlett: X
            lexicons: [lexicons/missing.yaml]
            statistics:
              resamples: 3
            """)
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines == [
            "pipeline.yaml:2:11: error: `nowhere/*.html`: no such directory `nowhere`",
            "pipeline.yaml:3:5: error: unknown key `outlett` in a source (did you mean `outlet`?); expected one of: path, outlet, format, exclude, filter",
            "pipeline.yaml:4:12: error: lexicon `lexicons/missing.yaml`: no such file",
            "pipeline.yaml:6:14: error: `resamples` must be between 100 and 1,000,000 (2,000 gives stable 95% intervals)",
        ], "\(result.stderr)")
    }

    @Test func analyzeAnywhereTagsWithTheBundledLexiconsAndSaysSo() throws {
        let elsewhere = try TemporaryDirectory()
        let page = SlantProcess.package.appendingPathComponent("corpus/outlet-c/violence-continues-in-nagorno-karabakh.html").path
        let result = try SlantProcess.run(["analyze", page, "--json"], in: elsewhere.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("slant: tagging with the bundled lexicons: "), "\(result.stderr)")
        #expect(result.stderr.contains("karabakh-terminology v") && result.stderr.contains("loaded-language-en v") && !result.stderr.contains("loaded-language-ru"), "\(result.stderr)")
        let object = jsonObject(result.lines.first ?? "")
        #expect((object["terms"] as? [Any])?.isEmpty == false)
        // --lexicon replaces them.
        let only = try SlantProcess.run(
            ["analyze", page, "--json", "--lexicon", SlantProcess.package.appendingPathComponent("lexicons/karabakh.yaml").path], in: elsewhere.url)
        #expect(only.stderr.contains("tagging with the lexicons given: karabakh-terminology v"))
        #expect((jsonObject(only.lines.first ?? "")["loaded"] as? [Any])?.isEmpty == true)
    }

    @Test func initMakesAProjectThatRunsToAReport() throws {
        let parent = try TemporaryDirectory()
        let made = try SlantProcess.run(["init", "study"], in: parent.url)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("created study/pipeline.yaml"))
        #expect(made.stdout.contains("slant run"))
        let project = parent.url.appendingPathComponent("study")
        let check = try SlantProcess.run(["lexicon", "check"] + (try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("lexicons").path).sorted().map { "lexicons/" + $0 }), in: project)
        #expect(check.status == 0, "\(check.stderr)")
        let page = SlantProcess.package.appendingPathComponent("corpus/outlet-c/violence-continues-in-nagorno-karabakh.html")
        try FileManager.default.createDirectory(at: project.appendingPathComponent("corpus/outlet-c"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: page, to: project.appendingPathComponent("corpus/outlet-c/a.html"))
        let ran = try SlantProcess.run(["run"], in: project)
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout.contains("1 found · 1 new"))
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("reports/index.html").path))
        // A second init never overwrites.
        let again = try SlantProcess.run(["init", "study"], in: parent.url)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func sourcesNeverIncludeTheReportsOrTheStore() throws {
        let directory = try bundledProject()
        try edit(directory, "pipeline.yaml") { text in
            text.replacingOccurrences(of: "  - path: corpus/outlet-e/*.html\n    outlet: Outlet E\n", with: "  - path: \"**/*.html\"\n")
        }
        let first = try run(directory)
        let second = try run(directory)
        #expect(first.stdout.hasPrefix("5 found"), "\(first.stdout)")
        #expect(second.stdout.hasPrefix("5 found · 0 new"), "\(second.stdout)")
    }

    @Test func aReportDirectoryHoldingOtherFilesIsRefusedBeforeAnyWork() throws {
        let directory = try bundledProject()
        try edit(directory, "pipeline.yaml") { $0.replacingOccurrences(of: "reports: reports", with: "reports: .") }
        let result = try SlantProcess.run(["run"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("the directory holds files Slant did not write (corpus, lexicons, pipeline.yaml)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(".slant/slant.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("index.html").path))
    }
}
