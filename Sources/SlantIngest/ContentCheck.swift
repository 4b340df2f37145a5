/// Tells text from what is not: empty and whitespace-only files, binary files.
enum ContentCheck {
    /// How many leading bytes are searched for NUL bytes.
    static let sniffLength = 8 * 1024

    /// A known file signature: leading bytes (`nil` matches any byte) and what the file is.
    private struct Signature {
        var bytes: [UInt8?]
        var what: String

        init(_ bytes: [UInt8?], _ what: String) {
            self.bytes = bytes
            self.what = what
        }

        init(_ text: String, _ what: String) {
            self.init(Array(text.utf8), what)
        }

        func matches(_ data: [UInt8]) -> Bool {
            data.count >= bytes.count && zip(bytes, data).allSatisfy { expected, byte in (expected ?? byte) == byte }
        }
    }

    private static let signatures: [Signature] = [
        Signature("%PDF-", "PDF document"),
        Signature([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG image"),
        Signature("GIF87a", "GIF image"),
        Signature("GIF89a", "GIF image"),
        Signature([0xFF, 0xD8, 0xFF], "JPEG image"),
        Signature(Array("RIFF".utf8) + [nil, nil, nil, nil] + Array("WEBP".utf8), "WebP image"),
        Signature([0x49, 0x49, 0x2A, 0x00], "TIFF image"),
        Signature([0x4D, 0x4D, 0x00, 0x2A], "TIFF image"),
        Signature([nil, nil, nil, nil] + Array("ftyp".utf8), "MP4 or other ISO media file"),
        Signature("PK\u{03}\u{04}", "ZIP archive (or a file in a ZIP container: .docx, .epub, .odt)"),
        Signature("PK\u{05}\u{06}", "empty ZIP archive"),
        Signature([0x1F, 0x8B], "gzip-compressed data; decompress it first"),
        Signature(
            [0x42, 0x5A, 0x68, nil, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], "bzip2-compressed data; decompress it first"),
        Signature([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed data; decompress it first"),
        Signature([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed data; decompress it first"),
        Signature([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7-Zip archive"),
        Signature("Rar!\u{1A}\u{07}", "RAR archive"),
        Signature([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "Microsoft Office (OLE) document"),
        Signature([0x7F, 0x45, 0x4C, 0x46], "ELF executable"),
        Signature([0xCF, 0xFA, 0xED, 0xFE], "Mach-O executable"),
        Signature([0xCE, 0xFA, 0xED, 0xFE], "Mach-O executable"),
        Signature("SQLite format 3\u{00}", "SQLite database"),
        Signature("wOFF", "WOFF font"),
        Signature("wOF2", "WOFF2 font"),
        Signature("OggS", "Ogg media file"),
        Signature("fLaC", "FLAC audio"),
    ]

    private static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// What the bytes are if they are not text (`PNG image`, `NUL byte at offset 12`), else `nil`.
    static func binaryDescription(_ bytes: [UInt8]) -> String? {
        if let signature = signatures.first(where: { $0.matches(bytes) }) { return signature.what }
        if startsWithWideBOM(bytes) { return nil }
        let head = bytes.prefix(sniffLength)
        guard let offset = head.firstIndex(of: 0) else { return nil }
        if looksLikeUTF16(head) {
            return "NUL bytes, as in UTF-16 text without a byte-order mark; save it as UTF-8"
        }
        return "NUL byte at offset \(offset)"
    }

    /// Whether the bytes hold nothing but white space (and perhaps a byte-order mark).
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        if bytes.count >= 2 {
            let first = bytes[0]
            let second = bytes[1]
            if first == 0xFF && second == 0xFE { return isBlankUTF16(bytes.dropFirst(2), bigEndian: false) }
            if first == 0xFE && second == 0xFF { return isBlankUTF16(bytes.dropFirst(2), bigEndian: true) }
        }
        let body = bytes.starts(with: utf8BOM) ? bytes.dropFirst(3) : bytes[...]
        // Fast path: stop at the first byte that is neither ASCII white space nor the start of a multi-byte character.
        guard let firstOther = body.firstIndex(where: { !isASCIIWhitespace($0) }) else { return true }
        if body[firstOther] < 0x80 { return false }
        for scalar in String(decoding: body[firstOther...], as: UTF8.self).unicodeScalars
        where !(scalar.properties.isWhitespace || scalar == "\u{FEFF}") {
            return false
        }
        return true
    }

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func startsWithWideBOM(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF])
    }

    /// Text in UTF-16 without a byte-order mark: mostly ASCII, every other byte NUL.
    private static func looksLikeUTF16(_ head: some Collection<UInt8>) -> Bool {
        var zeros = [0, 0]
        var count = 0
        for (index, byte) in head.enumerated() {
            count += 1
            if byte == 0 { zeros[index % 2] += 1 }
        }
        guard count >= 4 else { return false }
        let half = count / 2
        return (zeros[0] * 10 >= half * 9 && zeros[1] == 0) || (zeros[1] * 10 >= half * 9 && zeros[0] == 0)
    }

    private static func isBlankUTF16<Bytes: Collection>(_ bytes: Bytes, bigEndian: Bool) -> Bool
    where Bytes.Element == UInt8 {
        var iterator = bytes.makeIterator()
        while let a = iterator.next() {
            guard let b = iterator.next() else { return false }
            let unit = bigEndian ? UInt16(a) << 8 | UInt16(b) : UInt16(b) << 8 | UInt16(a)
            guard let scalar = Unicode.Scalar(unit), scalar.properties.isWhitespace || scalar == "\u{FEFF}" else {
                return false
            }
        }
        return true
    }
}
