import Foundation
import GRDB
import SlantCore
import SlantMeasure

/// Why the store cannot be used.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The file at the store path is not a Slant store (another database, or not a database at all).
    case foreign(path: String, reason: String)
    /// Another `slant` process holds the store.
    case busy(path: String, holder: String)
    /// The store could not be opened, read or written.
    case failure(path: String, reason: String)

    public var description: String {
        switch self {
        case .foreign(let path, let reason):
            "\(path) is not a usable Slant store (\(reason)). Move the file away, or run `slant run --rebuild` to replace it with a new store (every document is then analysed again)."
        case .busy(let path, let holder):
            "another slant process (\(holder)) is using the store \(path); wait for it to finish, then run again."
        case .failure(let path, let reason):
            "the store \(path) could not be used: \(reason)"
        }
    }
}

/// What the store remembers of one input file, so that an unchanged file is not read again.
public struct FileRecord: Sendable, Hashable {
    public var path: String
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64
    public var format: String
    /// The digests of the documents the file holds (one, or one per JSON Lines record),
    /// and the outlet each record names.
    public var documents: [StoredDocument]

    public init(path: String, size: Int64, modified: Int64, format: String, documents: [StoredDocument]) {
        self.path = path
        self.size = size
        self.modified = modified
        self.format = format
        self.documents = documents
    }
}

/// A document of a file as the store knows it: its digest, where it came from, its outlet hint.
public struct StoredDocument: Sendable, Hashable, Codable {
    public var digest: String
    /// `path` or `path:line`.
    public var source: String
    public var outletHint: String?

    public init(digest: String, source: String, outletHint: String?) {
        self.digest = digest
        self.source = source
        self.outletHint = outletHint
    }
}

/// One member of the corpus of the last completed run.
public struct CorpusMember: Sendable, Hashable {
    public var digest: String
    public var source: String
    public var outlet: String
    public var analysisKey: String
    /// The id the article has in the reports (made unique across outlets).
    public var articleID: String

    public init(digest: String, source: String, outlet: String, analysisKey: String, articleID: String) {
        self.digest = digest
        self.source = source
        self.outlet = outlet
        self.analysisKey = analysisKey
        self.articleID = articleID
    }
}

/// The embedded SQLite store (through GRDB): file identities, cleaned articles,
/// measures and evidence keyed by content digest and stage keys, failures, runs,
/// and the corpus of the last completed run.
///
/// Writes are transactional (WAL journal): a process killed at any point leaves
/// a store that the next run continues from. One process at a time holds the
/// store (an exclusive lock on `<store>.lock`); another gets ``StoreError/busy``.
public final class SlantStore: @unchecked Sendable {
    public let path: String
    private let database: DatabaseQueue
    private let lock: StoreLock

    /// `SLNT`: marks the SQLite file as a Slant store.
    static let applicationID: Int32 = 0x534C_4E54

    /// Opens (creating if needed) the store at `path`. With `rebuild`, an existing file is
    /// moved aside to `<path>.old` and a new store is started.
    public init(path: String, rebuild: Bool = false) throws(StoreError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .failure(path: path, reason: "cannot create the directory \(directory): \(error.localizedDescription)")
            }
        }
        lock = try StoreLock(path: path + ".lock", store: path)
        if rebuild { Self.moveAside(path) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
        }
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.classify(error, path: path)
        }
        try checkIdentity()
        do {
            try Self.migrator.migrate(database)
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    private static func moveAside(_ path: String) {
        let manager = FileManager.default
        for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: path + suffix) {
            try? manager.removeItem(atPath: path + ".old" + suffix)
            try? manager.moveItem(atPath: path + suffix, toPath: path + ".old" + suffix)
        }
    }

    /// A store is ours if it is empty or carries our application id.
    private func checkIdentity() throws(StoreError) {
        do {
            let (identifier, tables) = try database.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0)
            }
            if identifier == Self.applicationID { return }
            if tables > 0 { throw StoreError.foreign(path: path, reason: "it is an SQLite database of another application") }
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)") }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    static func classify(_ error: Error, path: String) -> StoreError {
        if let database = error as? DatabaseError {
            switch database.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return .foreign(path: path, reason: "the file is not an SQLite database, or it is damaged")
            default:
                return .failure(path: path, reason: database.message ?? "\(database.resultCode)")
            }
        }
        return .failure(path: path, reason: "\(error)")
    }

    /// Schema migrations, from the first release on: a store written by any earlier
    /// version is brought up to date in place.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE files (
                    path TEXT PRIMARY KEY, size INTEGER NOT NULL, modified INTEGER NOT NULL,
                    format TEXT NOT NULL, documents TEXT NOT NULL);
                CREATE TABLE documents (
                    digest TEXT PRIMARY KEY, source TEXT NOT NULL, format TEXT NOT NULL, first_run INTEGER);
                CREATE TABLE cleaned (
                    digest TEXT NOT NULL, key TEXT NOT NULL, article BLOB NOT NULL, PRIMARY KEY (digest, key));
                CREATE TABLE failures (
                    digest TEXT NOT NULL, key TEXT NOT NULL, source TEXT NOT NULL, stage TEXT NOT NULL,
                    code TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (digest, key));
                CREATE TABLE measures (
                    digest TEXT NOT NULL, key TEXT NOT NULL, article_id TEXT NOT NULL, counts BLOB NOT NULL,
                    words BLOB NOT NULL, PRIMARY KEY (digest, key));
                CREATE TABLE evidence (
                    digest TEXT NOT NULL, key TEXT NOT NULL, position INTEGER NOT NULL, kind TEXT NOT NULL,
                    grouping TEXT NOT NULL, item TEXT NOT NULL, stance TEXT, weight REAL, text TEXT NOT NULL,
                    voice TEXT NOT NULL, distanced INTEGER NOT NULL, speaker TEXT, negated INTEGER NOT NULL,
                    comment INTEGER, sentence INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
                    sentence_text TEXT NOT NULL, match_start INTEGER NOT NULL, match_end INTEGER NOT NULL,
                    PRIMARY KEY (digest, key, position));
                CREATE INDEX evidence_item ON evidence (item COLLATE NOCASE);
                CREATE INDEX evidence_text ON evidence (text COLLATE NOCASE);
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, finished TEXT,
                    status TEXT NOT NULL, summary TEXT);
                CREATE TABLE corpus (
                    digest TEXT NOT NULL, source TEXT NOT NULL, outlet TEXT NOT NULL, analysis_key TEXT NOT NULL,
                    article_id TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (source, digest));
                CREATE TABLE corpus_failures (
                    source TEXT NOT NULL, stage TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """)
        }
        migrator.registerMigration("v2-statistics") { db in
            try db.execute(sql: """
                CREATE TABLE statistics (id TEXT PRIMARY KEY, kind TEXT NOT NULL, outlet TEXT, body BLOB NOT NULL);
                """)
        }
        return migrator
    }

    // MARK: - Files

    public func fileRecord(_ path: String) throws(StoreError) -> FileRecord? {
        try lookup { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT path, size, modified, format, documents FROM files WHERE path = ?"), arguments: [path])
            else { return nil }
            return Self.fileRecord(row)
        }
    }

    /// Every file the store knows, by path: one query for a whole run instead of one per file.
    public func fileRecords() throws(StoreError) -> [String: FileRecord] {
        try read { db in
            var records: [String: FileRecord] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT path, size, modified, format, documents FROM files")
            while let row = try rows.next() {
                let record = Self.fileRecord(row)
                records[record.path] = record
            }
            return records
        }
    }

    private static func fileRecord(_ row: Row) -> FileRecord {
        FileRecord(
            path: row[0], size: row[1], modified: row[2], format: row[3],
            documents: StoredDocumentsFormat.decode(row[4] as String) ?? [])
    }

    // MARK: - Cached stage outputs

    /// The cleaned article of a document under a clean key, if stored.
    public func article(digest: String, key: String) throws(StoreError) -> Article? {
        try lookup { db in
            guard let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT article FROM cleaned WHERE digest = ? AND key = ?"), arguments: [digest, key])
            else { return nil }
            return try? JSONDecoder().decode(Article.self, from: data)
        }
    }

    /// A failure recorded for a document under a stage key (not retried until the document or the key changes).
    public func failure(digest: String, key: String) throws(StoreError) -> ExcludedDocument? {
        try lookup { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM failures WHERE digest = ? AND key = ?"), arguments: [digest, key])
            else { return nil }
            return ExcludedDocument(source: row["source"], stage: row["stage"], code: row["code"], reason: row["reason"])
        }
    }

    /// The measures of a document under an analysis key (without evidence sentences: see ``evidence``).
    public func measures(digest: String, key: String) throws(StoreError) -> ArticleMeasures? {
        try lookup { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT counts FROM measures WHERE digest = ? AND key = ?"), arguments: [digest, key])
            guard let row = try rows.next() else { return nil }
            return try row.withUnsafeData(atIndex: 0) { data in
                data?.withUnsafeBytes { MeasuresFormat.decode($0) }
            }
        }
    }

    // MARK: - Writing a batch

    /// Everything one batch of documents produced, written in one transaction.
    public struct Batch: Sendable {
        public var files: [FileRecord] = []
        public var documents: [(digest: String, source: String, format: String)] = []
        public var cleaned: [(digest: String, key: String, article: Article)] = []
        public var failures: [(digest: String, key: String, failure: ExcludedDocument)] = []
        public var measures: [(digest: String, key: String, measures: ArticleMeasures)] = []

        public init() {}

        public var isEmpty: Bool {
            files.isEmpty && documents.isEmpty && cleaned.isEmpty && failures.isEmpty && measures.isEmpty
        }
    }

    public func write(_ batch: Batch, run: Int64) throws(StoreError) {
        guard !batch.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try writeTransaction { db in
            for file in batch.files {
                let documents = String(decoding: try encoder.encode(file.documents), as: UTF8.self)
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO files (path, size, modified, format, documents) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [file.path, file.size, file.modified, file.format, documents])
            }
            for document in batch.documents {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO documents (digest, source, format, first_run) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [document.digest, document.source, document.format, run])
            }
            for item in batch.cleaned {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO cleaned (digest, key, article) VALUES (?, ?, ?)")
                    .execute(arguments: [item.digest, item.key, try encoder.encode(item.article)])
            }
            for item in batch.failures {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO failures (digest, key, source, stage, code, reason) VALUES (?, ?, ?, ?, ?, ?)")
                    .execute(arguments: [item.digest, item.key, item.failure.source, item.failure.stage, item.failure.code, item.failure.reason])
            }
            for item in batch.measures {
                var light = item.measures
                let words = Data(WordsFormat.encode(light.words))
                light.words = [:]
                let evidence = light.evidence
                let counts = Data(MeasuresFormat.encode(light))
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO measures (digest, key, article_id, counts, words) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [item.digest, item.key, light.id, counts, words])
                try db.cachedStatement(sql: "DELETE FROM evidence WHERE digest = ? AND key = ?").execute(arguments: [item.digest, item.key])
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO evidence (digest, key, position, kind, grouping, item, stance, weight, text, voice,
                        distanced, speaker, negated, comment, sentence, start, end, sentence_text, match_start, match_end)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (position, entry) in evidence.enumerated() {
                    try insert.execute(arguments: [
                        item.digest, item.key, position, entry.kind.rawValue, entry.group, entry.item, entry.stance,
                        entry.weight, entry.text, entry.voice.voice.rawValue, entry.voice.distanced, entry.speaker,
                        entry.negated, entry.comment, entry.sentence, entry.start, entry.end, entry.sentenceText,
                        entry.matchStart, entry.matchEnd,
                    ])
                }
            }
        }
    }

    // MARK: - Runs and the corpus

    public func beginRun(at time: String) throws(StoreError) -> Int64 {
        try writeTransaction { db in
            try db.execute(sql: "INSERT INTO runs (started, status) VALUES (?, 'running')", arguments: [time])
            return db.lastInsertedRowID
        }
    }

    /// Records the corpus of a completed run (replacing the previous one) and closes the run, atomically.
    public func finishRun(
        _ run: Int64, at time: String, corpus: [CorpusMember], failures: [ExcludedDocument], summary: String,
        meta: [String: String]
    ) throws(StoreError) {
        try writeTransaction { db in
            try db.execute(sql: "DELETE FROM corpus")
            let insert = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO corpus (digest, source, outlet, analysis_key, article_id, position) VALUES (?, ?, ?, ?, ?, ?)")
            for (position, member) in corpus.enumerated() {
                try insert.execute(arguments: [member.digest, member.source, member.outlet, member.analysisKey, member.articleID, position])
            }
            try db.execute(sql: "DELETE FROM corpus_failures")
            for failure in failures {
                try db.execute(
                    sql: "INSERT INTO corpus_failures (source, stage, code, reason) VALUES (?, ?, ?, ?)",
                    arguments: [failure.source, failure.stage, failure.code, failure.reason])
            }
            for (key, value) in meta {
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
            }
            try db.execute(
                sql: "UPDATE runs SET finished = ?, status = 'completed', summary = ? WHERE id = ?",
                arguments: [time, summary, run])
        }
    }

    /// Replaces the stored statistics with those of the latest report (for `slant cite`). Each is
    /// stored under its ID and under each of its aliases (the body names the ID).
    public func replaceStatistics(_ statistics: [Statistic]) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try writeTransaction { db in
            try db.execute(sql: "DELETE FROM statistics")
            for statistic in statistics {
                let body = try encoder.encode(statistic)
                for id in [statistic.id] + statistic.aliases {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO statistics (id, kind, outlet, body) VALUES (?, ?, ?, ?)",
                        arguments: [id, statistic.kind.rawValue, statistic.outlet, body])
                }
            }
        }
    }

    /// One statistic of the latest report.
    public func statistic(_ id: String) throws(StoreError) -> Statistic? {
        try lookup { db in
            guard let data = try Data.fetchOne(db, sql: "SELECT body FROM statistics WHERE id = ?", arguments: [id]) else { return nil }
            return try? JSONDecoder().decode(Statistic.self, from: data)
        }
    }

    /// The IDs of the latest report's statistics.
    public func statisticIDs() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT id FROM statistics ORDER BY id") }
    }

    public func setMeta(_ values: [String: String]) throws(StoreError) {
        try writeTransaction { db in
            for (key, value) in values {
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
            }
        }
    }

    /// The corpus of the last completed run.
    public func corpus() throws(StoreError) -> [CorpusMember] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM corpus ORDER BY position").map { row in
                CorpusMember(
                    digest: row["digest"], source: row["source"], outlet: row["outlet"], analysisKey: row["analysis_key"],
                    articleID: row["article_id"])
            }
        }
    }

    /// The sources of the corpus of the last completed run.
    public func corpusSources() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT source FROM corpus") }
    }

    public func corpusFailures() throws(StoreError) -> [ExcludedDocument] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM corpus_failures ORDER BY source").map { row in
                ExcludedDocument(source: row["source"], stage: row["stage"], code: row["code"], reason: row["reason"])
            }
        }
    }

    public func meta(_ key: String) throws(StoreError) -> String? {
        try lookup { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// Whether a completed run exists.
    public func hasCompletedRun() throws(StoreError) -> Bool {
        try read { db in (try Int.fetchOne(db, sql: "SELECT count(*) FROM runs WHERE status = 'completed'") ?? 0) > 0 }
    }

    /// Digests that some earlier run has seen.
    public func knownDigests(_ digests: [String]) throws(StoreError) -> Set<String> {
        try read { db in
            var known = Set<String>()
            for chunk in stride(from: 0, to: digests.count, by: 500) {
                let part = Array(digests[chunk..<min(chunk + 500, digests.count)])
                let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
                known.formUnion(try String.fetchAll(db, sql: "SELECT digest FROM documents WHERE digest IN (\(marks))", arguments: StatementArguments(part)))
            }
            return known
        }
    }

    /// Every digest that some earlier run has seen: one query for a whole run.
    public func knownDigests() throws(StoreError) -> Set<String> {
        try read { db in
            var known = Set<String>()
            let digests = try String.fetchCursor(db, sql: "SELECT digest FROM documents")
            while let digest = try digests.next() { known.insert(digest) }
            return known
        }
    }

    /// The stored authorial words of each corpus member, handed over one word at a time as its UTF-8 bytes and
    /// count (for keyness without holding every article's words, or a `String` per word).
    public func forEachWord(of members: [CorpusMember], _ body: (CorpusMember, UnsafeRawBufferPointer, Int) -> Void) throws(StoreError) {
        try read { db in
            let statement = try db.cachedStatement(sql: "SELECT words FROM measures WHERE digest = ? AND key = ?")
            for member in members {
                let rows = try Row.fetchCursor(statement, arguments: [member.digest, member.analysisKey])
                guard let row = try rows.next() else { continue }
                try row.withUnsafeData(atIndex: 0) { data in
                    guard let data else { return }
                    data.withUnsafeBytes { bytes in
                        _ = WordsFormat.forEach(bytes) { word, count in body(member, word, count) }
                    }
                }
            }
        }
    }

    /// Evidence rows of a member, in order (with their sentences).
    public func evidence(digest: String, key: String) throws(StoreError) -> [Evidence] {
        try lookup { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(Self.evidenceColumns) FROM evidence WHERE digest = ? AND key = ? ORDER BY position"),
                arguments: [digest, key]
            ).map(Self.evidence(from:))
        }
    }

    /// The evidence rows (with their sentences) of each of these documents, in order, handed over one
    /// document at a time with its position in `documents`: one read for all of them.
    public func forEachEvidence(
        of documents: [(digest: String, key: String)], _ body: (Int, [Evidence]) -> Void
    ) throws(StoreError) {
        try read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(Self.evidenceColumns) FROM evidence WHERE digest = ? AND key = ? ORDER BY position")
            var items: [Evidence] = []
            for (position, document) in documents.enumerated() {
                items.removeAll(keepingCapacity: true)
                let rows = try Row.fetchCursor(statement, arguments: [document.digest, document.key])
                while let row = try rows.next() { items.append(Self.evidence(from: row)) }
                body(position, items)
            }
        }
    }

    /// Evidence rows whose term/entry or matched text equals `text` (case-insensitively), among the given members.
    public func evidence(matching text: String, in members: [CorpusMember]) throws(StoreError) -> [(CorpusMember, Evidence)] {
        let byKey = Dictionary(members.map { ($0.digest + "\u{1F}" + $0.analysisKey, $0) }, uniquingKeysWith: { first, _ in first })
        return try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.evidenceColumns), digest, key FROM evidence WHERE item = ? COLLATE NOCASE OR text = ? COLLATE NOCASE ORDER BY digest, position",
                arguments: [text, text]
            ).compactMap { row in
                guard let member = byKey[(row[17] as String) + "\u{1F}" + (row[18] as String)] else { return nil }
                return (member, Self.evidence(from: row))
            }
        }
    }

    /// The columns ``evidence(from:)`` reads, in its order.
    static let evidenceColumns = """
        kind, grouping, item, stance, weight, text, voice, distanced, speaker, negated, comment, sentence, start, end, \
        sentence_text, match_start, match_end
        """

    static func evidence(from row: Row) -> Evidence {
        let voice = Voice(rawValue: row[6]) ?? .authorial
        return Evidence(
            kind: Evidence.Kind(rawValue: row[0]) ?? .term, group: row[1], item: row[2], stance: row[3], weight: row[4],
            text: row[5], voice: VoiceKey(voice, distanced: row[7]), speaker: row[8], negated: row[9], comment: row[10],
            sentence: row[11], start: row[12], end: row[13], sentenceText: row[14], matchStart: row[15], matchEnd: row[16])
    }

    // MARK: - Plumbing

    private func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    /// One statement's read, outside a transaction (SQLite reads it from one snapshot anyway): for
    /// the point lookups a run makes once per document, where a transaction would cost more than the query.
    private func lookup<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.unsafeRead(body)
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    private func writeTransaction<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.write(body)
        } catch {
            throw Self.classify(error, path: path)
        }
    }
}

/// An exclusive advisory lock on a file, held for the life of the process's store.
final class StoreLock: @unchecked Sendable {
    private let descriptor: Int32

    init(path: String, store: String) throws(StoreError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .failure(path: store, reason: "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            var holder = "pid unknown"
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, 31, 0)
            if count > 0 { holder = "pid " + String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            close(descriptor)
            throw .busy(path: store, holder: holder)
        }
        ftruncate(descriptor, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pwrite(descriptor, pid, pid.count, 0)
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
