import Foundation

/// Why reports could not be written.
public struct ReportWriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write the report to \(path): \(reason)" }
}

/// Writes report files into the report directory so that a half-written report
/// never replaces a good one: every file is first written in full to a staging
/// directory inside the report directory, then renamed over its old version
/// (a rename within one file system is atomic), `index.html` last. Files that an
/// earlier run wrote and this one no longer writes are removed, using the list
/// of written files kept in `.slant-files`.
public struct ReportWriter: Sendable {
    public var directory: String

    public init(directory: String) { self.directory = directory }

    static let manifestName = ".slant-files"

    public func write(_ files: [ReportFile]) throws(ReportWriteError) {
        try write(files, streamed: [])
    }

    /// Writes report files, plus files produced piece by piece (too large to hold in memory):
    /// each streamed file's `produce` is called with a function that appends text to it.
    public func write(_ files: [ReportFile], streamed: [StreamedReportFile]) throws(ReportWriteError) {
        let manager = FileManager.default
        let staging = (directory as NSString).appendingPathComponent(".staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError(path: directory, reason: Self.reason(error))
        }
        defer { try? manager.removeItem(atPath: staging) }
        let ordered = files.filter { $0.path != "index.html" } + files.filter { $0.path == "index.html" }
        do {
            for file in ordered {
                let staged = (staging as NSString).appendingPathComponent(file.path)
                try manager.createDirectory(
                    atPath: (staged as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard manager.createFile(atPath: staged, contents: Data(file.contents.utf8)) else {
                    throw ReportWriteError(path: staged, reason: "the file could not be created")
                }
            }
            for file in streamed {
                let staged = (staging as NSString).appendingPathComponent(file.path)
                try manager.createDirectory(
                    atPath: (staged as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard manager.createFile(atPath: staged, contents: nil), let handle = FileHandle(forWritingAtPath: staged) else {
                    throw ReportWriteError(path: staged, reason: "the file could not be created")
                }
                var buffer: [UInt8] = []
                buffer.reserveCapacity(1 << 16)
                try file.produce { text in
                    buffer.append(contentsOf: text.utf8)
                    if buffer.count >= 1 << 16 {
                        handle.write(Data(buffer))
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                handle.write(Data(buffer))
                try handle.close()
            }
        } catch let error as ReportWriteError {
            throw error
        } catch {
            throw ReportWriteError(path: staging, reason: Self.reason(error))
        }
        let previous = previousFiles()
        let all = streamed.map { ReportFile(path: $0.path, contents: "") } + ordered
        for file in all {
            let staged = (staging as NSString).appendingPathComponent(file.path)
            let target = (directory as NSString).appendingPathComponent(file.path)
            do {
                try manager.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch {
                throw ReportWriteError(path: target, reason: Self.reason(error))
            }
            guard rename(staged, target) == 0 else {
                throw ReportWriteError(path: target, reason: String(cString: strerror(errno)))
            }
        }
        let written = Set(all.map(\.path))
        for stale in previous.subtracting(written) where !stale.contains("..") {
            try? manager.removeItem(atPath: (directory as NSString).appendingPathComponent(stale))
        }
        let manifest = all.map(\.path).sorted().joined(separator: "\n") + "\n"
        try? Self.writeAtomically(Data(manifest.utf8), to: (directory as NSString).appendingPathComponent(Self.manifestName))
    }

    /// Writes a whole file under a temporary name beside it, then renames it into place, so that
    /// readers see the old file or the new one, never half of one. (Foundation's `.atomic` option
    /// leaves a directory behind in the system's temporary directory on Linux at every write.)
    public static func writeAtomically(_ data: Data, to path: String) throws(ReportWriteError) {
        let temporary = path + ".partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw ReportWriteError(path: path, reason: String(cString: strerror(errno)))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ReportWriteError(path: path, reason: reason)
        }
    }

    private func previousFiles() -> Set<String> {
        let path = (directory as NSString).appendingPathComponent(Self.manifestName)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("/") })
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedDescription
    }
}

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
