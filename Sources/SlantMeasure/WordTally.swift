/// Word counts summed straight from UTF-8 bytes: the keyness input of an outlet, built from
/// every article's stored words without making a `String` per word and article.
///
/// An open-addressing hash table whose keys live in one byte buffer; ``counts`` turns it
/// into a dictionary once all articles are added.
public struct WordTally: Sendable {
    private var text: [UInt8] = []
    /// Per entry: where its word starts in `text`, its length, its hash and its count.
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    private var totals: [Int] = []
    /// Entry index + 1 per slot, 0 for an empty slot; the count of slots is a power of two.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    public init() {}

    /// The number of distinct words.
    public var count: Int { totals.count }

    /// Adds `count` occurrences of the word with these UTF-8 bytes.
    public mutating func add(_ word: UnsafeRawBufferPointer, count: Int) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { break }
            if hashes[entry] == hash, lengths[entry] == word.count, matches(entry, word) {
                totals[entry] += count
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(truncatingIfNeeded: totals.count + 1)
        starts.append(text.count)
        lengths.append(word.count)
        hashes.append(hash)
        totals.append(count)
        text.append(contentsOf: word)
        if totals.count * 2 > slots.count { grow() }
    }

    /// Adds another tally's counts.
    public mutating func add(_ other: WordTally) {
        other.text.withUnsafeBytes { bytes in
            for entry in other.totals.indices {
                add(UnsafeRawBufferPointer(rebasing: bytes[other.starts[entry]..<other.starts[entry] + other.lengths[entry]]), count: other.totals[entry])
            }
        }
    }

    /// The counts by word.
    public var counts: [String: Int] {
        var counts: [String: Int] = [:]
        counts.reserveCapacity(totals.count)
        text.withUnsafeBytes { bytes in
            for entry in totals.indices {
                let word = String(decoding: bytes[starts[entry]..<starts[entry] + lengths[entry]], as: UTF8.self)
                counts[word, default: 0] += totals[entry]
            }
        }
        return counts
    }

    private func matches(_ entry: Int, _ word: UnsafeRawBufferPointer) -> Bool {
        text.withUnsafeBytes { bytes in
            let start = starts[entry]
            for offset in 0..<word.count where bytes[start + offset] != word[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        var grown = [Int32](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for entry in totals.indices {
            let hash = hashes[entry]
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(truncatingIfNeeded: entry + 1)
        }
        slots = grown
    }
}
