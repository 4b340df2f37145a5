import CLibCrypto
import Foundation

/// A SHA-256 content digest, kept as lower-case hex.
///
/// Digests key every cached stage output, so that a document is recognised by
/// what it contains rather than by where it lies. SHA-256 comes from the
/// system's libcrypto (OpenSSL's EVP interface).
public struct ContentDigest: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Sixty-four lower-case hex digits.
    public let hex: String

    /// Wraps an existing hex digest (for instance one read back from a store).
    public init(hex: String) { self.hex = hex }

    /// The SHA-256 of `bytes`.
    public init<Bytes: DataProtocol>(of bytes: Bytes) {
        var hasher = SHA256Hasher()
        for region in bytes.regions {
            region.withUnsafeBytes { hasher.update($0) }
        }
        self.hex = Self.hexString(hasher.finalize())
    }

    /// The SHA-256 of several parts, each length-prefixed so that ("ab","c")
    /// and ("a","bc") digest differently.
    public init(ofParts parts: [String]) {
        var hasher = SHA256Hasher()
        for part in parts {
            var length = UInt64(part.utf8.count).littleEndian
            withUnsafeBytes(of: &length) { hasher.update($0) }
            var text = part
            text.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
        }
        self.hex = Self.hexString(hasher.finalize())
    }

    /// The first `count` hex digits: short enough to read, long enough to be unique in a corpus.
    public func prefix(_ count: Int = 16) -> String { String(hex.prefix(count)) }

    public var description: String { hex }

    public static func < (lhs: ContentDigest, rhs: ContentDigest) -> Bool { lhs.hex < rhs.hex }

    private static func hexString(_ digest: [UInt8]) -> String {
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

/// An incremental SHA-256 over libcrypto's EVP context, which it owns and frees exactly once.
///
/// If libcrypto cannot make a context (out of memory), the digest is computed by the
/// one-shot call over the bytes gathered so far instead, so a digest is always produced.
private struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer?
    /// Bytes kept only when no context could be made.
    private var pending: [UInt8] = []

    init() {
        let made = EVP_MD_CTX_new()
        if let made, EVP_DigestInit_ex(made, EVP_sha256(), nil) == 1 {
            context = made
        } else {
            EVP_MD_CTX_free(made)
            context = nil
        }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        if let context {
            EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        if let context {
            EVP_DigestFinal_ex(context, &digest, &length)
        } else {
            _ = pending.withUnsafeBytes { bytes in
                EVP_Digest(bytes.baseAddress, bytes.count, &digest, &length, EVP_sha256(), nil)
            }
        }
        return digest
    }

    deinit { EVP_MD_CTX_free(context) }
}
