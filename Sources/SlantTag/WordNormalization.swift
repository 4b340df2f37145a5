import Foundation
import SlantCore
import SlantText

/// A word as the matcher sees it: a token, or a piece of a hyphenated token, by
/// UTF-8 offsets, with its normalised form.
struct Subword {
    /// UTF-8 range in the text.
    var start: Int32
    var end: Int32
    /// Index of the token it comes from.
    var token: Int32
    /// Whether punctuation (other than a joining hyphen or dash) separates it from the previous subword:
    /// a multiword match may not cross it.
    var breakBefore: Bool
    /// Range of the normalised form in ``SubwordStream/keys``.
    var keyStart: Int32
    var keyLength: Int32
    /// Starts with an upper-case letter (a name in a compound: "Goris-Stepanakert").
    var isCapitalized: Bool = false
}

/// The subwords of a text with their normalised forms, built once per text and shared by every lexicon.
struct SubwordStream {
    var subwords: [Subword] = []
    /// Normalised forms, back to back.
    var keys: [UInt8] = []

    func key(_ index: Int) -> ArraySlice<UInt8> {
        let subword = subwords[index]
        return keys[Int(subword.keyStart)..<Int(subword.keyStart + subword.keyLength)]
    }
}

/// Normalises words for matching: case folded, typographic apostrophes unified,
/// hyphenated words split into their parts, a possessive `’s` dropped, and —
/// when the lexicon says so — diacritics folded (`Dağlıq` = `daglig`).
struct WordNormalizer: Sendable {
    var foldDiacritics: Bool

    /// The subwords of `tokens` over `bytes`.
    func stream(_ bytes: UnsafeBufferPointer<UInt8>, tokens: [Token]) -> SubwordStream {
        var stream = SubwordStream()
        stream.subwords.reserveCapacity(tokens.count)
        stream.keys.reserveCapacity(bytes.count)
        var pendingBreak = true
        for (index, token) in tokens.enumerated() {
            let start = Int(token.start)
            let end = Int(token.end)
            if token.kind == .punctuation {
                // A dash or hyphen written tight between two words joins them ("Nagorno–Karabakh").
                let tight = index > 0 && index + 1 < tokens.count && tokens[index - 1].end == token.start
                    && tokens[index + 1].start == token.end && tokens[index + 1].kind != .punctuation
                if !(tight && Self.isDash(bytes, start, end)) { pendingBreak = true }
                continue
            }
            var pieceStart = start
            var position = start
            while position <= end {
                let atEnd = position == end
                var hyphenLength = 0
                if !atEnd { hyphenLength = Self.hyphenLength(bytes, position, end) }
                if atEnd || hyphenLength > 0 {
                    var pieceEnd = position
                    if atEnd { pieceEnd = Self.withoutPossessive(bytes, pieceStart, pieceEnd) }
                    if pieceEnd > pieceStart {
                        appendSubword(&stream, bytes, pieceStart, pieceEnd, token: index, breakBefore: pendingBreak)
                        pendingBreak = false
                    }
                    if atEnd { break }
                    position += hyphenLength
                    pieceStart = position
                    continue
                }
                position += 1
            }
        }
        return stream
    }

    private func appendSubword(
        _ stream: inout SubwordStream, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, token: Int,
        breakBefore: Bool
    ) {
        let keyStart = stream.keys.count
        normalize(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: &stream.keys)
        let first = bytes[start]
        let isCapitalized: Bool
        if first < 0x80 {
            isCapitalized = first >= 0x41 && first <= 0x5A
        } else {
            let value = ScalarReader.decode(bytes, at: start).0
            isCapitalized = Unicode.Scalar(value)?.properties.isUppercase ?? false
        }
        stream.subwords.append(
            Subword(
                start: Int32(start), end: Int32(end), token: Int32(token), breakBefore: breakBefore,
                keyStart: Int32(keyStart), keyLength: Int32(stream.keys.count - keyStart), isCapitalized: isCapitalized))
    }

    /// Appends the normalised form of one word piece.
    func normalize(_ word: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        // Fast path: ASCII letters, with typographic apostrophes (U+2019, U+2018) as the only
        // non-ASCII characters — nearly every word of English news.
        let mark = output.count
        var index = 0
        var fast = true
        while index < word.count {
            let byte = word[index]
            if byte < 0x80 {
                output.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                index += 1
            } else if byte == 0xE2, index + 2 < word.count, word[index + 1] == 0x80,
                word[index + 2] == 0x99 || word[index + 2] == 0x98
            {
                output.append(UInt8(ascii: "'"))
                index += 3
            } else {
                fast = false
                break
            }
        }
        if fast { return }
        output.removeSubrange(mark...)
        let table = foldDiacritics ? ScalarFolding.folded : ScalarFolding.lowered
        var position = 0
        while position < word.count {
            let (value, length) = ScalarReader.decode(word, at: position)
            position += length
            if value < 0x800 {
                let mapped = table[Int(value)]
                if mapped.0 != 0 { Self.appendUTF8(mapped.0, to: &output) }
                if mapped.1 != 0 { Self.appendUTF8(mapped.1, to: &output) }
                continue
            }
            guard value != 0x2019, value != 0x2018 else {
                output.append(UInt8(ascii: "'"))
                continue
            }
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            if foldDiacritics, properties.generalCategory == .nonspacingMark { continue }
            if properties.changesWhenLowercased {
                var lower = properties.lowercaseMapping
                if foldDiacritics { lower = lower.folding(options: [.diacriticInsensitive], locale: nil) }
                output.append(contentsOf: lower.utf8)
            } else {
                Self.appendUTF8(value, to: &output)
            }
        }
    }

    @inline(__always)
    private static func appendUTF8(_ value: UInt32, to output: inout [UInt8]) {
        switch value {
        case 0..<0x80: output.append(UInt8(value))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (value >> 6)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (value >> 12)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (value >> 18)))
            output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// The length of a hyphen at `position` inside a word (`-`, U+2010, U+2011), or 0.
    static func hyphenLength(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Int {
        if bytes[position] == UInt8(ascii: "-") { return 1 }
        if bytes[position] == 0xE2, position + 2 < end, bytes[position + 1] == 0x80,
            bytes[position + 2] == 0x90 || bytes[position + 2] == 0x91
        {
            return 3
        }
        return 0
    }

    /// Hyphens and dashes (`-`, U+2010–U+2015, U+2212) that may join the words of a name.
    static func isDash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        if end - start == 1 { return bytes[start] == UInt8(ascii: "-") }
        if end - start == 3, bytes[start] == 0xE2 {
            if bytes[start + 1] == 0x80, (0x90...0x95).contains(bytes[start + 2]) { return true }
            if bytes[start + 1] == 0x88, bytes[start + 2] == 0x92 { return true }
        }
        return false
    }

    /// The end of a word without a possessive `'s`/`’s` (or a bare trailing apostrophe).
    static func withoutPossessive(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let length = end - start
        if length > 2, bytes[end - 2] == UInt8(ascii: "'"), bytes[end - 1] | 0x20 == UInt8(ascii: "s") {
            return end - 2
        }
        if length > 4, bytes[end - 4] == 0xE2, bytes[end - 3] == 0x80, bytes[end - 2] == 0x99,
            bytes[end - 1] | 0x20 == UInt8(ascii: "s")
        {
            return end - 4
        }
        return end
    }
}

extension WordNormalizer {
    /// The most words a pattern may have (`lexicon check` refuses longer ones: matching costs
    /// tokens × pattern length).
    static let maximumPatternWords = 12
    /// The most characters a pattern may have.
    static let maximumPatternCharacters = 200

    /// The normalised words of a lexicon pattern ("Nagorno-Karabakh", "separatis*"), or why it is
    /// malformed. With `allowGap`, `...` (or `…`) between two words is a gap of one to four words.
    func pattern(_ text: String, allowGap: Bool = false) -> Result<Pattern, PatternError> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .failure(PatternError("the pattern is empty")) }
        guard trimmed.count <= Self.maximumPatternCharacters else {
            return .failure(PatternError("the pattern is \(trimmed.count) characters long; at most \(Self.maximumPatternCharacters) are allowed"))
        }
        var copy = trimmed
        return copy.withUTF8 { bytes -> Result<Pattern, PatternError> in
            let tokens = Tokenizer.tokenize(bytes)
            var words: [PatternWord] = []
            var inContext = false
            var sawCore = false
            var sawTrailingContext = false
            var skipUntil = 0
            for (index, token) in tokens.enumerated() where index >= skipUntil {
                let tokenText = String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), as: UTF8.self)
                if token.kind == .punctuation {
                    let isEllipsis = tokenText == "…"
                    let isThreeDots = tokenText == "." && index + 2 < tokens.count
                        && (index + 1...index + 2).allSatisfy { tokens[$0].kind == .punctuation && bytes[Int(tokens[$0].start)] == 0x2E
                            && tokens[$0].start == tokens[$0 - 1].end }
                    if isEllipsis || isThreeDots {
                        guard allowGap else {
                            return .failure(PatternError("`...` (a gap of words) is allowed only in qualifiers"))
                        }
                        guard let last = words.last, !last.isGap, !last.isContext, !inContext else {
                            return .failure(PatternError("a gap `...` must stand between two words"))
                        }
                        words.append(PatternWord("...", isGap: true))
                        skipUntil = isThreeDots ? index + 3 : index + 1
                        continue
                    }
                    if tokenText == "*" {
                        guard index > 0, tokens[index - 1].end == token.start, tokens[index - 1].kind != .punctuation,
                            let last = words.last, !last.isPrefix
                        else {
                            return .failure(PatternError("`*` must end a word (as in `separatis*`)"))
                        }
                        if index + 1 < tokens.count, tokens[index + 1].start == token.end {
                            return .failure(PatternError("`*` must end a word (as in `separatis*`)"))
                        }
                        guard last.text.unicodeScalars.count >= 2 else {
                            return .failure(PatternError("a prefix needs at least two letters before `*`"))
                        }
                        words[words.count - 1].isPrefix = true
                        continue
                    }
                    if tokenText == "[" {
                        guard !inContext, !sawTrailingContext else {
                            return .failure(PatternError("context words in `[...]` may only open or close a pattern, once each"))
                        }
                        inContext = true
                        continue
                    }
                    if tokenText == "]" {
                        guard inContext, words.last?.isContext == true else {
                            return .failure(PatternError("`]` without `[` or with no words inside"))
                        }
                        inContext = false
                        if sawCore { sawTrailingContext = true }
                        continue
                    }
                    if Self.isDash(bytes, Int(token.start), Int(token.end)) { continue }
                    if tokenText == "'" || tokenText == "’" || tokenText == "." { continue }
                    return .failure(PatternError("unexpected `\(tokenText)` (patterns are words, with `*` only at the end of a word and `[...]` around context words)"))
                }
                if !inContext {
                    if sawTrailingContext {
                        return .failure(PatternError("context words in `[...]` may only open or close a pattern, once each"))
                    }
                    sawCore = true
                }
                let pieces = self.stream(bytes, tokens: [token])
                for piece in pieces.subwords.indices {
                    words.append(PatternWord(String(decoding: pieces.key(piece), as: UTF8.self), isContext: inContext))
                }
            }
            guard !inContext else { return .failure(PatternError("`[` is not closed")) }
            guard !words.isEmpty else { return .failure(PatternError("the pattern has no words")) }
            guard words.last?.isGap != true else { return .failure(PatternError("a gap `...` must stand between two words")) }
            guard words.count <= Self.maximumPatternWords else {
                return .failure(PatternError("the pattern has \(words.count) words; at most \(Self.maximumPatternWords) are allowed"))
            }
            guard sawCore else { return .failure(PatternError("the pattern has only context words: put the matched words outside `[...]`")) }
            return .success(Pattern(text: trimmed, words: words))
        }
    }
}

/// Why a lexicon pattern cannot be used.
struct PatternError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Case and diacritic folding of U+0000–U+07FF (Latin, Greek, Cyrillic, Armenian, Hebrew,
/// Arabic) as lookup tables built once: each scalar maps to up to two scalars (0 = nothing).
enum ScalarFolding {
    /// Lower case, with typographic apostrophes unified.
    static let lowered: [(UInt32, UInt32)] = (0..<0x800).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return (UInt32(value), 0) }
        if let apostrophe = apostrophe(scalar) { return apostrophe }
        return pair(scalar.properties.lowercaseMapping, fallback: UInt32(value))
    }

    /// Lower case without diacritics, and letters readers take for their plain form (ı, ł, ø, đ, ß, æ).
    static let folded: [(UInt32, UInt32)] = (0..<0x800).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return (UInt32(value), 0) }
        if let apostrophe = apostrophe(scalar) { return apostrophe }
        if scalar.properties.generalCategory == .nonspacingMark { return (0, 0) }
        switch scalar {
        case "ı": return (0x69, 0)
        case "ł", "Ł": return (0x6C, 0)
        case "ø", "Ø": return (0x6F, 0)
        case "đ", "Đ": return (0x64, 0)
        case "ß": return (0x73, 0x73)
        case "æ", "Æ": return (0x61, 0x65)
        default: break
        }
        return pair(scalar.properties.lowercaseMapping.folding(options: [.diacriticInsensitive], locale: nil), fallback: UInt32(value))
    }

    private static func apostrophe(_ scalar: Unicode.Scalar) -> (UInt32, UInt32)? {
        switch scalar {
        case "\u{02BC}", "\u{02B9}", "`", "\u{00B4}": (0x27, 0)
        default: nil
        }
    }

    private static func pair(_ text: String, fallback: UInt32) -> (UInt32, UInt32) {
        let scalars = Array(text.unicodeScalars)
        switch scalars.count {
        case 1: return (scalars[0].value, 0)
        case 2: return (scalars[0].value, scalars[1].value)
        default: return (fallback, 0)
        }
    }
}
