import SlantCore

/// Whether a span of tokens is negated in its clause.
///
/// A span is negated when a negator occurs among the five words before it in the same
/// clause: not, no, never, n't (don't, can’t), neither, nor, without, nobody, nothing, none,
/// nowhere, cannot (and their apostrophe-less spellings in comments: dont, cant), Russian не,
/// нет, ни, никто, ничего, никогда, без. The clause ends (looking back) at a sentence
/// boundary, at ; : and dashes, at a comma followed by a conjunction, at but / while /
/// whereas / although / however, and at a quotation mark. "not only" does not negate.
///
/// "vows there can be NO diplomatic solution" → "diplomatic solution" negated;
/// "Nobody is asking for Nagorno Karabakh …" → "Nagorno Karabakh" negated.
public enum Negation {
    /// Words looked back over.
    public static let window = 5

    public static func isNegated(_ layer: TextLayer, tokenRange: Range<Int>) -> Bool {
        let tokens = layer.tokens
        guard tokenRange.lowerBound > 0, tokenRange.lowerBound <= tokens.count else { return false }
        let string = layer.text
        if let result = string.utf8.withContiguousStorageIfAvailable({ isNegated(tokens, $0, before: tokenRange.lowerBound) }) {
            return result
        }
        let bytes = Array(string.utf8)
        return bytes.withUnsafeBufferPointer { isNegated(tokens, $0, before: tokenRange.lowerBound) }
    }

    private static func isNegated(_ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        let sentence = start < tokens.count ? tokens[start].sentence : tokens[start - 1].sentence
        var index = start - 1
        var words = 0
        var next: Int?  // the token after `index` already looked at
        while index >= 0, words < window {
            let token = tokens[index]
            guard token.sentence == sentence, token.start >= 0, token.end <= bytes.count, token.start < token.end else {
                return false
            }
            if token.kind == .punctuation {
                let scalar = ScalarReader.decode(bytes, at: Int(token.start)).0
                switch scalar {
                case 0x3B, 0x3A, 0x2014, 0x2013, 0x2015, 0xFF1B, 0xFF1A: return false
                case 0x2C, 0x060C, 0xFF0C:
                    if let next, tokens[next].kind == .word,
                        !VoiceLexicon.classes(bytes, Int(tokens[next].start), Int(tokens[next].end))
                            .isDisjoint(with: [.conjunction, .clauseBoundary, .subordinator])
                    {
                        return false
                    }
                default:
                    if QuoteGlyph(scalar: scalar) != .none { return false }
                }
            } else {
                let classes = VoiceLexicon.classes(bytes, Int(token.start), Int(token.end))
                if classes.contains(.negator) || endsWithNegativeContraction(bytes, token) {
                    // "not only … but also" does not negate.
                    if let next, tokens[next].kind == .word,
                        VoiceLexicon.classes(bytes, Int(tokens[next].start), Int(tokens[next].end)).contains(.only)
                    {
                        return false
                    }
                    return true
                }
                if classes.contains(.clauseBoundary) { return false }
                words += 1
            }
            next = index
            index -= 1
        }
        return false
    }

    private static func endsWithNegativeContraction(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        let start = Int(token.start)
        let end = Int(token.end)
        guard end - start >= 3, bytes[end - 1] | 0x20 == 0x74 else { return false }  // t
        if bytes[end - 2] == 0x27 { return bytes[end - 3] | 0x20 == 0x6E }  // n't
        if end - start >= 5, bytes[end - 2] == 0x99, bytes[end - 3] == 0x80, bytes[end - 4] == 0xE2 {
            return bytes[end - 5] | 0x20 == 0x6E  // n’t
        }
        return false
    }
}
