import SlantCore

/// What near-duplicate detection keeps of one article, computed once and stored under its own key:
/// the hashes of its word shingles in text order (with the sentence each starts in), their MinHash
/// signature, and the few texts agency marks are looked for in (byline, start, last block).
public struct OriginSignature: Sendable, Hashable {
    /// Word tokens of the body.
    public var words: Int
    /// The MinHash signature: per hash function, the least value over the article's distinct shingles.
    public var minhash: [UInt32]
    /// The 32-bit hash of each word shingle, in text order.
    public var shingles: [UInt32]
    /// For each sentence, the number of shingles that start in it or before (cumulative).
    public var sentenceEnds: [UInt32]
    public var byline: String?
    /// The start of the body (a dateline is there) and its last block (a credit line is there).
    public var lead: String
    public var tail: String

    public init(words: Int, minhash: [UInt32], shingles: [UInt32], sentenceEnds: [UInt32], byline: String?, lead: String, tail: String) {
        self.words = words
        self.minhash = minhash
        self.shingles = shingles
        self.sentenceEnds = sentenceEnds
        self.byline = byline
        self.lead = lead
        self.tail = tail
    }
}

/// The stage that makes an article's ``OriginSignature`` (after segment, beside tag): a pure function
/// of the segmented article and the shingle length.
public struct OriginSignatureStage: Stage {
    public typealias Input = SegmentedArticle
    public typealias Output = OriginSignature

    public static let name = "origin-signature"
    public static let version = 1
    /// Hash functions of the MinHash signature: 64 bands of 2 rows for candidate pairs.
    public static let hashes = 128

    public let shingleWords: Int

    public init(shingleWords: Int = 5) { self.shingleWords = shingleWords }

    public var configurationDigest: ContentDigest { ContentDigest(ofParts: [Self.name, "shingle-words", String(shingleWords)]) }

    /// The multipliers and offsets of the hash functions (odd multipliers; fixed, so that every
    /// signature ever stored is comparable).
    static let functions: [(UInt64, UInt64)] = {
        var state: UInt64 = 0x5EED_0F_0121_6A1E
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<hashes).map { _ in (next() | 1, next()) }
    }()

    /// The MinHash signature of a set of 64-bit shingle hashes (empty for no shingles).
    public static func minhash(of shingles: [UInt64]) -> [UInt32] {
        guard !shingles.isEmpty else { return [] }
        var minhash = [UInt32](repeating: .max, count: hashes)
        functions.withUnsafeBufferPointer { functions in
            minhash.withUnsafeMutableBufferPointer { minhash in
                for hash in Set(shingles) {
                    for index in 0..<functions.count {
                        let value = UInt32(truncatingIfNeeded: (functions[index].0 &* hash &+ functions[index].1) >> 32)
                        if value < minhash[index] { minhash[index] = value }
                    }
                }
            }
        }
        return minhash
    }

    public func process(_ article: SegmentedArticle) throws(DocumentError) -> OriginSignature {
        let body = article.body
        var words: [UInt64] = []
        var wordSentence: [Int] = []
        var sentence = 0
        let sentences = body.sentences
        WordHashing.forEachWord(body.text) { start, hash in
            while sentence + 1 < sentences.count, start >= sentences[sentence + 1].start { sentence += 1 }
            words.append(hash)
            wordSentence.append(sentence)
        }
        var shingles: [UInt32] = []
        var full: [UInt64] = []
        var ends = [UInt32](repeating: 0, count: max(1, sentences.count))
        if words.count >= shingleWords {
            shingles.reserveCapacity(words.count - shingleWords + 1)
            for start in 0...(words.count - shingleWords) {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for offset in 0..<shingleWords { hash = (hash ^ words[start + offset]) &* 0x100_0000_01b3 }
                hash = WordHashing.mix(hash)
                full.append(hash)
                shingles.append(UInt32(truncatingIfNeeded: hash))
                let owner = min(wordSentence[start], ends.count - 1)
                ends[owner] += 1
            }
        }
        var running: UInt32 = 0
        for index in ends.indices {
            running += ends[index]
            ends[index] = running
        }
        let minhash = Self.minhash(of: full)
        let text = article.article.body
        let blocks = article.article.blocks
        let utf8 = Array(text.utf8)
        func slice(_ start: Int, _ end: Int) -> String {
            String(decoding: utf8[max(0, min(start, utf8.count))..<max(0, min(end, utf8.count))], as: UTF8.self)
        }
        let firstEnd = blocks.first.map { $0.end } ?? utf8.count
        let lead = String(slice(0, firstEnd).unicodeScalars.prefix(200))
        let tail = blocks.last.map { String(slice($0.start, $0.end).unicodeScalars.prefix(200)) } ?? ""
        return OriginSignature(
            words: words.count, minhash: minhash, shingles: shingles, sentenceEnds: sentences.isEmpty ? [] : ends,
            byline: article.article.metadata.byline, lead: lead, tail: tail)
    }
}

/// Words of a text as 64-bit hashes of their case-folded letters, found on the UTF-8 bytes.
enum WordHashing {
    /// The SplitMix64 finaliser: spreads a hash's bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A scalar folded to lower case for the scripts news in this corpus use (Latin, Greek,
    /// Cyrillic, Armenian); others as they are.
    static func fold(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE: return value + 0x20
        case 0x391...0x3A9: return value + 0x20
        case 0x410...0x42F: return value + 0x20
        case 0x400...0x40F: return value + 0x50
        case 0x531...0x556: return value + 0x30
        default: return value
        }
    }

    /// Calls `body` with the UTF-8 offset and hash of every word (a run of letters and digits; an
    /// apostrophe inside a word belongs to it).
    static func forEachWord(_ text: String, _ body: (Int, UInt64) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            var start = -1
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            while index < bytes.count {
                let lead = bytes[index]
                var scalar = UInt32(lead)
                var length = 1
                if lead >= 0xF0, index + 3 < bytes.count {
                    scalar = (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12) | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
                    length = 4
                } else if lead >= 0xE0, index + 2 < bytes.count {
                    scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
                    length = 3
                } else if lead >= 0xC0, index + 1 < bytes.count {
                    scalar = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                    length = 2
                }
                let isWord: Bool
                if scalar < 0x80 {
                    isWord = (scalar >= 0x30 && scalar <= 0x39) || (scalar >= 0x41 && scalar <= 0x5A) || (scalar >= 0x61 && scalar <= 0x7A)
                        || (start >= 0 && scalar == 0x27)
                } else if scalar == 0x2019 {
                    isWord = start >= 0
                } else {
                    isWord = Unicode.Scalar(scalar).map { $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
                }
                if isWord {
                    if start < 0 {
                        start = index
                        hash = 0xcbf2_9ce4_8422_2325
                    }
                    let folded = scalar == 0x2019 ? 0x27 : fold(scalar)
                    hash = (hash ^ UInt64(folded)) &* 0x100_0000_01b3
                } else if start >= 0 {
                    body(start, mix(hash))
                    start = -1
                }
                index += length
            }
            if start >= 0 { body(start, mix(hash)) }
        }
    }
}
