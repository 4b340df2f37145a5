import Foundation
import SlantCore

/// Escaping for the formats reports are written in. Article text is hostile
/// input: it must show as text and never run as markup or as a formula, and its
/// right-to-left text or bidirectional controls must not reorder the report around it.
public enum Escaping {
    /// Text for HTML element content and quoted attribute values, isolated for bidi (``BidiText``).
    public static func html(_ text: String) -> String {
        let isolated = BidiText.isolate(text)
        var result = ""
        result.reserveCapacity(isolated.utf8.count + 16)
        for scalar in isolated.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A URL safe to put in an `href`: only http(s) links are kept; anything else
    /// (`javascript:`, `data:`) gives nil and is shown as text instead.
    public static func safeURL(_ url: String?) -> String? {
        guard let url else { return nil }
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || BidiText.isControl($0) }) else { return nil }
        return trimmed
    }

    /// A CSV text field: quoted when needed, and neutralised when a spreadsheet would read
    /// it as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return).
    public static func csv(_ text: String) -> String {
        var field = text
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            field = "'" + field
        }
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            field = "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }

    /// Slant's own Markdown-style prose (never user data) in HTML: escaped, its `code` spans as `<code>`.
    public static func htmlWithCodeSpans(_ prose: String) -> String {
        prose.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { index, part in
            index % 2 == 1 ? "<code>\(html(String(part)))</code>" : html(String(part))
        }.joined()
    }

    /// A Markdown table cell or inline text: pipes and line breaks escaped, markup characters
    /// neutralised (`&` and `<` as entities, so the text shows as written and never as HTML),
    /// isolated for bidi.
    public static func markdownCell(_ text: String) -> String {
        var result = ""
        for character in BidiText.isolate(text) {
            switch character {
            case "|": result += "\\|"
            case "\n", "\r", "\r\n": result += " "
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "*", "_", "`", "[", "]", "\\", "#", "!", "~": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    /// A Markdown code span holding `text` as written: fenced with more backticks than any run in
    /// it, padded when it starts or ends with one, line breaks as spaces, pipes escaped (GitHub reads
    /// `\|` in a code span inside a table as `|`), isolated for bidi.
    public static func markdownCode(_ text: String) -> String {
        var flat = ""
        for character in BidiText.isolate(text) {
            switch character {
            case "\n", "\r", "\r\n": flat += " "
            case "|": flat += "\\|"
            default: flat.append(character)
            }
        }
        var longest = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.isEmpty ? " \(flat) " : flat
        return fence + padded + fence
    }
}
