import SlantCore

/// What a Unicode scalar is, for tokenizing.
enum CharacterClass: UInt8 {
    case space
    case letter
    case digit
    /// `'`, `’`, `ʼ`: inside a word (`don't`, `Aliyev’s`), else punctuation.
    case apostrophe
    /// `-`, `‐`, `‑`: inside a word (`Nagorno-Karabakh`), else punctuation.
    case hyphen
    case period
    case comma
    case other
}

/// Reads UTF-8 text scalar by scalar, with classes cached for the two-byte range
/// (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic), where news text lives.
public struct ScalarReader {
    /// Classes of U+0000–U+07FF.
    static let smallClasses: [CharacterClass] = (0..<0x800).map { value in
        Unicode.Scalar(UInt32(value)).map(classify) ?? .other
    }

    /// Decodes the scalar at `index` of valid UTF-8: (scalar value, byte length).
    @inline(__always)
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let count = bytes.count
        if lead < 0xE0, index + 1 < count {
            return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0, index + 2 < count {
            return (UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        if index + 3 < count {
            return (
                UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                    | UInt32(bytes[index + 3] & 0x3F), 4
            )
        }
        return (0xFFFD, 1)
    }

    @inline(__always)
    static func characterClass(_ value: UInt32) -> CharacterClass {
        characterClass(value, smallClasses: smallClasses)
    }

    /// The class of `value`, with ``smallClasses`` passed in (a loop reads the global once, not per scalar).
    @inline(__always)
    static func characterClass(_ value: UInt32, smallClasses: [CharacterClass]) -> CharacterClass {
        if value < 0x800 { return smallClasses[Int(value)] }
        switch value {
        case 0x2019, 0x02BC: return .apostrophe
        case 0x2010, 0x2011: return .hyphen
        case 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return .space
        case 0x2026: return .period
        case 0xFF0C, 0x3001: return .comma
        default: break
        }
        guard let scalar = Unicode.Scalar(value) else { return .other }
        return classify(scalar)
    }

    private static func classify(_ scalar: Unicode.Scalar) -> CharacterClass {
        switch scalar {
        case "'", "\u{2019}", "\u{02BC}": return .apostrophe
        case "-", "\u{2010}", "\u{2011}": return .hyphen
        case ".": return .period
        case ",", "\u{060C}": return .comma
        default: break
        }
        let properties = scalar.properties
        if properties.isWhitespace { return .space }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .spacingMark, .enclosingMark:
            return .letter
        case .decimalNumber: return .digit
        default: return .other
        }
    }
}

/// Splits text into word, number and punctuation tokens, by UTF-8 offsets.
///
/// A word runs over letters and digits and keeps an inner apostrophe or hyphen
/// when a letter or digit follows (`don't`, `Aliyev’s`, `Nagorno-Karabakh`),
/// and inner periods between single letters (`U.S.`). A number keeps inner
/// separators before a digit (`2,500`, `3.5`). Every other visible character is
/// a punctuation token of its own (quotation marks included: voice detection
/// needs them).
public enum Tokenizer {
    /// The tokens of `bytes` between `start` and `end`, with the sentence index left at 0.
    public static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int? = nil) -> [Token] {
        let end = end ?? bytes.count
        var tokens: [Token] = []
        tokens.reserveCapacity((end - start) / 5)
        tokenize(bytes, from: start, to: end, into: &tokens)
        return tokens
    }

    /// Appends the tokens of `bytes` between `start` and `end` to `tokens` (sentence index 0).
    public static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into tokens: inout [Token]) {
        let classes = ScalarReader.smallClasses
        var index = start
        while index < end {
            let (value, length) = ScalarReader.decode(bytes, at: index)
            let kind = ScalarReader.characterClass(value, smallClasses: classes)
            switch kind {
            case .space:
                index += length
            case .letter, .digit:
                let tokenStart = index
                var hasLetter = kind == .letter
                index += length
                var lastWasLetterOrDigit = true
                var singleLetterRun = kind == .letter && length >= 1
                var runLength = 1
                while index < end {
                    let (next, nextLength) = ScalarReader.decode(bytes, at: index)
                    let nextKind = ScalarReader.characterClass(next, smallClasses: classes)
                    if nextKind == .letter || nextKind == .digit {
                        if nextKind == .letter { hasLetter = true }
                        index += nextLength
                        lastWasLetterOrDigit = true
                        runLength += 1
                        continue
                    }
                    guard lastWasLetterOrDigit, index + nextLength < end else { break }
                    let (after, _) = ScalarReader.decode(bytes, at: index + nextLength)
                    let afterKind = ScalarReader.characterClass(after, smallClasses: classes)
                    let joins: Bool
                    switch nextKind {
                    case .apostrophe, .hyphen:
                        joins = afterKind == .letter || afterKind == .digit
                    case .comma:
                        joins = !hasLetter && afterKind == .digit
                    case .period:
                        // 3.5, and U.S. / e.g. (single letters between periods).
                        joins = (!hasLetter && afterKind == .digit) || (singleLetterRun && runLength == 1 && afterKind == .letter)
                    default:
                        joins = false
                    }
                    if joins {
                        index += nextLength
                        lastWasLetterOrDigit = false
                        if nextKind != .period { singleLetterRun = false }
                        runLength = 0
                        continue
                    }
                    // The period that closes an abbreviation made of single letters: U.S.
                    if nextKind == .period, singleLetterRun, runLength == 1, index > tokenStart + length {
                        index += nextLength
                    }
                    break
                }
                tokens.append(
                    Token(start: Int32(tokenStart), end: Int32(index), kind: hasLetter ? .word : .number, sentence: 0))
            default:
                tokens.append(Token(start: Int32(index), end: Int32(index + length), kind: .punctuation, sentence: 0))
                index += length
            }
        }
    }
}
