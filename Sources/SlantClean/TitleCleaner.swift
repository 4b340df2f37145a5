/// Takes the site's name off a page title: `Headline | Site`, `Headline - Site.de`, `Site: Headline`.
///
/// A general rule, nothing keyed to a site: the title is split at a separator (` | `, ` - `, ` – `,
/// ` — `, ` :: `, ` » `, ` · `, ` / `) and a first or last segment is cut when it names the site, as
/// the page's site name or its domain give it (case, spaces and punctuation aside; `St.Galler
/// Tagblatt` is named by `tagblatt.ch`). A title that is the page's headline plus a segment
/// (`Headline - Section`) becomes the headline.
enum TitleCleaner {
    static let separators = [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / ", " • "]

    /// The title without the site's name; nil when nothing is left.
    /// - Parameters:
    ///   - siteNames: the site's names (`og:site_name`, the publisher, the domain's labels and host).
    ///   - heading: the page's headline (`<h1>`), if any.
    ///   - cutShortTail: also cut a last segment less than half as long as the rest (for `<title>`,
    ///     which often ends with a section or a slogan).
    static func clean(_ title: String, siteNames: [String], heading: String?, cutShortTail: Bool = false) -> String? {
        var title = TextNormalizer.collapsedWhitespace(title)
        // A title that is the page's headline is the headline, even when it names the site.
        if let heading, folded(title) == folded(heading) { return title.isEmpty ? nil : title }
        if let heading, !heading.isEmpty, title != heading {
            for separator in separators {
                if title.hasPrefix(heading + separator) || title.hasSuffix(separator + heading) { return heading }
            }
        }
        let names = siteNames.map(folded).filter { $0.count >= 3 }
        var cuts = 0
        cutting: while cuts < 3 {
            for separator in separators {
                if let range = Self.range(of: separator, in: title, last: true) {
                    let tail = String(title[range.upperBound...])
                    let head = String(title[..<range.lowerBound])
                    if !head.isEmpty, isSiteName(tail, names) {
                        title = head
                        cuts += 1
                        continue cutting
                    }
                }
                if let range = Self.range(of: separator, in: title, last: false) {
                    let head = String(title[..<range.lowerBound])
                    let rest = String(title[range.upperBound...])
                    if !rest.isEmpty, isSiteName(head, names) {
                        title = rest
                        cuts += 1
                        continue cutting
                    }
                }
            }
            break
        }
        if cutShortTail, cuts == 0 {
            for separator in separators {
                guard let range = Self.range(of: separator, in: title, last: true) else { continue }
                if title[range.upperBound...].count * 2 < title[..<range.lowerBound].count {
                    title = String(title[..<range.lowerBound])
                }
                break
            }
        }
        title = title.trimmingWhitespaceAndNewlines()
        return title.isEmpty ? nil : title
    }

    /// Whether a title segment is the site's name: short, and equal to (or containing, or contained
    /// in) one of the names once case, spaces and punctuation are folded away.
    private static func isSiteName(_ segment: String, _ names: [String]) -> Bool {
        guard segment.count <= 60 else { return false }
        let folded = folded(segment)
        guard folded.count >= 3 else { return false }
        return names.contains { name in
            folded == name || (name.count >= 4 && folded.contains(name)) || (folded.count >= 4 && name.contains(folded))
        }
    }

    /// Lower case, letters and digits only: `text.lowercased()`, keeping its alphabetic scalars and
    /// ASCII digits.
    ///
    /// Walks the UTF-8 bytes: ASCII, Latin-1 and basic Cyrillic letters are lower-cased by hand (see
    /// ``Letters``); any other scalar goes through its `lowercaseMapping` (what `lowercased()` applies
    /// scalar by scalar), whose alphabetic scalars are kept.
    static func folded(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    switch byte {
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): kept.append(byte | 0x20)
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): kept.append(byte)
                    default: break
                    }
                    index += 1
                    continue
                }
                guard let (value, length) = Letters.scalar(in: bytes, at: index) else { break }
                if Letters.isLowerCase(value) {
                    for offset in 0..<length { kept.append(bytes[index + offset]) }
                } else if let lower = Letters.simpleLowercase(value) {
                    Letters.appendUTF8(lower, to: &kept)
                } else if let scalar = Unicode.Scalar(value) {
                    for mapped in scalar.properties.lowercaseMapping.unicodeScalars
                    where mapped.properties.isAlphabetic || (mapped.value >= 48 && mapped.value <= 57) {
                        Letters.appendUTF8(mapped.value, to: &kept)
                    }
                }
                index += length
            }
            return String(decoding: kept, as: UTF8.self)
        }
    }

    /// The first (or last) place `separator` occurs in `text`, compared byte for byte. Every separator
    /// starts and ends with an ASCII space, so a match always falls between whole characters.
    private static func range(of separator: String, in text: String, last: Bool) -> Range<String.Index>? {
        var needleText = separator
        var haystackText = text
        let start = needleText.withUTF8 { needle in
            haystackText.withUTF8 { haystack -> Int? in
                guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
                let starts = 0...(haystack.count - needle.count)
                let matches = { (start: Int) in
                    for offset in 0..<needle.count where haystack[start + offset] != needle[offset] { return false }
                    return true
                }
                return last ? starts.reversed().first(where: matches) : starts.first(where: matches)
            }
        }
        guard let start else { return nil }
        let lower = text.utf8.index(text.utf8.startIndex, offsetBy: start)
        return lower..<text.utf8.index(lower, offsetBy: separator.utf8.count)
    }
}
