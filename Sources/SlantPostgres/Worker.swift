import Foundation
import SlantCore
import SlantIngest
import SlantPipeline
import SlantStore

/// Options of `slant worker`.
public struct WorkerOptions: Sendable {
    /// Seconds a claim is held without renewal; the worker renews it every third of that while it works.
    public var lease: Double = 60
    /// Units claimed at once (analysed side by side, each written in its own transaction).
    public var units: Int = Parallel.availableCores
    /// Threads for analysing.
    public var jobs: Int = Parallel.availableCores
    /// Keep waiting for new units when the queue is done, rather than stopping.
    public var wait = false
    /// Seconds between looks at the queue while other workers hold every unit left.
    public var poll: Double = 1
    /// Add the files found here that the queue lacks before working (as `slant queue` does, without
    /// removing or resetting anything).
    public var enqueue = true
    /// The name the queue records for this worker (host:pid by default).
    public var name: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"

    public init() {}
}

/// What a worker did.
public struct WorkerSummary: Sendable, Hashable {
    public var units = 0
    public var documents = 0
    public var failed = 0
    /// Units whose lease was lost before their results were written (another worker does them).
    public var lost = 0
    /// Units this worker could not do (their file is not on this machine, or their results could not be written).
    public var skipped = 0

    public init() {}

    mutating func add(_ completion: SharedWorker.Completion, result: UnitResult) {
        switch completion {
        case .written:
            units += 1
            documents += result.documents.count
            failed += result.failures.count + result.documents.filter { $0.failure != nil }.count
        case .lost: lost += 1
        case .skipped: skipped += 1
        case .failed: break
        }
    }

    public var line: String {
        var parts = ["\(units) unit\(units == 1 ? "" : "s") done", "\(documents) documents", "\(failed) failed"]
        if lost > 0 { parts.append("\(lost) lease\(lost == 1 ? "" : "s") lost") }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        return parts.joined(separator: " · ")
    }
}

/// `slant worker`: claims units of the shared store's queue, analyses each as `slant run` would, and
/// writes each unit's results in the transaction that marks it done, until the queue is done.
public final class SharedWorker: @unchecked Sendable {
    public let definition: PipelineDefinition
    public let options: WorkerOptions
    let log: @Sendable (String) -> Void

    public init(definition: PipelineDefinition, options: WorkerOptions, log: @escaping @Sendable (String) -> Void) {
        self.definition = definition
        self.options = options
        self.log = log
    }

    public func run() async throws -> WorkerSummary {
        guard let url = definition.configuration.sharedStoreURL else {
            throw SharedStoreError.invalidURL(url: definition.configuration.store, reason: "`store:` does not name a PostgreSQL server")
        }
        let location = try PostgresLocation.parse(url)
        let corpus = try SharedCorpus(definition: definition)
        for problem in corpus.problems { log(problem) }
        let killPoints = KillPoints.from(ProcessInfo.processInfo.environment)
        let store = try await SharedStore.open(location, killPoints: killPoints)
        // Leases are renewed on a connection of their own: the main one is inside a unit's transaction.
        let leases: SharedStore
        do {
            leases = try await SharedStore.open(location, prepare: false)
        } catch {
            await store.close()
            throw error
        }
        let scratchDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("slant-worker-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratchDirectory) }
        do {
            try FileManager.default.createDirectory(at: scratchDirectory, withIntermediateDirectories: true)
            let scratch = try SlantStore(path: scratchDirectory.appendingPathComponent("scratch.sqlite").path)
            if options.enqueue {
                let added = try await store.enqueue(corpus.units, corpus: corpus.key, synchronise: false)
                if added > 0 { log("slant: queued \(added) unit\(added == 1 ? "" : "s")") }
            }
            let summary = try await work(store: store, leases: leases, corpus: corpus, scratch: scratch, killPoints: killPoints)
            await store.close()
            await leases.close()
            if let killPoints {
                log("slant: \(KillPoints.variable)=\(killPoints.target) not reached: \(killPoints.steps) steps")
            }
            return summary
        } catch {
            await store.close()
            await leases.close()
            throw error
        }
    }

    private func work(
        store: SharedStore, leases: SharedStore, corpus: SharedCorpus, scratch: SlantStore, killPoints: KillPoints?
    ) async throws -> WorkerSummary {
        let analyser = PipelineRun(definition: definition, options: RunOptions(full: true, jobs: options.jobs))
        let files = Dictionary(corpus.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var summary = WorkerSummary()
        var skipping = Set<String>()
        while true {
            let claims = try await store.claim(
                corpus: corpus.key, owner: options.name, lease: options.lease, limit: max(1, options.units), skipping: skipping)
            if claims.isEmpty {
                let status = try await store.status(corpus: corpus.key)
                if status.pending <= skipping.count, !options.wait { return summary }
                try await Task.sleep(nanoseconds: UInt64(max(0.05, options.poll) * 1e9))
                continue
            }
            var work: [(Claim, DiscoveredFile)] = []
            for claim in claims {
                if let file = files[claim.path] {
                    work.append((claim, file))
                } else {
                    log("slant: \(claim.path): not found here (the queue was made on a machine with other files); left to other workers")
                    skipping.insert(claim.path)
                    summary.skipped += 1
                    try await store.release(claim, corpus: corpus.key)
                }
            }
            guard !work.isEmpty else { continue }
            let claimed = work.map(\.0)
            let claimedFiles = work.map(\.1)
            let held = LeaseFlags(count: claimed.count)
            let lease = options.lease
            let key = corpus.key
            let renewal = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(lease / 3 * 1e9))
                    if Task.isCancelled { return }
                    for index in claimed.indices where held.isHeld(index) {
                        let kept = (try? await leases.renew(claimed[index], corpus: key, lease: lease)) ?? true
                        if !kept { held.lose(index) }
                    }
                }
            }
            let jobs = options.jobs
            killPoints?.step()
            let results = await Self.offCooperativePool {
                Parallel.map(claimedFiles, jobs: claimedFiles.count > 1 ? jobs : 1) { file in
                    analyser.analyseUnit(file, scratch: scratch)
                }
            }
            renewal.cancel()
            killPoints?.step()
            for index in claimed.indices {
                let outcome = await finish(claimed[index], result: results[index], store: store, corpus: key)
                summary.add(outcome, result: results[index])
                if outcome == .skipped { skipping.insert(claimed[index].path) }
                if case .failed(let error) = outcome { throw error }
            }
        }
    }

    /// What became of a unit's results.
    enum Completion: Equatable {
        case written, lost, skipped
        case failed(SharedStoreError)
    }

    /// Writes a unit's results (when its lease is still held) and says so on standard error.
    private func finish(_ claim: Claim, result: UnitResult, store: SharedStore, corpus: String) async -> Completion {
        do {
            guard try await store.complete(claim, result: result, corpus: corpus, owner: options.name) else {
                log("slant: \(claim.path): the lease expired and another worker claimed the unit; its results are discarded here")
                return .lost
            }
        } catch {
            guard case .server = error else { return .failed(error) }
            log("slant: \(claim.path): \(error); left to other workers")
            try? await store.release(claim, corpus: corpus)
            return .skipped
        }
        let failures = result.failures + result.documents.compactMap(\.failure)
        for failure in failures { log("slant: \(failure.source): \(failure.stage): \(failure.reason)") }
        log("slant: done \(claim.path) (\(result.documents.count) document\(result.documents.count == 1 ? "" : "s"), \(failures.count) failed)")
        return .written
    }

    /// Runs CPU-bound work on a thread of its own, so that lease renewals go on meanwhile.
    static func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 64 << 20
            thread.start()
        }
    }
}

/// Which of a batch's leases are still held, as the renewal task finds.
final class LeaseFlags: @unchecked Sendable {
    private let lock = NSLock()
    private var held: [Bool]

    init(count: Int) { held = Array(repeating: true, count: count) }

    func isHeld(_ index: Int) -> Bool { lock.withLock { held[index] } }
    func lose(_ index: Int) { lock.withLock { held[index] = false } }
}
