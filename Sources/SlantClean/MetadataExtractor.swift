import CLibXML2
import Foundation
import SlantCore

/// Reads a page's metadata: title, byline, date, site, canonical URL and language,
/// from meta tags, JSON-LD, `<time>` and the URL, best source first.
struct MetadataExtractor {
    let dom: DOMIndex

    /// Candidates for one field, best first by the order they are offered.
    private struct Field {
        private(set) var values: [(priority: Int, value: String)] = []
        mutating func offer(_ value: String?, priority: Int) {
            guard let value, !value.isEmpty else { return }
            values.append((priority, value))
        }
        var best: String? { values.min { $0.priority < $1.priority }?.value }
    }

    /// The metadata of the page; `articleRoots` are the chosen article subtrees (for `<time>` and bylines).
    func extract(articleRoots: [Int]) -> DocumentMetadata {
        var title = Field()
        var byline = Field()
        var published = Field()
        var site = Field()
        var url = Field()
        var language = Field()
        var titleElement: String?
        var firstHeading: String?
        var firstTime: String?
        let emitter = BlockEmitter(dom: dom)

        for index in 0..<dom.count {
            let node = dom[index]
            switch node.tag {
            case .html:
                language.offer(XMLNode.attributeString(node.pointer, "lang").flatMap(Self.primaryLanguage), priority: 0)
            case .meta:
                readMeta(node.pointer, title: &title, byline: &byline, published: &published, site: &site,
                         url: &url, language: &language)
            case .link:
                if let rel = XMLNode.attributeString(node.pointer, "rel")?.lowercased(), rel == "canonical" {
                    url.offer(XMLNode.attributeString(node.pointer, "href"), priority: 0)
                }
            case .title:
                if titleElement == nil { titleElement = Self.textContent(node.pointer) }
            case .script:
                if let type = XMLNode.attributeString(node.pointer, "type")?.lowercased(), type.contains("ld+json"),
                    let json = Self.textContent(node.pointer, collapse: false)
                {
                    readJSONLD(json, title: &title, byline: &byline, published: &published, site: &site, url: &url)
                }
            case .h1:
                if firstHeading == nil {
                    let text = emitter.text(of: index)
                    if !text.isEmpty { firstHeading = text }
                }
            case .time:
                if firstTime == nil, articleRoots.contains(where: { dom.isInside(index, $0) }) || articleRoots.isEmpty {
                    firstTime = XMLNode.attributeString(node.pointer, "datetime") ?? emitter.text(of: index)
                }
            default:
                break
            }
            if node.flags.contains(.hasItemprop), node.tag != .meta, let itemprop = XMLNode.attributeString(node.pointer, "itemprop") {
                switch itemprop {
                case "datePublished":
                    let value = XMLNode.attributeString(node.pointer, "content")
                        ?? XMLNode.attributeString(node.pointer, "datetime") ?? emitter.text(of: index)
                    published.offer(DateNormalizer.isoDate(value), priority: 3)
                case "author":
                    byline.offer(Self.cleanByline(emitter.text(of: index)), priority: 4)
                default:
                    break
                }
            }
        }
        published.offer(firstTime.flatMap(DateNormalizer.isoDate), priority: 5)
        if let pageURL = url.best { published.offer(DateNormalizer.dateInURL(pageURL), priority: 6) }
        title.offer(firstHeading, priority: 5)
        title.offer(titleElement.map { Self.stripSiteSuffix($0, site: site.best) }, priority: 6)
        if byline.best == nil { byline.offer(findBylineElement(articleRoots: articleRoots), priority: 7) }
        if let pageURL = url.best { site.offer(Self.domain(of: pageURL), priority: 9) }

        return DocumentMetadata(
            title: title.best, byline: byline.best, published: published.best, site: site.best, url: url.best,
            language: language.best)
    }

    private func readMeta(
        _ node: xmlNodePtr, title: inout Field, byline: inout Field, published: inout Field, site: inout Field,
        url: inout Field, language: inout Field
    ) {
        guard let content = XMLNode.attributeString(node, "content") else { return }
        let key = (XMLNode.attributeString(node, "property") ?? XMLNode.attributeString(node, "name")
            ?? XMLNode.attributeString(node, "itemprop") ?? XMLNode.attributeString(node, "http-equiv"))?.lowercased()
        guard let key else { return }
        switch key {
        case "og:title": title.offer(content, priority: 0)
        case "twitter:title": title.offer(content, priority: 2)
        case "dc.title", "citation_title": title.offer(content, priority: 3)
        case "og:site_name": site.offer(content, priority: 0)
        case "application-name", "al:android:app_name", "al:ios:app_name": site.offer(content, priority: 4)
        case "og:url": url.offer(content, priority: 1)
        case "og:locale": language.offer(Self.primaryLanguage(content), priority: 2)
        case "content-language", "language", "dc.language": language.offer(Self.primaryLanguage(content), priority: 1)
        case "article:published_time", "og:article:published_time", "datepublished":
            published.offer(DateNormalizer.isoDate(content), priority: 0)
        case "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created",
            "sailthru.date", "parsely-pub-date", "citation_publication_date", "article.published",
            "article_date_original", "og:published_time", "cxenseparse:recs:publishtime", "publication_date":
            published.offer(DateNormalizer.isoDate(content), priority: 1)
        case "author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author", "citation_author":
            if !content.lowercased().hasPrefix("http") { byline.offer(Self.cleanByline(content), priority: 1) }
        default:
            break
        }
    }

    // MARK: - JSON-LD

    private func readJSONLD(
        _ json: String, title: inout Field, byline: inout Field, published: inout Field, site: inout Field,
        url: inout Field
    ) {
        guard let data = json.data(using: .utf8),
            let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return }
        for object in Self.flatten(parsed) {
            let types = Self.types(of: object)
            let isArticle = types.contains { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" }
            if isArticle {
                title.offer(Self.string(object["headline"]), priority: 1)
                published.offer(Self.string(object["datePublished"]).flatMap(DateNormalizer.isoDate), priority: 0)
                byline.offer(Self.names(object["author"]), priority: 0)
                if let publisher = Self.names(object["publisher"]) { site.offer(publisher, priority: 1) }
                url.offer(Self.string(object["url"]), priority: 2)
            } else if types.contains("WebSite") || types.contains("Organization") || types.contains("NewsMediaOrganization") {
                site.offer(Self.string(object["name"]), priority: 3)
            }
        }
    }

    /// Every JSON object in the value, looking into arrays and `@graph`.
    private static func flatten(_ value: Any) -> [[String: Any]] {
        var result: [[String: Any]] = []
        var pending: [Any] = [value]
        while let next = pending.popLast(), result.count < 200 {
            if let array = next as? [Any] {
                pending.append(contentsOf: array.reversed())
            } else if let object = next as? [String: Any] {
                result.append(object)
                if let graph = object["@graph"] { pending.append(graph) }
            }
        }
        return result
    }

    private static func types(of object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type] }
        return (object["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    private static func string(_ value: Any?) -> String? {
        if let text = value as? String { return TextNormalizer.collapsedWhitespace(text) }
        if let object = value as? [String: Any] { return string(object["@id"] ?? object["url"]) }
        return nil
    }

    /// The name or names in an author or publisher value (a string, an object, or a list).
    private static func names(_ value: Any?) -> String? {
        var found: [String] = []
        if let text = value as? String {
            found.append(text)
        } else if let object = value as? [String: Any], let name = object["name"] as? String {
            found.append(name)
        } else if let list = value as? [Any] {
            for item in list { if let name = names(item) { found.append(name) } }
        }
        let cleaned = found.compactMap { cleanByline($0) }.filter { !$0.lowercased().hasPrefix("http") }
        return cleaned.isEmpty ? nil : cleaned.joined(separator: ", ")
    }

    // MARK: - Fallbacks

    /// A short element marked as a byline inside or just before the article.
    private func findBylineElement(articleRoots: [Int]) -> String? {
        let emitter = BlockEmitter(dom: dom)
        for index in 0..<dom.count {
            let node = dom[index]
            guard node.tag != .text, node.hints.contains(.byline), !node.hints.contains(.comment),
                node.textLength > 2, node.textLength < 100
            else { continue }
            if let byline = Self.cleanByline(emitter.text(of: index)) { return byline }
        }
        return nil
    }

    /// Removes "By", trailing dates and separators from a byline; nil when nothing is left.
    static func cleanByline(_ text: String) -> String? {
        var byline = TextNormalizer.collapsedWhitespace(text)
        for prefix in ["by ", "By ", "BY ", "Written by ", "written by ", "Posted by ", "posted by "]
        where byline.hasPrefix(prefix) {
            byline = String(byline.dropFirst(prefix.count))
        }
        byline = byline.trimmingCharacters(in: CharacterSet(charactersIn: " |-–—,:"))
        guard !byline.isEmpty, byline.count <= 120 else { return nil }
        return byline
    }

    private static func stripSiteSuffix(_ title: String, site: String?) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: ", " » "] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let tail = title[range.upperBound...]
            let head = title[..<range.lowerBound]
            if let site, tail.lowercased().contains(site.lowercased()) || site.lowercased().contains(tail.lowercased()) {
                return String(head)
            }
            if tail.count < head.count / 2 { return String(head) }
        }
        return title
    }

    /// `en-GB` → `en`; `en_US` → `en`.
    static func primaryLanguage(_ tag: String) -> String? {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "," || $0 == " " }).first
        guard let primary, (2...3).contains(primary.count), primary.allSatisfy(\.isLetter) else { return nil }
        return primary.lowercased()
    }

    /// `https://www.asbarez.com/a/b` → `asbarez.com`.
    static func domain(of url: String) -> String? {
        guard let components = URLComponents(string: url), var host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return host
    }

    /// The text inside an element that the index does not descend into (`<title>`, `<script>`).
    static func textContent(_ node: xmlNodePtr, collapse: Bool = true) -> String? {
        var bytes: [UInt8] = []
        var child = node.pointee.children
        while let current = child {
            if let content = current.pointee.content {
                bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: XMLNode.strlen(content)))
            }
            child = current.pointee.next
        }
        guard !bytes.isEmpty else { return nil }
        if !collapse { return String(decoding: bytes, as: UTF8.self) }
        let text = bytes.withUnsafeBufferPointer { TextNormalizer.collapsedWhitespace($0) }
        return text.isEmpty ? nil : text
    }
}
