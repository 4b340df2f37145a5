import SlantCore

/// Turns the configuration's `sources:` (or command-line arguments) into the files to ingest.
///
/// A source is a plain file, a directory (every `.html`, `.htm`, `.txt` and
/// `.jsonl` file below it, at any depth), or a glob (`*`, `?`, `[abc]`, and `**`
/// for any number of directories, including none). Hidden files and directories
/// (names starting with `.`) are skipped unless the pattern names them. Symbolic
/// links are followed; a directory reached twice is walked once.
public struct FileDiscovery: Sendable {
    /// The directory paths are shown relative to, and relative arguments are resolved against.
    public var currentDirectory: String

    /// - Parameter currentDirectory: defaults to the process's current directory.
    public init(currentDirectory: String? = nil) {
        let processDirectory = FileSystem.currentDirectory()
        self.currentDirectory = FileSystem.normalize(currentDirectory ?? processDirectory, relativeTo: processDirectory)
    }

    /// The files the configuration's sources name, sorted by path, each once.
    ///
    /// Patterns are relative to `configuration.baseDirectory`, and so are the paths given back
    /// (``DiscoveredFile/path``; absolute when outside it): a corpus is the same wherever the command
    /// is run from. A file matched by two sources takes the first source's outlet and format, with a
    /// warning. An `exclude:` pattern that leaves out nothing is warned about. The store and the
    /// reports directory are never sources. A file named literally whose format is unknown becomes an
    /// `.unsupportedFormat` entry; other files without a known extension are skipped unless the
    /// source sets `format:`.
    ///
    /// - Throws: every source whose literal path, or whose glob's fixed directory,
    ///   does not exist, each at the source's location.
    public func files(for configuration: PipelineConfiguration) throws(ConfigurationErrors) -> Discovery {
        let base = FileSystem.normalize(configuration.baseDirectory, relativeTo: currentDirectory)
        var search = Search()
        var errors: [ConfigurationError] = []
        var warnings: [DiscoveryWarning] = []
        var merged = Merger()
        let own = OwnFiles(configuration: configuration, base: base)
        for (index, source) in configuration.sources.enumerated() {
            let exclusions = source.exclude.map { Exclusion($0, base: base) } + own.exclusions
            switch search.resolve(source.pattern, base: base, format: source.format, exclusions: exclusions) {
            case .missing(let problem):
                errors.append(ConfigurationError(source.location, problem.configurationMessage(source.pattern)))
            case .found(let found):
                if found.isEmpty {
                    warnings.append(
                        DiscoveryWarning(
                            location: source.location, pattern: source.pattern,
                            message: found.emptyMessage(source.pattern, formatHint: "set `format:` to read them")))
                }
                for (position, pattern) in source.exclude.enumerated() where (found.exclusionHits[position] ?? 0) == 0 {
                    warnings.append(
                        DiscoveryWarning(
                            location: source.location, pattern: pattern,
                            message: "`exclude: \(pattern)` of `\(source.pattern)` leaves out no file (exclusions are relative to the configuration's directory; a pattern without `/` matches a name at any depth)"))
                }
                for (path, first) in merged.add(found, outlet: source.outlet, index: index, currentDirectory: base) {
                    let earlier = configuration.sources[first]
                    warnings.append(
                        DiscoveryWarning(
                            location: source.location, pattern: source.pattern,
                            message: "`\(FileSystem.display(path, currentDirectory: base))` is also matched by `\(earlier.pattern)` (\(earlier.location)); it belongs to that source\(earlier.outlet.map { " (outlet \($0))" } ?? "")"))
                }
            }
        }
        if !errors.isEmpty { throw ConfigurationErrors(errors) }
        return Discovery(entries: merged.entries.sorted { Self.path(of: $0) < Self.path(of: $1) }, warnings: warnings)
    }

    /// The sources whose literal path, or whose glob's fixed directory, does not exist: checked
    /// without walking any directory, so that a configuration's problems are all found in one round.
    public func missingSources(for configuration: PipelineConfiguration) -> [ConfigurationError] {
        let base = FileSystem.normalize(configuration.baseDirectory, relativeTo: currentDirectory)
        var errors: [ConfigurationError] = []
        for source in configuration.sources {
            let glob = Glob(source.pattern)
            let fixed = glob.path(relativeTo: base, segments: glob.literalPrefixCount)
            switch FileSystem.status(fixed) {
            case .failure:
                let message = glob.hasWildcards
                    ? "`\(source.pattern)`: no such directory `\(glob.writtenPrefix)`"
                    : "`\(source.pattern)`: no such file or directory"
                errors.append(ConfigurationError(source.location, message))
            case .success(let status) where glob.hasWildcards && status.kind != .directory:
                errors.append(ConfigurationError(source.location, "`\(source.pattern)`: `\(glob.writtenPrefix)` is not a directory"))
            default:
                break
            }
        }
        return errors
    }

    /// The files command-line arguments name (`slant extract FILE...`), in argument order.
    ///
    /// Each argument is a file, a directory or a glob, relative to ``currentDirectory``.
    /// An argument that names nothing becomes a per-input `.unreadable` error (with the
    /// argument as its path) rather than stopping the others.
    ///
    /// - Parameter format: read every file in this format, whatever its extension.
    public func files(forArguments arguments: [String], format: InputFormat? = nil) -> Discovery {
        var search = Search()
        var warnings: [DiscoveryWarning] = []
        var merged = Merger()
        for (index, argument) in arguments.enumerated() {
            let outcome = search.resolve(
                argument, base: currentDirectory, format: format, exclusions: [], preferringLiteral: true)
            let failure: DocumentFailure
            switch outcome {
            case .missing(let problem):
                failure = .unreadable(problem.argumentMessage)
            case .found(let found) where found.isEmpty && found.isGlob:
                failure = .unreadable("no file matches the pattern" + found.emptyDetail(formatHint: nil))
            case .found(let found):
                if found.isEmpty {
                    warnings.append(
                        DiscoveryWarning(
                            location: nil, pattern: argument, message: found.emptyMessage(argument, formatHint: nil)))
                }
                let start = merged.entries.count
                merged.add(found, outlet: nil, index: index, currentDirectory: currentDirectory)
                merged.entries[start...].sort { Self.path(of: $0) < Self.path(of: $1) }
                continue
            }
            merged.entries.append(
                .failure(DocumentError(source: SourceLocator(path: argument), stage: IngestStage.name, reason: failure))
            )
        }
        return Discovery(entries: merged.entries, warnings: warnings)
    }

    private static func path(of entry: Result<DiscoveredFile, DocumentError>) -> String {
        switch entry {
        case .success(let file): file.path
        case .failure(let error): error.source.path
        }
    }
}

/// The extensions named in messages about files Slant does not read.
let readableExtensions = ".html, .htm, .txt, .jsonl, .warc and .warc.gz"

/// Why a source names nothing at all.
enum MissingSource {
    /// A literal path that does not exist.
    case noSuchPath
    /// A glob whose fixed directory prefix (as written) does not exist.
    case noSuchDirectory(String)
    /// A glob whose fixed prefix is a file.
    case notADirectory(String)
    /// A path that cannot be looked at (a parent without search permission).
    case inaccessible(String, String)

    func configurationMessage(_ pattern: String) -> String {
        switch self {
        case .noSuchPath: "`\(pattern)`: no such file or directory"
        case .noSuchDirectory(let prefix): "`\(pattern)`: no such directory `\(prefix)`"
        case .notADirectory(let prefix): "`\(pattern)`: `\(prefix)` is not a directory"
        case .inaccessible(let prefix, let why): "`\(pattern)`: cannot open `\(prefix)`: \(why)"
        }
    }

    var argumentMessage: String {
        switch self {
        case .noSuchPath: "no such file"
        case .noSuchDirectory(let prefix): "no such directory `\(prefix)`"
        case .notADirectory(let prefix): "`\(prefix)` is not a directory"
        case .inaccessible(_, let why): why
        }
    }
}

/// What one source or argument matched.
struct Found {
    /// Absolute paths and formats of the files to read.
    var files: [(path: String, format: InputFormat)] = []
    /// Absolute paths that matched but cannot be used.
    var failures: [(path: String, reason: DocumentFailure)] = []
    /// Files skipped because their extension gives no format.
    var unknownFormat = 0
    /// Files left out by `exclude:`.
    var excluded = 0
    /// Files left out by each exclusion, by its position.
    var exclusionHits: [Int: Int] = [:]
    /// Whether the source was a glob (rather than a literal file or directory).
    var isGlob = false

    var isEmpty: Bool { files.isEmpty && failures.isEmpty }

    /// Why nothing was found, in parentheses, or the empty string (` (2 left out by `exclude`)`).
    func emptyDetail(formatHint: String?) -> String {
        var reasons: [String] = []
        if unknownFormat > 0 {
            let files = unknownFormat == 1 ? "1 file" : "\(unknownFormat) files"
            reasons.append("\(files) with an extension Slant does not read" + (formatHint.map { "; \($0)" } ?? ""))
        }
        if excluded > 0 { reasons.append("\(excluded) left out by `exclude`") }
        return reasons.isEmpty ? "" : " (\(reasons.joined(separator: "; ")))"
    }

    /// The warning for a source that found nothing.
    func emptyMessage(_ pattern: String, formatHint: String?) -> String {
        "`\(pattern)` matches no file" + emptyDetail(formatHint: formatHint)
    }
}

/// A glob of `exclude:`, relative to the base directory (or absolute). A pattern without `/`
/// matches a name at any depth; a pattern that matches a directory leaves out everything below it.
struct Exclusion {
    let glob: Glob

    init(_ pattern: String, base: String) {
        if pattern.hasPrefix("/") {
            glob = Glob(FileSystem.relative(FileSystem.normalize(pattern, relativeTo: "/"), to: base))
        } else {
            glob = Glob(pattern.contains("/") ? pattern : "**/" + pattern)
        }
    }

    /// Whether `path` (relative to the base directory) or one of its directories matches.
    func excludes(_ components: [Substring]) -> Bool {
        guard !components.isEmpty else { return false }
        return (1...components.count).contains { glob.matches(Array(components.prefix($0))) }
    }
}

/// What Slant itself writes beside a corpus — the store and the reports — left out of every source,
/// so that `sources: ["**/*.html"]` never reads Slant's own `reports/index.html` as an article.
private struct OwnFiles {
    var exclusions: [Exclusion] = []

    init(configuration: PipelineConfiguration, base: String) {
        let reports = FileSystem.normalize(configuration.reports, relativeTo: base)
        let store = FileSystem.normalize(configuration.store, relativeTo: base)
        for path in [reports, store, store + "-wal", store + "-shm", store + ".lock", store + ".old"] where path != base {
            exclusions.append(Exclusion(path, base: base))
        }
    }
}

/// Merges what sources found, keeping the first source of a file.
private struct Merger {
    var entries: [Result<DiscoveredFile, DocumentError>] = []
    /// The source that found each file first.
    var seen: [String: Int] = [:]

    /// Adds what a source found; gives back the files an earlier source had found, with that source.
    @discardableResult
    mutating func add(_ found: Found, outlet: String?, index: Int, currentDirectory: String) -> [(String, Int)] {
        var again: [(String, Int)] = []
        for (path, format) in found.files {
            if let first = seen[path] {
                if first != index { again.append((path, first)) }
                continue
            }
            seen[path] = index
            let shown = FileSystem.display(path, currentDirectory: currentDirectory)
            entries.append(
                .success(
                    DiscoveredFile(
                        path: shown, absolutePath: path, format: format, outlet: outlet, specificationIndex: index)))
        }
        for (path, reason) in found.failures where seen[path] == nil {
            seen[path] = index
            let shown = FileSystem.display(path, currentDirectory: currentDirectory)
            entries.append(
                .failure(DocumentError(source: SourceLocator(path: shown), stage: IngestStage.name, reason: reason)))
        }
        return again
    }
}

/// Walks the file system for patterns, caching directory listings across sources.
private struct Search {
    enum Outcome {
        case found(Found)
        case missing(MissingSource)
    }

    /// Listings by absolute directory path.
    private var listings: [String: Result<[FileSystem.Entry], Errno>] = [:]

    /// Resolves one pattern against `base`.
    ///
    /// - Parameter preferringLiteral: take a pattern with wildcard characters literally when a
    ///   file of that very name exists (a shell has already expanded command-line globs).
    mutating func resolve(
        _ pattern: String, base: String, format: InputFormat?, exclusions: [Exclusion],
        preferringLiteral: Bool = false
    ) -> Outcome {
        var walk = Walk(base: base, format: format, exclusions: exclusions)
        let glob = Glob(pattern)
        var literalPath: String?
        if !glob.hasWildcards {
            literalPath = glob.path(relativeTo: base)
        } else if preferringLiteral {
            let path = FileSystem.normalize(pattern, relativeTo: base)
            if case .success = FileSystem.status(path) { literalPath = path }
        }
        if let path = literalPath {
            switch FileSystem.status(path) {
            case .failure(let error) where error.isMissing:
                return .missing(.noSuchPath)
            case .failure(let error):
                walk.found.failures.append((path, .unreadable(error.description)))
            case .success(let status) where status.kind == .directory:
                walkDirectory(path, status: status, into: &walk)
            case .success:
                if walk.isExcluded(path) {
                    walk.found.excluded += 1
                } else if let format = format ?? InputFormat(fileName: path) {
                    walk.found.files.append((path, format))
                } else {
                    walk.found.failures.append((path, Self.unsupported(path)))
                }
            }
            return .found(walk.found)
        }

        walk.found.isGlob = true
        let prefixCount = glob.literalPrefixCount
        let start = glob.path(relativeTo: base, segments: prefixCount)
        switch FileSystem.status(start) {
        case .failure(let error) where error.isMissing:
            return .missing(.noSuchDirectory(glob.writtenPrefix))
        case .failure(let error):
            return .missing(.inaccessible(glob.writtenPrefix, error.description))
        case .success(let status) where status.kind != .directory:
            return .missing(.notADirectory(glob.writtenPrefix))
        case .success(let status):
            var matches: [(String, FileSystem.Status)] = []
            var visited = Set<VisitKey>()
            expand(glob, from: prefixCount, at: start, status: status, walk: &walk, visited: &visited, into: &matches)
            for (path, status) in matches {
                switch status.kind {
                case .directory:
                    walkDirectory(path, status: status, into: &walk)
                case .file:
                    walk.consider(path)
                case .other:
                    continue
                }
            }
        }
        return .found(walk.found)
    }

    private struct VisitKey: Hashable {
        var segment: Int
        var directory: FileSystem.Identity
    }

    /// Finds the paths below `directory` that match `glob.segments[index...]`.
    private mutating func expand(
        _ glob: Glob, from index: Int, at directory: String, status: FileSystem.Status, walk: inout Walk,
        visited: inout Set<VisitKey>, into matches: inout [(String, FileSystem.Status)]
    ) {
        guard index < glob.segments.count else {
            matches.append((directory, status))
            return
        }
        guard status.kind == .directory else { return }
        let isLast = index == glob.segments.count - 1
        switch glob.segments[index] {
        case .literal(let name):
            let path = FileSystem.normalize(name, relativeTo: directory)
            switch FileSystem.status(path) {
            case .success(let child):
                expand(glob, from: index + 1, at: path, status: child, walk: &walk, visited: &visited, into: &matches)
            case .failure(let error) where isLast && !error.isMissing:
                walk.reportBroken(path, problem: error.description)
            case .failure:
                break
            }
        case .pattern(let pattern):
            for entry in listing(directory, walk: &walk) where pattern.matches(entry.name) {
                let path = FileSystem.join(directory, entry.name)
                if let child = entry.status {
                    expand(
                        glob, from: index + 1, at: path, status: child, walk: &walk, visited: &visited, into: &matches)
                } else if isLast, let problem = entry.problem {
                    walk.reportBroken(path, problem: problem)
                }
            }
        case .anyDepth:
            if isLast {
                // `dir/**` is every file below `dir`: the directory walk does it in one pass.
                matches.append((directory, status))
                return
            }
            guard visited.insert(VisitKey(segment: index, directory: status.identity)).inserted else { return }
            expand(glob, from: index + 1, at: directory, status: status, walk: &walk, visited: &visited, into: &matches)
            for entry in listing(directory, walk: &walk) where !entry.name.hasPrefix(".") {
                guard let child = entry.status, child.kind == .directory else { continue }
                let path = FileSystem.join(directory, entry.name)
                expand(glob, from: index, at: path, status: child, walk: &walk, visited: &visited, into: &matches)
            }
        }
    }

    /// Adds every readable file below `directory` (hidden names skipped) to the walk.
    private mutating func walkDirectory(_ directory: String, status: FileSystem.Status, into walk: inout Walk) {
        var visited: Set<FileSystem.Identity> = [status.identity]
        var pending = [directory]
        while let current = pending.popLast() {
            var subdirectories: [String] = []
            for entry in listing(current, walk: &walk) where !entry.name.hasPrefix(".") {
                let path = FileSystem.join(current, entry.name)
                guard let child = entry.status else {
                    if let problem = entry.problem { walk.reportBroken(path, problem: problem) }
                    continue
                }
                switch child.kind {
                case .directory:
                    guard visited.insert(child.identity).inserted else { continue }
                    if walk.isExcluded(path) {
                        walk.found.excluded += 1
                    } else {
                        subdirectories.append(path)
                    }
                case .file:
                    walk.consider(path)
                case .other:
                    continue
                }
            }
            // Depth first, in name order.
            pending.append(contentsOf: subdirectories.reversed())
        }
    }

    /// The entries of a directory; a directory that cannot be listed is reported once per walk.
    private mutating func listing(_ directory: String, walk: inout Walk) -> [FileSystem.Entry] {
        let result: Result<[FileSystem.Entry], Errno>
        if let cached = listings[directory] {
            result = cached
        } else {
            result = FileSystem.list(directory)
            listings[directory] = result
        }
        switch result {
        case .success(let entries):
            return entries
        case .failure(let error):
            walk.found.failures.append((directory, .unreadable("cannot list the directory: \(error)")))
            return []
        }
    }

    static func unsupported(_ path: String) -> DocumentFailure {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return .unsupportedFormat("`\(name)` has no known extension (Slant reads \(readableExtensions))")
    }
}

/// The state of resolving one source: its base directory, format, exclusions, and what it found.
private struct Walk {
    let base: String
    let format: InputFormat?
    let exclusions: [Exclusion]
    var found = Found()

    init(base: String, format: InputFormat?, exclusions: [Exclusion]) {
        self.base = base
        self.format = format
        self.exclusions = exclusions
    }

    mutating func isExcluded(_ path: String) -> Bool {
        guard !exclusions.isEmpty else { return false }
        let components = FileSystem.relative(path, to: base).split(separator: "/")
        guard let position = exclusions.firstIndex(where: { $0.excludes(components) }) else { return false }
        found.exclusionHits[position, default: 0] += 1
        return true
    }

    /// Adds a file found by a directory walk or a glob (skipped when its format is unknown).
    mutating func consider(_ path: String) {
        if isExcluded(path) {
            found.excluded += 1
        } else if let format = format ?? InputFormat(fileName: path) {
            found.files.append((path, format))
        } else {
            found.unknownFormat += 1
        }
    }

    /// A matched entry that cannot be looked at: reported if it looks like something Slant would read.
    mutating func reportBroken(_ path: String, problem: String) {
        guard !isExcluded(path), format != nil || InputFormat(fileName: path) != nil else { return }
        found.failures.append((path, .unreadable(problem)))
    }
}
