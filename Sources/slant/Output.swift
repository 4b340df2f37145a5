import Foundation

/// Buffered output to a file descriptor (standard output by default).
///
/// JSON Lines for thousands of documents must not cost a system call each.
public final class OutputStream: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let lock = NSLock()

    public init(handle: FileHandle = .standardOutput) {
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    public static let standardOutput = OutputStream(handle: .standardOutput)
    public static let standardError = OutputStream(handle: .standardError)

    /// Appends text; flushed when the buffer is large or on ``flush()``.
    public func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flushLocked() }
    }

    /// Appends a line.
    public func line(_ text: String = "") { write(text + "\n") }

    public func flush() {
        lock.lock()
        defer { lock.unlock() }
        flushLocked()
    }

    private func flushLocked() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Whether the stream is a terminal (progress bars only there).
    public var isTerminal: Bool { isatty(handle.fileDescriptor) != 0 }
}
