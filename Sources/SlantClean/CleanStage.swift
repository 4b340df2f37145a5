import Glibc
import SlantCore

/// The clean stage: a raw page (or text file) in, an ``Article`` out.
///
/// HTML goes through libxml2's parser (recovery on, network off, no entity
/// substitution) after its encoding has been decided and its markup checked
/// against the complexity budget; then main-content detection picks the
/// article, reader comments are collected apart from it, and metadata is read
/// from meta tags, JSON-LD, `<time>` and the URL. Plain text is read by
/// ``PlainText``: paragraphs whether blank-line separated or hard-wrapped, the
/// headline, reader comments apart. Every metadata field is held to a length.
public struct CleanStage: Stage {
    public typealias Input = RawDocument
    public typealias Output = Article

    public static let name = "clean"
    /// 3: plain text read with a line-wrap detector, its headline out of the body, reader comments
    /// apart; NUL bytes removed, not read as the end of the page; metadata capped; complexity budget.
    /// 4: tooltip, popover, hover-card and rollover cards left out of paragraphs; a few stray bytes in
    /// an undeclared ASCII or UTF-8 page no longer read as windows-1251 (Cyrillic needs Cyrillic words).
    /// 5: in a page read as UTF-8, a stray byte (one ill-formed byte between well-formed text) read as
    /// its windows-1252 character instead of U+FFFD.
    public static let version = 5

    /// A page whose article has fewer words than this is refused as "no article" (plain text is taken as it is).
    public var minimumWords: Int
    /// Every metadata field is cut to this many characters (`limits.max_metadata_chars`).
    public var maxMetadataCharacters: Int
    /// The most markup a page may hold before it is refused as `too-complex`, unparsed.
    var budget: ComplexityBudget

    public init(minimumWords: Int = CleanSettings().minimumArticleWords) {
        self.init(settings: CleanSettings(minimumArticleWords: minimumWords))
    }

    /// The stage with the configuration's `limits` (`min_article_words`, `max_metadata_chars`,
    /// `max_elements`, `max_attributes_per_element`, `max_attributes`).
    public init(settings: CleanSettings) {
        minimumWords = settings.minimumArticleWords
        maxMetadataCharacters = settings.maxMetadataCharacters
        budget = ComplexityBudget(settings: settings)
    }

    public var configurationDigest: ContentDigest {
        ContentDigest(ofParts: [
            "minimum-words", String(minimumWords), "max-metadata-characters", String(maxMetadataCharacters),
            "max-elements", String(budget.maxElements), "max-attributes-per-element", String(budget.maxAttributesPerElement),
            "max-attributes", String(budget.maxAttributes),
        ])
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
        var warnings = document.warnings + decoded.warnings
        let markup = Self.removingNULs(decoded.utf8, warnings: &warnings)
        if let violation = markup.withUnsafeBufferPointer({ budget.violation(in: $0) }) {
            throw DocumentError(source: document.source, stage: Self.name, reason: .tooComplex(violation))
        }
        if !Self.hasClosingTags(markup) {
            warnings.append(
                DocumentWarning(
                    code: "truncated-markup",
                    message: "the page ends without </body> or </html> and may be truncated; kept what could be read"))
        }
        let repair = MarkupRepair.repair(markup)
        guard var reading = Self.read(repair.bytes ?? markup) else {
            throw DocumentError(
                source: document.source, stage: Self.name, reason: .unparseable("libxml2 returned no document"))
        }
        // Pages whose article is written only for readers without scripts (inside `<noscript>`) are
        // read a second time with that content in; only pages where the first reading found little.
        if repair.cutNoscript, reading.words < 100,
            let again = MarkupRepair.repair(markup, keepingNoscriptContent: true).bytes.flatMap(Self.read),
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
        // The capture date (a WARC record's `WARC-Date`) is read as dates are, and kept as `YYYY-MM-DD`.
        found.captured = given.captured.flatMap { DateNormalizer.parse($0)?.date }
        if given.published == nil, metadata.published == nil, let unreadable = reading.page.unreadableDate {
            warnings.append(Self.unparsedDateWarning(unreadable, from: "the page"))
        }
        found.language = Self.checkedLanguage(
            of: body, title: found.title, declared: given.language ?? metadata.language, warnings: &warnings)
        found = MetadataLimit.capped(found, maxCharacters: maxMetadataCharacters, warnings: &warnings)
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

    /// The bytes without NUL bytes, which libxml2 reads as the end of the page (everything after one —
    /// the rest of the article, the comments — would vanish without a word). A browser drops them from
    /// text too. Said in a `nul-bytes` warning; a file with NUL bytes in its first 8 KB is refused as
    /// binary by ingest before this.
    static func removingNULs(_ bytes: [UInt8], warnings: inout [DocumentWarning]) -> [UInt8] {
        let nul = bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        guard let first = nul else { return bytes }
        var kept = [UInt8]()
        kept.reserveCapacity(bytes.count)
        kept.append(contentsOf: bytes[..<first])
        var removed = 0
        for byte in bytes[first...] {
            if byte == 0 { removed += 1 } else { kept.append(byte) }
        }
        warnings.append(
            DocumentWarning(
                code: "nul-bytes",
                message: "the document holds \(removed.grouped) NUL byte\(removed == 1 ? "" : "s") (the first at byte \(first.grouped)); \(removed == 1 ? "it was" : "they were") removed and the rest of the document read"))
        return kept
    }

    // MARK: - Plain text

    private func cleanText(_ document: RawDocument) throws(DocumentError) -> Article {
        let decoded = TextDecoding.decode(document.bytes, isHTML: false)
        var warnings = document.warnings + decoded.warnings
        let text = String(decoding: Self.removingNULs(decoded.utf8, warnings: &warnings), as: UTF8.self)
        var metadata = document.metadata
        let reading = PlainText.read(text, givenTitle: metadata.title)
        let (body, blocks) = Article.assemble(reading.paragraphs.map { (.paragraph, $0) })
        // Text handed in as text is the article, however short (a single sentence is a valid input).
        guard Self.wordCount(body) > 0 else {
            throw DocumentError(source: document.source, stage: Self.name, reason: .noArticle("the text holds no words"))
        }
        if metadata.title == nil { metadata.title = reading.headline }
        let date = Self.checkedDate(metadata.published, warnings: &warnings)
        metadata.published = date?.date
        metadata.publishedTimestamp = date?.timestamp
        metadata.language = Self.checkedLanguage(of: body, title: metadata.title, declared: metadata.language, warnings: &warnings)
        metadata = MetadataLimit.capped(metadata, maxCharacters: maxMetadataCharacters, warnings: &warnings)
        return Article(
            source: document.source, metadata: metadata, body: body, blocks: blocks, comments: reading.comments,
            warnings: warnings)
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
