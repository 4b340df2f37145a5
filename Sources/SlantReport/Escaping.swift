import Foundation
/// Escaping for the formats reports are written in. Article text is hostile
/// input: it must show as text and never run as markup or as a formula.
public enum Escaping {
    /// Text for HTML element content and quoted attribute values.
    public static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
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
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else { return nil }
        return trimmed
    }

    /// A CSV field: quoted when needed, and neutralised when a spreadsheet would read
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

    /// A Markdown table cell: pipes and line breaks escaped, markup characters neutralised.
    public static func markdownCell(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "\n", "\r": result += " "
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "*", "_", "`", "[", "]", "\\": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }
}
