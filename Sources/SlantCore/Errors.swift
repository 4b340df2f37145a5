/// Why one document could not be processed. The run goes on with the others.
public enum DocumentFailure: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file could not be read (missing, a directory, permission denied).
    case unreadable(String)
    /// The file holds no bytes, or only white space.
    case empty
    /// The bytes are not text: NUL bytes or a known binary signature.
    case binary(String)
    /// The file is larger than the configured limit.
    case tooLarge(bytes: Int, limit: Int)
    /// A JSON Lines record that is not valid JSON or lacks what it must have.
    case malformedRecord(String)
    /// A WARC record that cannot be read (truncated, damaged, a malformed header or HTTP response).
    case malformedArchiveRecord(String)
    /// An input whose kind Slant does not read.
    case unsupportedFormat(String)
    /// The HTML parser gave up on the page.
    case unparseable(String)
    /// The page parsed, but holds no article text.
    case noArticle(String)
    /// The page is above the configured complexity budget (elements, attributes per element, attributes in
    /// all) and is refused before it is parsed: no document costs more than a bounded multiple of an ordinary one.
    case tooComplex(String)

    /// A short stable code for tables and JSON (`empty`, `binary`, `no-article`, ...).
    public var code: String {
        switch self {
        case .unreadable: "unreadable"
        case .empty: "empty"
        case .binary: "binary"
        case .tooLarge: "too-large"
        case .malformedRecord: "malformed-record"
        case .malformedArchiveRecord: "malformed-warc-record"
        case .unsupportedFormat: "unsupported-format"
        case .unparseable: "unparseable"
        case .noArticle: "no-article"
        case .tooComplex: "too-complex"
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let why): "cannot read the file: \(why)"
        case .empty: "the file is empty"
        case .binary(let what): "not a text or HTML file (\(what))"
        case .tooLarge(let bytes, let limit):
            "the file is \(bytes) bytes, above the limit of \(limit) bytes (raise `max_document_bytes` in the configuration)"
        case .malformedRecord(let why): "malformed JSON Lines record: \(why)"
        case .malformedArchiveRecord(let why): "malformed WARC record: \(why)"
        case .unsupportedFormat(let what): "unsupported input: \(what)"
        case .unparseable(let why): "the HTML parser could not read the page: \(why)"
        case .noArticle(let why): "no article text found: \(why)"
        case .tooComplex(let why): "the page is too complex to parse safely: \(why)"
        }
    }
}

/// A failure of one document in one stage: the file, the stage and the reason.
public struct DocumentError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var source: SourceLocator
    /// The stage that failed (`ingest`, `clean`, ...).
    public var stage: String
    public var reason: DocumentFailure

    public init(source: SourceLocator, stage: String, reason: DocumentFailure) {
        self.source = source
        self.stage = stage
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }
}

/// Something odd about a document that did not stop it from being processed.
public struct DocumentWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A short stable code (`encoding-mismatch`, `truncated-markup`, `deep-nesting`, ...).
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
