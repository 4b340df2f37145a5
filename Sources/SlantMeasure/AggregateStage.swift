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

        public init(
            measures: [ArticleMeasures], excluded: [ExcludedDocument], facts: LexiconFacts = LexiconFacts(),
            outletWords: [String: [String: Int]]? = nil
        ) {
            self.measures = measures
            self.excluded = excluded
            self.facts = facts
            self.outletWords = outletWords
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
            policy: policy, facts: input.facts, groups: groups, outlets: outletNames, outletWords: input.outletWords)
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

/// Computes every statistic of a corpus; each outlet's bootstrap resamples are drawn once.
struct StatisticsComputer {
    let policy: StatisticsPolicy
    let facts: LexiconFacts
    let groups: [String: [ArticleMeasures]]
    let outlets: [String]
    let outletWords: [String: [String: Int]]?
    private var plans: [String: BootstrapPlan] = [:]
    /// Per-resample ratios of the measures contrasts compare, by outlet and measure id.
    private var resampled: [String: [Double?]] = [:]

    init(
        policy: StatisticsPolicy, facts: LexiconFacts, groups: [String: [ArticleMeasures]], outlets: [String],
        outletWords: [String: [String: Int]]?
    ) {
        self.policy = policy
        self.facts = facts
        self.groups = groups
        self.outlets = outlets
        self.outletWords = outletWords
    }

    mutating func all() -> [Statistic] {
        var statistics: [Statistic] = []
        for outlet in outlets {
            statistics += loadedRates(outlet)
            statistics += termShares(outlet)
            statistics += stanceStatistics(outlet)
            statistics += timeSeries(outlet)
        }
        statistics += contrasts()
        statistics += keyness()
        return statistics
    }

    // MARK: - Shared pieces

    /// The resamples of an outlet's articles, or of its articles of one month.
    private mutating func plan(_ outlet: String, period: String? = nil) -> BootstrapPlan {
        let key = period.map { outlet + "\u{1F}" + $0 } ?? outlet
        if let plan = plans[key] { return plan }
        let articles = period.map { month in months(outlet)[month]?.count ?? 0 } ?? groups[outlet]?.count ?? 0
        let seed = "bootstrap/" + Slug.make(outlet) + (period.map { "/" + $0 } ?? "")
        let plan = BootstrapPlan(articles: articles, resamples: policy.resamples, seed: seed)
        plans[key] = plan
        return plan
    }

    /// An outlet's dated articles by calendar month (`YYYY-MM`), in the outlet's order.
    private func months(_ outlet: String) -> [String: [ArticleMeasures]] {
        var months: [String: [ArticleMeasures]] = [:]
        for article in groups[outlet] ?? [] {
            guard let month = Self.month(of: article.published) else { continue }
            months[month, default: []].append(article)
        }
        return months
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

    private func dates(_ articles: [ArticleMeasures]) -> (String?, String?) {
        let dates = articles.compactMap(\.published).sorted()
        return (dates.first, dates.last)
    }

    /// The figure, its interval (when there is enough to compute one) and whether it can be relied on.
    private mutating func ratio(
        outlet: String, period: String? = nil, numerators: [Double], denominators: [Double], scale: Double,
        minimumTotal: Double, key: String?
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
            let ratios = plan(outlet, period: period).ratios(numerators: numerators, denominators: denominators, scale: scale)
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

    private mutating func loadedRates(_ outlet: String) -> [Statistic] {
        let articles = groups[outlet] ?? []
        let (first, last) = dates(articles)
        var statistics: [Statistic] = []
        let categories = Set(groups.values.joined().flatMap { $0.loadedCounts.map(\.category) }).sorted()
        for voice in VoiceKey.reported {
            let denominators = articles.map { Double($0.tokens(in: voice.voice)) }
            let weights = articles.map { article in
                article.loadedCounts.filter { $0.voice == voice }.reduce(0) { $0 + $1.weight }
            }
            let hits = articles.reduce(0) { total, article in
                total + article.loadedCounts.filter { $0.voice == voice }.reduce(0) { $0 + $1.hits }
            }
            let result = ratio(outlet: outlet, numerators: weights, denominators: denominators, scale: 1000, minimumTotal: 0, key: "loaded-rate/\(voice)")
            guard result.value != nil else { continue }
            let id = "loaded-rate/\(Slug.make(outlet))/\(voice)"
            statistics.append(
                Statistic(
                    id: id, kind: .loadedRate, label: "Loaded-language rate in \(voiceLabel(voice))", outlet: outlet,
                    voice: voice, value: result.value, unit: "weighted hits per 1,000 tokens", interval: result.interval,
                    articles: result.articles, occurrences: Double(hits), total: denominators.reduce(0, +),
                    sufficient: result.sufficient, note: result.note, firstDate: first, lastDate: last,
                    evidence: evidence(articles) { $0.kind == .loaded && $0.voice == voice }))
            for category in categories {
                let categoryWeights = articles.map { article in
                    article.loadedCounts.filter { $0.voice == voice && $0.category == category }.reduce(0) { $0 + $1.weight }
                }
                guard categoryWeights.contains(where: { $0 > 0 }) else { continue }
                let categoryHits = articles.reduce(0) { total, article in
                    total + article.loadedCounts.filter { $0.voice == voice && $0.category == category }.reduce(0) { $0 + $1.hits }
                }
                let categoryResult = ratio(outlet: outlet, numerators: categoryWeights, denominators: denominators, scale: 1000, minimumTotal: 0, key: nil)
                let label = facts.categoryLabels[category] ?? category
                statistics.append(
                    Statistic(
                        id: "category-rate/\(Slug.make(outlet))/\(voice)/\(Slug.make(category))", kind: .categoryRate,
                        label: "\(label): rate in \(voiceLabel(voice))", outlet: outlet, voice: voice, category: category,
                        value: categoryResult.value, unit: "weighted hits per 1,000 tokens", interval: categoryResult.interval,
                        articles: categoryResult.articles, occurrences: Double(categoryHits), total: denominators.reduce(0, +),
                        sufficient: categoryResult.sufficient, note: categoryResult.note, firstDate: first, lastDate: last,
                        evidence: evidence(articles) { $0.kind == .loaded && $0.voice == voice && $0.group == category }))
            }
        }
        return statistics
    }

    // MARK: - Terminology

    private mutating func termShares(_ outlet: String) -> [Statistic] {
        let articles = groups[outlet] ?? []
        let (first, last) = dates(articles)
        var statistics: [Statistic] = []
        // Terms that occur anywhere in the corpus, by family, so every outlet shows the same columns.
        var familyTerms: [String: Set<String>] = [:]
        var stances: [String: String] = [:]
        for article in groups.values.joined() {
            for count in article.termCounts {
                familyTerms[count.family, default: []].insert(count.term)
                stances[count.family + "\u{1F}" + count.term] = count.stance
            }
        }
        for voice in VoiceKey.reported + [.distancedAuthorial] {
            for family in familyTerms.keys.sorted() {
                let denominators = articles.map { article in
                    Double(article.termCounts.filter { $0.family == family && $0.voice == voice }.reduce(0) { $0 + $1.count })
                }
                guard denominators.contains(where: { $0 > 0 }) else { continue }
                for term in (familyTerms[family] ?? []).sorted() {
                    let numerators = articles.map { article in
                        Double(article.termCounts.filter { $0.family == family && $0.term == term && $0.voice == voice }.reduce(0) { $0 + $1.count })
                    }
                    let result = ratio(
                        outlet: outlet, numerators: numerators, denominators: denominators, scale: 1,
                        minimumTotal: Double(policy.minimumOccurrences), key: nil)
                    statistics.append(
                        Statistic(
                            id: "term-share/\(Slug.make(outlet))/\(voice)/\(Slug.make(family))/\(Slug.make(term))",
                            kind: .termShare, label: "Share of “\(term)” among the \(family) terms in \(voiceLabel(voice))\(voice.distanced ? " (in scare quotes)" : "")",
                            outlet: outlet, voice: voice, family: family, term: term,
                            stance: stances[family + "\u{1F}" + term], value: result.value, unit: "share",
                            interval: result.interval, articles: result.articles, occurrences: numerators.reduce(0, +),
                            total: denominators.reduce(0, +), sufficient: result.sufficient, note: result.note,
                            firstDate: first, lastDate: last,
                            evidence: evidence(articles) { $0.kind == .term && $0.voice == voice && $0.group == family && $0.item == term }))
                }
            }
        }
        return statistics
    }

    private mutating func stanceStatistics(_ outlet: String) -> [Statistic] {
        let articles = groups[outlet] ?? []
        let (first, last) = dates(articles)
        var statistics: [Statistic] = []
        let stances = facts.stances.isEmpty
            ? Array(Set(groups.values.joined().flatMap { $0.termCounts.map(\.stance) })).sorted() : facts.stances
        for voice in VoiceKey.reported {
            let denominators = articles.map { article in
                Double(article.termCounts.filter { $0.voice == voice }.reduce(0) { $0 + $1.count })
            }
            guard denominators.contains(where: { $0 > 0 }) else { continue }
            func count(_ stance: String) -> [Double] {
                articles.map { article in
                    Double(article.termCounts.filter { $0.voice == voice && $0.stance == stance }.reduce(0) { $0 + $1.count })
                }
            }
            for stance in stances {
                let numerators = count(stance)
                let result = ratio(outlet: outlet, numerators: numerators, denominators: denominators, scale: 1, minimumTotal: Double(policy.minimumOccurrences), key: nil)
                statistics.append(
                    Statistic(
                        id: "stance-share/\(Slug.make(outlet))/\(voice)/\(Slug.make(stance))", kind: .stanceShare,
                        label: "Share of \(stance) terms among all terms in \(voiceLabel(voice))", outlet: outlet,
                        voice: voice, stance: stance, value: result.value, unit: "share", interval: result.interval,
                        articles: result.articles, occurrences: numerators.reduce(0, +), total: denominators.reduce(0, +),
                        sufficient: result.sufficient, note: result.note, firstDate: first, lastDate: last,
                        evidence: evidence(articles) { $0.kind == .term && $0.voice == voice && $0.stance == stance }))
            }
            if let sides = facts.indexStances {
                let negative = count(sides.negative)
                let positive = count(sides.positive)
                let numerators = zip(positive, negative).map { $0 - $1 }
                let result = ratio(outlet: outlet, numerators: numerators, denominators: denominators, scale: 1, minimumTotal: Double(policy.minimumOccurrences), key: "stance-index/\(voice)")
                statistics.append(
                    Statistic(
                        id: "stance-index/\(Slug.make(outlet))/\(voice)", kind: .stanceIndex,
                        label: "Stance index in \(voiceLabel(voice)): share of \(sides.positive) terms minus share of \(sides.negative) terms (−1 all \(sides.negative), +1 all \(sides.positive))",
                        outlet: outlet, voice: voice, value: result.value, unit: "index", interval: result.interval,
                        articles: result.articles, occurrences: denominators.reduce(0, +), total: denominators.reduce(0, +),
                        sufficient: result.sufficient, note: result.note, firstDate: first, lastDate: last,
                        evidence: evidence(articles) { $0.kind == .term && $0.voice == voice && ($0.stance == sides.negative || $0.stance == sides.positive) }))
            }
        }
        return statistics
    }

    // MARK: - Time series

    /// The authorial loaded-language rate and stance index of each calendar month, for outlets whose
    /// dated articles span at least two months.
    private mutating func timeSeries(_ outlet: String) -> [Statistic] {
        let byMonth = months(outlet)
        guard byMonth.count >= 2 else { return [] }
        var statistics: [Statistic] = []
        for month in byMonth.keys.sorted() {
            let articles = byMonth[month] ?? []
            let (first, last) = dates(articles)
            let tokens = articles.map { Double($0.tokens(in: .authorial)) }
            let weights = articles.map { article in
                article.loadedCounts.reduce(0) { $0 + ($1.voice == .authorial ? $1.weight : 0) }
            }
            let hits = articles.reduce(0) { total, article in
                total + article.loadedCounts.reduce(0) { $0 + ($1.voice == .authorial ? $1.hits : 0) }
            }
            let rate = ratio(outlet: outlet, period: month, numerators: weights, denominators: tokens, scale: 1000, minimumTotal: 0, key: nil)
            if rate.value != nil {
                statistics.append(
                    Statistic(
                        id: "loaded-rate/\(Slug.make(outlet))/authorial/\(month)", kind: .loadedRate,
                        label: "Loaded-language rate in the outlet's own voice, \(month)", outlet: outlet, voice: .authorial,
                        value: rate.value, unit: "weighted hits per 1,000 tokens", interval: rate.interval,
                        articles: rate.articles, occurrences: Double(hits), total: tokens.reduce(0, +),
                        sufficient: rate.sufficient, note: rate.note, firstDate: first, lastDate: last, period: month,
                        evidence: evidence(articles) { $0.kind == .loaded && $0.voice == .authorial }))
            }
            guard let sides = facts.indexStances else { continue }
            var numerators: [Double] = []
            var denominators: [Double] = []
            for article in articles {
                var signed = 0
                var all = 0
                for count in article.termCounts where count.voice == .authorial {
                    all += count.count
                    signed += count.stance == sides.positive ? count.count : count.stance == sides.negative ? -count.count : 0
                }
                numerators.append(Double(signed))
                denominators.append(Double(all))
            }
            let index = ratio(
                outlet: outlet, period: month, numerators: numerators, denominators: denominators, scale: 1,
                minimumTotal: Double(policy.minimumOccurrences), key: nil)
            guard index.value != nil else { continue }
            statistics.append(
                Statistic(
                    id: "stance-index/\(Slug.make(outlet))/authorial/\(month)", kind: .stanceIndex,
                    label: "Stance index in the outlet's own voice, \(month)", outlet: outlet, voice: .authorial,
                    value: index.value, unit: "index", interval: index.interval, articles: index.articles,
                    occurrences: denominators.reduce(0, +), total: denominators.reduce(0, +),
                    sufficient: index.sufficient, note: index.note, firstDate: first, lastDate: last, period: month,
                    evidence: evidence(articles) { $0.kind == .term && $0.voice == .authorial && ($0.stance == sides.negative || $0.stance == sides.positive) }))
        }
        return statistics
    }

    // MARK: - Contrasts

    /// Authorial loaded rate and authorial stance index, for every pair of outlets, with
    /// Benjamini–Hochberg adjustment across all of them.
    private mutating func contrasts() -> [Statistic] {
        var statistics: [Statistic] = []
        var measures: [(kind: Statistic.Kind, key: String, label: String, scale: Double, unit: String)] = [
            (.loadedRate, "loaded-rate/authorial", "loaded-language rate in the outlet's own voice", 1000, "weighted hits per 1,000 tokens")
        ]
        if facts.indexStances != nil {
            measures.append((.stanceIndex, "stance-index/authorial", "stance index in the outlet's own voice", 1, "index"))
        }
        for measure in measures {
            for (position, first) in outlets.enumerated() {
                for second in outlets[(position + 1)...] {
                    let a = parts(measure.kind, outlet: first)
                    let b = parts(measure.kind, outlet: second)
                    guard a.denominators.reduce(0, +) > 0, b.denominators.reduce(0, +) > 0 else { continue }
                    let id = "contrast/\(measure.key)/\(Slug.make(first))/\(Slug.make(second))"
                    let ratiosA = resampled[first + "\u{1F}" + measure.key] ?? []
                    let ratiosB = resampled[second + "\u{1F}" + measure.key] ?? []
                    let contributingA = a.denominators.filter { $0 > 0 }.count
                    let contributingB = b.denominators.filter { $0 > 0 }.count
                    let enough = contributingA >= policy.minimumArticles && contributingB >= policy.minimumArticles
                    let result = enough && !ratiosA.isEmpty && !ratiosB.isEmpty
                        ? Statistics.difference(a: a, b: b, ratiosA: ratiosA, ratiosB: ratiosB, scale: measure.scale, seed: id, permutations: policy.resamples)
                        : (value: (a.numerators.reduce(0, +) / a.denominators.reduce(0, +) - b.numerators.reduce(0, +) / b.denominators.reduce(0, +)) * measure.scale,
                           interval: nil, pValue: nil)
                    statistics.append(
                        Statistic(
                            id: id, kind: .contrast, label: "Difference in \(measure.label): \(first) minus \(second)",
                            outlet: first, otherOutlet: second, voice: .authorial, measure: measure.kind,
                            value: result.value, unit: measure.unit, interval: result.interval,
                            articles: contributingA + contributingB,
                            occurrences: a.numerators.reduce(0, +) + b.numerators.reduce(0, +),
                            total: a.denominators.reduce(0, +) + b.denominators.reduce(0, +), pValue: result.pValue,
                            sufficient: enough,
                            note: enough ? nil : "each outlet needs at least \(policy.minimumArticles) articles with data for an interval and a p-value (here \(contributingA) and \(contributingB))"))
                }
            }
        }
        let tested = statistics.indices.filter { statistics[$0].pValue != nil }
        let adjusted = Statistics.benjaminiHochberg(tested.compactMap { statistics[$0].pValue })
        for (index, q) in zip(tested, adjusted) { statistics[index].qValue = q }
        return statistics
    }

    /// Per-article numerators and denominators of a contrasted measure (authorial voice).
    private func parts(_ kind: Statistic.Kind, outlet: String) -> (numerators: [Double], denominators: [Double]) {
        let articles = groups[outlet] ?? []
        switch kind {
        case .stanceIndex:
            guard let sides = facts.indexStances else { return ([], []) }
            let numerators = articles.map { article in
                Double(article.termCounts.filter { $0.voice == .authorial }.reduce(0) { total, count in
                    total + (count.stance == sides.positive ? count.count : count.stance == sides.negative ? -count.count : 0)
                })
            }
            let denominators = articles.map { article in
                Double(article.termCounts.filter { $0.voice == .authorial }.reduce(0) { $0 + $1.count })
            }
            return (numerators, denominators)
        default:
            let numerators = articles.map { article in
                article.loadedCounts.filter { $0.voice == .authorial }.reduce(0) { $0 + $1.weight }
            }
            return (numerators, articles.map { Double($0.tokens(in: .authorial)) })
        }
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

    /// The first references (up to the policy's limit) and the total count of the evidence that matches.
    private func evidence(_ articles: [ArticleMeasures], where include: (Evidence) -> Bool) -> EvidenceSelection {
        var selection = EvidenceSelection()
        for article in articles {
            for (index, item) in article.evidence.enumerated() where include(item) {
                selection.total += 1
                if selection.references.count < policy.evidencePerStatistic {
                    selection.references.append(EvidenceReference(article: article.id, index: index))
                }
            }
        }
        return selection
    }
}
