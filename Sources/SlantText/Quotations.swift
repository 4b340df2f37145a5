/// A quotation found among the tokens: its marks and its nesting.
struct QuoteSpan {
    /// Token index of the opening mark.
    var open: Int
    /// Token index of the closing mark, or of the last token the quotation was cut at when unbalanced.
    var close: Int
    var isBalanced: Bool
    /// Nested inside another quotation.
    var isNested: Bool

    /// Tokens strictly between the marks (for an unbalanced quotation, up to and including `close`).
    var inner: Range<Int> { (open + 1)..<(isBalanced ? close : close + 1) }
    /// All tokens of the quotation, marks included.
    var all: ClosedRange<Int> { open...close }
}

/// Pairs quotation marks into quotations.
///
/// Rules:
/// - Families pair among themselves: “ ” „ " (double), ‘ ’ ‚ ' (single), « », ‹ ›, 「 」, 『 』.
///   A closing mark closes the innermost open quotation of its family; quotations opened
///   inside it and still open are cut there (unbalanced).
/// - Curly marks are read by their shape (“ opens, ” closes), with the German and Russian
///   „…“ pairing, Swedish ”…” and sloppy “…“ handled by which side of the mark touches a
///   word. Straight marks are read by that alone: a mark touching a word on its right only
///   opens, on its left only closes, and one between spaces toggles.
/// - An apostrophe is not a quotation mark: inside a word the tokenizer keeps it in the
///   word (don't, Aliyev’s); a leading ’ or ' before a decade or an elision ('90s, 'em, 'n')
///   is skipped; a trailing ’ or ' after a word in -s (Azerbaijanis’) closes an open single
///   quotation only if no other closing single mark follows on the line, and is otherwise a
///   possessive.
/// - Opening a family that is already open cuts the open one (and anything opened inside
///   it) before the new mark: “A “B” reads as an unbalanced “A and a quotation “B”. This keeps
///   at most one open quotation per family, so the work is linear whatever the input.
/// - At the end of a line (a paragraph, or a line break inside one) every open quotation is
///   cut and marked unbalanced, except that when the next line opens with a mark of the
///   outermost open quotation's family (the English convention for a quotation running over
///   paragraphs), that quotation continues and only the ones nested in it are cut.
/// - A quotation with no word inside is not kept.
enum QuotationFinder {
    private struct Open {
        var token: Int
        var glyph: QuoteGlyph
        var family: QuoteFamily
    }

    private enum Role { case open, close, none }

    /// Maximum tokens looked ahead to decide whether a trailing ’ after an -s word is a possessive.
    private static let possessiveLookahead = 60

    static func find(_ text: VoiceText) -> [QuoteSpan] {
        var spans: [QuoteSpan] = []
        var stack: [Open] = []
        stack.reserveCapacity(QuoteFamily.allCases.count)
        var openCount = [Int](repeating: 0, count: QuoteFamily.allCases.count)
        let count = text.count

        func record(_ entry: Open, depth: Int, close: Int, balanced: Bool) {
            let inner = (entry.token + 1)..<(balanced ? close : close + 1)
            guard !inner.isEmpty, text.wordCount(inner) > 0 else { return }
            spans.append(QuoteSpan(open: entry.token, close: close, isBalanced: balanced, isNested: depth > 0))
        }
        /// Cuts the stack down to `depth` entries, ending the cut quotations at token `last`.
        func cut(to depth: Int, at last: Int) {
            while stack.count > depth, let entry = stack.popLast() {
                openCount[entry.family.rawValue] -= 1
                record(entry, depth: stack.count, close: last, balanced: false)
            }
        }
        func push(_ index: Int, _ glyph: QuoteGlyph, _ family: QuoteFamily) {
            if openCount[family.rawValue] > 0, let depth = stack.lastIndex(where: { $0.family == family }) {
                cut(to: depth, at: index - 1)
            }
            stack.append(Open(token: index, glyph: glyph, family: family))
            openCount[family.rawValue] += 1
        }
        func close(_ index: Int, _ family: QuoteFamily) {
            guard let depth = stack.lastIndex(where: { $0.family == family }) else { return }
            cut(to: depth + 1, at: index - 1)
            let entry = stack.removeLast()
            openCount[family.rawValue] -= 1
            record(entry, depth: stack.count, close: index, balanced: true)
        }

        var index = 0
        while index < count {
            if text.is(index, .lineStart), index > 0, !stack.isEmpty {
                // End of a line with quotations open: continue the outermost one if this line
                // opens with a mark of its family, cut everything else.
                if continuesQuotation(text, index, outer: stack[0].glyph) {
                    cut(to: 1, at: index - 1)
                    index += 1  // The continuation mark belongs to the open quotation.
                    continue
                }
                if closesOnNextLine(text, from: index, outer: stack[0].glyph) {
                    cut(to: 1, at: index - 1)
                } else {
                    cut(to: 0, at: index - 1)
                }
            }
            let glyph = text.glyph[index]
            if let family = glyph.family {
                switch role(text, index, glyph: glyph, stack: stack, openCount: openCount) {
                case .open: push(index, glyph, family)
                case .close: close(index, family)
                case .none: break
                }
            }
            index += 1
        }
        if !stack.isEmpty { cut(to: 0, at: count - 1) }
        spans.sort { $0.open < $1.open }
        return spans
    }

    /// A line that opens with an opening mark of the family of `outer` (the English convention
    /// for a quotation running over paragraphs: “… ¶ “… ”).
    private static func continuesQuotation(_ text: VoiceText, _ index: Int, outer: QuoteGlyph) -> Bool {
        let glyph = text.glyph[index]
        guard glyph.family == outer.family, !isElision(text, index) else { return false }
        switch glyph {
        case .leftDouble, .lowDouble, .leftSingle, .lowSingle, .leftGuillemet, .leftAngle, .leftCorner, .leftWhiteCorner:
            return true
        case .straightDouble, .straightSingle, .rightDouble, .rightSingle, .rightGuillemet, .rightAngle:
            // Ambiguous shapes continue only when they touch the word they open, and the
            // reversed conventions (”…”, »…«) only when the quotation was opened that way.
            return text.joined(index) && (glyph == outer || glyph == .straightDouble || glyph == .straightSingle)
        case .rightCorner, .rightWhiteCorner, .none:
            return false
        }
    }

    /// A line whose first mark of the family of `outer` (a double quotation mark or a guillemet)
    /// can only close: the quotation runs on into it though the line does not reopen it, as
    /// scraped text often has it (“… ¶ … ,” the channel said).
    private static func closesOnNextLine(_ text: VoiceText, from start: Int, outer: QuoteGlyph) -> Bool {
        guard let family = outer.family, family == .double || family == .guillemet else { return false }
        var index = start
        while index < text.count, index == start || !text.is(index, .lineStart) {
            let glyph = text.glyph[index]
            if glyph.family == family {
                let previousJoined = text.is(index, .joinedToPrevious)
                let nextJoined = text.joined(index)
                let canOpen = nextJoined && !(previousJoined && text.isWordOrNumber(index - 1))
                let canClose = previousJoined && !(nextJoined && text.isWordOrNumber(index + 1))
                switch glyph {
                case .rightDouble: return !(canOpen && !canClose)
                case .straightDouble: return canClose && !canOpen
                case .rightGuillemet: return outer == .leftGuillemet && !(canOpen && !canClose)
                case .leftGuillemet: return outer == .rightGuillemet && canClose && !canOpen
                default: return false
                }
            }
            index += 1
        }
        return false
    }

    /// Whether the mark at `index` opens, closes or is no quotation mark, given what is open.
    private static func role(_ text: VoiceText, _ index: Int, glyph: QuoteGlyph, stack: [Open], openCount: [Int]) -> Role {
        let previousJoined = text.is(index, .joinedToPrevious)
        let nextJoined = text.joined(index)
        let previousIsWord = previousJoined && index > 0 && text.isWordOrNumber(index - 1)
        let nextIsWord = nextJoined && text.isWordOrNumber(index + 1)
        // Touching a word (or punctuation) on the right only: can open; on the left only: can close.
        let canOpen = nextJoined && !previousIsWord
        let canClose = previousJoined && !nextIsWord
        guard let family = glyph.family else { return .none }
        let isOpen = openCount[family.rawValue] > 0
        let innermost = stack.last(where: { $0.family == family })?.glyph

        switch glyph {
        case .leftDouble:
            if isOpen, innermost == .lowDouble, !(canOpen && !canClose) { return .close }
            if isOpen, stack.last?.family == .double, canClose, !canOpen { return .close }
            return .open
        case .rightDouble:
            if isOpen { return .close }
            return canOpen && !canClose ? .open : .none
        case .lowDouble, .lowSingle:
            return canClose && !canOpen ? .none : .open
        case .straightDouble:
            if canOpen && !canClose { return .open }
            if isOpen { return .close }
            return canOpen || canClose ? .none : .open
        case .leftSingle:
            if canOpen, !canClose, isElision(text, index) { return .none }
            if isOpen, innermost == .lowSingle, !(canOpen && !canClose) { return .close }
            if isOpen, stack.last?.family == .single, canClose, !canOpen { return .close }
            if canOpen && canClose { return .none }  // Inside a word: can‘t.
            return .open
        case .rightSingle, .straightSingle:
            if canOpen && !canClose {
                if isElision(text, index) { return .none }
                if glyph == .straightSingle || !isOpen { return .open }
                return .none
            }
            if canOpen && canClose { return .none }
            if isOpen {
                if canClose, isPossessive(text, index) { return .none }
                return .close
            }
            return .none
        case .leftGuillemet:
            return isOpen && innermost == .rightGuillemet ? .close : .open
        case .rightGuillemet:
            if isOpen { return innermost == .rightGuillemet ? .open : .close }
            return canOpen && !canClose ? .open : .none
        case .leftAngle:
            return isOpen && innermost == .rightAngle ? .close : .open
        case .rightAngle:
            if isOpen { return innermost == .rightAngle ? .open : .close }
            return canOpen && !canClose ? .open : .none
        case .leftCorner, .leftWhiteCorner:
            return .open
        case .rightCorner, .rightWhiteCorner:
            return isOpen ? .close : .none
        case .none:
            return .none
        }
    }

    /// A leading apostrophe: ’90s, 'em, rock 'n' roll.
    private static func isElision(_ text: VoiceText, _ index: Int) -> Bool {
        guard text.joined(index) else { return false }
        let next = index + 1
        return text.is(next, .decade) || text.has(next, .elision)
    }

    /// A trailing apostrophe after a word in -s, followed by a word, with another closing
    /// single mark later on the same line: the Azerbaijanis’ land.
    private static func isPossessive(_ text: VoiceText, _ index: Int) -> Bool {
        guard index > 0, text.is(index - 1, .endsWithS), text.isWord(index - 1),
            index + 1 < text.count, !text.is(index + 1, .lineStart), text.isWord(index + 1)
        else { return false }
        var ahead = index + 1
        let limit = min(text.count, index + 1 + possessiveLookahead)
        while ahead < limit, !text.is(ahead, .lineStart) {
            let other = text.glyph[ahead]
            if other == .leftSingle || other == .lowSingle { return false }
            if other == .rightSingle || other == .straightSingle {
                let previousIsWord = text.is(ahead, .joinedToPrevious) && text.isWordOrNumber(ahead - 1)
                let nextIsWord = text.joined(ahead) && text.isWordOrNumber(ahead + 1)
                let canClose = text.is(ahead, .joinedToPrevious) && !nextIsWord
                let canOpen = text.joined(ahead) && !previousIsWord
                if canClose && !canOpen { return true }
                if canOpen && !canClose { return false }
            }
            ahead += 1
        }
        return false
    }
}
