import Foundation
import GRDB
import SlantCore
import SlantMeasure

/// Why the store cannot be used.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The file at the store path is not a Slant store (another application's database, or not a
    /// database at all): Slant neither uses nor moves it.
    case foreign(path: String, reason: String)
    /// The file is a Slant store that cannot be read (damaged).
    case damaged(path: String, reason: String)
    /// The store was written by a newer Slant, whose data this version would overwrite.
    case newer(path: String, writtenBy: String, running: String)
    /// `--rebuild` was asked for a file that is not a Slant store.
    case refusedRebuild(path: String, reason: String)
    /// Another `slant` process holds the store.
    case busy(path: String, holder: String)
    /// The store could not be opened, read or written.
    case failure(path: String, reason: String)

    public var description: String {
        switch self {
        case .foreign(let path, let reason):
            "\(path) is not a Slant store (\(reason)); Slant leaves it as it is. Move it away, or set `store:` in pipeline.yaml to another path."
        case .damaged(let path, let reason):
            "\(path) is a Slant store that cannot be read (\(reason)). Run `slant run --rebuild` to keep it as \(path).old and start a new store (every document is then analysed again)."
        case .newer(let path, let writtenBy, let running):
            "the store \(path) was written by Slant \(writtenBy), newer than this Slant \(running); using it would overwrite its newer data. Run the newer Slant, or point `store:` at another path."
        case .refusedRebuild(let path, let reason):
            "`--rebuild` moves aside only a Slant store, and \(path) is not one (\(reason)); nothing was moved."
        case .busy(let path, let holder):
            "another slant process (\(holder)) is using the store \(path); wait for it to finish, then run again."
        case .failure(let path, let reason):
            "the store \(path) could not be used: \(reason)"
        }
    }
}

/// What lies at a store path, judged from its first bytes before SQLite opens it.
enum StoreFile: Equatable {
    case absent
    /// An SQLite database marked as a Slant store.
    case slant
    /// An SQLite database without Slant's mark: another application's, or a Slant store that was
    /// created but not yet marked (then it holds no table).
    case unmarkedSQLite
    case notSQLite

    static let header = Array("SQLite format 3\u{0}".utf8)

    static func inspect(_ path: String) -> StoreFile {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .absent }
        defer { try? handle.close() }
        let bytes = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        if bytes.isEmpty { return .absent }
        guard bytes.count >= 72, Array(bytes[0..<16]) == header else { return .notSQLite }
        let identifier = bytes[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return identifier == UInt32(bitPattern: SlantStore.applicationID) ? .slant : .unmarkedSQLite
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
    /// The meta key of the Slant version that last wrote the store.
    static let writerKey = "written_by"

    /// Opens (creating if needed) the store at `path`. With `rebuild`, an existing Slant store is
    /// moved aside to `<path>.old` and a new store is started; a file that is not a Slant store is
    /// never moved or changed.
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
        switch StoreFile.inspect(path) {
        case .notSQLite:
            let reason = "the file is not an SQLite database"
            throw rebuild ? .refusedRebuild(path: path, reason: reason) : .foreign(path: path, reason: reason)
        case .unmarkedSQLite where Self.isOtherApplications(path):
            // Not opened for writing at all: even switching it to WAL would change another application's file.
            let reason = "it is an SQLite database of another application"
            throw rebuild ? .refusedRebuild(path: path, reason: reason) : .foreign(path: path, reason: reason)
        default:
            break
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
            let (superseded, writer) = try database.read { db in
                (try Self.migrator.hasBeenSuperseded(db),
                 try db.tableExists("meta") ? try MetaRow.fetchOne(db, key: Self.writerKey)?.value : nil)
            }
            if superseded {
                throw StoreError.newer(path: path, writtenBy: writer ?? "(a later version)", running: SlantVersion.current)
            }
            try Self.migrator.migrate(database)
            try database.write { db in try MetaRow(key: Self.writerKey, value: SlantVersion.current).save(db) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    /// Whether an SQLite file whose header lacks Slant's mark is another application's: read-only, and
    /// through its write-ahead log (where a Slant store killed early keeps its mark until a checkpoint).
    private static func isOtherApplications(_ path: String) -> Bool {
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return false }
        let facts = try? queue.read { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0)
        }
        try? queue.close()
        guard let (identifier, tables) = facts else { return false }
        return identifier != applicationID && tables > 0
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
                return .damaged(path: path, reason: "the database file is damaged")
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
        migrator.registerMigration("v3-records", migrate: Self.migrateToRecords)
        migrator.registerMigration("v4-evidence-lexicon") { db in
            // Each occurrence names the lexicon that tagged it (empty for rows written before).
            try db.execute(sql: "ALTER TABLE evidence ADD COLUMN lexicon TEXT NOT NULL DEFAULT ''")
        }
        migrator.registerMigration("v5-validation-origins", migrate: Self.migrateToValidationAndOrigins)
        migrator.registerMigration("v6-evidence-headline-part") { db in
            // `headline` or `standfirst` for an occurrence in one (null in the body and comments, and before).
            try db.execute(sql: "ALTER TABLE evidence ADD COLUMN headline_part TEXT")
        }
        migrator.registerMigration("v7-archives") { db in
            // WARC files: how many documents a file's filter dropped, and under which filter it was read.
            try db.execute(sql: """
                ALTER TABLE files ADD COLUMN filtered INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE files ADD COLUMN ingest_key TEXT NOT NULL DEFAULT '';
                """)
        }
        migrator.registerMigration("v8-replicates") { db in
            // The kept Poisson bootstrap sums of the last report's corpus, and the articles they hold.
            try db.execute(sql: """
                CREATE TABLE replicate_sums (
                    grp TEXT NOT NULL, quantity TEXT NOT NULL, total INTEGER NOT NULL, nonzero INTEGER NOT NULL,
                    sums BLOB NOT NULL, PRIMARY KEY (grp, quantity));
                CREATE TABLE replicate_members (
                    article_id TEXT NOT NULL, digest TEXT NOT NULL, outlet TEXT NOT NULL, publisher TEXT NOT NULL,
                    origin TEXT NOT NULL, PRIMARY KEY (article_id, digest, outlet, publisher, origin));
                """)
        }
        migrator.registerMigration("v9-origin-index", migrate: Self.migrateToOriginIndex)
        return migrator
    }

    /// A file's documents as versions 1 and 2 kept them: a JSON list in a column of `files`.
    private struct LegacyDocument: Decodable {
        var digest: String
        var source: String
        var outletHint: String?
    }

    /// Version 3: a file's documents and failures in tables of their own (no JSON column), each
    /// evidence sentence stored once and referenced, and the lexicon versions runs have used.
    private static func migrateToRecords(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE file_documents (
                path TEXT NOT NULL, position INTEGER NOT NULL, digest TEXT NOT NULL, source TEXT NOT NULL,
                record_outlet TEXT, given_id TEXT, PRIMARY KEY (path, position));
            CREATE TABLE file_failures (
                path TEXT NOT NULL, position INTEGER NOT NULL, source TEXT NOT NULL, stage TEXT NOT NULL,
                code TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (path, position));
            CREATE TABLE evidence_sentences (
                digest TEXT NOT NULL, key TEXT NOT NULL, number INTEGER NOT NULL, text TEXT NOT NULL,
                PRIMARY KEY (digest, key, number));
            CREATE TABLE lexicon_versions (
                id TEXT NOT NULL, version INTEGER NOT NULL, digest TEXT NOT NULL, path TEXT NOT NULL,
                first_run INTEGER NOT NULL, PRIMARY KEY (id, version, digest));
            """)
        // Documents of files: from the JSON column into rows. Before version 3 the outlet of an HTML or
        // text file's document was the configuration's; only a JSON Lines record's own is kept.
        let decoder = JSONDecoder()
        let files = try Row.fetchAll(db, sql: "SELECT path, format, documents FROM files")
        for file in files {
            let path: String = file["path"]
            let format: String = file["format"]
            let text: String = file["documents"]
            let documents = (try? decoder.decode([LegacyDocument].self, from: Data(text.utf8))) ?? []
            for (position, document) in documents.enumerated() {
                try FileDocumentRow(
                    path: path, position: position,
                    document: StoredDocument(
                        digest: document.digest, source: document.source,
                        recordOutlet: format == "jsonl" ? document.outletHint : nil)
                ).insert(db)
            }
        }
        try db.execute(sql: "ALTER TABLE files DROP COLUMN documents; ALTER TABLE files ADD COLUMN first_run INTEGER")
        // Evidence sentences: each distinct text of a document once, numbered in order of first use.
        try db.execute(sql: """
            INSERT INTO evidence_sentences (digest, key, number, text)
                SELECT digest, key, ROW_NUMBER() OVER (PARTITION BY digest, key ORDER BY first) - 1, sentence_text
                FROM (SELECT digest, key, sentence_text, min(position) AS first FROM evidence GROUP BY digest, key, sentence_text);
            ALTER TABLE evidence ADD COLUMN sentence_ref INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX migration_sentence_text ON evidence_sentences (digest, key, text);
            UPDATE evidence SET sentence_ref = (
                SELECT number FROM evidence_sentences AS s
                WHERE s.digest = evidence.digest AND s.key = evidence.key AND s.text = evidence.sentence_text);
            DROP INDEX migration_sentence_text;
            ALTER TABLE evidence DROP COLUMN sentence_text;
            """)
    }

    // MARK: - Files

    /// Every file the store knows, by path: one read for a whole run instead of one per file.
    public func fileRecords() throws(StoreError) -> [String: FileRecord] {
        try read { db in
            var records: [String: FileRecord] = [:]
            for file in try FileRow.fetchAll(db) {
                records[file.path] = FileRecord(
                    path: file.path, size: file.size, modified: file.modified, format: file.format, documents: [],
                    firstRun: file.firstRun, filtered: file.filtered, ingestKey: file.ingestKey)
            }
            let documents = try FileDocumentRow.fetchCursor(db, sql: "SELECT * FROM file_documents ORDER BY path, position")
            while let row = try documents.next() { records[row.path]?.documents.append(row.document) }
            let failures = try FileFailureRow.fetchCursor(db, sql: "SELECT * FROM file_failures ORDER BY path, position")
            while let row = try failures.next() { records[row.path]?.failures.append(row.failure) }
            return records
        }
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
            try FailureRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM failures WHERE digest = ? AND key = ?"), arguments: [digest, key])?
                .failure
        }
    }

    /// The measures of a document under an analysis key (without evidence sentences: see ``evidence(digest:key:)``).
    public func measures(digest: String, key: String) throws(StoreError) -> ArticleMeasures? {
        try lookup { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT counts FROM measures WHERE digest = ? AND key = ?"), arguments: [digest, key])
            guard let row = try rows.next() else { return nil }
            return try row.withUnsafeData(named: "counts") { data in
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
                try db.cachedStatement(sql: """
                    INSERT INTO files (path, size, modified, format, first_run, filtered, ingest_key) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (path) DO UPDATE SET size = excluded.size, modified = excluded.modified, format = excluded.format,
                        filtered = excluded.filtered, ingest_key = excluded.ingest_key
                    """).execute(arguments: [file.path, file.size, file.modified, file.format, run, file.filtered, file.ingestKey])
                try db.cachedStatement(sql: "DELETE FROM file_documents WHERE path = ?").execute(arguments: [file.path])
                try db.cachedStatement(sql: "DELETE FROM file_failures WHERE path = ?").execute(arguments: [file.path])
                for (position, document) in file.documents.enumerated() {
                    try FileDocumentRow(path: file.path, position: position, document: document).insert(db)
                }
                for (position, failure) in file.failures.enumerated() {
                    try FileFailureRow(path: file.path, position: position, failure: failure).insert(db)
                }
            }
            for document in batch.documents {
                try DocumentRow(digest: document.digest, source: document.source, format: document.format, firstRun: run)
                    .insert(db, onConflict: .ignore)
            }
            for item in batch.cleaned {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO cleaned (digest, key, article) VALUES (?, ?, ?)")
                    .execute(arguments: [item.digest, item.key, try encoder.encode(item.article)])
            }
            for item in batch.failures {
                try FailureRow(digest: item.digest, key: item.key, failure: item.failure).save(db)
            }
            for item in batch.measures {
                try Self.insertMeasures(item.measures, digest: item.digest, key: item.key, db)
            }
        }
    }

    /// One document's measures, words and evidence; each sentence that holds evidence is stored once.
    private static func insertMeasures(_ measures: ArticleMeasures, digest: String, key: String, _ db: Database) throws {
        var light = measures
        let words = Data(WordsFormat.encode(light.words))
        light.words = [:]
        let evidence = light.evidence
        let counts = Data(MeasuresFormat.encode(light))
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO measures (digest, key, article_id, counts, words) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [digest, key, light.id, counts, words])
        try db.cachedStatement(sql: "DELETE FROM evidence WHERE digest = ? AND key = ?").execute(arguments: [digest, key])
        try db.cachedStatement(sql: "DELETE FROM evidence_sentences WHERE digest = ? AND key = ?").execute(arguments: [digest, key])
        var numbers: [String: Int] = [:]
        for (position, entry) in evidence.enumerated() {
            let number: Int
            if let known = numbers[entry.sentenceText] {
                number = known
            } else {
                number = numbers.count
                numbers[entry.sentenceText] = number
                try EvidenceSentenceRow(digest: digest, key: key, number: number, text: entry.sentenceText).insert(db)
            }
            try EvidenceRow(digest: digest, key: key, position: position, evidence: entry, sentenceRef: number).insert(db)
        }
    }

    // MARK: - Runs and the corpus

    public func beginRun(at time: String) throws(StoreError) -> Int64 {
        try writeTransaction { db in
            try db.execute(sql: "INSERT INTO runs (started, status) VALUES (?, 'running')", arguments: [time])
            return db.lastInsertedRowID
        }
    }

    /// Records the corpus of a completed run (replacing the previous one), what produced it, and
    /// closes the run, atomically.
    public func finishRun(
        _ run: Int64, at time: String, corpus: [CorpusMember], failures: [ExcludedDocument], summary: String,
        provenance: RunProvenance
    ) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try writeTransaction { db in
            try db.execute(sql: "DELETE FROM corpus")
            for (position, member) in corpus.enumerated() {
                try CorpusRow(member: member, position: position).insert(db, onConflict: .replace)
            }
            try db.execute(sql: "DELETE FROM corpus_failures")
            for failure in failures { try CorpusFailureRow(failure: failure).insert(db) }
            let text = String(decoding: try encoder.encode(provenance), as: UTF8.self)
            try MetaRow(key: Self.provenanceKey, value: text).save(db)
            for lexicon in provenance.lexicons {
                try LexiconVersionRow(id: lexicon.id, version: lexicon.version, digest: lexicon.digest, path: lexicon.path, firstRun: run)
                    .insert(db, onConflict: .ignore)
            }
            try db.execute(
                sql: "UPDATE runs SET finished = ?, status = 'completed', summary = ? WHERE id = ?",
                arguments: [time, summary, run])
        }
    }

    static let provenanceKey = "run_provenance"

    /// What produced the corpus of the last completed run; nil before the first, or for a run of a
    /// version that did not record it.
    public func lastProvenance() throws(StoreError) -> RunProvenance? {
        guard let text = try meta(Self.provenanceKey) else { return nil }
        return try? JSONDecoder().decode(RunProvenance.self, from: Data(text.utf8))
    }

    /// The digests earlier runs used under the same lexicon id and version, other than `digest`: a
    /// lexicon whose content changed while its `version:` did not.
    public func otherDigests(ofLexicon id: String, version: Int, besides digest: String) throws(StoreError) -> [String] {
        try read { db in
            try LexiconVersionRow.fetchAll(
                db, sql: "SELECT * FROM lexicon_versions WHERE id = ? AND version = ? AND digest <> ? ORDER BY first_run",
                arguments: [id, version, digest]
            ).map(\.digest)
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
            for (key, value) in values { try MetaRow(key: key, value: value).save(db) }
        }
    }

    public func meta(_ key: String) throws(StoreError) -> String? {
        try lookup { db in try MetaRow.fetchOne(db, key: key)?.value }
    }

    /// The corpus of the last completed run.
    public func corpus() throws(StoreError) -> [CorpusMember] {
        try read { db in try CorpusRow.fetchAll(db, sql: "SELECT * FROM corpus ORDER BY position").map(\.member) }
    }

    /// The sources of the corpus of the last completed run.
    public func corpusSources() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT source FROM corpus") }
    }

    public func corpusFailures() throws(StoreError) -> [ExcludedDocument] {
        try read { db in
            try CorpusFailureRow.fetchAll(db, sql: "SELECT * FROM corpus_failures ORDER BY source").map(\.failure)
        }
    }

    /// Whether a completed run exists.
    public func hasCompletedRun() throws(StoreError) -> Bool {
        try read { db in (try Int.fetchOne(db, sql: "SELECT count(*) FROM runs WHERE status = 'completed'") ?? 0) > 0 }
    }

    /// Every digest that some earlier run has seen, with the run that first saw it: one query for a whole run.
    public func knownDigests() throws(StoreError) -> [String: Int64] {
        try read { db in
            var known: [String: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT digest, first_run FROM documents")
            while let row = try rows.next() { known[row["digest"]] = row["first_run"] ?? 0 }
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
                try row.withUnsafeData(named: "words") { data in
                    guard let data else { return }
                    data.withUnsafeBytes { bytes in
                        _ = WordsFormat.forEach(bytes) { word, count in body(member, word, count) }
                    }
                }
            }
        }
    }

    /// The select that reads evidence rows with the text of their sentences.
    private static let evidenceSelect = """
        SELECT \(EvidenceRow.selection), s.text AS sentence_text, evidence.digest AS digest, evidence.key AS key
        FROM evidence JOIN evidence_sentences AS s
            ON s.digest = evidence.digest AND s.key = evidence.key AND s.number = evidence.sentence_ref
        """

    private static func evidence(_ row: Row) -> Evidence {
        EvidenceRow.evidence(row, sentenceText: row["sentence_text"])
    }

    /// Evidence rows of a member, in order (with their sentences).
    public func evidence(digest: String, key: String) throws(StoreError) -> [Evidence] {
        try lookup { db in
            try Row.fetchAll(
                db.cachedStatement(sql: Self.evidenceSelect + " WHERE evidence.digest = ? AND evidence.key = ? ORDER BY position"),
                arguments: [digest, key]
            ).map(Self.evidence)
        }
    }

    /// The evidence rows (with their sentences) of each of these documents, in order, handed over one
    /// document at a time with its position in `documents`: one read for all of them.
    public func forEachEvidence(
        of documents: [(digest: String, key: String)], _ body: (Int, [Evidence]) -> Void
    ) throws(StoreError) {
        try read { db in
            let statement = try db.cachedStatement(
                sql: Self.evidenceSelect + " WHERE evidence.digest = ? AND evidence.key = ? ORDER BY position")
            var items: [Evidence] = []
            for (position, document) in documents.enumerated() {
                items.removeAll(keepingCapacity: true)
                let rows = try Row.fetchCursor(statement, arguments: [document.digest, document.key])
                while let row = try rows.next() { items.append(Self.evidence(row)) }
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
                sql: Self.evidenceSelect
                    + " WHERE evidence.item = ? COLLATE NOCASE OR evidence.text = ? COLLATE NOCASE ORDER BY evidence.digest, position",
                arguments: [text, text]
            ).compactMap { row in
                guard let member = byKey[(row["digest"] as String) + "\u{1F}" + (row["key"] as String)] else { return nil }
                return (member, Self.evidence(row))
            }
        }
    }

    // MARK: - Plumbing

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    /// One statement's read, outside a transaction (SQLite reads it from one snapshot anyway): for
    /// the point lookups a run makes once per document, where a transaction would cost more than the query.
    func lookup<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.unsafeRead(body)
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    func writeTransaction<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
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
