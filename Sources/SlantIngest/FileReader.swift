import SlantCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one input file, with what discovery said about it: the input of ``IngestStage``.
public struct InputFile: Sendable, Hashable {
    public var source: SourceLocator
    public var format: InputFormat
    /// The outlet the configuration gives the file, if any (a JSON Lines record's `outlet` overrides it).
    public var outletHint: String?
    public var bytes: [UInt8]

    public init(source: SourceLocator, format: InputFormat, outletHint: String? = nil, bytes: [UInt8]) {
        self.source = source
        self.format = format
        self.outletHint = outletHint
        self.bytes = bytes
    }
}

/// Reads discovered files from disk: the I/O edge of ingest.
///
/// The size is checked before anything is read, so a file over the limit costs
/// one `fstat`. Directories, FIFOs, devices and files that cannot be opened
/// become `.unreadable` errors with the system's reason.
public struct FileReader: Sendable {
    public init() {}

    /// Reads `file`, refusing it with `.tooLarge` if it holds more than `maxBytes` bytes.
    public func read(_ file: DiscoveredFile, maxBytes: Int) -> Result<InputFile, DocumentError> {
        let source = SourceLocator(path: file.path)
        return read(path: file.absolutePath, maxBytes: maxBytes)
            .map { InputFile(source: source, format: file.format, outletHint: file.outlet, bytes: $0) }
            .mapError { DocumentError(source: source, stage: IngestStage.name, reason: $0.reason) }
    }

    /// The bytes of the file at `path`, or why they cannot be had.
    private func read(path: String, maxBytes: Int) -> Result<[UInt8], Failure> {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(Failure(.unreadable(FileSystem.describe(errno: errno)))) }
        defer { close(descriptor) }

        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            return .failure(Failure(.unreadable(FileSystem.describe(errno: errno))))
        }
        switch FileSystem.status(info).kind {
        case .file: break
        case .directory: return .failure(Failure(.unreadable(FileSystem.describe(errno: EISDIR))))
        case .other: return .failure(Failure(.unreadable("not a regular file (a FIFO, socket or device)")))
        }
        let size = Int(info.st_size)
        if size > maxBytes { return .failure(Failure(.tooLarge(bytes: size, limit: maxBytes))) }

        // One byte more than the size, to notice a file that grew since `fstat`.
        // Not zero-filled first: read(2) writes every byte that is kept.
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { _, initialized in initialized = size + 1 }
        var count = 0
        while true {
            if count == bytes.count {
                if count > maxBytes { return .failure(Failure(.tooLarge(bytes: count, limit: maxBytes))) }
                bytes.append(contentsOf: repeatElement(0, count: max(4096, count / 2)))
            }
            let result = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let start = buffer.baseAddress else { return 0 }
                return systemRead(descriptor, start + count, buffer.count - count)
            }
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                return .failure(Failure(.unreadable(FileSystem.describe(errno: code))))
            }
            if result == 0 { break }
            count += result
        }
        if count > maxBytes { return .failure(Failure(.tooLarge(bytes: count, limit: maxBytes))) }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }
}

/// `read(2)`, named apart from ``FileReader/read(_:maxBytes:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// A document failure as an `Error`, for `Result`s inside the module.
private struct Failure: Error {
    var reason: DocumentFailure
    init(_ reason: DocumentFailure) { self.reason = reason }
}

/// A file's size and modification time: enough to tell that a file has not changed
/// without reading it (as `git` and `make` do).
public struct FileStamp: Sendable, Hashable {
    public var size: Int64
    /// Nanoseconds since 1970.
    public var modified: Int64

    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    /// The stamp of the file at `path`, or nil when it cannot be `stat`ed.
    public static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(
            size: Int64(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}
