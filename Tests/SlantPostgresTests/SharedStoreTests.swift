import Foundation
import Testing
@testable import SlantPostgres

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

@Suite(.serialized) struct SharedStoreServerTests {
    @Test(.enabled(if: serverURL != nil, "SLANT_TEST_POSTGRES_URL is not set: run `scripts/with-postgres swift test` to test against a server"))
    func sameStatisticsThroughSQLiteAndOneTwoFourWorkers() throws {
        let reference = try Project.make(store: nil)
        try reference.slant(["run", "--config", "pipeline.yaml"])
        let expected = try reference.statistics()
        for workers in [1, 2, 4] {
            let database = try Project.createDatabase()
            let project = try Project.make(store: database)
            let processes = try (0..<workers).map { _ in try project.start(["worker", "--config", "pipeline.yaml", "--jobs", "1", "--units", "1"]) }
            for process in processes {
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
            }
            try project.slant(["report", "--config", "pipeline.yaml"])
            #expect(try project.statistics() == expected, "\(workers) workers")
        }
    }
}

/// A copy of the bundled project, with `store:` set to a PostgreSQL URL when given.
struct Project {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let executable = package.appendingPathComponent(".build/debug/slant")
    let directory: URL

    static func make(store: String?) throws -> Project {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slant-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for item in ["corpus", "lexicons", "pipeline.yaml"] {
            try FileManager.default.copyItem(at: package.appendingPathComponent(item), to: directory.appendingPathComponent(item))
        }
        if let store {
            let file = directory.appendingPathComponent("pipeline.yaml")
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacingOccurrences(of: "store: .slant/slant.sqlite", with: "store: \(store)")
                .write(to: file, atomically: true, encoding: .utf8)
        }
        return Project(directory: directory)
    }

    /// A new database on the test server; its URL.
    static func createDatabase() throws -> String {
        guard let url = serverURL else { throw CancellationError() }
        let name = "slant_test_\(UUID().uuidString.prefix(8).lowercased())"
        let location = try PostgresLocation.parse(url)
        try Blocking.run {
            let store = try await SharedStore.open(location, prepare: false)
            try await store.run("CREATE DATABASE \(unescaped: name)")
            await store.close()
        }
        var parts = url.split(separator: "?", maxSplits: 1).map(String.init)
        let base = parts[0]
        let prefix = base.range(of: "/", options: .backwards).map { String(base[..<$0.lowerBound]) } ?? base
        parts[0] = prefix + "/" + name
        return parts.joined(separator: "?")
    }

    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func slant(_ arguments: [String]) throws {
        let process = try start(arguments)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "slant \(arguments.joined(separator: " "))")
    }

    /// `reports/statistics.json` without the lines of the time and of the configuration file's digest
    /// (the two projects' pipeline.yaml differ in `store:`).
    func statistics() throws -> [String] {
        let text = try String(contentsOf: directory.appendingPathComponent("reports/statistics.json"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        return lines.enumerated().filter { index, line in
            !line.contains("generated") && !(index < 12 && line.contains("\"digest\""))
        }.map(\.1)
    }
}
