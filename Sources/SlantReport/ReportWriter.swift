import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why reports could not be written: the path, and the reason in words.
public struct ReportWriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write the report to \(path): \(reason)" }
}

/// Writes a report set so that readers see the old set or the new one, never a mix.
///
/// The whole set — every file, and the manifest `.slant-files` listing them — is written into a
/// staging directory beside the report directory, then switched in with one atomic exchange of the
/// two directories (`renameat2(RENAME_EXCHANGE)`; where the system lacks it, two renames), and the old
/// set is removed. A failed write (a full disk, say) removes the staging directory and leaves the old
/// set; staging directories left by a killed process are removed by the next write.
///
/// Slant writes only where it may: the report directory must be new, empty, or one Slant wrote (it
/// holds the manifest), and never `/` or the home directory. Files someone else put in a directory
/// Slant wrote are carried over into the new set untouched; nothing is deleted through a symbolic link.
public struct ReportWriter: Sendable {
    public var directory: String

    public init(directory: String) { self.directory = directory }

    /// Refuses, before any work, a report directory Slant must not write into (see the type's comment).
    public func checkDirectory() throws(ReportWriteError) { try Self.checkTarget(Self.absolute(directory)) }

    static let manifestName = ".slant-files"
    static let stagingMarker = ".slant-staging-"

    public func write(_ files: [ReportFile]) throws(ReportWriteError) {
        try write(files, streamed: [])
    }

    /// Writes report files, plus files produced piece by piece (too large to hold in memory): each
    /// streamed file's `produce` is called with a function that appends text to it.
    public func write(_ files: [ReportFile], streamed: [StreamedReportFile]) throws(ReportWriteError) {
        let target = Self.absolute(directory)
        try Self.checkTarget(target)
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        Self.removeAbandonedStaging(in: parent, name: name)
        let staging = (parent as NSString).appendingPathComponent(
            ".\(name)\(Self.stagingMarker)\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do throws(ReportWriteError) {
            try Self.makeDirectory(staging)
            var written: [String] = []
            for file in files.filter({ $0.path != "index.html" }) + files.filter({ $0.path == "index.html" }) {
                let path = try Self.place(file.path, in: staging)
                var sink = try FileSink(path: path)
                try sink.append(file.contents)
                try sink.close()
                written.append(file.path)
            }
            for file in streamed {
                let path = try Self.place(file.path, in: staging)
                var sink = try FileSink(path: path)
                var failure: ReportWriteError?
                do {
                    try file.produce { text in
                        guard failure == nil else { return }
                        do throws(ReportWriteError) { try sink.append(text) } catch { failure = error }
                    }
                } catch let error as ReportWriteError {
                    failure = failure ?? error
                } catch {
                    failure = failure ?? ReportWriteError(path: path, reason: "\(error)")
                }
                if let failure {
                    sink.abandon()
                    throw failure
                }
                try sink.close()
                written.append(file.path)
            }
            var manifest = try FileSink(path: (staging as NSString).appendingPathComponent(Self.manifestName))
            try manifest.append(written.sorted().joined(separator: "\n") + "\n")
            try manifest.close()
            try Self.carryOver(from: target, into: staging, slantFiles: Set(written).union(Self.manifest(of: target)))
            try Self.switchIn(staging, for: target)
        } catch {
            Self.removeTree(staging)
            throw error
        }
        // After the exchange the old set is at the staging path.
        Self.removeTree(staging)
    }

    // MARK: - Where Slant may write

    /// The files a report directory's manifest lists (what an earlier write put there).
    static func manifest(of directory: String) -> Set<String> {
        let path = (directory as NSString).appendingPathComponent(manifestName)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("/") && !$0.contains("..") })
    }

    /// Refuses a report directory Slant must not write into.
    static func checkTarget(_ target: String) throws(ReportWriteError) {
        let home = ProcessInfo.processInfo.environment["HOME"].map(absolute)
        if target == "/" || target == home {
            throw ReportWriteError(path: target, reason: "this is \(target == "/" ? "the root directory" : "the home directory"); set `reports:` in pipeline.yaml to a directory of its own, e.g. `reports`")
        }
        var info = stat()
        guard lstat(target, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFLNK {
            throw ReportWriteError(path: target, reason: "it is a symbolic link; Slant writes a report set as a directory of its own, so set `reports:` to the directory the link points to")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw ReportWriteError(path: target, reason: "it is not a directory")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        if entries.isEmpty || entries.contains(manifestName) { return }
        let shown = entries.sorted().prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
        throw ReportWriteError(
            path: target,
            reason: "the directory holds files Slant did not write (\(shown)); Slant writes reports only into a new or empty directory, or one it wrote before: set `reports:` in pipeline.yaml to another directory")
    }

    // MARK: - Staging

    /// Staging directories of processes that are gone (killed during a write).
    static func removeAbandonedStaging(in parent: String, name: String) {
        let prefix = ".\(name)\(stagingMarker)"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            guard let pid = Int32(rest.prefix { $0 != "-" }) else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                removeTree((parent as NSString).appendingPathComponent(entry))
            }
        }
    }

    /// The path of a report file inside the staging directory, its directories made.
    static func place(_ relative: String, in staging: String) throws(ReportWriteError) -> String {
        let path = (staging as NSString).appendingPathComponent(relative)
        try makeDirectory((path as NSString).deletingLastPathComponent)
        return path
    }

    static func makeDirectory(_ path: String) throws(ReportWriteError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Files someone else put in the report directory (not in its manifest) go into the new set as
    /// they are: hard links of files, the same symbolic links, directories made again.
    static func carryOver(from target: String, into staging: String, slantFiles: Set<String>) throws(ReportWriteError) {
        guard let walker = FileManager.default.enumerator(atPath: target) else { return }
        var skipped: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative == manifestName || slantFiles.contains(relative) || relative.hasPrefix(".staging-") { continue }
            if skipped.contains(where: { relative.hasPrefix($0 + "/") }) { continue }
            let source = (target as NSString).appendingPathComponent(relative)
            let destination = (staging as NSString).appendingPathComponent(relative)
            var info = stat()
            guard lstat(source, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try makeDirectory(destination)
            case S_IFLNK:
                skipped.append(relative)
                guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: source) else { continue }
                if symlink(link, destination) != 0 { throw ReportWriteError(path: destination, reason: describe(errno)) }
            default:
                if FileManager.default.fileExists(atPath: destination) { continue }
                if link(source, destination) != 0 { throw ReportWriteError(path: destination, reason: describe(errno)) }
            }
        }
    }

    /// Puts the staged set at `target`, atomically where the system allows.
    static func switchIn(_ staging: String, for target: String) throws(ReportWriteError) {
        var info = stat()
        if lstat(target, &info) != 0 {
            guard rename(staging, target) == 0 else { throw ReportWriteError(path: target, reason: describe(errno)) }
            return
        }
        if exchange(staging, target) { return }
        // Without an atomic exchange: the old set aside, the new one in, the old one to be removed.
        let aside = target + ".slant-old-\(getpid())"
        guard rename(target, aside) == 0 else { throw ReportWriteError(path: target, reason: describe(errno)) }
        guard rename(staging, target) == 0 else {
            let reason = describe(errno)
            rename(aside, target)
            throw ReportWriteError(path: target, reason: reason)
        }
        if rename(aside, staging) != 0 { removeTree(aside) }
    }

    /// `renameat2(…, RENAME_EXCHANGE)`, looked up at run time (glibc 2.28 and later; Linux 3.15 and later).
    static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        let call = unsafeBitCast(symbol, to: Renameat2.self)
        let atWorkingDirectory: Int32 = -100
        let renameExchange: UInt32 = 2
        return call(atWorkingDirectory, first, atWorkingDirectory, second, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// Removes a directory tree without following symbolic links (a link is removed, never its target).
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                removeTree((path as NSString).appendingPathComponent(entry))
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Writes a whole file under a temporary name beside it, then renames it into place, so that
    /// readers see the old file or the new one, never half of one. (Foundation's `.atomic` option
    /// leaves a directory behind in the system's temporary directory on Linux at every write.)
    public static func writeAtomically(_ data: Data, to path: String) throws(ReportWriteError) {
        let temporary = path + ".partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do throws(ReportWriteError) {
            var sink = try FileSink(path: temporary)
            try sink.append([UInt8](data))
            try sink.close()
        } catch {
            unlink(temporary)
            throw ReportWriteError(path: path, reason: error.reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = describe(errno)
            unlink(temporary)
            throw ReportWriteError(path: path, reason: reason)
        }
    }
}

/// A file being written with `write(2)`, buffered; every failure (a full disk, a closed descriptor)
/// is an error with the file's path, never a trap.
struct FileSink: ~Copyable {
    let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws(ReportWriteError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ReportWriteError(path: path, reason: ReportWriter.describe(errno)) }
        buffer.reserveCapacity(1 << 16)
    }

    mutating func append(_ text: String) throws(ReportWriteError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func append(_ bytes: [UInt8]) throws(ReportWriteError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws(ReportWriteError) {
        var offset = 0
        while offset < buffer.count {
            let count = buffer[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReportWriteError(path: path, reason: ReportWriter.describe(errno))
            }
            offset += count
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, makes it durable, and closes the file.
    consuming func close() throws(ReportWriteError) {
        try flush()
        let descriptor = self.descriptor
        self.descriptor = -1
        if closeDescriptor(descriptor) != 0 { throw ReportWriteError(path: path, reason: ReportWriter.describe(errno)) }
    }

    /// Closes the file without writing what is buffered (after a failure).
    consuming func abandon() {
        let descriptor = self.descriptor
        self.descriptor = -1
        if descriptor >= 0 { _ = closeDescriptor(descriptor) }
    }

    deinit {
        if descriptor >= 0 { _ = closeDescriptor(descriptor) }
    }
}

/// `close(2)` (a method named `close` would hide it).
private func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }

/// A report file written piece by piece.
public struct StreamedReportFile {
    public var path: String
    /// Called once with a function that appends text to the file.
    public var produce: ((String) -> Void) throws -> Void

    public init(path: String, produce: @escaping ((String) -> Void) throws -> Void) {
        self.path = path
        self.produce = produce
    }
}
