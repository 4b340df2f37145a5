import SlantCore

/// Turns selected subtrees of the page into blocks of text: headings, paragraphs,
/// list items and quotations in document order, white space collapsed.
struct BlockEmitter {
    let dom: DOMIndex

    /// The blocks of the given subtrees, leaving out excluded nodes.
    func blocks(roots: [Int], excluded: [Bool]) -> [(BlockKind, String)] {
        var emitter = Run(dom: dom)
        for root in roots { emitter.walk(root: root, excluded: excluded) }
        emitter.flush()
        return emitter.blocks
    }

    /// The whole text of one subtree as a single block (for comments, bylines and captions).
    func text(of index: Int, excluded: [Bool]? = nil) -> String {
        var builder = TextBuilder()
        var position = index
        let end = Int(dom[index].end)
        while position < end {
            let node = dom[position]
            if node.flags.contains(.dropped) || excluded?[position] == true {
                if Self.separatesWhenLeftOut(node.tag) { builder.space() }
                position = Int(node.end)
                continue
            }
            if node.tag == .text {
                builder.append(node.text)
            } else if !node.tag.isInline || node.tag == .br || node.tag == .img {
                builder.space()
            }
            position += 1
        }
        return builder.finish()
    }

    /// Whether an element left out of the text (pruned, hidden, or never text) still marks a boundary
    /// there: blocks and replaced elements do; what is never drawn (a script between two halves of a
    /// word) and inline elements (a hidden `<span>`) do not.
    static func separatesWhenLeftOut(_ tag: Tag) -> Bool {
        if tag.isNeverRendered { return false }
        return tag.isReplaced || !tag.isInline
    }

    /// Emission state for one pass.
    private struct Run {
        let dom: DOMIndex
        var blocks: [(BlockKind, String)] = []
        var builder = TextBuilder(capacity: 1024)
        var kind: BlockKind = .paragraph
        /// Open block elements: where each ends, and the kind of block text inside it takes.
        var open: [(end: Int, kind: BlockKind)] = []
        var consecutiveBreaks = 0

        init(dom: DOMIndex) { self.dom = dom }

        mutating func walk(root: Int, excluded: [Bool]) {
            var index = root
            let end = Int(dom[root].end)
            while index < end {
                closeBlocks(upTo: index)
                let node = dom[index]
                if excluded[index] || node.flags.contains(.dropped) {
                    // A block left out (a related box between two paragraphs, a hidden block) still ends the
                    // block before it; an image or a form control still parts two words.
                    if node.tag.isReplaced {
                        builder.space()
                    } else if BlockEmitter.separatesWhenLeftOut(node.tag) {
                        flush()
                    }
                    index = Int(node.end)
                    continue
                }
                switch node.tag {
                case .text:
                    // White space between inline elements is a word boundary: always appended.
                    builder.append(node.text)
                    if node.textLength > 0 { consecutiveBreaks = 0 }
                case .br:
                    consecutiveBreaks += 1
                    if consecutiveBreaks >= 2 { flush() } else { builder.lineBreak() }
                case .td, .th, .img:
                    builder.space()
                case let tag where tag.isInline:
                    break
                default:
                    flush()
                    kind = Self.kind(of: node.tag, inside: open.last?.kind ?? .paragraph)
                    open.append((Int(node.end), kind))
                }
                index += 1
            }
            closeBlocks(upTo: end)
            flush()
        }

        mutating func closeBlocks(upTo index: Int) {
            var closed = false
            while let last = open.last, last.end <= index {
                open.removeLast()
                closed = true
            }
            if closed {
                flush()
                kind = open.last?.kind ?? .paragraph
            }
        }

        /// The kind of block an element makes, given the kind of the block around it: headings,
        /// preformatted text and quotations mark everything inside them; list items mark plain paragraphs.
        static func kind(of tag: Tag, inside outer: BlockKind) -> BlockKind {
            switch tag {
            case .h1, .h2, .h3, .h4, .h5, .h6: return .heading
            case .pre: return outer == .heading ? outer : .preformatted
            case .blockquote: return outer == .heading || outer == .preformatted ? outer : .blockquote
            case .li, .dd, .dt: return outer == .paragraph ? .listItem : outer
            default: return outer
            }
        }

        mutating func flush() {
            consecutiveBreaks = 0
            guard !builder.isEmpty else { return }
            let text = builder.finish()
            builder.reset()
            if !text.isEmpty { blocks.append((kind, text)) }
        }
    }
}
