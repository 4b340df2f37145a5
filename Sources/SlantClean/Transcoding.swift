// Transcoding to UTF-8 with the C library's iconv.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TextDecoding {
    /// One iconv conversion descriptor from some encoding to UTF-8. It owns the
    /// descriptor and closes it exactly once, when it goes out of scope; being
    /// noncopyable, it cannot be closed twice or used after closing.
    struct Iconv: ~Copyable {
        private let descriptor: iconv_t

        /// `nil` if iconv does not know the encoding (or cannot convert it to UTF-8).
        init?(from iconvName: String) {
            let descriptor = iconv_open("UTF-8", iconvName)
            // iconv_open reports failure as (iconv_t)-1.
            guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
            self.descriptor = descriptor
        }

        deinit { iconv_close(descriptor) }

        /// Converts all of `input`, appending UTF-8 to `output`. An ill-formed
        /// or unmappable byte (EILSEQ) becomes U+FFFD and is skipped; an
        /// incomplete sequence at the end (EINVAL) becomes one U+FFFD. Returns
        /// the number of replacements.
        func convert(_ input: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]) -> Int {
            guard let inputBase = input.baseAddress, !input.isEmpty else { return 0 }
            // iconv's prototype takes `char **` for the input even though it does not write through it.
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inputBase)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = input.count
            var replaced = 0
            let chunkSize = min(max(input.count * 3, 64), 64 * 1024)
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: chunkSize) { chunk in
                guard let chunkBase = chunk.baseAddress else { return }
                /// Runs iconv once into the chunk and moves what it wrote to `output`.
                func step(_ input: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                          _ left: UnsafeMutablePointer<Int>?) -> (failed: Bool, error: Int32) {
                    var outPointer: UnsafeMutablePointer<CChar>? = chunkBase
                    var outLeft = chunk.count
                    let status = iconv(descriptor, input, left, &outPointer, &outLeft)
                    let error = errno
                    let written = chunk.count - outLeft
                    if written > 0 {
                        output.append(contentsOf: UnsafeRawBufferPointer(start: chunkBase, count: written))
                    }
                    return (status == -1, error)
                }
                while inLeft > 0 {
                    let (failed, error) = step(&inPointer, &inLeft)
                    guard failed else { continue }
                    switch error {
                    case E2BIG:
                        continue  // the chunk is full: it has been emptied, go on
                    case EINVAL:
                        // An incomplete sequence at the end of the input.
                        output.append(contentsOf: TextDecoding.replacementCharacter)
                        replaced += 1
                        inLeft = 0
                    default:
                        // EILSEQ, or anything unexpected: replace one byte and go on,
                        // so that every turn of the loop makes progress.
                        output.append(contentsOf: TextDecoding.replacementCharacter)
                        replaced += 1
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                    }
                }
                // Flush any shift state (stateful encodings such as ISO-2022-JP).
                while step(nil, nil) == (true, E2BIG) {}
            }
            return replaced
        }
    }

    /// Transcodes `bytes` from `charset` to UTF-8. `nil` if iconv cannot open
    /// a conversion from it.
    static func transcode(_ bytes: UnsafeBufferPointer<UInt8>, from charset: Charset) -> (utf8: [UInt8], replaced: Int)? {
        if let table = SingleByteTable.tables[charset] { return table.decode(bytes) }
        guard let converter = Iconv(from: charset.iconvName) else { return nil }
        var output = [UInt8]()
        // Single-byte Cyrillic and Greek text doubles in size; CJK grows by half.
        output.reserveCapacity(bytes.count + bytes.count / 2 + 16)
        let replaced = converter.convert(bytes, appendingTo: &output)
        return (output, replaced)
    }

    /// A single-byte encoding as a table of what iconv makes of each byte.
    ///
    /// glibc's iconv runs at about 4 ns a byte (0.75 ms for a 200 KB page in
    /// windows-1251), too slow for the pages of a Russian site; the table does
    /// the same in a fraction of that. It is read from iconv itself, once per
    /// process, so the two cannot disagree. Kept for the encodings the detector
    /// weighs (and which legacy pages mostly use); iconv does the others.
    struct SingleByteTable: Sendable {
        /// Per byte: its UTF-8 bytes, little-endian in the low 24 bits, and
        /// their number in the top 8. U+FFFD where the byte is undefined.
        private let entries: [UInt32]
        /// What each byte 0x80...0xFF decodes to (U+FFFD where undefined).
        let scalars: [UInt32]

        static let tables: [Charset: SingleByteTable] = {
            var tables = [Charset: SingleByteTable]()
            for charset in [Charset.windows1251, .koi8r, .windows1252, .windows1250, .iso8859_2] {
                if let scalars = decodeHighBytes(charset) { tables[charset] = SingleByteTable(scalars: scalars) }
            }
            return tables
        }()

        private static let replacementEntry: UInt32 = 3 << 24 | 0xBD_BF_EF

        private init(scalars: [UInt32]) {
            self.scalars = scalars
            // Single-byte encodings stay in the Basic Multilingual Plane: three
            // UTF-8 bytes at most. Anything else would be a surprise, read as U+FFFD.
            entries = ((0 ..< 0x80).map { UInt32($0) } + scalars).map { value in
                switch value {
                case 0 ..< 0x80:
                    1 << 24 | value
                case 0x80 ..< 0x800:
                    2 << 24 | (0x80 | value & 0x3F) << 8 | (0xC0 | value >> 6)
                case 0x800 ..< 0xD800, 0xE000 ..< 0x10000:
                    3 << 24 | (0x80 | value & 0x3F) << 16 | (0x80 | value >> 6 & 0x3F) << 8 | (0xE0 | value >> 12)
                default:
                    SingleByteTable.replacementEntry
                }
            }
        }

        /// What each byte 0x80...0xFF decodes to in `charset` according to iconv
        /// (U+FFFD where undefined); `nil` if iconv cannot convert from it.
        static func decodeHighBytes(_ charset: Charset) -> [UInt32]? {
            guard let converter = Iconv(from: charset.iconvName) else { return nil }
            var scalars = [UInt32]()
            scalars.reserveCapacity(128)
            for byte in UInt8(0x80) ... 0xFF {
                var output = [UInt8]()
                _ = [byte].withUnsafeBufferPointer { converter.convert($0, appendingTo: &output) }
                let decoded = String(decoding: output, as: UTF8.self).unicodeScalars
                scalars.append(decoded.count == 1 ? decoded[decoded.startIndex].value : 0xFFFD)
            }
            return scalars
        }

        func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> (utf8: [UInt8], replaced: Int) {
            var replaced = 0
            let utf8 = [UInt8](unsafeUninitializedCapacity: bytes.count * 3) { output, initialized in
                initialized = 0
                guard let out = output.baseAddress else { return }
                var cursor = out
                entries.withUnsafeBufferPointer { entries in
                    guard let table = entries.baseAddress else { return }
                    // No branch on the byte: three bytes written, as many kept as
                    // the character has (the output has room for three per byte).
                    for byte in bytes {
                        let entry = table[Int(byte)]
                        cursor[0] = UInt8(truncatingIfNeeded: entry)
                        cursor[1] = UInt8(truncatingIfNeeded: entry &>> 8)
                        cursor[2] = UInt8(truncatingIfNeeded: entry &>> 16)
                        cursor += Int(entry &>> 24)
                        replaced &+= entry == SingleByteTable.replacementEntry ? 1 : 0
                    }
                }
                initialized = cursor - out
            }
            return (utf8, replaced)
        }
    }

    /// windows-1252 without iconv, the last resort when the C library has no
    /// conversion at all (a stripped container without gconv modules). Bytes
    /// that windows-1252 leaves undefined become U+FFFD, as through iconv.
    static func decodeWindows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> (utf8: [UInt8], replaced: Int) {
        var output = [UInt8]()
        output.reserveCapacity(bytes.count + bytes.count / 4)
        var replaced = 0
        for byte in bytes {
            let scalar: UInt32
            switch byte {
            case 0 ..< 0x80: output.append(byte); continue
            case 0x80 ..< 0xA0: scalar = windows1252C1[Int(byte) - 0x80]
            default: scalar = UInt32(byte)
            }
            if scalar == 0xFFFD { replaced += 1 }
            if let encoded = Unicode.Scalar(scalar).flatMap(UTF8.encode) { output.append(contentsOf: encoded) }
        }
        return (output, replaced)
    }

    /// What windows-1252 puts at 0x80...0x9F, where ISO-8859-1 has control codes (U+FFFD where it
    /// puts nothing: 0x81, 0x8D, 0x8F, 0x90, 0x9D).
    static let windows1252C1: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]
}
