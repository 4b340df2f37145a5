import SlantCore

/// Reader comments in plain text: after a separator line, or in a trailing comment area that a scrape
/// of a comment system leaves behind, found with the signs the HTML comment detector reads in markup.
///
/// **The separator** is a line `--- comments ---` (any case, three or more `-` or `=` on each side,
/// `reader comments` too): everything after it is reader comments, nothing after it is article.
///
/// **Without one**, the comment area starts at the first line, after at least two lines of text, that
/// is
/// - a comment system's heading or control: `12 comments`, `Comments (3)`, `Kommentare`,
///   `Комментарии`, `Yorumlar` (the plural nouns of 14 languages; a singular or `replies` only after a
///   count: `1 comment`), `3 thoughts on “…”`, `5 responses to “…”`,
///   `Discussion Policy`, `Comment guidelines`, `Leave a reply`, `Join the discussion`,
///   `View all comments`, `Notify of`, `Comments are closed`; or
/// - a comment's header, `Name said:` (`says:`, `wrote:`, `writes:`, `commented:`, `replied:`; a name of
///   at most six words, perhaps numbered: `1. GB said:`), when it is numbered or such headers make up at
///   least one block in three from there to the end (an article's `the minister said:` before a quotation
///   does not), and not every text after them opens with a quotation mark.
///
/// **Inside the area**, headings, the controls right under a heading (`Newest Most Voted`), the policy
/// text under a policy heading, prompts (`please comment`), comment metadata (`Reply`, `3 likes`,
/// `2 hours ago`, `Last edited 1 year ago by …`, a date under a header) are left out; a metadata line
/// ends a comment. With `Name said:` headers, each starts a comment and names its author (text before
/// the first is the comment system's notice). Without them, a line of at most six words and no
/// sentence punctuation, standing alone right before a comment's text, is its author (`John Wooh`);
/// comments are separated by the widest gap the area uses (two blank lines, when it uses them, and one
/// blank line then separates the paragraphs of one comment), by a line `---`, or by an author line.
enum PlainTextComments {
    /// Where the comments are.
    struct Area {
        /// The first line that is not article (the separator, heading or first header).
        var bodyEnd: Int
        /// The first line of the area's content.
        var contentStart: Int
        var kind: Kind
    }

    enum Kind {
        /// After a separator line.
        case separator
        /// Under a comment system's heading; `policy` when the heading names a policy whose text follows.
        case heading(policy: Bool)
        /// At the first `Name said:` header.
        case header
    }

    // MARK: - Finding the area

    static func area(in lines: [PlainText.Line]) -> Area? {
        var textLines = 0
        var headerRuns: HeaderRuns?
        for index in lines.indices where !lines[index].isBlank {
            let line = lines[index]
            if isSeparator(line.text) { return Area(bodyEnd: index, contentStart: index + 1, kind: .separator) }
            if textLines >= 2 {
                if let heading = Self.heading(line.text) {
                    return Area(bodyEnd: index, contentStart: index + 1, kind: .heading(policy: heading == .policy))
                }
                if let header = Self.header(line.text) {
                    let runs = headerRuns ?? HeaderRuns(lines)
                    headerRuns = runs
                    if header.numbered || runs.startsRun(at: index) {
                        return Area(bodyEnd: index, contentStart: index, kind: .header)
                    }
                }
            }
            if PlainText.hasLetter(line.text) { textLines += 1 }
        }
        return nil
    }

    /// How many blocks, headers and headers followed by a quotation there are from each line to the end
    /// of the text, counted once (so finding the area stays linear in the text, however many headers).
    private struct HeaderRuns {
        var blocks: [Int]
        var headers: [Int]
        var quoted: [Int]

        init(_ lines: [PlainText.Line]) {
            let count = lines.count
            blocks = Array(repeating: 0, count: count + 1)
            headers = Array(repeating: 0, count: count + 1)
            quoted = Array(repeating: 0, count: count + 1)
            var nextTextStartsQuotation = false
            for index in stride(from: count - 1, through: 0, by: -1) {
                let line = lines[index]
                let startsBlock = !line.isBlank && (index == 0 || lines[index - 1].isBlank)
                let isHeader = !line.isBlank && PlainTextComments.header(line.text) != nil
                blocks[index] = blocks[index + 1] + (startsBlock ? 1 : 0)
                headers[index] = headers[index + 1] + (isHeader ? 1 : 0)
                quoted[index] = quoted[index + 1] + (isHeader && nextTextStartsQuotation ? 1 : 0)
                if !line.isBlank, let first = line.text.unicodeScalars.first {
                    nextTextStartsQuotation = "“\"„«‘'‚‹「".unicodeScalars.contains(first)
                }
            }
        }

        /// Whether the headers from the header line `index` on are at least two, make up at least one block
        /// in three to the end (the header's own line opens a block, whatever precedes it), and are not
        /// all followed by a quotation.
        func startsRun(at index: Int) -> Bool {
            let blocksFromHere = blocks[index + 1] + 1
            return headers[index] >= 2 && headers[index] * 3 >= blocksFromHere && quoted[index] < headers[index]
        }
    }

    /// `--- comments ---`, `=== Reader comments ===`.
    static func isSeparator(_ text: String) -> Bool {
        guard let lead = text.utf8.first, lead == UInt8(ascii: "-") || lead == UInt8(ascii: "=") else { return false }
        let scalars = Array(text.unicodeScalars)
        func rule(_ range: some Sequence<Int>) -> Int {
            var count = 0
            for index in range {
                let scalar = scalars[index]
                if scalar == "-" || scalar == "=" { count += 1 } else if scalar != " " { break }
            }
            return count
        }
        guard scalars.count >= 14, rule(scalars.indices) >= 3, rule(scalars.indices.reversed()) >= 3 else { return false }
        let words = words(of: text)
        return words == ["comments"] || words == ["reader", "comments"]
    }

    enum Heading { case heading, policy }

    /// Plural nouns comment systems head their areas with, alone or with a count (`Comments`,
    /// `Kommentare (3)`), in the languages of the corpora Slant is used on.
    private static let commentNouns: Set<String> = [
        "comments", "kommentare", "commentaires", "comentarios", "comentários", "commenti", "komentarze",
        "komentarzy", "комментарии", "комментариев", "коментарі", "коментарів", "yorumlar", "şərhlər",
        "մեկնաբանություններ", "σχόλια", "hozzászólások", "reacties",
    ]
    /// Nouns that head a comment area only after a count (`1 comment`, `5 replies`): alone, `Comment`,
    /// `Kommentar` or `Reactions` are also what an opinion piece or a news section is called.
    private static let countedCommentNouns: Set<String> = commentNouns.union([
        "comment", "kommentar", "commentaire", "comentario", "comentário", "commento", "komentarz", "комментарий",
        "комментария", "коментар", "коментаря", "yorum", "şərh", "մեկնաբանություն", "responses", "replies", "reactions",
    ])

    /// Whether a line is a comment system's heading or control, and which kind.
    static func heading(_ text: String) -> Heading? {
        guard text.unicodeScalars.count <= 300 else { return nil }
        let words = words(of: text)
        guard let first = words.first else { return nil }
        let isNumber = first.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
        if isNumber, words.count >= 2 {
            // `12 comments`, `3 thoughts on “…”`, `5 responses to “…”`.
            if words.count <= 4, countedCommentNouns.contains(words[1]) { return .heading }
            if words.count >= 3, ["thought", "thoughts"].contains(words[1]), words[2] == "on" { return .heading }
            if words.count >= 3, ["response", "responses", "reply", "replies"].contains(words[1]), words[2] == "to" { return .heading }
        }
        guard words.count <= 6 else { return nil }
        // `Comments`, `Comments (3)`, `Reader comments`, `Kommentare 12`.
        let bare = words.filter { !$0.unicodeScalars.allSatisfy { $0.properties.numericType != nil } }
        if bare.count == 1, commentNouns.contains(bare[0]) { return .heading }
        if bare.count == 2, ["reader", "readers", "user", "your"].contains(bare[0]), commentNouns.contains(bare[1]) { return .heading }
        if words.count >= 2, ["discussion", "comment", "comments", "commenting", "community", "moderation"].contains(first),
            ["policy", "guidelines", "rules"].contains(words[1])
        {
            return .policy
        }
        if phrase(words, ["leave", "post", "add", "write", "submit"], ["a", "your"], ["comment", "reply", "response"]) { return .heading }
        if phrase(words, ["join", "start"], ["the"], ["discussion", "conversation"]) { return .heading }
        if ["view", "show", "load", "read", "see"].contains(first), words.dropFirst().contains("comments"),
            words.count <= 4
        {
            return .heading
        }
        if words == ["notify", "of"] || words.starts(with: ["comments", "are", "closed"]) { return .heading }
        return nil
    }

    /// `verb (article) noun ...`: a phrase of three slots, the middle one optional.
    private static func phrase(_ words: [String], _ verbs: Set<String>, _ articles: Set<String>, _ nouns: Set<String>) -> Bool {
        guard words.count >= 2, verbs.contains(words[0]) else { return false }
        if nouns.contains(words[1]) { return true }
        return words.count >= 3 && articles.contains(words[1]) && nouns.contains(words[2])
    }

    /// A comment's header: its author and whether it is numbered (`1. GB said:`).
    struct Header {
        var author: String
        var numbered: Bool
    }

    /// Verbs of comment headers (as the HTML detector strips them from author names).
    private static let headerVerbs = ["said", "says", "wrote", "writes", "commented", "replied"]

    static func header(_ text: String) -> Header? {
        guard text.unicodeScalars.count <= 90, text.hasSuffix(":") else { return nil }
        var body = Substring(text.dropLast()).trimmingSpaces()
        guard let space = body.lastIndex(of: " "), headerVerbs.contains(body[body.index(after: space)...].lowercased()) else {
            return nil
        }
        body = body[..<space].trimmingSpaces()
        var numbered = false
        if let first = body.firstIndex(where: { !$0.isNumber }), first != body.startIndex,
            body[first] == "." || body[first] == ")"
        {
            numbered = true
            body = body[body.index(after: first)...].trimmingSpaces()
        }
        let name = String(body)
        guard !name.isEmpty, name.split(separator: " ").count <= 6, PlainText.hasLetter(name),
            !name.unicodeScalars.contains(where: { ",;!?“”\"«»".unicodeScalars.contains($0) })
        else { return nil }
        return Header(author: name, numbered: numbered)
    }

    // MARK: - Reading the comments

    /// One block of lines of the area, with the blank lines before it.
    private struct Block {
        var paragraphs: [TextParagraph]
        var gap: Int
        /// A comment's header (`Name said:`) leading the block, if any.
        var header: String?
        /// A metadata line ended the block: the comment it belongs to ends with it.
        var endsComment = false
        /// An explicit `---` came before the block.
        var ruled = false
    }

    static func comments(in lines: [PlainText.Line], area: Area, wrap: LineWrap) -> [Comment] {
        var index = area.contentStart
        if case .heading(let policy) = area.kind {
            index = skippingControls(lines, from: index)
            if policy { index = skippingBlock(lines, from: index) }
        }
        let blocks = blocks(lines, from: index, wrap: wrap)
        if blocks.contains(where: { $0.header != nil }) { return byHeaders(blocks) }
        return byGaps(blocks)
    }

    /// Past the controls right under a heading: a run of short lines with no blank line between (the
    /// last of them stays when a text follows it after a blank line: it is the first comment's author).
    private static func skippingControls(_ lines: [PlainText.Line], from start: Int) -> Int {
        var index = start
        while index < lines.count, !lines[index].isBlank, isShortLabel(lines[index].text) { index += 1 }
        guard index > start, index < lines.count, lines[index].isBlank else { return index }
        let nextText = lines[index...].firstIndex { !$0.isBlank }
        if let nextText, !isShortLabel(lines[nextText].text) { return index - 1 }
        return index
    }

    private static func skippingBlock(_ lines: [PlainText.Line], from start: Int) -> Int {
        var index = start
        while index < lines.count, lines[index].isBlank { index += 1 }
        while index < lines.count, !lines[index].isBlank { index += 1 }
        return index
    }

    /// At most six words, a letter, no sentence or clause punctuation, no link: a name or a control.
    static func isShortLabel(_ text: String) -> Bool {
        guard text.unicodeScalars.count <= 60, PlainText.hasLetter(text), !PlainText.endsSentence(text),
            text.split(separator: " ").count <= 6, !text.contains("://")
        else { return false }
        return !text.unicodeScalars.contains { ",;:".unicodeScalars.contains($0) }
    }

    /// The area's blocks, metadata, headings and prompts left out.
    private static func blocks(_ lines: [PlainText.Line], from start: Int, wrap: LineWrap) -> [Block] {
        var blocks: [Block] = []
        var gap = 0
        var ruled = false
        var afterMetadata = false
        var pending: [PlainText.Line] = []
        var header: String?
        var previousWasHeader = false

        func flush(endsComment: Bool) {
            let paragraphs = wrap.paragraphs(pending[...])
            if !paragraphs.isEmpty || header != nil {
                blocks.append(Block(paragraphs: paragraphs, gap: afterMetadata ? Int.max : gap, header: header, endsComment: endsComment, ruled: ruled))
                afterMetadata = false
                ruled = false
                gap = 0
            }
            if endsComment { afterMetadata = true }
            pending = []
            header = nil
        }

        for line in lines[start...] {
            if line.isBlank {
                if !pending.isEmpty || header != nil { flush(endsComment: false) }
                gap += 1
                continue
            }
            let text = line.text
            if isRule(text) {
                flush(endsComment: false)
                ruled = true
                continue
            }
            if let found = Self.header(text) {
                if !pending.isEmpty || header != nil { flush(endsComment: false) }
                header = found.author
                previousWasHeader = true
                continue
            }
            if isMetadata(text, afterHeader: previousWasHeader) {
                flush(endsComment: !previousWasHeader)
                previousWasHeader = false
                continue
            }
            previousWasHeader = false
            if heading(text) != nil || isPrompt(text) { continue }
            pending.append(line)
        }
        flush(endsComment: false)
        return blocks
    }

    /// Comments that each start at a `Name said:` header; text before the first header is the notice.
    private static func byHeaders(_ blocks: [Block]) -> [Comment] {
        var comments: [(author: String?, paragraphs: [String])] = []
        for block in blocks {
            if let header = block.header {
                comments.append((header, block.paragraphs.map(\.text)))
            } else if !comments.isEmpty {
                if block.ruled || block.gap == Int.max {
                    comments.append((nil, block.paragraphs.map(\.text)))
                } else {
                    comments[comments.count - 1].paragraphs += block.paragraphs.map(\.text)
                }
            }
        }
        return comments.compactMap(makeComment)
    }

    /// Comments told apart by gaps, rules, metadata and bare author lines.
    private static func byGaps(_ blocks: [Block]) -> [Comment] {
        let gaps = blocks.dropFirst().map(\.gap).filter { $0 != Int.max }
        let commentGap = gaps.contains { $0 >= 2 } ? 2 : gaps.contains { $0 >= 1 } ? 1 : 0
        var comments: [(author: String?, paragraphs: [String])] = []
        // An area without blank lines: each paragraph (line) is a comment.
        if commentGap == 0 {
            return blocks.flatMap(\.paragraphs).compactMap { makeComment((nil, [$0.text])) }
        }
        var authorPending = false
        for (position, block) in blocks.enumerated() {
            let next = position + 1 < blocks.count ? blocks[position + 1] : nil
            if isAuthor(block), let next, next.gap <= 1, !next.ruled, !isAuthor(next) {
                comments.append((block.paragraphs[0].text, []))
                authorPending = true
                continue
            }
            let texts = block.paragraphs.map(\.text)
            if authorPending || (!comments.isEmpty && !block.ruled && block.gap < commentGap) {
                comments[comments.count - 1].paragraphs += texts
            } else {
                comments.append((nil, texts))
            }
            authorPending = false
        }
        return comments.compactMap(makeComment)
    }

    private static func isAuthor(_ block: Block) -> Bool {
        block.paragraphs.count == 1 && block.paragraphs[0].lines == 1 && isShortLabel(block.paragraphs[0].text)
    }

    private static func makeComment(_ comment: (author: String?, paragraphs: [String])) -> Comment? {
        let text = comment.paragraphs.joined(separator: "\n\n")
        return text.isEmpty ? nil : Comment(author: comment.author, text: text)
    }

    /// A line `---` (three or more `-`, `=`, `*` or `_`): an explicit break between comments.
    private static func isRule(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.filter { $0 != " " }
        guard scalars.count >= 3, let first = scalars.first, "-=*_".unicodeScalars.contains(first) else { return false }
        return scalars.allSatisfy { $0 == first }
    }

    /// Comment metadata: reply and report links, votes, ages, edit notes, and a date under a header.
    static func isMetadata(_ text: String, afterHeader: Bool) -> Bool {
        let words = words(of: text)
        guard !words.isEmpty, words.count <= 12 else { return false }
        if words.count == 1, ["reply", "report", "like", "share", "flag", "antworten", "répondre", "ответить"].contains(words[0]) {
            return true
        }
        let isNumber = { (word: String) in word.unicodeScalars.allSatisfy { $0.properties.numericType != nil } }
        if words.count == 2, isNumber(words[0]), ["like", "likes", "vote", "votes", "point", "points", "reply", "replies"].contains(words[1]) {
            return true
        }
        let units: Set<String> = ["second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"]
        if words.count == 3, isNumber(words[0]) || words[0] == "a" || words[0] == "an", units.contains(words[1]), words[2] == "ago" {
            return true
        }
        if words[0] == "edited" || (words.count >= 2 && words[0] == "last" && words[1] == "edited") { return words.contains("ago") || words.count <= 4 }
        return afterHeader && words.count <= 8 && DateNormalizer.parse(text) != nil
    }

    /// A comment system's prompt: `Would love your thoughts, please comment.`
    private static func isPrompt(_ text: String) -> Bool {
        let words = words(of: text)
        guard words.count <= 10 else { return false }
        for index in words.indices.dropLast() where ["please", "leave", "post", "add", "write"].contains(words[index]) {
            let next = words[index + 1]
            if next.hasPrefix("comment") || next == "reply" { return true }
            if ["a", "your"].contains(next), index + 2 < words.count, words[index + 2].hasPrefix("comment") { return true }
        }
        return false
    }

    /// The lower-cased words of a line (letters and digits; everything else separates).
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.append(scalar)
            } else if !word.isEmpty {
                words.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        return words
    }
}

extension Substring {
    /// Without leading and trailing spaces.
    fileprivate func trimmingSpaces() -> Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
