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

    /// Eight articles of two outlets, written for the model trained on ``labels``: every sentence has
    /// "shelling" or "aggression" (predicted loaded) or "talks" or "ministry" (not). The same corpus,
    /// with the ids and figures it gives, is in bench/reference/model_rate_reference.py.
    static let articles: [(outlet: String, file: String, title: String, body: String)] = [
        ("Alpha", "a1.txt", "Shelling of homes again", "Relentless shelling hit the towns. Brutal shelling went on at night. The ministry issued a statement."),
        ("Alpha", "a2.txt", "Talks resumed in Moscow", "The talks resumed on Monday. Aggression against civilians went on."),
        ("Alpha", "a3.txt", "New talks are planned", "New talks are planned for Friday. Ministry officials met in the capital. The talks ended."),
        ("Alpha", "a4.txt", "Officials joined the talks", "Officials joined the talks. The ministry confirmed the date."),
        ("Alpha", "a5.txt", "The aggression continued", "Their aggression is criminal. The ministry said nothing. Talks were held on Friday. The talks ended."),
        ("Beta", "b1.txt", "The ministry said nothing", "A ministry spokesman spoke. The talks ended."),
        ("Beta", "b2.txt", "Talks were held on Friday", "More shelling today near the border. The ministry confirmed it."),
        ("Beta", "b3.txt", "Ministry officials met", "New talks are planned. Officials joined the talks. The ministry issued a statement."),
    ]

    /// A ninth article (Beta's), for the kept sums' updates.
    static let extra = (outlet: "Beta", file: "b4.txt", title: "Talks ended", body: "Naked aggression against civilians went on. The ministry said nothing.")

    /// Writes an article as a text file with front matter, published on day `day` of October 2020.
    static func write(_ article: (outlet: String, file: String, title: String, body: String), day: Int, in directory: TemporaryDirectory) throws {
        try directory.write(
            "corpus/\(article.file)",
            "---\ntitle: \(article.title)\noutlet: \(article.outlet)\npublished: 2020-10-\(day < 10 ? "0" : "")\(day)\nlanguage: en\n---\n\(article.body)\n")
    }

    static func ownCorpusProject(skippingFirst: Bool = false, withExtra: Bool = false) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("labels.csv", labels)
        for (index, article) in articles.enumerated() where !(skippingFirst && index == 0) {
            try write(article, day: index + 1, in: directory)
        }
        if withExtra { try write(extra, day: 9, in: directory) }
        try directory.write("pipeline.yaml", "sources:\n  - path: corpus/*.txt\nmodels:\n  - models/war.json\nstore: .slant/slant.sqlite\nreports: reports\n")
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("models"), withIntermediateDirectories: true)
        return directory
    }

    /// The statistics and their intervals, exactly, in every output. Alpha: 4 of its 14 own-voice
    /// sentences are predicted loaded (2 of 3, 1 of 2, 0 of 3, 0 of 2, 1 of 4), 2 of its 5 headlines;
    /// Beta: 1 of 7 and 0 of 3. The intervals, the contrast's interval and its permutation p-value are
    /// those of bench/reference/model_rate_reference.py (the Poisson bootstrap of
    /// bench/reference/poisson_reference.py over the articles' ids, written independently of Slant).
    @Test func theModelRateAndItsIntervalAreExactInEveryOutput() throws {
        let directory = try Self.ownCorpusProject()
        let trained = try Self.train(directory)
        #expect(trained.status == 0, "\(trained.stderr)")
        let run = try SlantProcess.run(["run"], in: directory.url)
        #expect(run.status == 0, "\(run.stderr)")

        let expected: [(id: String, value: Double, lower: Double, upper: Double, articles: Int, loaded: Double, sentences: Double)] = [
            ("model-rate/war/alpha/authorial", 0.2857142857142857, 0.0, 0.5714285714285714, 5, 4, 14),
            ("model-rate/war/alpha/headline", 0.4, 0.0, 1.0, 5, 2, 5),
            ("model-rate/war/beta/authorial", 0.14285714285714285, 0.0, 0.5, 3, 1, 7),
            ("model-rate/war/beta/headline", 0.0, 0.0, 0.0, 3, 0, 3),
        ]
        let contrastID = "contrast/model-rate/war/authorial/alpha/beta"
        /// Decoded with JSONDecoder, which reads every double exactly as written.
        struct Figures: Decodable {
            struct Figure: Decodable {
                var id: String
                var kind: String
                var lexicon: String?
                var measure: String?
                var value: Double?
                var unit: String
                var ci_lower: Double?
                var ci_upper: Double?
                var n_articles: Int
                var n_occurrences: Double
                var n_total: Double
                var p_value: Double?
                var q_value: Double?
                var sufficient: Bool
            }
            var statistics: [Figure]
        }
        func check(_ data: Data) throws {
            let statistics = try JSONDecoder().decode(Figures.self, from: data).statistics
            let models = statistics.filter { $0.kind == "model-rate" }
            #expect(models.map(\.id) == expected.map(\.id))
            for figure in expected {
                let rate = try #require(models.first { $0.id == figure.id })
                #expect(rate.value == figure.value, "\(figure.id)")
                #expect(rate.ci_lower == figure.lower && rate.ci_upper == figure.upper, "\(figure.id)")
                #expect(rate.n_articles == figure.articles, "\(figure.id)")
                #expect(rate.n_occurrences == figure.loaded && rate.n_total == figure.sentences, "\(figure.id)")
                #expect(rate.unit == "share" && rate.sufficient && rate.lexicon == "war", "\(figure.id)")
            }
            let contrast = try #require(statistics.first { $0.id == contrastID })
            #expect(contrast.kind == "contrast" && contrast.measure == "model-rate" && contrast.lexicon == "war")
            #expect(contrast.value == 0.14285714285714285)
            #expect(contrast.ci_lower == -0.33333333333333337 && contrast.ci_upper == 0.4825892857142833)
            #expect(contrast.p_value == 0.6046976511744128 && contrast.q_value == 0.6046976511744128)
            #expect(contrast.n_articles == 8 && contrast.n_occurrences == 5 && contrast.n_total == 21)
        }
        let statisticsURL = directory.url.appendingPathComponent("reports/statistics.json")
        try check(try Data(contentsOf: statisticsURL))
        let json = jsonObject(try String(contentsOf: statisticsURL, encoding: .utf8))
        let articles = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: directory.url.appendingPathComponent("reports/data/articles.json"))) as? [[String: Any]])
        #expect(articles.compactMap { $0["id"] as? String } == [
            "997efc46e5becd0a", "78a2448a85499197", "364e5373af202ba8", "a7cb79d2917ded1e", "3da64cd7fc0ca3b2",
            "fc57e7eb1b84d1d3", "c4c64717e9b8f9a8", "5fbf4f2d7723ba3d",
        ])
        let model = try #require((json["models"] as? [[String: Any]])?.first)
        #expect(model["id"] as? String == "war" && model["path"] as? String == "models/war.json")
        let digest = try #require(model["digest"] as? String)

        let csv = try String(contentsOf: directory.url.appendingPathComponent("reports/data/statistics.csv"), encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows.contains { $0.hasPrefix("model-rate/war/alpha/authorial,,model-rate,war,,Alpha,,authorial,,,,,,0.2857142857142857,share,0.0,0.5714285714285714,5,4.0,14.0,,,,true,,,") }, "\(csv)")
        #expect(rows.contains { $0.hasPrefix("\(contrastID),,contrast,war,,Alpha,Beta,authorial,,,,,,0.14285714285714285,share,-0.33333333333333337,0.4825892857142833,8,5.0,21.0,0.6046976511744128,0.6046976511744128,,true,,,") }, "\(csv)")

        let markdown = try String(contentsOf: directory.url.appendingPathComponent("reports/report.md"), encoding: .utf8)
        #expect(markdown.contains("| Alpha | 29% [0%, 57%] | 40% [0%, 100%] | — | — | — | 4 of 14 |"), "\(markdown)")
        #expect(markdown.contains("| Beta | 14% [0%, 50%] | 0% [0%, 0%] | — | — | — | 1 of 7 |"), "\(markdown)")
        #expect(markdown.contains("| share of sentences predicted loaded | `war` | Alpha − Beta | 14% [−33%, 48%] | 0.605 | 0.605 |"), "\(markdown)")
        #expect(markdown.contains("Each configured sentence model (`models:`, trained with `slant model train`"))
        let html = try String(contentsOf: directory.url.appendingPathComponent("reports/index.html"), encoding: .utf8)
        #expect(html.contains("<section id=\"models\">"))

        let cite = try SlantProcess.run(["cite", "model-rate/war/alpha/authorial"], in: directory.url)
        #expect(cite.status == 0, "\(cite.stderr)")
        #expect(cite.stdout.hasPrefix(
            "Alpha, 2020-10-01 to 2020-10-05 (5 articles): sentences predicted loaded by model war in the outlet's own voice 29% (95% CI [0%, 57%]; 4 of 14 sentences predicted loaded). Slant "), "\(cite.stdout)")
        #expect(cite.stdout.contains("; statistic model-rate/war/alpha/authorial; corpus "), "\(cite.stdout)")
        #expect(cite.stdout.contains("; lexicons none; models war (\(digest.prefix(16))); generated "), "\(cite.stdout)")
        let citeContrast = try SlantProcess.run(["cite", contrastID], in: directory.url)
        #expect(citeContrast.stdout.contains("Alpha minus Beta 14% (95% CI [−33%, 48%]; permutation p 0.605; BH-adjusted q 0.605)"), "\(citeContrast.stdout)")

        // `slant report` alone reads the replicate sums kept in the store: the same figures to the last digit.
        try FileManager.default.removeItem(at: statisticsURL)
        let report = try SlantProcess.run(["report"], in: directory.url)
        #expect(report.status == 0, "\(report.stderr)")
        try check(try Data(contentsOf: statisticsURL))
    }

    /// The kept sums of the models' sentences are updated article by article (one article removed,
    /// one added): the statistics are byte for byte those of a run that builds them anew.
    @Test func keptModelSumsFollowAddedAndRemovedArticles() throws {
        let directory = try Self.ownCorpusProject()
        #expect(try Self.train(directory).status == 0)
        #expect(try SlantProcess.run(["run"], in: directory.url).status == 0)
        let before = try statisticsLines(directory)
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("corpus/a1.txt"))
        try Self.write(Self.extra, day: 9, in: directory)
        let updated = try SlantProcess.run(["run"], in: directory.url)
        #expect(updated.stdout.contains("8 found · 1 new · 0 changed · 7 unchanged · 0 failed"), "\(updated.stdout)")

        let fresh = try Self.ownCorpusProject(skippingFirst: true, withExtra: true)
        #expect(try Self.train(fresh).status == 0)
        #expect(try SlantProcess.run(["run"], in: fresh.url).status == 0)
        let lines = try statisticsLines(directory)
        #expect(lines == (try statisticsLines(fresh)))
        #expect(lines.contains { $0.contains("\"id\": \"model-rate/war/beta/authorial\"") })
        #expect(lines != before)
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
