import SlantCore

/// Where a record lies in its WARC file: for a gzipped file the offset of the gzip member it starts in
/// (what `warcio extract FILE OFFSET` and Common Crawl's index give), and, when a member holds several
/// records, how far into the member's inflated bytes it starts; for a plain file its byte offset.
public struct WARCLocation: Sendable, Hashable {
    public var offset: Int64
    public var inMember: Int64?

    public init(offset: Int64, inMember: Int64? = nil) {
        self.offset = offset
        self.inMember = inMember
    }

    /// The locator of the record in the file at `path` (`crawl.warc.gz@48213`).
    public func locator(path: String) -> SourceLocator {
        SourceLocator(path: path, offset: offset, offsetInMember: inMember)
    }
}

/// One WARC record: the named fields of its header Slant reads, and its block when it was asked for.
public struct WARCRecord: Sendable {
    public var location: WARCLocation
    /// `WARC-Type`, lower-cased (`response`, `request`, `metadata`, `warcinfo`, ...).
    public var type: String
    public var targetURI: String?
    /// `WARC-Date`: when the resource was captured (ISO 8601).
    public var date: String?
    public var recordID: String?
    /// `Content-Type` of the block (`application/http; msgtype=response`).
    public var contentType: String?
    /// `WARC-Identified-Payload-Type`: what the crawler found the payload to be (`text/html`).
    public var identifiedPayloadType: String?
    /// The declared length of the block.
    public var blockLength: Int
    /// The block, when the reader was asked for it and it is within the limit.
    public var block: [UInt8]?
}

/// What reading the next record gave.
public enum WARCEntry: Sendable {
    case record(WARCRecord)
    /// A record that cannot be read (truncated, damaged, malformed header), and why; reading goes on
    /// with the next record found after it.
    case failure(WARCLocation, String)
}

/// Reads a WARC file (`.warc`, or `.warc.gz` with one gzip member per record, or one for the whole
/// file) record by record, as a stream: memory is a buffer of about a megabyte plus the blocks asked
/// for, whatever the size of the file. Blocks are loaded only for the records `wantsBlock` chooses and
/// only up to `maxBlockBytes`; the others are skipped without being kept.
///
/// A truncated or damaged record is a ``WARCEntry/failure(_:_:)``, and reading goes on at the next
/// record: after damaged gzip data, at the next gzip member; after a malformed header, at the next line
/// that starts `WARC/`.
public final class WARCReader {
    private let input: ArchiveInput
    /// The largest block kept; a larger one is a failure (it is skipped, not held).
    public let maxBlockBytes: Int
    private let wantsBlock: @Sendable (_ type: String, _ contentType: String?) -> Bool

    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    /// The inflated offset of `buffer[0]`.
    private var base: Int64 = 0
    private var finished = false
    /// Why the data ran out early, once it has.
    private var truncation: String?
    /// Whether a record's failure has already said that the data ran out early (so the end of the
    /// file does not say it again).
    private var truncationReported = false
    /// A break in the compressed data seen while filling, not yet reported.
    private var pendingBreak: String?

    /// The largest record header read (a longer one is malformed).
    static let maxHeaderBytes = 64 * 1024

    /// Opens the WARC file at `path`.
    /// - Parameter wantsBlock: whether to load the block of a record of this `WARC-Type` and `Content-Type`.
    public static func open(
        path: String, maxBlockBytes: Int,
        wantsBlock: @escaping @Sendable (_ type: String, _ contentType: String?) -> Bool = { type, _ in type == "response" }
    ) -> Result<WARCReader, ArchiveOpenFailure> {
        switch ArchiveInput.opening(path) {
        case .failure(let failure): return .failure(failure)
        case .success(let input): return .success(WARCReader(input: input, maxBlockBytes: maxBlockBytes, wantsBlock: wantsBlock))
        }
    }

    private init(input: ArchiveInput, maxBlockBytes: Int, wantsBlock: @escaping @Sendable (String, String?) -> Bool) {
        self.input = input
        self.maxBlockBytes = maxBlockBytes
        self.wantsBlock = wantsBlock
        buffer = [UInt8](repeating: 0, count: ArchiveInput.chunkSize * 2)
    }

    /// Whether the file is gzipped.
    public var isGzip: Bool { input.isGzip }

    /// The next record, or nil at the end of the file.
    public func next() -> WARCEntry? {
        while true {
            pendingBreak = nil
            // Records are separated by CRLF CRLF; tolerate any run of line breaks and spaces.
            guard skipBlank() else { return finish() }
            let location = locate(base + Int64(start))
            input.forgetMembers(before: base + Int64(start))
            guard let header = readHeader() else {
                if let reason = pendingBreak { return .failure(location, reason) }
                if let reason = headerProblem {
                    headerProblem = nil
                    resynchronize()
                    return .failure(location, reason)
                }
                // The file ended inside the header.
                let reason = truncated(otherwise: "the file ends inside the record's header")
                start = end
                finished = true
                return .failure(location, reason)
            }
            guard let length = header.contentLength else {
                resynchronize()
                return .failure(location, "the record has no valid Content-Length")
            }
            var record = WARCRecord(
                location: location, type: header.type, targetURI: header.targetURI, date: header.date,
                recordID: header.recordID, contentType: header.contentType,
                identifiedPayloadType: header.identifiedPayloadType, blockLength: length, block: nil)
            let wanted = wantsBlock(header.type, header.contentType)
            if wanted, length <= maxBlockBytes {
                switch readBlock(length) {
                case .success(let block): record.block = block
                case .failure(let problem): return .failure(location, problem.reason)
                }
                return .record(record)
            }
            switch skip(length) {
            case .success: break
            case .failure(let problem): return .failure(location, problem.reason)
            }
            if wanted {
                return .failure(location, "the record's block is \(length) bytes, above the limit of \(maxBlockBytes) bytes (raise `max_document_bytes` in the configuration)")
            }
            return .record(record)
        }
    }

    private func finish() -> WARCEntry? {
        if let reason = pendingBreak {
            pendingBreak = nil
            return .failure(locate(base + Int64(start)), reason)
        }
        // A last gzip member cut before it inflated to anything but blank lines still held a
        // record (or part of one): losing it silently would undercount the file.
        if let reason = truncation, !truncationReported {
            return .failure(locate(base + Int64(start)), truncated(otherwise: reason))
        }
        return nil
    }

    /// "the record is truncated: …", with why the data ran out when that is known (else `reason`),
    /// noted as said so that the end of the file does not say it again.
    private func truncated(otherwise reason: String) -> String {
        truncationReported = true
        return "the record is truncated: " + (truncation ?? reason)
    }

    // MARK: - Locations

    private func locate(_ inflated: Int64) -> WARCLocation {
        guard let member = input.member(containing: inflated) else { return WARCLocation(offset: inflated) }
        let inside = inflated - member.inflatedOffset
        return WARCLocation(offset: member.compressedOffset, inMember: inside > 0 ? inside : nil)
    }

    // MARK: - Buffer

    private enum Fill { case more, end, broken }

    /// Reads more bytes after `end`, moving the unread bytes to the front when the buffer is full.
    private func fill() -> Fill {
        if finished { return .end }
        if end == buffer.count {
            if start > 0 {
                let left = end - start
                buffer.withUnsafeMutableBytes { bytes in
                    guard let base = bytes.baseAddress else { return }
                    base.copyMemory(from: base + start, byteCount: left)
                }
                base += Int64(start)
                start = 0
                end = left
            } else {
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
        }
        let chunk = buffer.withUnsafeMutableBytes { bytes in
            input.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[end...]))
        }
        switch chunk {
        case .bytes(let count):
            end += count
            return .more
        case .end(let truncated):
            truncation = truncated
            finished = true
            return .end
        case .broken(let reason):
            // What is buffered belongs to the damaged member: drop it and go on with the next member.
            base = input.inflatedTotal
            start = 0
            end = 0
            pendingBreak = reason
            return .broken
        }
    }

    /// Skips line breaks and spaces; false at the end of the data (or at a break, which `pendingBreak` says).
    private func skipBlank() -> Bool {
        while true {
            while start < end {
                let byte = buffer[start]
                guard byte == 0x0D || byte == 0x0A || byte == 0x20 || byte == 0x09 else { return true }
                start += 1
            }
            switch fill() {
            case .more: continue
            case .end: return false
            case .broken: return false
            }
        }
    }

    // MARK: - Header

    private struct Header {
        var type = ""
        var targetURI: String?
        var date: String?
        var recordID: String?
        var contentType: String?
        var identifiedPayloadType: String?
        var contentLength: Int?
    }

    /// Why the header that was just read is malformed (reported as the record's failure).
    private var headerProblem: String?

    /// Reads the header block (up to and including the blank line); nil when it is malformed
    /// (`headerProblem`), truncated, or broken (`pendingBreak`).
    private func readHeader() -> Header? {
        var scanned = start
        var headerEnd: Int?
        var bodyStart = 0
        search: while true {
            var position = scanned
            while position + 1 < end {
                if buffer[position] == 0x0A {
                    // A blank line: "\n\n" or "\n\r\n".
                    if buffer[position + 1] == 0x0A {
                        headerEnd = position
                        bodyStart = position + 2
                        break search
                    }
                    if position + 2 < end, buffer[position + 1] == 0x0D, buffer[position + 2] == 0x0A {
                        headerEnd = position
                        bodyStart = position + 3
                        break search
                    }
                    // "\n\r" at the end of the buffer: more bytes decide.
                    if position + 2 >= end { break }
                }
                position += 1
            }
            let offset = position - start
            if offset > Self.maxHeaderBytes {
                headerProblem = "the record's header is longer than \(Self.maxHeaderBytes) bytes (not a WARC record?)"
                return nil
            }
            switch fill() {
            case .more: scanned = start + offset
            case .end, .broken: return nil
            }
        }
        guard let headerEnd else { return nil }
        let lines = Self.lines(buffer, from: start, to: headerEnd)
        guard let first = lines.first, Self.isVersionLine(buffer, first) else {
            headerProblem = "not a WARC record (no `WARC/1.x` line)"
            return nil
        }
        var header = Header()
        var lastName: String?
        var values: [String: String] = [:]
        for line in lines.dropFirst() {
            let bytes = buffer[line]
            if let firstByte = bytes.first, firstByte == 0x20 || firstByte == 0x09, let name = lastName {
                // A continuation line.
                values[name, default: ""] += " " + Self.text(bytes).trimmedSpaces
                continue
            }
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = Self.text(buffer[line.lowerBound..<colon]).trimmedSpaces.lowercased()
            values[name] = Self.text(buffer[(colon + 1)..<line.upperBound]).trimmedSpaces
            lastName = name
        }
        header.type = (values["warc-type"] ?? "").lowercased()
        header.targetURI = values["warc-target-uri"].map { $0.trimmingAngleBrackets }.nonEmpty
        header.date = values["warc-date"].nonEmpty
        header.recordID = values["warc-record-id"].nonEmpty
        header.contentType = values["content-type"].nonEmpty
        header.identifiedPayloadType = values["warc-identified-payload-type"].nonEmpty
        if let text = values["content-length"], !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), text.utf8.count <= 15 {
            header.contentLength = Int(text)
        }
        start = bodyStart
        return header
    }

    private static func isVersionLine(_ buffer: [UInt8], _ line: Range<Int>) -> Bool {
        let prefix = Array("WARC/".utf8)
        guard line.count >= prefix.count + 1 else { return false }
        for (index, byte) in prefix.enumerated() where buffer[line.lowerBound + index] != byte { return false }
        return true
    }

    /// The lines of `buffer[from..<to]`, without their line breaks.
    private static func lines(_ buffer: [UInt8], from: Int, to: Int) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var lineStart = from
        var position = from
        while position <= to {
            if position == to || buffer[position] == 0x0A {
                var lineEnd = position
                if lineEnd > lineStart, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                lines.append(lineStart..<lineEnd)
                lineStart = position + 1
            }
            position += 1
        }
        return lines
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Blocks

    private func readBlock(_ length: Int) -> Result<[UInt8], RecordProblem> {
        var block: [UInt8] = []
        block.reserveCapacity(length)
        while block.count < length {
            if start == end {
                switch fill() {
                case .more: continue
                case .end:
                    return .failure(RecordProblem(truncated(otherwise: "it declares \(length) bytes and the file ends after \(block.count)")))
                case .broken:
                    return .failure(RecordProblem(pendingBreak.map { "the record is damaged: \($0)" } ?? "the record is damaged"))
                }
            }
            let count = min(length - block.count, end - start)
            let from = start
            buffer.withUnsafeBufferPointer { bytes in
                block.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<(from + count)]))
            }
            start += count
        }
        return .success(block)
    }

    private func skip(_ length: Int) -> Result<Void, RecordProblem> {
        var left = length
        while left > 0 {
            if start == end {
                switch fill() {
                case .more: continue
                case .end:
                    return .failure(RecordProblem(truncated(otherwise: "it declares \(length) bytes and the file ends after \(length - left)")))
                case .broken:
                    return .failure(RecordProblem(pendingBreak.map { "the record is damaged: \($0)" } ?? "the record is damaged"))
                }
            }
            let count = min(left, end - start)
            start += count
            left -= count
        }
        return .success(())
    }

    /// After a malformed header: on to the next line that starts `WARC/`, a gzip member's start or the end.
    private func resynchronize() {
        let marker = Array("\nWARC/".utf8)
        if start < end { start += 1 }
        while true {
            while start + marker.count <= end {
                if buffer[start] == marker[0], buffer[start + 1] == marker[1], buffer[start + 2] == marker[2],
                    buffer[start + 3] == marker[3], buffer[start + 4] == marker[4], buffer[start + 5] == marker[5]
                {
                    start += 1
                    return
                }
                start += 1
            }
            switch fill() {
            case .more: continue
            case .end:
                start = end
                return
            case .broken:
                // A new member starts: a record may start right there.
                return
            }
        }
    }
}

/// Why a record's block could not be read.
private struct RecordProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

extension String {
    fileprivate var trimmedSpaces: String {
        let bytes = Array(utf8)
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 || bytes[lower] == 0x0D { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 || bytes[upper - 1] == 0x0D { upper -= 1 }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// `<http://…>` (as WARC 1.0 writes target URIs) without the brackets.
    fileprivate var trimmingAngleBrackets: String {
        guard hasPrefix("<"), hasSuffix(">"), count >= 2 else { return self }
        return String(dropFirst().dropLast())
    }
}

extension Optional where Wrapped == String {
    fileprivate var nonEmpty: String? {
        switch self {
        case .some(let text) where !text.isEmpty: text
        default: nil
        }
    }
}
