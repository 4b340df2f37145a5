import Yams

/// A place in a configuration file, for error messages (`pipeline.yaml:7:5`).
public struct ConfigurationLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A configuration problem, with where it is and what was expected.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: ConfigurationLocation
    public var message: String

    public init(_ location: ConfigurationLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): error: \(message)" }
}

/// Every problem found in one configuration file (all are reported at once).
public struct ConfigurationErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigurationError]

    public init(_ errors: [ConfigurationError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// One entry of `sources:`: a path or glob, and the outlet its documents belong to.
public struct SourceSpecification: Sendable, Hashable {
    /// A path or a glob (`*`, `?`, `[abc]`, and `**` for any depth), relative to the configuration's directory.
    public var pattern: String
    /// The outlet of every document this source finds; when absent, each page's site name or domain.
    public var outlet: String?
    /// Forces the input format; when absent it follows the file extension.
    public var format: InputFormat?
    /// Globs of files to leave out.
    public var exclude: [String]
    /// Where the entry is written, for later error messages (a glob that matches nothing).
    public var location: ConfigurationLocation

    public init(
        pattern: String, outlet: String? = nil, format: InputFormat? = nil, exclude: [String] = [],
        location: ConfigurationLocation
    ) {
        self.pattern = pattern
        self.outlet = outlet
        self.format = format
        self.exclude = exclude
        self.location = location
    }
}

/// The kinds of input file Slant reads.
public enum InputFormat: String, Sendable, Hashable, CaseIterable {
    case html
    case text
    case jsonl

    /// The format a file name implies (`.html`/`.htm`/`.xhtml`, `.txt`/`.text`, `.jsonl`), if any.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        switch lower[lower.index(after: dot)...] {
        case "html", "htm", "xhtml", "shtml": self = .html
        case "txt", "text": self = .text
        case "jsonl", "ndjson": self = .jsonl
        default: return nil
        }
    }
}

/// A file path named by the configuration, with where it is named.
public struct ConfiguredPath: Sendable, Hashable {
    public var path: String
    public var location: ConfigurationLocation

    public init(path: String, location: ConfigurationLocation) {
        self.path = path
        self.location = location
    }
}

/// The pipeline's configuration, as read from `pipeline.yaml`.
///
/// Paths are as written; they are relative to ``baseDirectory``.
public struct PipelineConfiguration: Sendable, Hashable {
    /// The file the configuration was read from (empty for a built-in default).
    public var file: String
    /// The directory relative paths are resolved against.
    public var baseDirectory: String
    public var sources: [SourceSpecification]
    public var lexicons: [ConfiguredPath]
    /// The SQLite store.
    public var store: String
    /// The directory reports are written to.
    public var reports: String
    /// Pages above this size are refused with a clear error rather than parsed.
    public var maxDocumentBytes: Int
    /// Articles with fewer words than this are kept but flagged as too short to measure.
    public var minArticleWords: Int

    public static let defaultStore = ".slant/slant.sqlite"
    public static let defaultReports = "reports"
    public static let defaultMaxDocumentBytes = 64 * 1024 * 1024
    public static let defaultMinArticleWords = 25

    public init(
        file: String = "", baseDirectory: String = ".", sources: [SourceSpecification] = [],
        lexicons: [ConfiguredPath] = [], store: String = defaultStore, reports: String = defaultReports,
        maxDocumentBytes: Int = defaultMaxDocumentBytes, minArticleWords: Int = defaultMinArticleWords
    ) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.sources = sources
        self.lexicons = lexicons
        self.store = store
        self.reports = reports
        self.maxDocumentBytes = maxDocumentBytes
        self.minArticleWords = minArticleWords
    }

    /// The text the configuration was read from (for its digest in reports).
    public var sourceText = ""

    /// The digest of the configuration file as written.
    public var fileDigest: ContentDigest { ContentDigest(of: Array(sourceText.utf8)) }

    /// A digest of everything in the configuration that changes what analysis produces.
    public var analysisDigest: ContentDigest {
        ContentDigest(ofParts: ["min-article-words", String(minArticleWords)])
    }
}

extension PipelineConfiguration {
    /// Parses and validates a configuration from YAML text.
    ///
    /// Every problem is reported, each with file:line:column and what was expected.
    /// Paths are checked for shape only; whether they exist is checked by ingest.
    public static func parse(yaml: String, file: String, baseDirectory: String) throws(ConfigurationErrors)
        -> PipelineConfiguration
    {
        var reader = ConfigurationReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigurationErrors([reader.syntaxError(error)])
        }
        guard let root else {
            throw ConfigurationErrors([
                ConfigurationError(
                    ConfigurationLocation(file: file, line: 1, column: 1),
                    "the configuration is empty; expected a mapping with at least `sources:`")
            ])
        }
        let configuration = reader.read(root, baseDirectory: baseDirectory)
        if !reader.errors.isEmpty { throw ConfigurationErrors(reader.errors) }
        return configuration
    }
}

/// Walks the YAML node tree, collecting typed values and located errors.
private struct ConfigurationReader {
    let file: String
    var errors: [ConfigurationError] = []

    static let topLevelKeys = ["sources", "lexicons", "store", "reports", "limits"]
    static let sourceKeys = ["path", "outlet", "format", "exclude"]
    static let limitKeys = ["max_document_bytes", "min_article_words"]

    init(file: String) { self.file = file }

    func location(_ node: Node) -> ConfigurationLocation {
        let mark = node.mark
        return ConfigurationLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    mutating func fail(_ node: Node, _ message: String) {
        errors.append(ConfigurationError(location(node), message))
    }

    func syntaxError(_ error: Error) -> ConfigurationError {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
                let detail = context.map { "\($0.text) " } ?? ""
                return ConfigurationError(
                    ConfigurationLocation(file: file, line: mark.line, column: mark.column),
                    "invalid YAML: \(detail)\(problem)")
            default:
                break
            }
        }
        return ConfigurationError(ConfigurationLocation(file: file, line: 1, column: 1), "invalid YAML: \(error)")
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "the scalar `\(scalar.string)`"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Pairs of (key text, key node, value node), with unknown or repeated keys reported.
    mutating func entries(of node: Node, allowed: [String], context: String) -> [(String, Node, Node)] {
        guard case .mapping(let mapping) = node else {
            fail(node, "\(context) must be a mapping (key: value); found \(Self.describe(node))")
            return []
        }
        var seen = Set<String>()
        var result: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                fail(keyNode, "keys of \(context) must be plain words; found \(Self.describe(keyNode))")
                continue
            }
            guard allowed.contains(key.string) else {
                let hint = Self.closest(to: key.string, in: allowed).map { " (did you mean `\($0)`?)" } ?? ""
                fail(
                    keyNode,
                    "unknown key `\(key.string)` in \(context)\(hint); expected one of: \(allowed.joined(separator: ", "))")
                continue
            }
            guard seen.insert(key.string).inserted else {
                fail(keyNode, "key `\(key.string)` appears twice in \(context)")
                continue
            }
            result.append((key.string, keyNode, value))
        }
        return result
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            fail(node, "\(what) must be a string; found \(Self.describe(node))")
            return nil
        }
        let text = scalar.string.trimmingWhitespace()
        if text.isEmpty {
            fail(node, "\(what) must not be empty")
            return nil
        }
        return text
    }

    mutating func positiveInteger(_ node: Node, _ what: String) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.replacingUnderscores()), value > 0 else {
            fail(node, "\(what) must be a positive whole number; found \(Self.describe(node))")
            return nil
        }
        return value
    }

    mutating func stringList(_ node: Node, _ what: String) -> [(String, Node)] {
        switch node {
        case .scalar:
            return string(node, what).map { [($0, node)] } ?? []
        case .sequence(let sequence):
            return sequence.compactMap { item in string(item, "each entry of \(what)").map { ($0, item) } }
        default:
            fail(node, "\(what) must be a list of strings; found \(Self.describe(node))")
            return []
        }
    }

    mutating func read(_ root: Node, baseDirectory: String) -> PipelineConfiguration {
        var configuration = PipelineConfiguration(file: file, baseDirectory: baseDirectory)
        var sawSources = false
        for (key, _, value) in entries(of: root, allowed: Self.topLevelKeys, context: "the configuration") {
            switch key {
            case "sources":
                sawSources = true
                configuration.sources = readSources(value)
            case "lexicons":
                configuration.lexicons = stringList(value, "`lexicons`").map {
                    ConfiguredPath(path: $0.0, location: location($0.1))
                }
            case "store":
                if let store = string(value, "`store`") { configuration.store = store }
            case "reports":
                if let reports = string(value, "`reports`") { configuration.reports = reports }
            case "limits":
                for (limit, _, limitValue) in entries(of: value, allowed: Self.limitKeys, context: "`limits`") {
                    switch limit {
                    case "max_document_bytes":
                        if let bytes = positiveInteger(limitValue, "`max_document_bytes`") {
                            configuration.maxDocumentBytes = bytes
                        }
                    default:
                        if let words = positiveInteger(limitValue, "`min_article_words`") {
                            configuration.minArticleWords = words
                        }
                    }
                }
            default:
                break
            }
        }
        if !sawSources, errors.isEmpty {
            fail(root, "missing `sources:`; expected a list of paths or globs, e.g. `sources: [corpus/**/*.html]`")
        }
        return configuration
    }

    mutating func readSources(_ node: Node) -> [SourceSpecification] {
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar, .mapping: items = [node]
        case .alias:
            fail(node, "`sources` must be a list; found an alias")
            return []
        }
        if items.isEmpty { fail(node, "`sources` is empty; expected at least one path or glob") }
        var sources: [SourceSpecification] = []
        for item in items {
            if case .scalar = item {
                if let pattern = string(item, "a source path") {
                    sources.append(SourceSpecification(pattern: pattern, location: location(item)))
                }
                continue
            }
            var pattern: String?
            var source = SourceSpecification(pattern: "", location: location(item))
            for (key, _, value) in entries(of: item, allowed: Self.sourceKeys, context: "a source") {
                switch key {
                case "path":
                    pattern = string(value, "`path`")
                    source.location = location(value)
                case "outlet":
                    source.outlet = string(value, "`outlet`")
                case "format":
                    guard let name = string(value, "`format`") else { break }
                    if let format = InputFormat(rawValue: name.lowercased()) {
                        source.format = format
                    } else {
                        let allowed = InputFormat.allCases.map(\.rawValue).joined(separator: ", ")
                        fail(value, "unknown format `\(name)`; expected one of: \(allowed)")
                    }
                default:
                    source.exclude = stringList(value, "`exclude`").map(\.0)
                }
            }
            if case .mapping = item {
                if let pattern {
                    source.pattern = pattern
                    sources.append(source)
                } else {
                    fail(item, "a source needs `path:` (a file, directory or glob)")
                }
            }
        }
        return sources
    }

    /// The allowed key nearest to a misspelt one, if it is close enough to be a typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, best.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
