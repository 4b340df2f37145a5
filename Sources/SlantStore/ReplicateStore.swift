import Foundation
import GRDB
import SlantCore
import SlantMeasure

/// An article whose contribution the kept replicate sums hold, with everything besides its measures that
/// its contribution depends on.
public struct ReplicateMember: Sendable, Hashable {
    public var articleID: String
    public var digest: String
    /// The outlet the report's figures count it for; "" when they do not count it (`origin.count: own`
    /// and the article republished from another outlet).
    public var outlet: String
    /// The outlet that published it.
    public var publisher: String
    /// Its origin (`own`, `republished`, `agency`).
    public var origin: String

    public init(articleID: String, digest: String, outlet: String, publisher: String, origin: String) {
        self.articleID = articleID
        self.digest = digest
        self.outlet = outlet
        self.publisher = publisher
        self.origin = origin
    }
}

/// The kept Poisson bootstrap sums as stored: what they were made under (`basis`), the sums, and the
/// articles they hold.
public struct StoredReplicates: Sendable {
    public var basis: String
    public var accumulator: ReplicateAccumulator
    public var members: Set<ReplicateMember>
}

/// Kept replicate sums in the store (tables `replicate_sums` and `replicate_members`, migration
/// `v8-replicates`): one row per group and quantity, its replicate sums as little-endian 64-bit
/// integers. Written as a difference from what is stored, in one transaction with the members.
extension SlantStore {
    static let replicatesBasisKey = "replicates_basis"

    /// The stored sums, when they were made under `basis` with `replicates` replicates. They are read
    /// straight into an accumulator sized for them (no copy of the sums on the way), which records
    /// from then on which sums change, so that ``saveReplicates(_:members:basis:previous:)`` writes
    /// only those.
    public func replicates(basis: String, replicates: Int) throws(StoreError) -> StoredReplicates? {
        guard try meta(Self.replicatesBasisKey) == basis else { return nil }
        return try read { db -> StoredReplicates? in
            let rowCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM replicate_sums") ?? 0
            var accumulator = ReplicateAccumulator(replicates: replicates, capacity: rowCount)
            let rows = try Row.fetchCursor(db, sql: "SELECT grp, quantity, total, nonzero, sums FROM replicate_sums")
            while let row = try rows.next() {
                guard let group = Self.group(row["grp"]), let quantity = ReplicateQuantity(storageKey: row["quantity"]) else { return nil }
                let total: Int64 = row["total"]
                let nonzero: Int = row["nonzero"]
                let loaded = try row.withUnsafeData(named: "sums") { data -> Bool in
                    guard let data else { return false }
                    return data.withUnsafeBytes { accumulator.load(group, quantity, total: total, nonzero: nonzero, littleEndian: $0) }
                }
                guard loaded else { return nil }
            }
            accumulator.trackChanges()
            var members = Set<ReplicateMember>(minimumCapacity: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM replicate_members") ?? 0)
            let memberRows = try Row.fetchCursor(db, sql: "SELECT article_id, digest, outlet, publisher, origin FROM replicate_members")
            while let row = try memberRows.next() {
                members.insert(ReplicateMember(
                    articleID: row["article_id"], digest: row["digest"], outlet: row["outlet"], publisher: row["publisher"],
                    origin: row["origin"]))
            }
            return StoredReplicates(basis: basis, accumulator: accumulator, members: members)
        }
    }

    /// Replaces the stored sums with `accumulator` (holding `members`). When `previous` is of the same
    /// basis and `accumulator` is it updated (it records which sums changed since it was read), only
    /// those sums and the members that came or went are written; otherwise everything is.
    public func saveReplicates(
        _ accumulator: ReplicateAccumulator, members: Set<ReplicateMember>, basis: String, previous: StoredReplicates?
    ) throws(StoreError) {
        let old = previous?.basis == basis ? previous : nil
        let changed = old == nil ? nil : accumulator.changedSums
        try writeTransaction { db in
            let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO replicate_sums (grp, quantity, total, nonzero, sums) VALUES (?, ?, ?, ?, ?)")
            let delete = try db.cachedStatement(sql: "DELETE FROM replicate_sums WHERE grp = ? AND quantity = ?")
            func write(_ group: ReplicateGroup, _ quantity: ReplicateQuantity, _ sums: ReplicateSums) throws {
                let data = sums.replicates.map(\.littleEndian).withUnsafeBytes { Data($0) }
                try upsert.execute(arguments: [Self.key(group), quantity.storageKey, sums.total, sums.nonzero, data])
            }
            if let changed {
                for (group, quantity, sums) in changed {
                    if let sums {
                        try write(group, quantity, sums)
                    } else {
                        try delete.execute(arguments: [Self.key(group), quantity.storageKey])
                    }
                }
            } else {
                try db.execute(sql: "DELETE FROM replicate_sums")
                for (group, quantities) in accumulator.sums {
                    for (quantity, sums) in quantities { try write(group, quantity, sums) }
                }
            }
            if old == nil { try db.execute(sql: "DELETE FROM replicate_members") }
            let insertMember = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO replicate_members (article_id, digest, outlet, publisher, origin) VALUES (?, ?, ?, ?, ?)")
            let deleteMember = try db.cachedStatement(
                sql: "DELETE FROM replicate_members WHERE article_id = ? AND digest = ? AND outlet = ? AND publisher = ? AND origin = ?")
            for member in members where old?.members.contains(member) != true {
                try insertMember.execute(arguments: [member.articleID, member.digest, member.outlet, member.publisher, member.origin])
            }
            for member in old?.members ?? [] where !members.contains(member) {
                try deleteMember.execute(arguments: [member.articleID, member.digest, member.outlet, member.publisher, member.origin])
            }
            try MetaRow(key: Self.replicatesBasisKey, value: basis).save(db)
        }
    }

    /// `outlet␟month` (month empty for the whole outlet), with `␟origins` after it for an origin group.
    static func key(_ group: ReplicateGroup) -> String {
        group.outlet + "\u{1F}" + (group.month ?? "") + (group.scope == .origins ? "\u{1F}origins" : "")
    }

    static func group(_ key: String) -> ReplicateGroup? {
        let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        let month = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil
        switch parts.count {
        case 2: return ReplicateGroup(outlet: String(parts[0]), month: month)
        case 3 where parts[2] == "origins": return ReplicateGroup(outlet: String(parts[0]), month: month, scope: .origins)
        default: return nil
        }
    }
}
