/// Where a count was made: a voice, and whether the words were distanced (mentioned, not adopted:
/// in scare quotes or with a distancing qualifier; in a headline also quoted or reported speech).
/// Reader comments and headlines are voices of their own.
public struct VoiceKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var voice: Voice
    /// Authorial words in scare quotes: mentioned, not adopted.
    public var distanced: Bool

    public init(_ voice: Voice, distanced: Bool = false) {
        self.voice = voice
        self.distanced = distanced
    }

    public static let authorial = VoiceKey(.authorial)
    public static let quoted = VoiceKey(.quoted)
    public static let attributed = VoiceKey(.attributed)
    public static let comment = VoiceKey(.comment)
    public static let headline = VoiceKey(.headline)
    public static let distancedAuthorial = VoiceKey(.authorial, distanced: true)
    /// Words of a headline that are not the outlet's own choice: quoted, reported, scare-quoted or qualified.
    public static let distancedHeadline = VoiceKey(.headline, distanced: true)

    /// The voices statistics are computed in, the outlet's own first (headlines last, so that the
    /// statistics of the other voices keep their order).
    public static let reported: [VoiceKey] = [.authorial, .quoted, .attributed, .comment, .headline]

    /// The distanced voices term shares are also computed in.
    public static let distanced: [VoiceKey] = [.distancedAuthorial, .distancedHeadline]

    /// `authorial`, `authorial-distanced`, `quoted`, `attributed`, `comment`, `headline`, `headline-distanced`.
    public var description: String { distanced ? "\(voice.rawValue)-distanced" : voice.rawValue }

    public static func < (lhs: VoiceKey, rhs: VoiceKey) -> Bool {
        (lhs.voice, lhs.distanced ? 1 : 0) < (rhs.voice, rhs.distanced ? 1 : 0)
    }
}

/// How often one term of one lexicon was used in one voice in one article.
public struct TermCount: Sendable, Hashable, Codable {
    /// The id of the lexicon whose term it is.
    public var lexicon: String
    public var family: String
    public var term: String
    public var stance: String
    public var voice: VoiceKey
    public var count: Int
    /// How many of `count` occurrences are a span that another family of the same lexicon matched
    /// first (the same words answering two questions): counted in this family's shares, but only
    /// once in the lexicon's stance shares and stance index.
    public var spanRepeats: Int

    public init(lexicon: String = "", family: String, term: String, stance: String, voice: VoiceKey, count: Int, spanRepeats: Int = 0) {
        self.lexicon = lexicon
        self.family = family
        self.term = term
        self.stance = stance
        self.voice = voice
        self.count = count
        self.spanRepeats = spanRepeats
    }

    private enum CodingKeys: String, CodingKey { case lexicon, family, term, stance, voice, count, spanRepeats }

    /// Reads what earlier versions wrote too (no lexicon, no repeats).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lexicon = try container.decodeIfPresent(String.self, forKey: .lexicon) ?? ""
        family = try container.decode(String.self, forKey: .family)
        term = try container.decode(String.self, forKey: .term)
        stance = try container.decode(String.self, forKey: .stance)
        voice = try container.decode(VoiceKey.self, forKey: .voice)
        count = try container.decode(Int.self, forKey: .count)
        spanRepeats = try container.decodeIfPresent(Int.self, forKey: .spanRepeats) ?? 0
    }
}

/// Hits of one category of one loaded-kind lexicon in one voice in one article.
public struct LoadedCount: Sendable, Hashable, Codable {
    /// The id of the lexicon whose entries matched.
    public var lexicon: String
    public var category: String
    public var voice: VoiceKey
    public var hits: Int
    /// The sum of the hits' weights.
    public var weight: Double
    /// True when `category` is the matched entries' own category: these hits make up the lexicon's
    /// rate. False for a further category an entry is also in (`also_in:`): such hits count in
    /// that category's rate only, so that no hit is counted twice in the lexicon's rate.
    public var home: Bool

    public init(lexicon: String = "", category: String, voice: VoiceKey, hits: Int, weight: Double, home: Bool = true) {
        self.lexicon = lexicon
        self.category = category
        self.voice = voice
        self.hits = hits
        self.weight = weight
        self.home = home
    }

    private enum CodingKeys: String, CodingKey { case lexicon, category, voice, hits, weight, home }

    /// Reads what earlier versions wrote too (no lexicon: every category its entries' own).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lexicon = try container.decodeIfPresent(String.self, forKey: .lexicon) ?? ""
        category = try container.decode(String.self, forKey: .category)
        voice = try container.decode(VoiceKey.self, forKey: .voice)
        hits = try container.decode(Int.self, forKey: .hits)
        weight = try container.decode(Double.self, forKey: .weight)
        home = try container.decodeIfPresent(Bool.self, forKey: .home) ?? true
    }
}

/// One tagged occurrence with the sentence around it: what a statistic's evidence links to.
public struct Evidence: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case term
        case loaded
    }

    public var kind: Kind
    /// The id of the lexicon that matched.
    public var lexicon: String
    /// Family (terms) or category (loaded language).
    public var group: String
    /// Loaded language: the further categories the entry is also in (`also_in:`).
    public var alsoIn: [String]
    /// Term (terms) or entry (loaded language).
    public var item: String
    /// The stance of a term; nil for loaded language.
    public var stance: String?
    public var weight: Double?
    public var text: String
    public var voice: VoiceKey
    public var speaker: String?
    public var negated: Bool
    /// Index of the reader comment, for matches in comments.
    public var comment: Int?
    /// The headline or standfirst, for matches in one.
    public var headlinePart: HeadlinePart?
    public var sentence: Int
    /// Code point offsets of the match in the body (or the comment's text, or the headline's or standfirst's).
    public var start: Int
    public var end: Int
    /// The sentence that holds the match, and the match's code point offsets within it.
    public var sentenceText: String
    public var matchStart: Int
    public var matchEnd: Int

    public init(
        kind: Kind, group: String, item: String, stance: String?, weight: Double?, text: String, voice: VoiceKey,
        speaker: String?, negated: Bool, comment: Int?, sentence: Int, start: Int, end: Int, sentenceText: String,
        matchStart: Int, matchEnd: Int, lexicon: String = "", alsoIn: [String] = [], headlinePart: HeadlinePart? = nil
    ) {
        self.kind = kind
        self.lexicon = lexicon
        self.alsoIn = alsoIn
        self.group = group
        self.item = item
        self.stance = stance
        self.weight = weight
        self.text = text
        self.voice = voice
        self.speaker = speaker
        self.negated = negated
        self.comment = comment
        self.headlinePart = headlinePart
        self.sentence = sentence
        self.start = start
        self.end = end
        self.sentenceText = sentenceText
        self.matchStart = matchStart
        self.matchEnd = matchEnd
    }

    private enum CodingKeys: String, CodingKey {
        case kind, lexicon, group, alsoIn, item, stance, weight, text, voice, speaker, negated, comment, headlinePart
        case sentence, start, end, sentenceText, matchStart, matchEnd
    }

    /// Reads what earlier versions wrote too (no lexicon, no further categories, no headline part).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        lexicon = try container.decodeIfPresent(String.self, forKey: .lexicon) ?? ""
        group = try container.decode(String.self, forKey: .group)
        alsoIn = try container.decodeIfPresent([String].self, forKey: .alsoIn) ?? []
        item = try container.decode(String.self, forKey: .item)
        stance = try container.decodeIfPresent(String.self, forKey: .stance)
        weight = try container.decodeIfPresent(Double.self, forKey: .weight)
        text = try container.decode(String.self, forKey: .text)
        voice = try container.decode(VoiceKey.self, forKey: .voice)
        speaker = try container.decodeIfPresent(String.self, forKey: .speaker)
        negated = try container.decode(Bool.self, forKey: .negated)
        comment = try container.decodeIfPresent(Int.self, forKey: .comment)
        headlinePart = try container.decodeIfPresent(HeadlinePart.self, forKey: .headlinePart)
        sentence = try container.decode(Int.self, forKey: .sentence)
        start = try container.decode(Int.self, forKey: .start)
        end = try container.decode(Int.self, forKey: .end)
        sentenceText = try container.decode(String.self, forKey: .sentenceText)
        matchStart = try container.decode(Int.self, forKey: .matchStart)
        matchEnd = try container.decode(Int.self, forKey: .matchEnd)
    }
}

/// What the measure stage counts in one article: the unit every statistic resamples.
public struct ArticleMeasures: Sendable, Hashable, Codable {
    public var id: String
    public var outlet: String
    public var source: String
    public var digest: String
    public var title: String?
    public var url: String?
    public var published: String?
    public var language: String?
    /// The site name the page declares (with the URL, what decides the outlet when the configuration names none).
    public var site: String?
    /// Word and number tokens of the body.
    public var tokens: Int
    /// Word tokens by voice: the body's authorial, quoted and attributed tokens, the comments' tokens,
    /// and the headline's and standfirst's own tokens (none when the article has no headline).
    public var voiceTokens: [Voice: Int]
    public var sentences: Int
    public var paragraphs: Int
    public var comments: Int
    public var commentTokens: Int
    /// Warnings raised while cleaning (codes).
    public var warnings: [String]
    public var termCounts: [TermCount]
    public var loadedCounts: [LoadedCount]
    /// Lower-cased words of the outlet's own (authorial) voice with their counts: the keyness input.
    public var words: [String: Int]
    public var evidence: [Evidence]
    /// Optional so that measures stored before sentence models existed still decode (``modelCounts``).
    var storedModelCounts: [ModelCount]?

    public init(
        id: String, outlet: String, source: String, digest: String, title: String?, url: String?,
        published: String?, language: String?, site: String? = nil, tokens: Int, voiceTokens: [Voice: Int], sentences: Int,
        paragraphs: Int, comments: Int, commentTokens: Int, warnings: [String], termCounts: [TermCount] = [],
        loadedCounts: [LoadedCount] = [], words: [String: Int] = [:], evidence: [Evidence] = []
    ) {
        self.id = id
        self.outlet = outlet
        self.source = source
        self.digest = digest
        self.title = title
        self.url = url
        self.published = published
        self.language = language
        self.site = site
        self.tokens = tokens
        self.voiceTokens = voiceTokens
        self.sentences = sentences
        self.paragraphs = paragraphs
        self.comments = comments
        self.commentTokens = commentTokens
        self.warnings = warnings
        self.termCounts = termCounts
        self.loadedCounts = loadedCounts
        self.words = words
        self.evidence = evidence
    }

    /// The measures without the parts the store keeps apart: the words (summed from the store for
    /// keyness) and the evidence sentences (read from the store for the reports).
    public var withoutWordsAndSentences: ArticleMeasures {
        var copy = self
        copy.words = [:]
        for index in copy.evidence.indices where !copy.evidence[index].sentenceText.isEmpty {
            copy.evidence[index].sentenceText = ""
        }
        return copy
    }

    /// Tokens in a voice (comments included as their own voice).
    public func tokens(in voice: Voice) -> Int {
        voice == .comment ? commentTokens : voiceTokens[voice] ?? 0
    }
}

/// A document left out of the analysis, and why.
public struct ExcludedDocument: Sendable, Hashable, Codable {
    public var source: String
    public var stage: String
    public var code: String
    public var reason: String

    public init(source: String, stage: String, code: String, reason: String) {
        self.source = source
        self.stage = stage
        self.code = code
        self.reason = reason
    }

    public init(_ error: DocumentError) {
        source = error.source.description
        stage = error.stage
        code = error.reason.code
        reason = error.reason.description
    }
}
