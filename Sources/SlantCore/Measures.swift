/// Where a count was made: a voice, and for the outlet's own voice whether the
/// words were in scare quotes. Reader comments are a voice of their own.
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
    public static let distancedAuthorial = VoiceKey(.authorial, distanced: true)

    /// The voices statistics are reported in, the outlet's own first.
    public static let reported: [VoiceKey] = [.authorial, .quoted, .attributed, .comment]

    /// `authorial`, `authorial-distanced`, `quoted`, `attributed`, `comment`.
    public var description: String { distanced ? "\(voice.rawValue)-distanced" : voice.rawValue }

    public static func < (lhs: VoiceKey, rhs: VoiceKey) -> Bool {
        (lhs.voice, lhs.distanced ? 1 : 0) < (rhs.voice, rhs.distanced ? 1 : 0)
    }
}

/// How often one term was used in one voice in one article.
public struct TermCount: Sendable, Hashable, Codable {
    public var family: String
    public var term: String
    public var stance: String
    public var voice: VoiceKey
    public var count: Int

    public init(family: String, term: String, stance: String, voice: VoiceKey, count: Int) {
        self.family = family
        self.term = term
        self.stance = stance
        self.voice = voice
        self.count = count
    }
}

/// Loaded-language hits of one category in one voice in one article.
public struct LoadedCount: Sendable, Hashable, Codable {
    public var category: String
    public var voice: VoiceKey
    public var hits: Int
    /// The sum of the hits' weights.
    public var weight: Double

    public init(category: String, voice: VoiceKey, hits: Int, weight: Double) {
        self.category = category
        self.voice = voice
        self.hits = hits
        self.weight = weight
    }
}

/// One tagged occurrence with the sentence around it: what a statistic's evidence links to.
public struct Evidence: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case term
        case loaded
    }

    public var kind: Kind
    /// Family (terms) or category (loaded language).
    public var group: String
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
    public var sentence: Int
    /// Code point offsets of the match in the body (or the comment's text).
    public var start: Int
    public var end: Int
    /// The sentence that holds the match, and the match's code point offsets within it.
    public var sentenceText: String
    public var matchStart: Int
    public var matchEnd: Int

    public init(
        kind: Kind, group: String, item: String, stance: String?, weight: Double?, text: String, voice: VoiceKey,
        speaker: String?, negated: Bool, comment: Int?, sentence: Int, start: Int, end: Int, sentenceText: String,
        matchStart: Int, matchEnd: Int
    ) {
        self.kind = kind
        self.group = group
        self.item = item
        self.stance = stance
        self.weight = weight
        self.text = text
        self.voice = voice
        self.speaker = speaker
        self.negated = negated
        self.comment = comment
        self.sentence = sentence
        self.start = start
        self.end = end
        self.sentenceText = sentenceText
        self.matchStart = matchStart
        self.matchEnd = matchEnd
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
    /// Word tokens by voice: the body's authorial, quoted and attributed tokens, and the comments' tokens.
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
