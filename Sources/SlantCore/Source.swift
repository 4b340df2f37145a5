/// Where a document came from: a file path, and for JSON Lines input the line.
///
/// Printed as `path` or `path:line`, the form every error message and report uses.
public struct SourceLocator: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The path as the user gave it (or relative to the configuration's directory).
    public var path: String
    /// The 1-based line of a `.jsonl` file the document was read from, if any.
    public var line: Int?

    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }

    public var description: String {
        if let line { return "\(path):\(line)" }
        return path
    }

    public static func < (lhs: SourceLocator, rhs: SourceLocator) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        return (lhs.line ?? 0) < (rhs.line ?? 0)
    }
}
