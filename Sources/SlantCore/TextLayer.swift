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

/// The segmented form of a text: sentences and tokens as standoff offsets.
///
/// Offsets are UTF-8 byte offsets into ``text``; convert them with
/// ``CodePointIndex`` before showing them to a user.
public struct TextLayer: Sendable, Hashable {
    public var text: String
    public var paragraphs: [TextSpan]
    public var sentences: [TextSpan]
    public var tokens: [Token]

    public init(text: String, paragraphs: [TextSpan], sentences: [TextSpan], tokens: [Token]) {
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.tokens = tokens
    }

    /// The number of word and number tokens (punctuation not counted).
    public var wordCount: Int { tokens.reduce(0) { $0 + ($1.kind == .punctuation ? 0 : 1) } }
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
