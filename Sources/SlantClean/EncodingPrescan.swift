// The prescan of an HTML page for its declared encoding, after the WHATWG
// algorithm "prescan a byte stream to determine its encoding" (HTML §13.2.3.2),
// over the first 4096 bytes, plus the `<?xml ... encoding="..."?>` declaration
// that XHTML pages carry, and the page language as a hint for detection.
//
// Everything works on byte ranges of the input: the prescan allocates nothing
// for the tags it skips.

extension TextDecoding {
    /// How many bytes at the start of a page the prescan looks at.
    static let prescanLimit = 4096

    /// What the prescan found in the head of a page.
    struct Prescan: Sendable {
        /// The encoding the page declares: a `<meta>` declaration first, else
        /// the XML declaration. A declared UTF-16 is UTF-8, as WHATWG says: the
        /// prescan could read it, so the bytes are not UTF-16.
        var declared: Charset?
        /// The first declared label that names no known encoding, as written.
        var unknownLabel: String?
        /// What `<html lang>` or `<meta http-equiv=content-language>` says.
        var languageHint: LanguageHint?
    }

    static func prescan(_ bytes: UnsafeBufferPointer<UInt8>) -> Prescan {
        var scanner = PrescanScanner(bytes: bytes, end: min(bytes.count, prescanLimit))
        return scanner.run()
    }
}

private struct PrescanScanner {
    typealias Charset = TextDecoding.Charset

    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    var position = 0
    var result = TextDecoding.Prescan()
    var xmlDeclared: Charset?

    init(bytes: UnsafeBufferPointer<UInt8>, end: Int) {
        self.bytes = bytes
        self.end = end
    }

    mutating func run() -> TextDecoding.Prescan {
        while position < end {
            guard bytes[position] == UInt8(ascii: "<") else {
                position += 1
                continue
            }
            if matches("<!--", at: position) {
                skipComment()
            } else if matches("<meta", at: position), position + 5 < end,
                      TextDecoding.isASCIIWhitespace(bytes[position + 5]) || bytes[position + 5] == UInt8(ascii: "/") {
                position += 5
                if let found = readMeta() {
                    result.declared = found
                    return result
                }
                position += 1
            } else if isTagStart(at: position) {
                readTag()
                position += 1
            } else if matches("<?xml", at: position) {
                let close = index(of: UInt8(ascii: ">"), from: position + 5)
                if xmlDeclared == nil { readXMLDeclaration(position + 5 ..< close) }
                position = close + 1
            } else if matches("<!", at: position) || matches("</", at: position) || matches("<?", at: position) {
                position = index(of: UInt8(ascii: ">"), from: position + 2) + 1
            } else {
                position += 1
            }
        }
        result.declared = xmlDeclared
        return result
    }

    // MARK: Markup

    /// `<!--`: on to the first `>` preceded by `--`; the dashes may be those of
    /// `<!--` itself, so `<!-->` is a whole comment.
    private mutating func skipComment() {
        var index = position + 4
        while index < end {
            if bytes[index] == UInt8(ascii: ">"), bytes[index - 1] == UInt8(ascii: "-"),
               bytes[index - 2] == UInt8(ascii: "-") {
                position = index + 1
                return
            }
            index += 1
        }
        position = end
    }

    private func isTagStart(at index: Int) -> Bool {
        guard index + 1 < end else { return false }
        let next = bytes[index + 1]
        if TextDecoding.isASCIILetter(next) { return true }
        return next == UInt8(ascii: "/") && index + 2 < end && TextDecoding.isASCIILetter(bytes[index + 2])
    }

    /// A start or end tag other than `<meta>`: skips its attributes (so that a
    /// `>` inside a quoted value does not end it), reading `lang` on `<html>`.
    private mutating func readTag() {
        let nameStart = position + 1
        while position < end, !TextDecoding.isASCIIWhitespace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
            position += 1
        }
        let isHTMLTag = equalsLowercased(nameStart ..< position, "html")
        while let attribute = nextAttribute() {
            if isHTMLTag, result.languageHint == nil,
               equalsLowercased(attribute.name, "lang") || equalsLowercased(attribute.name, "xml:lang") {
                result.languageHint = TextDecoding.LanguageHint(languageTag: bytes[attribute.value])
            }
        }
    }

    private enum CharsetState {
        case none
        case found(Charset)
        case unknown(String)
    }

    /// The attributes of a `<meta>` tag; the encoding it declares, if it
    /// declares a known one in a way WHATWG accepts.
    private mutating func readMeta() -> Charset? {
        var seenHTTPEquiv = false, seenContent = false, seenCharset = false
        var gotPragma = false
        var needPragma: Bool?
        var charset = CharsetState.none
        var isContentLanguage = false
        var content: Range<Int>?

        while let (name, value) = nextAttribute() {
            if !seenHTTPEquiv, equalsLowercased(name, "http-equiv") {
                seenHTTPEquiv = true
                if equalsLowercased(value, "content-type") { gotPragma = true }
                if equalsLowercased(value, "content-language") { isContentLanguage = true }
            } else if !seenContent, equalsLowercased(name, "content") {
                seenContent = true
                content = value
                if case .none = charset, let label = charsetInContent(value) {
                    charset = lookUp(label)
                    needPragma = true
                }
            } else if !seenCharset, equalsLowercased(name, "charset") {
                seenCharset = true
                charset = lookUp(value)
                needPragma = false
            }
        }
        if isContentLanguage, result.languageHint == nil, let content {
            result.languageHint = TextDecoding.LanguageHint(languageTag: bytes[content])
        }
        guard let needPragma, !needPragma || gotPragma else { return nil }
        switch charset {
        case .none:
            return nil
        case .unknown(let label):
            if result.unknownLabel == nil { result.unknownLabel = label }
            return nil
        case .found(let found):
            return found == .utf16BE || found == .utf16LE ? .utf8 : found
        }
    }

    /// `<?xml version="1.0" encoding="windows-1251"?>`: the encoding pseudo-attribute.
    private mutating func readXMLDeclaration(_ range: Range<Int>) {
        guard let keyword = firstIndex(of: "encoding", in: range) else { return }
        var index = skipWhitespace(from: keyword + 8, before: range.upperBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "=") else { return }
        index = skipWhitespace(from: index + 1, before: range.upperBound)
        guard index < range.upperBound else { return }
        let quote = bytes[index]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return }
        var close = index + 1
        while close < range.upperBound, bytes[close] != quote { close += 1 }
        guard close < range.upperBound else { return }
        switch lookUp(index + 1 ..< close) {
        case .found(let found): xmlDeclared = found == .utf16BE || found == .utf16LE ? .utf8 : found
        case .unknown(let label): if result.unknownLabel == nil { result.unknownLabel = label }
        case .none: break
        }
    }

    /// WHATWG "get an attribute": name and value as ranges of the input (the
    /// value without its quotes); `nil` at `>` or at the end of the window,
    /// leaving the position on the `>`.
    private mutating func nextAttribute() -> (name: Range<Int>, value: Range<Int>)? {
        while position < end, TextDecoding.isASCIIWhitespace(bytes[position]) || bytes[position] == UInt8(ascii: "/") {
            position += 1
        }
        guard position < end, bytes[position] != UInt8(ascii: ">") else { return nil }
        let nameStart = position
        var nameEnd: Int
        while true {
            guard position < end else { return nil }
            let byte = bytes[position]
            if byte == UInt8(ascii: "="), position > nameStart {
                nameEnd = position
                break
            }
            if TextDecoding.isASCIIWhitespace(byte) {
                nameEnd = position
                position = skipWhitespace(from: position, before: end)
                guard position < end else { return nil }
                if bytes[position] != UInt8(ascii: "=") { return (nameStart ..< nameEnd, position ..< position) }
                break
            }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") {
                return (nameStart ..< position, position ..< position)
            }
            position += 1
        }
        position = skipWhitespace(from: position + 1, before: end)  // past "="
        guard position < end else { return nil }
        let first = bytes[position]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            let valueStart = position + 1
            position = valueStart
            while position < end, bytes[position] != first { position += 1 }
            guard position < end else { return nil }
            position += 1
            return (nameStart ..< nameEnd, valueStart ..< position - 1)
        }
        if first == UInt8(ascii: ">") { return (nameStart ..< nameEnd, position ..< position) }
        let valueStart = position
        while position < end, !TextDecoding.isASCIIWhitespace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
            position += 1
        }
        return (nameStart ..< nameEnd, valueStart ..< position)
    }

    /// WHATWG "extract a character encoding from a meta element": the label
    /// after `charset=` in a `content` value such as `text/html; charset=koi8-r`.
    private func charsetInContent(_ range: Range<Int>) -> Range<Int>? {
        var from = range.lowerBound
        while let keyword = firstIndex(of: "charset", in: from ..< range.upperBound) {
            var index = skipWhitespace(from: keyword + 7, before: range.upperBound)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: "=") else {
                from = keyword + 7
                continue
            }
            index = skipWhitespace(from: index + 1, before: range.upperBound)
            guard index < range.upperBound else { return nil }
            let first = bytes[index]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                var close = index + 1
                while close < range.upperBound, bytes[close] != first { close += 1 }
                return close < range.upperBound ? index + 1 ..< close : nil
            }
            var close = index
            while close < range.upperBound, !TextDecoding.isASCIIWhitespace(bytes[close]),
                  bytes[close] != UInt8(ascii: ";") {
                close += 1
            }
            return index ..< close
        }
        return nil
    }

    private func lookUp(_ label: Range<Int>) -> CharsetState {
        if let found = Charset.forLabel(bytes[label]) { return .found(found) }
        let text = String(decoding: bytes[label].prefix(64), as: UTF8.self)
        return text.allSatisfy(\.isWhitespace) ? .none : .unknown(text)
    }

    // MARK: Bytes

    private func matches(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let pointer = literal.utf8Start
        for offset in 0 ..< count where TextDecoding.asciiLowercased(bytes[index + offset]) != pointer[offset] {
            return false
        }
        return true
    }

    private func equalsLowercased(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        range.count == literal.utf8CodeUnitCount && matches(literal, at: range.lowerBound)
    }

    /// The first case-insensitive occurrence of a lowercase ASCII literal in a range.
    private func firstIndex(of literal: StaticString, in range: Range<Int>) -> Int? {
        let count = literal.utf8CodeUnitCount
        var index = range.lowerBound
        while index + count <= range.upperBound {
            if matches(literal, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// The index of the first `byte` at or after `index`, or `end`.
    private func index(of byte: UInt8, from index: Int) -> Int {
        var index = index
        while index < end, bytes[index] != byte { index += 1 }
        return min(index, end)
    }

    private func skipWhitespace(from index: Int, before limit: Int) -> Int {
        var index = index
        while index < limit, TextDecoding.isASCIIWhitespace(bytes[index]) { index += 1 }
        return index
    }
}
