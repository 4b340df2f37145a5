import CLibXML2
import Glibc

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
        let endTags = EndTagRepair()
        let document = withExtendedLifetime(endTags) {
            // libxml2 reports end tags it would not honour through the (per-thread) structured error handler.
            xmlSetStructuredErrorFunc(Unmanaged.passUnretained(endTags).toOpaque()) { data, error in
                guard let data, let error else { return }
                Unmanaged<EndTagRepair>.fromOpaque(data).takeUnretainedValue().note(error.pointee)
            }
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                htmlCtxtReadMemory(context, characters, Int32(bytes.count), nil, "UTF-8", HTMLDocument.parseOptions)
            }
        }
        guard let document else { return nil }
        endTags.apply()
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

/// Closes what an HTML end tag closes in a browser, where libxml2's HTML 4 parser would not.
///
/// libxml2 lets an end tag close open elements only when none of them ranks above it, and `<div>`
/// outranks every element HTML 4 did not have: `<section><div>…</section><p>…` keeps the `<section>`
/// (and the `<div>`) open, so all that follows lands inside them; when that element is a `<nav>` or
/// a `role="complementary"` section, the rest of the page is dropped with it. A browser (the HTML
/// standard's "in scope" rule) closes the `<div>` and the `<section>` at `</section>`. libxml2 says
/// when it ignores such an end tag ("Opening and ending tag mismatch"); the node then open is noted,
/// and after parsing everything the page put after that point inside the element is moved out, to
/// follow it, in document order. Nothing is moved across a table cell, a table or a template, where
/// the standard's rule stops too.
final class EndTagRepair {
    /// The end tag's element name, the node open when it was ignored, and that node's last child then.
    private var marks: [(name: [UInt8], open: xmlNodePtr, lastChild: xmlNodePtr?)] = []

    /// Elements whose end tag closes open `<div>`s in a browser (block elements of HTML5 and 4).
    private static let closing: Set<[UInt8]> = Set(
        ["address", "article", "aside", "blockquote", "center", "details", "dl", "fieldset", "figcaption", "figure",
         "footer", "form", "header", "hgroup", "main", "menu", "nav", "ol", "ul", "pre", "section", "summary", "li",
         "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6"].map { Array($0.utf8) })
    /// Elements the standard's scope rule does not look past.
    private static let scopeMarkers: Set<[UInt8]> = Set(
        ["table", "td", "th", "caption", "object", "template", "html", "marquee", "applet"].map { Array($0.utf8) })

    func note(_ error: xmlError) {
        guard error.code == Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue), let message = error.message,
            strncmp(message, "Opening and ending", 18) == 0, let name = error.str1, let context = error.ctxt
        else { return }
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: strlen(name)))
        guard Self.closing.contains(bytes) else { return }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let open = parser.pointee.node, marks.count < 10_000 else { return }
        marks.append((bytes, open, open.pointee.last))
    }

    /// Moves what each ignored end tag should have closed out of its element, in the order the tags came.
    ///
    /// What follows the point of the end tag is what followed the open node's last child then (or all
    /// the open node's children, when it had none), wherever an earlier repair has moved that child.
    func apply() {
        for mark in marks {
            var next: xmlNodePtr?
            var level: xmlNodePtr
            if let lastChild = mark.lastChild {
                guard let parent = lastChild.pointee.parent else { continue }
                next = lastChild.pointee.next
                level = parent
            } else {
                next = mark.open.pointee.children
                level = mark.open
            }
            guard let element = closedElement(named: mark.name, at: level) else { continue }
            var moving: [xmlNodePtr] = []
            while let node = next {
                moving.append(node)
                next = node.pointee.next
            }
            while level != element, let parent = level.pointee.parent {
                var sibling = level.pointee.next
                while let node = sibling {
                    moving.append(node)
                    sibling = node.pointee.next
                }
                level = parent
            }
            var reference = element
            for node in moving {
                Self.unlink(node)
                Self.insert(node, after: reference)
                reference = node
            }
        }
    }

    /// `node` or its nearest ancestor with the given name, if no scope marker lies in between.
    private func closedElement(named name: [UInt8], at node: xmlNodePtr) -> xmlNodePtr? {
        var current: xmlNodePtr? = node
        while let element = current, element.pointee.type == XML_ELEMENT_NODE, let elementName = element.pointee.name {
            let bytes = Array(UnsafeBufferPointer(start: elementName, count: XMLNode.strlen(elementName)))
            if bytes == name { return element }
            if Self.scopeMarkers.contains(bytes) { return nil }
            current = element.pointee.parent
        }
        return nil
    }

    /// Takes a node out of its parent's child list (by hand: libxml2's own helpers merge adjacent text
    /// nodes, which a tree parsed with `HTML_PARSE_COMPACT` must not have done to it).
    private static func unlink(_ node: xmlNodePtr) {
        let parent = node.pointee.parent
        if let previous = node.pointee.prev { previous.pointee.next = node.pointee.next } else { parent?.pointee.children = node.pointee.next }
        if let next = node.pointee.next { next.pointee.prev = node.pointee.prev } else { parent?.pointee.last = node.pointee.prev }
        node.pointee.parent = nil
        node.pointee.prev = nil
        node.pointee.next = nil
    }

    private static func insert(_ node: xmlNodePtr, after reference: xmlNodePtr) {
        node.pointee.parent = reference.pointee.parent
        node.pointee.prev = reference
        node.pointee.next = reference.pointee.next
        if let next = reference.pointee.next { next.pointee.prev = node } else { reference.pointee.parent?.pointee.last = node }
        reference.pointee.next = node
    }
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
