/// Where a document came from: a file path, for JSON Lines input the line, and for a WARC file the
/// record's offset.
///
/// Printed as `path`, `path:line` or `path@offset` (`path@offset+inner` for a record that starts inside
/// a gzip member holding several records), the form every error message and report uses.
public struct SourceLocator: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The path as the user gave it (or relative to the configuration's directory).
    public var path: String
    /// The 1-based line of a `.jsonl` file the document was read from, if any.
    public var line: Int?
    /// For a WARC record: the offset of its gzip member in the file (of the record itself in a plain
    /// `.warc` file), as `warcio extract FILE OFFSET` and Common Crawl's index give it.
    public var offset: Int64?
    /// For a WARC record that starts inside a gzip member holding several records: where, in the
    /// member's inflated bytes.
    public var offsetInMember: Int64?

    public init(path: String, line: Int? = nil, offset: Int64? = nil, offsetInMember: Int64? = nil) {
        self.path = path
        self.line = line
        self.offset = offset
        self.offsetInMember = offsetInMember
    }

    public var description: String {
        if let line { return "\(path):\(line)" }
        if let offset {
            if let offsetInMember { return "\(path)@\(offset)+\(offsetInMember)" }
            return "\(path)@\(offset)"
        }
        return path
    }

    public static func < (lhs: SourceLocator, rhs: SourceLocator) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        if (lhs.offset ?? -1) != (rhs.offset ?? -1) { return (lhs.offset ?? -1) < (rhs.offset ?? -1) }
        return (lhs.offsetInMember ?? 0) < (rhs.offsetInMember ?? 0)
    }
}
