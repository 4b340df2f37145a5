import SlantCore

/// Whether a span of tokens is negated: whether a negator governs the span itself.
///
/// The rule (the tag stage asks it only of predicates and evaluations — loaded-language
/// entries and terms of families a lexicon marks `negatable` — never of names):
/// - **Before the span**, in the same sentence: a negator (not, no, never, n't, neither, nor,
///   without, nobody, nothing, none, nowhere, cannot, dont/cant …; Russian не, нет, ни, никто,
///   ничего, никогда, без, никакой …; Armenian ոչ, չկա) with nothing between it and the span but
///   at most ``window`` *transparent* words: articles and "any", forms of be and have,
///   auxiliaries, degree adverbs (really, even, ever, longer, and lower-case words in -ly),
///   verbs of doing ("did not commit atrocities", "does not amount to genocide") and verbs of
///   naming with their pronoun object ("did not call it genocide", "не является оккупацией").
///   A negated subject counts too: "no" or "neither" and one noun before the term ("No army
///   occupied the village", "Neither side committed atrocities").
///   Any other word between them — a content verb and its object ("will never accept the
///   occupation"), a noun ("no end to the occupation"), a preposition ("not adjacent to the
///   disputed region", "nothing to do with"), a pronoun opening a new clause ("not mince
///   words, this is …"), a subordinator ("because", "that") or a conjunction — means the negator
///   governs something else, and the span is not negated. So does any punctuation between them
///   (a comma, ; : a dash, a bracket, a quotation mark): "No, the occupation …" is an answer,
///   not a negation. "not only" does not negate.
/// - **After the span**: a negator that follows what it negates, right after it: Turkish
///   değil / yok ("Bu bir işgal değil"), Azerbaijani deyil / yox ("işğal deyil"), Armenian
///   չէ / չկա ("օկուպացիա չէ").
///
/// The idioms that are not negation ("not mince words", "no end to", "nothing to do with",
/// "no change in") fall out of the rule: the negator governs the word after it, not the term.
public enum Negation {
    /// Transparent words looked back over between a negator and the span.
    public static let window = 4

    public static func isNegated(_ layer: TextLayer, tokenRange: Range<Int>) -> Bool {
        let tokens = layer.tokens
        guard !tokenRange.isEmpty, tokenRange.lowerBound >= 0, tokenRange.upperBound <= tokens.count else { return false }
        let string = layer.text
        if let result = string.utf8.withContiguousStorageIfAvailable({ isNegated(tokens, $0, tokenRange) }) {
            return result
        }
        let bytes = Array(string.utf8)
        return bytes.withUnsafeBufferPointer { isNegated(tokens, $0, tokenRange) }
    }

    private static func isNegated(_ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for index in range where !valid(tokens[index], bytes) { return false }
        return negatedBefore(tokens, bytes, range.lowerBound) || negatedAfter(tokens, bytes, range.upperBound - 1)
    }

    @inline(__always)
    private static func valid(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        token.start >= 0 && token.start < token.end && Int(token.end) <= bytes.count
    }

    @inline(__always)
    private static func classes(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> WordClass {
        VoiceLexicon.classes(bytes, Int(token.start), Int(token.end))
    }

    private static func negatedBefore(_ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        let sentence = tokens[start].sentence
        var index = start - 1
        var transparent = 0
        var next: WordClass = []  // classes of the token after `index`
        while index >= 0 {
            let token = tokens[index]
            guard token.sentence == sentence, valid(token, bytes), token.kind != .punctuation else { return false }
            let word = classes(bytes, token)
            if word.contains(.negator) || endsWithNegativeContraction(bytes, token) {
                return !next.contains(.only)
            }
            guard transparent < window else { return false }
            let before: WordClass = index > 0 && tokens[index - 1].kind == .word ? classes(bytes, tokens[index - 1]) : []
            if word.contains(.negationTransparent) || word.contains(.namingVerb) || isLowercaseAdverb(bytes, token) {
                transparent += 1
            } else if word.contains(.objectPronoun), before.contains(.namingVerb) {
                transparent += 1  // "call it", "describe them as"
            } else if word.contains(.to), before.contains(.amountVerb) {
                transparent += 1  // "does not amount to genocide"
            } else if before.contains(.subjectNegator), isPlainWord(word), index > 0, tokens[index - 1].sentence == sentence {
                return true  // "No army occupied the village", "Neither side committed atrocities": a negated subject.
            } else {
                return false
            }
            next = word
            index -= 1
        }
        return false
    }

    private static func negatedAfter(_ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>, _ last: Int) -> Bool {
        let following = last + 1
        guard following < tokens.count else { return false }
        let token = tokens[following]
        guard token.sentence == tokens[last].sentence, token.kind == .word, valid(token, bytes) else { return false }
        return classes(bytes, token).contains(.postNegator)
    }

    /// A word of no function class: a noun or a verb.
    private static func isPlainWord(_ word: WordClass) -> Bool {
        word.isDisjoint(with: [
            .preposition, .nounPreposition, .conjunction, .subordinator, .personPronoun, .itPronoun, .theyPronoun, .otherPronoun,
            .objectPronoun, .determiner, .auxiliary, .to, .there, .clauseBoundary,
        ])
    }

    /// A lower-case ASCII word ending in -ly of five letters or more ("legally", "really").
    private static func isLowercaseAdverb(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        let start = Int(token.start)
        let end = Int(token.end)
        guard token.kind == .word, end - start >= 5, bytes[start] >= 0x61, bytes[start] <= 0x7A else { return false }
        return bytes[end - 2] == 0x6C && bytes[end - 1] == 0x79
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
