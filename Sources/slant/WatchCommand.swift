import ArgumentParser
import Dispatch
import Foundation
import SlantCore
import SlantIngest
import SlantPipeline

/// `slant watch`: poll the sources, the configuration and the lexicons, and run when they change.
///
/// The first Ctrl-C lets a run in progress finish (its results are kept) and stops; a second one
/// stops at once — the store stays consistent either way, since every write is a transaction. A run
/// that failed (the store busy, say) is tried again at the next poll.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Poll the sources and regenerate the reports when articles arrive, change or go (Ctrl-C stops).",
        discussion: "Also re-runs when pipeline.yaml or a lexicon changes, and after a run that failed. Each run does only the new work."
    )

    @OptionGroup var project: ConfigOption

    @Option(help: "Seconds between polls (0.1 to 86400).")
    var interval: Double = 5

    @OptionGroup var jobs: JobsOption

    func validate() throws {
        guard interval.isFinite, interval >= 0.1, interval <= 86_400 else {
            throw ValidationError("--interval must be a number of seconds from 0.1 to 86400")
        }
    }

    func run() throws {
        let output = OutputStream.standardOutput
        let errors = OutputStream.standardError
        let configurationPath = project.config
        let stop = StopSignal()
        stop.install()
        var last: [String: FileStamp]?
        output.line("watching \(configurationPath) every \(Self.seconds(interval)); Ctrl-C to stop")
        output.flush()
        var everRan = false
        while !stop.requested {
            let configuration: PipelineConfiguration
            do {
                configuration = try ConfigurationLoader.load(configurationPath)
            } catch {
                errors.line(CommandErrors.message(error, configurationPath: configurationPath))
                errors.flush()
                if !everRan { throw ExitCode(2) }
                stop.sleep(interval)
                continue
            }
            let current = Watching.snapshot(configuration, configurationPath: configurationPath)
            if current != last {
                let status = RunCommand.run(configurationPath: configurationPath, options: RunOptions(jobs: jobs.count))
                if status == 2, !everRan { throw ExitCode(2) }
                everRan = true
                if status == 0 {
                    last = current
                    output.line("— \(Self.clock()) · watching for changes")
                } else {
                    output.line("— \(Self.clock()) · the run failed; trying again in \(Self.seconds(interval))")
                }
                output.flush()
            }
            stop.sleep(interval)
        }
        output.line("stopped")
        output.flush()
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    static func clock() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }
}

/// Ctrl-C (SIGINT) and SIGTERM: the first asks to stop, the second stops at once.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var sources: [DispatchSourceSignal] = []

    var requested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return count > 0
    }

    func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.received() }
            source.resume()
            sources.append(source)
        }
    }

    private func received() {
        lock.lock()
        count += 1
        let times = count
        lock.unlock()
        if times == 1 {
            FileHandle.standardError.write(Data("\nslant: stopping (press Ctrl-C again to stop at once)\n".utf8))
        } else {
            exit(130)
        }
    }

    /// Sleeps up to `seconds`, waking early when a stop is requested.
    func sleep(_ seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while !requested, Date() < deadline { Thread.sleep(forTimeInterval: min(0.1, max(0, deadline.timeIntervalSinceNow))) }
    }
}
