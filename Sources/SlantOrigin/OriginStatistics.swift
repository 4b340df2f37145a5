import SlantCore
import SlantMeasure

/// One outlet's articles and tokens by origin.
public struct OutletOrigins: Sendable, Hashable {
    public var outlet: String
    public var articles: [ArticleOrigin.Kind: Int]
    public var tokens: [ArticleOrigin.Kind: Int]

    public var totalTokens: Int { tokens.values.reduce(0, +) }
}

/// What the report shows of origins: each article's, each outlet's shares, and the statistics
/// (origin shares; each outlet's headline figures over the other scope of text).
public struct OriginTables: Sendable {
    public var settings: OriginSettings
    /// By article id.
    public var origins: [String: ArticleOrigin]
    public var outlets: [OutletOrigins]
    public var statistics: [Statistic]

    public init(settings: OriginSettings, origins: [String: ArticleOrigin], outlets: [OutletOrigins], statistics: [Statistic]) {
        self.settings = settings
        self.origins = origins
        self.outlets = outlets
        self.statistics = statistics
    }

    /// Whether any article is other than the outlet's own writing.
    public var hasCopies: Bool { origins.values.contains { $0.kind != .own } }
}

/// The statistics of origins: an outlet's share of own, republished and agency text (tokens, with an
/// article-level bootstrap interval), and, for each outlet that carries copies, its authorial rate of
/// each loaded-kind lexicon and its authorial stance index of each terminology lexicon that declares
/// one, over the text the report's figures leave out as well (`all-text/...`, or `own-writing/...`
/// when the report counts everything).
///
/// Intervals come from the Poisson bootstrap, as every figure's: the replicate sums of each publishing
/// outlet's origin group (``ReplicateGroup/Scope/origins``), kept with the report's other sums.
public enum OriginStatistics {
    /// What an article of `kind` published by `publisher` adds to the origin groups.
    public static func contribution(publisher: String, kind: ArticleOrigin.Kind, settings: OriginSettings) -> OriginContribution {
        OriginContribution(publisher: publisher, kind: kind.rawValue, inScope: settings.counting == .own || kind == .own)
    }

    /// `replicates`: the kept sums holding the articles' origin groups; nil to build them from `articles`.
    public static func tables(
        _ articles: [ArticleMeasures], origins: [String: ArticleOrigin], facts: LexiconFacts, policy: StatisticsPolicy,
        settings: OriginSettings, replicates: ReplicateAccumulator? = nil
    ) -> OriginTables {
        let sums: ReplicateAccumulator
        if let replicates, replicates.replicates == policy.resamples {
            sums = replicates
        } else {
            sums = ReplicateAccumulator.build(
                articles.map { article in
                    ArticleContribution(
                        article, facts: facts, counted: false,
                        origin: contribution(publisher: article.outlet, kind: origins[article.id]?.kind ?? .own, settings: settings))
                }, replicates: policy.resamples)
        }
        var groups: [String: [ArticleMeasures]] = [:]
        for article in articles { groups[article.outlet, default: []].append(article) }
        let names = groups.keys.sorted { $0.lowercased() < $1.lowercased() }
        let slugs = SlugTable(names)
        var outlets: [OutletOrigins] = []
        var statistics: [Statistic] = []
        for outlet in names {
            let members = groups[outlet] ?? []
            var summary = OutletOrigins(outlet: outlet, articles: [:], tokens: [:])
            for article in members {
                let kind = origins[article.id]?.kind ?? .own
                summary.articles[kind, default: 0] += 1
                summary.tokens[kind, default: 0] += article.tokens
            }
            outlets.append(summary)
            let slug = slugs.slug(outlet)
            let group = ReplicateGroup(outlet: outlet, scope: .origins)
            let denominators = members.map { Double($0.tokens) }
            let (first, last) = dates(members)
            for kind in ArticleOrigin.Kind.allCases {
                let numerators = members.map { (origins[$0.id]?.kind ?? .own) == kind ? Double($0.tokens) : 0 }
                let enough = members.count >= policy.minimumArticles
                let total = denominators.reduce(0, +)
                guard total > 0 else { continue }
                let value = numerators.reduce(0, +) / total
                let interval = enough
                    ? ReplicateRatio.simple(.originTokens(kind: kind.rawValue), over: .articleTokens).interval(sums, group: group, scale: 1)
                    : nil
                statistics.append(Statistic(
                    id: "origin-share/\(slug)/\(kind.rawValue)", kind: .originShare,
                    label: "Share of \(outlet)'s article text that is \(name(kind))", outlet: outlet, value: value, unit: "share",
                    interval: interval, articles: members.count, occurrences: numerators.reduce(0, +),
                    total: denominators.reduce(0, +), sufficient: enough,
                    note: enough ? nil : "\(members.count) article\(members.count == 1 ? "" : "s"): too few for an interval (at least \(policy.minimumArticles) needed)",
                    firstDate: first, lastDate: last, metric: kind.rawValue))
            }
            guard members.contains(where: { (origins[$0.id]?.kind ?? .own) != .own }) else { continue }
            let scope = settings.counting == .own ? "all-text" : "own-writing"
            let scoped = settings.counting == .own ? members : members.filter { (origins[$0.id]?.kind ?? .own) == .own }
            for lexicon in facts.lexicons {
                if let figure = scopeFigure(
                    lexicon, scoped, outlet: outlet, slug: slug, scope: scope, policy: policy, replicates: sums, group: group)
                {
                    statistics.append(figure)
                }
            }
        }
        return OriginTables(settings: settings, origins: origins, outlets: outlets, statistics: statistics)
    }

    public static func name(_ kind: ArticleOrigin.Kind) -> String {
        switch kind {
        case .own: "its own writing"
        case .republished: "republished from another outlet"
        case .agency: "agency copy"
        }
    }

    static func dates(_ articles: [ArticleMeasures]) -> (String?, String?) {
        let dated = articles.compactMap(\.published)
        return (dated.min(), dated.max())
    }

    /// A lexicon's authorial figure over `articles` (those it covers), its interval from the origin group's sums.
    static func scopeFigure(
        _ lexicon: LexiconFacts.Lexicon, _ articles: [ArticleMeasures], outlet: String, slug: String, scope: String,
        policy: StatisticsPolicy, replicates: ReplicateAccumulator, group: ReplicateGroup
    ) -> Statistic? {
        let covered = articles.filter { lexicon.covers(language: $0.language) }
        guard !covered.isEmpty else { return nil }
        let kind: Statistic.Kind
        let numerators: [Double]
        let denominators: [Double]
        let scale: Double
        let unit: String
        let replicate: ReplicateRatio
        var occurrences = 0.0
        let what = scope == "all-text" ? "all its text (own writing, republished and agency copy)" : "its own writing only"
        var label: String
        if let rateKind = lexicon.measure.rateKind {
            kind = rateKind
            numerators = covered.map { article in
                article.loadedCounts.filter { $0.lexicon == lexicon.id && $0.home && $0.voice == .authorial }.reduce(0) { $0 + $1.weight }
            }
            occurrences = covered.reduce(0) { total, article in
                total + Double(article.loadedCounts.filter { $0.lexicon == lexicon.id && $0.home && $0.voice == .authorial }.reduce(0) { $0 + $1.hits })
            }
            denominators = covered.map { Double($0.tokens(in: .authorial)) }
            replicate = .simple(.loaded(lexicon: lexicon.id, voice: .authorial), over: .tokens(lexicon: lexicon.id, voice: .authorial))
            scale = 1000
            unit = "weighted hits per 1,000 tokens"
            let name = lexicon.measure.rateName
            label = "\(name.prefix(1).uppercased() + name.dropFirst()) (\(lexicon.id)) in the outlet's own voice, over \(what)"
        } else if let sides = lexicon.stanceIndex {
            kind = .stanceIndex
            func sum(_ article: ArticleMeasures, _ stance: String?) -> Double {
                Double(article.termCounts.filter { $0.lexicon == lexicon.id && $0.voice == .authorial && (stance == nil || $0.stance == stance) }
                    .reduce(0) { $0 + $1.count - $1.spanRepeats })
            }
            numerators = covered.map { sum($0, sides.positive) - sum($0, sides.negative) }
            denominators = covered.map { sum($0, nil) }
            replicate = ReplicateRatio(
                numerator: [(.stance(lexicon: lexicon.id, voice: .authorial, stance: sides.positive), 1),
                            (.stance(lexicon: lexicon.id, voice: .authorial, stance: sides.negative), -1)],
                denominator: .terms(lexicon: lexicon.id, voice: .authorial))
            occurrences = denominators.reduce(0, +)
            scale = 1
            unit = "index"
            label = "Stance index (\(lexicon.id)) in the outlet's own voice, over \(what)"
        } else {
            return nil
        }
        let total = denominators.reduce(0, +)
        guard total > 0 else { return nil }
        let contributing = denominators.filter { $0 > 0 }.count
        let enough = contributing >= policy.minimumArticles
        let id = "\(scope)/\(kind.rawValue)/\(Slug.make(lexicon.id))/\(slug)/authorial"
        let value = numerators.reduce(0, +) / total * scale
        let interval = enough ? replicate.interval(replicates, group: group, scale: scale) : nil
        let (first, last) = dates(covered)
        return Statistic(
            id: id, kind: .originScope, lexicon: lexicon.id, lexiconMeasure: lexicon.measure, label: label, outlet: outlet,
            voice: .authorial, measure: kind, value: value, unit: unit, interval: interval,
            articles: contributing, occurrences: occurrences, total: total, sufficient: enough,
            note: enough ? nil : "\(contributing) article\(contributing == 1 ? "" : "s"): too few for an interval (at least \(policy.minimumArticles) needed)",
            firstDate: first, lastDate: last, metric: scope)
    }
}
