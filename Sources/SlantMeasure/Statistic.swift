import SlantCore

/// A reference from a statistic to one tagged occurrence behind it.
public struct EvidenceReference: Sendable, Hashable, Codable {
    /// The article's id.
    public var article: String
    /// Index into that article's `evidence`.
    public var index: Int

    public init(article: String, index: Int) {
        self.article = article
        self.index = index
    }
}

/// The evidence of a statistic: the first references, and how many there are in all.
public struct EvidenceSelection: Sendable, Hashable {
    public var references: [EvidenceReference] = []
    public var total = 0

    public init(references: [EvidenceReference] = [], total: Int = 0) {
        self.references = references
        self.total = total
    }
}

/// One figure of a report, with everything needed to cite it and check it.
public struct Statistic: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// Weighted hits of a loaded-language lexicon per 1,000 tokens of a voice.
        case loadedRate = "loaded-rate"
        /// The same, for an epistemic-framing lexicon.
        case epistemicRate = "epistemic-rate"
        /// The same, for a labels lexicon.
        case labelRate = "label-rate"
        /// The same, for one category of a loaded-kind lexicon.
        case categoryRate = "category-rate"
        /// Occurrences of a term / occurrences of its family, in a voice.
        case termShare = "term-share"
        /// Occurrences of terms of one stance / all term occurrences, in a voice.
        case stanceShare = "stance-share"
        /// Share of the second declared stance minus share of the first (−1…+1).
        case stanceIndex = "stance-index"
        /// The difference of a measure between two outlets.
        case contrast
        /// A word an outlet uses more than the rest of the corpus (Dunning G²).
        case keyness
        /// The share of a voice's sentences a sentence model predicts loaded.
        case modelRate = "model-rate"
        /// How well the instrument does on this corpus, from a coded sample (`slant validate`):
        /// precision, recall, accuracy of voice, speaker and stance, agreement (``Statistic/metric``).
        case validity
        /// The share of an outlet's article tokens of one origin: own writing, republished, agency copy.
        case originShare = "origin-share"
        /// A lexicon's authorial figure of an outlet over another scope of text than the report's
        /// default (``Statistic/metric``: `all-text` or `own-writing`; ``Statistic/measure``: the figure's kind).
        case originScope = "origin-scope"

        /// A rate of weighted hits per 1,000 tokens (of a whole loaded-kind lexicon).
        public var isLexiconRate: Bool { self == .loadedRate || self == .epistemicRate || self == .labelRate }
    }

    /// Stable across runs and machines: derived from what the statistic is, never from its position.
    public var id: String
    /// Other IDs that name this statistic: the ID without its lexicon segment
    /// (`loaded-rate/<outlet>/<voice>`), when no other statistic of the report would have it.
    public var aliases: [String]
    public var kind: Kind
    /// The lexicon measured (nil for keyness).
    public var lexicon: String?
    /// What that lexicon measures.
    public var lexiconMeasure: MeasureKind?
    /// What was measured, in words ("Loaded-language rate, authorial voice").
    public var label: String
    public var outlet: String?
    /// The second outlet of a contrast.
    public var otherOutlet: String?
    public var voice: VoiceKey?
    public var family: String?
    public var term: String?
    public var stance: String?
    public var category: String?
    public var word: String?
    /// For contrasts and origin scopes: the kind of the measure compared.
    public var measure: Kind?
    /// Validity: what is measured (`precision`, `recall`, `voice-accuracy`, `speaker-accuracy`,
    /// `stance-accuracy`, `krippendorff-alpha`, `cohen-kappa`); origin scopes: the scope of text.
    public var metric: String?
    public var value: Double?
    public var unit: String
    public var interval: Interval?
    /// Articles contributing (for a contrast: both outlets together).
    public var articles: Int
    /// The count behind the value: hits, occurrences, or the word's frequency.
    public var occurrences: Double
    /// The denominator: tokens, or the family's occurrences.
    public var total: Double
    public var pValue: Double?
    /// Benjamini–Hochberg adjusted p-value across the report's contrasts.
    public var qValue: Double?
    /// Keyness only: Hardie's log ratio.
    public var logRatio: Double?
    /// False when the data are too few for the figure to be relied on.
    public var sufficient: Bool
    /// Why the figure is not sufficient, or other caveats.
    public var note: String?
    public var firstDate: String?
    public var lastDate: String?
    /// For a figure of one calendar month (a time series point): the month, `YYYY-MM`; nil for the whole corpus.
    public var period: String?
    /// The first occurrences behind the figure (at most ``StatisticsPolicy/evidencePerStatistic``)…
    public var evidence: [EvidenceReference]
    /// …and how many there are in all (`data/evidence.csv` lists every one).
    public var evidenceTotal: Int

    public init(
        id: String, aliases: [String] = [], kind: Kind, lexicon: String? = nil, lexiconMeasure: MeasureKind? = nil,
        label: String, outlet: String? = nil, otherOutlet: String? = nil, voice: VoiceKey? = nil,
        family: String? = nil, term: String? = nil, stance: String? = nil, category: String? = nil, word: String? = nil,
        measure: Kind? = nil, value: Double?, unit: String, interval: Interval? = nil, articles: Int, occurrences: Double,
        total: Double, pValue: Double? = nil, qValue: Double? = nil, logRatio: Double? = nil, sufficient: Bool,
        note: String? = nil, firstDate: String? = nil, lastDate: String? = nil, period: String? = nil,
        evidence: EvidenceSelection = EvidenceSelection(), metric: String? = nil
    ) {
        self.id = id
        self.aliases = aliases
        self.kind = kind
        self.lexicon = lexicon
        self.lexiconMeasure = lexiconMeasure
        self.label = label
        self.outlet = outlet
        self.otherOutlet = otherOutlet
        self.voice = voice
        self.family = family
        self.term = term
        self.stance = stance
        self.category = category
        self.word = word
        self.measure = measure
        self.metric = metric
        self.value = value
        self.unit = unit
        self.interval = interval
        self.articles = articles
        self.occurrences = occurrences
        self.total = total
        self.pValue = pValue
        self.qValue = qValue
        self.logRatio = logRatio
        self.sufficient = sufficient
        self.note = note
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.period = period
        self.evidence = evidence.references
        self.evidenceTotal = evidence.total
    }

    private enum CodingKeys: String, CodingKey {
        case id, aliases, kind, lexicon, lexiconMeasure, label, outlet, otherOutlet, voice, family, term, stance, category, word
        case measure, metric, value, unit, interval, articles, occurrences, total, pValue, qValue, logRatio, sufficient, note
        case firstDate, lastDate, period, evidence, evidenceTotal
    }

    /// Reads what earlier versions stored too (no aliases, no lexicon).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        kind = try container.decode(Kind.self, forKey: .kind)
        lexicon = try container.decodeIfPresent(String.self, forKey: .lexicon)
        lexiconMeasure = try container.decodeIfPresent(MeasureKind.self, forKey: .lexiconMeasure)
        label = try container.decode(String.self, forKey: .label)
        outlet = try container.decodeIfPresent(String.self, forKey: .outlet)
        otherOutlet = try container.decodeIfPresent(String.self, forKey: .otherOutlet)
        voice = try container.decodeIfPresent(VoiceKey.self, forKey: .voice)
        family = try container.decodeIfPresent(String.self, forKey: .family)
        term = try container.decodeIfPresent(String.self, forKey: .term)
        stance = try container.decodeIfPresent(String.self, forKey: .stance)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        word = try container.decodeIfPresent(String.self, forKey: .word)
        measure = try container.decodeIfPresent(Kind.self, forKey: .measure)
        metric = try container.decodeIfPresent(String.self, forKey: .metric)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        unit = try container.decode(String.self, forKey: .unit)
        interval = try container.decodeIfPresent(Interval.self, forKey: .interval)
        articles = try container.decode(Int.self, forKey: .articles)
        occurrences = try container.decode(Double.self, forKey: .occurrences)
        total = try container.decode(Double.self, forKey: .total)
        pValue = try container.decodeIfPresent(Double.self, forKey: .pValue)
        qValue = try container.decodeIfPresent(Double.self, forKey: .qValue)
        logRatio = try container.decodeIfPresent(Double.self, forKey: .logRatio)
        sufficient = try container.decode(Bool.self, forKey: .sufficient)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        firstDate = try container.decodeIfPresent(String.self, forKey: .firstDate)
        lastDate = try container.decodeIfPresent(String.self, forKey: .lastDate)
        period = try container.decodeIfPresent(String.self, forKey: .period)
        evidence = try container.decode([EvidenceReference].self, forKey: .evidence)
        evidenceTotal = try container.decode(Int.self, forKey: .evidenceTotal)
    }
}

/// The slugs of one set of names (outlets, the terms of a family, ...), unique within the set: a name
/// whose slug no other name of the set shares keeps it; names that share one ("Outlet C" and
/// "Outlet-C") each get it with a suffix of the SHA-256 of the exact name (`outlet-c-5f1a2b`), so
/// that which name gets which slug never depends on the order they come in, and a citation of the
/// shared slug never silently names one of them.
public struct SlugTable: Sendable {
    private var slugs: [String: String] = [:]
    /// Slugs that several names share, with those names (sorted).
    public private(set) var collisions: [(slug: String, names: [String])] = []

    public init<Names: Sequence>(_ names: Names) where Names.Element == String {
        var byNatural: [String: Set<String>] = [:]
        for name in names { byNatural[Slug.make(name), default: []].insert(name) }
        var taken = Set(byNatural.keys)
        for natural in byNatural.keys.sorted() {
            let group = (byNatural[natural] ?? []).sorted()
            guard group.count > 1 else {
                if let name = group.first { slugs[name] = natural }
                continue
            }
            collisions.append((natural, group))
            for name in group {
                let digest = ContentDigest(ofParts: [name]).hex
                var length = 6
                var slug = natural + "-" + digest.prefix(length)
                while taken.contains(slug), length < digest.count {
                    length += 2
                    slug = natural + "-" + digest.prefix(length)
                }
                taken.insert(slug)
                slugs[name] = slug
            }
        }
    }

    /// The slug of a name of the set (a name outside it gets its plain slug).
    public func slug(_ name: String) -> String { slugs[name] ?? Slug.make(name) }
}

/// Statistic IDs are built from slugs of their parts: lower case, runs of anything
/// but letters and digits turned into one `-`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || (scalar.value >= 0x30 && scalar.value <= 0x39) {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return result.isEmpty ? "x" : result
    }
}
