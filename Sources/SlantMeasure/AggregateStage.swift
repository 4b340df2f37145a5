import Foundation
import SlantCore

/// One outlet's totals.
public struct OutletSummary: Sendable, Hashable {
    public var outlet: String
    public var articles: Int
    public var tokens: Int
    /// Body tokens by voice, and comment tokens under `.comment`.
    public var voiceTokens: [Voice: Int]
    public var sentences: Int
    public var comments: Int
    public var commentTokens: Int
    /// Earliest and latest publication dates among its articles, when known.
    public var firstDate: String?
    public var lastDate: String?
}

/// What the aggregate stage gives the reports: outlet tables and every statistic.
public struct CorpusTables: Sendable {
    public var outlets: [OutletSummary]
    public var articles: [ArticleMeasures]
    public var excluded: [ExcludedDocument]
    public var statistics: [Statistic]
    public var policy: StatisticsPolicy
    public var facts: LexiconFacts
    /// A digest of the analysed documents' digests: the corpus a report describes.
    public var corpusDigest: ContentDigest
    /// Each configured lexicon's measure: how many articles it covers, and why the others are left out.
    public var coverage: [MeasureCoverage] = []
    /// The stop lists keyness used, by language.
    public var stopwords: [StopList] = []
    /// What a run should tell its user: statistic IDs disambiguated, lexicons left out.
    public var warnings: [String] = []

    /// The coverage of one lexicon.
    public func coverage(of lexicon: String) -> MeasureCoverage? { coverage.first { $0.lexicon == lexicon } }
}

/// Which articles one lexicon's measure covers: those in one of its languages (every article when it
/// declares none). The others are neither in its numerators nor its denominators.
public struct MeasureCoverage: Sendable, Hashable {
    public var lexicon: String
    public var measure: MeasureKind
    /// The lexicon's languages (empty: all).
    public var languages: [String]
    public var articles: Int
    public var covered: Int
    /// Articles left out because of their language, by language.
    public var otherLanguages: [String: Int]
    /// Articles left out because their language is unknown.
    public var unknownLanguage: Int
    /// Why the measure gives no figure, or a caveat (a terminology lexicon without `stance_index:`).
    public var notes: [String]

    /// "5 of 7 articles (2 in ru left out: the lexicon covers en)".
    public var summary: String {
        var text = "\(covered) of \(articles) article\(articles == 1 ? "" : "s")"
        var left: [String] = []
        for (language, count) in otherLanguages.sorted(by: { $0.key < $1.key }) { left.append("\(count) in \(language)") }
        if unknownLanguage > 0 { left.append("\(unknownLanguage) of unknown language") }
        if !left.isEmpty {
            text += " (left out: \(left.joined(separator: ", ")); the lexicon covers \(languages.joined(separator: ", ")))"
        } else if !languages.isEmpty {
            text += " (languages \(languages.joined(separator: ", ")))"
        } else {
            text += " (the lexicon declares no language: every article)"
        }
        return text
    }
}

/// The aggregate stage: the measures of many articles into per-outlet statistics,
/// with article-level bootstrap intervals (DESIGN, "Statistics").
public struct AggregateStage: Stage {
    public struct Input: Sendable {
        public var measures: [ArticleMeasures]
        public var excluded: [ExcludedDocument]
        public var facts: LexiconFacts
        /// Each outlet's authorial word counts, when accumulated elsewhere (from a store, one article at a
        /// time); nil to sum the measures' own `words`.
        public var outletWords: [String: [String: Int]]?
        /// The evidence items of measures that carry none (held apart, compactly, by whoever holds a
        /// whole corpus in memory); nil when the measures carry their own.
        public var evidence: EvidenceClasses?
        /// Stop lists for keyness, by language (default: the bundled Snowball lists).
        public var stopwords: [StopList]
        /// The kept Poisson bootstrap sums of exactly these measures (updated article by article, or
        /// merged from workers); nil to build them from the measures.
        public var replicates: ReplicateAccumulator?

        public init(
            measures: [ArticleMeasures], excluded: [ExcludedDocument], facts: LexiconFacts = LexiconFacts(),
            outletWords: [String: [String: Int]]? = nil, evidence: EvidenceClasses? = nil,
            stopwords: [StopList] = StopList.bundled, replicates: ReplicateAccumulator? = nil
        ) {
            self.replicates = replicates
            self.measures = measures
            self.excluded = excluded
            self.facts = facts
            self.outletWords = outletWords
            self.evidence = evidence
            self.stopwords = stopwords
        }
    }
    public typealias Output = CorpusTables

    public static let name = "aggregate"
    /// 5: intervals from the Poisson bootstrap (kept, mergeable replicate sums) instead of resampling outlets.
    public static let version = 5

    public var policy: StatisticsPolicy

    public init(policy: StatisticsPolicy = StatisticsPolicy()) { self.policy = policy }

    public var configurationDigest: ContentDigest { ContentDigest(ofParts: [Self.name, policy.digest.hex]) }

    public func process(_ input: Input) throws(DocumentError) -> CorpusTables {
        // Each outlet's articles in the order of the article table (outlet, date, source, id); the table
        // itself is made from the groups once the statistics are computed, so that the corpus is not
        // held twice while they are.
        var groups: [String: [ArticleMeasures]] = [:]
        for article in input.measures { groups[article.outlet, default: []].append(article) }
        for outlet in Array(groups.keys) { groups[outlet]?.sort(by: Self.tableOrder) }
        let outletNames = groups.keys.sorted { $0.lowercased() < $1.lowercased() }
        let outlets = outletNames.map { Self.summary($0, groups[$0] ?? []) }

        var warnings: [String] = []
        let facts = Self.distinctLexicons(input.facts, warnings: &warnings)
        let stopwords = Self.stopLists(input.stopwords, for: input.measures)
        var statistics: [Statistic] = []
        do {
            var computer = StatisticsComputer(
                policy: policy, facts: facts, groups: groups, outlets: outletNames, outletWords: input.outletWords,
                evidence: input.evidence, stopwords: stopwords,
                replicates: input.replicates?.replicates == policy.resamples ? input.replicates : nil)
            statistics = computer.all()
            warnings += computer.warnings
        }
        var articles: [ArticleMeasures] = []
        articles.reserveCapacity(input.measures.count)
        for outlet in groups.keys.sorted() {
            articles += groups.removeValue(forKey: outlet) ?? []
        }
        return CorpusTables(
            outlets: outlets, articles: articles, excluded: input.excluded.sorted { $0.source < $1.source },
            statistics: statistics, policy: policy, facts: facts,
            corpusDigest: ContentDigest(ofParts: articles.map(\.digest).sorted()),
            coverage: facts.lexicons.map { Self.coverage($0, articles, statistics) }, stopwords: stopwords,
            warnings: warnings)
    }

    /// The order of the article table: by outlet, then date (undated first), source and id.
    public static func tableOrder(_ a: ArticleMeasures, _ b: ArticleMeasures) -> Bool {
        (a.outlet, a.published ?? "", a.source, a.id) < (b.outlet, b.published ?? "", b.source, b.id)
    }

    /// The facts without lexicons whose id another configured lexicon also has: their matches cannot
    /// be told apart, so neither is measured.
    static func distinctLexicons(_ facts: LexiconFacts, warnings: inout [String]) -> LexiconFacts {
        var counts: [String: Int] = [:]
        for lexicon in facts.lexicons { counts[lexicon.id, default: 0] += 1 }
        let repeated = Set(counts.filter { $0.value > 1 }.keys)
        for id in repeated.sorted() {
            warnings.append("lexicon id `\(id)` is used by \(counts[id] ?? 0) configured lexicons: their matches cannot be told apart, so none of them is measured; give each lexicon its own id")
        }
        var distinct = facts
        distinct.lexicons = facts.lexicons.filter { !repeated.contains($0.id) }
        return distinct
    }

    /// The stop lists of the languages of the corpus's articles.
    static func stopLists(_ lists: [StopList], for articles: [ArticleMeasures]) -> [StopList] {
        let languages = Set(articles.compactMap { $0.language.map(LanguageCode.primary) })
        return lists.filter { languages.contains($0.language) }.sorted { $0.language < $1.language }
    }

    static func coverage(_ lexicon: LexiconFacts.Lexicon, _ articles: [ArticleMeasures], _ statistics: [Statistic]) -> MeasureCoverage {
        var coverage = MeasureCoverage(
            lexicon: lexicon.id, measure: lexicon.measure, languages: lexicon.languages, articles: articles.count, covered: 0,
            otherLanguages: [:], unknownLanguage: 0, notes: [])
        for article in articles {
            if lexicon.covers(language: article.language) {
                coverage.covered += 1
            } else if let language = article.language, !language.isEmpty {
                coverage.otherLanguages[LanguageCode.primary(language), default: 0] += 1
            } else {
                coverage.unknownLanguage += 1
            }
        }
        if coverage.covered == 0 {
            coverage.notes.append(
                articles.isEmpty
                    ? "there are no articles"
                    : "it covers none of the articles (its languages: \(lexicon.languages.joined(separator: ", "))), so it gives no figure")
        } else if !statistics.contains(where: { $0.lexicon == lexicon.id }) {
            coverage.notes.append(lexicon.measure == .terminology ? "none of its terms occurs in the articles it covers" : "the articles it covers have no tokens")
        }
        if lexicon.measure == .terminology, lexicon.stanceIndex == nil {
            coverage.notes.append("it declares no `stance_index:`, so no stance index is computed (term and stance shares are)")
        }
        return coverage
    }

    static func summary(_ outlet: String, _ articles: [ArticleMeasures]) -> OutletSummary {
        var summary = OutletSummary(
            outlet: outlet, articles: articles.count, tokens: 0, voiceTokens: [:], sentences: 0, comments: 0,
            commentTokens: 0)
        for article in articles {
            summary.tokens += article.tokens
            summary.sentences += article.sentences
            summary.comments += article.comments
            summary.commentTokens += article.commentTokens
            for voice in Voice.allCases { summary.voiceTokens[voice, default: 0] += article.tokens(in: voice) }
            if let date = article.published {
                summary.firstDate = min(summary.firstDate ?? date, date)
                summary.lastDate = max(summary.lastDate ?? date, date)
            }
        }
        return summary
    }
}

/// The evidence items of a corpus as the statistics select them — kind, voice, family or category,
/// term or entry, stance — by article id: each distinct combination is kept once, and an article's
/// items as a list of small numbers. A corpus held in memory for the aggregate can drop its measures'
/// evidence (each item a large value) and keep this instead.
public struct EvidenceClasses: Sendable {
    /// What an evidence item is, for selecting it.
    public struct Item: Sendable, Hashable {
        public var kind: Evidence.Kind
        public var lexicon: String
        public var voice: VoiceKey
        public var group: String
        public var alsoIn: [String]
        public var item: String
        public var stance: String?
    }

    private var items: [Item] = []
    private var numbers: [Item: UInt32] = [:]
    private var articles: [String: [UInt32]] = [:]

    public init() {}

    /// Records the evidence of the article with this id, in order (replacing what was recorded for it).
    public mutating func add(_ evidence: [Evidence], article id: String) {
        var list: [UInt32] = []
        list.reserveCapacity(evidence.count)
        for entry in evidence {
            let item = Item(
                kind: entry.kind, lexicon: entry.lexicon, voice: entry.voice, group: entry.group, alsoIn: entry.alsoIn,
                item: entry.item, stance: entry.stance)
            if let number = numbers[item] {
                list.append(number)
            } else {
                let number = UInt32(truncatingIfNeeded: items.count)
                numbers[item] = number
                items.append(item)
                list.append(number)
            }
        }
        articles[id] = list
    }

    /// The evidence items of an article, in order.
    public func items(of id: String) -> [Item] {
        (articles[id] ?? []).map { items[Int($0)] }
    }
}

