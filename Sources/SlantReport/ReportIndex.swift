import SlantCore
import SlantMeasure

/// The statistics of a report arranged the way its sections read them: by lexicon, outlet, voice,
/// family, term, category and month. Built once per report; both renderers use it. Statistics are
/// looked up by what they are, never by rebuilding their IDs.
struct ReportIndex {
    /// A terminology family as the report shows it: its question and its terms, ordered by
    /// declared stance and then by use.
    struct Family {
        var lexicon: String
        var id: String
        var question: String?
        var terms: [(term: String, stance: String)]
        /// Occurrences of the family's terms in the outlets' own voice, over the corpus.
        var authorialTotal: Double
    }

    /// What identifies a statistic within a report.
    struct Key: Hashable {
        var kind: Statistic.Kind
        var lexicon: String?
        var outlet: String?
        var voice: VoiceKey?
        var family: String?
        var term: String?
        var category: String?
        var period: String?
    }

    let tables: CorpusTables
    let outlets: [String]
    /// Families per terminology lexicon.
    let families: [String: [Family]]
    /// Categories with a figure, per loaded-kind lexicon (file order, then any others).
    let categories: [String: [String]]
    /// Months with at least one time-series point, in order.
    let months: [String]
    private let byKey: [Key: Statistic]

    init(_ tables: CorpusTables) {
        self.tables = tables
        outlets = tables.outlets.map(\.outlet)
        var byKey: [Key: Statistic] = [:]
        var familyTerms: [String: [String: [String: (stance: String, authorial: Double, all: Double)]]] = [:]
        var categorySet: [String: Set<String>] = [:]
        var monthSet: Set<String> = []
        for statistic in tables.statistics {
            let key = Key(
                kind: statistic.kind, lexicon: statistic.lexicon, outlet: statistic.outlet, voice: statistic.voice,
                family: statistic.family, term: statistic.term, category: statistic.category, period: statistic.period)
            if statistic.kind != .contrast, statistic.kind != .keyness, byKey[key] == nil { byKey[key] = statistic }
            let lexicon = statistic.lexicon ?? ""
            switch statistic.kind {
            case .termShare:
                guard let family = statistic.family, let term = statistic.term else { continue }
                var entry = familyTerms[lexicon, default: [:]][family, default: [:]][term] ?? (statistic.stance ?? "", 0, 0)
                entry.all += statistic.occurrences
                if statistic.voice == .authorial { entry.authorial += statistic.occurrences }
                familyTerms[lexicon, default: [:]][family, default: [:]][term] = entry
            case .categoryRate:
                if let category = statistic.category { categorySet[lexicon, default: []].insert(category) }
            case .loadedRate, .epistemicRate, .labelRate, .stanceIndex:
                if let period = statistic.period { monthSet.insert(period) }
            default:
                break
            }
        }
        self.byKey = byKey
        var families: [String: [Family]] = [:]
        for (lexiconID, terms) in familyTerms {
            let lexicon = tables.facts.lexicon(lexiconID)
            let declared = lexicon?.stances ?? []
            let stanceOrder = Dictionary(declared.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            families[lexiconID] = terms.map { family, terms in
                let ordered = terms.sorted { a, b in
                    let rankA = stanceOrder[a.value.stance] ?? Int.max
                    let rankB = stanceOrder[b.value.stance] ?? Int.max
                    if rankA != rankB { return rankA < rankB }
                    if a.value.all != b.value.all { return a.value.all > b.value.all }
                    return a.key < b.key
                }
                return Family(
                    lexicon: lexiconID, id: family, question: lexicon?.familyQuestions[family],
                    terms: ordered.map { ($0.key, $0.value.stance) },
                    authorialTotal: terms.values.reduce(0) { $0 + $1.authorial })
            }
            .sorted { $0.authorialTotal != $1.authorialTotal ? $0.authorialTotal > $1.authorialTotal : $0.id < $1.id }
        }
        self.families = families
        var categories: [String: [String]] = [:]
        for (lexicon, set) in categorySet {
            let order = tables.facts.lexicon(lexicon)?.categories ?? []
            categories[lexicon] = order.filter(set.contains) + set.subtracting(order).sorted()
        }
        self.categories = categories
        months = monthSet.sorted()
    }

    /// The lexicons of one measure kind, in configuration order.
    func lexicons(_ measure: MeasureKind) -> [LexiconFacts.Lexicon] { tables.facts.lexicons(measure) }

    /// "2,004 articles from 8 outlets, 2023-01-01 to 2023-12-31": the corpus in one line.
    var corpusSummary: String {
        let articles = tables.articles.count
        // The outlets that published the articles (an outlet whose articles are all copies has no figures of its own).
        let outlets = Set(tables.articles.map(\.outlet)).count
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
        family.terms.lazy.compactMap { termShare(family.lexicon, outlet, voice, family.id, $0.term)?.total }.first ?? 0
    }

    func termShare(_ lexicon: String, _ outlet: String, _ voice: VoiceKey, _ family: String, _ term: String) -> Statistic? {
        byKey[Key(kind: .termShare, lexicon: lexicon, outlet: outlet, voice: voice, family: family, term: term)]
    }

    /// The rate of a loaded-kind lexicon (of one month when `period` is given).
    func rate(_ lexicon: LexiconFacts.Lexicon, _ outlet: String, _ voice: VoiceKey, period: String? = nil) -> Statistic? {
        guard let kind = lexicon.measure.rateKind else { return nil }
        return byKey[Key(kind: kind, lexicon: lexicon.id, outlet: outlet, voice: voice, period: period)]
    }

    /// A sentence model's share of sentences predicted loaded (`model-rate/<model>/<outlet>/<voice>`).
    func modelRate(_ model: String, _ outlet: String, _ voice: VoiceKey) -> Statistic? {
        byKey[Key(kind: .modelRate, lexicon: model, outlet: outlet, voice: voice)]
    }

    /// "5 of 7 articles (languages en)": the articles a sentence model covers.
    func modelCoverage(_ model: SentenceModelFacts) -> String {
        let covered = tables.articles.filter { model.covers(language: $0.language) }.count
        let languages = model.languages.isEmpty ? "every language" : "languages \(model.languages.joined(separator: ", "))"
        return "\(covered) of \(tables.articles.count) article\(tables.articles.count == 1 ? "" : "s") (\(languages))"
    }

    /// A category's own-voice rate, or, for a category with no hit there, a rate of 0 over the
    /// lexicon's own-voice tokens (category rates are stored only for categories with hits): shown as
    /// 0.0, marked as the lexicon's rate is. Nil when the lexicon has no own-voice rate at all (no data: "—").
    func ownCategoryRate(_ lexicon: LexiconFacts.Lexicon, _ outlet: String, _ category: String) -> Statistic? {
        if let statistic = categoryRate(lexicon.id, outlet, .authorial, category) { return statistic }
        guard let rate = self.rate(lexicon, outlet, .authorial), rate.value != nil else { return nil }
        return Statistic(
            id: "", kind: .categoryRate, lexicon: lexicon.id, lexiconMeasure: lexicon.measure,
            label: "\(lexicon.categoryLabels[category] ?? category) (\(lexicon.id)): rate in the outlet's own voice", outlet: outlet,
            voice: .authorial, category: category, value: 0, unit: rate.unit, articles: rate.articles, occurrences: 0,
            total: rate.total, sufficient: rate.sufficient, note: rate.note, firstDate: rate.firstDate, lastDate: rate.lastDate)
    }

    func categoryRate(_ lexicon: String, _ outlet: String, _ voice: VoiceKey, _ category: String) -> Statistic? {
        byKey[Key(kind: .categoryRate, lexicon: lexicon, outlet: outlet, voice: voice, category: category)]
    }

    func stanceIndex(_ lexicon: String, _ outlet: String, _ voice: VoiceKey, period: String? = nil) -> Statistic? {
        byKey[Key(kind: .stanceIndex, lexicon: lexicon, outlet: outlet, voice: voice, period: period)]
    }

    /// The lexicon's monthly figure: its rate, or its stance index.
    func monthly(_ lexicon: LexiconFacts.Lexicon, _ outlet: String, _ month: String) -> Statistic? {
        lexicon.measure == .terminology
            ? stanceIndex(lexicon.id, outlet, .authorial, period: month) : rate(lexicon, outlet, .authorial, period: month)
    }

    /// The authorial figure a contrast compares, for one of its outlets.
    func contrastSide(_ contrast: Statistic, _ outlet: String) -> Statistic? {
        guard let lexicon = contrast.lexicon.flatMap(tables.facts.lexicon) else { return nil }
        return lexicon.measure == .terminology ? stanceIndex(lexicon.id, outlet, .authorial) : rate(lexicon, outlet, .authorial)
    }

    var contrasts: [Statistic] { tables.statistics.filter { $0.kind == .contrast } }

    func keyness(_ outlet: String) -> [Statistic] {
        tables.statistics.filter { $0.kind == .keyness && $0.outlet == outlet }
    }

    /// Outlets with fewer articles than an interval needs.
    var smallOutlets: [OutletSummary] {
        tables.outlets.filter { $0.articles < tables.policy.minimumArticles }
    }

    /// Lexicons with a time series, and the outlets that have one for each.
    var series: [(lexicon: LexiconFacts.Lexicon, outlets: [String])] {
        tables.facts.lexicons.compactMap { lexicon in
            let outlets = self.outlets.filter { outlet in months.contains { monthly(lexicon, outlet, $0) != nil } }
            return outlets.isEmpty ? nil : (lexicon, outlets)
        }
    }

    /// The figure to show in "How to cite": the first outlet's authorial stance index, else a rate.
    var exampleStatistic: Statistic? {
        let candidates = outlets.flatMap { outlet in
            tables.facts.lexicons.map { lexicon in
                lexicon.measure == .terminology ? stanceIndex(lexicon.id, outlet, .authorial) : rate(lexicon, outlet, .authorial)
            }
        }.compactMap { $0 }
        return candidates.first { $0.sufficient } ?? candidates.first
    }
}

/// Names of voices as readers see them, and the order the report shows them in.
enum VoiceNames {
    /// The columns of the stance-index and rate tables: the outlet's own voice, its headlines beside
    /// it, then what others say.
    static let columns: [VoiceKey] = [.authorial, .headline, .quoted, .attributed, .comment]
    /// The rows of a terminology table.
    static let termRows: [VoiceKey] = [.authorial, .headline, .quoted, .attributed, .distancedAuthorial, .distancedHeadline, .comment]
    /// The header cells of ``columns``.
    static let columnHeaders = ["own voice", "headlines", "quoted", "reported", "reader comments"]

    static func short(_ voice: VoiceKey) -> String {
        if voice.distanced { return voice.voice == .headline ? "headline, distanced" : "distanced" }
        switch voice.voice {
        case .authorial: return "own voice"
        case .quoted: return "quoted"
        case .attributed: return "reported"
        case .comment: return "comments"
        case .headline: return "headline"
        }
    }
}
