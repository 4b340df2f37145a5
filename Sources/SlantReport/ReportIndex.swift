import SlantCore
import SlantMeasure

/// The statistics of a report arranged the way its sections read them: by outlet, voice,
/// family, term, category and month. Built once per report; both renderers use it.
struct ReportIndex {
    /// A terminology family as the report shows it: its question and its terms, ordered by
    /// declared stance and then by use.
    struct Family {
        var id: String
        var question: String?
        var terms: [(term: String, stance: String)]
        /// Occurrences of the family's terms in the outlets' own voice, over the corpus.
        var authorialTotal: Double
    }

    let tables: CorpusTables
    let outlets: [String]
    let families: [Family]
    let categories: [String]
    /// Months with at least one time-series point, in order.
    let months: [String]
    /// Stances in declared order (then any others, alphabetically).
    let stances: [String]
    private let byID: [String: Statistic]

    init(_ tables: CorpusTables) {
        self.tables = tables
        outlets = tables.outlets.map(\.outlet)
        byID = Dictionary(tables.statistics.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        var declared = tables.facts.stances
        for statistic in tables.statistics {
            if let stance = statistic.stance, !declared.contains(stance) { declared.append(stance) }
        }
        stances = declared

        var familyTerms: [String: [String: (stance: String, authorial: Double, all: Double)]] = [:]
        var categorySet: Set<String> = []
        var monthSet: Set<String> = []
        for statistic in tables.statistics {
            switch statistic.kind {
            case .termShare:
                guard let family = statistic.family, let term = statistic.term else { continue }
                var entry = familyTerms[family, default: [:]][term] ?? (statistic.stance ?? "", 0, 0)
                entry.all += statistic.occurrences
                if statistic.voice == .authorial { entry.authorial += statistic.occurrences }
                familyTerms[family, default: [:]][term] = entry
            case .categoryRate:
                if let category = statistic.category { categorySet.insert(category) }
            case .loadedRate, .stanceIndex:
                if let period = statistic.period { monthSet.insert(period) }
            default:
                break
            }
        }
        let stanceOrder = Dictionary(declared.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        families = familyTerms.map { family, terms in
            let ordered = terms.sorted { a, b in
                let rankA = stanceOrder[a.value.stance] ?? Int.max
                let rankB = stanceOrder[b.value.stance] ?? Int.max
                if rankA != rankB { return rankA < rankB }
                if a.value.all != b.value.all { return a.value.all > b.value.all }
                return a.key < b.key
            }
            return Family(
                id: family, question: tables.facts.familyQuestions[family],
                terms: ordered.map { ($0.key, $0.value.stance) },
                authorialTotal: terms.values.reduce(0) { $0 + $1.authorial })
        }
        .sorted { $0.authorialTotal != $1.authorialTotal ? $0.authorialTotal > $1.authorialTotal : $0.id < $1.id }
        categories = categorySet.sorted()
        months = monthSet.sorted()
    }

    func statistic(_ id: String) -> Statistic? { byID[id] }

    /// "2,004 articles from 8 outlets, 2023-01-01 to 2023-12-31": the corpus in one line.
    var corpusSummary: String {
        let articles = tables.articles.count
        let outlets = tables.outlets.count
        var summary = "\(Figures.count(Double(articles))) article\(articles == 1 ? "" : "s") from \(outlets) outlet\(outlets == 1 ? "" : "s")"
        if let first = tables.outlets.compactMap(\.firstDate).min(), let last = tables.outlets.compactMap(\.lastDate).max() {
            summary += ", " + (first == last ? first : "\(first) to \(last)")
        }
        return summary
    }

    /// The share of an outlet's article tokens in one voice ("42%"), or "—" without tokens.
    static func voiceShare(_ outlet: OutletSummary, _ voice: Voice) -> String {
        outlet.tokens > 0 ? Figures.percent(Double(outlet.voiceTokens[voice] ?? 0) / Double(outlet.tokens)) : "—"
    }

    /// Occurrences of a family's terms at an outlet in one voice (the denominator of its term shares).
    func familyTotal(_ outlet: String, _ voice: VoiceKey, _ family: Family) -> Double {
        family.terms.lazy.compactMap { termShare(outlet, voice, family.id, $0.term)?.total }.first ?? 0
    }

    func termShare(_ outlet: String, _ voice: VoiceKey, _ family: String, _ term: String) -> Statistic? {
        byID["term-share/\(Slug.make(outlet))/\(voice)/\(Slug.make(family))/\(Slug.make(term))"]
    }

    func loadedRate(_ outlet: String, _ voice: VoiceKey) -> Statistic? {
        byID["loaded-rate/\(Slug.make(outlet))/\(voice)"]
    }

    func categoryRate(_ outlet: String, _ voice: VoiceKey, _ category: String) -> Statistic? {
        byID["category-rate/\(Slug.make(outlet))/\(voice)/\(Slug.make(category))"]
    }

    func stanceIndex(_ outlet: String, _ voice: VoiceKey) -> Statistic? {
        byID["stance-index/\(Slug.make(outlet))/\(voice)"]
    }

    func monthlyLoadedRate(_ outlet: String, _ month: String) -> Statistic? {
        byID["loaded-rate/\(Slug.make(outlet))/authorial/\(month)"]
    }

    func monthlyStanceIndex(_ outlet: String, _ month: String) -> Statistic? {
        byID["stance-index/\(Slug.make(outlet))/authorial/\(month)"]
    }

    var contrasts: [Statistic] { tables.statistics.filter { $0.kind == .contrast } }

    func keyness(_ outlet: String) -> [Statistic] {
        tables.statistics.filter { $0.kind == .keyness && $0.outlet == outlet }
    }

    /// Outlets with fewer articles than an interval needs.
    var smallOutlets: [OutletSummary] {
        tables.outlets.filter { $0.articles < tables.policy.minimumArticles }
    }

    /// The two sides of the stance index, when the lexicon declares them.
    var indexSides: (negative: String, positive: String)? { tables.facts.indexStances }

    /// Outlets with a time series (at least two months).
    var seriesOutlets: [String] {
        outlets.filter { outlet in months.contains { monthlyLoadedRate(outlet, $0) != nil } }
    }

    /// The figure to show in "How to cite": the first outlet's authorial stance index, else its loaded rate.
    var exampleStatistic: Statistic? {
        let candidates = outlets.flatMap { [stanceIndex($0, .authorial), loadedRate($0, .authorial)] }.compactMap { $0 }
        return candidates.first { $0.sufficient } ?? candidates.first
    }
}

/// Names of voices as readers see them.
enum VoiceNames {
    static func short(_ voice: VoiceKey) -> String {
        if voice.distanced { return "scare quotes" }
        switch voice.voice {
        case .authorial: return "own voice"
        case .quoted: return "quoted"
        case .attributed: return "reported"
        case .comment: return "comments"
        }
    }
}
