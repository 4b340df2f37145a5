import SlantCore

/// What one WARC record gives the pipeline.
public enum ArchiveItem: Sendable {
    /// An HTML page: its URL (`WARC-Target-URI`) and capture date (`WARC-Date`) given, its source the
    /// record's locator, the HTTP charset carried for the clean stage.
    case document(RawDocument)
    /// Not a page to analyse: another kind of record, another media type, a status other than 2xx.
    case skipped
    /// A page the source's `filter:` dropped before parsing.
    case filtered
    /// A record that cannot be read, with the record's locator and why; the file goes on.
    case failure(DocumentError)
}

/// How many records of a WARC file went which way.
public struct ArchiveCounts: Sendable, Hashable {
    public var records = 0
    public var documents = 0
    public var skipped = 0
    public var filtered = 0
    public var failed = 0

    public init() {}

    mutating func count(_ item: ArchiveItem) {
        records += 1
        switch item {
        case .document: documents += 1
        case .skipped: skipped += 1
        case .filtered: filtered += 1
        case .failure: failed += 1
        }
    }
}

/// Ingest of WARC files (`.warc`, `.warc.gz`): each `response` record holding an HTML page with a 2xx
/// status becomes a raw document; other records are skipped. Read as a stream (``WARCReader``): memory
/// does not grow with the file. The HTTP body is de-chunked and inflated (gzip, deflate) before the
/// filter looks at it; a record that cannot be read is a per-record failure at its locator
/// (`crawl.warc.gz@48213`), and the rest of the file is read.
public struct WARCIngest: Sendable {
    public var maxDocumentBytes: Int
    /// The source's `filter:`, if any.
    public var filter: Prefilter?

    public init(maxDocumentBytes: Int = IngestSettings.defaultMaxDocumentBytes, filter: Prefilter? = nil) {
        self.maxDocumentBytes = maxDocumentBytes
        self.filter = filter
    }

    /// The largest block read: a page at the limit and its HTTP headers.
    var maxBlockBytes: Int { maxDocumentBytes + 64 * 1024 }

    /// Reads the WARC file at `absolutePath`, handing over each record's item in file order; `path` is
    /// the path locators name. Returns the counts, or the file's failure when it cannot be opened.
    @discardableResult
    public func forEach(
        absolutePath: String, path: String, _ body: (ArchiveItem) -> Void
    ) -> Result<ArchiveCounts, DocumentError> {
        let reader: WARCReader
        switch WARCReader.open(path: absolutePath, maxBlockBytes: maxBlockBytes) {
        case .failure(let failure):
            return .failure(DocumentError(source: SourceLocator(path: path), stage: IngestStage.name, reason: .unreadable(failure.reason)))
        case .success(let opened): reader = opened
        }
        var counts = ArchiveCounts()
        while let entry = reader.next() {
            let item = self.item(entry, path: path)
            counts.count(item)
            body(item)
        }
        return .success(counts)
    }

    /// What one entry of a WARC file gives.
    public func item(_ entry: WARCEntry, path: String) -> ArchiveItem {
        switch entry {
        case .failure(let location, let reason):
            return .failure(DocumentError(source: location.locator(path: path), stage: IngestStage.name, reason: .malformedArchiveRecord(reason)))
        case .record(let record):
            return item(record, path: path)
        }
    }

    func item(_ record: WARCRecord, path: String) -> ArchiveItem {
        guard record.type == "response" else { return .skipped }
        let source = record.location.locator(path: path)
        let fail = { (reason: DocumentFailure) in
            ArchiveItem.failure(DocumentError(source: source, stage: IngestStage.name, reason: reason))
        }
        if let type = record.contentType?.lowercased(), !type.hasPrefix("application/http") {
            // A response record of something other than HTTP (DNS, FTP): nothing to read here.
            return .skipped
        }
        guard let block = record.block else { return .skipped }
        let response: HTTPResponse
        switch HTTPResponse.parse(block, limit: maxDocumentBytes) {
        case .success(let parsed): response = parsed
        case .failure(.malformed(let reason)): return fail(.malformedArchiveRecord(reason))
        case .failure(.unsupportedCoding(let coding)): return fail(.malformedArchiveRecord("the body's \(coding) is not supported"))
        case .failure(.tooLarge(let limit)):
            return fail(.malformedArchiveRecord("the page is larger than the limit of \(limit) bytes (raise `max_document_bytes` in the configuration)"))
        }
        guard (200..<300).contains(response.status) else { return .skipped }
        guard Self.isHTML(response, identified: record.identifiedPayloadType) else { return .skipped }
        if let filter, !response.body.withUnsafeBufferPointer({ filter.matches($0) }) { return .filtered }
        let body = Array(response.body)
        if ContentCheck.isBlank(body) { return fail(.empty) }
        if let what = ContentCheck.binaryDescription(body) { return fail(.binary(what)) }
        let metadata = DocumentMetadata(url: record.targetURI, captured: record.date)
        return .document(
            RawDocument(source: source, format: .html, bytes: body, metadata: metadata, transportCharset: response.charset))
    }

    /// Whether a response is an HTML page: by its media type, else by what the crawler identified, else
    /// by its first bytes.
    static func isHTML(_ response: HTTPResponse, identified: String?) -> Bool {
        let htmlTypes: Set<String> = ["text/html", "application/xhtml+xml"]
        if let type = response.mediaType, type != "application/octet-stream", type != "unknown/unknown" {
            return htmlTypes.contains(type)
        }
        if let identified = identified?.lowercased().split(separator: ";").first.map({ String($0).trimmingSpaces }) {
            return htmlTypes.contains(identified)
        }
        return looksLikeHTML(response.body)
    }

    /// `<!doctype html`, `<html` or `<head` after white space and a byte-order mark.
    static func looksLikeHTML(_ body: ArraySlice<UInt8>) -> Bool {
        var position = body.startIndex + (body.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        while position < body.endIndex, ContentCheck.isASCIIWhitespace(body[position]) { position += 1 }
        let head = body[position..<min(body.endIndex, position + 14)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for start in ["<!doctype html", "<html", "<head"] where head.starts(with: Array(start.utf8)) { return true }
        return false
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
