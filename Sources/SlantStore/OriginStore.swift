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

    // MARK: - The kept origin index (migration `v9-origin-index`)

    static let originIndexBasisKey = "origin_index_basis"

    /// Tables `origin_members` (each member of the last report's corpus as origin resolution knows it,
    /// with its origin) and `origin_buckets` (the LSH index: per shard, the top 16 bits of the bucket
    /// keys, its members' bucket keys and ordinals, sorted, as little-endian bytes).
    static func migrateToOriginIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE origin_members (
                ordinal INTEGER PRIMARY KEY, article_id TEXT NOT NULL, digest TEXT NOT NULL, outlet TEXT NOT NULL,
                published TEXT, source TEXT NOT NULL, words INTEGER, kind TEXT NOT NULL, agency TEXT, agency_mark TEXT,
                copies_article TEXT, copies_outlet TEXT, matched_sentences REAL, containment REAL, jaccard REAL,
                basis TEXT, counted_for TEXT);
            CREATE TABLE origin_buckets (shard INTEGER PRIMARY KEY, entries BLOB NOT NULL);
            """)
    }

    /// The shard of a bucket key in `origin_buckets`.
    public static func originShard(_ key: Int64) -> Int { Int(UInt64(bitPattern: key) >> 48) }

    /// The kept origin index's members by ordinal, when it was made under `basis`.
    public func keptOrigins(basis: String) throws(StoreError) -> [Int: KeptOriginMember]? {
        guard try meta(Self.originIndexBasisKey) == basis else { return nil }
        return try read { db -> [Int: KeptOriginMember]? in
            var members: [Int: KeptOriginMember] = [:]
            members.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM origin_members") ?? 0)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT ordinal, article_id, digest, outlet, published, source, words, kind, agency, agency_mark,
                    copies_article, copies_outlet, matched_sentences, containment, jaccard, basis, counted_for
                FROM origin_members
                """)
            while let row = try rows.next() {
                guard let kind = ArticleOrigin.Kind(rawValue: row[7]) else { return nil }
                var origin = ArticleOrigin(kind: kind, countedFor: row[16])
                origin.agency = row[8]
                origin.agencyMark = row[9]
                origin.copiesArticle = row[10]
                origin.copiesOutlet = row[11]
                origin.matchedSentences = row[12]
                origin.containment = row[13]
                origin.jaccard = row[14]
                origin.basis = row[15]
                let member = OriginMember(id: row[1], digest: row[2], outlet: row[3], published: row[4], source: row[5])
                members[row[0]] = KeptOriginMember(member: member, words: row[6], origin: origin)
            }
            return members
        }
    }

    /// The entries (bucket key, ordinal) of one shard of the kept LSH index, sorted.
    public func originBucketShard(_ shard: Int) throws(StoreError) -> [(key: Int64, ordinal: Int)] {
        try lookup { db in
            guard let data = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT entries FROM origin_buckets WHERE shard = ?"), arguments: [shard])
            else { return [] }
            return Self.shardEntries(data)
        }
    }

    /// Writes the kept origin index: with `replacing`, everything anew; otherwise the members that
    /// left deleted, those that joined (or changed) written, the origins that changed updated and the
    /// shards given rewritten (an empty shard deleted).
    public func saveOriginIndex(
        basis: String, replacing: Bool, members: [(ordinal: Int, member: KeptOriginMember)], removed: [Int],
        origins: [(ordinal: Int, origin: ArticleOrigin)], shards: [Int: [(key: Int64, ordinal: Int)]]
    ) throws(StoreError) {
        try writeTransaction { db in
            if replacing {
                try db.execute(sql: "DELETE FROM origin_members; DELETE FROM origin_buckets")
            }
            let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO origin_members VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for (ordinal, kept) in members {
                let member = kept.member
                let origin = kept.origin
                try insert.execute(arguments: [
                    ordinal, member.id, member.digest, member.outlet, member.published, member.source, kept.words,
                    origin.kind.rawValue, origin.agency, origin.agencyMark, origin.copiesArticle, origin.copiesOutlet,
                    origin.matchedSentences, origin.containment, origin.jaccard, origin.basis, origin.countedFor,
                ])
            }
            let delete = try db.cachedStatement(sql: "DELETE FROM origin_members WHERE ordinal = ?")
            for ordinal in removed { try delete.execute(arguments: [ordinal]) }
            let update = try db.cachedStatement(sql: """
                UPDATE origin_members SET kind = ?, agency = ?, agency_mark = ?, copies_article = ?, copies_outlet = ?,
                    matched_sentences = ?, containment = ?, jaccard = ?, basis = ?, counted_for = ? WHERE ordinal = ?
                """)
            for (ordinal, origin) in origins {
                try update.execute(arguments: [
                    origin.kind.rawValue, origin.agency, origin.agencyMark, origin.copiesArticle, origin.copiesOutlet,
                    origin.matchedSentences, origin.containment, origin.jaccard, origin.basis, origin.countedFor, ordinal,
                ])
            }
            let writeShard = try db.cachedStatement(sql: "INSERT OR REPLACE INTO origin_buckets (shard, entries) VALUES (?, ?)")
            let deleteShard = try db.cachedStatement(sql: "DELETE FROM origin_buckets WHERE shard = ?")
            for (shard, entries) in shards {
                if entries.isEmpty {
                    try deleteShard.execute(arguments: [shard])
                } else {
                    try writeShard.execute(arguments: [shard, Self.shardBytes(entries)])
                }
            }
            try MetaRow(key: Self.originIndexBasisKey, value: basis).save(db)
        }
    }

    static func shardBytes(_ entries: [(key: Int64, ordinal: Int)]) -> Data {
        var data = Data(capacity: entries.count * 12)
        for entry in entries {
            withUnsafeBytes(of: entry.key.littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: entry.ordinal).littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    static func shardEntries(_ data: Data) -> [(key: Int64, ordinal: Int)] {
        var entries: [(key: Int64, ordinal: Int)] = []
        entries.reserveCapacity(data.count / 12)
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset + 12 <= raw.count {
                let key = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self))
                let ordinal = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))
                entries.append((key, Int(ordinal)))
                offset += 12
            }
        }
        return entries
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
