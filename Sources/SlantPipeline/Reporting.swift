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
    /// The measures may come without their evidence items when `evidence` holds them.
    public func write(
        measures: consuming [ArticleMeasures], evidence classes: EvidenceClasses? = nil, members: [CorpusMember],
        excluded: [ExcludedDocument], generatedAt: String
    ) throws -> String {
        // Keyness needs every article's words; they are summed per outlet straight from the stored bytes.
        var tallies: [String: WordTally] = [:]
        var outlet = ""
        var tally = WordTally()
        try store.forEachWord(of: members) { member, word, count in
            if member.outlet != outlet {
                tallies[outlet] = tally
                outlet = member.outlet
                tally = tallies.removeValue(forKey: outlet) ?? WordTally()
            }
            tally.add(word, count: count)
        }
        tallies[outlet] = tally
        let outletWords = tallies.filter { $0.value.count > 0 }.mapValues(\.counts)
        let tables = try AggregateStage().process(
            AggregateStage.Input(
                measures: consume measures, excluded: excluded, facts: LexiconFacts(lexicons), outletWords: outletWords,
                evidence: classes, stopwords: try StopListFiles.load(for: configuration)))
        // The aggregate's resampling tables are freed; their pages go back before the reports are built.
        MemoryTrim.release()
        let provenance = ReportProvenance(
            slantVersion: SlantVersion.current, configurationFile: configuration.file,
            configurationDigest: configuration.fileDigest,
            lexicons: lexicons.map { LexiconProvenance(path: $0.path, id: $0.id, version: $0.version, digest: $0.digest) },
            generatedAt: generatedAt)
        let memberOf = Dictionary(members.indices.map { (members[$0].source, $0) }, uniquingKeysWith: { first, _ in first })
        let evidence = try evidenceLookup(tables, members: members, memberOf: memberOf)
        let input = ReportStage.Input(tables: tables, provenance: provenance, evidence: evidence)
        let stage = ReportStage()
        let files = try stage.process(input)
        try store.replaceStatistics(tables.statistics)
        let context = input.citationContext
        try store.setMeta([
            "citation_version": context.slantVersion, "citation_corpus": context.corpusDigest.hex,
            "citation_lexicons": context.lexicons.joined(separator: "\n"), "citation_generated": context.generatedAt,
        ])
        let store = self.store
        let articles = tables.articles
        let evidenceTable = StreamedReportFile(path: "data/evidence.csv") { append in
            append(EvidenceTable.header)
            var positions: [Int] = []
            var documents: [(digest: String, key: String)] = []
            for (position, article) in articles.enumerated() {
                guard let member = memberOf[article.source].map({ members[$0] }) else { continue }
                positions.append(position)
                documents.append((member.digest, member.analysisKey))
            }
            try store.forEachEvidence(of: documents) { listed, items in
                let article = articles[positions[listed]]
                // The store's sentence rows do not name the lexicon; the measures' evidence items do.
                let lexicons = article.evidence.isEmpty ? (classes?.items(of: article.id).map(\.lexicon) ?? []) : article.evidence.map(\.lexicon)
                for (index, item) in items.enumerated() {
                    var item = item
                    if item.lexicon.isEmpty, index < lexicons.count { item.lexicon = lexicons[index] }
                    append(EvidenceTable.row(article, index: index, item))
                }
            }
        }
        let directory = configuration.resolve(configuration.reports)
        try ReportWriter(directory: directory).write(files, streamed: stage.streamed(input) + [evidenceTable])
        return directory
    }

    /// The evidence (with sentences) of the references the reports show, read from the store in one pass.
    private func evidenceLookup(
        _ tables: CorpusTables, members: [CorpusMember], memberOf: [String: Int]
    ) throws -> [EvidenceReference: Evidence] {
        let sourceOf = Dictionary(tables.articles.map { ($0.id, $0.source) }, uniquingKeysWith: { first, _ in first })
        var wanted: [String: Set<Int>] = [:]
        for statistic in tables.statistics {
            for reference in statistic.evidence.prefix(ReportStage.evidenceShown) {
                wanted[reference.article, default: []].insert(reference.index)
            }
        }
        let listed = wanted.compactMap { article, indexes -> (article: String, indexes: Set<Int>, member: CorpusMember)? in
            guard let source = sourceOf[article], let member = memberOf[source].map({ members[$0] }) else { return nil }
            return (article, indexes, member)
        }
        var lookup: [EvidenceReference: Evidence] = [:]
        try store.forEachEvidence(of: listed.map { ($0.member.digest, $0.member.analysisKey) }) { position, items in
            for index in listed[position].indexes where index < items.count {
                lookup[EvidenceReference(article: listed[position].article, index: index)] = items[index]
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
            let store = try ExistingStore.open(configuration)
            guard try store.hasCompletedRun() else {
                errors.line("slant: the store \(configuration.resolve(configuration.store)) holds no completed run yet; run `slant run` first")
                return 1
            }
            let members = try store.corpus()
            var measures: [ArticleMeasures] = []
            var evidence = EvidenceClasses()
            measures.reserveCapacity(members.count)
            for member in members {
                guard var article = try store.measures(digest: member.digest, key: member.analysisKey) else { continue }
                article.outlet = member.outlet
                article.source = member.source
                article.digest = member.digest
                article.id = member.articleID
                evidence.add(article.evidence, article: article.id)
                article.evidence = []
                measures.append(article)
            }
            let count = measures.count
            let directory = try Reporting(store: store, configuration: configuration, lexicons: lexicons)
                .write(
                    measures: consume measures, evidence: evidence, members: members, excluded: try store.corpusFailures(),
                    generatedAt: PipelineRun.now())
            output.line("\(count) articles · reports in \(directory)/")
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
