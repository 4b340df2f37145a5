import SlantCore

/// What a plain-text article holds once read: its headline, its body blocks and its reader comments.
struct PlainTextReading {
    /// The first line, when it reads as a headline (and no title was given with the document).
    var headline: String?
    var paragraphs: [String]
    var comments: [Comment]
}

/// Reads plain text the way a reader reads a scrape or a wire feed.
///
/// - **Paragraphs** are found whether the source separates them with blank lines or hard-wraps its
///   lines (``LineWrap``).
/// - **The headline** is the first line with a letter in it, when it stands on its own and reads as a
///   headline (``PlainText/looksLikeHeadline(_:)``); it goes to the metadata and is not repeated in
///   the body (a copy of it among the next paragraphs is left out too, as are lines before it that
///   hold no letter: counters, rules). A title given with the document (front matter, JSON Lines) is
///   the headline instead, and a paragraph that repeats it at the start is left out.
/// - **Reader comments** after a separator line, or a trailing comment area found by its markers,
///   are kept apart from the body (``PlainTextComments``).
enum PlainText {
    /// One line of the text, white space collapsed.
    struct Line {
        var text: String
        /// Unicode scalars in `text`.
        var length: Int
        /// Leading white space of the raw line (a tab counts as 4).
        var indent: Int

        var isBlank: Bool { text.isEmpty }
    }

    static func read(_ text: String, givenTitle: String?) -> PlainTextReading {
        let lines = lines(of: text)
        let wrap = LineWrap(lines)
        let area = PlainTextComments.area(in: lines)
        let bodyLines = lines[..<(area?.bodyEnd ?? lines.count)]
        var paragraphs = wrap.paragraphs(bodyLines)
        var headline: String?
        if let givenTitle {
            let title = TitleCleaner.folded(givenTitle)
            if let repeated = paragraphs.prefix(3).firstIndex(where: { TitleCleaner.folded($0.text) == title }), !title.isEmpty {
                paragraphs.remove(at: repeated)
            }
        } else if let first = paragraphs.firstIndex(where: { hasLetter($0.text) }), first + 1 < paragraphs.count,
            paragraphs[first].lines == 1, looksLikeHeadline(paragraphs[first].text)
        {
            headline = paragraphs[first].text
            paragraphs.removeSubrange(...first)
            let folded = TitleCleaner.folded(headline ?? "")
            if !folded.isEmpty, let repeated = paragraphs.prefix(3).firstIndex(where: { TitleCleaner.folded($0.text) == folded }) {
                paragraphs.remove(at: repeated)
            }
        }
        let comments = area.map { PlainTextComments.comments(in: lines, area: $0, wrap: wrap) } ?? []
        return PlainTextReading(headline: headline, paragraphs: paragraphs.map(\.text), comments: comments)
    }

    /// The lines of a text (`\n`, `\r\n` or `\r` ends a line), white space collapsed.
    static func lines(of text: String) -> [Line] {
        var lines: [Line] = []
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var index = 0
            func finish(_ end: Int) {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
                var indent = 0
                for byte in raw {
                    if byte == 0x20 { indent += 1 } else if byte == 0x09 { indent += 4 } else { break }
                }
                let collapsed = TextNormalizer.collapsedWhitespace(raw)
                lines.append(Line(text: collapsed, length: collapsed.unicodeScalars.count, indent: indent))
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    finish(index)
                    if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                    start = index + 1
                }
                index += 1
            }
            if start < bytes.count { finish(bytes.count) }
        }
        return lines
    }

    /// Characters that end a sentence (or a quotation that ends one) at the end of a line.
    static let sentenceEnds: Set<Unicode.Scalar> = Set(".!?:;\"”’'…)]»」。！？".unicodeScalars)

    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return sentenceEnds.contains(last)
    }

    static func hasLetter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// A headline: at most 200 characters, with a letter, not ending as a sentence or a clause does
    /// (`.`, `,`, `;`, `:`), and one sentence at most (a `?` or `!` may end it).
    static func looksLikeHeadline(_ line: String) -> Bool {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count <= 200, let last = scalars.last, hasLetter(line) else { return false }
        if ".,;:".unicodeScalars.contains(last) { return false }
        // A sentence break inside (". A", "? The") means a lede, not a headline.
        for index in scalars.indices.dropLast(2) where ".!?".unicodeScalars.contains(scalars[index]) {
            if scalars[index + 1] == " ", scalars[index + 2].properties.isUppercase { return false }
        }
        return true
    }
}

/// A paragraph built from lines, and how many lines it took.
struct TextParagraph {
    var text: String
    var lines: Int
}

/// Tells a hard-wrapped line break from a deliberate one.
///
/// A text is hard-wrapped when its lines that run on into a next line without ending a sentence are
/// of similar length: at least three of them, three in four within a long word (15 characters, or a
/// fifth of the width) of the wrap width (the 90th percentile of their lengths), and they are at least
/// a quarter of all lines that run on. In a wrapped text a line break is a wrap — the lines are joined —
/// when the next line's first word would not have fitted on the line, so a short line (the end of a
/// paragraph, a line of an address or a list) keeps its break; a line that starts with a bullet, or is
/// indented more than the one before, starts a new paragraph, and a word split at a hyphen is joined
/// without a space. In a text that is not wrapped (one paragraph per line, as most scrapers write), a
/// line break separates paragraphs unless it falls inside a sentence: no end punctuation before it and
/// a lower-case letter after it. Blank lines always separate paragraphs.
struct LineWrap {
    /// The wrap width in characters, when the text is hard-wrapped.
    let width: Int?

    init(_ lines: [PlainText.Line]) {
        var runOn = 0
        var unpunctuated: [Int] = []
        for index in lines.indices.dropLast() where !lines[index].isBlank && !lines[index + 1].isBlank {
            runOn += 1
            if !PlainText.endsSentence(lines[index].text) { unpunctuated.append(lines[index].length) }
        }
        guard unpunctuated.count >= 3, unpunctuated.count * 4 >= runOn else {
            width = nil
            return
        }
        unpunctuated.sort()
        let candidate = unpunctuated[(unpunctuated.count - 1) * 9 / 10]
        let lowest = max(candidate - 15, candidate * 4 / 5)
        let similar = unpunctuated.count(where: { $0 >= lowest })
        width = similar * 4 >= unpunctuated.count * 3 ? candidate : nil
    }

    /// Whether the break between two non-blank lines is a wrap inside a paragraph.
    func joins(_ previous: PlainText.Line, _ next: PlainText.Line) -> Bool {
        guard let width else {
            guard !PlainText.endsSentence(previous.text), let first = next.text.unicodeScalars.first else { return false }
            return first.properties.isLowercase
        }
        if Self.startsWithBullet(next.text) { return false }
        if next.indent > previous.indent, !Self.startsWithBullet(previous.text) { return false }
        return previous.length + 1 + Self.firstWordLength(next.text) > width
    }

    /// The paragraphs of a run of lines.
    func paragraphs(_ lines: ArraySlice<PlainText.Line>) -> [TextParagraph] {
        var paragraphs: [TextParagraph] = []
        var current: TextParagraph?
        var previous: PlainText.Line?
        for line in lines {
            if line.isBlank {
                if let finished = current { paragraphs.append(finished) }
                current = nil
                previous = nil
                continue
            }
            if current != nil, let last = previous, joins(last, line) {
                // In place: a paragraph of many lines is built in linear time.
                current?.text += width != nil && Self.endsWithWordHyphen(last.text) ? line.text : " " + line.text
                current?.lines += 1
            } else {
                if let finished = current { paragraphs.append(finished) }
                current = TextParagraph(text: line.text, lines: 1)
            }
            previous = line
        }
        if let finished = current { paragraphs.append(finished) }
        return paragraphs
    }

    private static func firstWordLength(_ text: String) -> Int {
        var length = 0
        for scalar in text.unicodeScalars {
            if scalar == " " { break }
            length += 1
        }
        return length
    }

    private static let bullets: Set<Unicode.Scalar> = ["•", "▪", "◦", "●", "‣", "*", "·"]

    private static func startsWithBullet(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next(), bullets.contains(first) else { return false }
        return scalars.next() == " "
    }

    /// `Nagorno-` at the end of a line: a word the wrap split at its hyphen (not a dash ` -`).
    private static func endsWithWordHyphen(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard scalars.count >= 2, scalars.last == "-" else { return false }
        return scalars[scalars.index(scalars.endIndex, offsetBy: -2)].properties.isAlphabetic
    }
}
