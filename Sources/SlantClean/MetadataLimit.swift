import SlantCore

/// Holds every metadata field to a length (`limits.max_metadata_chars`), so that no field a page or
/// an input sets — a 5 MB `<title>`, a megabyte of `og:site_name` — reaches a report or the store.
///
/// A title, byline or site name above the limit is cut to it (its last character an ellipsis); an id
/// is cut and ends with 16 hex digits of the SHA-256 of the whole id, so two long ids stay apart; a URL
/// is dropped, since a cut URL would point somewhere else. Each is said in a `metadata-truncated`
/// warning. Lengths are counted in Unicode scalars.
enum MetadataLimit {
    static func capped(_ metadata: DocumentMetadata, maxCharacters: Int, warnings: inout [DocumentWarning]) -> DocumentMetadata {
        var metadata = metadata
        let limit = max(maxCharacters, 40)
        func cut(_ field: WritableKeyPath<DocumentMetadata, String?>, _ name: String) {
            guard let value = metadata[keyPath: field], let length = overLimit(value, limit) else { return }
            metadata[keyPath: field] = String(String.UnicodeScalarView(value.unicodeScalars.prefix(limit - 1))) + "…"
            warnings.append(warning(name, length: length, limit: limit, outcome: "it was cut to \(limit.grouped)"))
        }
        cut(\.title, "title")
        cut(\.byline, "byline")
        cut(\.site, "site name")
        cut(\.published, "publication date")
        cut(\.publishedTimestamp, "publication timestamp")
        cut(\.language, "language")
        if let id = metadata.id, let length = overLimit(id, limit) {
            let digest = ContentDigest(of: Array(id.utf8)).hex.prefix(16)
            metadata.id = String(String.UnicodeScalarView(id.unicodeScalars.prefix(limit - 18))) + "…-" + digest
            warnings.append(
                warning("id", length: length, limit: limit, outcome: "it was cut to \(limit.grouped), ending with a digest of the whole id"))
        }
        if let url = metadata.url, let length = overLimit(url, limit) {
            metadata.url = nil
            warnings.append(warning("URL", length: length, limit: limit, outcome: "it was left out (a cut URL would lead elsewhere)"))
        }
        return metadata
    }

    /// The length of `value` in Unicode scalars when it is above `limit`.
    private static func overLimit(_ value: String, _ limit: Int) -> Int? {
        guard value.utf8.count > limit else { return nil }
        let length = value.unicodeScalars.count
        return length > limit ? length : nil
    }

    private static func warning(_ field: String, length: Int, limit: Int, outcome: String) -> DocumentWarning {
        DocumentWarning(
            code: "metadata-truncated",
            message: "the \(field) is \(length.grouped) characters long, above the limit of \(limit.grouped) (`max_metadata_chars`); \(outcome)")
    }
}
