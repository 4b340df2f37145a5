import Foundation
import Testing

/// Killing `slant run` at any point leaves a store the next run continues from, with
/// exactly the results of an uninterrupted run; two runs at once do not corrupt it;
/// `slant watch` follows the corpus and stops on Ctrl-C.
@Suite(.serialized) struct CrashSafetyTests {
    static let total = 220

    /// A project of 220 plain-text articles: the five seeds, each varied so every file is a distinct article.
    static func largeProject() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let seeds = try FileManager.default.contentsOfDirectory(atPath: SlantProcess.package.appendingPathComponent("corpus/text").path).sorted()
        let texts = try seeds.map { try String(contentsOf: SlantProcess.package.appendingPathComponent("corpus/text/\($0)"), encoding: .utf8) }
        for index in 0..<total {
            let outlet = "outlet-\(index % 4)"
            let text = "Report number \(index) from the \(outlet) desk, filed on day \(index % 28 + 1).\n\n" + texts[index % texts.count]
            try directory.write("corpus/\(outlet)/article-\(String(format: "%03d", index)).txt", text)
        }
        try FileManager.default.copyItem(at: SlantProcess.package.appendingPathComponent("lexicons"), to: directory.url.appendingPathComponent("lexicons"))
        try directory.write("pipeline.yaml", """
            sources:
              - corpus/**/*.txt
            lexicons: [lexicons/karabakh.yaml, lexicons/loaded-language.en.yaml]
            """)
        return directory
    }

    /// The most files a run's progress lines say are done (`112/220 files · …`).
    static func filesDone(_ errors: String) -> Int {
        errors.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasSuffix(" files") || line.contains("/\(total) files") else { return nil }
            return Int(line.prefix { $0 != "/" }.filter(\.isNumber))
        }.max() ?? 0
    }

    @Test func aRunKilledAtSeveralPointsEndsWithTheResultsOfAnUninterruptedRun() throws {
        let reference = try Self.largeProject()
        let uninterrupted = try SlantProcess.run(["run", "--jobs", "1"], in: reference.url)
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        #expect(uninterrupted.stdout.contains("\(Self.total) found · \(Self.total) new"))

        let project = try Self.largeProject()
        // Kill once 2, 5 and 8 tenths of the files have been processed and stored, then at the very end
        // (progress lines come a batch of 16 files at a time: `112/220 files · 340/s`).
        for threshold in [Self.total * 2 / 10, Self.total * 5 / 10, Self.total * 8 / 10, Self.total] {
            let running = try RunningSlant(["run", "--jobs", "1"], in: project.url)
            let reached = running.wait { _, errors in Self.filesDone(errors) >= threshold }
            #expect(reached, "the run never reported \(threshold) files done before it could be killed")
            running.signal(SIGKILL)
            let status = running.finish()
            // Killed at the point, or (at the very end) finished just before the signal arrived.
            #expect(status == SIGKILL || status == 0, "status \(status)")
        }
        let resumed = try SlantProcess.run(["run", "--jobs", "1"], in: project.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("\(Self.total) found · "))
        #expect(resumed.stdout.contains(" · 0 failed · "))
        // Nothing lost, nothing counted twice.
        #expect(try statisticsLines(project) == statisticsLines(reference))
        let articles = try String(contentsOf: project.url.appendingPathComponent("reports/data/articles.csv"), encoding: .utf8)
        #expect(articles.split(separator: "\r\n").count == Self.total + 1)
        // And a further run has nothing left to do.
        #expect(try SlantProcess.run(["run"], in: project.url).stdout.contains("cleaned 0 · tagged 0"))
    }

    @Test func aSecondRunWhileTheStoreIsHeldRefusesWithAClearMessage() throws {
        let project = try bundledProject()
        #expect(try SlantProcess.run(["run"], in: project.url).status == 0)
        // Hold the store's lock as a running `slant run` would.
        let lockPath = project.url.appendingPathComponent(".slant/slant.sqlite.lock").path
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(descriptor >= 0)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        _ = pwrite(descriptor, "4242\n", 5, 0)
        let refused = try SlantProcess.run(["run"], in: project.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("another slant process (pid 4242) is using the store .slant/slant.sqlite; wait for it to finish, then run again."))
        flock(descriptor, LOCK_UN)
        close(descriptor)
        // The store is intact: the next run finds everything done.
        #expect(try SlantProcess.run(["run"], in: project.url).stdout.contains("5 found · 0 new · 0 changed · 5 unchanged · 0 failed · cleaned 0 · tagged 0"))
    }

    @Test func watchRunsWhenAnArticleArrivesAndStopsOnControlC() throws {
        let project = try bundledProject()
        let watch = try RunningSlant(["watch", "--interval", "0.2"], in: project.url)
        #expect(watch.wait { output, _ in output.contains("watching for changes") })
        #expect(watch.stdout.contains("5 found · 5 new"))
        try project.write("corpus/asbarez/another.html", """
            <html lang="en"><head><title>Talks resume</title></head><body><article>
            <p>Negotiators from Baku and Yerevan met again on Friday, the third round of talks this month.</p>
            <p>Both delegations said the meeting was useful, though neither gave ground on the status of Artsakh.</p>
            </article></body></html>
            """)
        #expect(watch.wait { output, _ in output.contains("6 found · 1 new") })
        try FileManager.default.removeItem(at: project.url.appendingPathComponent("corpus/asbarez/another.html"))
        #expect(watch.wait { output, _ in output.contains("5 found · 0 new · 0 changed · 5 unchanged · 0 failed · 1 removed") })
        watch.signal(SIGINT)
        #expect(watch.finish() == 0)
        #expect(watch.stdout.hasSuffix("stopped\n"))
    }
}
