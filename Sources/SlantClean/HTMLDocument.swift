import CLibXML2

/// A parsed HTML document, owning its libxml2 tree and freeing it exactly once.
///
/// Parsing is always done with recovery on, network access off, no entity
/// substitution and the document's own encoding declaration ignored: the bytes
/// handed in are already UTF-8 (see ``TextDecoding``).
final class HTMLDocument {
    /// The libxml2 document; valid for the lifetime of this object.
    let pointer: htmlDocPtr

    /// Set when libxml2 stopped before the end of the input (nesting deeper than
    /// its limit of 2,048 elements): what follows that point is not in the tree.
    let stoppedEarly: Bool
    /// libxml2's message when it stopped early.
    let stopReason: String?

    /// The options every page is parsed with. `HUGE` raises libxml2's nesting
    /// limit from 256 to 2,048 and lifts its text-node size limit; input size is
    /// bounded by the configuration's `max_document_bytes` instead.
    static let parseOptions: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue)

    /// Parses UTF-8 HTML. Returns nil only if libxml2 produced no document at all.
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        HTMLDocument.initialiseLibrary
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count <= Int(Int32.max),
            let context = htmlNewParserCtxt()
        else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let document = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
            htmlCtxtReadMemory(context, characters, Int32(bytes.count), nil, "UTF-8", HTMLDocument.parseOptions)
        }
        guard let document else { return nil }
        pointer = document
        stoppedEarly = context.pointee.disableSAX != 0
        stopReason = stoppedEarly ? context.pointee.lastError.message.map { String(cString: $0).trimmingWhitespaceAndNewlines() } : nil
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The root element (`<html>`), if any.
    var root: xmlNodePtr? { xmlDocGetRootElement(pointer) }

    /// libxml2 must be initialised once, on one thread, before documents are parsed concurrently.
    private static let initialiseLibrary: Void = {
        xmlInitParser()
    }()
}

/// Byte-level helpers on libxml2 nodes: no Swift strings on the hot path.
enum XMLNode {
    /// The node's name as a C string (interned by the parser's dictionary: equal names share a pointer).
    @inline(__always)
    static func name(_ node: xmlNodePtr) -> UnsafePointer<xmlChar>? { node.pointee.name }

    /// The raw value of an attribute, without copying, if the attribute is present and holds text.
    static func attribute(_ node: xmlNodePtr, _ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, equals(attributeName, name) {
                guard let child = current.pointee.children, let content = child.pointee.content else {
                    return UnsafeBufferPointer(start: nil, count: 0)
                }
                return UnsafeBufferPointer(start: content, count: strlen(content))
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// The value of an attribute as a Swift string, whitespace-trimmed, nil when absent or empty.
    static func attributeString(_ node: xmlNodePtr, _ name: StaticString) -> String? {
        guard let bytes = attribute(node, name), bytes.count > 0 else { return nil }
        let text = TextNormalizer.collapsedWhitespace(bytes)
        return text.isEmpty ? nil : text
    }

    /// Whether a NUL-terminated libxml2 string equals an ASCII literal.
    @inline(__always)
    static func equals(_ string: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for index in 0..<count where string[index] != expected[index] { return false }
        return string[count] == 0
    }

    /// `strlen` for libxml2 strings.
    @inline(__always)
    static func strlen(_ string: UnsafePointer<xmlChar>) -> Int {
        var length = 0
        while string[length] != 0 { length += 1 }
        return length
    }
}

extension String {
    func trimmingWhitespaceAndNewlines() -> String {
        var scalars = Substring(self)
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        return String(scalars)
    }
}
