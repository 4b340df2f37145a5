/// Decides which outlet an article belongs to.
///
/// In order: the outlet the configuration (or the JSON Lines record) names; the
/// site name the page declares; the domain of its canonical URL; the name of the
/// directory the file lies in. Reports group by this name, so it is shown as is.
public enum OutletResolver {
    public static func outlet(hint: String?, metadata: DocumentMetadata, source: SourceLocator) -> String {
        if let hint = nonEmpty(hint) { return hint }
        if let site = nonEmpty(metadata.site) { return site }
        if let url = metadata.url, let host = domain(of: url) { return host }
        let components = source.path.split(separator: "/")
        if components.count >= 2 { return String(components[components.count - 2]) }
        return "unknown"
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
