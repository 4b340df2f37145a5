import Glibc

/// Repairs, before parsing, markup that libxml2's HTML 4 parser reads differently from a browser.
///
/// - `<script src="…"/>` and `<style/>`: HTML ignores the `/` of a non-void element, so the script
///   runs on to its `</script>`; libxml2 closes the element at once and the script's code becomes
///   page text (code then lands in the article or its comments). The `/` is blanked out, which is
///   what a browser does with it.
/// - `<noscript>…</noscript>`: a browser that runs scripts reads its content as raw text up to
///   `</noscript>`, and Slant never keeps it; libxml2 parses it as markup, and a `<div>` opened
///   inside it and closed outside it (`<noscript><div></noscript>…<noscript></div></noscript>`, a
///   real pattern) puts the whole page inside the `<noscript>`, which is then dropped with the
///   article. The element is cut out, up to its end tag; one without an end tag is left alone.
enum MarkupRepair {
    /// The outcome of a repair.
    struct Repair {
        /// The repaired bytes; nil when there was nothing to repair (the common case: nothing copied).
        var bytes: [UInt8]?
        /// Whether `<noscript>` content was cut out.
        var cutNoscript = false
    }

    /// Repairs the markup. With `keepingNoscriptContent`, only the `<noscript>` tags are cut, not what
    /// they hold (for the pages whose article is only there).
    static func repair(_ bytes: [UInt8], keepingNoscriptContent: Bool = false) -> Repair {
        var blanks: [Int] = []
        var cuts: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var offset = 0
            while offset < count {
                guard let found = memchr(base + offset, Int32(UInt8(ascii: "<")), count - offset) else { break }
                let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                offset = start + 1
                if matchesName(buffer, at: start + 1, "noscript") {
                    guard let end = endOfElement(buffer, from: start + 9, name: "noscript") else { continue }
                    if keepingNoscriptContent {
                        if let open = memchr(base + start, Int32(UInt8(ascii: ">")), end - start) {
                            cuts.append(start..<(base.distance(to: open.assumingMemoryBound(to: UInt8.self)) + 1))
                        }
                        if let close = lastOpening(buffer, before: end) { cuts.append(close..<end) }
                        offset = start + 1
                    } else {
                        cuts.append(start..<end)
                        offset = end
                    }
                    continue
                }
                guard let nameLength = rawTextName(buffer, at: start + 1) else { continue }
                if let slash = selfClosingSlash(buffer, from: start + 1 + nameLength) { blanks.append(slash) }
            }
        }
        guard !blanks.isEmpty || !cuts.isEmpty else { return Repair() }
        var repaired = bytes
        for position in blanks { repaired[position] = 0x20 }
        guard !cuts.isEmpty else { return Repair(bytes: repaired) }
        cuts.sort { $0.lowerBound < $1.lowerBound }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        // Copied through a buffer pointer: appending one copies the bytes at once, an array slice byte by byte.
        repaired.withUnsafeBufferPointer { source in
            var kept = 0
            for cut in cuts where cut.lowerBound >= kept {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: source[kept..<cut.lowerBound]))
                kept = cut.upperBound
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: source[kept...]))
        }
        return Repair(bytes: output, cutNoscript: true)
    }

    /// The offset of the last `<` before `end` (the start of an end tag that finishes at `end`).
    private static func lastOpening(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Int? {
        var index = end - 1
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "<") { return index }
            index -= 1
        }
        return nil
    }

    /// Whether an element name (lower-case ASCII) starts at `index`, in any case, followed by white
    /// space, `/` or `>`.
    private static func matchesName(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ name: StaticString) -> Bool {
        let length = name.utf8CodeUnitCount
        guard index + length < bytes.count else { return false }
        for offset in 0..<length where bytes[index + offset] | 0x20 != name.utf8Start[offset] { return false }
        let next = bytes[index + length]
        return next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == 0x0C || next == UInt8(ascii: "/")
            || next == UInt8(ascii: ">")
    }

    /// One past the `>` of the first `</name>` at or after `index`, or nil.
    private static func endOfElement(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int, name: StaticString) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = index
        while offset < bytes.count {
            guard let found = memchr(base + offset, Int32(UInt8(ascii: "<")), bytes.count - offset) else { return nil }
            let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            offset = start + 1
            guard start + 1 < bytes.count, bytes[start + 1] == UInt8(ascii: "/"), matchesName(bytes, at: start + 2, name)
            else { continue }
            guard let close = memchr(base + start, Int32(UInt8(ascii: ">")), bytes.count - start) else { return nil }
            return base.distance(to: close.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return nil
    }

    /// The length of `script` or `style` at `index` (any case), followed by white space, `/` or `>`.
    private static func rawTextName(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        if matchesName(bytes, at: index, "script") { return 6 }
        if matchesName(bytes, at: index, "style") { return 5 }
        return nil
    }

    /// The offset of the `/` of `/>` ending the tag that continues at `index` (quoted attribute values
    /// skipped), or nil when the tag does not end self-closed; gives up after 4 KiB.
    private static func selfClosingSlash(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int? {
        var position = index
        var quote: UInt8 = 0
        let limit = min(bytes.count, index + 4096)
        while position < limit {
            let byte = bytes[position]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return position > index && bytes[position - 1] == UInt8(ascii: "/") ? position - 1 : nil
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            position += 1
        }
        return nil
    }
}
