import Foundation
import PostgresNIO
import Testing
@testable import SlantPipeline
@testable import SlantPostgres
#if canImport(Glibc)
import Glibc
#endif

/// The URL of a PostgreSQL server for these tests (a superuser: each test makes its own database);
/// `scripts/with-postgres` starts one and sets it. Without it the server tests are skipped.
let serverURL = ProcessInfo.processInfo.environment["SLANT_TEST_POSTGRES_URL"]

@Suite struct PostgresLocationTests {
    @Test func parsesURLAndHidesPassword() throws {
        let location = try PostgresLocation.parse("postgres://ana:s3cret@db.example:6543/news?sslmode=disable", environment: [:])
        #expect(location.host == "db.example")
        #expect(location.port == 6543)
        #expect(location.user == "ana")
        #expect(location.password == "s3cret")
        #expect(location.database == "news")
        #expect(location.tls == .disable)
        #expect(!location.description.contains("s3cret"))
        #expect(PostgresLocation.redacted("postgres://ana:s3cret@h/db") == "postgres://ana:***@h/db")
    }

    @Test func fillsInFromEnvironment() throws {
        let location = try PostgresLocation.parse(
            "postgres:///", environment: ["PGHOST": "10.0.0.2", "PGPORT": "5433", "PGUSER": "w", "PGPASSWORD": "p", "PGDATABASE": "d"])
        #expect(location.host == "10.0.0.2" && location.port == 5433 && location.user == "w" && location.password == "p" && location.database == "d")
    }

    @Test func rejectsBadURLsWithoutShowingThePassword() {
        #expect(throws: SharedStoreError.self) { try PostgresLocation.parse("mysql://a@b/c", environment: [:]) }
        do {
            _ = try PostgresLocation.parse("postgres://a:pw@h:99999/c", environment: [:])
            Issue.record("accepted port 99999")
        } catch {
            #expect(!error.description.contains("pw@"))
        }
    }

    @Test func connectionRefusedIsTyped() async {
        do {
            _ = try await SharedStore.open(try PostgresLocation.parse("postgres://x@127.0.0.1:1/db?sslmode=disable", environment: [:]))
            Issue.record("connected to port 1")
        } catch {
            #expect(error == .connectionRefused(location: "postgres://x@127.0.0.1:1/db"))
        }
    }
}

@Suite struct KillPointsTests {
    @Test func readsAPositiveStepAndIgnoresTheRest() {
        #expect(KillPoints.from([KillPoints.variable: "17"])?.target == 17)
        #expect(KillPoints.from([:]) == nil)
        #expect(KillPoints.from([KillPoints.variable: "0"]) == nil)
        #expect(KillPoints.from([KillPoints.variable: "-3"]) == nil)
        #expect(KillPoints.from([KillPoints.variable: "soon"]) == nil)
    }
}

/// Why the server tests are skipped.
let noServer = "SLANT_TEST_POSTGRES_URL is not set: run `scripts/with-postgres swift test` to test against a PostgreSQL server"

/// The worker options of the trials: one unit and one thread at a time (so that a worker's steps come
/// in the same order on every run), and a lease of one second so that a killed worker's unit is
/// claimed again soon.
let trialWorker = ["worker", "--config", "pipeline.yaml", "--jobs", "1", "--units", "1", "--lease", "1", "--poll", "0.1"]

@Suite(.serialized) struct SharedStoreServerTests {
    /// The bundled corpus and a JSON Lines feed (many documents in one unit, a bad line among them):
    /// `slant run` into SQLite, then workers into PostgreSQL, 1, 2 and 4 at a time as processes of
    /// their own. The configurations differ only in `store:`, which the configuration digest leaves
    /// out, so the files are compared whole, with only the time of the run masked.
    @Test(.enabled(if: serverURL != nil, "\(noServer)"))
    func sameStatisticsThroughSQLiteAndOneTwoFourWorkers() throws {
        let reference = try Project.make()
        defer { reference.remove() }
        try reference.expectSuccess(["run", "--config", "pipeline.yaml"])
        let expected = try reference.statistics()
        let expectedData = try reference.dataFiles()
        #expect(expectedData["excluded.csv"]?.contains("corpus/feed.jsonl:6,ingest,malformed-record,") == true)
        for workers in [1, 2, 4] {
            let database = try TestDatabase()
            defer { database.drop() }
            let project = try Project.make(store: database.url)
            defer { project.remove() }
            let processes = try (0..<workers).map { index in
                try project.start(["worker", "--config", "pipeline.yaml", "--jobs", "1", "--units", "1", "--name", "w\(index)"])
            }
            for process in processes {
                process.wait()
                #expect(process.status == 0, "\(workers) workers: \(process.errors)")
            }
            try project.expectSuccess(["report", "--config", "pipeline.yaml"])
            let statistics = try project.statistics()
            #expect(statistics == expected, "\(workers) workers")
            #expect(try project.dataFiles() == expectedData, "\(workers) workers")
            #expect(try database.counts() == TestDatabase.Counts(units: 6, done: 6, documents: 10))
        }
    }

    /// A claim takes at most its limit, in queue order, and never a unit another claim holds (as a
    /// subquery joined in `FROM`, the planner once ran the `LIMIT 1 … SKIP LOCKED` once per row and a
    /// claim of one unit took all six).
    @Test(.enabled(if: serverURL != nil, "\(noServer)"))
    func aClaimTakesAtMostItsLimitAndNeverAUnitAnotherHolds() throws {
        let database = try TestDatabase()
        defer { database.drop() }
        let url = database.url
        let claimed = try Blocking.run { () async throws -> [[String]] in
            let store = try await SharedStore.open(try PostgresLocation.parse(url))
            let units = (0..<6).map { QueuedUnit(path: "u\($0).html", position: $0, format: "html", outlet: nil, size: 1, modified: 0) }
            var result: [[String]] = []
            do {
                try await store.enqueue(units, corpus: "k", synchronise: false)
                for limit in [1, 2, 1, 5, 1] {
                    let claims = try await store.claim(corpus: "k", owner: "t", lease: 60, limit: limit, skipping: [])
                    result.append(claims.map(\.path).sorted())
                }
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            return result
        }
        #expect(claimed == [["u0.html"], ["u1.html", "u2.html"], ["u3.html"], ["u4.html", "u5.html"], []])
    }

    /// A slow worker, not a dead one: A's lease of `u0` expires while A still works on it (a tenth of a
    /// second, waited out by the server's clock), B claims and completes the unit, and A's stale claim can
    /// neither renew nor complete nor release it. The unit is done once, with B's result; A's other
    /// claims are untouched (`u1`, leased for ten minutes, which B's claim skips), and a lease that
    /// expired with no other claim taking the unit (`u2`) still lets its holder write its result.
    @Test(.enabled(if: serverURL != nil, "\(noServer)"))
    func aStaleClaimWhoseLeaseExpiredCanNeitherRenewNorComplete() throws {
        let database = try TestDatabase()
        defer { database.drop() }
        let url = database.url
        let outcome = try Blocking.run { () async throws -> StaleClaimOutcome in
            let store = try await SharedStore.open(try PostgresLocation.parse(url))
            do {
                let outcome = try await Self.staleClaim(store)
                await store.close()
                return outcome
            } catch {
                await store.close()
                throw error
            }
        }
        #expect(outcome.aClaims == ["u0.html", "u1.html"])
        #expect(outcome.bBeforeExpiry == [])
        #expect(outcome.bClaims == ["u0.html"])
        #expect(outcome.aRenewAfterB == false)
        #expect(outcome.aCompleteAfterB == false)
        #expect(outcome.bRenew == true)
        #expect(outcome.bComplete == true)
        #expect(outcome.aCompleteAfterDone == false)
        #expect(outcome.aRenewOther == true)
        #expect(outcome.aCompleteOther == true)
        #expect(outcome.lateComplete == true)
        #expect(outcome.kept == Self.result(path: "u0.html", by: "b", documents: 1))
        #expect(outcome.status == QueueStatus.with(total: 3, done: 3, leased: 0))
        #expect(outcome.documents == 1 + 2 + 1)
        #expect(outcome.attempts == ["u0.html": 2, "u1.html": 1, "u2.html": 1])
        #expect(outcome.finishedBy == ["u0.html": "b", "u1.html": "a", "u2.html": "a"])
    }

    /// What ``aStaleClaimWhoseLeaseExpiredCanNeitherRenewNorComplete()`` saw.
    struct StaleClaimOutcome: Sendable {
        var aClaims: [String] = []
        var bBeforeExpiry: [String] = []
        var bClaims: [String] = []
        var aRenewAfterB = true
        var aCompleteAfterB = true
        var bRenew = false
        var bComplete = false
        var aCompleteAfterDone = true
        var aRenewOther = false
        var aCompleteOther = false
        var lateComplete = false
        var kept: UnitResult?
        var status = QueueStatus()
        var documents = 0
        var attempts: [String: Int] = [:]
        var finishedBy: [String: String] = [:]
    }

    static func staleClaim(_ store: SharedStore) async throws -> StaleClaimOutcome {
        var outcome = StaleClaimOutcome()
        let units = (0..<3).map { QueuedUnit(path: "u\($0).html", position: $0, format: "html", outlet: nil, size: 1, modified: 0) }
        try await store.enqueue(units, corpus: "k", synchronise: false)
        let short = try await store.claim(corpus: "k", owner: "a", lease: 0.1, limit: 1, skipping: [])
        let long = try await store.claim(corpus: "k", owner: "a", lease: 600, limit: 1, skipping: [])
        outcome.aClaims = (short + long).map(\.path)
        guard let stale = short.first, let held = long.first else { return outcome }
        // A lease that holds is never taken: B, leaving aside `u0` (whose lease may expire at any time
        // from now) and `u2` (kept for the late completion below), finds `u1` held and claims nothing.
        outcome.bBeforeExpiry = try await store.claim(corpus: "k", owner: "b", lease: 600, limit: 3, skipping: ["u0.html", "u2.html"]).map(\.path)
        try await waitUntilExpired(store, stale)
        let taken = try await store.claim(corpus: "k", owner: "b", lease: 600, limit: 3, skipping: ["u2.html"])
        outcome.bClaims = taken.map(\.path)
        guard let fresh = taken.first else { return outcome }
        outcome.aRenewAfterB = try await store.renew(stale, corpus: "k", lease: 600)
        outcome.aCompleteAfterB = try await store.complete(stale, result: result(path: "u0.html", by: "a", documents: 2), corpus: "k", owner: "a")
        outcome.bRenew = try await store.renew(fresh, corpus: "k", lease: 600)
        outcome.bComplete = try await store.complete(fresh, result: result(path: "u0.html", by: "b", documents: 1), corpus: "k", owner: "b")
        outcome.aCompleteAfterDone = try await store.complete(stale, result: result(path: "u0.html", by: "a", documents: 2), corpus: "k", owner: "a")
        try await store.release(stale, corpus: "k")
        outcome.aRenewOther = try await store.renew(held, corpus: "k", lease: 600)
        outcome.aCompleteOther = try await store.complete(held, result: result(path: "u1.html", by: "a", documents: 2), corpus: "k", owner: "a")

        let late = try await store.claim(corpus: "k", owner: "a", lease: 0.1, limit: 1, skipping: [])
        guard let lateClaim = late.first else { return outcome }
        try await waitUntilExpired(store, lateClaim)
        outcome.lateComplete = try await store.complete(lateClaim, result: result(path: "u2.html", by: "a", documents: 1), corpus: "k", owner: "a")

        outcome.kept = try await store.result(of: units[0], corpus: "k")
        outcome.status = try await store.status(corpus: "k")
        outcome.documents = try await store.documentCount(corpus: "k")
        for row in try await store.rows("SELECT path, attempts, finished_by FROM slant_units WHERE corpus_key = 'k'", as: (String, Int, String?).self) {
            outcome.attempts[row.0] = row.1
            outcome.finishedBy[row.0] = row.2
        }
        return outcome
    }

    /// Waits until the server's clock has passed the lease of `claim` (at most a minute: a lease of a
    /// tenth of a second that has not expired by then is a failure, not slowness).
    static func waitUntilExpired(_ store: SharedStore, _ claim: Claim) async throws {
        for _ in 0..<1200 {
            let expired = try await store.rows(
                "SELECT lease_expires < now() FROM slant_units WHERE corpus_key = 'k' AND path = \(claim.path) AND lease_token = \(claim.token)",
                as: Bool.self)
            if expired == [true] { return }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Issue.record("the lease of \(claim.path) did not expire")
    }

    /// A unit's result whose documents say who made them (`b-0`, `b-1`…).
    static func result(path: String, by worker: String, documents: Int) -> UnitResult {
        UnitResult(
            path: path, format: "html",
            documents: (0..<documents).map { index in
                UnitDocument(source: "\(path)#\(worker)-\(index)", digest: "\(worker)-\(index)", recordOutlet: nil, givenID: nil, article: nil, measures: nil, failure: nil)
            },
            failures: [], filtered: 0)
    }

    /// 20 trials, each on a new database: a worker is killed (SIGKILL, by itself, at a step drawn
    /// from a seeded generator among the steps a whole run makes: connecting, enqueueing, claiming,
    /// analysing, any statement of a unit's transaction), then another worker finishes the queue and
    /// `slant report` writes the reports. Each trial's statistics equal the clean SQLite run's
    /// and the store holds each document once: nothing lost, nothing counted twice.
    @Test(.enabled(if: serverURL != nil, "\(noServer)"))
    func aWorkerKilledAtTwentyRandomPointsLosesAndDuplicatesNothing() throws {
        let reference = try Project.make()
        defer { reference.remove() }
        try reference.expectSuccess(["run", "--config", "pipeline.yaml"])
        let expected = try reference.statistics()

        let counting = try TestDatabase()
        defer { counting.drop() }
        let clean = try Project.make(store: counting.url)
        defer { clean.remove() }
        let counted = try clean.start(trialWorker, environment: [KillPoints.variable: "1000000"])
        counted.wait()
        #expect(counted.status == 0, "\(counted.errors)")
        let stepsLine = counted.errors.split(separator: "\n").first { $0.contains("not reached: ") }
        let steps = stepsLine.flatMap { line in Int(line.split(separator: " ").dropLast().last ?? "") } ?? 0
        #expect(steps > 40, "\(counted.errors)")
        guard steps > 0 else { return }

        var generator = SplitMix64(seed: 16)
        var reclaimed = 0
        for trial in 1...20 {
            let point = 1 + Int(generator.next() % UInt64(steps))
            let database = try TestDatabase()
            defer { database.drop() }
            let project = try Project.make(store: database.url)
            defer { project.remove() }
            let killed = try project.start(trialWorker, environment: [KillPoints.variable: String(point)])
            killed.wait()
            #expect(killed.killedBySIGKILL, "trial \(trial) (step \(point) of \(steps)): \(killed.errors)")
            let finisher = try project.start(trialWorker)
            finisher.wait()
            #expect(finisher.status == 0, "trial \(trial) (step \(point)): \(finisher.errors)")
            try project.expectSuccess(["report", "--config", "pipeline.yaml"])
            #expect(try project.statistics() == expected, "trial \(trial) (step \(point) of \(steps))")
            #expect(try database.counts() == TestDatabase.Counts(units: 6, done: 6, documents: 10), "trial \(trial) (step \(point))")
            if try database.reclaimedUnits() > 0 { reclaimed += 1 }
        }
        // Some kills left a unit leased: those units were claimed again once their lease expired.
        #expect(reclaimed > 0)
    }
}

/// A seeded generator (SplitMix64), the same numbers on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A database of its own on the test server.
struct TestDatabase {
    let name: String
    let url: String

    /// What the store holds: units, units done, document rows.
    struct Counts: Equatable {
        var units: Int
        var done: Int
        var documents: Int
    }

    init() throws {
        guard let server = serverURL else { throw CancellationError() }
        name = "slant_test_\(UUID().uuidString.prefix(8).lowercased())"
        let statement = "CREATE DATABASE \(name)"
        try Self.onServer(server) { store in try await store.run(PostgresQuery(unsafeSQL: statement)) }
        var parts = server.split(separator: "?", maxSplits: 1).map(String.init)
        let base = parts[0]
        let prefix = base.range(of: "/", options: .backwards).map { String(base[..<$0.lowerBound]) } ?? base
        parts[0] = prefix + "/" + name
        url = parts.joined(separator: "?")
    }

    func drop() {
        guard let server = serverURL else { return }
        let statement = "DROP DATABASE IF EXISTS \(name)"
        try? Self.onServer(server) { store in try await store.run(PostgresQuery(unsafeSQL: statement)) }
    }

    func counts() throws -> Counts {
        try onDatabase { store in
            let units = try await store.rows(
                "SELECT count(*)::bigint, (count(*) FILTER (WHERE state = 'done'))::bigint FROM slant_units", as: (Int64, Int64).self)
            let documents = try await store.rows("SELECT count(*)::bigint FROM slant_unit_documents", as: Int64.self)
            return Counts(units: Int(units.first?.0 ?? -1), done: Int(units.first?.1 ?? -1), documents: Int(documents.first ?? -1))
        }
    }

    /// Units claimed more than once.
    func reclaimedUnits() throws -> Int {
        try onDatabase { store in
            let count = try await store.rows("SELECT count(*)::bigint FROM slant_units WHERE attempts > 1", as: Int64.self)
            return Int(count.first ?? 0)
        }
    }

    private func onDatabase<T: Sendable>(_ body: @escaping @Sendable (SharedStore) async throws -> T) throws -> T {
        let url = url
        return try Blocking.run {
            let store = try await SharedStore.open(try PostgresLocation.parse(url), prepare: false)
            do {
                let value = try await body(store)
                await store.close()
                return value
            } catch {
                await store.close()
                throw error
            }
        }
    }

    private static func onServer(_ server: String, _ body: @escaping @Sendable (SharedStore) async throws -> Void) throws {
        try Blocking.run {
            let store = try await SharedStore.open(try PostgresLocation.parse(server), prepare: false)
            do {
                try await body(store)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        }
    }
}

/// A `slant` child process, its standard error kept in a file (read once it has ended).
final class SlantChild {
    let process = Process()
    let errorFile: URL

    init(_ arguments: [String], in directory: URL, environment: [String: String]) throws {
        errorFile = directory.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        process.executableURL = Project.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    func wait() { process.waitUntilExit() }
    var status: Int32 { process.terminationStatus }
    var killedBySIGKILL: Bool { process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL }
    var errors: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }
}

/// A copy of the bundled project with a JSON Lines feed made from the corpus's plain-text articles
/// (five records and a bad line), and `store:` set to a PostgreSQL URL when given.
struct Project {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let executable = package.appendingPathComponent(".build/debug/slant")
    let directory: URL

    static func make(store: String? = nil) throws -> Project {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slant-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for item in ["corpus", "lexicons", "pipeline.yaml"] {
            try FileManager.default.copyItem(at: package.appendingPathComponent(item), to: directory.appendingPathComponent(item))
        }
        let texts = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("corpus/text").path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        var feed = ""
        for (index, name) in texts.enumerated() {
            let text = try String(contentsOf: directory.appendingPathComponent("corpus/text/\(name)"), encoding: .utf8)
            let record: [String: String] = [
                "id": "wire-\(index)", "outlet": index % 2 == 0 ? "Wire A" : "Wire B",
                "url": "https://wire.example/\(index)", "published": "2020-10-0\(index + 1)", "text": text,
            ]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            feed += String(decoding: try encoder.encode(record), as: UTF8.self) + "\n"
        }
        feed += "{\"id\": \"broken\", \"text\": \n"
        try feed.write(to: directory.appendingPathComponent("corpus/feed.jsonl"), atomically: true, encoding: .utf8)
        let file = directory.appendingPathComponent("pipeline.yaml")
        var yaml = try String(contentsOf: file, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "sources:\n", with: "sources:\n  - corpus/feed.jsonl\n")
        if let store { yaml = yaml.replacingOccurrences(of: "store: .slant/slant.sqlite", with: "store: \(store)") }
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return Project(directory: directory)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> SlantChild {
        try SlantChild(arguments, in: directory, environment: environment)
    }

    func expectSuccess(_ arguments: [String]) throws {
        let child = try start(arguments)
        child.wait()
        #expect(child.status == 0, "slant \(arguments.joined(separator: " ")): \(child.errors)")
    }

    /// The files of `reports/data/` (the tables of articles, statistics, evidence, exclusions…) by
    /// name, with the time of the run replaced by `<time>`.
    func dataFiles() throws -> [String: String] {
        let time = try runTime()
        let data = directory.appendingPathComponent("reports/data")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: data.path) {
            files[name] = Self.masking(time, in: try String(contentsOf: data.appendingPathComponent(name), encoding: .utf8))
        }
        return files
    }

    /// `reports/statistics.json` as written, with only the time of the run (`generated_at`, which
    /// each citation repeats) replaced by `<time>`.
    func statistics() throws -> String {
        Self.masking(try runTime(), in: try String(contentsOf: directory.appendingPathComponent("reports/statistics.json"), encoding: .utf8))
    }

    /// The `generated_at` of `reports/statistics.json`.
    func runTime() throws -> String {
        let text = try String(contentsOf: directory.appendingPathComponent("reports/statistics.json"), encoding: .utf8)
        guard let range = text.range(of: #""generated_at": "[^"]+""#, options: .regularExpression) else { return "" }
        return text[range].split(separator: "\"").last.map(String.init) ?? ""
    }

    static func masking(_ time: String, in text: String) -> String {
        time.isEmpty ? text : text.replacingOccurrences(of: time, with: "<time>")
    }
}

extension QueueStatus {
    static func with(total: Int, done: Int, leased: Int) -> QueueStatus {
        var status = QueueStatus()
        status.total = total
        status.done = done
        status.leased = leased
        return status
    }
}
