import Foundation
import SlantCore

/// A source's `filter:`: documents must mention one of a set of words, checked on the raw bytes of each
/// document before anything parses it, by one pass of an Aho–Corasick automaton (compiled once into a
/// table over byte classes) over the case- and diacritic-folded bytes.
///
/// The scan is meant never to drop a document that the tagger would find a match in: a needle is one
/// word of each lexicon variant (every match of the variant contains it), text and needles are folded
/// alike and more coarsely than the tagger folds (lower case, diacritics and the letters readers take
/// for plain ones, typographic apostrophes), numeric character references and the Latin-1 named ones
/// are read as the characters they stand for, and a document the scan cannot read faithfully passes:
/// one that is not UTF-8 (a legacy or UTF-16 encoding) whenever some needle is not ASCII. What it
/// cannot see is a word broken by markup (`Kara<b>bakh</b>`); case is folded for U+0000–U+07FF (Latin,
/// Greek, Cyrillic, Armenian, Hebrew, Arabic) only.
public struct Prefilter: Sendable, Hashable, CustomStringConvertible {
    /// The folded needles, sorted.
    public let needles: [String]
    private let automaton: Automaton
    private let hasNonASCIINeedle: Bool

    /// A filter passing documents that contain any of `words` (each a word or the start of one; case,
    /// diacritics and apostrophes do not matter). Nil when no word has a letter left to look for.
    public init?(words: [String]) {
        var folded = Set<[UInt8]>()
        for word in words {
            if let needle = Self.needle(for: [word]), !needle.isEmpty { folded.insert(needle) }
        }
        guard !folded.isEmpty else { return nil }
        // A needle that contains another needle is never needed: the shorter one matches first.
        let sorted = folded.sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
        var kept: [[UInt8]] = []
        for needle in sorted where !kept.contains(where: { needle.contains(subsequence: $0) }) { kept.append(needle) }
        needles = kept.map { String(decoding: $0, as: UTF8.self) }.sorted()
        hasNonASCIINeedle = kept.contains { $0.contains { $0 >= 0x80 } }
        automaton = Automaton(kept)
    }

    /// The shortest piece a needle of one word may be; a variant whose words are all shorter (`44-day
    /// war`) is looked for as a phrase (`44 day war`, any run of spaces and dashes between its words).
    static let minimumPiece = 5

    /// The needle of one lexicon variant, given its normalised words (each match of the variant has all
    /// of them): the longest folded piece of any word, so that the scan is as selective as it can be, or
    /// when no piece is long enough the words as a phrase.
    public static func needle(forWords words: [String]) -> String? {
        needle(for: words).map { String(decoding: $0, as: UTF8.self) }
    }

    static func needle(for words: [String]) -> [UInt8]? {
        let folded = words.map(fold)
        let pieces = folded.flatMap { word in
            word.split { $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "*") || $0 == 0x20 }.map(Array.init)
        }
        guard let longest = pieces.max(by: { $0.count < $1.count }) else { return nil }
        let phraseWords = folded.flatMap { $0.split { $0 == 0x20 || $0 == UInt8(ascii: "*") }.map(Array.init) }
        if longest.count >= minimumPiece || phraseWords.count < 2 { return longest }
        return Array(phraseWords.joined(separator: [0x20]))
    }

    /// A word folded as the scan folds text: runs of spaces and dashes become one space.
    static func fold(_ word: String) -> [UInt8] {
        var folded: [UInt8] = []
        let bytes = Array(word.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = FoldingScanner(buffer)
            while let next = scanner.nextFolded() {
                for byte in next where !(byte == 0x20 && (folded.last == 0x20 || folded.isEmpty)) { folded.append(byte) }
            }
        }
        while folded.last == 0x20 { folded.removeLast() }
        return folded
    }

    /// Whether the document's bytes may mention one of the words.
    public func matches(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { matches($0) }
    }

    public func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return true
        }
        let found = automaton.scan(bytes)
        if found.matched { return true }
        return found.sawInvalidUTF8 && hasNonASCIINeedle
    }

    /// A digest of what the filter passes (part of the key of a source's ingest).
    public var digest: ContentDigest { ContentDigest(ofParts: ["prefilter"] + needles) }

    public var description: String { "Prefilter(\(needles))" }

    public static func == (lhs: Prefilter, rhs: Prefilter) -> Bool { lhs.needles == rhs.needles }
    public func hash(into hasher: inout Hasher) { hasher.combine(needles) }
}

extension Array where Element == UInt8 {
    fileprivate func contains(subsequence other: [UInt8]) -> Bool {
        guard other.count <= count else { return false }
        if other.isEmpty { return true }
        for start in 0...(count - other.count) where self[start] == other[0] {
            if self[start..<(start + other.count)].elementsEqual(other) { return true }
        }
        return false
    }
}

// MARK: - Folding

/// Case and diacritic folding of the scalars U+0000–U+07FF into UTF-8 bytes, shared by needles and text.
enum ByteFolding {
    /// For each scalar below U+0800: its folded bytes packed little-endian (up to 4), and their number.
    static let table: [(bytes: UInt32, count: UInt8)] = (0..<0x800).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return (0, 0) }
        return pack(fold(scalar))
    }

    static func fold(_ scalar: Unicode.Scalar) -> [UInt8] {
        switch scalar {
        case "\u{2018}", "\u{2019}", "\u{02BC}", "\u{02B9}", "`", "\u{00B4}": return [UInt8(ascii: "'")]
        case "ı", "İ": return [UInt8(ascii: "i")]
        case "ł", "Ł": return [UInt8(ascii: "l")]
        case "ø", "Ø": return [UInt8(ascii: "o")]
        case "đ", "Đ": return [UInt8(ascii: "d")]
        case "ß": return Array("ss".utf8)
        case "æ", "Æ": return Array("ae".utf8)
        case "\u{00AD}": return []
        case "\u{00A0}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": return [0x20]
        default: break
        }
        if scalar.properties.isWhitespace { return [0x20] }
        if scalar.properties.generalCategory == .nonspacingMark { return [] }
        let lowered = String(scalar).lowercased().folding(options: [.diacriticInsensitive], locale: nil)
        return Array(lowered.utf8)
    }

    private static func pack(_ bytes: [UInt8]) -> (UInt32, UInt8) {
        guard bytes.count <= 4 else { return (0, 0) }
        var packed: UInt32 = 0
        for (index, byte) in bytes.enumerated() { packed |= UInt32(byte) << (8 * UInt32(index)) }
        return (packed, UInt8(bytes.count))
    }

    /// ASCII folded: lower case; spaces, tabs, line breaks and `-` as a space.
    static let ascii: [UInt8] = (0..<128).map { (byte: Int) -> UInt8 in
        let value = UInt8(byte)
        switch value {
        case 0x41...0x5A: return value | 0x20
        case 0x09, 0x0A, 0x0C, 0x0D, UInt8(ascii: "-"): return 0x20
        default: return value
        }
    }

    /// Named character references that stand for letters (Latin-1's, and the apostrophes), folded.
    static let namedReferences: [[UInt8]: [UInt8]] = {
        var table: [[UInt8]: [UInt8]] = [
            Array("apos".utf8): [UInt8(ascii: "'")], Array("rsquo".utf8): [UInt8(ascii: "'")],
            Array("lsquo".utf8): [UInt8(ascii: "'")], Array("shy".utf8): [], Array("amp".utf8): [UInt8(ascii: "&")], Array("nbsp".utf8): [0x20],
            Array("ndash".utf8): [0x20], Array("mdash".utf8): [0x20], Array("hyphen".utf8): [0x20],
            Array("szlig".utf8): Array("ss".utf8), Array("AElig".utf8): Array("ae".utf8), Array("aelig".utf8): Array("ae".utf8),
            Array("oslash".utf8): [UInt8(ascii: "o")], Array("Oslash".utf8): [UInt8(ascii: "o")],
            Array("eth".utf8): Array("ð".utf8), Array("ETH".utf8): Array("ð".utf8),
            Array("thorn".utf8): Array("þ".utf8), Array("THORN".utf8): Array("þ".utf8),
        ]
        let marks = ["grave", "acute", "circ", "tilde", "uml", "ring", "cedil", "caron"]
        for letter in "aeiouycnszAEIOUYCNSZ" {
            for mark in marks {
                table[Array("\(letter)\(mark)".utf8)] = Array(String(letter).lowercased().utf8)
            }
        }
        return table
    }()
}

/// Reads UTF-8 bytes one character at a time, handing over each folded; records whether the bytes
/// were valid UTF-8. Character references (`&#1040;`, `&#x41;`, `&eacute;`) are read as their characters.
struct FoldingScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var sawInvalidUTF8 = false
    private var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The folded bytes of the next character, or nil at the end (slow path; the automaton inlines the fast one).
    mutating func nextFolded() -> [UInt8]? {
        guard position < bytes.count else { return nil }
        let byte = bytes[position]
        if byte < 0x80 {
            if byte == UInt8(ascii: "&"), let (folded, length) = Self.reference(bytes, at: position) {
                position += length
                return folded
            }
            position += 1
            return [ByteFolding.ascii[Int(byte)]]
        }
        let (value, length, valid) = Self.decode(bytes, at: position)
        position += length
        if !valid {
            sawInvalidUTF8 = true
            return [byte]
        }
        return Self.folded(value, raw: UnsafeBufferPointer(rebasing: bytes[(position - length)..<position]))
    }

    static func folded(_ value: UInt32, raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        if value < 0x80 { return [ByteFolding.ascii[Int(value)]] }
        if value < 0x800 {
            let entry = ByteFolding.table[Int(value)]
            return (0..<Int(entry.count)).map { UInt8(truncatingIfNeeded: entry.bytes >> (8 * UInt32($0))) }
        }
        if value == 0x2018 || value == 0x2019 { return [UInt8(ascii: "'")] }
        if isSpaceOrDash(value) { return [0x20] }
        return Array(raw)
    }

    /// Dashes and spaces above U+07FF, folded to a space: U+2000–U+200A, U+2010–U+2015, U+202F, U+205F, U+2212, U+3000.
    static func isSpaceOrDash(_ value: UInt32) -> Bool {
        (0x2000...0x200A).contains(value) || (0x2010...0x2015).contains(value) || value == 0x202F || value == 0x205F
            || value == 0x2212 || value == 0x3000
    }

    /// A scalar's value, its length in bytes, and whether it is well-formed UTF-8 (else length 1).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (UInt32, Int, Bool) {
        let lead = bytes[position]
        let count = bytes.count
        func continuation(_ offset: Int) -> UInt32? {
            guard position + offset < count else { return nil }
            let byte = bytes[position + offset]
            return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
        }
        switch lead {
        case 0xC2...0xDF:
            guard let second = continuation(1) else { return (UInt32(lead), 1, false) }
            return (UInt32(lead & 0x1F) << 6 | second, 2, true)
        case 0xE0...0xEF:
            guard let second = continuation(1), let third = continuation(2) else { return (UInt32(lead), 1, false) }
            let value = UInt32(lead & 0x0F) << 12 | second << 6 | third
            guard value >= 0x800, !(0xD800...0xDFFF).contains(value) else { return (UInt32(lead), 1, false) }
            return (value, 3, true)
        case 0xF0...0xF4:
            guard let second = continuation(1), let third = continuation(2), let fourth = continuation(3) else {
                return (UInt32(lead), 1, false)
            }
            let value = UInt32(lead & 0x07) << 18 | second << 12 | third << 6 | fourth
            guard value >= 0x10000, value <= 0x10FFFF else { return (UInt32(lead), 1, false) }
            return (value, 4, true)
        default:
            return (UInt32(lead), 1, false)
        }
    }

    /// The folded character a reference at `position` (`&`) stands for, and the reference's length.
    static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> ([UInt8], Int)? {
        let count = bytes.count
        var index = position + 1
        guard index < count else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            var hex = false
            if index < count, bytes[index] | 0x20 == UInt8(ascii: "x") {
                hex = true
                index += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while index < count, digits < 8 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x61...0x66 where hex: digit = UInt32(byte - 0x61 + 10)
                case 0x41...0x46 where hex: digit = UInt32(byte - 0x41 + 10)
                default: digit = 99
                }
                if digit == 99 { break }
                value = value * (hex ? 16 : 10) + digit
                digits += 1
                index += 1
            }
            guard digits > 0, let scalar = Unicode.Scalar(value) else { return nil }
            if index < count, bytes[index] == UInt8(ascii: ";") { index += 1 }
            let utf8 = Array(String(scalar).utf8)
            let character = utf8.withUnsafeBufferPointer { Self.folded(value, raw: $0) }
            return (character, index - position)
        }
        var name: [UInt8] = []
        while index < count, name.count < 8 {
            let byte = bytes[index]
            guard (byte | 0x20) >= 0x61, (byte | 0x20) <= 0x7A else { break }
            name.append(byte)
            index += 1
        }
        guard index < count, bytes[index] == UInt8(ascii: ";"), let folded = ByteFolding.namedReferences[name] else { return nil }
        return (folded, index + 1 - position)
    }
}

// MARK: - The automaton

/// An Aho–Corasick automaton compiled into a full transition table over byte classes: one table read per
/// folded byte, whatever the number of needles.
private struct Automaton: Sendable, Hashable {
    /// The class of each byte (0: a byte no needle has).
    private let classes: [UInt8]
    /// The class of each ASCII byte after lower-casing.
    private let asciiClasses: [UInt8]
    private let classCount: Int
    /// The class of a space (0 when no needle has one): runs of spaces are fed as one.
    private let spaceClass: UInt8
    /// `transitions[state * classCount + class]`: the next state.
    private let transitions: [Int32]
    private let accepting: [Bool]
    /// The bytes that leave the automaton in its start state whatever came before: ASCII, not `&`, and
    /// starting no needle once folded. Runs of them are skipped without a table read each.
    private let inert: [Bool]

    init(_ needles: [[UInt8]]) {
        var classes = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        for needle in needles {
            for byte in needle where classes[Int(byte)] == 0 {
                classes[Int(byte)] = next
                next += 1
            }
        }
        let classCount = Int(next)
        // The trie.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var accepting = [false]
        for needle in needles {
            var state = 0
            for byte in needle {
                let symbol = Int(classes[Int(byte)])
                if goto[state][symbol] < 0 {
                    goto[state][symbol] = Int32(goto.count)
                    goto.append([Int32](repeating: -1, count: classCount))
                    accepting.append(false)
                }
                state = Int(goto[state][symbol])
            }
            accepting[state] = true
        }
        // Failure links, breadth first, folded into a full table.
        var table = [Int32](repeating: 0, count: goto.count * classCount)
        var failure = [Int](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for symbol in 0..<classCount {
            let target = goto[0][symbol]
            if target >= 0 {
                table[symbol] = target
                failure[Int(target)] = 0
                queue.append(Int(target))
            } else {
                table[symbol] = 0
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            if accepting[failure[state]] { accepting[state] = true }
            for symbol in 0..<classCount {
                let target = goto[state][symbol]
                if target >= 0 {
                    failure[Int(target)] = Int(table[failure[state] * classCount + symbol])
                    table[state * classCount + symbol] = target
                    queue.append(Int(target))
                } else {
                    table[state * classCount + symbol] = table[failure[state] * classCount + symbol]
                }
            }
        }
        self.classes = classes
        asciiClasses = (0..<128).map { byte in classes[Int(ByteFolding.ascii[byte])] }
        spaceClass = classes[0x20]
        self.classCount = classCount
        transitions = table
        self.accepting = accepting
        inert = (0..<256).map { byte in
            byte < 0x80 && byte != Int(UInt8(ascii: "&")) && table[Int(classes[Int(ByteFolding.ascii[byte])])] == 0
        }
    }

    /// Whether a needle occurs in the folded bytes, and whether they were all well-formed UTF-8.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (matched: Bool, sawInvalidUTF8: Bool) {
        var sawInvalid = false
        let count = bytes.count
        return transitions.withUnsafeBufferPointer { table in
            accepting.withUnsafeBufferPointer { accepting in
                asciiClasses.withUnsafeBufferPointer { ascii in
                    classes.withUnsafeBufferPointer { classes in
                        inert.withUnsafeBufferPointer { inert in
                            let stride = classCount
                            var state = 0
                            var position = 0
                            let space = spaceClass
                            var afterSpace = false
                            @inline(__always) func feed(_ byte: UInt8) -> Bool {
                                let symbol = classes[Int(byte)]
                                if space != 0 {
                                    if symbol == space {
                                        if afterSpace { return false }
                                        afterSpace = true
                                    } else {
                                        afterSpace = false
                                    }
                                }
                                state = Int(table[state * stride + Int(symbol)])
                                return accepting[state]
                            }
                            while position < count {
                                if state == 0 {
                                    // In the start state an inert byte leaves it there: skip the run. Only
                                    // whether the last one was a space could matter, and the next byte that
                                    // leaves the start state is not one, so that is settled there.
                                    let first = position
                                    while position < count, inert[Int(bytes[position])] { position += 1 }
                                    if position > first {
                                        afterSpace = space != 0 && ascii[Int(bytes[position - 1])] == space
                                        if position == count { break }
                                    }
                                }
                                let byte = bytes[position]
                                if byte < 0x80 {
                                    if byte == UInt8(ascii: "&"), let (folded, length) = FoldingScanner.reference(bytes, at: position) {
                                        for piece in folded where feed(piece) { return (true, sawInvalid) }
                                        position += length
                                        continue
                                    }
                                    let symbol = ascii[Int(byte)]
                                    position += 1
                                    if space != 0 {
                                        if symbol == space {
                                            if afterSpace { continue }
                                            afterSpace = true
                                        } else {
                                            afterSpace = false
                                        }
                                    }
                                    state = Int(table[state * stride + Int(symbol)])
                                    if accepting[state] { return (true, sawInvalid) }
                                    continue
                                }
                                let (value, length, valid) = FoldingScanner.decode(bytes, at: position)
                                if !valid {
                                    sawInvalid = true
                                    if feed(byte) { return (true, sawInvalid) }
                                    position += 1
                                    continue
                                }
                                if value < 0x800 {
                                    let entry = ByteFolding.table[Int(value)]
                                    var packed = entry.bytes
                                    for _ in 0..<entry.count {
                                        if feed(UInt8(truncatingIfNeeded: packed)) { return (true, sawInvalid) }
                                        packed >>= 8
                                    }
                                } else if value == 0x2018 || value == 0x2019 {
                                    if feed(UInt8(ascii: "'")) { return (true, sawInvalid) }
                                } else if FoldingScanner.isSpaceOrDash(value) {
                                    if feed(0x20) { return (true, sawInvalid) }
                                } else {
                                    for offset in 0..<length where feed(bytes[position + offset]) { return (true, sawInvalid) }
                                }
                                position += length
                            }
                            return (false, sawInvalid)
                        }
                    }
                }
            }
        }
    }
}
