/// A JSON value whose objects keep their keys in the order they were written,
/// so that every output of Slant is byte-for-byte reproducible.
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([JSONField])

    /// `.string(text)`, or `.null` when there is no text.
    public static func string(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }

    /// `.int(value)`, or `.null`.
    public static func int(_ value: Int?) -> JSON { value.map(JSON.int) ?? .null }

    /// `.double(value)`, or `.null` for nil or a value that is not finite.
    public static func number(_ value: Double?) -> JSON {
        guard let value, value.isFinite else { return .null }
        return .double(value)
    }

    /// An object from key–value pairs, in order.
    public static func object(_ pairs: KeyValuePairs<String, JSON>) -> JSON {
        .object(pairs.map { JSONField($0.key, $0.value) })
    }

    /// The value serialised on one line (JSON Lines), with non-ASCII kept as UTF-8.
    public func serialized(escapingForHTML: Bool = false) -> String {
        var writer = JSONWriter(escapeForHTML: escapingForHTML)
        writer.write(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The value serialised with two-space indentation, for files meant to be read.
    public func prettyPrinted() -> String {
        var writer = JSONWriter(escapeForHTML: false, indent: true)
        writer.write(self)
        writer.bytes.append(0x0A)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The value serialised as ``prettyPrinted()`` writes it `depth` levels down inside arrays or
    /// objects, without the final newline: the elements of a large array written one at a time.
    public func prettyPrinted(depth: Int) -> String {
        var writer = JSONWriter(escapeForHTML: false, indent: true, depth: depth)
        writer.write(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The value serialised into UTF-8 bytes.
    public func bytes() -> [UInt8] {
        var writer = JSONWriter(escapeForHTML: false)
        writer.write(self)
        return writer.bytes
    }
}

/// One key of a JSON object.
public struct JSONField: Sendable, Hashable {
    public var key: String
    public var value: JSON

    public init(_ key: String, _ value: JSON) {
        self.key = key
        self.value = value
    }
}

/// Serialises ``JSON`` straight into UTF-8 bytes.
struct JSONWriter {
    var bytes: [UInt8] = []
    let escapeForHTML: Bool
    var indent = false
    private var depth = 0

    init(escapeForHTML: Bool, indent: Bool = false, depth: Int = 0) {
        self.escapeForHTML = escapeForHTML
        self.indent = indent
        self.depth = depth
        bytes.reserveCapacity(4096)
    }

    mutating func write(_ value: JSON) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let number): append(String(number))
        case .double(let number):
            if !number.isFinite {
                append("null")
            } else if number == number.rounded(), abs(number) < 1e15 {
                append(String(Int(number)))
                append(".0")
            } else {
                append(String(number))
            }
        case .string(let text): writeString(text)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            depth += 1
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline()
                write(item)
            }
            depth -= 1
            if !items.isEmpty { newline() }
            bytes.append(UInt8(ascii: "]"))
        case .object(let fields):
            bytes.append(UInt8(ascii: "{"))
            depth += 1
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline()
                writeString(field.key)
                bytes.append(UInt8(ascii: ":"))
                if indent { bytes.append(0x20) }
                write(field.value)
            }
            depth -= 1
            if !fields.isEmpty { newline() }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline() {
        guard indent else { return }
        bytes.append(0x0A)
        for _ in 0..<(depth * 2) { bytes.append(0x20) }
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case UInt8(ascii: "\""): appendEscape("\\\"")
                case UInt8(ascii: "\\"): appendEscape("\\\\")
                case 0x0A: appendEscape("\\n")
                case 0x0D: appendEscape("\\r")
                case 0x09: appendEscape("\\t")
                case 0x00..<0x20, 0x7F: appendUnicodeEscape(UInt16(byte))
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "'"):
                    if escapeForHTML { appendUnicodeEscape(UInt16(byte)) } else { bytes.append(byte) }
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80
                    && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    // U+2028 and U+2029 are valid JSON but end lines in JavaScript.
                    appendUnicodeEscape(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                    index += 2
                default: bytes.append(byte)
                }
                index += 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ escape: StaticString) {
        escape.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendUnicodeEscape(_ value: UInt16) {
        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(Self.hexDigits[Int((value >> UInt16(shift)) & 0xF)])
        }
    }
}
