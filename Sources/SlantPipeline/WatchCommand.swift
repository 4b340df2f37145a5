import Dispatch
import Foundation
import SlantCore
import SlantIngest

/// `slant watch`: polls the sources (and the configuration and lexicons) and runs the
/// pipeline whenever articles arrive, change or go; stops cleanly on Ctrl-C.
///
/// A poll only lists and `stat`s files, so it is cheap; a run does only the new work.
/// The first Ctrl-C lets a run in progress finish (its results are kept) and stops;
/// a second one stops at once — the store stays consistent either way, since every
/// write is a transaction.
public enum WatchCommand {
    public static func run(
        configurationPath: String, interval: Double, options: RunOptions, output: OutputStream, errors: OutputStream
    ) -> Int32 {
        let stop = StopSignal()
        stop.install()
        var last: [String: FileStamp]?
        output.line("watching \(configurationPath) every \(Self.seconds(interval)); Ctrl-C to stop")
        output.flush()
        while !stop.requested {
            let configuration: PipelineConfiguration
            do {
                configuration = try ConfigurationLoader.load(configurationPath)
            } catch {
                errors.line(error.description.hasPrefix(configurationPath) ? error.description : "slant: \(error)")
                errors.flush()
                if last == nil { return 2 }
                stop.sleep(interval)
                continue
            }
            let current = snapshot(configuration, configurationPath: configurationPath)
            if current != last {
                let status = PipelineCommand.run(configurationPath: configurationPath, options: options, output: output, errors: errors)
                if status == 2, last == nil { return 2 }
                output.line("— \(Self.clock()) · watching for changes")
                output.flush()
                last = current
            }
            stop.sleep(interval)
        }
        output.line("stopped")
        output.flush()
        return 0
    }

    /// Size and modification time of every source file, the configuration and the lexicons.
    static func snapshot(_ configuration: PipelineConfiguration, configurationPath: String) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        let discovery = (try? FileDiscovery().files(for: configuration)) ?? Discovery()
        for file in discovery.files { stamps[file.path] = FileStamp.of(file.absolutePath) }
        stamps[configurationPath] = FileStamp.of(configurationPath)
        for lexicon in configuration.lexicons { stamps[lexicon.path] = FileStamp.of(configuration.resolve(lexicon.path)) }
        return stamps
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
