/// A table written as CSV with a header row: every cell escaped and neutralised.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public var text: String {
        var lines = [header.map(Escaping.csv).joined(separator: ",")]
        for row in rows { lines.append(row.map(Escaping.csv).joined(separator: ",")) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
