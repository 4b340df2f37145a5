/// An article with its body, its headline and standfirst, and each reader comment segmented into
/// sentences and tokens.
public struct SegmentedArticle: Sendable {
    public var article: Article
    public var body: TextLayer
    /// One layer per comment, in the order of `article.comments`.
    public var comments: [TextLayer]
    /// The headline (`article.metadata.title`) as a text of its own; nil when the article has none,
    /// or when its body already begins with it (never analysed twice).
    public var headline: TextLayer?
    /// The standfirst (`article.metadata.standfirst`), likewise.
    public var standfirst: TextLayer?

    public init(
        article: Article, body: TextLayer, comments: [TextLayer], headline: TextLayer? = nil, standfirst: TextLayer? = nil
    ) {
        self.article = article
        self.body = body
        self.comments = comments
        self.headline = headline
        self.standfirst = standfirst
    }

    /// The layer of a headline part, when the article has it.
    public func layer(_ part: HeadlinePart) -> TextLayer? {
        switch part {
        case .headline: headline
        case .standfirst: standfirst
        }
    }
}

/// Where a match was found and in whose voice.
public struct MatchContext: Sendable, Hashable, Codable {
    /// UTF-8 offset of the match in its text (the body, the comment given by `comment`, or the
    /// headline or standfirst given by `headlinePart`).
    public var start: Int
    public var end: Int
    /// Index of the sentence in that text.
    public var sentence: Int
    public var voice: Voice
    /// Who says it, for quoted and attributed voice, when it can be found.
    public var speaker: String?
    /// Mentioned, not adopted: in scare quotes inside the outlet's own sentence, or named with a
    /// distancing qualifier ("the self-proclaimed NKR", "what Armenians call Artsakh").
    public var distanced: Bool
    /// Negated: a negator governs the match ("was never occupied"); only predicates and evaluations
    /// are ever negated, never names.
    public var negated: Bool
    /// Index into the article's comments when the match is in a reader comment.
    public var comment: Int?
    /// The distancing qualifier as written ("self-proclaimed", "what Armenians call"), when one
    /// made the match `distanced`; nil for scare quotes and for matches that are not distanced.
    public var qualifier: String?
    /// The headline or standfirst, when the match is in one (its voice is then `headline`).
    public var headlinePart: HeadlinePart?

    public init(
        start: Int, end: Int, sentence: Int, voice: Voice, speaker: String? = nil, distanced: Bool = false,
        negated: Bool = false, comment: Int? = nil, qualifier: String? = nil, headlinePart: HeadlinePart? = nil
    ) {
        self.start = start
        self.end = end
        self.sentence = sentence
        self.voice = voice
        self.speaker = speaker
        self.distanced = distanced
        self.negated = negated
        self.comment = comment
        self.qualifier = qualifier
        self.headlinePart = headlinePart
    }
}

/// A terminology match: which of a family's competing names the text uses.
public struct TermMatch: Sendable, Hashable, Codable {
    /// The id of the lexicon that matched.
    public var lexicon: String
    public var family: String
    /// The canonical term (`Artsakh`).
    public var term: String
    /// Whose naming the term is (`armenian`, `azerbaijani`, `neutral`).
    public var stance: String
    /// The text as written.
    public var text: String
    public var context: MatchContext

    public init(lexicon: String = "", family: String, term: String, stance: String, text: String, context: MatchContext) {
        self.lexicon = lexicon
        self.family = family
        self.term = term
        self.stance = stance
        self.text = text
        self.context = context
    }
}

/// A loaded-language match: a word or phrase of a loaded-language lexicon.
public struct LoadedMatch: Sendable, Hashable, Codable {
    /// The id of the lexicon that matched.
    public var lexicon: String
    public var text: String
    /// The lexicon entry that matched.
    public var entry: String
    public var category: String
    /// The further categories the entry is also in (`also_in:`): the hit counts in each of their
    /// rates, and once in the lexicon's.
    public var alsoIn: [String]
    public var weight: Double
    public var context: MatchContext

    public init(
        lexicon: String = "", text: String, entry: String, category: String, alsoIn: [String] = [], weight: Double,
        context: MatchContext
    ) {
        self.lexicon = lexicon
        self.text = text
        self.entry = entry
        self.category = category
        self.alsoIn = alsoIn
        self.weight = weight
        self.context = context
    }
}

/// A segmented article with its tags and the voice of each of its tokens.
public struct TaggedArticle: Sendable {
    public var segmented: SegmentedArticle
    public var terms: [TermMatch]
    public var loaded: [LoadedMatch]
    /// Word tokens of the body by voice (comments are counted in `commentTokens`), and under
    /// `.headline` the words of the headline and standfirst in the outlet's own voice (their
    /// quotations and reported speech not counted).
    public var voiceTokens: [Voice: Int]
    /// Word tokens in reader comments.
    public var commentTokens: Int

    public init(
        segmented: SegmentedArticle, terms: [TermMatch], loaded: [LoadedMatch], voiceTokens: [Voice: Int],
        commentTokens: Int
    ) {
        self.segmented = segmented
        self.terms = terms
        self.loaded = loaded
        self.voiceTokens = voiceTokens
        self.commentTokens = commentTokens
    }
}
