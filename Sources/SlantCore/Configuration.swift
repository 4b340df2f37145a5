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
            throw ConfigurationErrors([reader.yaml.syntaxError(error, in: yaml)])
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

/// Reads the configuration's own keys with a ``YAMLReader``.
private struct ConfigurationReader {
    var yaml: YAMLReader
    var errors: [ConfigurationError] { yaml.errors }

    static let topLevelKeys = ["sources", "lexicons", "store", "reports", "limits"]
    static let sourceKeys = ["path", "outlet", "format", "exclude"]
    static let limitKeys = ["max_document_bytes", "min_article_words"]

    init(file: String) { yaml = YAMLReader(file: file) }

    mutating func read(_ root: Node, baseDirectory: String) -> PipelineConfiguration {
        var configuration = PipelineConfiguration(file: yaml.file, baseDirectory: baseDirectory)
        var sawSources = false
        for (key, _, value) in yaml.entries(of: root, allowed: Self.topLevelKeys, context: "the configuration") {
            switch key {
            case "sources":
                sawSources = true
                configuration.sources = readSources(value)
            case "lexicons":
                configuration.lexicons = yaml.stringList(value, "`lexicons`").map {
                    ConfiguredPath(path: $0.0, location: yaml.location($0.1))
                }
            case "store":
                if let store = yaml.string(value, "`store`") { configuration.store = store }
            case "reports":
                if let reports = yaml.string(value, "`reports`") { configuration.reports = reports }
            case "limits":
                for (limit, _, limitValue) in yaml.entries(of: value, allowed: Self.limitKeys, context: "`limits`") {
                    switch limit {
                    case "max_document_bytes":
                        if let bytes = yaml.positiveInteger(limitValue, "`max_document_bytes`") {
                            configuration.maxDocumentBytes = bytes
                        }
                    default:
                        if let words = yaml.positiveInteger(limitValue, "`min_article_words`") {
                            configuration.minArticleWords = words
                        }
                    }
                }
            default:
                break
            }
        }
        if !sawSources, errors.isEmpty {
            yaml.fail(root, "missing `sources:`; expected a list of paths or globs, e.g. `sources: [corpus/**/*.html]`")
        }
        return configuration
    }

    mutating func readSources(_ node: Node) -> [SourceSpecification] {
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar, .mapping: items = [node]
        case .alias:
            yaml.fail(node, "`sources` must be a list; found an alias")
            return []
        }
        if items.isEmpty { yaml.fail(node, "`sources` is empty; expected at least one path or glob") }
        var sources: [SourceSpecification] = []
        for item in items {
            if case .scalar = item {
                if let pattern = yaml.string(item, "a source path") {
                    sources.append(SourceSpecification(pattern: pattern, location: yaml.location(item)))
                }
                continue
            }
            var pattern: String?
            var source = SourceSpecification(pattern: "", location: yaml.location(item))
            for (key, _, value) in yaml.entries(of: item, allowed: Self.sourceKeys, context: "a source") {
                switch key {
                case "path":
                    pattern = yaml.string(value, "`path`")
                    source.location = yaml.location(value)
                case "outlet":
                    source.outlet = yaml.string(value, "`outlet`")
                case "format":
                    guard let name = yaml.string(value, "`format`") else { break }
                    if let format = InputFormat(rawValue: name.lowercased()) {
                        source.format = format
                    } else {
                        let allowed = InputFormat.allCases.map(\.rawValue).joined(separator: ", ")
                        yaml.fail(value, "unknown format `\(name)`; expected one of: \(allowed)")
                    }
                default:
                    source.exclude = yaml.stringList(value, "`exclude`").map(\.0)
                }
            }
            if case .mapping = item {
                if let pattern {
                    source.pattern = pattern
                    sources.append(source)
                } else {
                    yaml.fail(item, "a source needs `path:` (a file, directory or glob)")
                }
            }
        }
        return sources
    }
}
