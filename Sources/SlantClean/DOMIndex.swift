import CLibXML2
import Glibc

/// One node of the page in document order, with what the content detector needs to know about it.
struct DOMNode {
    var pointer: xmlNodePtr
    var parent: Int32
    /// One past the index of the last node of this node's subtree (nodes are in document order).
    var end: Int32
    var depth: Int32
    var tag: Tag
    var hints: Hints
    var flags: DOMNode.Flags
    /// Visible characters in the subtree (white space runs count one).
    var textLength: Int32 = 0
    /// Visible characters inside links in the subtree.
    var linkTextLength: Int32 = 0
    var commas: Int32 = 0
    var paragraphs: Int32 = 0
    var images: Int32 = 0
    var listItems: Int32 = 0
    var inputs: Int32 = 0
    /// For text nodes: the raw UTF-8 content (owned by the libxml2 document).
    var text: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)

    struct Flags: OptionSet {
        let rawValue: UInt16
        /// Never text (scripts, styles, forms controls) or hidden: skipped with its subtree.
        static let dropped = Flags(rawValue: 1 << 0)
        /// Has at least one child element that is not inline.
        static let hasBlockChild = Flags(rawValue: 1 << 1)
        /// Marked as the article body by schema.org markup (`itemprop="articleBody"`).
        static let articleBodyMarkup = Flags(rawValue: 1 << 2)
        /// A navigation, banner, complementary or dialog landmark by its ARIA role.
        static let furnitureRole = Flags(rawValue: 1 << 3)
        /// Inside a link.
        static let inLink = Flags(rawValue: 1 << 4)
        /// Carries an `itemprop` attribute (schema.org microdata, read for metadata).
        static let hasItemprop = Flags(rawValue: 1 << 5)
        /// Named like a tooltip, popover, hover card or rollover by its class (see ``DOMIndex/namesPopup(_:)``),
        /// and no trigger by its attributes: the card itself, or the element that shows one.
        static let popup = Flags(rawValue: 1 << 6)
        /// A ``popup`` that stands where a card does: inside another ``popup``, or right after the link,
        /// icon or image that shows it. Dropped once its subtree is read, unless it holds another ``popup``.
        static let popupCard = Flags(rawValue: 1 << 7)
        /// Holds an element flagged ``popup``: then it is the trigger or wrapper around the card, not the card.
        static let holdsPopup = Flags(rawValue: 1 << 8)
    }

    var linkDensity: Double { textLength > 0 ? Double(linkTextLength) / Double(textLength) : 0 }
}

/// The page flattened into an array in document order: one pass over the
/// libxml2 tree, no strings built, every subtree a contiguous index range.
struct DOMIndex {
    private(set) var nodes: [DOMNode] = []
    /// Index of `<body>`, or of the root when there is none.
    private(set) var body: Int = 0
    /// The deepest nesting seen (for the deep-nesting warning).
    private(set) var maximumDepth = 0

    init(document: HTMLDocument) {
        guard let root = document.root else { return }
        nodes.reserveCapacity(4096)
        build(from: root)
        body = nodes.firstIndex { $0.tag == .body } ?? 0
    }

    subscript(index: Int) -> DOMNode {
        get { nodes[index] }
    }

    var count: Int { nodes.count }

    private mutating func build(from root: xmlNodePtr) {
        var stack: [Int32] = []
        var current: xmlNodePtr? = root
        var linkDepth = 0
        while let node = current {
            let parent = stack.last ?? -1
            let index = Int32(nodes.count)
            var descend = false
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let record = makeElement(node, parent: parent, depth: stack.count, inLink: linkDepth > 0)
                nodes.append(record)
                descend = !record.flags.contains(.dropped) && node.pointee.children != nil
                if record.tag == .a { linkDepth += 1 }
                if !record.tag.isInline, parent >= 0 { nodes[Int(parent)].flags.insert(.hasBlockChild) }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    let text = UnsafeBufferPointer(start: content, count: strlen(content))
                    var record = DOMNode(
                        pointer: node, parent: parent, end: index + 1, depth: Int32(stack.count), tag: .text,
                        hints: [], flags: linkDepth > 0 ? .inLink : [])
                    record.text = text
                    DOMIndex.measure(text, into: &record)
                    if linkDepth > 0 { record.linkTextLength = record.textLength }
                    nodes.append(record)
                    if parent >= 0 { accumulate(Int(index), into: Int(parent)) }
                }
            default:
                break
            }
            if descend, let child = node.pointee.children {
                stack.append(index)
                maximumDepth = max(maximumDepth, stack.count)
                current = child
                continue
            }
            if node.pointee.type == XML_ELEMENT_NODE { close(Int(index), linkDepth: &linkDepth) }
            // Climb to the next node in document order; the root's own siblings are not visited.
            var next: xmlNodePtr? = stack.isEmpty ? nil : node.pointee.next
            while next == nil, let open = stack.popLast() {
                close(Int(open), linkDepth: &linkDepth)
                next = stack.isEmpty ? nil : nodes[Int(open)].pointer.pointee.next
            }
            current = next
        }
    }

    /// Finishes an element once its subtree is recorded: its range, and its sums into its parent.
    ///
    /// A popup card (``DOMNode/Flags/popupCard``) that holds no other popup is dropped here, its subtree
    /// discarded, so that it ends as a hidden element does. One that holds a popup is the wrapper
    /// around a trigger and its card (`<span class="tooltip">word<span class="tooltiptext">…`): kept.
    private mutating func close(_ index: Int, linkDepth: inout Int) {
        if nodes[index].flags.contains(.popupCard), !nodes[index].flags.contains(.holdsPopup) {
            nodes.removeSubrange((index + 1)...)
            let node = nodes[index]
            nodes[index] = DOMNode(
                pointer: node.pointer, parent: node.parent, end: node.end, depth: node.depth, tag: node.tag,
                hints: node.hints, flags: node.flags.union(.dropped))
        }
        nodes[index].end = Int32(nodes.count)
        if nodes[index].tag == .a { linkDepth -= 1 }
        let parent = Int(nodes[index].parent)
        guard parent >= 0 else { return }
        if nodes[index].flags.contains(.popup) || nodes[index].flags.contains(.holdsPopup) {
            nodes[parent].flags.insert(.holdsPopup)
        }
        if nodes[index].flags.contains(.dropped) {
            nodes[parent].inputs += nodes[index].inputs
        } else {
            accumulate(index, into: parent)
        }
    }

    @inline(__always)
    private mutating func accumulate(_ child: Int, into parent: Int) {
        let node = nodes[child]
        nodes[parent].textLength += node.textLength
        nodes[parent].linkTextLength += node.linkTextLength
        nodes[parent].commas += node.commas
        nodes[parent].paragraphs += node.paragraphs + (node.tag == .p ? 1 : 0)
        nodes[parent].images += node.images + (node.tag == .img ? 1 : 0)
        nodes[parent].listItems += node.listItems + (node.tag == .li ? 1 : 0)
        nodes[parent].inputs += node.inputs
    }

    private func makeElement(_ node: xmlNodePtr, parent: Int32, depth: Int, inLink: Bool) -> DOMNode {
        let tag = node.pointee.name.map(Tag.init(name:)) ?? .other
        var flags: DOMNode.Flags = inLink ? .inLink : []
        var hints: Hints = []
        var inputs: Int32 = 0
        var namedPopup = false
        var isPopupTrigger = false
        if tag.isDropped {
            flags.insert(.dropped)
            if tag == .input || tag == .textarea || tag == .select || tag == .button { inputs = 1 }
        }
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let name = current.pointee.name, let value = current.pointee.children?.pointee.content else {
                if let name = current.pointee.name, XMLNode.equals(name, "hidden") { flags.insert(.dropped) }
                continue
            }
            let bytes = UnsafeBufferPointer(start: value, count: strlen(value))
            switch name[0] {
            case UInt8(ascii: "c") where XMLNode.equals(name, "class"):
                hints.formUnion(Hints.of(bytes))
                if DOMIndex.namesPopup(bytes) { namedPopup = true }
            case UInt8(ascii: "i") where XMLNode.equals(name, "id"):
                // A heading's id is usually an anchor made of its own words ("#nav-und-menue"), not a name.
                if !tag.isHeading { hints.formUnion(Hints.of(bytes)) }
            case UInt8(ascii: "i") where XMLNode.equals(name, "itemprop"):
                flags.insert(.hasItemprop)
                if DOMIndex.contains(bytes, "articlebody") { flags.insert(.articleBodyMarkup) }
            case UInt8(ascii: "p") where XMLNode.equals(name, "property"):
                if DOMIndex.contains(bytes, "articlebody") { flags.insert(.articleBodyMarkup) }
            case UInt8(ascii: "s") where XMLNode.equals(name, "style"):
                if DOMIndex.isHiddenStyle(bytes) { flags.insert(.dropped) }
            case UInt8(ascii: "h") where XMLNode.equals(name, "hidden"):
                flags.insert(.dropped)
            case UInt8(ascii: "a") where XMLNode.equals(name, "aria-hidden"):
                if DOMIndex.contains(bytes, "true") { flags.insert(.dropped) }
            case UInt8(ascii: "r") where XMLNode.equals(name, "role"):
                if DOMIndex.isFurnitureRole(bytes) { flags.insert(.furnitureRole) }
                // A tooltip is the popup itself (WAI-ARIA), never text of the page around it.
                if DOMIndex.contains(bytes, "tooltip") { flags.insert(.dropped) }
            default:
                if DOMIndex.marksPopupTrigger(name: name, value: bytes) { isPopupTrigger = true }
            }
        }
        if namedPopup, !isPopupTrigger, !tag.isDropped {
            flags.insert(.popup)
            // Named so and standing in running text, it carries words of the sentence and the card is
            // drawn by a script (`Minister <span class="tooltip">Evelyn Wever-Croes</span> said`): kept.
            let inPopup = parent >= 0 && nodes[Int(parent)].flags.contains(.popup)
            if inPopup || DOMIndex.followsPopupTrigger(node) { flags.insert(.popupCard) }
        }
        var record = DOMNode(
            pointer: node, parent: parent, end: Int32(nodes.count + 1), depth: Int32(depth), tag: tag,
            hints: hints, flags: flags)
        record.inputs = inputs
        return record
    }

    /// Counts visible characters and commas of a text node.
    @inline(__always)
    private static func measure(_ text: UnsafeBufferPointer<UInt8>, into record: inout DOMNode) {
        var length: Int32 = 0
        var commas: Int32 = 0
        var inSpace = true
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                if !inSpace { length += 1 }
                inSpace = true
            } else if byte & 0xC0 != 0x80 {
                if byte == 0xC2, index + 1 < count, text[index + 1] == 0xA0 {
                    if !inSpace { length += 1 }
                    inSpace = true
                    index += 2
                    continue
                }
                length += 1
                inSpace = false
                if byte == UInt8(ascii: ",") {
                    commas += 1
                } else if byte == 0xEF, index + 2 < count, text[index + 1] == 0xBC, text[index + 2] == 0x8C {
                    commas += 1  // U+FF0C fullwidth comma
                } else if byte == 0xE3, index + 2 < count, text[index + 1] == 0x80, text[index + 2] == 0x81 {
                    commas += 1  // U+3001 ideographic comma
                } else if byte == 0xD8, index + 1 < count, text[index + 1] == 0x8C {
                    commas += 1  // U+060C Arabic comma
                }
            }
            index += 1
        }
        record.textLength = length
        record.commas = commas
    }

    /// Case-insensitive ASCII substring test.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0, haystack.count >= count else { return false }
        let first = needle.utf8Start
        outer: for start in 0...(haystack.count - count) {
            for offset in 0..<count where haystack[start + offset] | 0x20 != first[offset] | 0x20 {
                continue outer
            }
            return true
        }
        return false
    }

    /// `display: none` or `visibility: hidden` in an inline style.
    static func isHiddenStyle(_ style: UnsafeBufferPointer<UInt8>) -> Bool {
        var compact: [UInt8] = []
        compact.reserveCapacity(style.count)
        for byte in style where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            compact.append(byte | 0x20)
        }
        return compact.withUnsafeBufferPointer {
            contains($0, "display:none") || contains($0, "visibility:hidden")
        }
    }

    /// Words of a `class` token that name the card a tooltip, popover, hover card or rollover shows
    /// over the page (`tooltip`, `tooltiptext`, `popover-body`, `hover-card`, `rollover-block`).
    static let popupWords: [StaticString] = ["tooltip", "popover", "hovercard", "hover-card", "hover_card", "rollover"]

    /// Words of a `class` token that name what shows the card rather than the card: the trigger,
    /// or the wrapper around trigger and card (`has-tooltip`, `tooltip-trigger`, `rollover-people-link`).
    static let popupTriggerWords: [StaticString] = [
        "trigger", "toggle", "wrap", "container", "anchor", "link", "target", "has-", "has_",
    ]

    /// Whether a `class` value has a token naming a popup card (and not its trigger).
    static func namesPopup(_ classes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        let count = classes.count
        while start < count {
            while start < count, isHTMLSpace(classes[start]) { start += 1 }
            var end = start
            while end < count, !isHTMLSpace(classes[end]) { end += 1 }
            if end > start {
                let token = UnsafeBufferPointer(rebasing: classes[start..<end])
                if popupWords.contains(where: { contains(token, $0) }),
                   !popupTriggerWords.contains(where: { contains(token, $0) }) {
                    return true
                }
            }
            start = end
        }
        return false
    }

    /// HTML's white space (space, tab, line feed, form feed, carriage return): what separates class
    /// tokens, and what may stand between a trigger and its card.
    @inline(__always)
    private static func isHTMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// Whether the sibling before an element (white space and comments aside) is a link, an icon, an
    /// image or a button: what a card drawn over the page hangs from.
    static func followsPopupTrigger(_ node: xmlNodePtr) -> Bool {
        var previous = node.pointee.prev
        while let sibling = previous {
            switch sibling.pointee.type {
            case XML_COMMENT_NODE:
                previous = sibling.pointee.prev
            case XML_TEXT_NODE:
                guard let content = sibling.pointee.content else { previous = sibling.pointee.prev; continue }
                let text = UnsafeBufferPointer(start: content, count: strlen(content))
                guard text.allSatisfy(isHTMLSpace) else { return false }
                previous = sibling.pointee.prev
            case XML_ELEMENT_NODE:
                switch sibling.pointee.name.map(Tag.init(name:)) ?? .other {
                case .a, .i, .img, .svg, .button, .picture: return true
                default: return false
                }
            default:
                return false
            }
        }
        return false
    }

    /// An attribute that makes an element the trigger of a tooltip or popover, whatever its class
    /// says: `aria-describedby` (pointing at the tooltip), `data-tooltip`, `data-tip`,
    /// `data-toggle="tooltip"`, `data-bs-toggle="popover"`.
    static func marksPopupTrigger(name: UnsafePointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name[0] == UInt8(ascii: "a") || name[0] == UInt8(ascii: "d") else { return false }
        if XMLNode.equals(name, "aria-describedby") { return true }
        let nameBytes = UnsafeBufferPointer(start: name, count: strlen(name))
        guard nameBytes.count > 5, contains(UnsafeBufferPointer(rebasing: nameBytes[..<5]), "data-") else {
            return false
        }
        let startsWithTip = nameBytes.count >= 8 && contains(UnsafeBufferPointer(rebasing: nameBytes[..<8]), "data-tip")
        return startsWithTip || contains(nameBytes, "tooltip") || contains(nameBytes, "popover")
            || contains(value, "tooltip") || contains(value, "popover")
    }

    static func isFurnitureRole(_ role: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(role, "navigation") || contains(role, "menu") || contains(role, "complementary")
            || contains(role, "banner") || contains(role, "contentinfo") || contains(role, "dialog")
            || contains(role, "alert") || contains(role, "search")
    }

    /// Whether `index` lies inside the subtree of `ancestor`.
    @inline(__always)
    func isInside(_ index: Int, _ ancestor: Int) -> Bool {
        index >= ancestor && index < Int(nodes[ancestor].end)
    }
}
