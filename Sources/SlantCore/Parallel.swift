import Dispatch
import Foundation
import Synchronization

/// Runs independent work on several cores, keeping results in input order.
public enum Parallel {
    /// The number of cores this process may use. On Linux this honours CPU
    /// affinity (`taskset`), which `ProcessInfo` does not.
    public static var availableCores: Int {
        let online = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return online }
        for line in status.split(separator: "\n") where line.hasPrefix("Cpus_allowed:") {
            let mask = line.dropFirst("Cpus_allowed:".count).filter { $0.isHexDigit }
            let allowed = mask.reduce(0) { $0 + (Int(String($1), radix: 16) ?? 0).nonzeroBitCount }
            return allowed > 0 ? min(allowed, online) : online
        }
        return online
    }

    /// `items.map(transform)`, spread over up to `jobs` threads.
    public static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], jobs: Int, _ transform: @Sendable (Item) -> Output
    ) -> [Output] {
        let workers = min(max(1, jobs), items.count)
        guard workers > 1 else { return items.map(transform) }
        let results = ResultSlots<Output>(count: items.count)
        let next = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < items.count else { return }
                results.store(transform(items[index]), at: index)
            }
        }
        return results.collect()
    }
}

/// One slot per result, each written by exactly one worker.
private final class ResultSlots<Output: Sendable>: Sendable {
    private let slots: Mutex<[Output?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func store(_ value: sending Output, at index: Int) {
        slots.withLock { $0[index] = value }
    }

    func collect() -> [Output] {
        slots.withLock { $0.compactMap { $0 } }
    }
}
