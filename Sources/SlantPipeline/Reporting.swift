import Foundation
import SlantCore
import SlantMeasure
import SlantOrigin
import SlantReport
import SlantStore
import SlantTag

/// The corpus a report is made of: its articles' measures (their evidence items held apart,
/// compactly), the store members they come from, and the documents left out.
public struct ReportCorpus: Sendable {
    public var measures: [ArticleMeasures]
    public var evidence: EvidenceClasses
    public var members: [CorpusMember]
    public var excluded: [ExcludedDocument]

    public init(measures: [ArticleMeasures], evidence: EvidenceClasses, members: [CorpusMember], excluded: [ExcludedDocument]) {
        self.measures = measures
        self.evidence = evidence
        self.members = members
        self.excluded = excluded
    }
}

/// What writing a report gave.
public struct ReportOutcome: Sendable {
    /// The report directory.
    public var directory: String
    public var articles: Int
    /// Things worth saying that did not stop the report, as whole lines.
    public var warnings: [String]
}

/// Everything a report is rendered from, loaded in one place: the aggregate of the corpus, the
/// evidence sentences the pages show (as many per figure as `report.evidence_rows` says), and the
/// store's evidence rows for `data/evidence.csv`, read as that table is written so that memory does
/// not grow with the corpus.
struct ReportInputs {
    var stage: ReportStage.Input
    /// Every evidence row of the corpus, in article order.
    var evidenceRows: StoredEvidence
    /// The measures' evidence items, which name the lexicon of each row (the store's rows do not).
    var evidenceClasses: EvidenceClasses

    static func load(
        _ corpus: consuming ReportCorpus, store: SlantStore, definition: PipelineDefinition, generatedAt: String
    ) throws -> ReportInputs {
        let members = corpus.members
        let excluded = corpus.excluded
        let evidenceClasses = corpus.evidence
        // Outlet figures count what `origin.count` says (by default each outlet's own writing); every
        // article stays in the article tables, with its origin.
        // Sorted in place as the article tables list them; the aggregate's tables share this array.
        var all = corpus.measures
        corpus.measures = []
        all.sort(by: AggregateStage.tableOrder)
        let origins = try OriginPass.resolve(all, members: members, store: store, definition: definition)
        // The kept sums first: the counted copy of the corpus below is not held while they are updated.
        let replicates = try KeptReplicates.update(all, origins: origins, store: store, definition: definition)
        let counted = OriginPass.counted(all, origins: origins)
        let groupOf = Dictionary(counted.map { ($0.id, $0.outlet) }, uniquingKeysWith: { first, _ in first })
        let countedMembers = members.compactMap { member -> CorpusMember? in
            guard let group = groupOf[member.articleID] else { return nil }
            var counted = member
            counted.outlet = group
            return counted
        }
        let outletWords = try keynessWords(countedMembers, store: store)
        var tables = try definition.aggregate.process(
            AggregateStage.Input(
                measures: consume counted, excluded: excluded, facts: definition.facts,
                outletWords: outletWords, evidence: evidenceClasses,
                stopwords: try StopListFiles.load(for: definition.configuration), replicates: replicates))
        tables.articles = all
        tables.corpusDigest = ContentDigest(ofParts: all.map(\.digest).sorted())
        let originTables = OriginStatistics.tables(
            all, origins: origins, facts: tables.facts, policy: tables.policy, settings: definition.configuration.settings.origin,
            replicates: replicates)
        tables.statistics += originTables.statistics
        // The aggregate's resampling tables are freed; their pages go back before the reports are built.
        MemoryTrim.release()
        let configuration = definition.configuration
        let provenance = ReportProvenance(
            slantVersion: SlantVersion.current, configurationFile: configuration.file,
            configurationDigest: configuration.fileDigest, lexicons: definition.lexiconProvenance, generatedAt: generatedAt)
        let memberOf = Dictionary(members.indices.map { (members[$0].source, $0) }, uniquingKeysWith: { first, _ in first })
        let evidence = try shownEvidence(tables, shown: definition.report.evidenceShown, members: members, memberOf: memberOf, store: store)
        var listed: [(article: Int, digest: String, key: String)] = []
        for (position, article) in tables.articles.enumerated() {
            guard let member = memberOf[article.source].map({ members[$0] }) else { continue }
            listed.append((position, member.digest, member.analysisKey))
        }
        let validity = try store.latestValidity()
        if let validity { tables.statistics += validity.statistics }
        return ReportInputs(
            stage: ReportStage.Input(
                tables: tables, provenance: provenance, evidence: evidence, validity: validity,
                validityStale: validity.map { $0.analysisKey != definition.analysisKey } ?? false, origins: originTables),
            evidenceRows: StoredEvidence(store: store, documents: listed), evidenceClasses: evidenceClasses)
    }

    /// Each outlet's authorial word counts for keyness, summed straight from the stored bytes.
    private static func keynessWords(_ members: [CorpusMember], store: SlantStore) throws -> [String: [String: Int]] {
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
        return tallies.filter { $0.value.count > 0 }.mapValues(\.counts)
    }

    /// The evidence (with sentences) of the references the reports show, read from the store in one pass.
    private static func shownEvidence(
        _ tables: CorpusTables, shown: Int, members: [CorpusMember], memberOf: [String: Int], store: SlantStore
    ) throws -> [EvidenceReference: Evidence] {
        let sourceOf = Dictionary(tables.articles.map { ($0.id, $0.source) }, uniquingKeysWith: { first, _ in first })
        var wanted: [String: Set<Int>] = [:]
        for statistic in tables.statistics {
            for reference in statistic.evidence.prefix(shown) {
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

/// The evidence rows of a corpus's articles as the store holds them, handed over one article at a time.
struct StoredEvidence {
    let store: SlantStore
    /// Each article's position in the report's article table, and its store keys.
    let documents: [(article: Int, digest: String, key: String)]

    func forEach(_ body: (Int, [Evidence]) -> Void) throws {
        try store.forEachEvidence(of: documents.map { ($0.digest, $0.key) }) { listed, items in
            body(documents[listed].article, items)
        }
    }
}

/// Makes a report from a corpus: loads its inputs, renders every file (pure functions of the
/// inputs), writes the set, then keeps the statistics in the store for `slant cite`.
public struct ReportPublisher {
    let store: SlantStore
    let definition: PipelineDefinition

    public init(store: SlantStore, definition: PipelineDefinition) {
        self.store = store
        self.definition = definition
    }

    public func publish(_ corpus: consuming ReportCorpus, generatedAt: String) throws -> ReportOutcome {
        let count = corpus.members.count
        let inputs = try ReportInputs.load(corpus, store: store, definition: definition, generatedAt: generatedAt)
        let input = inputs.stage
        let stage = definition.report
        let files = try stage.process(input)
        let articles = input.tables.articles
        let rows = inputs.evidenceRows
        let classes = inputs.evidenceClasses
        let evidenceTable = StreamedReportFile(path: "data/evidence.csv") { append in
            append(EvidenceTable.header)
            try rows.forEach { article, items in
                let measured = articles[article]
                let lexicons = measured.evidence.isEmpty ? classes.items(of: measured.id).map(\.lexicon) : measured.evidence.map(\.lexicon)
                for (index, item) in items.enumerated() {
                    var item = item
                    if item.lexicon.isEmpty, index < lexicons.count { item.lexicon = lexicons[index] }
                    append(EvidenceTable.row(measured, index: index, item))
                }
            }
        }
        let directory = definition.configuration.resolve(definition.configuration.reports)
        try ReportWriter(directory: directory).write(files, streamed: stage.streamed(input) + [evidenceTable])
        try store.replaceStatistics(input.tables.statistics)
        let context = input.citationContext
        try store.setMeta([
            "citation_version": context.slantVersion, "citation_corpus": context.corpusDigest.hex,
            "citation_lexicons": context.lexicons.joined(separator: "\n"), "citation_generated": context.generatedAt,
            "citation_models": context.models.joined(separator: "\n"),
        ])
        return ReportOutcome(directory: directory, articles: count, warnings: input.tables.warnings)
    }
}

/// `slant report`: the reports of the last run's corpus, re-rendered from the store with the current
/// statistics and report settings — only when the rest of what produced that corpus (lexicons,
/// analysis settings, sources and outlets) is what the configuration says now, so that no figure is
/// labelled with digests that did not produce it.
public enum ReportRegeneration {
    /// Why the reports cannot be re-rendered without a run.
    public struct Stale: Error, CustomStringConvertible {
        public var reasons: [String]
        public var description: String {
            reasons.joined(separator: "; ") + "; run `slant run` to analyse the corpus again, then the reports are rewritten"
        }
    }

    public static func run(_ definition: PipelineDefinition) throws -> ReportOutcome {
        let configuration = definition.configuration
        try ReportWriter(directory: configuration.resolve(configuration.reports)).checkDirectory()
        let store = try ExistingStore.open(definition.configuration)
        guard try store.hasCompletedRun() else {
            throw ExistingStore.Missing(path: store.path, empty: true)
        }
        let members = try store.corpus()
        try check(definition, recorded: try store.lastProvenance(), members: members)
        var measures: [ArticleMeasures] = []
        var evidence = EvidenceClasses()
        measures.reserveCapacity(members.count)
        for member in members {
            guard let stored = try store.measures(digest: member.digest, key: member.analysisKey) else { continue }
            var article = CorpusJoin.article(stored, member: member)
            evidence.add(article.evidence, article: article.id)
            article.evidence = []
            measures.append(article)
        }
        return try ReportPublisher(store: store, definition: definition).publish(
            ReportCorpus(measures: measures, evidence: evidence, members: members, excluded: try store.corpusFailures()),
            generatedAt: PipelineRun.now())
    }

    /// Refuses when the corpus was made with other lexicons, analysis settings or sources.
    static func check(_ definition: PipelineDefinition, recorded: RunProvenance?, members: [CorpusMember]) throws {
        var reasons: [String] = []
        if let recorded {
            var previous: [String: LexiconUse] = [:]
            for lexicon in recorded.lexicons { previous[lexicon.id] = lexicon }
            for lexicon in definition.lexicons {
                if let used = previous.removeValue(forKey: lexicon.id) {
                    if used.digest != lexicon.digest.hex {
                        reasons.append("the lexicon `\(lexicon.id)` (\(lexicon.path)) has changed since the last run (digest \(String(used.digest.prefix(16))) → \(lexicon.digest.prefix()))")
                    }
                } else {
                    reasons.append("the lexicon `\(lexicon.id)` (\(lexicon.path)) was not used by the last run")
                }
            }
            for lexicon in previous.values.sorted(by: { $0.id < $1.id }) {
                reasons.append("the last run used the lexicon `\(lexicon.id)`, which the configuration no longer names")
            }
            if recorded.sourcesDigest != definition.configuration.sourcesDigest.hex {
                reasons.append("the sources or outlets in \(definition.configuration.file) have changed since the last run")
            }
            if reasons.isEmpty, recorded.analysisKey != definition.analysisKey {
                reasons.append("the analysis settings (or this Slant's version of a stage) have changed since the last run")
            }
        } else if members.contains(where: { $0.analysisKey != definition.analysisKey }) {
            reasons.append("the last run was made by an earlier Slant, or with other lexicons or settings")
        }
        if !reasons.isEmpty { throw Stale(reasons: reasons) }
    }
}

/// Joins what is not content (the corpus member's outlet, source, digest and article id) to the
/// measures of its content: the one place they meet for `slant report`, as ``PipelineRun`` does for
/// a run.
enum CorpusJoin {
    static func article(_ measures: ArticleMeasures, member: CorpusMember) -> ArticleMeasures {
        var article = measures
        article.outlet = member.outlet
        article.source = member.source
        article.digest = member.digest
        article.id = member.articleID
        return article
    }
}
