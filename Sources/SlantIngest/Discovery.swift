import SlantCore

/// A file found by discovery, with the format and outlet it is to be read with.
public struct DiscoveredFile: Sendable, Hashable, CustomStringConvertible {
    /// The path as shown to users: relative to the current directory when under it, else absolute.
    public var path: String
    /// The absolute path, with `.` and `..` resolved (symbolic links are not).
    public var absolutePath: String
    public var format: InputFormat
    /// The outlet the configuration gives the file's documents, if any.
    public var outlet: String?
    /// The index of the source in `configuration.sources` (or of the command-line argument) that found the file.
    public var specificationIndex: Int

    public init(path: String, absolutePath: String, format: InputFormat, outlet: String?, specificationIndex: Int) {
        self.path = path
        self.absolutePath = absolutePath
        self.format = format
        self.outlet = outlet
        self.specificationIndex = specificationIndex
    }

    public var description: String { path }
}

/// Something odd about a source that did not stop discovery: a glob that matches no file.
public struct DiscoveryWarning: Sendable, Hashable, CustomStringConvertible {
    /// Where the source is written in the configuration; `nil` for a command-line argument.
    public var location: ConfigurationLocation?
    /// The pattern, directory or argument as written.
    public var pattern: String
    public var message: String

    public init(location: ConfigurationLocation?, pattern: String, message: String) {
        self.location = location
        self.pattern = pattern
        self.message = message
    }

    /// `pipeline.yaml:4:5: warning: ...`, or `warning: ...` without a location.
    public var description: String {
        if let location { return "\(location): warning: \(message)" }
        return "warning: \(message)"
    }
}

/// What discovery found: the files to read, the inputs that cannot be read, and warnings.
public struct Discovery: Sendable {
    /// Each file found, or the per-input error of a file or argument that cannot be read.
    ///
    /// For a configuration, sorted by path; for command-line arguments, in argument order
    /// (the files of one argument sorted by path). A file appears once, with the first source that found it.
    public var entries: [Result<DiscoveredFile, DocumentError>]
    public var warnings: [DiscoveryWarning]

    public init(entries: [Result<DiscoveredFile, DocumentError>] = [], warnings: [DiscoveryWarning] = []) {
        self.entries = entries
        self.warnings = warnings
    }

    /// The files found, in order.
    public var files: [DiscoveredFile] {
        entries.compactMap { if case .success(let file) = $0 { file } else { nil } }
    }

    /// The inputs that cannot be read, in order.
    public var failures: [DocumentError] {
        entries.compactMap { if case .failure(let error) = $0 { error } else { nil } }
    }
}
