import Glibc

/// Repairs, before parsing, markup that libxml2's HTML 4 parser reads differently from a browser.
///
/// `<script src="…"/>` and `<style/>`: HTML ignores the `/` of a non-void element, so the script
/// runs on to its `</script>`; libxml2 closes the element at once and the script's code becomes
/// page text (code then lands in the article or its comments). The `/` is blanked out, which is what
/// a browser does with it.
enum MarkupRepair {
    /// The bytes with every self-closed `<script …/>` and `<style …/>` opened; nil when there is none
    /// (the common case: nothing copied).
    static func openingSelfClosedRawText(_ bytes: [UInt8]) -> [UInt8]? {
        var positions: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var offset = 0
            while offset < count {
                guard let found = memchr(base + offset, Int32(UInt8(ascii: "<")), count - offset) else { break }
                let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                offset = start + 1
                guard let nameLength = rawTextName(buffer, at: start + 1) else { continue }
                if let slash = selfClosingSlash(buffer, from: start + 1 + nameLength) { positions.append(slash) }
            }
        }
        guard !positions.isEmpty else { return nil }
        var repaired = bytes
        for position in positions { repaired[position] = 0x20 }
        return repaired
    }

    /// The length of `script` or `style` at `index` (any case), followed by white space, `/` or `>`.
    private static func rawTextName(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        for name in ["script", "style"] as [StaticString] {
            let length = name.utf8CodeUnitCount
            guard index + length < bytes.count else { continue }
            var matches = true
            for offset in 0..<length where bytes[index + offset] | 0x20 != name.utf8Start[offset] {
                matches = false
                break
            }
            guard matches else { continue }
            let next = bytes[index + length]
            if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == 0x0C || next == UInt8(ascii: "/")
                || next == UInt8(ascii: ">")
            {
                return length
            }
        }
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
