import SlantCore

/// What one pass over a group of articles sums per article, per lexicon: loaded-kind weights and
/// term counts by voice, category, family, term and stance. Each sum is taken in the order of the
/// article's counts, starting from zero, so it is bit for bit the sum a filter over the counts gives.
struct ArticleSums {
    enum Key: Hashable {
        /// A loaded-kind lexicon's hits (each hit once, in its entry's own category).
        case loaded(String, VoiceKey)
        /// The hits of one category (an entry's own, or one it is also in).
        case category(String, VoiceKey, String)
        /// A terminology lexicon's term occurrences, each span once: the stance denominators.
        case terms(String, VoiceKey)
        case family(String, VoiceKey, String)
        case term(String, VoiceKey, String, String)
        /// Occurrences of a stance's terms, each span once.
        case stance(String, VoiceKey, String)
    }

    /// An article's sum, for the articles where something was counted.
    struct Entry {
        var article: Int
        var value: Double
    }

    let count: Int
    private var columns: [Key: [Entry]] = [:]
    /// Loaded-kind hits over all the articles, by `.loaded` and `.category` key, per article.
    private var hitColumns: [Key: [Entry]] = [:]

    init(_ articles: [ArticleMeasures]) {
        count = articles.count
        for (position, article) in articles.enumerated() {
            for loaded in article.loadedCounts {
                if loaded.home {
                    add(.loaded(loaded.lexicon, loaded.voice), loaded.weight, position)
                    hitColumns[.loaded(loaded.lexicon, loaded.voice), default: []].add(position, Double(loaded.hits))
                }
                add(.category(loaded.lexicon, loaded.voice, loaded.category), loaded.weight, position)
                hitColumns[.category(loaded.lexicon, loaded.voice, loaded.category), default: []].add(position, Double(loaded.hits))
            }
            for term in article.termCounts {
                let count = Double(term.count)
                let distinct = Double(term.count - term.spanRepeats)
                add(.terms(term.lexicon, term.voice), distinct, position)
                add(.family(term.lexicon, term.voice, term.family), count, position)
                add(.term(term.lexicon, term.voice, term.family, term.term), count, position)
                add(.stance(term.lexicon, term.voice, term.stance), distinct, position)
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

    /// The hits of a `.loaded` or `.category` key in each article, in order.
    func hits(_ key: Key) -> [Double] {
        var values = [Double](repeating: 0, count: count)
        for entry in hitColumns[key] ?? [] { values[entry.article] = entry.value }
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
    /// The month of each article.
    let monthOf: [String?]
    /// Every evidence item, by kind and voice, in article and index order.
    let evidence: [EvidenceBucket: [EvidenceEntry]]
    /// Positions of the articles each lexicon covers, in order.
    let covered: [String: [Int]]

    struct EvidenceBucket: Hashable {
        var kind: Evidence.Kind
        var voice: VoiceKey
    }

    /// What statistics select evidence by, and where the item is.
    struct EvidenceEntry {
        var article: Int
        var index: Int
        var lexicon: String
        var group: String
        var alsoIn: [String]
        var item: String
        var stance: String?
    }

    init(_ articles: [ArticleMeasures], lexicons: [LexiconFacts.Lexicon], evidence classes: EvidenceClasses? = nil) {
        self.articles = articles
        sums = ArticleSums(articles)
        var monthOf: [String?] = []
        var evidence: [EvidenceBucket: [EvidenceEntry]] = [:]
        monthOf.reserveCapacity(articles.count)
        for (position, article) in articles.enumerated() {
            monthOf.append(StatisticsComputer.month(of: article.published))
            if article.evidence.isEmpty, let classes {
                for (index, item) in classes.items(of: article.id).enumerated() {
                    evidence[EvidenceBucket(kind: item.kind, voice: item.voice), default: []].append(
                        EvidenceEntry(
                            article: position, index: index, lexicon: item.lexicon, group: item.group, alsoIn: item.alsoIn,
                            item: item.item, stance: item.stance))
                }
            }
            for (index, item) in article.evidence.enumerated() {
                evidence[EvidenceBucket(kind: item.kind, voice: item.voice), default: []].append(
                    EvidenceEntry(
                        article: position, index: index, lexicon: item.lexicon, group: item.group, alsoIn: item.alsoIn,
                        item: item.item, stance: item.stance))
            }
        }
        self.monthOf = monthOf
        self.evidence = evidence
        var covered: [String: [Int]] = [:]
        for lexicon in lexicons {
            covered[lexicon.id] = articles.indices.filter { lexicon.covers(language: articles[$0].language) }
        }
        self.covered = covered
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

    /// The positions among `positions` of each calendar month.
    func months(of positions: [Int]) -> [String: [Int]] {
        var months: [String: [Int]] = [:]
        for position in positions {
            if let month = monthOf[position] { months[month, default: []].append(position) }
        }
        return months
    }
}

/// Computes every statistic of a corpus; each outlet's bootstrap resamples are drawn once.
///
/// Every lexicon is its own measure: its figures count only its own matches, in the articles it
/// covers (by language), over the tokens of those articles only. IDs name the lexicon
/// (`loaded-rate/<lexicon>/<outlet>/<voice>`); the same ID without the lexicon is an alias when no
/// other statistic of the report would have it.
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
    let stopwords: [StopList]
    /// What the run should say: IDs disambiguated.
    private(set) var warnings: [String] = []

    private let outletSlugs: SlugTable
    /// Per terminology lexicon: the terms anywhere in the corpus by family, and each term's stance.
    private var familyTerms: [String: [String: Set<String>]] = [:]
    private var termStances: [String: String] = [:]
    /// Per loaded-kind lexicon: the categories anywhere in the corpus, sorted.
    private var categories: [String: [String]] = [:]
    /// Slugs of families, terms (per family), categories and stances, per lexicon.
    private var slugs: [String: SlugTable] = [:]
    /// The kept sums of every group (outlet, outlet and month) in each Poisson bootstrap replicate.
    let replicates: ReplicateAccumulator
    /// Per-resample ratios of the measures contrasts compare, by outlet and measure key.
    private var resampled: [String: [Double?]] = [:]
    /// Per-article numerators and denominators of the contrasted measures (covered articles only), and
    /// the occurrences behind them, by outlet and measure key.
    private var contrastParts: [String: ContrastPart] = [:]

    struct ContrastPart {
        var numerators: [Double]
        var denominators: [Double]
        var occurrences: Double
    }

    init(
        policy: StatisticsPolicy, facts: LexiconFacts, groups: [String: [ArticleMeasures]], outlets: [String],
        outletWords: [String: [String: Int]]?, evidence: EvidenceClasses? = nil, stopwords: [StopList] = [],
        replicates: ReplicateAccumulator? = nil, jobs: Int = Parallel.availableCores
    ) {
        evidenceClasses = evidence
        self.replicates = replicates ?? ReplicateAccumulator.build(
            groups.values.joined().map { ArticleContribution($0, facts: facts) }, replicates: policy.resamples, jobs: jobs)
        self.policy = policy
        self.facts = facts
        self.groups = groups
        self.outlets = outlets
        self.outletWords = outletWords
        self.stopwords = stopwords
        self.jobs = jobs
        outletSlugs = SlugTable(outlets)
        var categorySets: [String: Set<String>] = [:]
        let lexiconsByID = Dictionary(facts.lexicons.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for article in groups.values.joined() {
            // Columns come from the articles each lexicon covers only.
            let covering = Set(lexiconsByID.values.filter { $0.covers(language: article.language) }.map(\.id))
            for count in article.loadedCounts where covering.contains(count.lexicon) {
                categorySets[count.lexicon, default: []].insert(count.category)
            }
            for count in article.termCounts where covering.contains(count.lexicon) {
                familyTerms[count.lexicon, default: [:]][count.family, default: []].insert(count.term)
                termStances[Self.key(count.lexicon, count.family, count.term)] = count.stance
            }
        }
        categories = categorySets.mapValues { $0.sorted() }
        for lexicon in facts.lexicons {
            let families = familyTerms[lexicon.id] ?? [:]
            slugs[Self.key(lexicon.id, "family")] = SlugTable(families.keys)
            for (family, terms) in families { slugs[Self.key(lexicon.id, "term", family)] = SlugTable(terms) }
            slugs[Self.key(lexicon.id, "category")] = SlugTable(categories[lexicon.id] ?? [])
            slugs[Self.key(lexicon.id, "stance")] = SlugTable(lexicon.stances)
        }
        for collision in outletSlugs.collisions {
            warnings.append(
                "outlets \(collision.names.map { "“\($0)”" }.joined(separator: " and ")) have the same slug `\(collision.slug)`: their statistic IDs use \(collision.names.map { "`\(outletSlugs.slug($0))`" }.joined(separator: " and ")) instead")
        }
        for (key, table) in slugs.sorted(by: { $0.key < $1.key }) {
            for collision in table.collisions {
                let what = key.split(separator: "\u{1F}").dropFirst().first.map(String.init) ?? "name"
                warnings.append(
                    "\(what)s \(collision.names.map { "“\($0)”" }.joined(separator: " and ")) of lexicon `\(key.split(separator: "\u{1F}").first ?? "")` have the same slug `\(collision.slug)`: their statistic IDs use \(collision.names.map { "`\(table.slug($0))`" }.joined(separator: " and ")) instead")
            }
        }
    }

    static func key(_ parts: String...) -> String { parts.joined(separator: "\u{1F}") }

    private func slug(_ lexicon: String, _ space: String, _ name: String, family: String? = nil) -> String {
        let table = family.map { slugs[Self.key(lexicon, space, $0)] } ?? slugs[Self.key(lexicon, space)]
        return table.flatMap { $0 }?.slug(name) ?? Slug.make(name)
    }

    mutating func all() -> [Statistic] {
        var statistics: [Statistic] = []
        for outlet in outlets {
            let index = OutletIndex(groups[outlet] ?? [], lexicons: facts.lexicons, evidence: evidenceClasses)
            for lexicon in facts.lexicons where lexicon.measure != .terminology {
                statistics += rates(outlet, index, lexicon)
            }
            for lexicon in facts.lexicons where lexicon.measure == .terminology {
                statistics += termShares(outlet, index, lexicon)
                statistics += stanceStatistics(outlet, index, lexicon)
            }
            for lexicon in facts.lexicons {
                statistics += timeSeries(outlet, index, lexicon)
            }
            for model in facts.models {
                statistics += modelRates(outlet, index, model)
            }
        }
        statistics += contrasts()
        statistics += keyness()
        return Self.withAliases(statistics, warnings: &warnings)
    }

    /// Gives each statistic with a lexicon the alias its ID has without the lexicon segment, when no
    /// other statistic would have the same alias and no statistic has it as its ID; makes sure no two
    /// statistics have one ID.
    static func withAliases(_ statistics: [Statistic], warnings: inout [String]) -> [Statistic] {
        var result = statistics
        var seen: [String: Int] = [:]
        for index in result.indices {
            let id = result[index].id
            if let count = seen[id] {
                seen[id] = count + 1
                result[index].id = id + "~\(count + 1)"
                warnings.append("two statistics would have the ID `\(id)`: the second is `\(result[index].id)`")
            } else {
                seen[id] = 1
            }
        }
        let ids = Set(result.map(\.id))
        var shortCounts: [String: Int] = [:]
        for statistic in result { for alias in statistic.aliases { shortCounts[alias, default: 0] += 1 } }
        for index in result.indices {
            result[index].aliases = result[index].aliases.filter { shortCounts[$0] == 1 && !ids.contains($0) }
        }
        return result
    }

    // MARK: - Shared pieces

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
    /// `numerators` and `denominators` hold the articles of the statistic's sample only (an outlet's
    /// articles a lexicon covers, of one month when `period` is given); the interval comes from the
    /// group's kept replicate sums of the same quantities (`replicate`).
    private mutating func ratio(
        outlet: String, period: String? = nil, numerators: [Double], denominators: [Double], scale: Double,
        minimumTotal: Double, key: String?, replicate: ReplicateRatio
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
            let ratios = replicate.replicateRatios(replicates, group: ReplicateGroup(outlet: outlet, month: period), scale: scale)
            if let key { resampled[Self.key(outlet, key)] = ratios }
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
        case .headline: "headlines"
        }
    }

    /// The canonical ID (with the lexicon) and its alias candidate (without it).
    private static func ids(_ prefix: String, lexicon: String, _ rest: String) -> (id: String, alias: String) {
        ("\(prefix)/\(Slug.make(lexicon))/\(rest)", "\(prefix)/\(rest)")
    }

    // MARK: - Loaded-kind lexicons

    private mutating func rates(_ outlet: String, _ index: OutletIndex, _ lexicon: LexiconFacts.Lexicon) -> [Statistic] {
        guard let kind = lexicon.measure.rateKind, let positions = index.covered[lexicon.id], !positions.isEmpty else { return [] }
        let (first, last) = index.dates(positions)
        let outletSlug = outletSlugs.slug(outlet)
        let name = lexicon.measure.rateName
        var statistics: [Statistic] = []
        for voice in VoiceKey.reported {
            let denominators = positions.map { Double(index.articles[$0].tokens(in: voice.voice)) }
            let weights = pick(index.sums.column(.loaded(lexicon.id, voice)), positions)
            let hits = pick(index.sums.hits(.loaded(lexicon.id, voice)), positions).reduce(0, +)
            let result = ratio(
                outlet: outlet, numerators: weights, denominators: denominators, scale: 1000, minimumTotal: 0,
                key: Self.key(lexicon.id, voice.description),
                replicate: .simple(.loaded(lexicon: lexicon.id, voice: voice), over: .tokens(lexicon: lexicon.id, voice: voice)))
            guard result.value != nil else { continue }
            if voice == .authorial {
                contrastParts[Self.key(outlet, lexicon.id)] = ContrastPart(numerators: weights, denominators: denominators, occurrences: hits)
            }
            let (id, alias) = Self.ids(kind.rawValue, lexicon: lexicon.id, "\(outletSlug)/\(voice)")
            statistics.append(
                Statistic(
                    id: id, aliases: [alias], kind: kind, lexicon: lexicon.id, lexiconMeasure: lexicon.measure,
                    label: "\(name.prefix(1).uppercased() + name.dropFirst()) (\(lexicon.id)) in \(voiceLabel(voice))",
                    outlet: outlet, voice: voice, value: result.value, unit: "weighted hits per 1,000 tokens",
                    interval: result.interval, articles: result.articles, occurrences: hits,
                    total: denominators.reduce(0, +), sufficient: result.sufficient, note: result.note, firstDate: first,
                    lastDate: last, evidence: evidence(index, .loaded, voice, lexicon: lexicon.id, positions: positions) { _ in true }))
            for category in categories[lexicon.id] ?? [] {
                let categoryWeights = pick(index.sums.column(.category(lexicon.id, voice, category)), positions)
                guard categoryWeights.contains(where: { $0 > 0 }) else { continue }
                let categoryHits = pick(index.sums.hits(.category(lexicon.id, voice, category)), positions).reduce(0, +)
                let categoryResult = ratio(
                    outlet: outlet, numerators: categoryWeights, denominators: denominators, scale: 1000, minimumTotal: 0,
                    key: nil,
                    replicate: .simple(.category(lexicon: lexicon.id, voice: voice, category: category), over: .tokens(lexicon: lexicon.id, voice: voice)))
                let label = lexicon.categoryLabels[category] ?? category
                let (categoryID, categoryAlias) = Self.ids(
                    Statistic.Kind.categoryRate.rawValue, lexicon: lexicon.id,
                    "\(outletSlug)/\(voice)/\(slug(lexicon.id, "category", category))")
                statistics.append(
                    Statistic(
                        id: categoryID, aliases: [categoryAlias], kind: .categoryRate, lexicon: lexicon.id,
                        lexiconMeasure: lexicon.measure, label: "\(label) (\(lexicon.id)): rate in \(voiceLabel(voice))",
                        outlet: outlet, voice: voice, category: category, value: categoryResult.value,
                        unit: "weighted hits per 1,000 tokens", interval: categoryResult.interval,
                        articles: categoryResult.articles, occurrences: categoryHits, total: denominators.reduce(0, +),
                        sufficient: categoryResult.sufficient, note: categoryResult.note, firstDate: first, lastDate: last,
                        evidence: evidence(index, .loaded, voice, lexicon: lexicon.id, positions: positions) {
                            $0.group == category || $0.alsoIn.contains(category)
                        }))
            }
        }
        return statistics
    }

    private func pick(_ values: [Double], _ positions: [Int]) -> [Double] {
        positions.count == values.count ? values : positions.map { values[$0] }
    }

    // MARK: - Terminology

    private mutating func termShares(_ outlet: String, _ index: OutletIndex, _ lexicon: LexiconFacts.Lexicon) -> [Statistic] {
        guard let positions = index.covered[lexicon.id], !positions.isEmpty else { return [] }
        let (first, last) = index.dates(positions)
        let outletSlug = outletSlugs.slug(outlet)
        let families = familyTerms[lexicon.id] ?? [:]
        var statistics: [Statistic] = []
        // Terms that occur anywhere in the corpus, by family, so every outlet shows the same columns.
        for voice in VoiceKey.reported + VoiceKey.distanced {
            for family in families.keys.sorted() {
                let denominators = pick(index.sums.column(.family(lexicon.id, voice, family)), positions)
                guard denominators.contains(where: { $0 > 0 }) else { continue }
                let familySlug = slug(lexicon.id, "family", family)
                for term in (families[family] ?? []).sorted() {
                    let numerators = pick(index.sums.column(.term(lexicon.id, voice, family, term)), positions)
                    let result = ratio(
                        outlet: outlet, numerators: numerators, denominators: denominators, scale: 1,
                        minimumTotal: Double(policy.minimumOccurrences), key: nil,
                        replicate: .simple(
                            .term(lexicon: lexicon.id, voice: voice, family: family, term: term),
                            over: .family(lexicon: lexicon.id, voice: voice, family: family)))
                    let (id, alias) = Self.ids(
                        Statistic.Kind.termShare.rawValue, lexicon: lexicon.id,
                        "\(outletSlug)/\(voice)/\(familySlug)/\(slug(lexicon.id, "term", term, family: family))")
                    statistics.append(
                        Statistic(
                            id: id, aliases: [alias], kind: .termShare, lexicon: lexicon.id, lexiconMeasure: .terminology,
                            label: "Share of “\(term)” among the \(family) terms in \(voiceLabel(voice))\(voice.distanced ? voice.voice == .headline ? " (distanced: quoted, reported, in scare quotes or after a qualifier)" : " (distanced: in scare quotes or after a qualifier such as “so-called”, “self-proclaimed”, “formerly”)" : "")",
                            outlet: outlet, voice: voice, family: family, term: term,
                            stance: termStances[Self.key(lexicon.id, family, term)], value: result.value, unit: "share",
                            interval: result.interval, articles: result.articles, occurrences: numerators.reduce(0, +),
                            total: denominators.reduce(0, +), sufficient: result.sufficient, note: result.note,
                            firstDate: first, lastDate: last,
                            evidence: evidence(index, .term, voice, lexicon: lexicon.id, positions: positions) {
                                $0.group == family && $0.item == term
                            }))
                }
            }
        }
        return statistics
    }

    private mutating func stanceStatistics(_ outlet: String, _ index: OutletIndex, _ lexicon: LexiconFacts.Lexicon) -> [Statistic] {
        guard let positions = index.covered[lexicon.id], !positions.isEmpty else { return [] }
        let (first, last) = index.dates(positions)
        let outletSlug = outletSlugs.slug(outlet)
        var statistics: [Statistic] = []
        for voice in VoiceKey.reported {
            let denominators = pick(index.sums.column(.terms(lexicon.id, voice)), positions)
            guard denominators.contains(where: { $0 > 0 }) else { continue }
            for stance in lexicon.stances {
                let numerators = pick(index.sums.column(.stance(lexicon.id, voice, stance)), positions)
                let result = ratio(
                    outlet: outlet, numerators: numerators, denominators: denominators, scale: 1,
                    minimumTotal: Double(policy.minimumOccurrences), key: nil,
                    replicate: .simple(.stance(lexicon: lexicon.id, voice: voice, stance: stance), over: .terms(lexicon: lexicon.id, voice: voice)))
                let (id, alias) = Self.ids(
                    Statistic.Kind.stanceShare.rawValue, lexicon: lexicon.id, "\(outletSlug)/\(voice)/\(slug(lexicon.id, "stance", stance))")
                statistics.append(
                    Statistic(
                        id: id, aliases: [alias], kind: .stanceShare, lexicon: lexicon.id, lexiconMeasure: .terminology,
                        label: "Share of \(stance) terms among all \(lexicon.id) terms in \(voiceLabel(voice))", outlet: outlet,
                        voice: voice, stance: stance, value: result.value, unit: "share", interval: result.interval,
                        articles: result.articles, occurrences: numerators.reduce(0, +), total: denominators.reduce(0, +),
                        sufficient: result.sufficient, note: result.note, firstDate: first, lastDate: last,
                        evidence: evidence(index, .term, voice, lexicon: lexicon.id, positions: positions) { $0.stance == stance }))
            }
            guard let sides = lexicon.stanceIndex else { continue }
            let negative = pick(index.sums.column(.stance(lexicon.id, voice, sides.negative)), positions)
            let positive = pick(index.sums.column(.stance(lexicon.id, voice, sides.positive)), positions)
            let numerators = zip(positive, negative).map { $0 - $1 }
            let result = ratio(
                outlet: outlet, numerators: numerators, denominators: denominators, scale: 1,
                minimumTotal: Double(policy.minimumOccurrences), key: Self.key(lexicon.id, "stance", voice.description),
                replicate: ReplicateRatio(
                    numerator: [(.stance(lexicon: lexicon.id, voice: voice, stance: sides.positive), 1),
                                (.stance(lexicon: lexicon.id, voice: voice, stance: sides.negative), -1)],
                    denominator: .terms(lexicon: lexicon.id, voice: voice)))
            if voice == .authorial {
                contrastParts[Self.key(outlet, lexicon.id)] = ContrastPart(
                    numerators: numerators, denominators: denominators, occurrences: denominators.reduce(0, +))
            }
            let (id, alias) = Self.ids(Statistic.Kind.stanceIndex.rawValue, lexicon: lexicon.id, "\(outletSlug)/\(voice)")
            statistics.append(
                Statistic(
                    id: id, aliases: [alias], kind: .stanceIndex, lexicon: lexicon.id, lexiconMeasure: .terminology,
                    label: "Stance index (\(lexicon.id)) in \(voiceLabel(voice)): share of \(sides.positive) terms minus share of \(sides.negative) terms (−1 all \(sides.negative), +1 all \(sides.positive))",
                    outlet: outlet, voice: voice, value: result.value, unit: "index", interval: result.interval,
                    articles: result.articles, occurrences: denominators.reduce(0, +), total: denominators.reduce(0, +),
                    sufficient: result.sufficient, note: result.note, firstDate: first, lastDate: last,
                    evidence: evidence(index, .term, voice, lexicon: lexicon.id, positions: positions) {
                        $0.stance == sides.negative || $0.stance == sides.positive
                    }))
        }
        return statistics
    }

    // MARK: - Time series

    /// A lexicon's authorial rate (loaded kinds) or stance index (terminology) in each calendar month,
    /// for outlets whose covered, dated articles span at least two months.
    private mutating func timeSeries(_ outlet: String, _ index: OutletIndex, _ lexicon: LexiconFacts.Lexicon) -> [Statistic] {
        guard let positions = index.covered[lexicon.id], !positions.isEmpty else { return [] }
        let months = index.months(of: positions)
        guard months.count >= 2 else { return [] }
        let outletSlug = outletSlugs.slug(outlet)
        var statistics: [Statistic] = []
        if let kind = lexicon.measure.rateKind {
            let allWeights = index.sums.column(.loaded(lexicon.id, .authorial))
            let allHits = index.sums.hits(.loaded(lexicon.id, .authorial))
            for month in months.keys.sorted() {
                let monthPositions = months[month] ?? []
                let (first, last) = index.dates(monthPositions)
                let tokens = monthPositions.map { Double(index.articles[$0].tokens(in: .authorial)) }
                let weights = monthPositions.map { allWeights[$0] }
                let hits = monthPositions.reduce(0) { $0 + allHits[$1] }
                let rate = ratio(
                    outlet: outlet, period: month, numerators: weights, denominators: tokens, scale: 1000, minimumTotal: 0, key: nil,
                    replicate: .simple(.loaded(lexicon: lexicon.id, voice: .authorial), over: .tokens(lexicon: lexicon.id, voice: .authorial)))
                guard rate.value != nil else { continue }
                let (id, alias) = Self.ids(kind.rawValue, lexicon: lexicon.id, "\(outletSlug)/authorial/\(month)")
                let name = lexicon.measure.rateName
                statistics.append(
                    Statistic(
                        id: id, aliases: [alias], kind: kind, lexicon: lexicon.id, lexiconMeasure: lexicon.measure,
                        label: "\(name.prefix(1).uppercased() + name.dropFirst()) (\(lexicon.id)) in the outlet's own voice, \(month)",
                        outlet: outlet, voice: .authorial, value: rate.value, unit: "weighted hits per 1,000 tokens",
                        interval: rate.interval, articles: rate.articles, occurrences: hits, total: tokens.reduce(0, +),
                        sufficient: rate.sufficient, note: rate.note, firstDate: first, lastDate: last, period: month,
                        evidence: evidence(index, .loaded, .authorial, lexicon: lexicon.id, positions: monthPositions) { _ in true }))
            }
        } else if let sides = lexicon.stanceIndex {
            let allTerms = index.sums.column(.terms(lexicon.id, .authorial))
            let allPositive = index.sums.column(.stance(lexicon.id, .authorial, sides.positive))
            let allNegative = index.sums.column(.stance(lexicon.id, .authorial, sides.negative))
            for month in months.keys.sorted() {
                let monthPositions = months[month] ?? []
                let (first, last) = index.dates(monthPositions)
                let numerators = monthPositions.map { allPositive[$0] - allNegative[$0] }
                let denominators = monthPositions.map { allTerms[$0] }
                let stanceIndex = ratio(
                    outlet: outlet, period: month, numerators: numerators, denominators: denominators, scale: 1,
                    minimumTotal: Double(policy.minimumOccurrences), key: nil,
                    replicate: ReplicateRatio(
                        numerator: [(.stance(lexicon: lexicon.id, voice: .authorial, stance: sides.positive), 1),
                                    (.stance(lexicon: lexicon.id, voice: .authorial, stance: sides.negative), -1)],
                        denominator: .terms(lexicon: lexicon.id, voice: .authorial)))
                guard stanceIndex.value != nil else { continue }
                let (id, alias) = Self.ids(Statistic.Kind.stanceIndex.rawValue, lexicon: lexicon.id, "\(outletSlug)/authorial/\(month)")
                statistics.append(
                    Statistic(
                        id: id, aliases: [alias], kind: .stanceIndex, lexicon: lexicon.id, lexiconMeasure: .terminology,
                        label: "Stance index (\(lexicon.id)) in the outlet's own voice, \(month)", outlet: outlet,
                        voice: .authorial, value: stanceIndex.value, unit: "index", interval: stanceIndex.interval,
                        articles: stanceIndex.articles, occurrences: denominators.reduce(0, +), total: denominators.reduce(0, +),
                        sufficient: stanceIndex.sufficient, note: stanceIndex.note, firstDate: first, lastDate: last,
                        period: month,
                        evidence: evidence(index, .term, .authorial, lexicon: lexicon.id, positions: monthPositions) {
                            $0.stance == sides.negative || $0.stance == sides.positive
                        }))
            }
        }
        return statistics
    }

    // MARK: - Contrasts

    /// The authorial rate of every loaded-kind lexicon, the authorial stance index of every
    /// terminology lexicon that declares one and the authorial share of every sentence model, for
    /// every pair of outlets, with Benjamini–Hochberg adjustment across all of them. The permutation
    /// tests, the costly part, run in parallel; each has its own seed (its ID without the lexicon or
    /// model), so the p-values do not depend on the order.
    private func contrasts() -> [Statistic] {
        var statistics: [Statistic] = []
        /// `name`: the lexicon's or model's id; `parts`: its key in `contrastParts`; `key`: the key of its
        /// replicate ratios in `resampled`; `aliased`: whether the contrast has the alias without `name`.
        var measures: [(name: String, lexiconMeasure: MeasureKind?, kind: Statistic.Kind, parts: String, key: String, aliased: Bool, label: String, scale: Double, unit: String)] = []
        for lexicon in facts.lexicons {
            if let kind = lexicon.measure.rateKind {
                measures.append((lexicon.id, lexicon.measure, kind, lexicon.id, Self.key(lexicon.id, VoiceKey.authorial.description), true,
                                 "\(lexicon.measure.rateName) (\(lexicon.id)) in the outlet's own voice", 1000, "weighted hits per 1,000 tokens"))
            } else if lexicon.stanceIndex != nil {
                measures.append((lexicon.id, lexicon.measure, .stanceIndex, lexicon.id, Self.key(lexicon.id, "stance", VoiceKey.authorial.description), true,
                                 "stance index (\(lexicon.id)) in the outlet's own voice", 1, "index"))
            }
        }
        for model in facts.models {
            measures.append((model.id, nil, .modelRate, Self.modelKey(model.id), Self.modelKey(model.id, VoiceKey.authorial.description), false,
                             "share of sentences predicted loaded by model \(model.id) in the outlet's own voice", 1, "share"))
        }
        var tests: [ContrastTest] = []
        for measure in measures {
            for (position, first) in outlets.enumerated() {
                for second in outlets[(position + 1)...] {
                    guard let a = contrastParts[Self.key(first, measure.parts)],
                        let b = contrastParts[Self.key(second, measure.parts)],
                        a.denominators.reduce(0, +) > 0, b.denominators.reduce(0, +) > 0
                    else { continue }
                    let (id, alias) = Self.ids(
                        "contrast/\(measure.kind.rawValue)", lexicon: measure.name,
                        "authorial/\(outletSlugs.slug(first))/\(outletSlugs.slug(second))")
                    let ratiosA = resampled[Self.key(first, measure.key)] ?? []
                    let ratiosB = resampled[Self.key(second, measure.key)] ?? []
                    let contributingA = a.denominators.filter { $0 > 0 }.count
                    let contributingB = b.denominators.filter { $0 > 0 }.count
                    let enough = contributingA >= policy.minimumArticles && contributingB >= policy.minimumArticles
                    if enough && !ratiosA.isEmpty && !ratiosB.isEmpty {
                        tests.append(ContrastTest(
                            statistic: statistics.count, a: (a.numerators, a.denominators), b: (b.numerators, b.denominators),
                            ratiosA: ratiosA, ratiosB: ratiosB, scale: measure.scale, seed: alias, permutations: policy.resamples))
                    }
                    let value = (a.numerators.reduce(0, +) / a.denominators.reduce(0, +) - b.numerators.reduce(0, +) / b.denominators.reduce(0, +)) * measure.scale
                    statistics.append(
                        Statistic(
                            id: id, aliases: measure.aliased ? [alias] : [], kind: .contrast, lexicon: measure.name,
                            lexiconMeasure: measure.lexiconMeasure,
                            label: "Difference in \(measure.label): \(first) minus \(second)",
                            outlet: first, otherOutlet: second, voice: .authorial, measure: measure.kind,
                            value: value, unit: measure.unit, interval: nil,
                            articles: contributingA + contributingB,
                            occurrences: a.occurrences + b.occurrences,
                            total: a.denominators.reduce(0, +) + b.denominators.reduce(0, +), pValue: nil,
                            sufficient: enough,
                            note: enough ? nil : "each outlet needs at least \(policy.minimumArticles) articles with data for an interval and a p-value (here \(contributingA) and \(contributingB))"))
                }
            }
        }
        let results = Parallel.map(tests, jobs: jobs) { test in
            Statistics.difference(
                a: test.a, b: test.b, ratiosA: test.ratiosA, ratiosB: test.ratiosB, scale: test.scale, seed: test.seed,
                permutations: test.permutations, permutationLimit: Statistics.permutationLimit)
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

    /// Each outlet's words against the rest of the corpus (the outlet's own voice only). Words of the
    /// stop lists of the corpus's languages are not listed (they still count in the totals).
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
                guard !stopwords.contains(where: { $0.contains(word) }) else { continue }
                let rest = (corpus[word] ?? 0) - count
                let g2 = Statistics.logLikelihood(a: Double(count), b: Double(rest), c: outletTotal, d: restTotal)
                let logRatio = Statistics.logRatio(a: Double(count), b: Double(rest), c: outletTotal, d: restTotal)
                if logRatio > 0, g2 >= policy.minimumKeynessG2 { scored.append((word, count, rest, g2, logRatio)) }
            }
            scored.sort { $0.g2 != $1.g2 ? $0.g2 > $1.g2 : $0.word < $1.word }
            let articles = groups[outlet]?.count ?? 0
            let listed = Array(scored.prefix(policy.keynessWords))
            let wordSlugs = SlugTable(listed.map(\.word))
            for entry in listed {
                statistics.append(
                    Statistic(
                        id: "keyness/\(outletSlugs.slug(outlet))/\(wordSlugs.slug(entry.word))", kind: .keyness,
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

    /// The first references (up to the policy's limit) and the total count of the evidence of one
    /// lexicon, of one kind in one voice, in the articles at `positions`, that matches.
    private func evidence(
        _ index: OutletIndex, _ kind: Evidence.Kind, _ voice: VoiceKey, lexicon: String, positions: [Int],
        where include: (OutletIndex.EvidenceEntry) -> Bool
    ) -> EvidenceSelection {
        var selection = EvidenceSelection()
        guard let entries = index.evidence[OutletIndex.EvidenceBucket(kind: kind, voice: voice)] else { return selection }
        var inSample = [Bool](repeating: false, count: index.articles.count)
        for position in positions { inSample[position] = true }
        for entry in entries {
            guard entry.lexicon == lexicon, inSample[entry.article], include(entry) else { continue }
            selection.total += 1
            if selection.references.count < policy.evidencePerStatistic {
                selection.references.append(EvidenceReference(article: index.articles[entry.article].id, index: entry.index))
            }
        }
        return selection
    }
}

// MARK: - Sentence models

extension StatisticsComputer {
    /// The key of a sentence model's entries in `contrastParts` and `resampled` (apart from the lexicons').
    static func modelKey(_ model: String, _ rest: String...) -> String {
        ([Statistic.Kind.modelRate.rawValue, model] + rest).joined(separator: "\u{1F}")
    }

    /// `model-rate/<model>/<outlet>/<voice>`: the share of an outlet's sentences in a voice that the
    /// model predicts loaded, over the articles the model covers, with the Poisson bootstrap interval
    /// of the other rates (the group's kept replicate sums of predicted-loaded and read sentences).
    /// The authorial share is what the model's contrasts compare.
    mutating func modelRates(_ outlet: String, _ index: OutletIndex, _ model: SentenceModelFacts) -> [Statistic] {
        let positions = index.articles.indices.filter { model.covers(language: index.articles[$0].language) }
        guard !positions.isEmpty else { return [] }
        let (first, last) = index.dates(positions)
        let outletSlug = outletSlugs.slug(outlet)
        var statistics: [Statistic] = []
        for voice in VoiceKey.reported {
            var loaded: [Double] = []
            var sentences: [Double] = []
            for position in positions {
                let counts = index.articles[position].modelCounts.filter { $0.model == model.id && $0.voice == voice }
                loaded.append(Double(counts.reduce(0) { $0 + $1.loaded }))
                sentences.append(Double(counts.reduce(0) { $0 + $1.sentences }))
            }
            let result = ratio(
                outlet: outlet, numerators: loaded, denominators: sentences, scale: 1, minimumTotal: 0,
                key: voice == .authorial ? Self.modelKey(model.id, voice.description) : nil,
                replicate: .simple(.modelLoaded(model: model.id, voice: voice), over: .modelSentences(model: model.id, voice: voice)))
            guard result.value != nil else { continue }
            if voice == .authorial {
                contrastParts[Self.key(outlet, Self.modelKey(model.id))] = ContrastPart(
                    numerators: loaded, denominators: sentences, occurrences: loaded.reduce(0, +))
            }
            statistics.append(
                Statistic(
                    id: "\(Statistic.Kind.modelRate.rawValue)/\(Slug.make(model.id))/\(outletSlug)/\(voice)", kind: .modelRate,
                    lexicon: model.id, label: "Sentences predicted loaded by model \(model.id) in \(voiceLabel(voice))",
                    outlet: outlet, voice: voice, value: result.value, unit: "share", interval: result.interval,
                    articles: result.articles, occurrences: loaded.reduce(0, +), total: sentences.reduce(0, +),
                    sufficient: result.sufficient, note: result.note, firstDate: first, lastDate: last))
        }
        return statistics
    }
}
