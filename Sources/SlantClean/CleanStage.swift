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
    public static let version = 1

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
        let decoded = TextDecoding.decode(document.bytes, isHTML: true, transportCharset: document.transportCharset)
        var warnings = decoded.warnings
        if !Self.hasClosingTags(decoded.utf8) {
            warnings.append(
                DocumentWarning(
                    code: "truncated-markup",
                    message: "the page ends without </body> or </html> and may be truncated; kept what could be read"))
        }
        let parsed = decoded.utf8.withUnsafeBufferPointer { HTMLDocument(utf8: $0) }
        guard let parsed else {
            throw DocumentError(
                source: document.source, stage: Self.name, reason: .unparseable("libxml2 returned no document"))
        }
        let dom = DOMIndex(document: parsed)
        if parsed.stoppedEarly {
            warnings.append(
                DocumentWarning(
                    code: "parse-stopped",
                    message: "the HTML parser stopped before the end of the page (\(parsed.stopReason ?? "unknown reason")); only the part before that point was read"))
        }
        let selection = ContentDetector(dom: dom).detect()
        let pieces = selection.map { BlockEmitter(dom: dom).blocks(roots: $0.roots, excluded: $0.excluded) } ?? []
        let metadata = MetadataExtractor(dom: dom).extract(articleRoots: selection?.roots ?? [])
        let comments = CommentExtractor(dom: dom).comments()
        let (body, blocks) = Article.assemble(Self.removingTitle(pieces, title: metadata.title))
        let words = Self.wordCount(body)
        guard words >= minimumWords else {
            var reason =
                words == 0
                ? "the page holds no running text"
                : "the longest run of text has \(words) word\(words == 1 ? "" : "s") (at least \(minimumWords) needed)"
            if parsed.stoppedEarly {
                reason += "; the HTML parser stopped early (\(parsed.stopReason ?? "unknown reason")), so text after that point was not read"
            }
            throw DocumentError(source: document.source, stage: Self.name, reason: .noArticle(reason))
        }
        var found = document.metadata.filling(from: metadata)
        if found.language == nil { found.language = LanguageGuess.language(of: body) }
        return Article(
            source: document.source, metadata: found, body: body, blocks: blocks, comments: comments, warnings: warnings)
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
        var metadata = document.metadata
        if metadata.title == nil, paragraphs.count > 1, let first = paragraphs.first, PlainTextParagraphs.looksLikeHeadline(first) {
            metadata.title = first
        }
        if metadata.language == nil { metadata.language = LanguageGuess.language(of: body) }
        return Article(
            source: document.source, metadata: metadata, body: body, blocks: blocks,
            warnings: decoded.warnings)
    }

    /// Words separated by white space (a cheap count for thresholds, not the tokenizer).
    static func wordCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            var inWord = false
            for byte in bytes {
                let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
                if !isSpace, !inWord { count += 1 }
                inWord = !isSpace
            }
            return count
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
