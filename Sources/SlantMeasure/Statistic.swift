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
        /// Weighted loaded-language hits per 1,000 tokens of a voice.
        case loadedRate = "loaded-rate"
        /// The same, for one category.
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
    }

    /// Stable across runs and machines: derived from what the statistic is, never from its position.
    public var id: String
    public var kind: Kind
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
    /// For contrasts: the kind of the measure compared.
    public var measure: Kind?
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
        id: String, kind: Kind, label: String, outlet: String? = nil, otherOutlet: String? = nil, voice: VoiceKey? = nil,
        family: String? = nil, term: String? = nil, stance: String? = nil, category: String? = nil, word: String? = nil,
        measure: Kind? = nil, value: Double?, unit: String, interval: Interval? = nil, articles: Int, occurrences: Double,
        total: Double, pValue: Double? = nil, qValue: Double? = nil, logRatio: Double? = nil, sufficient: Bool,
        note: String? = nil, firstDate: String? = nil, lastDate: String? = nil, period: String? = nil,
        evidence: EvidenceSelection = EvidenceSelection()
    ) {
        self.id = id
        self.kind = kind
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
