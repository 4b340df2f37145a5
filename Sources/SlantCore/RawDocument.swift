import Synchronization

/// How the bytes of a raw document are to be read.
public enum DocumentFormat: String, Sendable, Codable {
    /// An HTML page, as served.
    case html
    /// Plain text: paragraphs separated by blank lines or hard-wrapped, perhaps with a headline first
    /// and reader comments after a separator line.
    case text
}

/// Metadata known about a document before it is cleaned, or found while cleaning.
///
/// Every field is optional: pages are hostile and often lack most of them.
public struct DocumentMetadata: Hashable, Sendable, Codable {
    /// An identifier given by the input (the `id` of a JSON Lines record).
    public var id: String?
    public var title: String?
    /// The standfirst (dek) under the headline, where the page marks one apart from the body text.
    public var standfirst: String?
    public var byline: String?
    /// Publication date, `YYYY-MM-DD` once cleaned (the date as the source wrote it). Before cleaning,
    /// what the input said (a JSON Lines `published`), which cleaning checks and normalises.
    public var published: String?
    /// The full publication timestamp, when the source gives a time: `YYYY-MM-DDTHH:MM:SS`, with the
    /// offset (`Z`, `+02:00`) when the source gives one.
    public var publishedTimestamp: String?
    /// The site's own name (`og:site_name`, JSON-LD publisher).
    public var site: String?
    /// The canonical URL of the page.
    public var url: String?
    /// BCP 47 language tag (`en`, `ru`, `hy`).
    public var language: String?
    /// When the page was captured (a WARC record's `WARC-Date`), ISO 8601 as ingested, `YYYY-MM-DD` once
    /// cleaned: the date of an article whose page gives none of its own, never part of its identity.
    public var captured: String?

    public init(
        id: String? = nil, title: String? = nil, byline: String? = nil, published: String? = nil,
        site: String? = nil, url: String? = nil, language: String? = nil, publishedTimestamp: String? = nil,
        standfirst: String? = nil, captured: String? = nil
    ) {
        self.id = id
        self.title = title
        self.standfirst = standfirst
        self.byline = byline
        self.published = published
        self.publishedTimestamp = publishedTimestamp
        self.site = site
        self.url = url
        self.language = language
        self.captured = captured
    }

    /// Fills every field that is empty here from `other`.
    public func filling(from other: DocumentMetadata) -> DocumentMetadata {
        DocumentMetadata(
            id: id ?? other.id, title: title ?? other.title, byline: byline ?? other.byline,
            published: published ?? other.published, site: site ?? other.site,
            url: url ?? other.url, language: language ?? other.language,
            publishedTimestamp: published == nil ? other.publishedTimestamp : publishedTimestamp,
            standfirst: standfirst ?? other.standfirst, captured: captured ?? other.captured)
    }
}

/// A document as ingested: its bytes, where it came from, and what the input said about it.
public struct RawDocument: Sendable {
    public let source: SourceLocator
    public let format: DocumentFormat
    public let bytes: [UInt8]
    /// The outlet named by the configuration or the input record, if any.
    public var outletHint: String?
    /// Metadata given by the input (JSON Lines fields, a text file's front matter); the page's own
    /// metadata is found by cleaning.
    public let metadata: DocumentMetadata
    /// The character encoding the transport declared (the `charset` of an archived HTTP response's
    /// `Content-Type`), which takes precedence over the page's own declaration, as browsers do.
    public let transportCharset: String?
    /// What ingest found odd but recoverable (a front-matter key it does not read); cleaning passes
    /// them on to the article. Derived from the bytes, so not part of the digest.
    public var warnings: [DocumentWarning]
    private let digestCache: DigestCache

    public init(
        source: SourceLocator, format: DocumentFormat, bytes: [UInt8], outletHint: String? = nil,
        metadata: DocumentMetadata = DocumentMetadata(), transportCharset: String? = nil,
        warnings: [DocumentWarning] = []
    ) {
        self.source = source
        self.format = format
        self.bytes = bytes
        self.outletHint = outletHint
        self.metadata = metadata
        self.transportCharset = transportCharset
        self.warnings = warnings
        self.digestCache = DigestCache()
    }

    /// SHA-256 of the bytes, the format and the given metadata (not the outlet, which the
    /// configuration may change without changing what cleaning produces): the key of every
    /// cached result. Computed on first use, once: extraction alone never pays for it. A capture date
    /// and a transport charset count only when given, so documents without them keep their digests.
    public var digest: ContentDigest {
        digestCache.value {
            var parts = [format.rawValue]
            parts += [metadata.id, metadata.title, metadata.byline, metadata.published, metadata.site,
                      metadata.url, metadata.language].map { $0 ?? "" }
            if metadata.captured != nil || transportCharset != nil {
                parts += ["captured", metadata.captured ?? "", "transport-charset", transportCharset ?? ""]
            }
            let metadataDigest = ContentDigest(ofParts: parts)
            return ContentDigest(ofParts: [metadataDigest.hex, ContentDigest(of: bytes).hex])
        }
    }
}

/// Holds a digest once computed; shared by copies of the document it belongs to.
private final class DigestCache: Sendable {
    private let storage = Mutex<ContentDigest?>(nil)

    func value(_ compute: () -> ContentDigest) -> ContentDigest {
        if let cached = storage.withLock({ $0 }) { return cached }
        let computed = compute()
        storage.withLock { $0 = computed }
        return computed
    }
}
