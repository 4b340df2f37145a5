import SlantCore

/// The front-matter block a `.txt` article may start with: what a JSON Lines record's fields say,
/// for a plain-text file.
///
/// ```
/// ---
/// title: Russia Urges Sides to Karabakh Conflict to Resume Talks
/// outlet: Asbarez
/// published: 2020-07-09
/// url: https://asbarez.com/russia-urges-sides-to-karabakh-conflict-to-resume-talks/
/// language: en
/// ---
/// ```
///
/// The first line of the file is `---` and a later line `---` (or `...`) closes the block, within its
/// first 100 lines and 64 KiB; between them, `key: value` lines (YAML's plain form: a value may be
/// quoted with `"…"` or `'…'`; `#` starts a comment; blank lines are allowed). `outlet` is the
/// document's outlet as a JSON Lines record's `outlet` is (it overrides the configuration's);
/// `title`, `published`, `url` and `language` are the document's metadata, checked by cleaning as a
/// record's are. Other keys are ignored with a `front-matter` warning, as are lines that are not
/// `key: value` (and the indented or `- ` lines under an ignored key). A file whose first line is
/// `---` but that has no closing line, or whose block holds no `key: value` line, has no front matter:
/// it is read as text from its first line.
enum FrontMatter {
    /// What the block gives.
    struct Fields: Equatable {
        var title: String?
        var outlet: String?
        var published: String?
        var url: String?
        var language: String?
        var warnings: [DocumentWarning] = []
    }

    static let keys = ["title", "outlet", "published", "url", "language"]
    static let maxLines = 100
    static let maxBytes = 64 * 1024

    /// The fields and the offset where the text after the block starts, or nil when the bytes do not
    /// start with a front-matter block.
    static func parse(_ bytes: [UInt8]) -> (fields: Fields, bodyStart: Int)? {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let opening = line(bytes, from: start), isDelimiter(opening.text, closing: false) else { return nil }
        start = opening.next
        var lines: [(number: Int, text: [UInt8])] = []
        var closed: Int?
        var number = 1
        while start < bytes.count, number <= maxLines, start <= maxBytes, let current = line(bytes, from: start) {
            number += 1
            if isDelimiter(current.text, closing: true) {
                closed = current.next
                break
            }
            lines.append((number, current.text))
            start = current.next
        }
        guard let closed else { return nil }
        var fields = Fields()
        var readAny = false
        var ignoring = false
        for (number, raw) in lines {
            let text = String(decoding: raw, as: UTF8.self)
            let trimmed = text.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indented = text.first == " " || text.first == "\t" || trimmed.hasPrefix("- ") || trimmed == "-"
            if indented, ignoring { continue }
            guard !indented, let colon = trimmed.firstIndex(of: ":"),
                case let key = trimmed[..<colon].trimmingSpaces().lowercased(), isKey(key)
            else {
                fields.warnings.append(warning("line \(number) of the front matter is not `key: value`; ignored"))
                ignoring = false
                continue
            }
            readAny = true
            let value = unquoted(String(trimmed[trimmed.index(after: colon)...]).trimmingSpaces())
            ignoring = false
            switch key {
            case "title": fields.title = value
            case "outlet": fields.outlet = value
            case "published": fields.published = value
            case "url": fields.url = value
            case "language": fields.language = value
            default:
                ignoring = true
                fields.warnings.append(
                    warning("the front matter's `\(key.prefix(40))` (line \(number)) is not read; Slant reads \(keys.map { "`\($0)`" }.joined(separator: ", "))"))
            }
        }
        guard readAny else { return nil }
        return (fields, closed)
    }

    private static func warning(_ message: String) -> DocumentWarning {
        DocumentWarning(code: "front-matter", message: message)
    }

    /// One line starting at `start`: its bytes (without the line break) and where the next begins.
    private static func line(_ bytes: [UInt8], from start: Int) -> (text: [UInt8], next: Int)? {
        guard start < bytes.count else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        var next = end
        if next < bytes.count {
            next += bytes[next] == 0x0D && next + 1 < bytes.count && bytes[next + 1] == 0x0A ? 2 : 1
        }
        return (Array(bytes[start..<end]), next)
    }

    /// `---` (trailing spaces allowed); a closing line may be `...` too.
    private static func isDelimiter(_ line: [UInt8], closing: Bool) -> Bool {
        var content = line[...]
        while content.last == 0x20 || content.last == 0x09 { content.removeLast() }
        return content.elementsEqual("---".utf8) || (closing && content.elementsEqual("...".utf8))
    }

    /// A YAML-like key: letters, digits, `_` and `-`, starting with a letter.
    private static func isKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first.properties.isAlphabetic, key.unicodeScalars.count <= 64 else { return false }
        return key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// The value without its quotes (`"…"` with `\"`, `\\`, `\n`, `\t` escapes; `'…'` with `''`), and
    /// without a trailing ` # comment` when unquoted; nil when empty.
    private static func unquoted(_ value: String) -> String? {
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            var result = ""
            var escaped = false
            for character in value.dropFirst().dropLast() {
                if escaped {
                    switch character {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    default: result.append(character)
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    result.append(character)
                }
            }
            return result.isEmpty ? nil : result
        }
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
            var inner = ""
            var quoteBefore = false
            for character in value.dropFirst().dropLast() {
                if character == "'", quoteBefore {
                    quoteBefore = false
                    continue
                }
                quoteBefore = character == "'"
                inner.append(character)
            }
            return inner.isEmpty ? nil : inner
        }
        var plain = Substring(value)
        var previous: Character?
        for index in plain.indices {
            if plain[index] == "#", previous == " " {
                plain = plain[..<index]
                break
            }
            previous = plain[index]
        }
        let text = plain.trimmingSpaces()
        return text.isEmpty ? nil : text
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
