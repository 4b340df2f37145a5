import SlantCore

/// A lexicon: what the tag stage looks for. See `lexicons/README.md` for the file format.
public struct Lexicon: Sendable {
    /// Terminology (competing names with stances) or loaded language (categories with weights).
    public enum Kind: String, Sendable, CaseIterable {
        case terminology
        case loaded
    }

    /// What a loaded-kind lexicon measures. Each is reported apart and never summed with another:
    /// loaded language is emotive and pejorative wording; epistemic framing is the verbs of saying
    /// and hedges that cast doubt on or lend credit to a claim; labels are names for actors whose
    /// value depends on who they are applied to.
    public enum Measure: String, Sendable, CaseIterable {
        case loadedLanguage = "loaded-language"
        case epistemicFraming = "epistemic-framing"
        case labels
    }

    /// The two stances a terminology lexicon's stance index opposes: the index is the share of
    /// `positive` terms minus the share of `negative` terms, from −1 to +1.
    public struct StanceIndex: Sendable, Hashable {
        public var negative: String
        public var positive: String

        public init(negative: String, positive: String) {
            self.negative = negative
            self.positive = positive
        }
    }

    public var id: String
    public var kind: Kind
    /// For a loaded-kind lexicon, what it measures (default: loaded language); nil for terminology.
    public var measure: Measure?
    /// For a terminology lexicon, the stances its index opposes; nil when it declares none.
    public var stanceIndex: StanceIndex?
    public var version: Int
    public var languages: [String]
    public var description: String?
    /// The file it was read from, as given.
    public var path: String
    /// SHA-256 of the file's bytes, recorded in every report.
    public var digest: ContentDigest
    /// Whether "Dağlıq" also matches "Daglig".
    public var diacriticsInsensitive: Bool
    /// Stance identifiers with their descriptions, in file order.
    public var stances: [(id: String, label: String)]
    public var families: [Family]
    public var categories: [Category]

    public init(
        id: String, kind: Kind, version: Int, languages: [String] = [], description: String? = nil, path: String,
        digest: ContentDigest, diacriticsInsensitive: Bool = false, stances: [(id: String, label: String)] = [],
        families: [Family] = [], categories: [Category] = [], measure: Measure? = nil, stanceIndex: StanceIndex? = nil
    ) {
        self.id = id
        self.kind = kind
        self.measure = kind == .loaded ? (measure ?? .loadedLanguage) : nil
        self.stanceIndex = stanceIndex
        self.version = version
        self.languages = languages
        self.description = description
        self.path = path
        self.digest = digest
        self.diacriticsInsensitive = diacriticsInsensitive
        self.stances = stances
        self.families = families
        self.categories = categories
    }

    /// A group of competing names answering one question ("What does the outlet call the region?").
    public struct Family: Sendable {
        public var id: String
        public var question: String?
        public var terms: [Term]

        public init(id: String, question: String?, terms: [Term]) {
            self.id = id
            self.question = question
            self.terms = terms
        }
    }

    /// One name of a family, with whose naming it is and how it is written.
    public struct Term: Sendable {
        public var term: String
        public var stance: String
        public var variants: [Pattern]
        public var source: String?
        public var context: ContextRules

        public init(term: String, stance: String, variants: [Pattern], source: String?, context: ContextRules = ContextRules()) {
            self.term = term
            self.stance = stance
            self.variants = variants
            self.source = source
            self.context = context
        }
    }

    /// A category of loaded language ("violence-atrocity").
    public struct Category: Sendable {
        public var id: String
        public var label: String?
        public var description: String?
        public var basis: String?
        public var entries: [Entry]

        public init(id: String, label: String?, description: String?, basis: String?, entries: [Entry]) {
            self.id = id
            self.label = label
            self.description = description
            self.basis = basis
            self.entries = entries
        }
    }

    /// One loaded word or phrase, with its weight.
    public struct Entry: Sendable {
        public var entry: String
        public var weight: Double
        public var variants: [Pattern]
        public var context: ContextRules
        /// Further categories of the lexicon the entry belongs to (`also_in:`): a hit counts in each
        /// of their rates, and once in the lexicon's.
        public var alsoIn: [String]

        public init(entry: String, weight: Double, variants: [Pattern], context: ContextRules = ContextRules(), alsoIn: [String] = []) {
            self.entry = entry
            self.weight = weight
            self.variants = variants
            self.context = context
            self.alsoIn = alsoIn
        }
    }

    /// Words that rule a match out when they come right after (`notBefore`) or right before (`notAfter`) it.
    public struct ContextRules: Sendable {
        public var notBefore: [Pattern]
        public var notAfter: [Pattern]

        public init(notBefore: [Pattern] = [], notAfter: [Pattern] = []) {
            self.notBefore = notBefore
            self.notAfter = notAfter
        }

        public var isEmpty: Bool { notBefore.isEmpty && notAfter.isEmpty }
    }
}

/// A variant as written in a lexicon ("Nagorno Karabakh", "separatis*"), with its normalised words.
public struct Pattern: Sendable, Hashable {
    public var text: String
    public var words: [PatternWord]

    public init(text: String, words: [PatternWord]) {
        self.text = text
        self.words = words
    }
}

/// One normalised word of a pattern; a prefix word matches any word that starts with it.
/// A context word (written in `[...]` at either end of a pattern) must be there for the
/// pattern to match but is not part of the match: `claims [that]` matches "claims" only
/// when "that" follows.
public struct PatternWord: Sendable, Hashable {
    public var text: String
    public var isPrefix: Bool
    public var isContext: Bool

    public init(_ text: String, isPrefix: Bool = false, isContext: Bool = false) {
        self.text = text
        self.isPrefix = isPrefix
        self.isContext = isContext
    }
}
