import SlantCore

/// The Poisson bootstrap (Hanley & MacGibbon 2006; Chamandy et al. 2012): in each of R replicates,
/// every article gets a weight drawn from Poisson(1), from a generator seeded by the article's id
/// alone. A replicate's sums are then sums over articles, so they can be kept and updated one article
/// at a time (adding or removing an article touches each replicate once) and merged across workers,
/// and an article's weights never depend on which other articles are in the corpus.
///
/// Weights: SplitMix64 seeded with FNV-1a of `poisson/<article id>`; replicate r takes the r-th draw,
/// a 53-bit uniform integer compared with the Poisson(1) cumulative distribution (inversion), so the
/// weights of the first R replicates are the same for any larger R.
public enum PoissonWeights {
    /// The largest weight drawn (P(Poisson(1) > 20) is below 10⁻¹⁹).
    static let maximum = 20

    /// `floor(F(k) × 2^53)` for the Poisson(1) distribution function F, k = 0 ... maximum - 1.
    static let thresholds: [UInt64] = {
        var thresholds: [UInt64] = []
        var probability = 0.36787944117144233  // e^-1
        var cumulative = probability
        for k in 0..<maximum {
            thresholds.append(UInt64(cumulative * 9_007_199_254_740_992.0))
            probability = probability / Double(k + 1)
            cumulative = cumulative + probability
        }
        return thresholds
    }()

    /// The article's weight in each of the first `replicates` replicates.
    public static func weights(articleID: String, replicates: Int) -> [UInt8] {
        var generator = SeededGenerator(seedText: "poisson/" + articleID)
        let thresholds = Self.thresholds
        return [UInt8](unsafeUninitializedCapacity: replicates) { buffer, initialized in
            thresholds.withUnsafeBufferPointer { thresholds in
                for index in 0..<replicates {
                    let uniform = generator.next() >> 11
                    var weight = 0
                    while weight < maximum, uniform >= thresholds[weight] { weight += 1 }
                    buffer[index] = UInt8(weight)
                }
            }
            initialized = replicates
        }
    }
}

/// Sums kept as integers (fixed point, 2⁻²⁰ units), so that adding and removing articles in any order,
/// on any number of workers, gives the same sums bit for bit. Counts and tokens are exact; weights are
/// exact for multiples of 2⁻²⁰ (every bundled weight is a multiple of 0.5), else rounded to 10⁻⁶.
public enum FixedPoint {
    public static let unit: Double = 1_048_576

    public static func encode(_ value: Double) -> Int64 { Int64((value * unit).rounded()) }
    public static func decode(_ value: Int64) -> Double { Double(value) / unit }
}

/// What a replicate sum is a sum of, within one group of articles.
public enum ReplicateQuantity: Hashable, Sendable {
    /// A loaded-kind lexicon's weighted hits (each hit once, in its entry's own category).
    case loaded(lexicon: String, voice: VoiceKey)
    case category(lexicon: String, voice: VoiceKey, category: String)
    /// A terminology lexicon's term occurrences, each span once.
    case terms(lexicon: String, voice: VoiceKey)
    case family(lexicon: String, voice: VoiceKey, family: String)
    case term(lexicon: String, voice: VoiceKey, family: String, term: String)
    case stance(lexicon: String, voice: VoiceKey, stance: String)
    /// Tokens in a voice of the articles the lexicon covers.
    case tokens(lexicon: String, voice: VoiceKey)
    /// Body tokens of the articles of one origin (`own`, `republished`, `agency`), for origin shares.
    case originTokens(kind: String)
    /// Body tokens of every article, the denominator of origin shares.
    case articleTokens
    /// Sentences a sentence model (`models:`) predicted loaded in a voice of the articles it covers.
    case modelLoaded(model: String, voice: VoiceKey)
    /// Sentences a sentence model read in a voice of the articles it covers.
    case modelSentences(model: String, voice: VoiceKey)

    /// A stable text form (`loaded␟lexicon␟voice`), for stores.
    public var storageKey: String {
        let parts: [String]
        switch self {
        case .loaded(let lexicon, let voice): parts = ["loaded", lexicon, voice.description]
        case .category(let lexicon, let voice, let category): parts = ["category", lexicon, voice.description, category]
        case .terms(let lexicon, let voice): parts = ["terms", lexicon, voice.description]
        case .family(let lexicon, let voice, let family): parts = ["family", lexicon, voice.description, family]
        case .term(let lexicon, let voice, let family, let term): parts = ["term", lexicon, voice.description, family, term]
        case .stance(let lexicon, let voice, let stance): parts = ["stance", lexicon, voice.description, stance]
        case .tokens(let lexicon, let voice): parts = ["tokens", lexicon, voice.description]
        case .originTokens(let kind): parts = ["origin-tokens", kind]
        case .articleTokens: parts = ["article-tokens"]
        case .modelLoaded(let model, let voice): parts = ["model-loaded", model, voice.description]
        case .modelSentences(let model, let voice): parts = ["model-sentences", model, voice.description]
        }
        return parts.joined(separator: "\u{1F}")
    }

    /// The quantity a ``storageKey`` names; nil for a key this version does not know.
    public init?(storageKey: String) {
        let parts = storageKey.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("origin-tokens", 2): self = .originTokens(kind: parts[1]); return
        case ("article-tokens", 1): self = .articleTokens; return
        default: break
        }
        guard parts.count >= 3, let voice = Self.voice(parts[2]) else { return nil }
        let lexicon = parts[1]
        switch (parts[0], parts.count) {
        case ("loaded", 3): self = .loaded(lexicon: lexicon, voice: voice)
        case ("category", 4): self = .category(lexicon: lexicon, voice: voice, category: parts[3])
        case ("terms", 3): self = .terms(lexicon: lexicon, voice: voice)
        case ("family", 4): self = .family(lexicon: lexicon, voice: voice, family: parts[3])
        case ("term", 5): self = .term(lexicon: lexicon, voice: voice, family: parts[3], term: parts[4])
        case ("stance", 4): self = .stance(lexicon: lexicon, voice: voice, stance: parts[3])
        case ("tokens", 3): self = .tokens(lexicon: lexicon, voice: voice)
        case ("model-loaded", 3): self = .modelLoaded(model: lexicon, voice: voice)
        case ("model-sentences", 3): self = .modelSentences(model: lexicon, voice: voice)
        default: return nil
        }
    }

    private static func voice(_ text: String) -> VoiceKey? {
        if text.hasSuffix("-distanced") {
            return Voice(rawValue: String(text.dropLast("-distanced".count))).map { VoiceKey($0, distanced: true) }
        }
        return Voice(rawValue: text).map { VoiceKey($0) }
    }

    /// Whether the quantity is kept per month too (the monthly figures: authorial rates and stance
    /// indexes), and in the origin groups (the authorial figures over another scope of text).
    var isMonthly: Bool {
        switch self {
        case .loaded(_, let voice), .terms(_, let voice), .stance(_, let voice, _), .tokens(_, let voice): voice == .authorial
        default: false
        }
    }
}

/// A group of articles whose sums are kept: an outlet as the report's figures count it (`origin.count`),
/// or such an outlet in one calendar month, or the articles an outlet published (``Scope/origins``).
public struct ReplicateGroup: Hashable, Sendable, Comparable {
    /// Which articles a group's outlet stands for.
    public enum Scope: String, Hashable, Sendable, Comparable {
        /// The articles the report's figures count for the outlet.
        case counted
        /// Every article the outlet published, whatever its origin: the origin shares, and the
        /// outlet's authorial figures over the other scope of text (all text, or own writing only).
        case origins

        public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var outlet: String
    /// `YYYY-MM`, or nil for all the outlet's articles.
    public var month: String?
    public var scope: Scope

    public init(outlet: String, month: String? = nil, scope: Scope = .counted) {
        self.outlet = outlet
        self.month = month
        self.scope = scope
    }

    public static func < (lhs: ReplicateGroup, rhs: ReplicateGroup) -> Bool {
        (lhs.scope, lhs.outlet, lhs.month ?? "") < (rhs.scope, rhs.outlet, rhs.month ?? "")
    }
}

/// One quantity's sums in one group: over the articles, and in each replicate (Σ weight × value).
public struct ReplicateSums: Sendable, Hashable {
    public var total: Int64 = 0
    /// Articles with a non-zero value.
    public var nonzero: Int = 0
    public var replicates: [Int64]

    public init(replicates: Int) { self.replicates = [Int64](repeating: 0, count: replicates) }

    public init(total: Int64, nonzero: Int, replicates: [Int64]) {
        self.total = total
        self.nonzero = nonzero
        self.replicates = replicates
    }

    /// The sums of the union of two disjoint sets of articles.
    public mutating func merge(_ other: ReplicateSums) {
        total &+= other.total
        nonzero += other.nonzero
        for index in 0..<min(replicates.count, other.replicates.count) { replicates[index] &+= other.replicates[index] }
    }

    public var isEmpty: Bool { nonzero == 0 && total == 0 }
}

/// What an article adds to the origin groups (``ReplicateGroup/Scope/origins``) of the outlet that
/// published it.
public struct OriginContribution: Sendable, Hashable {
    /// The outlet that published the article.
    public var publisher: String
    /// Its origin: `own`, `republished` or `agency`.
    public var kind: String
    /// Whether it is part of the other scope of text its publisher's origin figures cover (every
    /// article when the report counts own writing; own writing only when it counts everything).
    public var inScope: Bool

    public init(publisher: String, kind: String, inScope: Bool) {
        self.publisher = publisher
        self.kind = kind
        self.inScope = inScope
    }
}

/// One article's contribution to the kept sums: its id (which seeds its weights), and the fixed-point
/// value of each quantity it has in each of its groups.
public struct ArticleContribution: Sendable, Hashable {
    /// The quantities an article adds to one group.
    public struct Part: Sendable, Hashable {
        public var group: ReplicateGroup
        public var values: [ReplicateQuantity: Int64]
    }

    public var articleID: String
    public var parts: [Part]

    /// The contribution of an article's measures to its outlet (`article.outlet`) and month, counting for
    /// each lexicon and sentence model only an article it covers (by language), as the statistics do.
    public init(_ article: ArticleMeasures, facts: LexiconFacts) {
        self.init(article, facts: facts, counted: true, origin: nil)
    }

    /// The contribution of an article to the figures of its counted outlet (`article.outlet`, when
    /// `counted`) and month, and to the origin figures of its publisher (when `origin` is given).
    public init(_ article: ArticleMeasures, facts: LexiconFacts, counted: Bool, origin: OriginContribution?) {
        articleID = article.id
        parts = []
        let values = Self.values(article, facts: facts)
        let monthly = values.filter { $0.key.isMonthly }
        if counted {
            parts.append(Part(group: ReplicateGroup(outlet: article.outlet), values: values))
            if let month = StatisticsComputer.month(of: article.published), !monthly.isEmpty {
                parts.append(Part(group: ReplicateGroup(outlet: article.outlet, month: month), values: monthly))
            }
        }
        if let origin {
            var originValues = origin.inScope ? monthly : [:]
            let tokens = FixedPoint.encode(Double(article.tokens))
            if tokens != 0 {
                originValues[.originTokens(kind: origin.kind)] = tokens
                originValues[.articleTokens] = tokens
            }
            if !originValues.isEmpty {
                parts.append(Part(group: ReplicateGroup(outlet: origin.publisher, scope: .origins), values: originValues))
            }
        }
    }

    /// The fixed-point value of each quantity of an article (non-zero ones only).
    private static func values(_ article: ArticleMeasures, facts: LexiconFacts) -> [ReplicateQuantity: Int64] {
        let covering = Set(facts.lexicons.filter { $0.covers(language: article.language) }.map(\.id))
        var sums: [ReplicateQuantity: Double] = [:]
        for loaded in article.loadedCounts where covering.contains(loaded.lexicon) {
            if loaded.home { sums[.loaded(lexicon: loaded.lexicon, voice: loaded.voice), default: 0] += loaded.weight }
            sums[.category(lexicon: loaded.lexicon, voice: loaded.voice, category: loaded.category), default: 0] += loaded.weight
        }
        for term in article.termCounts where covering.contains(term.lexicon) {
            let count = Double(term.count)
            let distinct = Double(term.count - term.spanRepeats)
            sums[.terms(lexicon: term.lexicon, voice: term.voice), default: 0] += distinct
            sums[.family(lexicon: term.lexicon, voice: term.voice, family: term.family), default: 0] += count
            sums[.term(lexicon: term.lexicon, voice: term.voice, family: term.family, term: term.term), default: 0] += count
            sums[.stance(lexicon: term.lexicon, voice: term.voice, stance: term.stance), default: 0] += distinct
        }
        for lexicon in covering {
            for voice in VoiceKey.reported {
                let tokens = article.tokens(in: voice.voice)
                if tokens > 0 { sums[.tokens(lexicon: lexicon, voice: voice), default: 0] += Double(tokens) }
            }
        }
        for model in facts.models where model.covers(language: article.language) {
            for count in article.modelCounts where count.model == model.id {
                sums[.modelLoaded(model: model.id, voice: count.voice), default: 0] += Double(count.loaded)
                sums[.modelSentences(model: model.id, voice: count.voice), default: 0] += Double(count.sentences)
            }
        }
        return sums.compactMapValues { value in
            let encoded = FixedPoint.encode(value)
            return encoded == 0 ? nil : encoded
        }
    }
}

/// The kept sums of a corpus, by group and quantity: built by adding articles, updated by adding and
/// removing them (each replicate touched once per quantity the article has), merged across workers.
/// Integer sums make the result independent of the order of additions, removals and merges.
///
/// Each (group, quantity) has a slot; the replicate sums of all slots lie in one flat array, so that
/// adding an article is, per quantity, one pass of integer multiply-adds over its weights.
public struct ReplicateAccumulator: Sendable {
    public let replicates: Int
    private var slots: [ReplicateGroup: [ReplicateQuantity: Int]] = [:]
    /// The group and quantity of each slot, in slot order.
    private var slotKeys: [(group: ReplicateGroup, quantity: ReplicateQuantity)] = []
    private var totals: [Int64] = []
    private var nonzeros: [Int] = []
    private var storage: [Int64] = []
    /// The slots whose sums changed since ``trackChanges()`` (nil when changes are not tracked).
    private var changedSlots: Set<Int>?

    public init(replicates: Int) { self.replicates = replicates }

    /// An empty accumulator with room for `slots` sums, so that loading that many never grows (and
    /// never copies) its storage.
    public init(replicates: Int, capacity slots: Int) {
        self.replicates = replicates
        slotKeys.reserveCapacity(slots)
        totals.reserveCapacity(slots)
        nonzeros.reserveCapacity(slots)
        storage.reserveCapacity(slots * replicates)
    }

    /// Sets the sums of one quantity of a group from kept sums: the total, the articles with a non-zero
    /// value, and the replicate sums as `replicates` little-endian 64-bit integers. False (and nothing
    /// set) when `bytes` does not hold exactly that many.
    public mutating func load(
        _ group: ReplicateGroup, _ quantity: ReplicateQuantity, total: Int64, nonzero: Int, littleEndian bytes: UnsafeRawBufferPointer
    ) -> Bool {
        guard bytes.count == replicates * 8 else { return false }
        let slot = self.slot(group, quantity)
        totals[slot] = total
        nonzeros[slot] = nonzero
        let base = slot * replicates
        storage.withUnsafeMutableBufferPointer { sums in
            for index in 0..<replicates {
                sums[base + index] = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: Int64.self))
            }
        }
        return true
    }

    /// Starts recording which sums change (by adding, removing or merging), for ``changedSums``.
    public mutating func trackChanges() { changedSlots = [] }

    /// The sums that changed since ``trackChanges()``, each with its sums now (nil when no article has
    /// the quantity any more), in slot order; nil when changes are not tracked.
    public var changedSums: [(group: ReplicateGroup, quantity: ReplicateQuantity, sums: ReplicateSums?)]? {
        guard let changedSlots else { return nil }
        return changedSlots.sorted().map { slot in
            let key = slotKeys[slot]
            return (key.group, key.quantity, nonzeros[slot] != 0 || totals[slot] != 0 ? entry(slot) : nil)
        }
    }

    public init(replicates: Int, sums: [ReplicateGroup: [ReplicateQuantity: ReplicateSums]]) {
        self.replicates = replicates
        for (group, quantities) in sums {
            for (quantity, entry) in quantities {
                let slot = self.slot(group, quantity)
                totals[slot] = entry.total
                nonzeros[slot] = entry.nonzero
                let base = slot * replicates
                for index in 0..<min(replicates, entry.replicates.count) { storage[base + index] = entry.replicates[index] }
            }
        }
    }

    /// Every non-empty sum, by group and quantity.
    public var sums: [ReplicateGroup: [ReplicateQuantity: ReplicateSums]] {
        var result: [ReplicateGroup: [ReplicateQuantity: ReplicateSums]] = [:]
        for (group, quantities) in slots {
            for (quantity, slot) in quantities where nonzeros[slot] != 0 || totals[slot] != 0 {
                result[group, default: [:]][quantity] = entry(slot)
            }
        }
        return result
    }

    private func entry(_ slot: Int) -> ReplicateSums {
        ReplicateSums(total: totals[slot], nonzero: nonzeros[slot], replicates: Array(storage[(slot * replicates)..<((slot + 1) * replicates)]))
    }

    private mutating func slot(_ group: ReplicateGroup, _ quantity: ReplicateQuantity) -> Int {
        if let slot = slots[group]?[quantity] { return slot }
        let slot = totals.count
        slots[group, default: [:]][quantity] = slot
        slotKeys.append((group, quantity))
        totals.append(0)
        nonzeros.append(0)
        storage.append(contentsOf: repeatElement(0, count: replicates))
        return slot
    }

    /// Adds an article (with its weights, drawn when not given).
    public mutating func add(_ article: ArticleContribution, weights: [UInt8]? = nil) {
        apply(article, weights: weights ?? PoissonWeights.weights(articleID: article.articleID, replicates: replicates), sign: 1)
    }

    /// Removes an article that was added.
    public mutating func remove(_ article: ArticleContribution, weights: [UInt8]? = nil) {
        apply(article, weights: weights ?? PoissonWeights.weights(articleID: article.articleID, replicates: replicates), sign: -1)
    }

    private mutating func apply(_ article: ArticleContribution, weights: [UInt8], sign: Int64) {
        for part in article.parts {
            for (quantity, value) in part.values { update(slot(part.group, quantity), value, weights, sign) }
        }
    }

    private mutating func update(_ slot: Int, _ value: Int64, _ weights: [UInt8], _ sign: Int64) {
        changedSlots?.insert(slot)
        totals[slot] &+= sign &* value
        nonzeros[slot] += Int(sign)
        let signed = sign &* value
        let base = slot * replicates
        let count = min(replicates, weights.count)
        storage.withUnsafeMutableBufferPointer { sums in
            weights.withUnsafeBufferPointer { weights in
                for index in 0..<count { sums[base + index] &+= Int64(weights[index]) &* signed }
            }
        }
    }

    /// Adds another accumulator's sums (of other articles).
    public mutating func merge(_ other: ReplicateAccumulator) {
        for (group, quantities) in other.slots {
            for (quantity, theirs) in quantities {
                let mine = slot(group, quantity)
                changedSlots?.insert(mine)
                totals[mine] &+= other.totals[theirs]
                nonzeros[mine] += other.nonzeros[theirs]
                let base = mine * replicates
                let otherBase = theirs * other.replicates
                for index in 0..<min(replicates, other.replicates) { storage[base + index] &+= other.storage[otherBase + index] }
            }
        }
    }

    /// The sums of one quantity of a group, nil when no article has it.
    public func sums(_ group: ReplicateGroup, _ quantity: ReplicateQuantity) -> ReplicateSums? {
        guard let slot = slots[group]?[quantity], nonzeros[slot] != 0 || totals[slot] != 0 else { return nil }
        return entry(slot)
    }

    /// The replicate sums of one quantity of a group handed to `body` without copying (nil when none).
    func withReplicates<T>(_ group: ReplicateGroup, _ quantity: ReplicateQuantity, _ body: (UnsafeBufferPointer<Int64>?) -> T) -> T {
        guard let slot = slots[group]?[quantity] else { return body(nil) }
        return storage.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[(slot * replicates)..<((slot + 1) * replicates)]))
        }
    }

    /// The accumulator of a corpus, built article by article on `jobs` threads and merged.
    public static func build(_ contributions: [ArticleContribution], replicates: Int, jobs: Int = Parallel.availableCores) -> ReplicateAccumulator {
        let slices = max(1, min(jobs, contributions.count / 64 + 1))
        let size = (contributions.count + slices - 1) / max(slices, 1)
        let parts = Parallel.map(Array(0..<slices), jobs: jobs) { slice -> ReplicateAccumulator in
            var part = ReplicateAccumulator(replicates: replicates)
            let start = slice * size
            for index in start..<min(start + size, contributions.count) { part.add(contributions[index]) }
            return part
        }
        var whole = ReplicateAccumulator(replicates: replicates)
        for part in parts { whole.merge(part) }
        return whole
    }
}

/// A ratio of kept sums: Σ coefficient × numerator quantity / denominator quantity, in one group.
public struct ReplicateRatio: Sendable {
    public var numerator: [(ReplicateQuantity, Int64)]
    public var denominator: ReplicateQuantity

    public init(numerator: [(ReplicateQuantity, Int64)], denominator: ReplicateQuantity) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public static func simple(_ numerator: ReplicateQuantity, over denominator: ReplicateQuantity) -> ReplicateRatio {
        ReplicateRatio(numerator: [(numerator, 1)], denominator: denominator)
    }

    /// The 95% percentile interval of the ratio × `scale` over the replicates (nil when fewer than half
    /// of them have a denominator).
    public func interval(_ accumulator: ReplicateAccumulator, group: ReplicateGroup, scale: Double) -> Interval? {
        BootstrapPlan.percentileInterval(replicateRatios(accumulator, group: group, scale: scale))
    }

    /// The ratio in each replicate × `scale` (nil where the replicate's denominator is zero).
    func replicateRatios(_ accumulator: ReplicateAccumulator, group: ReplicateGroup, scale: Double) -> [Double?] {
        let count = accumulator.replicates
        var top = [Int64](repeating: 0, count: count)
        for (quantity, coefficient) in numerator {
            accumulator.withReplicates(group, quantity) { sums in
                guard let sums else { return }
                for index in 0..<count { top[index] &+= coefficient &* sums[index] }
            }
        }
        return accumulator.withReplicates(group, denominator) { bottom -> [Double?] in
            guard let bottom else { return [Double?](repeating: nil, count: count) }
            return (0..<count).map { index in bottom[index] > 0 ? Double(top[index]) / Double(bottom[index]) * scale : nil }
        }
    }
}
