import Foundation
import SlantCore
import Testing

@testable import SlantClean

/// The blocks BlockEmitter makes of a page's whole `<body>`, nothing left out.
func emittedBlocks(_ html: String) -> [String] {
    let bytes = Array(html.utf8)
    guard let document = bytes.withUnsafeBufferPointer({ HTMLDocument(utf8: $0) }) else { return [] }
    let dom = DOMIndex(document: document)
    return withExtendedLifetime(document) {
        BlockEmitter(dom: dom).blocks(roots: [dom.body], excluded: [Bool](repeating: false, count: dom.count)).map(\.1)
    }
}

/// No word of a page is ever joined to its neighbour: inline elements keep the white space between
/// them, block elements always separate, `<br>` is a line break.
@Suite struct WhitespaceTests {
    static let inlineTags = [
        "a href=\"/x\"", "span", "em", "strong", "b", "i", "u", "s", "small", "sub", "sup", "mark", "time", "cite",
        "q", "code", "abbr", "label", "font", "del", "ins", "tt", "big", "kbd", "var", "dfn", "bdi", "x-custom",
    ]
    static let blockTags = [
        "p", "div", "section", "article", "h2", "h4", "blockquote", "pre", "address", "figure", "center",
        "details", "header", "main",
    ]
    static let separators = [" ", "\n", "\t", "  \n  ", "&nbsp;", "\u{00A0}", "\u{2009}", "&#32;"]

    static func name(_ tag: String) -> String { String(tag.prefix { $0 != " " }) }

    @Test func theIssuesExample() {
        #expect(emittedBlocks("<p><a href=\"/n\">Nagorno-Karabakh</a> <em>said</em></p>") == ["Nagorno-Karabakh said"])
    }

    @Test(arguments: inlineTags)
    func spaceBetweenInlineElementsIsKept(first: String) {
        for second in Self.inlineTags {
            for separator in Self.separators {
                let html = "<p><\(first)>one</\(Self.name(first))>\(separator)<\(second)>two</\(Self.name(second))></p>"
                #expect(emittedBlocks(html) == ["one two"], "\(html)")
            }
            // No white space between them: one word split across two elements stays one word.
            let joined = "<p><\(first)>on</\(Self.name(first))><\(second)>e</\(Self.name(second))></p>"
            #expect(emittedBlocks(joined) == ["one"], "\(joined)")
        }
    }

    @Test(arguments: inlineTags)
    func spaceInsideTheEdgesOfAnInlineElementIsKept(tag: String) {
        let name = Self.name(tag)
        let cases = [
            ("<p>one<\(tag)> two</\(name)></p>", "one two"),
            ("<p><\(tag)>one </\(name)>two</p>", "one two"),
            ("<p>one<\(tag)> </\(name)>two</p>", "one two"),
            ("<p>one <\(tag)><b>two</b></\(name)> three</p>", "one two three"),
            ("<p><\(tag)><b>one</b> <i>two</i></\(name)></p>", "one two"),
            ("<p>one<\(tag)><!-- a comment --> </\(name)>two</p>", "one two"),
            ("<p>one<\(tag)>two</\(name)>three</p>", "onetwothree"),
        ]
        for (html, expected) in cases { #expect(emittedBlocks(html) == [expected], "\(html)") }
    }

    @Test(arguments: blockTags)
    func blockElementsAlwaysSeparate(tag: String) {
        for other in Self.blockTags + ["ul><li", "ol><li", "dl><dd", "table><tr><td"] {
            let closeOther = other.split(separator: "<").reversed().map { "</" + Self.name(String($0.trimmingCharacters(in: CharacterSet(charactersIn: ">")))) + ">" }.joined()
            let html = "<body><\(tag)>one</\(tag)><\(other)>two\(closeOther)</body>"
            #expect(emittedBlocks(html) == ["one", "two"], "\(html)")
        }
        for inline in Self.inlineTags {
            let name = Self.name(inline)
            for html in [
                "<body><\(inline)>one</\(name)><\(tag)>two</\(tag)></body>",
                "<body><\(tag)>one</\(tag)><\(inline)>two</\(name)></body>",
                "<body>one<\(tag)>two</\(tag)></body>",
                "<body><\(tag)>one</\(tag)>two</body>",
            ] {
                #expect(emittedBlocks(html) == ["one", "two"], "\(html)")
            }
            // A block inside an inline element still separates.
            let nested = "<body><\(inline)>one<\(tag)>two</\(tag)>three</\(name)></body>"
            #expect(emittedBlocks(nested) == ["one", "two", "three"], "\(nested)")
        }
    }

    @Test func breaksAndCells() {
        #expect(emittedBlocks("<p>one<br>two</p>") == ["one\ntwo"])
        #expect(emittedBlocks("<p>one <br> two</p>") == ["one\ntwo"])
        #expect(emittedBlocks("<p><b>one</b><br><i>two</i></p>") == ["one\ntwo"])
        #expect(emittedBlocks("<p>one<br><br>two</p>") == ["one", "two"])
        #expect(emittedBlocks("<p>one<br> <br>two</p>") == ["one", "two"])
        #expect(emittedBlocks("<p>one<br>\n<br>\ntwo</p>") == ["one", "two"])
        #expect(emittedBlocks("<table><tr><td>one</td><td>two</td></tr><tr><th>three</th><th>four</th></tr></table>")
            == ["one two", "three four"])
        #expect(emittedBlocks("<p>one<hr>two</p>") == ["one", "two"])
        #expect(emittedBlocks("<ul><li>one</li><li>two</li></ul>") == ["one", "two"])
    }

    @Test func whatIsNeverRenderedJoinsAndSeparatesNothing() {
        #expect(emittedBlocks("<p>one<script>var x = 1;</script> two</p>") == ["one two"])
        #expect(emittedBlocks("<p>one <style>p {}</style>two</p>") == ["one two"])
        #expect(emittedBlocks("<p>one<span hidden>x</span> two</p>") == ["one two"])
        #expect(emittedBlocks("<p>one <span style=\"display: none\">x</span>two</p>") == ["one two"])
        #expect(emittedBlocks("<p>Kara&shy;bakh and Kara\u{200B}bakh</p>") == ["Karabakh and Karabakh"])
    }

    @Test func aBlockLeftOutOfTheArticleStillSeparates() throws {
        let sentence = "The ministry said the talks would resume in Geneva next week, after the ceasefire held"
        let html = """
            <html><body><article><div>\(sentence) first<div class="related-posts"><a href="/x">Related story</a></div>second \(sentence).</div>
            <p>\(sentence), officials said on Monday, and again on Tuesday, and on Wednesday.</p></article></body></html>
            """
        let article = try clean(html: html)
        #expect(article.body.contains("first\n\nsecond"))
        #expect(!article.body.contains("Related story"))
    }

    @Test func commentsAndBylinesKeepTheirSpaces() throws {
        let text = try #require(emittedBlocks("<div><span class=\"fn\"><a>Jane</a> <b>Doe</b></span></div>").first)
        #expect(text == "Jane Doe")
    }
}

/// Every word of the extracted text is a word of the page: bounded by white space or
/// punctuation in the page's text content (computed here independently, from the markup).
@Suite struct NoGluedWordsPropertyTests {
    /// The page's text content by a deliberately naive reading of the markup: comments, scripts and
    /// styles removed; a tag of an element that renders as a block (or a `<br>`) becomes a space, any
    /// other tag nothing; character references decoded.
    ///
    /// With `everyTagSeparates`, every tag is a space: the words as they read when the page's style
    /// sheet shows its inline elements apart (so that a word next to a pruned inline element, such as
    /// "Course" in `<span>Recipe by X</span><span>Course: …</span>`, is a word of the page too).
    static func textContent(_ html: String, everyTagSeparates: Bool = false) -> String {
        var text = html.replacingOccurrences(of: "(?s)<!--.*?-->", with: "", options: .regularExpression)
        for pattern in ["(?is)<script\\b.*?</script\\s*>", "(?is)<style\\b.*?</style\\s*>"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let blocks: Set<String> = [
            "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "h1", "h2", "h3", "h4",
            "h5", "h6", "ul", "ol", "li", "dl", "dd", "dt", "table", "tr", "td", "th", "thead", "tbody", "tfoot",
            "blockquote", "pre", "figure", "figcaption", "caption", "address", "form", "fieldset", "legend", "hr",
            "br", "body", "html", "head", "title", "center", "details", "summary", "menu", "hgroup", "option",
            "select", "button", "textarea", "input", "img", "iframe", "video", "audio", "object", "embed", "svg",
            "dialog", "canvas", "picture", "math",
        ]
        // Scalar by scalar: a combining mark right after `>` must not hide the `>` inside a grapheme.
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            // As HTML reads it: `<` starts a tag only before a letter, `/`, `!` or `?` ("a < b" is text).
            if scalars[index] == "<", index + 1 < scalars.count,
                scalars[index + 1].properties.isAlphabetic || "/!?".unicodeScalars.contains(scalars[index + 1]),
                let close = scalars[index...].firstIndex(of: ">")
            {
                var name = ""
                for scalar in scalars[(index + 1)..<close].drop(while: { $0 == "/" || $0 == "!" }) {
                    guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" else { break }
                    name.unicodeScalars.append(scalar)
                }
                if everyTagSeparates || blocks.contains(name.lowercased()) || name.isEmpty { output.append(" ") }
                index = close + 1
                continue
            }
            output.append(scalars[index])
            index += 1
        }
        let plain = String(output)
        return decodeReferences(plain)
    }

    static let namedReferences: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "shy": "", "mdash": "—",
        "ndash": "–", "hellip": "…", "laquo": "«", "raquo": "»", "ldquo": "“", "rdquo": "”", "lsquo": "‘",
        "rsquo": "’", "bdquo": "„", "sbquo": "‚", "copy": "©", "reg": "®", "trade": "™", "euro": "€", "middot": "·",
        "bull": "•", "thinsp": " ", "ensp": " ", "emsp": " ", "zwnj": "", "zwj": "", "lrm": "", "rlm": "",
    ]

    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            let body = after.prefix { $0 != ";" && !$0.isWhitespace && $0 != "&" && $0 != "<" }
            if body.count < 12, body.endIndex < after.endIndex, after[body.endIndex] == ";" {
                var decoded: String?
                if body.hasPrefix("#x") || body.hasPrefix("#X") {
                    decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if body.hasPrefix("#") {
                    decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = namedReferences[String(body)]
                        ?? latinEntity(String(body))
                }
                if let decoded {
                    output += decoded
                    rest = after[after.index(after: body.endIndex)...]
                    continue
                }
            }
            output += "&"
            rest = after
        }
        output += rest
        return output
    }

    /// `eacute` → `é`, `Ouml` → `Ö`: the accented-letter references of HTML 4.
    static func latinEntity(_ name: String) -> String? {
        let marks: [String: String] = [
            "acute": "\u{0301}", "grave": "\u{0300}", "circ": "\u{0302}", "uml": "\u{0308}", "tilde": "\u{0303}",
            "ring": "\u{030A}", "cedil": "\u{0327}", "caron": "\u{030C}",
        ]
        for (suffix, mark) in marks where name.hasSuffix(suffix) && name.count == suffix.count + 1 {
            return (String(name.prefix(1)) + mark).precomposedStringWithCanonicalMapping
        }
        switch name {
        case "szlig": return "ß"
        case "oslash": return "ø"
        case "Oslash": return "Ø"
        case "aelig": return "æ"
        default: return nil
        }
    }

    /// Maximal runs of letters, digits and marks, invisible format characters (soft hyphen, zero-width
    /// space) removed first, as a reader sees them.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .format { continue }
            if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
            {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// The words of the extraction that are not words of the page (empty when nothing was glued): a
    /// glued word ("Nagorno-Karabakhsaid") is a word of neither reading of the page.
    static func gluedWords(page bytes: [UInt8], article: Article) -> [String] {
        let html = String(decoding: TextDecoding.decode(bytes, isHTML: true).utf8, as: UTF8.self)
        let pageWords = Set(words(textContent(html))).union(words(textContent(html, everyTagSeparates: true)))
        var extracted = words(article.body)
        for comment in article.comments { extracted += words(comment.text) }
        return extracted.filter { !pageWords.contains($0) }
    }

    static func pages(in directory: URL, suffix: String, limit: Int) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().prefix(limit).map { directory.appendingPathComponent($0) }
    }

    @Test func theBundledCorpus() throws {
        for name in ["asbarez", "mail-online", "outlet-c", "outlet-e", "southfront"] {
            for url in Self.pages(in: Paths.corpus.appendingPathComponent(name), suffix: ".html", limit: 100) {
                let bytes = try [UInt8](Data(contentsOf: url))
                let article = try clean(bytes: bytes, path: url.path)
                #expect(Self.gluedWords(page: bytes, article: article) == [], "\(url.lastPathComponent)")
            }
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: ExtractionQualityTests.dataset.path), "needs ../shared/benchmarks"))
    func theDevelopmentPages() throws {
        var checked = 0
        let directories = [
            ExtractionQualityTests.dataset.appendingPathComponent("html"),
            Paths.shared.appendingPathComponent("benchmarks/extraction-chunks-dev/html"),
        ]
        for directory in directories {
            for url in Self.pages(in: directory, suffix: ".html.gz", limit: 120) {
                let bytes = try ExtractionQualityTests.gunzip(url)
                guard let article = try? clean(bytes: bytes, path: url.path) else { continue }
                checked += 1
                let glued = Self.gluedWords(page: bytes, article: article)
                #expect(glued.isEmpty, "\(url.lastPathComponent): \(glued.prefix(10))")
            }
        }
        #expect(checked > 150)
    }

    /// Random pages of nested inline and block elements, with and without white space at every
    /// boundary: the emitted text is exactly the words as the markup separates them.
    @Test func generatedPages() throws {
        var random = SeededRandom(seed: 0x5EA7_0001)
        let vocabulary = [
            "Nagorno-Karabakh", "Artsakh", "Арцах", "Արցախ", "Dağlıq", "Qarabağ", "Stepanakert", "occupied",
            "ceasefire", "l’armée", "Waffenstillstand", "Straße", "2020", "talks", "said", "Баку",
        ]
        let inline = ["a href=\"#\"", "span", "em", "strong", "b", "i", "time", "mark", "sup", "small", "x-tag", "abbr", "q"]
        let blocks = ["p", "div", "li", "h3", "blockquote", "section", "td"]
        for _ in 0..<300 {
            var html = "<html><body>"
            var expectedBlocks: [[String]] = []
            for _ in 0..<random.below(4) + 1 {
                let block = blocks[random.below(blocks.count)]
                let (open, close) = block == "li" ? ("<ul><li>", "</li></ul>") : block == "td" ? ("<table><tr><td>", "</td></tr></table>") : ("<\(block)>", "</\(block)>")
                html += open
                var words: [String] = []
                var current = ""
                var openInline: [String] = []
                for position in 0..<random.below(12) + 1 {
                    let word = vocabulary[random.below(vocabulary.count)]
                    if position > 0 {
                        let spaced = random.below(4) != 0
                        // The boundary: close or open an inline element, with the space before, inside or after it.
                        var boundary = ""
                        let space = [" ", "\n", "&nbsp;", "\t "][random.below(4)]
                        let where_ = random.below(3)
                        if spaced, where_ == 0 { boundary += space }
                        if let last = openInline.last, random.below(2) == 0 {
                            if spaced, where_ == 1 { boundary += space }
                            boundary += "</\(WhitespaceTests.name(last))>"
                            openInline.removeLast()
                        } else if openInline.count < 3 {
                            let tag = inline[random.below(inline.count)]
                            boundary += "<\(tag)>"
                            if spaced, where_ == 1 { boundary += space }
                            openInline.append(tag)
                        } else if spaced, where_ == 1 {
                            boundary += space
                        }
                        if spaced, where_ == 2 { boundary += space }
                        html += boundary
                        if spaced {
                            words.append(current)
                            current = ""
                        }
                    }
                    html += word
                    current += word
                }
                words.append(current)
                for tag in openInline.reversed() { html += "</\(WhitespaceTests.name(tag))>" }
                html += close
                expectedBlocks.append(words)
            }
            html += "</body></html>"
            let emitted = emittedBlocks(html).map { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
            #expect(emitted == expectedBlocks, "\(html)")
            if emitted != expectedBlocks { break }
        }
    }
}

/// A small deterministic generator (SplitMix64), so that a failure can be replayed.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

@Suite struct MarkupRepairTests {
    @Test func aSelfClosedScriptRunsToItsEndTag() throws {
        let prose = "The talks resumed in Geneva on Monday, the ministry said, after a week of shelling."
        let html = """
            <html><body><article><p>\(prose)</p><script type="text/javascript"/>
            var componentMetadata = JSON.parse('{}'); document.addEventListener('x', function() {});
            </script><p>\(prose)</p><style media='a/b'/>p { color: red }</style></article></body></html>
            """
        let article = try clean(html: html)
        #expect(article.body == "\(prose)\n\n\(prose)")
        #expect(MarkupRepair.repair(Array("<p>a</p><script>x</script><br/>".utf8)).bytes == nil)
        #expect(MarkupRepair.repair(Array("<SCRIPT src=\"a/b.js\" />".utf8)).bytes == Array("<SCRIPT src=\"a/b.js\"  >".utf8))
        #expect(MarkupRepair.repair(Array("<scripts/><stylesheet/>".utf8)).bytes == nil)
    }
}
