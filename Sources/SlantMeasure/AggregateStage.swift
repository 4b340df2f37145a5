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

/// What the lexicons say that the statistics need (the aggregate stage does not read lexicons itself).
public struct LexiconFacts: Sendable, Hashable {
    /// Stances in the order the terminology lexicon declares them.
    public var stances: [String]
    /// Family id → its question.
    public var familyQuestions: [String: String]
    /// Category id → its label.
    public var categoryLabels: [String: String]
    /// Lexicon id, version and digest, for citations.
    public var lexicons: [String]

    public init(stances: [String] = [], familyQuestions: [String: String] = [:], categoryLabels: [String: String] = [:], lexicons: [String] = []) {
        self.stances = stances
        self.familyQuestions = familyQuestions
        self.categoryLabels = categoryLabels
        self.lexicons = lexicons
    }

    /// The two sides of the stance index: the first two declared stances other than `neutral`, when there are exactly two.
    public var indexStances: (negative: String, positive: String)? {
        let sides = stances.filter { $0 != "neutral" }
        guard sides.count == 2 else { return nil }
        return (sides[0], sides[1])
    }
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

        public init(
            measures: [ArticleMeasures], excluded: [ExcludedDocument], facts: LexiconFacts = LexiconFacts(),
            outletWords: [String: [String: Int]]? = nil, evidence: EvidenceClasses? = nil
        ) {
            self.measures = measures
            self.excluded = excluded
            self.facts = facts
            self.outletWords = outletWords
            self.evidence = evidence
        }
    }
    public typealias Output = CorpusTables

    public static let name = "aggregate"
    public static let version = 3

    public var policy: StatisticsPolicy

    public init(policy: StatisticsPolicy = StatisticsPolicy()) { self.policy = policy }

    public var configurationDigest: ContentDigest { ContentDigest(ofParts: [Self.name, policy.digest.hex]) }

    public func process(_ input: Input) throws(DocumentError) -> CorpusTables {
        let articles = input.measures.sorted {
            ($0.outlet, $0.published ?? "", $0.source, $0.id) < ($1.outlet, $1.published ?? "", $1.source, $1.id)
        }
        var groups: [String: [ArticleMeasures]] = [:]
        for article in articles { groups[article.outlet, default: []].append(article) }
        let outletNames = groups.keys.sorted { $0.lowercased() < $1.lowercased() }
        let outlets = outletNames.map { Self.summary($0, groups[$0] ?? []) }

        var computer = StatisticsComputer(
            policy: policy, facts: input.facts, groups: groups, outlets: outletNames, outletWords: input.outletWords,
            evidence: input.evidence)
        let statistics = computer.all()
        return CorpusTables(
            outlets: outlets, articles: articles, excluded: input.excluded.sorted { $0.source < $1.source },
            statistics: statistics, policy: policy, facts: input.facts,
            corpusDigest: ContentDigest(ofParts: articles.map(\.digest).sorted()))
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
        public var voice: VoiceKey
        public var group: String
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
            let item = Item(kind: entry.kind, voice: entry.voice, group: entry.group, item: entry.item, stance: entry.stance)
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

/// What one pass over a group of articles sums per article: loaded-language weights and term
/// counts by voice, category, family, term and stance. Each sum is taken in the order of the
/// article's counts, starting from zero, so it is bit for bit the sum a filter over the counts gives.
struct ArticleSums {
    enum Key: Hashable {
        case loaded(VoiceKey)
        case category(VoiceKey, String)
        case terms(VoiceKey)
        case family(VoiceKey, String)
        case term(VoiceKey, String, String)
        case stance(VoiceKey, String)
    }

    /// An article's sum, for the articles where something was counted.
    struct Entry {
        var article: Int
        var value: Double
    }

    let count: Int
    private var columns: [Key: [Entry]] = [:]
    /// Loaded-language hits over all the articles, by `.loaded` and `.category` key.
    private(set) var hits: [Key: Int] = [:]

    init(_ articles: [ArticleMeasures]) {
        count = articles.count
        for (position, article) in articles.enumerated() {
            for loaded in article.loadedCounts {
                add(.loaded(loaded.voice), loaded.weight, position)
                add(.category(loaded.voice, loaded.category), loaded.weight, position)
                hits[.loaded(loaded.voice), default: 0] += loaded.hits
                hits[.category(loaded.voice, loaded.category), default: 0] += loaded.hits
            }
            for term in article.termCounts {
                let count = Double(term.count)
                add(.terms(term.voice), count, position)
                add(.family(term.voice, term.family), count, position)
                add(.term(term.voice, term.family, term.term), count, position)
                add(.stance(term.voice, term.stance), count, position)
            }
        }
    }

    private mutating func add(_ key: Key, _ value: Double, _ article: Int) {
        columns[key, default: []].add(article, value)
    }

    /// The sum of every article, in order (zero where nothing was counted).
    func column(_ key: Key) -> [Double] {
        var values = [Double](repeating: 0, count: count)
        for entry in columns[key] ?? [] { values[entry.article] = entry.value }
        return values
    }
}

extension Array where Element == ArticleSums.Entry {
    fileprivate mutating func add(_ article: Int, _ value: Double) {
        if let last = indices.last, self[last].article == article {
            self[last].value += value
        } else {
            append(ArticleSums.Entry(article: article, value: 0 + value))
        }
    }
}

/// One outlet's articles, summed and indexed once for all its statistics.
struct OutletIndex {
    let articles: [ArticleMeasures]
    let sums: ArticleSums
    /// Positions of the articles of each calendar month, in the outlet's order.
    let months: [String: [Int]]
    /// The month of each article.
    let monthOf: [String?]
    /// Every evidence item, by kind and voice, in article and index order.
    let evidence: [EvidenceBucket: [EvidenceEntry]]
    let firstDate: String?
    let lastDate: String?

    struct EvidenceBucket: Hashable {
        var kind: Evidence.Kind
        var voice: VoiceKey
    }

    /// What statistics select evidence by, and where the item is.
    struct EvidenceEntry {
        var article: Int
        var index: Int
        var group: String
        var item: String
        var stance: String?
    }

    init(_ articles: [ArticleMeasures], evidence classes: EvidenceClasses? = nil) {
        self.articles = articles
        sums = ArticleSums(articles)
        var months: [String: [Int]] = [:]
        var monthOf: [String?] = []
        var evidence: [EvidenceBucket: [EvidenceEntry]] = [:]
        var first: String?
        var last: String?
        monthOf.reserveCapacity(articles.count)
        for (position, article) in articles.enumerated() {
            let month = StatisticsComputer.month(of: article.published)
            monthOf.append(month)
            if let month { months[month, default: []].append(position) }
            if let date = article.published {
                first = min(first ?? date, date)
                last = max(last ?? date, date)
            }
            if article.evidence.isEmpty, let classes {
                for (index, item) in classes.items(of: article.id).enumerated() {
                    evidence[EvidenceBucket(kind: item.kind, voice: item.voice), default: []].append(
                        EvidenceEntry(article: position, index: index, group: item.group, item: item.item, stance: item.stance))
                }
            }
            for (index, item) in article.evidence.enumerated() {
                evidence[EvidenceBucket(kind: item.kind, voice: item.voice), default: []].append(
                    EvidenceEntry(article: position, index: index, group: item.group, item: item.item, stance: item.stance))
            }
        }
        self.months = months
        self.monthOf = monthOf
        self.evidence = evidence
        firstDate = first
        lastDate = last
    }

    /// The earliest and latest dates of the articles at these positions.
    func dates(_ positions: [Int]) -> (String?, String?) {
        var first: String?
        var last: String?
        for position in positions {
            guard let date = articles[position].published else { continue }
            first = min(first ?? date, date)
            last = max(last ?? date, date)
        }
        return (first, last)
    }
}

/// Computes every statistic of a corpus; each outlet's bootstrap resamples are drawn once.
struct StatisticsComputer {
    let policy: StatisticsPolicy
    let facts: LexiconFacts
    let groups: [String: [ArticleMeasures]]
    let outlets: [String]
    let outletWords: [String: [String: Int]]?
    /// Threads for the contrasts' permutation tests.
    let jobs: Int
    /// The evidence of measures that carry none.
    let evidenceClasses: EvidenceClasses?
    /// Loaded-language categories anywhere in the corpus, sorted.
    private let categories: [String]
    /// Terms anywhere in the corpus by family, and each term's stance.
    private let familyTerms: [String: Set<String>]
    private let termStances: [String: String]
    /// Stances of the stance statistics.
    private let stances: [String]
    /// The resamples of the outlet being computed, and of its months.
    private var plans: [String: BootstrapPlan] = [:]
    /// The resampled sums of the last denominators, which the next statistics often share.
    private var lastDenominators: (plan: String, values: [Double], sums: [Double])?
    /// Per-resample ratios of the measures contrasts compare, by outlet and measure id.
    private var resampled: [String: [Double?]] = [:]
    /// Per-article numerators and denominators of the contrasted measures, by outlet and measure id.
    private var contrastParts: [String: (numerators: [Double], denominators: [Double])] = [:]

    init(
        policy: StatisticsPolicy, facts: LexiconFacts, groups: [String: [ArticleMeasures]], outlets: [String],
        outletWords: [String: [String: Int]]?, evidence: EvidenceClasses? = nil, jobs: Int = Parallel.availableCores
    ) {
        evidenceClasses = evidence
        self.policy = policy
        self.facts = facts
        self.groups = groups
        self.outlets = outlets
        self.outletWords = outletWords
        self.jobs = jobs
        var categories = Set<String>()
        var familyTerms: [String: Set<String>] = [:]
        var termStances: [String: String] = [:]
        var stances = Set<String>()
        for article in groups.values.joined() {
            for count in article.loadedCounts { categories.insert(count.category) }
            for count in article.termCounts {
                familyTerms[count.family, default: []].insert(count.term)
                termStances[count.family + "\u{1F}" + count.term] = count.stance
                stances.insert(count.stance)
            }
        }
        self.categories = categories.sorted()
        self.familyTerms = familyTerms
        self.termStances = termStances
        self.stances = facts.stances.isEmpty ? stances.sorted() : facts.stances
    }

    mutating func all() -> [Statistic] {
        var statistics: [Statistic] = []
        for outlet in outlets {
            let index = OutletIndex(groups[outlet] ?? [], evidence: evidenceClasses)
            statistics += loadedRates(outlet, index)
            statistics += termShares(outlet, index)
            statistics += stanceStatistics(outlet, index)
            statistics += timeSeries(outlet, index)
            contrastParts[outlet + "\u{1F}" + Statistic.Kind.loadedRate.rawValue] =
                (index.sums.column(.loaded(.authorial)), index.articles.map { Double($0.tokens(in: .authorial)) })
            if let sides = facts.indexStances {
                let positive = index.sums.column(.stance(.authorial, sides.positive))
                let negative = index.sums.column(.stance(.authorial, sides.negative))
                contrastParts[outlet + "\u{1F}" + Statistic.Kind.stanceIndex.rawValue] =
                    (zip(positive, negative).map { $0 - $1 }, index.sums.column(.terms(.authorial)))
            }
            // The resamples of one outlet are not needed for the next.
            plans.removeAll()
            lastDenominators = nil
        }
        statistics += contrasts()
        statistics += keyness()
        return statistics
    }

    // MARK: - Shared pieces

    /// The resamples of an outlet's articles, or of its articles of one month.
    private mutating func plan(_ outlet: String, _ index: OutletIndex, period: String? = nil) -> BootstrapPlan {
        let key = period.map { outlet + "\u{1F}" + $0 } ?? outlet
        if let plan = plans[key] { return plan }
        let articles = period.map { month in index.months[month]?.count ?? 0 } ?? index.articles.count
        let seed = "bootstrap/" + Slug.make(outlet) + (period.map { "/" + $0 } ?? "")
        let plan = BootstrapPlan(articles: articles, resamples: policy.resamples, seed: seed)
        plans[key] = plan
        return plan
    }

    /// `YYYY-MM` of an ISO date, or nil when the date does not start that way.
    static func month(of date: String?) -> String? {
        guard let date else { return nil }
        let bytes = Array(date.utf8.prefix(7))
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return nil }
        for (position, byte) in bytes.enumerated() where position != 4 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The figure, its interval (when there is enough to compute one) and whether it can be relied on.
    private mutating func ratio(
        outlet: String, _ index: OutletIndex, period: String? = nil, numerators: [Double], denominators: [Double],
        scale: Double, minimumTotal: Double, key: String?
    ) -> (value: Double?, interval: Interval?, articles: Int, sufficient: Bool, note: String?) {
        let total = denominators.reduce(0, +)
        let contributing = denominators.filter { $0 > 0 }.count
        guard total > 0 else { return (nil, nil, 0, false, "no data in this voice") }
        let value = numerators.reduce(0, +) / total * scale
        var notes: [String] = []
        if contributing < policy.minimumArticles {
            notes.append("\(contributing) article\(contributing == 1 ? "" : "s"): too few for an interval (at least \(policy.minimumArticles) needed)")
        }
        if total < minimumTotal {
            notes.append("only \(Int(total)) occurrence\(total == 1 ? "" : "s") (at least \(Int(minimumTotal)) needed)")
        }
        var interval: Interval?
        if contributing >= policy.minimumArticles {
            let plan = plan(outlet, index, period: period)
            let planKey = period.map { outlet + "\u{1F}" + $0 } ?? outlet
            let bottom: [Double]
            if let last = lastDenominators, last.plan == planKey, last.values == denominators {
                bottom = last.sums
            } else {
                bottom = plan.sums(denominators)
                lastDenominators = (planKey, denominators, bottom)
            }
            let ratios = plan.ratios(numerators: numerators, denominatorSums: bottom, scale: scale)
            if let key { resampled[outlet + "\u{1F}" + key] = ratios }
            interval = BootstrapPlan.percentileInterval(ratios)
        }
        return (value, interval, contributing, notes.isEmpty, notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    private func voiceLabel(_ voice: VoiceKey) -> String {
        switch voice.voice {
        case .authorial: "the outlet's own voice"
        case .quoted: "quotations"
        case .attributed: "reported speech"
        case .comment: "reader comments"
        }
    }

    // MARK: - Loaded language

    private mutating func loadedRates(_ outlet: String, _ index: OutletIndex) -> [Statistic] {
        let articles = index.articles
        let (first, last) = (index.firstDate, index.lastDate)
        var statistics: [Statistic] = []
        for voice in VoiceKey.reported {
            let denominators = articles.map { Double($0.tokens(in: voice.voice)) }
            let weights = index.sums.column(.loaded(voice))
            let hits = index.sums.hits[.loaded(voice)] ?? 0
            let result = ratio(outlet: outlet, index, numerators: weights, denominators: denominators, scale: 1000, minimumTotal: 0, key: "loaded-rate/\(voice)")
            guard result.value != nil else { continue }
            let id = "loaded-rate/\(Slug.make(outlet))/\(voice)"
            statistics.append(
                Statistic(
                    id: id, kind: .loadedRate, label: "Loaded-language rate in \(voiceLabel(voice))", outlet: outlet,
                    voice: voice, value: result.value, unit: "weighted hits per 1,000 tokens", interval: result.interval,
                    articles: result.articles, occurrences: Double(hits), total: denominators.reduce(0, +),
                    sufficient: result.sufficient, note: result.note, firstDate: first, lastDate: last,
                    evidence: evidence(index, .loaded, voice) { _ in true }))
            for category in categories {
                let categoryWeights = index.sums.column(.category(voice, category))
                guard categoryWeights.contains(where: { $0 > 0 }) else { continue }
                let categoryHits = index.sums.hits[.category(voice, category)] ?? 0
                let categoryResult = ratio(outlet: outlet, index, numerators: categoryWeights, denominators: denominators, scale: 1000, minimumTotal: 0, key: nil)
                let label = facts.categoryLabels[category] ?? category
                statistics.append(
                    Statistic(
                        id: "category-rate/\(Slug.make(outlet))/\(voice)/\(Slug.make(category))", kind: .categoryRate,
                        label: "\(label): rate in \(voiceLabel(voice))", outlet: outlet, voice: voice, category: category,
                        value: categoryResult.value, unit: "weighted hits per 1,000 tokens", interval: categoryResult.interval,
                        articles: categoryResult.articles, occurrences: Double(categoryHits), total: denominators.reduce(0, +),
                        sufficient: categoryResult.sufficient, note: categoryResult.note, firstDate: first, lastDate: last,
                        evidence: evidence(index, .loaded, voice) { $0.group == category }))
            }
        }
        return statistics
    }

    // MARK: - Terminology

    private mutating func termShares(_ outlet: String, _ index: OutletIndex) -> [Statistic] {
        let (first, last) = (index.firstDate, index.lastDate)
        var statistics: [Statistic] = []
        // Terms that occur anywhere in the corpus, by family, so every outlet shows the same columns.
        for voice in VoiceKey.reported + [.distancedAuthorial] {
            for family in familyTerms.keys.sorted() {
                let denominators = index.sums.column(.family(voice, family))
                guard denominators.contains(where: { $0 > 0 }) else { continue }
                for term in (familyTerms[family] ?? []).sorted() {
                    let numerators = index.sums.column(.term(voice, family, term))
                    let result = ratio(
                        outlet: outlet, index, numerators: numerators, denominators: denominators, scale: 1,
                        minimumTotal: Double(policy.minimumOccurrences), key: nil)
                    statistics.append(
                        Statistic(
                            id: "term-share/\(Slug.make(outlet))/\(voice)/\(Slug.make(family))/\(Slug.make(term))",
                            kind: .termShare, label: "Share of “\(term)” among the \(family) terms in \(voiceLabel(voice))\(voice.distanced ? " (in scare quotes)" : "")",
                            outlet: outlet, voice: voice, family: family, term: term,
                            stance: termStances[family + "\u{1F}" + term], value: result.value, unit: "share",
                            interval: result.interval, articles: result.articles, occurrences: numerators.reduce(0, +),
                            total: denominators.reduce(0, +), sufficient: result.sufficient, note: result.note,
                            firstDate: first, lastDate: last,
                            evidence: evidence(index, .term, voice) { $0.group == family && $0.item == term }))
                }
            }
        }
        return statistics
    }

    private mutating func stanceStatistics(_ outlet: String, _ index: OutletIndex) -> [Statistic] {
        let (first, last) = (index.firstDate, index.lastDate)
        var statistics: [Statistic] = []
        for voice in VoiceKey.reported {
            let denominators = index.sums.column(.terms(voice))
            guard denominators.contains(where: { $0 > 0 }) else { continue }
            for stance in stances {
                let numerators = index.sums.column(.stance(voice, stance))
                let result = ratio(outlet: outlet, index, numerators: numerators, denominators: denominators, scale: 1, minimumTotal: Double(policy.minimumOccurrences), key: nil)
                statistics.append(
                    Statistic(
                        id: "stance-share/\(Slug.make(outlet))/\(voice)/\(Slug.make(stance))", kind: .stanceShare,
                        label: "Share of \(stance) terms among all terms in \(voiceLabel(voice))", outlet: outlet,
                        voice: voice, stance: stance, value: result.value, unit: "share", interval: result.interval,
                        articles: result.articles, occurrences: numerators.reduce(0, +), total: denominators.reduce(0, +),
                        sufficient: result.sufficient, note: result.note, firstDate: first, lastDate: last,
                        evidence: evidence(index, .term, voice) { $0.stance == stance }))
            }
            if let sides = facts.indexStances {
                let negative = index.sums.column(.stance(voice, sides.negative))
                let positive = index.sums.column(.stance(voice, sides.positive))
                let numerators = zip(positive, negative).map { $0 - $1 }
                let result = ratio(outlet: outlet, index, numerators: numerators, denominators: denominators, scale: 1, minimumTotal: Double(policy.minimumOccurrences), key: "stance-index/\(voice)")
                statistics.append(
                    Statistic(
                        id: "stance-index/\(Slug.make(outlet))/\(voice)", kind: .stanceIndex,
                        label: "Stance index in \(voiceLabel(voice)): share of \(sides.positive) terms minus share of \(sides.negative) terms (−1 all \(sides.negative), +1 all \(sides.positive))",
                        outlet: outlet, voice: voice, value: result.value, unit: "index", interval: result.interval,
                        articles: result.articles, occurrences: denominators.reduce(0, +), total: denominators.reduce(0, +),
                        sufficient: result.sufficient, note: result.note, firstDate: first, lastDate: last,
                        evidence: evidence(index, .term, voice) { $0.stance == sides.negative || $0.stance == sides.positive }))
            }
        }
        return statistics
    }

    // MARK: - Time series

    /// The authorial loaded-language rate and stance index of each calendar month, for outlets whose
    /// dated articles span at least two months.
    private mutating func timeSeries(_ outlet: String, _ index: OutletIndex) -> [Statistic] {
        guard index.months.count >= 2 else { return [] }
        var statistics: [Statistic] = []
        let allWeights = index.sums.column(.loaded(.authorial))
        let allTerms = index.sums.column(.terms(.authorial))
        let sides = facts.indexStances
        let allPositive = sides.map { index.sums.column(.stance(.authorial, $0.positive)) } ?? []
        let allNegative = sides.map { index.sums.column(.stance(.authorial, $0.negative)) } ?? []
        for month in index.months.keys.sorted() {
            let positions = index.months[month] ?? []
            let (first, last) = index.dates(positions)
            let tokens = positions.map { Double(index.articles[$0].tokens(in: .authorial)) }
            let weights = positions.map { allWeights[$0] }
            let hits = positions.reduce(0) { total, position in
                total + index.articles[position].loadedCounts.reduce(0) { $0 + ($1.voice == .authorial ? $1.hits : 0) }
            }
            let rate = ratio(outlet: outlet, index, period: month, numerators: weights, denominators: tokens, scale: 1000, minimumTotal: 0, key: nil)
            if rate.value != nil {
                statistics.append(
                    Statistic(
                        id: "loaded-rate/\(Slug.make(outlet))/authorial/\(month)", kind: .loadedRate,
                        label: "Loaded-language rate in the outlet's own voice, \(month)", outlet: outlet, voice: .authorial,
                        value: rate.value, unit: "weighted hits per 1,000 tokens", interval: rate.interval,
                        articles: rate.articles, occurrences: Double(hits), total: tokens.reduce(0, +),
                        sufficient: rate.sufficient, note: rate.note, firstDate: first, lastDate: last, period: month,
                        evidence: evidence(index, .loaded, .authorial, month: month) { _ in true }))
            }
            guard let sides else { continue }
            let numerators = positions.map { allPositive[$0] - allNegative[$0] }
            let denominators = positions.map { allTerms[$0] }
            let stanceIndex = ratio(
                outlet: outlet, index, period: month, numerators: numerators, denominators: denominators, scale: 1,
                minimumTotal: Double(policy.minimumOccurrences), key: nil)
            guard stanceIndex.value != nil else { continue }
            statistics.append(
                Statistic(
                    id: "stance-index/\(Slug.make(outlet))/authorial/\(month)", kind: .stanceIndex,
                    label: "Stance index in the outlet's own voice, \(month)", outlet: outlet, voice: .authorial,
                    value: stanceIndex.value, unit: "index", interval: stanceIndex.interval, articles: stanceIndex.articles,
                    occurrences: denominators.reduce(0, +), total: denominators.reduce(0, +),
                    sufficient: stanceIndex.sufficient, note: stanceIndex.note, firstDate: first, lastDate: last, period: month,
                    evidence: evidence(index, .term, .authorial, month: month) { $0.stance == sides.negative || $0.stance == sides.positive }))
        }
        return statistics
    }

    // MARK: - Contrasts

    /// Authorial loaded rate and authorial stance index, for every pair of outlets, with
    /// Benjamini–Hochberg adjustment across all of them. The permutation tests, the costly part,
    /// run in parallel; each has its own seed, so the p-values do not depend on the order.
    private func contrasts() -> [Statistic] {
        var statistics: [Statistic] = []
        var measures: [(kind: Statistic.Kind, key: String, label: String, scale: Double, unit: String)] = [
            (.loadedRate, "loaded-rate/authorial", "loaded-language rate in the outlet's own voice", 1000, "weighted hits per 1,000 tokens")
        ]
        if facts.indexStances != nil {
            measures.append((.stanceIndex, "stance-index/authorial", "stance index in the outlet's own voice", 1, "index"))
        }
        var tests: [ContrastTest] = []
        for measure in measures {
            for (position, first) in outlets.enumerated() {
                for second in outlets[(position + 1)...] {
                    let a = contrastParts[first + "\u{1F}" + measure.kind.rawValue] ?? ([], [])
                    let b = contrastParts[second + "\u{1F}" + measure.kind.rawValue] ?? ([], [])
                    guard a.denominators.reduce(0, +) > 0, b.denominators.reduce(0, +) > 0 else { continue }
                    let id = "contrast/\(measure.key)/\(Slug.make(first))/\(Slug.make(second))"
                    let ratiosA = resampled[first + "\u{1F}" + measure.key] ?? []
                    let ratiosB = resampled[second + "\u{1F}" + measure.key] ?? []
                    let contributingA = a.denominators.filter { $0 > 0 }.count
                    let contributingB = b.denominators.filter { $0 > 0 }.count
                    let enough = contributingA >= policy.minimumArticles && contributingB >= policy.minimumArticles
                    if enough && !ratiosA.isEmpty && !ratiosB.isEmpty {
                        tests.append(ContrastTest(
                            statistic: statistics.count, a: a, b: b, ratiosA: ratiosA, ratiosB: ratiosB, scale: measure.scale,
                            seed: id, permutations: policy.resamples))
                    }
                    let value = (a.numerators.reduce(0, +) / a.denominators.reduce(0, +) - b.numerators.reduce(0, +) / b.denominators.reduce(0, +)) * measure.scale
                    statistics.append(
                        Statistic(
                            id: id, kind: .contrast, label: "Difference in \(measure.label): \(first) minus \(second)",
                            outlet: first, otherOutlet: second, voice: .authorial, measure: measure.kind,
                            value: value, unit: measure.unit, interval: nil,
                            articles: contributingA + contributingB,
                            occurrences: a.numerators.reduce(0, +) + b.numerators.reduce(0, +),
                            total: a.denominators.reduce(0, +) + b.denominators.reduce(0, +), pValue: nil,
                            sufficient: enough,
                            note: enough ? nil : "each outlet needs at least \(policy.minimumArticles) articles with data for an interval and a p-value (here \(contributingA) and \(contributingB))"))
                }
            }
        }
        let results = Parallel.map(tests, jobs: jobs) { test in
            Statistics.difference(
                a: test.a, b: test.b, ratiosA: test.ratiosA, ratiosB: test.ratiosB, scale: test.scale, seed: test.seed,
                permutations: test.permutations)
        }
        for (test, result) in zip(tests, results) {
            statistics[test.statistic].value = result.value
            statistics[test.statistic].interval = result.interval
            statistics[test.statistic].pValue = result.pValue
        }
        let tested = statistics.indices.filter { statistics[$0].pValue != nil }
        let adjusted = Statistics.benjaminiHochberg(tested.compactMap { statistics[$0].pValue })
        for (index, q) in zip(tested, adjusted) { statistics[index].qValue = q }
        return statistics
    }

    /// A contrast whose interval and p-value are computed.
    private struct ContrastTest: Sendable {
        var statistic: Int
        var a: (numerators: [Double], denominators: [Double])
        var b: (numerators: [Double], denominators: [Double])
        var ratiosA: [Double?]
        var ratiosB: [Double?]
        var scale: Double
        var seed: String
        var permutations: Int
    }

    // MARK: - Keyness

    /// Each outlet's words against the rest of the corpus (the outlet's own voice only).
    private func keyness() -> [Statistic] {
        guard outlets.count >= 2 else { return [] }
        var outletWords: [String: [String: Int]] = self.outletWords ?? [:]
        if self.outletWords == nil {
            for (outlet, articles) in groups {
                var words: [String: Int] = [:]
                for article in articles {
                    for (word, count) in article.words { words[word, default: 0] += count }
                }
                outletWords[outlet] = words
            }
        }
        var corpus: [String: Int] = [:]
        for words in outletWords.values {
            for (word, count) in words { corpus[word, default: 0] += count }
        }
        let corpusTotal = Double(corpus.values.reduce(0, +))
        var statistics: [Statistic] = []
        for outlet in outlets {
            let words = outletWords[outlet] ?? [:]
            let outletTotal = Double(words.values.reduce(0, +))
            let restTotal = corpusTotal - outletTotal
            guard outletTotal > 0, restTotal > 0 else { continue }
            var scored: [(word: String, count: Int, rest: Int, g2: Double, logRatio: Double)] = []
            for (word, count) in words where count >= policy.minimumKeynessFrequency {
                let rest = (corpus[word] ?? 0) - count
                let g2 = Statistics.logLikelihood(a: Double(count), b: Double(rest), c: outletTotal, d: restTotal)
                let logRatio = Statistics.logRatio(a: Double(count), b: Double(rest), c: outletTotal, d: restTotal)
                if logRatio > 0, g2 >= policy.minimumKeynessG2 { scored.append((word, count, rest, g2, logRatio)) }
            }
            scored.sort { $0.g2 != $1.g2 ? $0.g2 > $1.g2 : $0.word < $1.word }
            let articles = groups[outlet]?.count ?? 0
            for entry in scored.prefix(policy.keynessWords) {
                statistics.append(
                    Statistic(
                        id: "keyness/\(Slug.make(outlet))/\(Slug.make(entry.word))", kind: .keyness,
                        label: "“\(entry.word)” in \(outlet)'s own voice against the rest of the corpus", outlet: outlet,
                        voice: .authorial, word: entry.word, value: entry.g2, unit: "G²", articles: articles,
                        occurrences: Double(entry.count), total: outletTotal, logRatio: entry.logRatio,
                        sufficient: articles >= policy.minimumArticles,
                        note: articles >= policy.minimumArticles ? nil : "\(articles) article\(articles == 1 ? "" : "s"): distinctive of these articles, not necessarily of the outlet"))
            }
        }
        return statistics
    }

    // MARK: - Evidence

    /// The first references (up to the policy's limit) and the total count of the evidence of one kind
    /// in one voice (and of one month, when given) that matches.
    private func evidence(
        _ index: OutletIndex, _ kind: Evidence.Kind, _ voice: VoiceKey, month: String? = nil,
        where include: (OutletIndex.EvidenceEntry) -> Bool
    ) -> EvidenceSelection {
        var selection = EvidenceSelection()
        guard let entries = index.evidence[OutletIndex.EvidenceBucket(kind: kind, voice: voice)] else { return selection }
        for position in entries.indices {
            if let month, index.monthOf[entries[position].article] != month { continue }
            guard include(entries[position]) else { continue }
            selection.total += 1
            if selection.references.count < policy.evidencePerStatistic {
                selection.references.append(
                    EvidenceReference(article: index.articles[entries[position].article].id, index: entries[position].index))
            }
        }
        return selection
    }
}
