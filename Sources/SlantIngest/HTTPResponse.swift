/// An archived HTTP response (the block of a WARC `response` record): its status, the headers Slant
/// reads, and its body with the transfer and content codings undone.
struct HTTPResponse {
    var status: Int
    /// The media type of `Content-Type`, lower-cased (`text/html`), if given.
    var mediaType: String?
    /// The `charset` parameter of `Content-Type`, if given.
    var charset: String?
    /// The body: a slice of the block when no coding had to be undone (so that a page the filter drops
    /// is never copied), else the decoded bytes.
    var body: ArraySlice<UInt8>

    /// Why a block gives no body.
    enum Problem: Error, Equatable {
        /// Not an HTTP response, or a broken one (why).
        case malformed(String)
        /// A coding Slant cannot undo (`br`, `zstd`, ...).
        case unsupportedCoding(String)
        /// The decoded body is larger than the limit.
        case tooLarge(limit: Int)
    }

    /// Parses `block`; the body is de-chunked and inflated, and held to `limit` bytes.
    static func parse(_ block: [UInt8], limit: Int) -> Result<HTTPResponse, Problem> {
        guard block.starts(with: Array("HTTP/".utf8)) else {
            return .failure(.malformed("the record's block is not an HTTP response (no `HTTP/` status line)"))
        }
        guard let (headerEnd, bodyStart) = headerBoundary(block) else {
            return .failure(.malformed("the HTTP response's headers do not end (no blank line)"))
        }
        var lines = block[0..<headerEnd].split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        let statusLine = lines.removeFirst()
        let fields = statusLine.split(separator: 0x20, maxSplits: 2)
        guard fields.count >= 2, let status = Int(String(decoding: fields[1], as: UTF8.self)), (100...999).contains(status) else {
            return .failure(.malformed("the HTTP status line is malformed"))
        }
        var response = HTTPResponse(status: status, body: [][...])
        var transferEncodings: [String] = []
        var contentEncodings: [String] = []
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).trimmed.lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmed
            switch name {
            case "content-type":
                let parts = value.split(separator: ";", omittingEmptySubsequences: false)
                let type = parts.first.map { String($0).trimmed.lowercased() } ?? ""
                response.mediaType = type.isEmpty ? nil : type
                for parameter in parts.dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1)
                    guard pair.count == 2, String(pair[0]).trimmed.lowercased() == "charset" else { continue }
                    var charset = String(pair[1]).trimmed
                    if charset.hasPrefix("\""), charset.hasSuffix("\""), charset.count >= 2 { charset = String(charset.dropFirst().dropLast()) }
                    if !charset.isEmpty { response.charset = charset }
                }
            case "transfer-encoding":
                transferEncodings += value.lowercased().split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
            case "content-encoding":
                contentEncodings += value.lowercased().split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
            default:
                break
            }
        }
        var body = block[bodyStart...]
        for coding in transferEncodings.reversed() where coding != "identity" {
            guard coding == "chunked" else { return .failure(.unsupportedCoding("Transfer-Encoding: \(coding)")) }
            switch dechunk(body) {
            case .success(let decoded): body = decoded[...]
            case .failure(let problem): return .failure(problem)
            }
        }
        for coding in contentEncodings.reversed() {
            switch coding {
            case "identity":
                continue
            case "gzip", "x-gzip", "deflate":
                switch BodyInflation.inflate(body, gzip: coding != "deflate", limit: limit) {
                case .inflated(let inflated): body = inflated[...]
                case .tooLarge: return .failure(.tooLarge(limit: limit))
                case .failed(let reason):
                    return .failure(.malformed("the body's Content-Encoding \(coding) cannot be decoded (\(reason))"))
                }
            default:
                return .failure(.unsupportedCoding("Content-Encoding: \(coding)"))
            }
        }
        if body.count > limit { return .failure(.tooLarge(limit: limit)) }
        response.body = body
        return .success(response)
    }

    /// The end of the headers and the start of the body ("\r\n\r\n", or "\n\n").
    private static func headerBoundary(_ block: [UInt8]) -> (Int, Int)? {
        var position = 0
        while position + 1 < block.count {
            if block[position] == 0x0A {
                if block[position + 1] == 0x0A { return (position, position + 2) }
                if position + 2 < block.count, block[position + 1] == 0x0D, block[position + 2] == 0x0A {
                    return (position, position + 3)
                }
            }
            position += 1
        }
        // Headers that end with the block: a response without a body.
        if block.last == 0x0A { return (block.count, block.count) }
        return nil
    }

    /// Undoes `Transfer-Encoding: chunked`. A body that ends before its last chunk keeps what it holds.
    static func dechunk(_ chunked: ArraySlice<UInt8>) -> Result<[UInt8], Problem> {
        var output: [UInt8] = []
        output.reserveCapacity(chunked.count)
        let body = Array(chunked)
        var position = 0
        while position < body.count {
            // The size line: hex digits, then extensions after `;`, then CRLF.
            var size = 0
            var digits = 0
            while position < body.count, let digit = hexValue(body[position]) {
                size = size * 16 + digit
                digits += 1
                position += 1
                if digits > 12 { return .failure(.malformed("a chunk size of the chunked body is too large")) }
            }
            guard digits > 0 else {
                return .failure(.malformed("the body is declared chunked but a chunk size is missing"))
            }
            while position < body.count, body[position] != 0x0A { position += 1 }
            position += 1
            if size == 0 { break }
            let available = min(size, max(0, body.count - position))
            output.append(contentsOf: body[position..<(position + available)])
            position += available
            if available < size { break }
            // CRLF after the chunk's data.
            if position < body.count, body[position] == 0x0D { position += 1 }
            if position < body.count, body[position] == 0x0A { position += 1 }
        }
        return .success(output)
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        default: nil
        }
    }
}

extension String {
    fileprivate var trimmed: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
