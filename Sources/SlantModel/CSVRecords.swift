/// The records of a delimiter-separated file, RFC 4180 style: fields separated by one delimiter
/// byte, records by LF, CRLF or CR; a field in double quotes may hold delimiters, line breaks and
/// doubled quotes (`""`). Lenient where spreadsheets are (a quote inside an unquoted field is kept as
/// it is), strict where a wrong reading would go unnoticed (a quoted field that is never closed).
struct CSVRecords {
    /// One record: its fields' bytes, and the 1-based line it starts on.
    struct Record {
        var line: Int
        var fields: [[UInt8]]

        /// True for a record with nothing in it (a blank line).
        var isBlank: Bool { fields.allSatisfy { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 } } }
    }

    /// A quoted field opened on `line` and never closed.
    struct UnclosedQuote: Error {
        var line: Int
    }

    /// Splits `bytes` (from `start`) into records.
    static func parse(_ bytes: [UInt8], from start: Int = 0, delimiter: UInt8) throws(UnclosedQuote) -> [Record] {
        var records: [Record] = []
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var index = start
        var inQuotes = false
        var quoteLine = 1
        var atFieldStart = true
        let quote = UInt8(ascii: "\"")
        func endRecord() {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
            fields = []
            field = []
            atFieldStart = true
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case quote where atFieldStart:
                inQuotes = true
                quoteLine = line
                atFieldStart = false
            case delimiter:
                fields.append(field)
                field = []
                atFieldStart = true
            case 0x0D, 0x0A:
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(byte)
                atFieldStart = false
            }
            index += 1
        }
        if inQuotes { throw UnclosedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    /// The delimiter of a header line: whichever of `;`, `,` and tab occurs most often in it outside
    /// quotes (`;` first on a tie, as in the BABE files); nil when none does.
    static func delimiter(ofHeaderIn bytes: [UInt8], from start: Int = 0) -> UInt8? {
        let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), 0x09]
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        for byte in bytes[start...] {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == 0x0A || byte == 0x0D { break }
            if let position = candidates.firstIndex(of: byte) { counts[position] += 1 }
        }
        guard let best = counts.max(), best > 0, let position = counts.firstIndex(of: best) else { return nil }
        return candidates[position]
    }
}
