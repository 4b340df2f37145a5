import SlantCore

/// What a token looks like, as far as voice analysis cares.
struct TokenShape: OptionSet, Sendable {
    let rawValue: UInt32

    static let word = TokenShape(rawValue: 1 << 0)
    static let number = TokenShape(rawValue: 1 << 1)
    static let punctuation = TokenShape(rawValue: 1 << 2)
    /// Starts with an upper-case letter.
    static let capitalized = TokenShape(rawValue: 1 << 3)
    /// Two or more ASCII letters, all upper case: MOSCOW, NATO, NO.
    static let allCaps = TokenShape(rawValue: 1 << 4)
    static let endsWithS = TokenShape(rawValue: 1 << 5)
    static let endsWithEd = TokenShape(rawValue: 1 << 6)
    static let endsWithIng = TokenShape(rawValue: 1 << 7)
    static let endsWithLy = TokenShape(rawValue: 1 << 8)
    /// don't, can’t, isn't.
    static let negativeContraction = TokenShape(rawValue: 1 << 9)
    /// Baku's, Azerbaijan’s.
    static let possessive = TokenShape(rawValue: 1 << 10)
    /// No white space between this token and the previous one (and the same line).
    static let joinedToPrevious = TokenShape(rawValue: 1 << 11)
    /// The first token of a line (of a paragraph, or after a line break inside one).
    static let lineStart = TokenShape(rawValue: 1 << 12)
    /// . ! ? …
    static let terminal = TokenShape(rawValue: 1 << 13)
    static let comma = TokenShape(rawValue: 1 << 14)
    static let colon = TokenShape(rawValue: 1 << 15)
    static let semicolon = TokenShape(rawValue: 1 << 16)
    /// — – - ―
    static let dash = TokenShape(rawValue: 1 << 17)
    static let openBracket = TokenShape(rawValue: 1 << 18)
    static let closeBracket = TokenShape(rawValue: 1 << 19)
    /// A word of two digits and an s: 90s (after an elided ’).
    static let decade = TokenShape(rawValue: 1 << 20)
    /// A single upper-case letter: an initial (Sergei V. Lavrov).
    static let initial = TokenShape(rawValue: 1 << 21)
    /// A period.
    static let period = TokenShape(rawValue: 1 << 22)
}

/// A quotation mark glyph.
enum QuoteGlyph: UInt8, Sendable {
    case none
    case leftDouble, rightDouble, lowDouble, straightDouble
    case leftSingle, rightSingle, lowSingle, straightSingle
    case leftGuillemet, rightGuillemet, leftAngle, rightAngle
    case leftCorner, rightCorner, leftWhiteCorner, rightWhiteCorner

    var family: QuoteFamily? {
        switch self {
        case .none: nil
        case .leftDouble, .rightDouble, .lowDouble, .straightDouble: .double
        case .leftSingle, .rightSingle, .lowSingle, .straightSingle: .single
        case .leftGuillemet, .rightGuillemet: .guillemet
        case .leftAngle, .rightAngle: .angle
        case .leftCorner, .rightCorner: .corner
        case .leftWhiteCorner, .rightWhiteCorner: .whiteCorner
        }
    }

    init(scalar: UInt32) {
        switch scalar {
        case 0x201C, 0x201F: self = .leftDouble
        case 0x201D: self = .rightDouble
        case 0x201E: self = .lowDouble
        case 0x22, 0xFF02: self = .straightDouble
        case 0x2018, 0x201B: self = .leftSingle
        case 0x2019: self = .rightSingle
        case 0x201A: self = .lowSingle
        case 0x27: self = .straightSingle
        case 0xAB: self = .leftGuillemet
        case 0xBB: self = .rightGuillemet
        case 0x2039: self = .leftAngle
        case 0x203A: self = .rightAngle
        case 0x300C: self = .leftCorner
        case 0x300D: self = .rightCorner
        case 0x300E: self = .leftWhiteCorner
        case 0x300F: self = .rightWhiteCorner
        default: self = .none
        }
    }
}

/// The families of quotation marks that pair with each other.
enum QuoteFamily: Int, CaseIterable, Sendable {
    case double, single, guillemet, angle, corner, whiteCorner
}

/// The tokens of a text with the features voice analysis reads, computed once
/// in one pass over the tokens: shapes, word classes, quotation glyphs,
/// sentences as token ranges, lines.
struct VoiceText {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: [Token]
    private(set) var shape: [TokenShape]
    private(set) var lex: [WordClass]
    private(set) var glyph: [QuoteGlyph]
    /// Sentence (a run of tokens with the same sentence number) of each token.
    private(set) var sentence: [Int32]
    /// First and last token of each sentence.
    private(set) var sentenceFirst: [Int32] = []
    private(set) var sentenceLast: [Int32] = []
    /// Paragraph of each sentence.
    private(set) var sentenceParagraph: [Int32] = []
    /// Number of word and number tokens before each token (and the total at the end).
    private(set) var wordsBefore: [Int32]

    var count: Int { tokens.count }

    /// Features of `tokens`; nil when a token lies outside `bytes` (a malformed layer).
    init?(bytes: UnsafeBufferPointer<UInt8>, tokens: [Token], paragraphOfSentence: (Int32) -> Int) {
        self.bytes = bytes
        self.tokens = tokens
        let count = tokens.count
        shape = Array(repeating: [], count: count)
        lex = Array(repeating: [], count: count)
        glyph = Array(repeating: .none, count: count)
        sentence = Array(repeating: 0, count: count)
        wordsBefore = Array(repeating: 0, count: count + 1)
        var previousEnd = 0
        var words: Int32 = 0
        var sentenceIndex: Int32 = -1
        var previousSentenceNumber: Int32 = -1
        var previousParagraph = -1
        for index in 0..<count {
            let token = tokens[index]
            let start = Int(token.start)
            let end = Int(token.end)
            guard start >= previousEnd || index == 0, start < end, end <= bytes.count, start >= 0 else { return nil }
            wordsBefore[index] = words
            var shape: TokenShape = []
            // Lines and sentences.
            let paragraph = paragraphOfSentence(token.sentence)
            var newLine = index == 0 || paragraph != previousParagraph
            if !newLine {
                var gap = previousEnd
                while gap < start {
                    if bytes[gap] == 0x0A { newLine = true; break }
                    gap += 1
                }
            }
            if newLine { shape.insert(.lineStart) } else if start == previousEnd { shape.insert(.joinedToPrevious) }
            if token.sentence != previousSentenceNumber || index == 0 {
                sentenceIndex += 1
                sentenceFirst.append(Int32(index))
                sentenceLast.append(Int32(index))
                sentenceParagraph.append(Int32(paragraph))
                previousSentenceNumber = token.sentence
            }
            sentence[index] = sentenceIndex
            sentenceLast[Int(sentenceIndex)] = Int32(index)
            previousParagraph = paragraph
            previousEnd = end

            switch token.kind {
            case .punctuation:
                shape.insert(.punctuation)
                let scalar = ScalarReader.decode(bytes, at: start).0
                let mark = QuoteGlyph(scalar: scalar)
                glyph[index] = mark
                switch scalar {
                case 0x2E: shape.formUnion([.terminal, .period])
                case 0x21, 0x3F, 0x2026, 0x203C, 0x2047, 0x2048, 0x2049, 0x3002, 0xFF01, 0xFF1F, 0x0589: shape.insert(.terminal)
                case 0x2C, 0x060C, 0xFF0C, 0x3001: shape.insert(.comma)
                case 0x3A, 0xFF1A: shape.insert(.colon)
                case 0x3B, 0xFF1B: shape.insert(.semicolon)
                case 0x2D, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: shape.insert(.dash)
                case 0x28, 0x5B, 0x7B: shape.insert(.openBracket)
                case 0x29, 0x5D, 0x7D: shape.insert(.closeBracket)
                default: break
                }
            case .number:
                shape.insert(.number)
                words += 1
            case .word:
                shape.insert(.word)
                words += 1
                shape.formUnion(Self.wordShape(bytes, start, end))
                lex[index] = VoiceLexicon.classes(bytes, start, end)
            }
            self.shape[index] = shape
        }
        wordsBefore[count] = words
    }

    private static func wordShape(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenShape {
        var shape: TokenShape = []
        let first = bytes[start]
        if first >= 0x41 && first <= 0x5A {
            shape.insert(.capitalized)
            if end - start == 1 { shape.insert(.initial) }
        } else if first >= 0x80 {
            let scalar = ScalarReader.decode(bytes, at: start).0
            if let value = Unicode.Scalar(scalar), value.properties.isUppercase { shape.insert(.capitalized) }
        }
        // Upper-case ASCII word of two or more letters.
        if end - start >= 2 {
            var upper = 0
            var lower = false
            for index in start..<end {
                let byte = bytes[index]
                if byte >= 0x61 && byte <= 0x7A { lower = true; break }
                if byte >= 0x41 && byte <= 0x5A { upper += 1 }
            }
            if !lower && upper >= 2 { shape.insert(.allCaps) }
        }
        let length = end - start
        @inline(__always) func lower(_ offset: Int) -> UInt8 {
            let byte = bytes[end - offset]
            return byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        let last = lower(1)
        if last == 0x73 { shape.insert(.endsWithS) }  // s
        if length >= 4, last == 0x64, lower(2) == 0x65 { shape.insert(.endsWithEd) }  // ed
        if length >= 5, last == 0x67, lower(2) == 0x6E, lower(3) == 0x69 { shape.insert(.endsWithIng) }  // ing
        if length >= 5, last == 0x79, lower(2) == 0x6C { shape.insert(.endsWithLy) }  // ly
        if length >= 3, last == 0x74 {
            // n't / n’t
            if lower(2) == 0x27, lower(3) == 0x6E { shape.insert(.negativeContraction) }
            if length >= 5, lower(2) == 0x99, lower(3) == 0x80, lower(4) == 0xE2, lower(5) == 0x6E {
                shape.insert(.negativeContraction)
            }
        }
        if length >= 3, last == 0x73 {
            if lower(2) == 0x27 || (length >= 5 && lower(2) == 0x99 && lower(3) == 0x80 && lower(4) == 0xE2) {
                shape.insert(.possessive)
            }
        }
        if length == 3, bytes[start] >= 0x30, bytes[start] <= 0x39, bytes[start + 1] >= 0x30, bytes[start + 1] <= 0x39,
            last == 0x73
        {
            shape.insert(.decade)
        }
        return shape
    }

    // MARK: - Queries

    @inline(__always) func isWord(_ index: Int) -> Bool { shape[index].contains(.word) }
    @inline(__always) func isWordOrNumber(_ index: Int) -> Bool { !shape[index].contains(.punctuation) }
    @inline(__always) func has(_ index: Int, _ classes: WordClass) -> Bool { !lex[index].isDisjoint(with: classes) }
    @inline(__always) func `is`(_ index: Int, _ shape: TokenShape) -> Bool { !self.shape[index].isDisjoint(with: shape) }
    @inline(__always) func isQuoteMark(_ index: Int) -> Bool { glyph[index] != .none }

    /// The first and last token of the sentence of token `index`.
    @inline(__always) func sentenceBounds(of index: Int) -> (first: Int, last: Int) {
        let sentence = Int(self.sentence[index])
        return (Int(sentenceFirst[sentence]), Int(sentenceLast[sentence]))
    }

    /// The paragraph of token `index`.
    @inline(__always) func paragraph(of index: Int) -> Int { Int(sentenceParagraph[Int(sentence[index])]) }

    /// Whether tokens `index` and `index + 1` touch (no white space, same line).
    @inline(__always) func joined(_ index: Int) -> Bool {
        index >= 0 && index + 1 < count && shape[index + 1].contains(.joinedToPrevious)
    }

    /// Number of word and number tokens in `range`.
    @inline(__always) func wordCount(_ range: Range<Int>) -> Int {
        Int(wordsBefore[range.upperBound] - wordsBefore[range.lowerBound])
    }

    /// The text of tokens `range` as written (from the first token's start to the last token's end).
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let start = Int(tokens[range.lowerBound].start)
        let end = Int(tokens[range.upperBound - 1].end)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// A lower-case word: starts with an ASCII lower-case letter or a lower-case non-ASCII letter.
    @inline(__always) func isLowercaseWord(_ index: Int) -> Bool {
        shape[index].contains(.word) && !shape[index].contains(.capitalized)
    }
}

/// Punctuation classes the tag stage needs around a match, by Unicode scalar value.
public enum Punctuation {
    /// Any quotation mark: “ ” „ " ‘ ’ ‚ ' « » ‹ › 「 」 『 』.
    public static func isQuotationMark(_ scalar: UInt32) -> Bool { QuoteGlyph(scalar: scalar) != .none }

    /// A comma, an opening bracket or a dash: what may stand between a term and a qualifier after it
    /// ("Stepanakert, as Armenians call it", "Artsakh (as …").
    public static func opensAside(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2C, 0x060C, 0xFF0C, 0x28, 0x5B, 0x2013, 0x2014, 0x2015, 0x2D: true
        default: false
        }
    }
}
