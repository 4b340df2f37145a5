import SlantCore

/// Finds sentence boundaries among the tokens of one block of text.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotation marks and
/// brackets after it) when the next token starts like a sentence: a capital, a
/// digit or an opening quotation mark. A period after a known abbreviation
/// (`Mr.`, `Gen.`, `Jan.`) or a single capital (an initial) does not end one,
/// nor does an abbreviation such as `U.S.` unless a word that typically opens a
/// sentence follows. A line break inside a block always ends a sentence.
enum SentenceSplitter {
    /// Abbreviations after which a period does not end a sentence (compared without the period).
    static let abbreviations: Set<String> = [
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt",
        "Cmdr", "Adm", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Amb", "Supt", "Insp", "Det", "Fr", "Jan", "Feb",
        "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu",
        "Thurs", "Fri", "Sat", "Sun", "No", "Nos", "Vol", "vs", "v", "etc", "al", "approx", "ca", "cf", "Inc",
        "Ltd", "Co", "Corp", "Bros", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "Fig", "pp", "p", "para",
        "ed", "eds", "est", "min", "max", "ft", "km", "kg", "mln", "bln", "Op", "Art", "Sec",
        // Russian: г. (year / city), гг., т.е., др., ул., им.
        "г", "гг", "др", "ул", "им", "тыс", "млн", "млрд", "руб",
    ]

    /// Words that typically open a sentence, used after an abbreviation such as `U.S.`.
    static let sentenceOpeners: Set<String> = [
        "The", "A", "An", "It", "He", "She", "They", "We", "I", "You", "This", "That", "These", "Those", "In", "On",
        "At", "But", "And", "However", "Meanwhile", "There", "His", "Her", "Their", "Its", "Our", "As", "After",
        "Before", "When", "While", "If", "According", "Some", "Many", "Most", "Officials", "Earlier", "Later",
    ]

    /// Assigns sentence indices (starting at `firstSentence`) to `tokens[range]` and returns the sentence spans.
    ///
    /// A sentence longer than `maximumTokens` tokens is cut into pieces of at most that many
    /// (see ``cut(_:tokens:from:through:maximumTokens:)``); `cuts` counts the sentences cut.
    static func split(
        _ bytes: UnsafeBufferPointer<UInt8>, tokens: inout [Token], range: Range<Int>, paragraph: Int,
        firstSentence: Int, maximumTokens: Int = SegmentSettings.defaultMaximumSentenceTokens, cuts: inout Int
    ) -> [TextSpan] {
        guard !range.isEmpty else { return [] }
        var sentences: [TextSpan] = []
        var sentenceStart = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            var boundaryAfter: Int?
            if isTerminal(bytes, tokens[index]) {
                var last = index
                while last + 1 < range.upperBound, isTerminal(bytes, tokens[last + 1]) || isClosing(bytes, tokens[last + 1]),
                    tokens[last + 1].start == tokens[last].end
                {
                    last += 1
                }
                if last + 1 >= range.upperBound {
                    boundaryAfter = last
                } else if startsSentence(bytes, tokens[last + 1]), !isAbbreviationStop(bytes, tokens, at: index, next: last + 1, lowerBound: range.lowerBound) {
                    boundaryAfter = last
                }
                index = last
            } else if tokens[index].kind == .word, endsWithPeriod(bytes, tokens[index]), index + 1 < range.upperBound,
                isAbbreviationThenOpener(bytes, tokens[index + 1])
            {
                boundaryAfter = index
            }
            if boundaryAfter == nil, index + 1 < range.upperBound,
                hasLineBreak(bytes, from: Int(tokens[index].end), to: Int(tokens[index + 1].start))
            {
                boundaryAfter = index
            }
            if let boundary = boundaryAfter {
                appendSentence(&sentences, tokens: &tokens, from: sentenceStart, through: boundary, paragraph: paragraph,
                               firstSentence: firstSentence, bytes: bytes, maximumTokens: maximumTokens, cuts: &cuts)
                sentenceStart = boundary + 1
                index = boundary
            }
            index += 1
        }
        if sentenceStart < range.upperBound {
            appendSentence(&sentences, tokens: &tokens, from: sentenceStart, through: range.upperBound - 1,
                           paragraph: paragraph, firstSentence: firstSentence, bytes: bytes, maximumTokens: maximumTokens,
                           cuts: &cuts)
        }
        return sentences
    }

    private static func appendSentence(
        _ sentences: inout [TextSpan], tokens: inout [Token], from first: Int, through last: Int, paragraph: Int,
        firstSentence: Int, bytes: UnsafeBufferPointer<UInt8>, maximumTokens: Int, cuts: inout Int
    ) {
        let pieces = last - first + 1 > maximumTokens
            ? cut(bytes, tokens: tokens, from: first, through: last, maximumTokens: maximumTokens) : [first...last]
        if pieces.count > 1 { cuts += 1 }
        for piece in pieces {
            let index = Int32(firstSentence + sentences.count)
            for position in piece { tokens[position].sentence = index }
            sentences.append(TextSpan(start: Int(tokens[piece.lowerBound].start), end: Int(tokens[piece.upperBound].end), paragraph: paragraph))
        }
    }

    /// Pieces of at most `maximumTokens` tokens of an over-long sentence, in one pass: each piece
    /// ends after the last clause punctuation (`;` `:` `,` a dash, a closing bracket) in the second
    /// half of its window, else at the hard limit.
    static func cut(
        _ bytes: UnsafeBufferPointer<UInt8>, tokens: [Token], from first: Int, through last: Int, maximumTokens: Int
    ) -> [ClosedRange<Int>] {
        let limit = max(2, maximumTokens)
        var pieces: [ClosedRange<Int>] = []
        var start = first
        while last - start + 1 > limit {
            let hardEnd = start + limit - 1
            var end = hardEnd
            var index = hardEnd
            while index >= start + limit / 2 {
                if isClauseBreak(bytes, tokens[index]) { end = index; break }
                index -= 1
            }
            pieces.append(start...end)
            start = end + 1
        }
        pieces.append(start...last)
        return pieces
    }

    private static func isClauseBreak(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        guard token.kind == .punctuation else { return false }
        switch firstScalar(bytes, token) {
        case 0x3B, 0x3A, 0x2C, 0x060C, 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0x2013, 0x2014, 0x2015, 0x29, 0x5D: return true
        default: return false
        }
    }

    @inline(__always)
    private static func firstScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> UInt32 {
        ScalarReader.decode(bytes, at: Int(token.start)).0
    }

    private static func isTerminal(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        guard token.kind == .punctuation else { return false }
        switch firstScalar(bytes, token) {
        case 0x2E, 0x21, 0x3F, 0x2026, 0x203C, 0x2047, 0x2048, 0x2049, 0x3002, 0xFF01, 0xFF1F, 0x0589: return true
        default: return false
        }
    }

    /// Closing quotation marks and brackets that stay with the sentence they end.
    private static func isClosing(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        guard token.kind == .punctuation else { return false }
        switch firstScalar(bytes, token) {
        case 0x22, 0x27, 0x201D, 0x2019, 0x00BB, 0x201C, 0x29, 0x5D, 0x203A: return true
        default: return false
        }
    }

    private static func startsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        let scalar = firstScalar(bytes, token)
        if token.kind == .number { return true }
        if token.kind == .punctuation {
            switch scalar {
            case 0x22, 0x27, 0x201C, 0x2018, 0x00AB, 0x201E, 0x28, 0x5B, 0x2014, 0x2013, 0x2022, 0x2039: return true
            default: return false
            }
        }
        guard let unicode = Unicode.Scalar(scalar) else { return false }
        let properties = unicode.properties
        return properties.isUppercase || properties.generalCategory == .otherLetter
    }

    /// A period after an abbreviation or an initial, followed by a word that does not open sentences.
    private static func isAbbreviationStop(
        _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], at period: Int, next: Int, lowerBound: Int
    ) -> Bool {
        guard period > lowerBound, firstScalar(bytes, tokens[period]) == 0x2E else { return false }
        let previous = tokens[period - 1]
        guard previous.kind == .word, previous.end == tokens[period].start else { return false }
        let word = text(bytes, previous)
        let isInitial = word.unicodeScalars.count == 1 && word.unicodeScalars.first?.properties.isUppercase == true
        guard abbreviations.contains(word) || isInitial else { return false }
        return !sentenceOpeners.contains(text(bytes, tokens[next]))
    }

    private static func endsWithPeriod(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        token.end > token.start && bytes[Int(token.end) - 1] == 0x2E
    }

    private static func isAbbreviationThenOpener(_ bytes: UnsafeBufferPointer<UInt8>, _ next: Token) -> Bool {
        next.kind == .word && sentenceOpeners.contains(text(bytes, next))
    }

    private static func hasLineBreak(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        guard start < end else { return false }
        for index in start..<end where bytes[index] == 0x0A { return true }
        return false
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), as: UTF8.self)
    }
}
