import SlantCore
import SlantPipeline
import Foundation

/// Progress of long work on standard error: on a terminal, a bar redrawn in place
/// (done, total, rate, time left); in a pipe or CI, a plain line every tenth of the work.
public final class ProgressReporter: @unchecked Sendable {
    private let stream: OutputStream
    private let interactive: Bool
    private var total = 0
    private var done = 0
    private var unit = "items"
    private var started = Date()
    private var lastDraw = Date.distantPast
    private var lastDecile = 0
    /// Below this many items no progress is shown: small runs finish before anyone would read it.
    private let minimumTotal: Int

    public init(stream: OutputStream, interactive: Bool? = nil, minimumTotal: Int = 200) {
        self.stream = stream
        self.interactive = interactive ?? stream.isTerminal
        self.minimumTotal = minimumTotal
    }

    public func start(total: Int, unit: String) {
        self.total = total
        self.unit = unit
        done = 0
        lastDecile = 0
        started = Date()
    }

    public func advance(by count: Int) {
        done += count
        guard total >= minimumTotal else { return }
        if interactive {
            let now = Date()
            guard now.timeIntervalSince(lastDraw) >= 0.2 || done >= total else { return }
            lastDraw = now
            stream.write("\r" + bar() + "\u{1B}[K")
            stream.flush()
        } else {
            let decile = total > 0 ? done * 10 / total : 10
            guard decile > lastDecile else { return }
            lastDecile = decile
            stream.line(status())
            stream.flush()
        }
    }

    public func finish() {
        guard total >= minimumTotal, interactive else { return }
        stream.write("\r\u{1B}[K")
        stream.flush()
    }

    private func status() -> String {
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        var text = "\(done)/\(total) \(unit) · \(Int(rate.rounded()))/s"
        if rate > 0, done < total { text += " · \(Self.duration(Double(total - done) / rate)) left" }
        return text
    }

    private func bar() -> String {
        let width = 30
        let filled = total > 0 ? min(width, done * width / total) : width
        return "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled) + "] " + status()
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }
}

/// Prints what a pipeline run tells as it happens, on standard error: a progress bar (or plain
/// lines in a pipe), warnings, and every document left out with its reason.
final class ConsoleObserver: PipelineObserver, @unchecked Sendable {
    private let progress: ProgressReporter
    private let errors: OutputStream

    init(errors: OutputStream = .standardError) {
        self.errors = errors
        progress = ProgressReporter(stream: errors)
    }

    func started(total: Int, unit: String) { progress.start(total: total, unit: unit) }
    func advanced(by count: Int) { progress.advance(by: count) }
    func finished() { progress.finish() }

    func warning(_ message: String) {
        errors.line(message)
        errors.flush()
    }

    func excluded(_ document: ExcludedDocument) {
        errors.line("slant: \(document.source): \(document.reason)")
    }
}
