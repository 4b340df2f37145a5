/// What kind of block of text a piece of the body is.
public enum BlockKind: String, Sendable, Codable, Hashable {
    case heading
    case paragraph
    case listItem = "list-item"
    case blockquote
    case preformatted
}

/// One block of an article body, as a range of UTF-8 offsets into the body.
public struct TextBlock: Sendable, Codable, Hashable {
    public var kind: BlockKind
    /// UTF-8 offset of the first byte of the block in `Article.body`.
    public var start: Int
    /// UTF-8 offset one past the last byte of the block.
    public var end: Int

    public init(kind: BlockKind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }
}

/// A reader comment, kept apart from the article it sits under.
public struct Comment: Sendable, Codable, Hashable {
    /// The name shown with the comment, if the page gives one.
    public var author: String?
    public var text: String
    /// When the comment was posted, ISO 8601, if the page says.
    public var published: String?

    public init(author: String?, text: String, published: String? = nil) {
        self.author = author
        self.text = text
        self.published = published
    }
}

/// A cleaned article: its body text, its metadata and its reader comments.
///
/// The body is the single source of truth: every later layer (sentences,
/// tokens, tags) is standoff annotation by offsets into it.
public struct Article: Sendable, Codable, Hashable {
    public var source: SourceLocator
    public var metadata: DocumentMetadata
    /// The main text: blocks (headings, paragraphs, list items) separated by blank lines.
    public var body: String
    /// The blocks of `body`, in order.
    public var blocks: [TextBlock]
    public var comments: [Comment]
    public var warnings: [DocumentWarning]

    public init(
        source: SourceLocator, metadata: DocumentMetadata, body: String,
        blocks: [TextBlock], comments: [Comment] = [], warnings: [DocumentWarning] = []
    ) {
        self.source = source
        self.metadata = metadata
        self.body = body
        self.blocks = blocks
        self.comments = comments
        self.warnings = warnings
    }

    /// Builds a body from blocks of text, joining them with blank lines and recording their ranges.
    public static func assemble(_ pieces: [(BlockKind, String)]) -> (body: String, blocks: [TextBlock]) {
        var body = ""
        var blocks: [TextBlock] = []
        blocks.reserveCapacity(pieces.count)
        var offset = 0
        for (kind, text) in pieces where !text.isEmpty {
            if !blocks.isEmpty {
                body += "\n\n"
                offset += 2
            }
            let length = text.utf8.count
            body += text
            blocks.append(TextBlock(kind: kind, start: offset, end: offset + length))
            offset += length
        }
        return (body, blocks)
    }
}
