import Crypto
import Foundation

/// A SHA-256 content digest, kept as lower-case hex.
///
/// Digests key every cached stage output, so that a document is recognised by
/// what it contains rather than by where it lies.
public struct ContentDigest: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Sixty-four lower-case hex digits.
    public let hex: String

    /// Wraps an existing hex digest (for instance one read back from a store).
    public init(hex: String) { self.hex = hex }

    /// The SHA-256 of `bytes`.
    public init<Bytes: DataProtocol>(of bytes: Bytes) {
        self.hex = Self.hexString(SHA256.hash(data: bytes))
    }

    /// The SHA-256 of several parts, each length-prefixed so that ("ab","c")
    /// and ("a","bc") digest differently.
    public init(ofParts parts: [String]) {
        var hasher = SHA256()
        for part in parts {
            let bytes = Array(part.utf8)
            var length = UInt64(bytes.count).littleEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }
        self.hex = Self.hexString(hasher.finalize())
    }

    /// The first `count` hex digits: short enough to read, long enough to be unique in a corpus.
    public func prefix(_ count: Int = 16) -> String { String(hex.prefix(count)) }

    public var description: String { hex }

    public static func < (lhs: ContentDigest, rhs: ContentDigest) -> Bool { lhs.hex < rhs.hex }

    private static func hexString<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
