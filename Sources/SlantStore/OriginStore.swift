import Foundation
import GRDB
import SlantOrigin

/// The origin signatures of documents (table `origin_signatures`), each stored under its own key: a
/// new article costs its own signature, and candidate pairs read only the MinHash part of each.
extension SlantStore {
    /// Each document's signature without its shingles (what candidate pairs and agency marks need), in
    /// order; nil where none is stored under that key.
    public func originSignatures(of documents: [(digest: String, key: String)]) throws(StoreError) -> [OriginSignature?] {
        try read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT words, minhash, byline, lead, tail FROM origin_signatures WHERE digest = ? AND key = ?")
            return try documents.map { document in
                guard let row = try Row.fetchOne(statement, arguments: [document.digest, document.key]) else { return nil }
                return OriginSignature(
                    words: row["words"], minhash: Self.words(row["minhash"]), shingles: [], sentenceEnds: [],
                    byline: row["byline"], lead: row["lead"], tail: row["tail"])
            }
        }
    }

    /// The shingles of a document's stored signature (for checking a candidate pair).
    public func originShingles(digest: String, key: String) throws(StoreError) -> (shingles: [UInt32], sentenceEnds: [UInt32])? {
        try lookup { db in
            guard let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT shingles, sentence_ends FROM origin_signatures WHERE digest = ? AND key = ?"),
                arguments: [digest, key])
            else { return nil }
            return (Self.words(row["shingles"]), Self.words(row["sentence_ends"]))
        }
    }

    public func saveOriginSignatures(_ signatures: [(digest: String, key: String, signature: OriginSignature)]) throws(StoreError) {
        guard !signatures.isEmpty else { return }
        try writeTransaction { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO origin_signatures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for item in signatures {
                let signature = item.signature
                try statement.execute(arguments: [
                    item.digest, item.key, signature.words, Self.bytes(signature.minhash), Self.bytes(signature.shingles),
                    Self.bytes(signature.sentenceEnds), signature.byline, signature.lead, signature.tail,
                ])
            }
        }
    }

    /// 32-bit values as little-endian bytes, and back.
    static func bytes(_ values: [UInt32]) -> Data {
        var data = Data(capacity: values.count * 4)
        for value in values { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func words(_ data: Data?) -> [UInt32] {
        guard let data else { return [] }
        var values: [UInt32] = []
        values.reserveCapacity(data.count / 4)
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset + 4 <= raw.count {
                values.append(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                offset += 4
            }
        }
        return values
    }
}
