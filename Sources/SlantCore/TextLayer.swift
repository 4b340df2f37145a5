/// What a token is made of.
public enum TokenKind: UInt8, Sendable, Codable, Hashable {
    /// Letters (and the digits, apostrophes and hyphens inside a word).
    case word
    /// Digits, possibly with separators: `2,500`, `1994`.
    case number
    /// Anything else that is not white space.
    case punctuation
}

/// One token of a text, by UTF-8 offsets into that text.
public struct Token: Sendable, Codable, Hashable {
    public var start: Int32
    public var end: Int32
    public var kind: TokenKind
    /// Index of the sentence the token belongs to.
    public var sentence: Int32

    public init(start: Int32, end: Int32, kind: TokenKind, sentence: Int32) {
        self.start = start
        self.end = end
        self.kind = kind
        self.sentence = sentence
    }
}

/// A span of a text by UTF-8 offsets, tagged with the block it lies in.
public struct TextSpan: Sendable, Codable, Hashable {
    public var start: Int
    public var end: Int
    /// Index of the paragraph (block) that holds the span.
    public var paragraph: Int

    public init(start: Int, end: Int, paragraph: Int) {
        self.start = start
        self.end = end
        self.paragraph = paragraph
    }
}

/// A direct quotation: the span between its quotation marks.
public struct Quotation: Sendable, Hashable, Codable {
    /// UTF-8 offset of the opening mark.
    public var start: Int
    /// UTF-8 offset one past the closing mark (or the end of the text it was cut at, when unbalanced).
    public var end: Int
    /// Who is quoted, as the text names them ("Zakharova", "the Armenian government"), when found.
    public var speaker: String?
    /// A short quoted span inside the outlet's own sentence (scare quotes): the words are
    /// mentioned, not adopted, and not anyone's quotation.
    public var isScare: Bool
    /// False when no closing mark was found and the span was cut at the end of its paragraph.
    public var isBalanced: Bool

    public init(start: Int, end: Int, speaker: String? = nil, isScare: Bool = false, isBalanced: Bool = true) {
        self.start = start
        self.end = end
        self.speaker = speaker
        self.isScare = isScare
        self.isBalanced = isBalanced
    }
}

/// Reported speech: a span the outlet attributes to a source other than itself
/// ("Baku says its forces have captured ...", "according to the ministry, ...").
public struct Attribution: Sendable, Hashable, Codable {
    /// UTF-8 range of the reported content.
    public var start: Int
    public var end: Int
    /// The source, as the text names it ("Baku", "the MoD").
    public var speaker: String?
    /// The cue that marks the report ("says", "according to", "accused").
    public var cue: String

    public init(start: Int, end: Int, speaker: String?, cue: String) {
        self.start = start
        self.end = end
        self.speaker = speaker
        self.cue = cue
    }
}

/// The voice one token is in.
public struct TokenVoice: Sendable, Hashable, Codable {
    public var voice: Voice
    /// Index into ``TextLayer/speakers``, or -1 when no speaker is known.
    public var speaker: Int32
    /// Inside scare quotes in the outlet's own sentence.
    public var distanced: Bool
    /// Attributed by a trailing "…, according to X": the sentence's claims are X's, but the
    /// outlet wrote the sentence, so the names and labels in it are the outlet's own choice.
    public var sourced: Bool

    public init(voice: Voice, speaker: Int32 = -1, distanced: Bool = false, sourced: Bool = false) {
        self.voice = voice
        self.speaker = speaker
        self.distanced = distanced
        self.sourced = sourced
    }

    public static let authorial = TokenVoice(voice: .authorial)
}

/// The segmented form of a text: sentences, tokens, quotations and voice, as standoff offsets.
///
/// Offsets are UTF-8 byte offsets into ``text``; convert them with
/// ``CodePointIndex`` before showing them to a user.
public struct TextLayer: Sendable, Hashable {
    public var text: String
    public var paragraphs: [TextSpan]
    public var sentences: [TextSpan]
    public var tokens: [Token]
    public var quotations: [Quotation]
    public var attributions: [Attribution]
    /// The voice of each token, parallel to ``tokens``.
    public var voices: [TokenVoice]
    /// Speaker names that ``TokenVoice/speaker`` indexes.
    public var speakers: [String]

    public init(
        text: String, paragraphs: [TextSpan], sentences: [TextSpan], tokens: [Token], quotations: [Quotation] = [],
        attributions: [Attribution] = [], voices: [TokenVoice]? = nil, speakers: [String] = []
    ) {
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.tokens = tokens
        self.quotations = quotations
        self.attributions = attributions
        self.voices = voices ?? Array(repeating: .authorial, count: tokens.count)
        self.speakers = speakers
    }

    /// The number of word and number tokens (punctuation not counted).
    public var wordCount: Int { tokens.reduce(0) { $0 + ($1.kind == .punctuation ? 0 : 1) } }

    /// The speaker name of a token's voice, if any.
    public func speaker(ofToken index: Int) -> String? {
        let speaker = Int(voices[index].speaker)
        return speaker >= 0 && speaker < speakers.count ? speakers[speaker] : nil
    }
}

/// Converts UTF-8 byte offsets of a text into Unicode code point offsets.
///
/// Users see code point offsets (so that `body[start:end]` in Python is the
/// matched text); the pipeline works on bytes. Built once per text; each
/// lookup costs at most one 64-byte scan.
public struct CodePointIndex: Sendable {
    private let bytes: [UInt8]
    /// Code points before each multiple of 64 bytes.
    private let checkpoints: [Int]
    private static let stride = 64

    public init(_ text: String) {
        bytes = Array(text.utf8)
        var checkpoints = [Int]()
        checkpoints.reserveCapacity(bytes.count / Self.stride + 1)
        var count = 0
        for (offset, byte) in bytes.enumerated() {
            if offset % Self.stride == 0 { checkpoints.append(count) }
            if byte & 0xC0 != 0x80 { count += 1 }
        }
        if bytes.count % Self.stride == 0 { checkpoints.append(count) }
        self.checkpoints = checkpoints
    }

    /// The code point offset of the UTF-8 offset `utf8Offset` (clamped to the text).
    public func codePointOffset(_ utf8Offset: Int) -> Int {
        let offset = max(0, min(utf8Offset, bytes.count))
        let block = offset / Self.stride
        var count = checkpoints[min(block, checkpoints.count - 1)]
        var position = block * Self.stride
        while position < offset {
            if bytes[position] & 0xC0 != 0x80 { count += 1 }
            position += 1
        }
        return count
    }
}
