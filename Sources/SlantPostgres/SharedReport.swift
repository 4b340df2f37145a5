import Foundation
import SlantCore
import SlantPipeline

/// `slant report` with a shared store: the results of every unit of the configuration's corpus, read
/// from PostgreSQL in queue order into a new local SQLite store (`.slant/shared-report.sqlite`, which
/// `slant kwic` and `slant cite` then read), and the reports written from them as `slant run` writes
/// them. Refuses while any unit is not done: a report of part of a corpus would be mistaken for all of it.
public enum SharedReport {
    public static func run(_ definition: PipelineDefinition, observer: any PipelineObserver = SilentObserver()) async throws -> RunSummary {
        guard let url = definition.configuration.sharedStoreURL else {
            throw SharedStoreError.invalidURL(url: definition.configuration.store, reason: "`store:` does not name a PostgreSQL server")
        }
        let location = try PostgresLocation.parse(url)
        let key = try SharedCorpus.key(definition)
        let store = try await SharedStore.open(location)
        do {
            let units = try await store.units(corpus: key)
            guard !units.isEmpty else { throw SharedStoreError.emptyQueue(location: location.description) }
            let done = units.filter(\.done).count
            guard done == units.count else {
                throw SharedStoreError.unfinished(location: location.description, done: done, total: units.count)
            }
            let report = try UnitReport(definition: definition, storePath: definition.configuration.localStorePath, observer: observer)
            for (unit, _) in units {
                try report.add(try await store.result(of: unit, corpus: key), outlet: unit.outlet)
            }
            await store.close()
            return try report.finish()
        } catch {
            await store.close()
            throw error
        }
    }
}

extension SharedCorpus {
    /// The corpus key of a configuration, without discovering its files.
    public static func key(_ definition: PipelineDefinition) throws -> String {
        ContentDigest(ofParts: [
            "slant-shared-units", SharedStore.schemaVersion, definition.analysisKey,
            definition.configuration.sourcesDigest.hex,
        ]).prefix(32)
    }
}

/// `slant queue`: adds the files of the configuration's sources to the queue (or, with `redo`, makes
/// every unit pending again), and says how far the queue is.
public enum SharedQueue {
    public struct Outcome: Sendable {
        public var added: Int
        public var status: QueueStatus
        public var problems: [String]
        public var location: String
    }

    public static func run(_ definition: PipelineDefinition, redo: Bool, statusOnly: Bool) async throws -> Outcome {
        guard let url = definition.configuration.sharedStoreURL else {
            throw SharedStoreError.invalidURL(url: definition.configuration.store, reason: "`store:` does not name a PostgreSQL server")
        }
        let location = try PostgresLocation.parse(url)
        let store = try await SharedStore.open(location)
        do {
            var added = 0
            var problems: [String] = []
            let key: String
            if statusOnly {
                key = try SharedCorpus.key(definition)
            } else {
                let corpus = try SharedCorpus(definition: definition)
                key = corpus.key
                problems = corpus.problems
                added = try await store.enqueue(corpus.units, corpus: key, synchronise: true)
                if redo { try await store.redo(corpus: key) }
            }
            let status = try await store.status(corpus: key)
            await store.close()
            return Outcome(added: added, status: status, problems: problems, location: location.description)
        } catch {
            await store.close()
            throw error
        }
    }
}

/// Runs async work to its end from synchronous code (the command line's entry points).
public enum Blocking {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                box.set(.success(try await body()))
            } catch {
                box.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        guard let result = box.get() else { throw CancellationError() }
        return try result.get()
    }
}

final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) { lock.withLock { result = value } }
    func get() -> Result<T, any Error>? { lock.withLock { result } }
}
