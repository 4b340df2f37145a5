import CZlib
import Foundation

/// Writes WARC files for tests: records as Common Crawl writes them, plain or one gzip member each.
struct WARCBuilder {
    /// One record's bytes (header, block, the two CRLFs after it).
    static func record(type: String, uri: String? = "https://example.org/a", date: String = "2020-10-14T08:30:00Z",
                       contentType: String? = "application/http; msgtype=response", block: [UInt8],
                       extraHeaders: [String] = []) -> [UInt8]
    {
        var header = "WARC/1.0\r\nWARC-Type: \(type)\r\n"
        if let uri { header += "WARC-Target-URI: \(uri)\r\n" }
        header += "WARC-Date: \(date)\r\nWARC-Record-ID: <urn:uuid:\(UUID().uuidString)>\r\n"
        if let contentType { header += "Content-Type: \(contentType)\r\n" }
        for line in extraHeaders { header += line + "\r\n" }
        header += "Content-Length: \(block.count)\r\n\r\n"
        return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    }

    /// An HTTP response block.
    static func http(status: String = "200 OK", headers: [String] = ["Content-Type: text/html; charset=utf-8"], body: [UInt8]) -> [UInt8] {
        var head = "HTTP/1.1 \(status)\r\n"
        for line in headers { head += line + "\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }

    static func page(_ text: String) -> [UInt8] {
        Array("<!DOCTYPE html><html><head><title>T</title></head><body><article><p>\(text)</p></article></body></html>".utf8)
    }

    /// `bytes` as one gzip member.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] { compress(bytes, windowBits: 15 + 16) }

    /// `bytes` as a zlib stream (HTTP `Content-Encoding: deflate`).
    static func zlib(_ bytes: [UInt8]) -> [UInt8] { compress(bytes, windowBits: 15) }

    private static func compress(_ bytes: [UInt8], windowBits: Int32) -> [UInt8] {
        var stream = z_stream()
        precondition(slant_deflate_init(&stream, 6, windowBits) == Z_OK)
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        var input = bytes
        let produced = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END)
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<produced])
    }

    /// Chunked transfer coding of `body` in pieces of `size` bytes.
    static func chunked(_ body: [UInt8], size: Int) -> [UInt8] {
        var output: [UInt8] = []
        var start = 0
        while start < body.count {
            let piece = body[start..<min(start + size, body.count)]
            output += Array((String(piece.count, radix: 16) + ";ext=1\r\n").utf8) + piece + Array("\r\n".utf8)
            start += size
        }
        return output + Array("0\r\n\r\n".utf8)
    }

    /// A file of records: gzip members one per record, or plain; and each record's offset.
    static func file(_ records: [[UInt8]], gzipped: Bool) -> (bytes: [UInt8], offsets: [Int64]) {
        var bytes: [UInt8] = []
        var offsets: [Int64] = []
        for record in records {
            offsets.append(Int64(bytes.count))
            bytes += gzipped ? gzip(record) : record
        }
        return (bytes, offsets)
    }
}
