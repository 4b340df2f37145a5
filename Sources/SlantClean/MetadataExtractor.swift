import CLibXML2
import Foundation
import SlantCore

/// What a page says about itself.
struct PageMetadata {
    /// Title, byline, date, site and URL; `language` is what the page declares (checked against the text later).
    var metadata: DocumentMetadata
    /// A publication date the page declares in its metadata but that could not be read (`yesterday`,
    /// `13/13/2020`), when no other source gave one.
    var unreadableDate: String?
}

/// Reads a page's metadata: title, byline, date, site, canonical URL and language,
/// from meta tags, JSON-LD, `<time>` and the URL, best source first.
///
/// Titles lose the site's name where the page appends or prepends it (`Headline | Site`,
/// `Site - Headline`): the site is known from `og:site_name`, the JSON-LD publisher, the
/// application name and the domain, and only a segment that names it is cut. Published dates come
/// from `article:published_time` and its kin, JSON-LD `datePublished` (articles first, then web
/// pages, in `@graph`s too; never a comment's or a review's), `itemprop="datePublished"`, a `<time>`
/// marked as the publication date or in the article, and the URL; modification dates
/// (`article:modified_time`, `dateModified`, `<time class="updated">`) are never taken for it.
struct MetadataExtractor {
    let dom: DOMIndex

    /// Candidates for one field, best first by the order they are offered.
    private struct Field<Value> {
        private(set) var values: [(priority: Int, value: Value)] = []
        mutating func offer(_ value: Value?, priority: Int) {
            guard let value else { return }
            values.append((priority, value))
        }
        var best: Value? { values.min { $0.priority < $1.priority }?.value }
    }

    /// What has been read so far, field by field.
    private struct Candidates {
        var title = Field<String>()
        var byline = Field<String>()
        var published = Field<ParsedDate>()
        var site = Field<String>()
        var url = Field<String>()
        var language = Field<String>()
        var unreadableDate: String?

        mutating func offerText(_ value: String?, to field: WritableKeyPath<Candidates, Field<String>>, priority: Int) {
            guard let value, !value.isEmpty else { return }
            self[keyPath: field].offer(value, priority: priority)
        }

        /// Offers a declared publication date, noting it when it cannot be read.
        mutating func offerDate(_ text: String?, priority: Int) {
            guard let text, !text.isEmpty else { return }
            if let date = DateNormalizer.parse(text) {
                published.offer(date, priority: priority)
            } else if unreadableDate == nil {
                unreadableDate = text
            }
        }
    }

    /// The metadata of the page; `articleRoots` are the chosen article subtrees (for `<time>`,
    /// headings and bylines).
    func extract(articleRoots: [Int]) -> PageMetadata {
        var found = Candidates()
        var titleElement: String?
        var firstHeading: String?
        var articleHeading: String?
        var markedTime: String?
        var articleTime: String?
        let emitter = BlockEmitter(dom: dom)
        let scopes = articleScopes(articleRoots)

        for index in 0..<dom.count {
            let node = dom[index]
            switch node.tag {
            case .html:
                found.offerText(XMLNode.attributeString(node.pointer, "lang").flatMap(Self.primaryLanguage), to: \.language, priority: 0)
            case .meta:
                readMeta(node.pointer, into: &found)
            case .link:
                if let rel = XMLNode.attributeString(node.pointer, "rel")?.lowercased(), rel == "canonical" {
                    found.offerText(XMLNode.attributeString(node.pointer, "href"), to: \.url, priority: 0)
                }
            case .title:
                if titleElement == nil { titleElement = Self.textContent(node.pointer) }
            case .script:
                if Self.isJSONLD(node.pointer), let json = Self.textContent(node.pointer, collapse: false)
                {
                    readJSONLD(json, into: &found)
                }
            case .h1:
                // The article's headline comes before its text (a later `<h1>` heads the comments).
                let inArticle = index < (articleRoots.first ?? 0) && scopes.contains { $0.contains(index) }
                if firstHeading == nil || (articleHeading == nil && inArticle) {
                    let text = emitter.text(of: index)
                    if !text.isEmpty {
                        if firstHeading == nil { firstHeading = text }
                        if inArticle, articleHeading == nil { articleHeading = text }
                    }
                }
            case .time:
                guard articleTime == nil || markedTime == nil, !isModificationOrComment(index) else { break }
                let value = XMLNode.attributeString(node.pointer, "datetime") ?? emitter.text(of: index)
                if markedTime == nil, isMarkedPublication(node.pointer) { markedTime = value }
                if articleTime == nil, scopes.contains(where: { $0.contains(index) }) { articleTime = value }
            default:
                break
            }
            if node.flags.contains(.hasItemprop), node.tag != .meta, let itemprop = XMLNode.attributeString(node.pointer, "itemprop") {
                switch itemprop {
                case "datePublished":
                    let value = XMLNode.attributeString(node.pointer, "content")
                        ?? XMLNode.attributeString(node.pointer, "datetime") ?? emitter.text(of: index)
                    found.offerDate(value, priority: 3)
                case "author":
                    found.offerText(Self.cleanByline(emitter.text(of: index)), to: \.byline, priority: 4)
                default:
                    break
                }
            }
        }
        found.published.offer(markedTime.flatMap(DateNormalizer.parse), priority: 4)
        found.published.offer(articleTime.flatMap(DateNormalizer.parse), priority: 5)
        if let pageURL = found.url.best {
            found.published.offer(DateNormalizer.dateInURL(pageURL).map { ParsedDate(date: $0) }, priority: 6)
        }
        if found.byline.best == nil { found.offerText(findBylineElement(articleRoots: articleRoots), to: \.byline, priority: 7) }
        if let pageURL = found.url.best { found.offerText(Self.domain(of: pageURL), to: \.site, priority: 9) }

        // The title: the page's own metadata first, without the site's name; then the headline.
        let heading = articleHeading ?? firstHeading
        let siteNames = found.site.values.map(\.value) + Self.domainLabels(found.url.best)
        let titles = found.title.values.sorted { $0.priority < $1.priority }.map(\.value)
        var title = titles.lazy.compactMap { TitleCleaner.clean($0, siteNames: siteNames, heading: heading) }.first
        if title == nil { title = heading }
        if title == nil, let titleElement {
            title = TitleCleaner.clean(titleElement, siteNames: siteNames, heading: nil, cutShortTail: true)
        }

        let published = found.published.best
        // A date with no time from the best source takes the time of a source that agrees on the day.
        let timestamp = published?.timestamp ?? found.published.values.sorted { $0.priority < $1.priority }
            .first { $0.value.date == published?.date && $0.value.timestamp != nil }?.value.timestamp
        let metadata = DocumentMetadata(
            title: title, byline: found.byline.best, published: published?.date, site: found.site.best,
            url: found.url.best, language: found.language.best, publishedTimestamp: timestamp)
        return PageMetadata(metadata: metadata, unreadableDate: published == nil ? found.unreadableDate : nil)
    }

    /// The index ranges `<time>` and `<h1>` are looked for in: each article root, and the `<article>`
    /// element around it (whose header holds the title and the date).
    private func articleScopes(_ roots: [Int]) -> [Range<Int>] {
        var scopes: [Range<Int>] = []
        for root in roots {
            scopes.append(root..<Int(dom[root].end))
            var ancestor = Int(dom[root].parent)
            while ancestor >= 0 {
                if dom[ancestor].tag == .article || dom[ancestor].flags.contains(.articleBodyMarkup) {
                    scopes.append(ancestor..<Int(dom[ancestor].end))
                    break
                }
                ancestor = Int(dom[ancestor].parent)
            }
        }
        return scopes
    }

    /// A `<time>` marked as the publication date: `pubdate`, or a class naming it (`published`, `entry-date`).
    private func isMarkedPublication(_ node: xmlNodePtr) -> Bool {
        if XMLNode.attribute(node, "pubdate") != nil { return true }
        guard let classes = XMLNode.attributeString(node, "class")?.lowercased() else { return false }
        return classes.contains("publish") || classes.contains("entry-date") || classes.contains("post-date")
    }

    /// A `<time>` that says when something was changed, or sits in a reader comment.
    private func isModificationOrComment(_ index: Int) -> Bool {
        if let classes = XMLNode.attributeString(dom[index].pointer, "class")?.lowercased(),
            classes.contains("update") || classes.contains("modif"), !classes.contains("publish")
        {
            return true
        }
        var ancestor = Int(dom[index].parent)
        while ancestor >= 0 {
            if dom[ancestor].hints.contains(.comment) { return true }
            ancestor = Int(dom[ancestor].parent)
        }
        return false
    }

    private func readMeta(_ node: xmlNodePtr, into found: inout Candidates) {
        guard let key = Self.metaKey(node), let content = XMLNode.attributeString(node, "content") else { return }
        switch key {
        case .ogTitle: found.offerText(content, to: \.title, priority: 0)
        case .twitterTitle: found.offerText(content, to: \.title, priority: 2)
        case .otherTitle: found.offerText(content, to: \.title, priority: 3)
        case .siteName: found.offerText(content, to: \.site, priority: 0)
        case .applicationName: found.offerText(content, to: \.site, priority: 4)
        case .ogURL: found.offerText(content, to: \.url, priority: 1)
        case .ogLocale: found.offerText(Self.primaryLanguage(content), to: \.language, priority: 2)
        case .language: found.offerText(Self.primaryLanguage(content), to: \.language, priority: 1)
        case .publishedTime: found.offerDate(content, priority: 0)
        case .publicationDate: found.offerDate(content, priority: 1)
        case .author:
            if !content.lowercased().hasPrefix("http") { found.offerText(Self.cleanByline(content), to: \.byline, priority: 1) }
        }
    }

    /// What a `<meta>` key gives, for the keys read.
    private enum MetaKey: UInt32 {
        case ogTitle = 1, twitterTitle, otherTitle, siteName, applicationName, ogURL, ogLocale, language, publishedTime
        case publicationDate, author
    }

    /// The `<meta>` keys read, in lower case.
    private static let metaKeys: ByteWordTable = {
        let keys: [(MetaKey, [String])] = [
            (.ogTitle, ["og:title"]), (.twitterTitle, ["twitter:title"]), (.otherTitle, ["dc.title", "citation_title"]),
            (.siteName, ["og:site_name"]), (.applicationName, ["application-name", "al:android:app_name", "al:ios:app_name"]),
            (.ogURL, ["og:url"]), (.ogLocale, ["og:locale"]), (.language, ["content-language", "language", "dc.language"]),
            (.publishedTime, ["article:published_time", "og:article:published_time", "datepublished", "article:published"]),
            (.publicationDate, [
                "pubdate", "publishdate", "publish-date", "publish_date", "pub_date", "date", "dc.date", "dc.date.issued",
                "dcterms.created", "dcterms.date", "dcterms.issued", "sailthru.date", "parsely-pub-date",
                "citation_publication_date", "article.published", "article_date_original", "og:published_time",
                "cxenseparse:recs:publishtime", "publication_date", "date_published", "release_date",
            ]),
            (.author, ["author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author", "citation_author"]),
        ]
        return ByteWordTable(Dictionary(uniqueKeysWithValues: keys.flatMap { key, names in names.map { ($0, key.rawValue) } }))
    }()

    /// The key of a `<meta>` (its first non-empty `property`, `name`, `itemprop` or `http-equiv`, white
    /// space collapsed, in lower case), when it is one that is read.
    ///
    /// A value of printable ASCII without spaces (nearly every one) is looked up as its bytes, ASCII
    /// capitals folded: collapsing and `lowercased()` would give the same bytes. Any other value is
    /// collapsed and lower-cased as a `String` first.
    private static func metaKey(_ node: xmlNodePtr) -> MetaKey? {
        for name: StaticString in ["property", "name", "itemprop", "http-equiv"] {
            guard let raw = XMLNode.attribute(node, name) else { continue }
            if raw.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
                guard !raw.isEmpty else { continue }
                return MetaKey(rawValue: metaKeys.value(of: raw))
            }
            guard var key = XMLNode.attributeString(node, name)?.lowercased() else { continue }
            return key.withUTF8 { MetaKey(rawValue: metaKeys.value(of: $0)) }
        }
        return nil
    }

    /// Whether a `<script>`'s `type` (white space collapsed, in lower case) contains `ld+json`.
    ///
    /// A value of printable ASCII (nearly every one) is searched as its bytes, ASCII capitals folded:
    /// collapsing its spaces cannot make or break a match for a needle without spaces. Any other value
    /// is collapsed, lower-cased and searched as a `String`.
    private static func isJSONLD(_ node: xmlNodePtr) -> Bool {
        guard let raw = XMLNode.attribute(node, "type") else { return false }
        guard raw.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            return XMLNode.attributeString(node, "type")?.lowercased().contains("ld+json") ?? false
        }
        let needle: StaticString = "ld+json"
        let length = needle.utf8CodeUnitCount
        guard raw.count >= length else { return false }
        for start in 0...(raw.count - length) {
            var matches = true
            for offset in 0..<length where ByteWordTable.folded(raw[start + offset]) != needle.utf8Start[offset] {
                matches = false
                break
            }
            if matches { return true }
        }
        return false
    }

    // MARK: - JSON-LD

    /// Types whose `datePublished` is not the page's: what readers and reviewers wrote on it.
    private static let othersWork: Set<String> = ["Comment", "Review", "Answer", "Rating", "AggregateRating", "UserComments"]

    private func readJSONLD(_ json: String, into found: inout Candidates) {
        // Raw line breaks and tabs inside strings are invalid JSON but common; as spaces they are harmless.
        let cleaned = Array(json.utf8).map { $0 < 0x20 ? 0x20 : $0 }
        guard case let data = Data(cleaned),
            let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return }
        for object in Self.flatten(parsed) {
            let types = Self.types(of: object)
            let isArticle = types.contains { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" || $0 == "LiveBlogPosting" }
            let isPage = types.contains { $0.hasSuffix("Page") }
            if isArticle {
                found.offerText(Self.string(object["headline"]), to: \.title, priority: 1)
                found.offerDate(Self.string(object["datePublished"]), priority: 0)
                found.offerText(Self.names(object["author"]), to: \.byline, priority: 0)
                found.offerText(Self.names(object["publisher"]), to: \.site, priority: 1)
                found.offerText(Self.string(object["url"]), to: \.url, priority: 2)
            } else if types.contains("WebSite") || types.contains("Organization") || types.contains("NewsMediaOrganization") {
                found.offerText(Self.string(object["name"]), to: \.site, priority: 3)
            } else if isPage {
                found.offerDate(Self.string(object["datePublished"]), priority: 2)
            } else if !types.isEmpty, types.allSatisfy({ !Self.othersWork.contains($0) }) {
                if let date = Self.string(object["datePublished"]).flatMap(DateNormalizer.parse) {
                    found.published.offer(date, priority: 3)
                }
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

    /// The object's `@type` (or `type`, which some pages write).
    private static func types(of object: [String: Any]) -> [String] {
        let value = object["@type"] ?? object["type"]
        if let type = value as? String { return [type] }
        return (value as? [Any])?.compactMap { $0 as? String } ?? []
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

    /// The names a domain gives a site: `www.sportsnet.ca` → `sportsnet`; `www3.nhk.or.jp` → `nhk`.
    static func domainLabels(_ url: String?) -> [String] {
        guard let url, let host = domain(of: url) else { return [] }
        let labels = host.split(separator: ".").dropLast()
        return labels.filter { $0.count >= 3 && !$0.hasPrefix("www") && $0 != "amp" }.map(String.init) + [host]
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
