/// Builds readable text from the raw UTF-8 of text nodes: white space collapsed,
/// invisible characters dropped, no leading or trailing space.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []
    /// Whether a space is owed before the next visible character.
    private var pendingSpace = false

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var isEmpty: Bool { bytes.isEmpty }

    /// Appends raw text, collapsing every run of white space (ASCII white space,
    /// no-break and other Unicode spaces) into one space and dropping zero-width
    /// characters and soft hyphens.
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            if byte < 0x80 {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    pendingSpace = true
                } else if byte >= 0x20 {
                    emit(byte)
                }
                index += 1
                continue
            }
            let length = TextBuilder.sequenceLength(byte)
            guard length > 1, index + length <= count else {
                index += 1
                continue
            }
            switch TextBuilder.classify(text, at: index, length: length) {
            case .space:
                pendingSpace = true
            case .invisible:
                break
            case .visible:
                if pendingSpace, !bytes.isEmpty, bytes.last != 0x0A { bytes.append(0x20) }
                pendingSpace = false
                for offset in 0..<length { bytes.append(text[index + offset]) }
            }
            index += length
        }
    }

    /// Appends a line break inside the current block (for `<br>`).
    mutating func lineBreak() {
        guard !bytes.isEmpty else { return }
        pendingSpace = false
        if bytes.last != 0x0A { bytes.append(0x0A) }
    }

    /// Marks a word boundary (between inline blocks that render apart, such as table cells).
    mutating func space() { pendingSpace = true }

    /// The text so far, trailing line breaks removed.
    func finish() -> String {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x20 { end -= 1 }
        return String(decoding: bytes[0..<end], as: UTF8.self)
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        pendingSpace = false
    }

    @inline(__always)
    private mutating func emit(_ byte: UInt8) {
        if pendingSpace, !bytes.isEmpty, bytes.last != 0x0A { bytes.append(0x20) }
        pendingSpace = false
        bytes.append(byte)
    }

    private enum Kind { case space, invisible, visible }

    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        if lead >= 0xF0 { return 4 }
        if lead >= 0xE0 { return 3 }
        if lead >= 0xC0 { return 2 }
        return 1
    }

    /// Classifies the non-ASCII character at `index`.
    @inline(__always)
    private static func classify(_ text: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Kind {
        let b0 = text[index]
        let b1 = text[index + 1]
        if length == 2 {
            if b0 == 0xC2, b1 == 0xA0 { return .space }  // U+00A0 no-break space
            if b0 == 0xC2, b1 == 0xAD { return .invisible }  // U+00AD soft hyphen
            if b0 == 0xC2, b1 == 0x85 { return .space }  // U+0085 next line
            return .visible
        }
        if length == 3 {
            let b2 = text[index + 2]
            if b0 == 0xE2, b1 == 0x80 {
                switch b2 {
                case 0x80...0x8A, 0xA8, 0xA9, 0xAF: return .space  // U+2000–U+200A, line/paragraph separators, U+202F
                case 0x8B...0x8F: return .invisible  // zero-width space, joiners, direction marks
                default: return .visible
                }
            }
            if b0 == 0xE2, b1 == 0x81, b2 == 0x9F { return .space }  // U+205F
            if b0 == 0xE2, b1 == 0x81, b2 == 0xA0 { return .invisible }  // U+2060 word joiner
            if b0 == 0xE3, b1 == 0x80, b2 == 0x80 { return .space }  // U+3000 ideographic space
            if b0 == 0xEF, b1 == 0xBB, b2 == 0xBF { return .invisible }  // U+FEFF
            return .visible
        }
        return .visible
    }
}

enum TextNormalizer {
    /// Whitespace-collapsed text of raw UTF-8 bytes.
    static func collapsedWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var builder = TextBuilder(capacity: bytes.count)
        builder.append(bytes)
        return builder.finish()
    }

    /// Whitespace-collapsed text of a Swift string.
    static func collapsedWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { collapsedWhitespace($0) }
    }
}
