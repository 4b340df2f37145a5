import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fault injection for the kill -9 trials of the shared store (README, "PostgreSQL: many workers,
/// one store"): a worker started with `SLANT_WORKER_KILL_AT_STEP=n` in its environment sends
/// itself SIGKILL just before its n-th step, so that a trial's kill point is the same on every run
/// (a signal sent after a delay lands wherever the machine's load puts it). A step is connecting to
/// the server, each statement sent on the worker's main connection (lease renewals, on a connection
/// of their own at times the clock decides, are not steps), and the start and the end of each
/// batch's analysis. A worker that ends before its n-th step says on standard error how many steps
/// it made. Without the variable nothing is counted.
public final class KillPoints: @unchecked Sendable {
    public static let variable = "SLANT_WORKER_KILL_AT_STEP"
    /// The step before which the process is killed.
    public let target: Int
    private let lock = NSLock()
    private var count = 0

    init(target: Int) { self.target = target }

    /// The kill point `environment` sets; nil when it sets none (or not a positive whole number).
    public static func from(_ environment: [String: String]) -> KillPoints? {
        guard let text = environment[variable], let target = Int(text), target > 0 else { return nil }
        return KillPoints(target: target)
    }

    /// Counts a step; kills the process (SIGKILL: no handler runs, nothing is flushed) at the target.
    func step() {
        let reached = lock.withLock {
            count += 1
            return count == target
        }
        if reached { kill(getpid(), SIGKILL) }
    }

    /// The steps made so far.
    public var steps: Int { lock.withLock { count } }
}
