import Foundation
import PostgresNIO
import SlantCore
import SlantPipeline

/// A unit of work as the queue holds it: a file of the configured sources, its place in discovery
/// order, and what the configuration says of it.
public struct QueuedUnit: Sendable, Hashable {
    public var path: String
    public var position: Int
    public var format: String
    public var outlet: String?
    public var size: Int64
    public var modified: Double

    public init(path: String, position: Int, format: String, outlet: String?, size: Int64, modified: Double) {
        self.path = path
        self.position = position
        self.format = format
        self.outlet = outlet
        self.size = size
        self.modified = modified
    }
}

/// How far the queue of one corpus is.
public struct QueueStatus: Sendable, Hashable {
    public var total = 0
    public var done = 0
    /// Units not done whose lease is held and not expired.
    public var leased = 0
    public var pending: Int { total - done }
    public init() {}
}

/// A unit a worker holds the lease of.
public struct Claim: Sendable, Hashable {
    public var path: String
    public var token: UUID
    /// How many times the unit has been claimed, this claim included.
    public var attempts: Int
}

/// PostgreSQL as a Slant store shared by many workers (schema version 1):
///
/// - `slant_meta`: the schema version.
/// - `slant_units`: one row per unit of work of a corpus (`corpus_key` names the analysis settings,
///   lexicons and sources it is made under): its state (`pending`, `done`), its lease (`lease_token`,
///   `lease_owner`, `lease_expires`) and, once done, what could not be read of it and how many
///   documents its filter dropped.
/// - `slant_unit_documents`: each document of a done unit, keyed by unit and position — its content
///   digest, article id and everything the report needs (JSON of ``UnitDocument``).
///
/// A unit's documents are written in the transaction that marks it done, after deleting what an
/// earlier claim of it may have left, and only while the writer still holds its lease: a worker
/// killed at any point leaves either nothing of its unit or all of it, and a unit is never counted twice.
public final class SharedStore: @unchecked Sendable {
    public static let schemaVersion = "1"
    /// Seconds a session may sit idle inside a transaction before the server ends it (rolling it back).
    public static let idleTransactionTimeout = 60
    public let location: PostgresLocation
    let connection: PostgresConnection
    let logger: Logger
    /// Counts the statements sent on this connection as steps of the kill -9 trials.
    let killPoints: KillPoints?

    private init(location: PostgresLocation, connection: PostgresConnection, logger: Logger, killPoints: KillPoints?) {
        self.location = location
        self.connection = connection
        self.logger = logger
        self.killPoints = killPoints
    }

    /// Connects to the server of `location` and makes sure the database holds Slant's tables of this
    /// schema version (creating them in an empty database). `killPoints` counts connecting and each
    /// statement as a step (``KillPoints``).
    public static func open(
        _ location: PostgresLocation, prepare: Bool = true, killPoints: KillPoints? = nil
    ) async throws(SharedStoreError) -> SharedStore {
        var logger = Logger(label: "slant.postgres")
        logger.logLevel = .critical
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch location.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw .unreachable(location: location.description, reason: "TLS could not be set up: \(error)")
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        let connection: PostgresConnection
        killPoints?.step()
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw SharedStoreError.classify(error, location: location)
        }
        let store = SharedStore(location: location, connection: connection, logger: logger, killPoints: killPoints)
        do {
            // A worker whose machine dies inside a unit's transaction holds the unit's row lock (which
            // claims skip) until the server gives up on the session: after this long, not TCP's hours.
            try await store.run("SET idle_in_transaction_session_timeout = \(unescaped: String(Self.idleTransactionTimeout * 1000))")
        } catch {
            await store.close()
            throw error
        }
        if prepare {
            do {
                try await store.prepareSchema()
            } catch {
                await store.close()
                throw error
            }
        }
        return store
    }

    public func close() async {
        try? await connection.close()
    }

    /// Runs `query`, mapping what the server says to a typed error.
    @discardableResult
    func run(_ query: PostgresQuery) async throws(SharedStoreError) -> PostgresRowSequence {
        killPoints?.step()
        do {
            return try await connection.query(query, logger: logger)
        } catch {
            throw SharedStoreError.classify(error, location: location)
        }
    }

    /// Runs `query` and collects its rows decoded as `type`.
    func rows<each Column: PostgresDecodable & Sendable>(
        _ query: PostgresQuery, as type: (repeat each Column).Type
    ) async throws(SharedStoreError) -> [(repeat each Column)] {
        killPoints?.step()
        do {
            var result: [(repeat each Column)] = []
            for try await row in try await connection.query(query, logger: logger).decode(type) {
                result.append(row)
            }
            return result
        } catch {
            throw SharedStoreError.classify(error, location: location)
        }
    }

    /// `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () async throws(SharedStoreError) -> T) async throws(SharedStoreError) -> T {
        try await run("BEGIN")
        do {
            let value = try await body()
            try await run("COMMIT")
            return value
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    // MARK: - Schema

    func prepareSchema() async throws(SharedStoreError) {
        try await transaction { () async throws(SharedStoreError) in
            // One preparer at a time: workers starting together must not race to create the tables.
            try await run("SELECT pg_advisory_xact_lock(1397509716)")
            let tables = try await rows(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'slant\\_%'",
                as: String.self)
            let names = Set(tables)
            if names.contains("slant_meta") {
                let versions = try await rows("SELECT value FROM slant_meta WHERE key = 'schema_version'", as: String.self)
                guard let version = versions.first else {
                    throw .foreign(location: location.description, reason: "its table slant_meta has no schema_version")
                }
                guard version == Self.schemaVersion else {
                    throw .schemaMismatch(location: location.description, found: version, expected: Self.schemaVersion)
                }
                return
            }
            if !names.isEmpty {
                throw .foreign(location: location.description, reason: "tables \(names.sorted().joined(separator: ", ")) without slant_meta")
            }
            try await run("CREATE TABLE slant_meta (key text PRIMARY KEY, value text NOT NULL)")
            try await run("""
                CREATE TABLE slant_units (
                    corpus_key text NOT NULL, path text NOT NULL, position integer NOT NULL, format text NOT NULL,
                    outlet text, size bigint NOT NULL, modified double precision NOT NULL,
                    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
                    lease_token uuid, lease_owner text, lease_expires timestamptz, attempts integer NOT NULL DEFAULT 0,
                    failures bytea, filtered integer, documents integer, finished_by text, finished_at timestamptz,
                    PRIMARY KEY (corpus_key, path))
                """)
            try await run("CREATE INDEX slant_units_claim ON slant_units (corpus_key, state, position)")
            try await run("""
                CREATE TABLE slant_unit_documents (
                    corpus_key text NOT NULL, path text NOT NULL, position integer NOT NULL, source text NOT NULL,
                    digest text NOT NULL, article_id text, body bytea NOT NULL,
                    PRIMARY KEY (corpus_key, path, position),
                    FOREIGN KEY (corpus_key, path) REFERENCES slant_units ON DELETE CASCADE)
                """)
            try await run("INSERT INTO slant_meta VALUES ('schema_version', \(Self.schemaVersion))")
        }
    }

    // MARK: - The queue

    /// Adds the units the queue lacks. With `synchronise` (what `slant queue` does), a unit whose file
    /// changed size or modification time is made pending again, and units no longer among `units` are
    /// removed with their results; without it (a worker starting), units already queued are left as they are.
    /// The number of units added or made pending again.
    @discardableResult
    public func enqueue(_ units: [QueuedUnit], corpus: String, synchronise: Bool) async throws(SharedStoreError) -> Int {
        try await transaction { () async throws(SharedStoreError) -> Int in
            var changed = 0
            for unit in units {
                let query: PostgresQuery = synchronise
                    ? """
                    INSERT INTO slant_units (corpus_key, path, position, format, outlet, size, modified)
                    VALUES (\(corpus), \(unit.path), \(unit.position), \(unit.format), \(unit.outlet), \(unit.size), \(unit.modified))
                    ON CONFLICT (corpus_key, path) DO UPDATE SET position = EXCLUDED.position, format = EXCLUDED.format,
                        outlet = EXCLUDED.outlet, size = EXCLUDED.size, modified = EXCLUDED.modified,
                        state = 'pending', lease_token = NULL, lease_owner = NULL, lease_expires = NULL
                    WHERE slant_units.size <> EXCLUDED.size OR slant_units.modified <> EXCLUDED.modified
                        OR slant_units.format <> EXCLUDED.format
                    RETURNING path
                    """
                    : """
                    INSERT INTO slant_units (corpus_key, path, position, format, outlet, size, modified)
                    VALUES (\(corpus), \(unit.path), \(unit.position), \(unit.format), \(unit.outlet), \(unit.size), \(unit.modified))
                    ON CONFLICT (corpus_key, path) DO NOTHING
                    RETURNING path
                    """
                changed += try await rows(query, as: String.self).count
                if synchronise {
                    try await run("UPDATE slant_units SET position = \(unit.position), outlet = \(unit.outlet) WHERE corpus_key = \(corpus) AND path = \(unit.path)")
                }
            }
            if synchronise {
                let paths = units.map(\.path)
                try await run("DELETE FROM slant_units WHERE corpus_key = \(corpus) AND NOT (path = ANY(\(paths)))")
            }
            return changed
        }
    }

    /// Claims up to `limit` pending units whose lease is free or expired (skipping those other workers
    /// are claiming at this moment, and `skipping`), in queue order, for `lease` seconds.
    ///
    /// The units are chosen in a materialised CTE, evaluated once: as a subquery joined in `FROM`, the
    /// planner may put the `LIMIT … FOR UPDATE SKIP LOCKED` on the inner side of a nested loop and run it
    /// again for each row, each run locking the next free unit, so that one claim took the whole queue.
    public func claim(
        corpus: String, owner: String, lease: Double, limit: Int, skipping: Set<String>
    ) async throws(SharedStoreError) -> [Claim] {
        let token = UUID()
        let skipped = Array(skipping)
        let claimed = try await rows(
            """
            WITH free AS MATERIALIZED (
                SELECT path FROM slant_units
                WHERE corpus_key = \(corpus) AND state = 'pending' AND (lease_expires IS NULL OR lease_expires < now())
                    AND NOT (path = ANY(\(skipped)))
                ORDER BY (format = 'warc'), position LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            UPDATE slant_units AS unit SET lease_token = \(token), lease_owner = \(owner),
                lease_expires = now() + make_interval(secs => \(lease)), attempts = unit.attempts + 1
            FROM free
            WHERE unit.corpus_key = \(corpus) AND unit.path = free.path
            RETURNING unit.path, unit.attempts
            """, as: (String, Int).self)
        return claimed.map { Claim(path: $0.0, token: token, attempts: $0.1) }
    }

    /// Extends the lease of `claim` by `lease` seconds from now; false when it is no longer held (it
    /// expired and another worker claimed the unit, or `slant queue` made it pending again).
    public func renew(_ claim: Claim, corpus: String, lease: Double) async throws(SharedStoreError) -> Bool {
        try await !rows(
            """
            UPDATE slant_units SET lease_expires = now() + make_interval(secs => \(lease))
            WHERE corpus_key = \(corpus) AND path = \(claim.path) AND lease_token = \(claim.token) AND state = 'pending'
            RETURNING path
            """, as: String.self).isEmpty
    }

    /// Gives a unit back without results (this worker cannot do it).
    public func release(_ claim: Claim, corpus: String) async throws(SharedStoreError) {
        try await run("""
            UPDATE slant_units SET lease_token = NULL, lease_owner = NULL, lease_expires = NULL
            WHERE corpus_key = \(corpus) AND path = \(claim.path) AND lease_token = \(claim.token)
            """)
    }

    /// Writes a unit's results and marks it done, in one transaction, if `claim` still holds its lease;
    /// false (and nothing written) when it does not.
    public func complete(_ claim: Claim, result: UnitResult, corpus: String, owner: String) async throws(SharedStoreError) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let failures: ByteBuffer
        var bodies: [ByteBuffer] = []
        do {
            failures = ByteBuffer(bytes: try encoder.encode(result.failures))
            for document in result.documents { bodies.append(ByteBuffer(bytes: try encoder.encode(document))) }
        } catch {
            throw .server(location: location.description, message: "the results of \(claim.path) could not be encoded: \(error)")
        }
        return try await transaction { () async throws(SharedStoreError) -> Bool in
            let held = try await rows(
                """
                SELECT path FROM slant_units
                WHERE corpus_key = \(corpus) AND path = \(claim.path) AND lease_token = \(claim.token) AND state = 'pending'
                FOR UPDATE
                """, as: String.self)
            guard !held.isEmpty else { return false }
            try await run("DELETE FROM slant_unit_documents WHERE corpus_key = \(corpus) AND path = \(claim.path)")
            for (position, document) in result.documents.enumerated() {
                try await run("""
                    INSERT INTO slant_unit_documents (corpus_key, path, position, source, digest, article_id, body)
                    VALUES (\(corpus), \(claim.path), \(position), \(document.source), \(document.digest),
                        \(document.measures?.id), \(bodies[position]))
                    """)
            }
            try await run("""
                UPDATE slant_units SET state = 'done', failures = \(failures), filtered = \(result.filtered),
                    documents = \(result.documents.count), finished_by = \(owner), finished_at = now(),
                    lease_token = NULL, lease_expires = NULL
                WHERE corpus_key = \(corpus) AND path = \(claim.path)
                """)
            return true
        }
    }

    public func status(corpus: String) async throws(SharedStoreError) -> QueueStatus {
        let counts = try await rows(
            """
            SELECT count(*)::bigint, count(*) FILTER (WHERE state = 'done')::bigint,
                count(*) FILTER (WHERE state = 'pending' AND lease_expires > now())::bigint
            FROM slant_units WHERE corpus_key = \(corpus)
            """, as: (Int64, Int64, Int64).self)
        var status = QueueStatus()
        if let row = counts.first {
            status.total = Int(row.0)
            status.done = Int(row.1)
            status.leased = Int(row.2)
        }
        return status
    }

    // MARK: - Reading results

    /// The units of a corpus in the order `slant run` reads files (discovery order, WARC files last).
    public func units(corpus: String) async throws(SharedStoreError) -> [(unit: QueuedUnit, done: Bool)] {
        let found = try await rows(
            """
            SELECT path, position, format, outlet, size, modified, state FROM slant_units WHERE corpus_key = \(corpus)
            ORDER BY (format = 'warc'), position, path
            """, as: (String, Int, String, String?, Int64, Double, String).self)
        return found.map { row in
            (QueuedUnit(path: row.0, position: row.1, format: row.2, outlet: row.3, size: row.4, modified: row.5), row.6 == "done")
        }
    }

    /// A done unit's results as its worker wrote them.
    public func result(of unit: QueuedUnit, corpus: String) async throws(SharedStoreError) -> UnitResult {
        let decoder = JSONDecoder()
        let head = try await rows(
            "SELECT failures, filtered FROM slant_units WHERE corpus_key = \(corpus) AND path = \(unit.path) AND state = 'done'",
            as: (Data?, Int?).self)
        guard let first = head.first else {
            throw .server(location: location.description, message: "the unit \(unit.path) is not done")
        }
        let bodies = try await rows(
            "SELECT body FROM slant_unit_documents WHERE corpus_key = \(corpus) AND path = \(unit.path) ORDER BY position",
            as: Data.self)
        do {
            let failures = try first.0.map { try decoder.decode([ExcludedDocument].self, from: $0) } ?? []
            let documents = try bodies.map { try decoder.decode(UnitDocument.self, from: $0) }
            return UnitResult(path: unit.path, format: unit.format, documents: documents, failures: failures, filtered: first.1 ?? 0)
        } catch {
            throw .server(location: location.description, message: "the results of \(unit.path) cannot be read (\(error)); run `slant queue --redo` to analyse it again")
        }
    }

    /// Counts of what the store holds of a corpus: units done, and document rows (for checks).
    public func documentCount(corpus: String) async throws(SharedStoreError) -> Int {
        let count = try await rows("SELECT count(*)::bigint FROM slant_unit_documents WHERE corpus_key = \(corpus)", as: Int64.self)
        return Int(count.first ?? 0)
    }

    /// Makes every unit of the corpus pending again (`slant queue --redo`).
    public func redo(corpus: String) async throws(SharedStoreError) {
        try await run("""
            UPDATE slant_units SET state = 'pending', lease_token = NULL, lease_owner = NULL, lease_expires = NULL
            WHERE corpus_key = \(corpus)
            """)
    }
}
