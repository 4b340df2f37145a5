/// A CSV file read back as records, each with the line it starts on (RFC 4180: quoted fields may
/// hold the delimiter, doubled quotes and line breaks). The delimiter is the one of `,`, `;` or tab
/// that the header line holds most of outside quotes, so that a sheet a spreadsheet saved with `;`
/// (as it does in many locales) reads the same. A byte-order mark is skipped.
public struct CSVRecords: Sendable {
    public struct Record: Sendable, Hashable {
        /// 1-based line the record starts on.
        public var line: Int
        public var fields: [String]
    }

    public var records: [Record]
    public var delimiter: Character

    public init(text: String) {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = body.dropFirst() }
        delimiter = Self.delimiter(of: body)
        records = Self.parse(body, delimiter: delimiter)
    }

    static func delimiter(of text: Substring) -> Character {
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if !quoted, character == "\n" || character == "\r\n" || character == "\r" { break }
            if !quoted, counts[character] != nil { counts[character, default: 0] += 1 }
        }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key != "," }
        return (best?.value ?? 0) > 0 ? best?.key ?? "," : ","
    }

    static func parse(_ text: Substring, delimiter: Character) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var line = 1
        var start = 1
        var pending = false
        var iterator = text.makeIterator()
        var lookahead: Character?
        func next() -> Character? {
            if let value = lookahead {
                lookahead = nil
                return value
            }
            return iterator.next()
        }
        func endRecord() {
            fields.append(field)
            records.append(Record(line: start, fields: fields))
            fields = []
            field = ""
            pending = false
        }
        while let character = next() {
            let isBreak = character == "\n" || character == "\r\n" || character == "\r"
            if quoted {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            afterQuote = true
                            lookahead = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    if isBreak { line += 1 }
                    field.append(character)
                }
                continue
            }
            if isBreak {
                if pending || !field.isEmpty || !fields.isEmpty {
                    endRecord()
                } else {
                    records.append(Record(line: line, fields: []))
                }
                line += 1
                start = line
                afterQuote = false
                continue
            }
            pending = true
            if character == delimiter {
                fields.append(field)
                field = ""
                afterQuote = false
            } else if character == "\"", field.isEmpty, !afterQuote {
                quoted = true
            } else {
                field.append(character)
            }
        }
        if pending || !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
