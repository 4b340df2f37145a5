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
    /// The lexicon-wide distancing qualifiers (each family's effective list is in ``Family/qualifiers``).
    public var qualifiers: Qualifiers
    /// Words that tie a sentence to the lexicon's topic (the conflict's region, places and parties),
    /// for ``ContextRequirement/commentAnchorWithin``.
    public var anchors: [Pattern]

    public init(
        id: String, kind: Kind, version: Int, languages: [String] = [], description: String? = nil, path: String,
        digest: ContentDigest, diacriticsInsensitive: Bool = false, stances: [(id: String, label: String)] = [],
        families: [Family] = [], categories: [Category] = [], measure: Measure? = nil, stanceIndex: StanceIndex? = nil,
        qualifiers: Qualifiers = Qualifiers(), anchors: [Pattern] = []
    ) {
        self.qualifiers = qualifiers
        self.anchors = anchors
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
        /// The distancing qualifiers that apply to this family's terms: the lexicon's, unless the
        /// family says `inherit: false`, and the family's own.
        public var qualifiers: Qualifiers
        /// Whether the family's terms are predicates or evaluations ("occupied", "genocide") that a
        /// negator can negate; names never are.
        public var negatable: Bool
        /// Whether a match of this family also counts where it overlaps a match of another family
        /// ("Artsakh" inside "occupation of Artsakh"); otherwise a span counts in one family only.
        public var sharesSpans: Bool
        /// What must surround a match of the family for it to count.
        public var requirement: ContextRequirement

        public init(
            id: String, question: String?, terms: [Term], qualifiers: Qualifiers = Qualifiers(), negatable: Bool = false,
            sharesSpans: Bool = false, requirement: ContextRequirement = ContextRequirement()
        ) {
            self.id = id
            self.question = question
            self.terms = terms
            self.qualifiers = qualifiers
            self.negatable = negatable
            self.sharesSpans = sharesSpans
            self.requirement = requirement
        }
    }

    /// Distancing qualifiers: words that mark a name as someone else's or its status as unrecognised
    /// ("so-called", "self-proclaimed", "what … call", "also known as"). A term they qualify is
    /// `distanced`: mentioned, not adopted.
    public struct Qualifiers: Sendable {
        /// Qualifiers that come right before the term (articles and quotation marks may stand
        /// between): "the self-proclaimed NKR", "what Armenians call Artsakh".
        public var before: [Pattern]
        /// Qualifiers that come right after the term (a comma or an opening bracket may stand
        /// between): "Stepanakert, as Armenians call it".
        public var after: [Pattern]
        /// Words that keep a qualifier from distancing when they come right before it: a first-person
        /// subject adopts the name ("we call it Artsakh"), where "Armenians call it Artsakh" mentions it.
        public var notAfter: [Pattern]

        public init(before: [Pattern] = [], after: [Pattern] = [], notAfter: [Pattern] = []) {
            self.before = before
            self.after = after
            self.notAfter = notAfter
        }

        public var isEmpty: Bool { before.isEmpty && after.isEmpty }
    }

    /// What must surround a match for it to count: words in its sentence or paragraph, the
    /// article's publication date and, in a reader comment, an anchor nearby. Every rule given must hold.
    public struct ContextRequirement: Sendable {
        /// Words of which at least one (`near`) or none (`notNear`) occurs in a unit of text
        /// around the match (outside the match itself).
        public struct Words: Sendable {
            public var near: [Pattern]
            public var notNear: [Pattern]

            public init(near: [Pattern] = [], notNear: [Pattern] = []) {
                self.near = near
                self.notNear = notNear
            }

            public var isEmpty: Bool { near.isEmpty && notNear.isEmpty }
        }

        public var sentence: Words
        public var paragraph: Words
        public var published: DateRange?
        /// In a reader comment only (`comment: {anchor_within: N}`): one of the lexicon's ``Lexicon/anchors``
        /// must occur in the match's sentence at most this many words before or after it (or within
        /// it). A comment is a text of its own: it does not inherit the article's topic, so a generic
        /// word ("occupied", "genocide") counts only where the comment ties it to the conflict.
        public var commentAnchorWithin: Int?

        public init(sentence: Words = Words(), paragraph: Words = Words(), published: DateRange? = nil, commentAnchorWithin: Int? = nil) {
            self.sentence = sentence
            self.paragraph = paragraph
            self.published = published
            self.commentAnchorWithin = commentAnchorWithin
        }

        public var isEmpty: Bool { sentence.isEmpty && paragraph.isEmpty && published == nil && commentAnchorWithin == nil }
    }

    /// A range of publication dates, as days written `yyyymmdd` (20230919), both ends included.
    public struct DateRange: Sendable, Hashable {
        public var from: Int?
        public var to: Int?
        /// Whether an article without a (readable) publication date counts.
        public var includesUndated: Bool

        public init(from: Int? = nil, to: Int? = nil, includesUndated: Bool = false) {
            self.from = from
            self.to = to
            self.includesUndated = includesUndated
        }

        public func contains(_ day: Int?) -> Bool {
            guard let day else { return includesUndated }
            if let from, day < from { return false }
            if let to, day > to { return false }
            return true
        }

        /// The day of an ISO 8601 date or timestamp (`2023-09-19`, `2023-09-19T10:00:00Z`) as `yyyymmdd`, if valid.
        public static func day(_ text: String?) -> Int? {
            guard let text else { return nil }
            let bytes = Array(text.utf8.prefix(10))
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for byte in bytes[range] {
                    guard byte >= 0x30, byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month),
                (1...31).contains(day), year >= 1
            else { return nil }
            if text.utf8.count > 10, let next = text.utf8.dropFirst(10).first, next != UInt8(ascii: "T"), next != UInt8(ascii: " ") {
                return nil
            }
            return year * 10000 + month * 100 + day
        }
    }

    /// One name of a family, with whose naming it is and how it is written.
    public struct Term: Sendable {
        public var term: String
        public var stance: String
        public var variants: [Pattern]
        public var source: String?
        public var context: ContextRules
        /// What must surround a match of this term (in addition to its family's requirement).
        public var requirement: ContextRequirement

        public init(
            term: String, stance: String, variants: [Pattern], source: String?, context: ContextRules = ContextRules(),
            requirement: ContextRequirement = ContextRequirement()
        ) {
            self.term = term
            self.stance = stance
            self.variants = variants
            self.source = source
            self.context = context
            self.requirement = requirement
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
/// when "that" follows. A gap (written `...` inside a qualifier: `what ... call*`) stands for
/// one to ``PatternWord/maximumGap`` words of any kind.
public struct PatternWord: Sendable, Hashable {
    /// The most words a gap stands for.
    public static let maximumGap = 4

    public var text: String
    public var isPrefix: Bool
    public var isContext: Bool
    public var isGap: Bool

    public init(_ text: String, isPrefix: Bool = false, isContext: Bool = false, isGap: Bool = false) {
        self.text = text
        self.isPrefix = isPrefix
        self.isContext = isContext
        self.isGap = isGap
    }
}
