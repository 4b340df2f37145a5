import Foundation
import Testing

/// `slant model train` and `models:` end to end: the model's figures in every output, a changed model
/// file re-measures without re-cleaning, a bad model file is refused with its file and reason.
@Suite struct SentenceModelRunTests {
    /// Ten sentences with "shelling" or "aggression" labelled loaded, ten with "talks" or "ministry" not.
    static let labels = "text,label\n"
        + ["Relentless shelling of towns", "The shelling went on", "Shelling of homes again", "Brutal shelling at night",
           "More shelling today", "Naked aggression against civilians", "The aggression continued", "Their aggression is criminal",
           "Aggression without end", "A war of aggression"].map { "\($0),1\n" }.joined()
        + ["The talks resumed in Moscow", "Talks were held on Friday", "New talks are planned", "The talks ended",
           "Officials joined the talks", "The ministry issued a statement", "The ministry said nothing", "A ministry spokesman spoke",
           "The ministry confirmed it", "Ministry officials met"].map { "\($0),0\n" }.joined()

    static func project() throws -> TemporaryDirectory {
        let directory = try bundledProject()
        try directory.write("labels.csv", labels)
        let configuration = try String(contentsOf: directory.url.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
        try directory.write("pipeline.yaml", configuration + "\nmodels:\n  - models/war.json\n")
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("models"), withIntermediateDirectories: true)
        return directory
    }

    static func train(_ directory: TemporaryDirectory, _ extra: [String] = []) throws -> SlantProcess.Output {
        try SlantProcess.run(["model", "train", "labels.csv", "-o", "models/war.json"] + extra, in: directory.url)
    }

    @Test func aTrainedModelIsAMeasureOfTheRun() throws {
        let directory = try Self.project()
        let trained = try Self.train(directory)
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("trained on 20 labelled sentences of labels.csv (text,label CSV; 10 loaded, 10 not loaded"))
        #expect(trained.stdout.contains("precision 1.000 [0.722, 1.000]   (10 of 10 predicted loaded are labelled loaded)"))
        #expect(trained.stdout.contains("model written to models/war.json"))

        let run = try SlantProcess.run(["run"], in: directory.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("5 found · 5 new · 0 changed · 0 unchanged · 0 failed · cleaned 5 · tagged 5"))
        let json = try String(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"), encoding: .utf8)
        for outlet in ["asbarez", "southfront", "mail-online", "outlet-c", "outlet-e"] {
            #expect(json.contains("\"id\": \"model-rate/war/\(outlet)/authorial\""), "\(outlet)")
        }
        #expect(json.contains("\"path\": \"models/war.json\""))
        let csv = try String(contentsOf: directory.url.appendingPathComponent("reports/data/statistics.csv"), encoding: .utf8)
        #expect(csv.contains("model-rate/war/asbarez/authorial"))
        let markdown = try String(contentsOf: directory.url.appendingPathComponent("reports/report.md"), encoding: .utf8)
        #expect(markdown.contains("## Sentence models"))
        #expect(markdown.contains("- Sentence model war, `models/war.json`: `"))
        let html = try String(contentsOf: directory.url.appendingPathComponent("reports/index.html"), encoding: .utf8)
        #expect(html.contains("<section id=\"models\">"))

        // Unchanged: nothing is done again. A retrained model (another λ, another file): every article
        // is measured again, none cleaned again.
        #expect(try SlantProcess.run(["run"], in: directory.url).stdout.contains("cleaned 0 · tagged 0"))
        #expect(try Self.train(directory, ["--lambda", "8"]).status == 0)
        let again = try SlantProcess.run(["run"], in: directory.url)
        #expect(again.stdout.contains("5 found · 0 new · 0 changed · 5 unchanged · 0 failed · cleaned 0 · tagged 5"), "\(again.stdout)")
    }

    @Test func aBadModelFileIsRefusedWithItsFileAndReason() throws {
        let directory = try Self.project()
        let missing = try SlantProcess.run(["run"], in: directory.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("model `models/war.json`: no such file (train one with `slant model train LABELS.csv -o models/war.json`)"))
        try directory.write("models/war.json", "{nope")
        let bad = try SlantProcess.run(["run"], in: directory.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("models/war.json: error: not a Slant sentence model (not valid JSON); train one with `slant model train LABELS.csv`"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("reports/statistics.json").path))
    }

    @Test func trainingRefusesBadLabelsAndWritesNothing() throws {
        let directory = try Self.project()
        try directory.write("labels.csv", "text,label\nGood,1\nOdd,maybe\n")
        let result = try Self.train(directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("labels.csv:3: error: unknown label `maybe` in column `label`"))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("models/war.json").path))
    }
}
