/// One cell of a CSV table: text (escaped and neutralised against spreadsheet formulas) or a
/// number (written as it is, so that R, pandas and spreadsheets read a number).
public enum CSVCell: Sendable, Hashable, ExpressibleByStringLiteral {
    case text(String)
    /// A finite number, or empty when nil or not finite.
    case number(Double?)
    case integer(Int?)

    public init(stringLiteral value: String) { self = .text(value) }

    /// The cell as CSV.
    public var field: String {
        switch self {
        case .text(let text): return Escaping.csv(text)
        case .number(let value):
            guard let value, value.isFinite else { return "" }
            return String(value)
        case .integer(let value): return value.map(String.init) ?? ""
        }
    }

    /// Whether the cell holds a number (for checks).
    public var isNumeric: Bool {
        switch self {
        case .text: false
        case .number, .integer: true
        }
    }
}

/// A table written as CSV with a header row: text cells escaped and neutralised, numbers as numbers.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[CSVCell]]

    public init(header: [String], rows: [[CSVCell]] = []) {
        self.header = header
        self.rows = rows
    }

    /// One CSV line, ending in CRLF.
    public static func line(_ cells: [CSVCell]) -> String {
        cells.map(\.field).joined(separator: ",") + "\r\n"
    }

    public var text: String {
        var lines = [header.map(Escaping.csv).joined(separator: ",")]
        for row in rows { lines.append(row.map(\.field).joined(separator: ",")) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
