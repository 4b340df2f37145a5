import CLibXML2

/// The HTML elements the cleaner treats specially; everything else is ``other``.
enum Tag: UInt8 {
    case other
    case text
    // Never text: dropped with their subtree.
    case script, style, noscript, template, svg, math, iframe, object, embed, canvas, head, title
    case select, option, button, input, textarea, video, audio, picture, source, map, dialog, frameset
    case meta, link
    // Ruby annotations (pronunciation guides over Japanese and Chinese text): not the text itself.
    case rt, rp
    // Page furniture.
    case nav, aside, footer, header, form, menu
    // Headings.
    case h1, h2, h3, h4, h5, h6
    // Paragraph-like blocks.
    case p, pre, blockquote, li, dd, dt, td, th, figcaption, caption, address
    // Containers.
    case html, body, div, section, article, main, ul, ol, dl, table, tbody, thead, tfoot, tr, figure
    case center, details, summary, hgroup
    // Inline and breaks.
    case a, span, img, br, hr, time, cite, label, font, strong, b, em, i, u, small, sub, sup, q, code, abbr
    case mark, s, del, ins

    /// Elements whose subtree never holds readable article text.
    var isDropped: Bool {
        switch self {
        case .script, .style, .noscript, .template, .svg, .math, .iframe, .object, .embed, .canvas, .title, .select, .option, .button, .input, .textarea, .video, .audio, .source, .map, .dialog,
            .frameset, .meta, .link, .rt, .rp:
            true
        default: false
        }
    }

    /// Elements that are never drawn (scripts, styles, templates, the head): leaving them out joins
    /// nothing and separates nothing.
    var isNeverRendered: Bool {
        switch self {
        case .script, .style, .noscript, .template, .title, .head, .meta, .link, .source, .map, .option, .frameset,
            .rt, .rp:
            true
        default: false
        }
    }

    /// Replaced elements and controls (images, frames, media, form fields): drawn as a box in the line,
    /// so the text on either side of one is two words, never one.
    var isReplaced: Bool {
        switch self {
        case .img, .iframe, .object, .embed, .canvas, .svg, .math, .video, .audio, .input, .button, .select,
            .textarea, .dialog, .picture:
            true
        default: false
        }
    }

    /// Page-structure elements that hold navigation and furniture rather than the article.
    var isFurniture: Bool {
        switch self {
        case .nav, .aside, .footer, .form, .menu: true
        default: false
        }
    }

    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: true
        default: false
        }
    }

    /// Elements rendered inline: they do not break a paragraph.
    var isInline: Bool {
        switch self {
        case .text, .a, .span, .img, .br, .time, .cite, .label, .font, .strong, .b, .em, .i, .u, .small, .sub,
            .sup, .q, .code, .abbr, .mark, .s, .del, .ins, .other:
            true
        default: false
        }
    }

    /// Elements scored as paragraphs when looking for the article.
    var isScoredParagraph: Bool {
        switch self {
        case .p, .pre, .td, .blockquote, .li, .dd: true
        default: false
        }
    }

    /// Looks an element name up (names are lower case: the HTML parser folds them).
    init(name: UnsafePointer<xmlChar>) {
        let length = XMLNode.strlen(name)
        guard length > 0, length <= 10 else {
            self = .other
            return
        }
        var key: UInt64 = 0
        for index in 0..<length { key = key << 8 | UInt64(name[index]) }
        self = Tag.byName[key] ?? .other
    }

    /// Tag names packed big-endian into an integer, for a lookup without building strings.
    private static let byName: [UInt64: Tag] = {
        let names: [(String, Tag)] = [
            ("script", .script), ("style", .style), ("noscript", .noscript), ("template", .template),
            ("svg", .svg), ("math", .math), ("iframe", .iframe), ("object", .object), ("embed", .embed),
            ("canvas", .canvas), ("head", .head), ("title", .title), ("select", .select), ("option", .option),
            ("button", .button), ("input", .input), ("textarea", .textarea), ("video", .video),
            ("audio", .audio), ("picture", .picture), ("source", .source), ("map", .map), ("dialog", .dialog),
            ("frameset", .frameset), ("meta", .meta), ("link", .link), ("nav", .nav), ("aside", .aside),
            ("footer", .footer), ("header", .header), ("form", .form), ("menu", .menu), ("h1", .h1),
            ("h2", .h2), ("h3", .h3), ("h4", .h4), ("h5", .h5), ("h6", .h6), ("p", .p), ("pre", .pre),
            ("blockquote", .blockquote), ("li", .li), ("dd", .dd), ("dt", .dt), ("td", .td), ("th", .th),
            ("figcaption", .figcaption), ("caption", .caption), ("address", .address), ("html", .html),
            ("body", .body), ("div", .div), ("section", .section), ("article", .article), ("main", .main),
            ("ul", .ul), ("ol", .ol), ("dl", .dl), ("table", .table), ("tbody", .tbody), ("thead", .thead),
            ("tfoot", .tfoot), ("tr", .tr), ("figure", .figure), ("center", .center), ("details", .details),
            ("summary", .summary), ("hgroup", .hgroup), ("a", .a), ("span", .span), ("img", .img),
            ("br", .br), ("hr", .hr), ("time", .time), ("cite", .cite), ("label", .label), ("font", .font),
            ("strong", .strong), ("b", .b), ("em", .em), ("i", .i), ("u", .u), ("small", .small),
            ("sub", .sub), ("sup", .sup), ("q", .q), ("code", .code), ("abbr", .abbr), ("mark", .mark),
            ("s", .s), ("del", .del), ("ins", .ins), ("rt", .rt), ("rp", .rp),
        ]
        var table: [UInt64: Tag] = [:]
        for (name, tag) in names {
            var key: UInt64 = 0
            for byte in name.utf8 { key = key << 8 | UInt64(byte) }
            table[key] = tag
        }
        return table
    }()
}
