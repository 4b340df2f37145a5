/// Unicode letter properties of scalars, answered without Unicode's tables for the Latin, Cyrillic and
/// punctuation blocks news text is mostly made of, and by the standard library for the rest.
///
/// Every fast answer is checked against the standard library's, scalar by scalar, in `LettersTests`.
enum Letters {
    /// Whether a non-ASCII scalar is alphabetic (`Unicode.Scalar.Properties.isAlphabetic`).
    static func isAlphabetic(_ value: UInt32) -> Bool {
        switch value {
        case 0xAA, 0xB5, 0xBA: true
        case 0x80...0xBF, 0xD7, 0xF7, 0x2000...0x206F: false
        case 0xC0...0x24F, 0x400...0x481, 0x48A...0x52F: true
        default: Unicode.Scalar(value)?.properties.isAlphabetic ?? false
        }
    }

    /// Whether `String.lowercased()` surely leaves a non-ASCII scalar as it is: the lower-case Latin-1
    /// letters and the lower-case basic Cyrillic ones, all alphabetic. A false answer says nothing.
    @inline(__always)
    static func isLowerCase(_ value: UInt32) -> Bool {
        switch value {
        case 0xDF...0xF6, 0xF8...0xFF, 0x430...0x45F: true
        default: false
        }
    }

    /// The lower case of a capital of Latin-1 or of basic Cyrillic, a single alphabetic scalar (what
    /// `lowercased()` gives for it); nil for every other scalar.
    @inline(__always)
    static func simpleLowercase(_ value: UInt32) -> UInt32? {
        switch value {
        case 0xC0...0xD6, 0xD8...0xDE, 0x410...0x42F: value + 0x20
        case 0x400...0x40F: value + 0x50
        default: nil
        }
    }

    /// Appends the UTF-8 bytes of a scalar.
    @inline(__always)
    static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        if value < 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value))
        } else if value < 0x800 {
            bytes.append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        } else if value < 0x10000 {
            bytes.append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        } else {
            bytes.append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        }
    }

    /// The scalar whose UTF-8 starts at `index` of valid UTF-8 (a Swift string's), with its length in
    /// bytes; nil when the bytes end inside it.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int)? {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + length <= bytes.count else { return nil }
        var value = UInt32(lead) & (0xFF >> UInt32(length + 1))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (value, length)
    }
}
