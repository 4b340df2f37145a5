import SlantCore

/// The clean stage: a raw page (or text file) in, an ``Article`` out.
///
/// HTML goes through libxml2's parser (recovery on, network off, no entity
/// substitution) after its encoding has been decided; then main-content
/// detection picks the article, reader comments are collected apart from it,
/// and metadata is read from meta tags, JSON-LD, `<time>` and the URL.
public struct CleanStage: Stage {
    public typealias Input = RawDocument
    public typealias Output = Article

    public static let name = "clean"
    public static let version = 2

    /// A page whose article has fewer words than this is refused as "no article" (plain text is taken as it is).
    public var minimumWords: Int

    public init(minimumWords: Int = CleanSettings().minimumArticleWords) {
        self.minimumWords = minimumWords
    }

    /// The stage with the configuration's `limits.min_article_words`.
    public init(settings: CleanSettings) {
        self.init(minimumWords: settings.minimumArticleWords)
    }

    public var configurationDigest: ContentDigest {
        ContentDigest(ofParts: ["minimum-words", String(minimumWords)])
    }

    public func process(_ document: RawDocument) throws(DocumentError) -> Article {
        switch document.format {
        case .html: try cleanHTML(document)
        case .text: try cleanText(document)
        }
    }

    // MARK: - HTML

    private func cleanHTML(_ document: RawDocument) throws(DocumentError) -> Article {
        let decoded = TextDecoding.decode(document.bytes, isHTML: true)
        var warnings = decoded.warnings
        if !Self.hasClosingTags(decoded.utf8) {
            warnings.append(
                DocumentWarning(
                    code: "truncated-markup",
                    message: "the page ends without </body> or </html> and may be truncated; kept what could be read"))
        }
        let repair = MarkupRepair.repair(decoded.utf8)
        guard var reading = Self.read(repair.bytes ?? decoded.utf8) else {
            throw DocumentError(
                source: document.source, stage: Self.name, reason: .unparseable("libxml2 returned no document"))
        }
        // Pages whose article is written only for readers without scripts (inside `<noscript>`) are
        // read a second time with that content in; only pages where the first reading found little.
        if repair.cutNoscript, reading.words < 100,
            let again = MarkupRepair.repair(decoded.utf8, keepingNoscriptContent: true).bytes.flatMap(Self.read),
            again.words > reading.words
        {
            reading = again
        }
        if reading.parsed.stoppedEarly {
            warnings.append(
                DocumentWarning(
                    code: "parse-stopped",
                    message: "the HTML parser stopped before the end of the page (\(reading.parsed.stopReason ?? "unknown reason")); only the part before that point was read"))
        }
        let (body, blocks, metadata, comments, words) = (reading.body, reading.blocks, reading.page.metadata, reading.comments, reading.words)
        guard words >= minimumWords else {
            var reason =
                words == 0
                ? "the page holds no running text"
                : "the longest run of text has \(words) word\(words == 1 ? "" : "s") (at least \(minimumWords) needed)"
            if reading.parsed.stoppedEarly {
                reason += "; the HTML parser stopped early (\(reading.parsed.stopReason ?? "unknown reason")), so text after that point was not read"
            }
            throw DocumentError(source: document.source, stage: Self.name, reason: .noArticle(reason))
        }
        var given = document.metadata
        let date = Self.checkedDate(given.published, warnings: &warnings)
        given.published = date?.date
        given.publishedTimestamp = date?.timestamp
        var found = given.filling(from: metadata)
        if given.published == nil, metadata.published == nil, let unreadable = reading.page.unreadableDate {
            warnings.append(Self.unparsedDateWarning(unreadable, from: "the page"))
        }
        found.language = Self.checkedLanguage(
            of: body, title: found.title, declared: given.language ?? metadata.language, warnings: &warnings)
        return Article(
            source: document.source, metadata: found, body: body, blocks: blocks, comments: comments, warnings: warnings)
    }

    // MARK: - Dates and languages

    /// A date given with the document (a JSON Lines `published`, front matter), parsed and normalised;
    /// nil with an `unparsed-date` warning when it is no date (`yesterday`, `2024-13-45`).
    static func checkedDate(_ given: String?, warnings: inout [DocumentWarning]) -> ParsedDate? {
        guard let given, !given.isEmpty else { return nil }
        if let date = DateNormalizer.parse(given) { return date }
        warnings.append(unparsedDateWarning(given, from: "the input"))
        return nil
    }

    static func unparsedDateWarning(_ text: String, from origin: String) -> DocumentWarning {
        let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return DocumentWarning(
            code: "unparsed-date",
            message: "\(origin) gives the publication date \"\(shown)\", which is not a date Slant can read (ISO 8601, RFC 2822, a written date such as \"5 June 2024\", or 05.06.2024); the article is undated")
    }

    /// The language of the article's text, the declared one as a hint; a warning when the text reads
    /// as another language than the one declared.
    static func checkedLanguage(of body: String, title: String?, declared: String?, warnings: inout [DocumentWarning]) -> String? {
        // A very short body is read with its title.
        let text = body.utf8.count < 200 ? [title ?? "", body].joined(separator: " ") : body
        let language = LanguageGuess.language(of: text, declared: declared)
        if let declared, let primary = MetadataExtractor.primaryLanguage(declared), let language, language != primary {
            warnings.append(
                DocumentWarning(
                    code: "language-mismatch",
                    message: "the document declares the language \"\(primary)\" but its text reads as \"\(language)\"; \"\(language)\" is used"))
        }
        return language
    }

    /// What one parse of a page gives.
    private struct Reading {
        var parsed: HTMLDocument
        var body: String
        var blocks: [TextBlock]
        var page: PageMetadata
        var comments: [Comment]
        var words: Int
    }

    /// Parses UTF-8 markup and finds the article, its metadata and its comments.
    private static func read(_ markup: [UInt8]) -> Reading? {
        guard let parsed = markup.withUnsafeBufferPointer({ HTMLDocument(utf8: $0) }) else { return nil }
        let dom = DOMIndex(document: parsed)
        let selection = ContentDetector(dom: dom).detect()
        let pieces = selection.map { BlockEmitter(dom: dom).blocks(roots: $0.roots, excluded: $0.excluded) } ?? []
        let page = MetadataExtractor(dom: dom).extract(articleRoots: selection?.roots ?? [])
        let comments = CommentExtractor(dom: dom).comments()
        let (body, blocks) = Article.assemble(removingTitle(pieces, title: page.metadata.title))
        return Reading(parsed: parsed, body: body, blocks: blocks, page: page, comments: comments, words: wordCount(body))
    }

    /// A heading that repeats the title is the headline, not body text.
    private static func removingTitle(_ pieces: [(BlockKind, String)], title: String?) -> [(BlockKind, String)] {
        guard let title, let first = pieces.first, first.0 == .heading, first.1 == title else { return pieces }
        return Array(pieces.dropFirst())
    }

    /// Whether the page's markup ends properly: a `</body` or `</html` within its last 64 KiB,
    /// searched backwards from the end, where it almost always is.
    private static func hasClosingTags(_ bytes: [UInt8]) -> Bool {
        let lowest = max(0, bytes.count - 65_536)
        var index = bytes.count - 6
        while index >= lowest {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "/") {
                let name = (bytes[index + 2] | 0x20, bytes[index + 3] | 0x20, bytes[index + 4] | 0x20, bytes[index + 5] | 0x20)
                if name == (0x62, 0x6F, 0x64, 0x79) || name == (0x68, 0x74, 0x6D, 0x6C) { return true }
            }
            index -= 1
        }
        return false
    }

    // MARK: - Plain text

    private func cleanText(_ document: RawDocument) throws(DocumentError) -> Article {
        let decoded = TextDecoding.decode(document.bytes, isHTML: false)
        let text = String(decoding: decoded.utf8, as: UTF8.self)
        let paragraphs = PlainTextParagraphs.split(text)
        let (body, blocks) = Article.assemble(paragraphs.map { (.paragraph, $0) })
        // Text handed in as text is the article, however short (a single sentence is a valid input).
        guard Self.wordCount(body) > 0 else {
            throw DocumentError(source: document.source, stage: Self.name, reason: .noArticle("the text holds no words"))
        }
        var warnings = decoded.warnings
        var metadata = document.metadata
        if metadata.title == nil, paragraphs.count > 1, let first = paragraphs.first, PlainTextParagraphs.looksLikeHeadline(first) {
            metadata.title = first
        }
        let date = Self.checkedDate(metadata.published, warnings: &warnings)
        metadata.published = date?.date
        metadata.publishedTimestamp = date?.timestamp
        metadata.language = Self.checkedLanguage(of: body, title: metadata.title, declared: metadata.language, warnings: &warnings)
        return Article(
            source: document.source, metadata: metadata, body: body, blocks: blocks, warnings: warnings)
    }

    /// Words separated by white space, and in scripts written without spaces (Chinese, Japanese) one
    /// word for every two characters: a cheap count for thresholds, not the tokenizer.
    static func wordCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            var ideographs = 0
            var inWord = false
            for byte in bytes {
                let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
                if !isSpace, !inWord { count += 1 }
                inWord = !isSpace
                // Lead bytes E3–E9 start U+3000–U+9FFF: kana, CJK punctuation and ideographs.
                if byte >= 0xE3, byte <= 0xE9 { ideographs += 1 }
            }
            return count + ideographs / 2
        }
    }
}

/// Paragraphs of a plain-text file.
enum PlainTextParagraphs {
    /// Splits text into paragraphs: blank lines always separate; a single line break
    /// separates too, unless it falls inside a sentence (a hard-wrapped line: no end
    /// punctuation before it and a lower-case letter after it).
    static func split(_ text: String) -> [String] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        var paragraphs: [String] = []
        var current = ""
        for rawLine in lines {
            let line = TextNormalizer.collapsedWhitespace(String(rawLine))
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current) }
                current = ""
                continue
            }
            if current.isEmpty {
                current = line
            } else if isHardWrap(after: current, before: line) {
                current += " " + line
            } else {
                paragraphs.append(current)
                current = line
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    private static func isHardWrap(after previous: String, before next: String) -> Bool {
        guard let last = previous.unicodeScalars.last, let first = next.unicodeScalars.first else { return false }
        let endsSentence = ".!?:;\"”’'…)]".unicodeScalars.contains(last)
        return !endsSentence && first.properties.isLowercase
    }

    /// A short first line without end punctuation reads as a headline.
    static func looksLikeHeadline(_ line: String) -> Bool {
        guard line.count <= 200, let last = line.unicodeScalars.last else { return false }
        return !".!?:;,".unicodeScalars.contains(last)
    }
}
