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
    /// What a document must mention to be analysed (`filter:`), if anything.
    public var filter: SourceFilter?
    /// Where the entry is written, for later error messages (a glob that matches nothing).
    public var location: ConfigurationLocation

    public init(
        pattern: String, outlet: String? = nil, format: InputFormat? = nil, exclude: [String] = [],
        filter: SourceFilter? = nil, location: ConfigurationLocation
    ) {
        self.pattern = pattern
        self.outlet = outlet
        self.format = format
        self.exclude = exclude
        self.filter = filter
        self.location = location
    }
}

/// A source's `filter:`: its documents must mention a term of one of the named lexicons, or one of the
/// words; the others are dropped before they are parsed (`filter: {lexicons: [karabakh-terminology],
/// words: [Artsakh]}`, or `filter: [Artsakh, Karabakh]` for words alone).
public struct SourceFilter: Sendable, Hashable {
    /// Ids of configured lexicons: any variant of any of their terms or entries passes.
    public var lexicons: [String]
    /// Words (or word starts, `separatis*`) that pass.
    public var words: [String]
    public var location: ConfigurationLocation

    public init(lexicons: [String] = [], words: [String] = [], location: ConfigurationLocation) {
        self.lexicons = lexicons
        self.words = words
        self.location = location
    }
}

/// The kinds of input file Slant reads.
public enum InputFormat: String, Sendable, Hashable, CaseIterable {
    case html
    case text
    case jsonl
    /// A WARC file, plain or gzipped (`.warc`, `.warc.gz`): one document per HTML response record.
    case warc

    /// The format a file name implies (`.html`/`.htm`/`.xhtml`, `.txt`/`.text`, `.jsonl`, `.warc`,
    /// `.warc.gz`), if any.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".warc.gz") || lower.hasSuffix(".warc") {
            self = .warc
            return
        }
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        switch lower[lower.index(after: dot)...] {
        case "html", "htm", "xhtml", "shtml": self = .html
        case "txt", "text": self = .text
        case "jsonl", "ndjson": self = .jsonl
        default: return nil
        }
    }

    /// Whether a file of this format holds many documents, read as a stream rather than whole.
    public var isArchive: Bool { self == .warc }
}

/// A stop list named in the configuration: `en: my-stoplist.txt`, or `ru: none` for no list.
public struct ConfiguredStopList: Sendable, Hashable {
    public var language: String
    /// The file (Snowball format: a word at the start of a line, `|` comments); nil for `none`.
    public var path: String?
    public var location: ConfigurationLocation

    public init(language: String, path: String?, location: ConfigurationLocation) {
        self.language = language
        self.path = path
        self.location = location
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
    /// Sentence-model files (`slant model train`), each an extra measure.
    public var models: [ConfiguredPath] = []
    /// The SQLite store.
    public var store: String
    /// The directory reports are written to.
    public var reports: String
    /// The stages' settings (`limits:`, `statistics:`, `report:`).
    public var settings: PipelineSettings

    public static let defaultStore = ".slant/slant.sqlite"
    public static let defaultReports = "reports"

    public init(
        file: String = "", baseDirectory: String = ".", sources: [SourceSpecification] = [],
        lexicons: [ConfiguredPath] = [], store: String = defaultStore, reports: String = defaultReports,
        settings: PipelineSettings = PipelineSettings()
    ) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.sources = sources
        self.lexicons = lexicons
        self.store = store
        self.reports = reports
        self.settings = settings
    }

    /// The text the configuration was read from (for its digest in reports).
    public var sourceText = ""

    /// The digest of the configuration file as written, except the value of its top-level `store:`
    /// line (digested as `store:` alone). Where results are kept changes no figure, so one
    /// configuration has one digest whether it keeps them in SQLite or in PostgreSQL (whose
    /// statistics are compared byte for byte), and a password in a `postgres://` URL never enters a
    /// published digest, where it could be guessed offline.
    public var fileDigest: ContentDigest { ContentDigest(of: Self.withoutStoreValue(Array(sourceText.utf8))) }

    /// `text` with the value of its top-level `store:` key removed: what follows `store:` on a line
    /// that begins with it, and the indented lines after it (a value continued on them).
    static func withoutStoreValue(_ text: [UInt8]) -> [UInt8] {
        let key = Array("store:".utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(text.count)
        var insideStoreValue = false
        var lineStart = 0
        while lineStart < text.count {
            var lineEnd = lineStart
            while lineEnd < text.count, text[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let line = text[lineStart..<lineEnd]
            let indented = line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t")
            if line.starts(with: key) {
                kept += key
                insideStoreValue = true
            } else if insideStoreValue, indented {
                lineStart = lineEnd + 1
                continue
            } else {
                if !line.isEmpty { insideStoreValue = false }
                kept += line
            }
            if lineEnd < text.count { kept.append(UInt8(ascii: "\n")) }
            lineStart = lineEnd + 1
        }
        return kept
    }

    /// A digest of which files belong to which outlet: the sources as declared (patterns, outlets,
    /// formats, exclusions), without where they are written in the file.
    public var sourcesDigest: ContentDigest {
        var parts: [String] = []
        for source in sources {
            parts += [source.pattern, source.outlet ?? "\u{0}", source.format?.rawValue ?? "\u{0}"]
            parts.append(source.exclude.joined(separator: "\u{1F}"))
            if let filter = source.filter {
                parts += ["filter", filter.lexicons.joined(separator: "\u{1F}"), filter.words.joined(separator: "\u{1F}")]
            }
        }
        return ContentDigest(ofParts: parts)
    }
}

extension PipelineConfiguration {
    /// Parses and validates a configuration from YAML text.
    ///
    /// Every problem is reported, each with file:line:column and what was expected.
    /// Paths are checked for shape only; whether they exist is checked by the loader.
    public static func parse(yaml: String, file: String, baseDirectory: String) throws(ConfigurationErrors)
        -> PipelineConfiguration
    {
        let (configuration, errors) = read(yaml: yaml, file: file, baseDirectory: baseDirectory)
        guard let configuration, errors.isEmpty else { throw ConfigurationErrors(errors) }
        return configuration
    }

    /// The configuration as far as it could be read, and every problem found: the loader adds the
    /// problems only the file system shows (missing lexicons and sources) to report them in one round.
    public static func read(yaml: String, file: String, baseDirectory: String)
        -> (configuration: PipelineConfiguration?, errors: [ConfigurationError])
    {
        var reader = ConfigurationReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            return (nil, [reader.yaml.syntaxError(error, in: yaml)])
        }
        guard let root else {
            return (nil, [
                ConfigurationError(
                    ConfigurationLocation(file: file, line: 1, column: 1),
                    "the configuration is empty; expected a mapping with at least `sources:`")
            ])
        }
        var configuration = reader.read(root, baseDirectory: baseDirectory)
        configuration.sourceText = yaml
        return (configuration, reader.errors)
    }
}

/// Reads the configuration's own keys with a ``YAMLReader``.
private struct ConfigurationReader {
    var yaml: YAMLReader
    var errors: [ConfigurationError] { yaml.errors }

    static let topLevelKeys = ["sources", "lexicons", "models", "store", "reports", "limits", "statistics", "report", "origin"]
    static let originKeys = ["count", "shingle_words", "min_share", "window_days", "min_words", "agencies"]
    static let sourceKeys = ["path", "outlet", "format", "exclude", "filter"]
    static let filterKeys = ["lexicons", "words"]
    static let limitKeys = [
        "max_document_bytes", "min_article_words", "max_sentence_tokens", "max_metadata_chars", "max_elements", "max_attributes_per_element",
        "max_attributes",
    ]
    static let statisticsKeys = ["resamples", "min_articles", "min_occurrences", "evidence_per_statistic", "keyness"]
    static let keynessKeys = ["min_frequency", "min_g2", "words", "stopwords"]
    static let reportKeys = ["evidence_rows"]

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
            case "models":
                configuration.models = yaml.stringList(value, "`models`").map {
                    ConfiguredPath(path: $0.0, location: yaml.location($0.1))
                }
            case "store":
                if let store = yaml.string(value, "`store`") { configuration.store = store }
            case "reports":
                if let reports = yaml.string(value, "`reports`") { configuration.reports = reports }
            case "limits": readLimits(value, into: &configuration.settings)
            case "origin": readOrigin(value, into: &configuration.settings.origin)
            case "statistics": readStatistics(value, into: &configuration.settings.statistics)
            case "report":
                for (key, _, setting) in yaml.entries(of: value, allowed: Self.reportKeys, context: "`report`") where key == "evidence_rows" {
                    if let rows = yaml.positiveInteger(setting, "`evidence_rows`") { configuration.settings.report.evidenceRows = rows }
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

    mutating func readLimits(_ node: Node, into settings: inout PipelineSettings) {
        for (limit, _, value) in yaml.entries(of: node, allowed: Self.limitKeys, context: "`limits`") {
            switch limit {
            case "max_document_bytes":
                if let bytes = yaml.positiveInteger(value, "`max_document_bytes`") { settings.ingest.maxDocumentBytes = bytes }
            case "max_sentence_tokens":
                if let tokens = yaml.positiveInteger(value, "`max_sentence_tokens`") {
                    if tokens < SegmentSettings.minimumSentenceTokens {
                        yaml.fail(value, "`max_sentence_tokens` must be at least \(SegmentSettings.minimumSentenceTokens)")
                    } else {
                        settings.segment = SegmentSettings(maximumSentenceTokens: tokens)
                    }
                }
            case "max_metadata_chars":
                if let characters = yaml.positiveInteger(value, "`max_metadata_chars`") {
                    if characters < 100 {
                        yaml.fail(value, "`max_metadata_chars` must be at least 100: shorter would cut ordinary titles and URLs")
                    } else {
                        settings.clean.maxMetadataCharacters = characters
                    }
                }
            case "max_elements":
                if let count = yaml.positiveInteger(value, "`max_elements`") { settings.clean.maxElements = count }
            case "max_attributes_per_element":
                if let count = yaml.positiveInteger(value, "`max_attributes_per_element`") { settings.clean.maxAttributesPerElement = count }
            case "max_attributes":
                if let count = yaml.positiveInteger(value, "`max_attributes`") { settings.clean.maxAttributes = count }
            default:
                if let words = yaml.positiveInteger(value, "`min_article_words`") { settings.clean.minimumArticleWords = words }
            }
        }
    }

    /// `origin:`: how copies are found and counted (see ``OriginSettings``).
    mutating func readOrigin(_ node: Node, into settings: inout OriginSettings) {
        for (key, _, value) in yaml.entries(of: node, allowed: Self.originKeys, context: "`origin`") {
            switch key {
            case "count":
                guard let name = yaml.string(value, "`count`") else { break }
                if let counting = OriginSettings.Counting(rawValue: name) {
                    settings.counting = counting
                } else {
                    yaml.fail(value, "unknown `count` `\(name)`; expected own (each outlet's own writing) or all (everything it published)")
                }
            case "shingle_words":
                if let words = yaml.positiveInteger(value, "`shingle_words`") {
                    if words < 2 || words > 12 { yaml.fail(value, "`shingle_words` must be between 2 and 12") } else { settings.shingleWords = words }
                }
            case "min_share":
                if let share = yaml.positiveNumber(value, "`min_share`") {
                    if share > 1 { yaml.fail(value, "`min_share` is a share of an article's text, at most 1") } else { settings.minimumShare = share }
                }
            case "window_days":
                if let days = yaml.positiveInteger(value, "`window_days`") { settings.windowDays = days }
            case "min_words":
                if let words = yaml.positiveInteger(value, "`min_words`") { settings.minimumWords = words }
            default:
                settings.agencies = readAgencies(value)
            }
        }
    }

    /// `agencies: [{name: Reuters, marks: ["(Reuters)", Reuters]}, ...]`.
    mutating func readAgencies(_ node: Node) -> [OriginSettings.Agency] {
        guard case .sequence(let sequence) = node else {
            yaml.fail(node, "`agencies` must be a list of `{name: ..., marks: [...]}`")
            return []
        }
        var agencies: [OriginSettings.Agency] = []
        for item in sequence {
            var name: String?
            var marks: [String] = []
            for (key, _, value) in yaml.entries(of: item, allowed: ["name", "marks"], context: "an agency") {
                if key == "name" { name = yaml.string(value, "`name`") } else { marks = yaml.stringList(value, "`marks`").map(\.0) }
            }
            if let name, !marks.isEmpty {
                agencies.append(OriginSettings.Agency(name: name, marks: marks))
            } else {
                yaml.fail(item, "an agency needs `name:` and at least one of `marks:` (a byline, a dateline token such as `(Reuters)`, a credit)")
            }
        }
        return agencies
    }

    /// `stopwords: {en: my-stoplist.txt, ru: none}`: stop lists by language, replacing the bundled ones.
    mutating func readStopLists(_ node: Node) -> [ConfiguredStopList] {
        guard case .mapping(let mapping) = node else {
            yaml.fail(node, "`stopwords` must map languages to stop-list files, e.g. `stopwords: {en: my-stoplist.txt, ru: none}`")
            return []
        }
        var lists: [ConfiguredStopList] = []
        for (languageNode, pathNode) in mapping {
            guard let language = yaml.string(languageNode, "a language of `stopwords`"),
                let path = yaml.string(pathNode, "the stop list of `\(language)`")
            else { continue }
            lists.append(ConfiguredStopList(language: language, path: path == "none" ? nil : path, location: yaml.location(pathNode)))
        }
        return lists
    }

    mutating func readStatistics(_ node: Node, into policy: inout StatisticsPolicy) {
        for (key, _, value) in yaml.entries(of: node, allowed: Self.statisticsKeys, context: "`statistics`") {
            switch key {
            case "resamples":
                if let count = yaml.positiveInteger(value, "`resamples`") {
                    if count < 100 || count > 1_000_000 {
                        yaml.fail(value, "`resamples` must be between 100 and 1,000,000 (2,000 gives stable 95% intervals)")
                    } else {
                        policy.resamples = count
                    }
                }
            case "min_articles":
                if let count = yaml.positiveInteger(value, "`min_articles`") {
                    if count < 2 {
                        yaml.fail(value, "`min_articles` must be at least 2: one article has no interval")
                    } else {
                        policy.minimumArticles = count
                    }
                }
            case "min_occurrences":
                if let count = yaml.positiveInteger(value, "`min_occurrences`") { policy.minimumOccurrences = count }
            case "evidence_per_statistic":
                if let count = yaml.positiveInteger(value, "`evidence_per_statistic`") { policy.evidencePerStatistic = count }
            default:
                for (setting, _, settingValue) in yaml.entries(of: value, allowed: Self.keynessKeys, context: "`keyness`") {
                    switch setting {
                    case "min_frequency":
                        if let count = yaml.positiveInteger(settingValue, "`min_frequency`") { policy.minimumKeynessFrequency = count }
                    case "min_g2":
                        if let g2 = yaml.positiveNumber(settingValue, "`min_g2`") { policy.minimumKeynessG2 = g2 }
                    case "stopwords":
                        policy.stopwords = readStopLists(settingValue)
                    default:
                        if let count = yaml.positiveInteger(settingValue, "`words`") { policy.keynessWords = count }
                    }
                }
            }
        }
    }

    /// `filter: {lexicons: [...], words: [...]}`, or a list of words.
    mutating func readFilter(_ node: Node) -> SourceFilter? {
        var filter = SourceFilter(location: yaml.location(node))
        if case .mapping = node {
            for (key, _, value) in yaml.entries(of: node, allowed: Self.filterKeys, context: "`filter`") {
                let items = yaml.stringList(value, "`\(key)`").map(\.0)
                if key == "lexicons" { filter.lexicons = items } else { filter.words = items }
            }
        } else {
            filter.words = yaml.stringList(node, "`filter`").map(\.0)
        }
        if filter.lexicons.isEmpty && filter.words.isEmpty {
            yaml.fail(node, "`filter` names nothing to look for; expected `lexicons: [lexicon ids]` and/or `words: [words]`")
            return nil
        }
        return filter
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
                case "filter":
                    source.filter = readFilter(value)
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
