import Glibc
import SlantCore

/// How much markup one page may hold before it is refused as `too-complex`, checked before parsing.
///
/// libxml2's HTML parser checks every attribute of a tag against the ones before it, so one tag's cost
/// grows with the square of its attributes (80,000 attributes on one tag, 0.87 MB, take over a minute);
/// the tree and Slant's index of it grow with the elements. A real page has at most a few dozen
/// attributes on a tag and some thousands of elements, so the defaults (``CleanSettings``) are far
/// above any of them, and a page within them costs at most a small multiple of an ordinary page of its
/// size.
///
/// The count is a tokenizer's, not a parser's: a `<` followed by a letter opens an element, whose
/// attributes are counted up to its `>` (quoted values skipped whole); comments are skipped, and so are
/// the contents of `<script>`, `<style>`, `<textarea>`, `<title>`, `<xmp>`, `<noembed>`, `<noframes>`
/// and `<iframe>`, which hold no elements. End tags count nothing.
struct ComplexityBudget: Sendable, Hashable {
    var maxElements: Int
    var maxAttributesPerElement: Int
    var maxAttributes: Int

    init(settings: CleanSettings) {
        maxElements = settings.maxElements
        maxAttributesPerElement = settings.maxAttributesPerElement
        maxAttributes = settings.maxAttributes
    }

    /// Why the markup is over the budget, or nil when it is within it. Stops at the first limit passed,
    /// so a hostile page costs one partial scan.
    func violation(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var elements = 0
        var attributes = 0
        var index = 0
        while index < count {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), count - index) else { break }
            let open = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let next = open + 1
            guard next < count else { break }
            let byte = bytes[next]
            if Self.isLetter(byte) {
                elements += 1
                if elements > maxElements {
                    return "it has more than \(maxElements.grouped) elements (limit `max_elements`: \(maxElements.grouped))"
                }
                var position = next
                while position < count, !Self.endsName(bytes[position]) { position += 1 }
                let name = next..<position
                var own = 0
                // Attributes, up to the end of the tag.
                while position < count {
                    let current = bytes[position]
                    if Self.isSpace(current) || current == UInt8(ascii: "/") {
                        position += 1
                        continue
                    }
                    if current == UInt8(ascii: ">") {
                        position += 1
                        break
                    }
                    own += 1
                    attributes += 1
                    if own > maxAttributesPerElement {
                        let tag = String(decoding: bytes[name].prefix(40), as: UTF8.self).lowercased()
                        return "the <\(tag)> element at byte \(open.grouped) has more than \(maxAttributesPerElement.grouped) attributes (limit `max_attributes_per_element`: \(maxAttributesPerElement.grouped))"
                    }
                    if attributes > maxAttributes {
                        return "it has more than \(maxAttributes.grouped) attributes in all (limit `max_attributes`: \(maxAttributes.grouped))"
                    }
                    // The name (a first `=` belongs to it, as in the HTML tokenizer).
                    position += 1
                    while position < count, !Self.endsName(bytes[position]), bytes[position] != UInt8(ascii: "=") {
                        position += 1
                    }
                    while position < count, Self.isSpace(bytes[position]) { position += 1 }
                    guard position < count, bytes[position] == UInt8(ascii: "=") else { continue }
                    position += 1
                    while position < count, Self.isSpace(bytes[position]) { position += 1 }
                    guard position < count else { break }
                    let quote = bytes[position]
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        guard let close = memchr(base + position + 1, Int32(quote), count - position - 1) else {
                            position = count
                            break
                        }
                        position = base.distance(to: close.assumingMemoryBound(to: UInt8.self)) + 1
                    } else {
                        while position < count, !Self.isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
                            position += 1
                        }
                    }
                }
                index = position
                if let end = Self.endOfRawText(bytes, name: name, from: position) { index = end }
            } else if byte == UInt8(ascii: "!"), next + 2 < count, bytes[next + 1] == UInt8(ascii: "-"),
                bytes[next + 2] == UInt8(ascii: "-")
            {
                index = Self.endOfComment(bytes, from: next + 3)
            } else {
                index = next
            }
        }
        return nil
    }

    /// Elements whose content is text up to their end tag (no elements inside).
    private static let rawTextNames: [StaticString] = ["script", "style", "textarea", "title", "xmp", "noembed", "noframes", "iframe"]

    /// Whether the bytes at `index` spell `name` (lower-case ASCII), each byte compared with `0x20` set.
    @inline(__always)
    private static func spells(_ name: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let letters = name.utf8Start
        for offset in 0..<name.utf8CodeUnitCount where letters[offset] != bytes[index + offset] | 0x20 { return false }
        return true
    }

    /// Where the content of a raw-text element ends (the `<` of its end tag), or nil when `name` is none.
    private static func endOfRawText(_ bytes: UnsafeBufferPointer<UInt8>, name: Range<Int>, from start: Int) -> Int? {
        guard name.count >= 3, name.count <= 8, let base = bytes.baseAddress else { return nil }
        var found: StaticString?
        for candidate in rawTextNames
        where candidate.utf8CodeUnitCount == name.count && spells(candidate, bytes, at: name.lowerBound) {
            found = candidate
            break
        }
        guard let raw = found else { return nil }
        let length = raw.utf8CodeUnitCount
        var index = start
        while index < bytes.count {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), bytes.count - index) else { return bytes.count }
            let open = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let nameStart = open + 2
            if nameStart + length <= bytes.count, bytes[open + 1] == UInt8(ascii: "/"), spells(raw, bytes, at: nameStart) {
                return open
            }
            index = open + 1
        }
        return bytes.count
    }

    /// One past the `-->` that ends a comment whose content starts at `start` (the end of the bytes if none).
    private static func endOfComment(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var index = start
        while index < bytes.count {
            guard let found = memchr(base + index, Int32(UInt8(ascii: ">")), bytes.count - index) else { return bytes.count }
            let close = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if close >= start + 2, bytes[close - 1] == UInt8(ascii: "-"), bytes[close - 2] == UInt8(ascii: "-") {
                return close + 1
            }
            index = close + 1
        }
        return bytes.count
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    @inline(__always)
    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }
}

extension Int {
    /// The number with thousands separated by commas (`80,000`), for messages.
    var grouped: String {
        let digits = String(magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return self < 0 ? "-" + result : result
    }
}
