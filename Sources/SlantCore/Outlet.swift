/// Where the name of an article's outlet came from (``OutletResolver``).
public enum OutletBasis: String, Sendable, Hashable {
    /// The input named it: a JSON Lines record's or a front matter's `outlet`, or the source's `outlet:`.
    case named
    /// The page's site name (`og:site_name`).
    case site
    /// The domain of the page's canonical URL.
    case domain
    /// Nothing named it: the name of the directory the file lies in is taken for it.
    case folder
    /// Nothing named it and the file lies in no directory: `unknown`.
    case unknown

    /// True when no input said which outlet the article is of (its folder's name, or `unknown`): a
    /// guess, which a run says aloud rather than let it become an outlet's figures unnoticed.
    public var isAssumed: Bool { self == .folder || self == .unknown }
}

/// Decides which outlet an article belongs to.
///
/// In order: the outlet the configuration (or the JSON Lines record, or the front matter) names; the
/// site name the page declares; the domain of its canonical URL; the name of the
/// directory the file lies in. Reports group by this name, so it is shown as is.
public enum OutletResolver {
    public static func outlet(hint: String?, metadata: DocumentMetadata, source: SourceLocator) -> String {
        resolve(hint: hint, metadata: metadata, source: source).name
    }

    /// The outlet and what it was taken from.
    public static func resolve(hint: String?, metadata: DocumentMetadata, source: SourceLocator) -> (name: String, basis: OutletBasis) {
        if let hint = nonEmpty(hint) { return (hint, .named) }
        if let site = nonEmpty(metadata.site) { return (site, .site) }
        if let url = metadata.url, let host = domain(of: url) { return (host, .domain) }
        let components = source.path.split(separator: "/")
        if components.count >= 2 { return (String(components[components.count - 2]), .folder) }
        return ("unknown", .unknown)
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The host of an http(s) URL without `www.`.
    public static func domain(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        var host = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }.lowercased()
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return host.isEmpty ? nil : host
    }
}
