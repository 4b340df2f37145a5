import SlantCore

/// What a measure is: the terminology of a lexicon, or one of the three kinds of loaded-kind
/// lexicon. Each lexicon is its own measure; the three loaded kinds are reported apart and no
/// figure adds one to another.
public enum MeasureKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Competing names with stances: term shares, stance shares, a stance index.
    case terminology
    /// Emotive, pejorative, violent and fear framing, name-calling.
    case loadedLanguage = "loaded-language"
    /// Verbs of saying and hedges that cast doubt on a claim or lend it credit.
    case epistemicFraming = "epistemic-framing"
    /// Names for actors whose value depends on who they are applied to.
    case labels

    /// The loaded kinds, in the order the reports show them.
    public static let loadedKinds: [MeasureKind] = [.loadedLanguage, .epistemicFraming, .labels]

    /// The statistic kind of a loaded kind's rate.
    public var rateKind: Statistic.Kind? {
        switch self {
        case .terminology: nil
        case .loadedLanguage: .loadedRate
        case .epistemicFraming: .epistemicRate
        case .labels: .labelRate
        }
    }

    /// "loaded-language rate", "epistemic-framing rate", "label rate".
    public var rateName: String {
        switch self {
        case .terminology: "stance index"
        case .loadedLanguage: "loaded-language rate"
        case .epistemicFraming: "epistemic-framing rate"
        case .labels: "label rate"
        }
    }

    /// The heading of the measure in a report.
    public var title: String {
        switch self {
        case .terminology: "Terminology"
        case .loadedLanguage: "Loaded language"
        case .epistemicFraming: "Epistemic framing"
        case .labels: "Labels"
        }
    }

    /// What the measure means, in a sentence, for the report.
    public var meaning: String {
        switch self {
        case .terminology:
            "Which of a family's competing names an outlet uses, and the balance between the two stances its lexicon opposes."
        case .loadedLanguage:
            "Emotive, pejorative, violent and fear framing and name-calling: wording that loads a sentence beyond neutral reporting."
        case .epistemicFraming:
            "Verbs of saying and hedges that cast doubt on a claim or lend it credit (claimed, alleged, admitted, insisted, so-called): how an outlet frames what others say, not whether its own wording is loaded."
        case .labels:
            "Names for actors (terrorist, regime, militant, separatist) whose value depends on who they are applied to: a count of labelling, right or wrong depending on the referent."
        }
    }
}

/// What the lexicons say that the statistics need (the aggregate stage does not read lexicons itself).
public struct LexiconFacts: Sendable, Hashable {
    /// One lexicon, as the statistics see it.
    public struct Lexicon: Sendable, Hashable {
        public var id: String
        public var version: Int
        /// "karabakh-terminology v1 (43791fff75fb7203)": for citations.
        public var label: String
        public var measure: MeasureKind
        /// The languages the lexicon covers (primary subtags, lower case); empty: every article.
        public var languages: [String]
        /// Terminology: the stances in declared order.
        public var stances: [String]
        /// Terminology: the two stances its stance index opposes, when it declares them.
        public var stanceIndex: StanceSides?
        /// Terminology: family id → its question.
        public var familyQuestions: [String: String]
        /// Loaded kinds: category id → its label, and the categories in file order.
        public var categoryLabels: [String: String]
        public var categories: [String]

        public init(
            id: String, version: Int = 1, label: String? = nil, measure: MeasureKind, languages: [String] = [],
            stances: [String] = [], stanceIndex: StanceSides? = nil, familyQuestions: [String: String] = [:],
            categoryLabels: [String: String] = [:], categories: [String] = []
        ) {
            self.id = id
            self.version = version
            self.label = label ?? "\(id) v\(version)"
            self.measure = measure
            self.languages = languages.map(LanguageCode.primary)
            self.stances = stances
            self.stanceIndex = stanceIndex
            self.familyQuestions = familyQuestions
            self.categoryLabels = categoryLabels
            self.categories = categories
        }

        /// Whether the lexicon covers an article in this language: a lexicon that declares no languages
        /// covers every article; one that declares some covers the articles in one of them, and not
        /// the articles whose language is unknown (a Russian or Spanish article the cleaner could not
        /// identify must not lower an English lexicon's rate).
        public func covers(language: String?) -> Bool {
            guard !languages.isEmpty else { return true }
            guard let language, !language.isEmpty else { return false }
            return languages.contains(LanguageCode.primary(language))
        }
    }

    /// The two sides of a stance index: the index is the share of `positive` terms minus the share of `negative` ones.
    public struct StanceSides: Sendable, Hashable {
        public var negative: String
        public var positive: String

        public init(negative: String, positive: String) {
            self.negative = negative
            self.positive = positive
        }
    }

    /// The lexicons in configuration order.
    public var lexicons: [Lexicon]
    /// The sentence models (`models:`) in configuration order: each an extra measure of its own.
    public var models: [SentenceModelFacts] = []

    public init(lexicons: [Lexicon] = []) {
        self.lexicons = lexicons
    }

    /// Lexicon labels for citations.
    public var labels: [String] { lexicons.map(\.label) }

    public func lexicon(_ id: String) -> Lexicon? { lexicons.first { $0.id == id } }

    /// The lexicons of one measure kind, in configuration order.
    public func lexicons(_ measure: MeasureKind) -> [Lexicon] { lexicons.filter { $0.measure == measure } }
}

/// Language tags as lexicons and articles give them (`en`, `en-GB`, `EN_us`): compared by primary subtag.
public enum LanguageCode {
    public static func primary(_ tag: String) -> String {
        let lower = tag.lowercased()
        return String(lower.prefix { $0 != "-" && $0 != "_" })
    }
}
