/// A fixed set of words, each with a 32-bit value, looked up by their UTF-8 bytes without making a
/// `String`: an open-addressing hash table (FNV-1a over the bytes, linear probing, at most half full).
///
/// Look-ups fold ASCII capitals (`A`–`Z`) to lower case and compare every other byte as it is, so a
/// word is found whatever the case of its ASCII letters; the words stored must have no ASCII capitals.
struct ByteWordTable: Sendable {
    /// For each slot, the index of the word in it, or -1.
    private let slots: [Int32]
    /// Where each word's bytes start in `spellings`, with one more entry for the end of the last.
    private let starts: [Int]
    private let spellings: [UInt8]
    private let values: [UInt32]

    /// The hash of no bytes.
    static let emptyHash: UInt32 = 2_166_136_261

    /// A byte as look-ups compare it: ASCII capitals in lower case.
    @inline(__always)
    static func folded(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// The hash with one more byte, folded as look-ups fold it.
    @inline(__always)
    static func hash(_ hash: UInt32, _ byte: UInt8) -> UInt32 {
        (hash ^ UInt32(folded(byte))) &* 16_777_619
    }

    /// The hash of a whole word.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        bytes.reduce(emptyHash, hash)
    }

    /// The value of a word, 0 when it is not in the table.
    func value(of bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        value(of: bytes, hash: Self.hash(bytes))
    }

    init(_ words: [String: UInt32]) {
        var starts: [Int] = []
        var spellings: [UInt8] = []
        var values: [UInt32] = []
        var size = 16
        while size < words.count * 2 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        // Sorted, so the table is the same in every run.
        for (word, value) in words.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(word.utf8)
            var slot = Int(bytes.withUnsafeBufferPointer(Self.hash) & UInt32(size - 1))
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(values.count)
            starts.append(spellings.count)
            spellings.append(contentsOf: bytes)
            values.append(value)
        }
        starts.append(spellings.count)
        self.slots = slots
        self.starts = starts
        self.spellings = spellings
        self.values = values
    }

    /// The value of the word spelled by `bytes` (whose ``hash(_:)`` is `hash`), 0 when it is not in the table.
    func value(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> UInt32 {
        let sizeMask = slots.count - 1
        var slot = Int(hash) & sizeMask
        while true {
            let entry = Int(slots[slot])
            guard entry >= 0 else { return 0 }
            let start = starts[entry]
            if starts[entry + 1] - start == bytes.count {
                var equal = true
                for (offset, byte) in bytes.enumerated()
                where spellings[start + offset] != Self.folded(byte) {
                    equal = false
                    break
                }
                if equal { return values[entry] }
            }
            slot = (slot + 1) & sizeMask
        }
    }
}
