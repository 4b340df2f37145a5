import Foundation
import SlantCore
import SlantMeasure
import SlantReport
import SlantStore
import SlantTag

/// Aggregates a corpus held in the store and writes its reports (for `slant run` and `slant report`).
public struct Reporting {
    let store: SlantStore
    let configuration: PipelineConfiguration
    let lexicons: [Lexicon]

    public init(store: SlantStore, configuration: PipelineConfiguration, lexicons: [Lexicon]) throws {
        self.store = store
        self.configuration = configuration
        self.lexicons = lexicons
    }

    /// Aggregates and writes the reports; returns the report directory.
    public func write(
        measures: [ArticleMeasures], members: [CorpusMember], excluded: [ExcludedDocument], generatedAt: String
    ) throws -> String {
        // Keyness needs every article's words; they are summed per outlet one article at a time.
        var outletWords: [String: [String: Int]] = [:]
        try store.forEachWords(members) { words, member in
            var totals = outletWords[member.outlet] ?? [:]
            for (word, count) in words { totals[word, default: 0] += count }
            outletWords[member.outlet] = totals
        }
        let tables = try AggregateStage().process(
            AggregateStage.Input(measures: measures, excluded: excluded, facts: LexiconFacts(lexicons), outletWords: outletWords))
        let provenance = ReportProvenance(
            slantVersion: SlantVersion.current, configurationFile: configuration.file,
            configurationDigest: configuration.fileDigest,
            lexicons: lexicons.map { LexiconProvenance(path: $0.path, id: $0.id, version: $0.version, digest: $0.digest) },
            generatedAt: generatedAt)
        let byID = Dictionary(tables.articles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let digestOf = Dictionary(members.map { ($0.source, $0) }, uniquingKeysWith: { first, _ in first })
        let evidence = try evidenceLookup(tables, members: digestOf)
        let input = ReportStage.Input(tables: tables, provenance: provenance, evidence: evidence)
        let files = try ReportStage().process(input)
        try store.replaceStatistics(tables.statistics)
        let context = input.citationContext
        try store.setMeta([
            "citation_version": context.slantVersion, "citation_corpus": context.corpusDigest.hex,
            "citation_lexicons": context.lexicons.joined(separator: "\n"), "citation_generated": context.generatedAt,
        ])
        let store = self.store
        let evidenceTable = StreamedReportFile(path: "data/evidence.csv") { append in
            append(EvidenceTable.header)
            for article in tables.articles {
                guard let member = digestOf[article.source], byID[article.id] != nil else { continue }
                for (index, item) in try store.evidence(digest: member.digest, key: member.analysisKey).enumerated() {
                    append(EvidenceTable.row(article, index: index, item))
                }
            }
        }
        let directory = configuration.resolve(configuration.reports)
        try ReportWriter(directory: directory).write(files, streamed: [evidenceTable])
        return directory
    }

    /// The evidence (with sentences) of every reference the statistics keep, read from the store once per article.
    private func evidenceLookup(_ tables: CorpusTables, members: [String: CorpusMember]) throws -> [EvidenceReference: Evidence] {
        let sourceOf = Dictionary(tables.articles.map { ($0.id, $0.source) }, uniquingKeysWith: { first, _ in first })
        var wanted: [String: Set<Int>] = [:]
        for statistic in tables.statistics {
            for reference in statistic.evidence { wanted[reference.article, default: []].insert(reference.index) }
        }
        var lookup: [EvidenceReference: Evidence] = [:]
        for (article, indexes) in wanted {
            guard let source = sourceOf[article], let member = members[source] else { continue }
            let items = try store.evidence(digest: member.digest, key: member.analysisKey)
            for index in indexes where index < items.count {
                lookup[EvidenceReference(article: article, index: index)] = items[index]
            }
        }
        return lookup
    }
}

/// `slant report`: re-renders the reports from the store, without touching the corpus.
public enum ReportCommand {
    public static func run(configurationPath: String, output: OutputStream, errors: OutputStream) -> Int32 {
        defer {
            output.flush()
            errors.flush()
        }
        do {
            let configuration = try ConfigurationLoader.load(configurationPath)
            let lexicons = try LexiconFiles.load(for: configuration)
            let store = try SlantStore(path: configuration.resolve(configuration.store))
            guard try store.hasCompletedRun() else {
                errors.line("slant: the store \(configuration.resolve(configuration.store)) holds no completed run yet; run `slant run` first")
                return 1
            }
            let members = try store.corpus()
            var measures: [ArticleMeasures] = []
            for member in members {
                guard var article = try store.measures(digest: member.digest, key: member.analysisKey) else { continue }
                article.outlet = member.outlet
                article.source = member.source
                article.id = member.articleID
                measures.append(article)
            }
            let directory = try Reporting(store: store, configuration: configuration, lexicons: lexicons)
                .write(measures: measures, members: members, excluded: try store.corpusFailures(), generatedAt: PipelineRun.now())
            output.line("\(measures.count) articles · reports in \(directory)/")
            return 0
        } catch let error as ConfigurationLoader.Failure {
            errors.line(error.description.hasPrefix(configurationPath) ? error.description : "slant: \(error)")
            return 2
        } catch {
            errors.line("slant: \(error)")
            return 1
        }
    }
}
