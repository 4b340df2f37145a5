#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file-system calls discovery and reading need, with errno turned into text.
enum FileSystem {
    /// What a path is, after following symbolic links.
    enum Kind: Equatable {
        case file
        case directory
        /// A FIFO, socket or device: never read from a directory walk.
        case other
    }

    /// A directory's identity, to walk each directory once even when symbolic links loop.
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// The result of `stat(2)` on a path.
    struct Status {
        var kind: Kind
        var identity: Identity
    }

    /// One entry of a directory listing, already `stat`ed.
    struct Entry {
        var name: String
        /// `nil` when `stat` failed (a broken symbolic link, a permission problem).
        var status: Status?
        /// Why `stat` failed, when it did.
        var problem: String?
    }

    /// The text of an errno value (`No such file or directory`).
    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// `stat(2)`, following symbolic links; the errno text when it fails.
    static func status(_ path: String) -> Result<Status, Errno> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(Errno(errno)) }
        return .success(status(info))
    }

    static func status(_ info: stat) -> Status {
        let kind: Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .directory
        default: kind = .other
        }
        return Status(
            kind: kind, identity: Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
    }

    /// The entries of a directory (without `.` and `..`), sorted by name.
    static func list(_ directory: String) -> Result<[Entry], Errno> {
        guard let stream = opendir(directory) else { return .failure(Errno(errno)) }
        defer { closedir(stream) }
        var entries: [Entry] = []
        while true {
            errno = 0
            guard let pointer = readdir(stream) else {
                if errno != 0 { return .failure(Errno(errno)) }
                break
            }
            let (name, valid) = withUnsafeBytes(of: pointer.pointee.d_name) { raw -> (String, Bool) in
                let bytes = raw.prefix { $0 != 0 }
                if let name = String(validating: bytes, as: UTF8.self) { return (name, true) }
                return (String(decoding: bytes, as: UTF8.self), false)
            }
            if name == "." || name == ".." { continue }
            guard valid else {
                entries.append(
                    Entry(name: name, status: nil, problem: "the file name is not valid UTF-8; rename the file"))
                continue
            }
            let path = join(directory, name)
            switch status(path) {
            case .success(let status): entries.append(Entry(name: name, status: status, problem: nil))
            case .failure(let error): entries.append(Entry(name: name, status: nil, problem: error.description))
            }
        }
        entries.sort { $0.name < $1.name }
        return .success(entries)
    }

    /// The process's current directory, or `/` if it cannot be found.
    static func currentDirectory() -> String {
        guard let pointer = getcwd(nil, 0) else { return "/" }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// `directory/name`, without doubling the slash after `/`.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// An absolute path with `.`, `..` and repeated slashes removed (lexically: symbolic links are not resolved).
    static func normalize(_ path: String, relativeTo base: String) -> String {
        let full = path.hasPrefix("/") ? path : join(base, path)
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` relative to `base` (both absolute and normalized): `a/b.html`, `../x/b.html`, or `.`.
    static func relative(_ path: String, to base: String) -> String {
        let target = path.split(separator: "/")
        let origin = base.split(separator: "/")
        var common = 0
        while common < target.count, common < origin.count, target[common] == origin[common] { common += 1 }
        let ups = Array(repeating: Substring(".."), count: origin.count - common)
        let parts = ups + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// `path` as shown to users: relative to `currentDirectory` when under it, else absolute.
    static func display(_ path: String, currentDirectory: String) -> String {
        if path == currentDirectory { return "." }
        let prefix = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        return path
    }
}

/// An errno value caught at the call that set it.
struct Errno: Error, CustomStringConvertible {
    var code: Int32
    init(_ code: Int32) { self.code = code }
    var description: String { FileSystem.describe(errno: code) }
    var isMissing: Bool { code == ENOENT || code == ENOTDIR }
}
