import Foundation
import SlantCore

/// The compact binary forms the store writes for measures and word counts.
///
/// Both start with a format byte that a JSON document cannot start with (JSON blobs
/// written by earlier versions start with `{`), so a store holding either kind keeps
/// working: readers look at the first byte and decode accordingly. Integers are
/// zig-zag LEB128 varints, doubles their IEEE 754 bit pattern (little-endian, so a
/// value reads back bit for bit), strings a byte length and their UTF-8 bytes.
enum StoredFormat {
    /// The first byte of a binary measures blob of the first version (no lexicon per count): still read.
    static let measuresWithoutLexicons: UInt8 = 0x01
    /// The first byte of a binary measures blob of the second version (every count and evidence item
    /// names its lexicon; no headline): still read.
    static let measuresWithoutHeadlines: UInt8 = 0x03
    /// The first byte of a binary measures blob: as the second version, and each evidence item says
    /// whether it is in the headline or the standfirst (voice code 4 is `headline`).
    static let measures: UInt8 = 0x04
    /// The first byte of a binary words blob.
    static let words: UInt8 = 0x02
    /// The first byte of a JSON object.
    static let jsonObject = UInt8(ascii: "{")
}

/// A stored blob that does not decode (damaged, or written by a newer version).
struct MalformedBlob: Error {}

/// Appends values to a byte buffer in the stored binary format.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(format: UInt8, capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
        bytes.append(format)
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func int(_ value: Int) {
        let wide = Int64(value)
        unsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func double(_ value: Double) {
        let pattern = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: pattern >> UInt64(shift))) }
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optionalString(_ value: String?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        string(value)
    }

    mutating func optionalInt(_ value: Int?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        int(value)
    }

    mutating func optionalDouble(_ value: Double?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        double(value)
    }

    mutating func voice(_ value: VoiceKey) {
        bytes.append(ByteReader.voiceCode(value.voice) | (value.distanced ? 0x80 : 0))
    }
}

/// Reads values written by ``ByteWriter`` from a buffer, checking every bound.
struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var position: Int

    /// A reader after the format byte of `bytes`.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        position = 1
    }

    var atEnd: Bool { position >= bytes.count }

    mutating func byte() throws(MalformedBlob) -> UInt8 {
        guard position < bytes.count else { throw MalformedBlob() }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func unsigned() throws(MalformedBlob) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw MalformedBlob() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws(MalformedBlob) -> Int {
        let raw = try unsigned()
        let wide = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        guard let value = Int(exactly: wide) else { throw MalformedBlob() }
        return value
    }

    /// A count of elements that follow, each taking at least one byte.
    mutating func count() throws(MalformedBlob) -> Int {
        let raw = try unsigned()
        guard raw <= UInt64(bytes.count - position) else { throw MalformedBlob() }
        return Int(raw)
    }

    mutating func bool() throws(MalformedBlob) -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        default: throw MalformedBlob()
        }
    }

    mutating func double() throws(MalformedBlob) -> Double {
        guard bytes.count - position >= 8 else { throw MalformedBlob() }
        var pattern: UInt64 = 0
        for offset in 0..<8 { pattern |= UInt64(bytes[position + offset]) << UInt64(offset * 8) }
        position += 8
        return Double(bitPattern: pattern)
    }

    /// The bytes of a length-prefixed string, without making a `String`.
    mutating func stringBytes() throws(MalformedBlob) -> UnsafeRawBufferPointer {
        let length = try count()
        defer { position += length }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<position + length])
    }

    mutating func string() throws(MalformedBlob) -> String {
        String(decoding: try stringBytes(), as: UTF8.self)
    }

    mutating func optionalString() throws(MalformedBlob) -> String? {
        try bool() ? try string() : nil
    }

    mutating func optionalInt() throws(MalformedBlob) -> Int? {
        try bool() ? try int() : nil
    }

    mutating func optionalDouble() throws(MalformedBlob) -> Double? {
        try bool() ? try double() : nil
    }

    mutating func voice() throws(MalformedBlob) -> VoiceKey {
        let code = try byte()
        guard let voice = Self.voice(code & 0x7F) else { throw MalformedBlob() }
        return VoiceKey(voice, distanced: code & 0x80 != 0)
    }

    static func voiceCode(_ voice: Voice) -> UInt8 {
        switch voice {
        case .authorial: 0
        case .quoted: 1
        case .attributed: 2
        case .comment: 3
        case .headline: 4
        }
    }

    static func voice(_ code: UInt8) -> Voice? {
        switch code {
        case 0: .authorial
        case 1: .quoted
        case 2: .attributed
        case 3: .comment
        case 4: .headline
        default: nil
        }
    }
}

/// The byte that says which headline part an evidence item is in: 0 none (body or comment), 1 the
/// headline, 2 the standfirst.
enum HeadlinePartCode {
    static func code(_ part: HeadlinePart?) -> UInt8 {
        switch part {
        case nil: 0
        case .headline: 1
        case .standfirst: 2
        }
    }

    static func part(_ code: UInt8) throws(MalformedBlob) -> HeadlinePart? {
        switch code {
        case 0: nil
        case 1: .headline
        case 2: .standfirst
        default: throw MalformedBlob()
        }
    }
}

/// The stored form of an article's measures: everything but its words (kept apart, for
/// keyness) and its evidence sentences (kept in the `evidence` table).
enum MeasuresFormat {
    static func encode(_ measures: ArticleMeasures) -> [UInt8] {
        var writer = ByteWriter(format: StoredFormat.measures, capacity: 512 + measures.evidence.count * 64)
        writer.string(measures.id)
        writer.string(measures.outlet)
        writer.string(measures.source)
        writer.string(measures.digest)
        writer.optionalString(measures.title)
        writer.optionalString(measures.url)
        writer.optionalString(measures.published)
        writer.optionalString(measures.language)
        writer.optionalString(measures.site)
        writer.int(measures.tokens)
        let voices = measures.voiceTokens.sorted { ByteReader.voiceCode($0.key) < ByteReader.voiceCode($1.key) }
        writer.unsigned(UInt64(voices.count))
        for (voice, count) in voices {
            writer.byte(ByteReader.voiceCode(voice))
            writer.int(count)
        }
        writer.int(measures.sentences)
        writer.int(measures.paragraphs)
        writer.int(measures.comments)
        writer.int(measures.commentTokens)
        writer.unsigned(UInt64(measures.warnings.count))
        for warning in measures.warnings { writer.string(warning) }
        writer.unsigned(UInt64(measures.termCounts.count))
        for count in measures.termCounts {
            writer.string(count.lexicon)
            writer.string(count.family)
            writer.string(count.term)
            writer.string(count.stance)
            writer.voice(count.voice)
            writer.int(count.count)
            writer.int(count.spanRepeats)
        }
        writer.unsigned(UInt64(measures.loadedCounts.count))
        for count in measures.loadedCounts {
            writer.string(count.lexicon)
            writer.string(count.category)
            writer.voice(count.voice)
            writer.int(count.hits)
            writer.double(count.weight)
            writer.bool(count.home)
        }
        writer.unsigned(UInt64(measures.evidence.count))
        for item in measures.evidence {
            writer.byte(item.kind == .term ? 0 : 1)
            writer.string(item.lexicon)
            writer.unsigned(UInt64(item.alsoIn.count))
            for category in item.alsoIn { writer.string(category) }
            writer.string(item.group)
            writer.string(item.item)
            writer.optionalString(item.stance)
            writer.optionalDouble(item.weight)
            writer.string(item.text)
            writer.voice(item.voice)
            writer.optionalString(item.speaker)
            writer.bool(item.negated)
            writer.optionalInt(item.comment)
            writer.byte(HeadlinePartCode.code(item.headlinePart))
            writer.int(item.sentence)
            writer.int(item.start)
            writer.int(item.end)
            writer.int(item.matchStart)
            writer.int(item.matchEnd)
        }
        // The sentence models' counts: a trailing section, written only when a model is configured, so
        // that measures without models are stored exactly as before.
        if !measures.modelCounts.isEmpty {
            writer.unsigned(UInt64(measures.modelCounts.count))
            for count in measures.modelCounts {
                writer.string(count.model)
                writer.voice(count.voice)
                writer.int(count.sentences)
                writer.int(count.loaded)
            }
        }
        return writer.bytes
    }

    /// The measures of a stored blob (binary of any version, or JSON from an earlier version); nil when it
    /// does not decode. Blobs of the first version read with every lexicon `""`; blobs before the third
    /// with no headline part.
    static func decode(_ data: UnsafeRawBufferPointer) -> ArticleMeasures? {
        guard let first = data.first else { return nil }
        if first == StoredFormat.jsonObject {
            return try? JSONDecoder().decode(ArticleMeasures.self, from: Data(data))
        }
        let known = [StoredFormat.measuresWithoutLexicons, StoredFormat.measuresWithoutHeadlines, StoredFormat.measures]
        guard known.contains(first) else { return nil }
        var reader = ByteReader(data)
        return try? decode(
            &reader, lexicons: first != StoredFormat.measuresWithoutLexicons, headlines: first == StoredFormat.measures)
    }

    private static func decode(_ reader: inout ByteReader, lexicons: Bool, headlines: Bool) throws(MalformedBlob) -> ArticleMeasures {
        let id = try reader.string()
        let outlet = try reader.string()
        let source = try reader.string()
        let digest = try reader.string()
        let title = try reader.optionalString()
        let url = try reader.optionalString()
        let published = try reader.optionalString()
        let language = try reader.optionalString()
        let site = try reader.optionalString()
        let tokens = try reader.int()
        var voiceTokens: [Voice: Int] = [:]
        for _ in 0..<(try reader.count()) {
            guard let voice = ByteReader.voice(try reader.byte()) else { throw MalformedBlob() }
            voiceTokens[voice] = try reader.int()
        }
        let sentences = try reader.int()
        let paragraphs = try reader.int()
        let comments = try reader.int()
        let commentTokens = try reader.int()
        var warnings: [String] = []
        for _ in 0..<(try reader.count()) { warnings.append(try reader.string()) }
        var termCounts: [TermCount] = []
        let terms = try reader.count()
        termCounts.reserveCapacity(terms)
        for _ in 0..<terms {
            let lexicon = lexicons ? try reader.string() : ""
            termCounts.append(TermCount(
                lexicon: lexicon, family: try reader.string(), term: try reader.string(), stance: try reader.string(),
                voice: try reader.voice(), count: try reader.int(), spanRepeats: lexicons ? try reader.int() : 0))
        }
        var loadedCounts: [LoadedCount] = []
        let loaded = try reader.count()
        loadedCounts.reserveCapacity(loaded)
        for _ in 0..<loaded {
            let lexicon = lexicons ? try reader.string() : ""
            loadedCounts.append(LoadedCount(
                lexicon: lexicon, category: try reader.string(), voice: try reader.voice(), hits: try reader.int(),
                weight: try reader.double(), home: lexicons ? try reader.bool() : true))
        }
        var evidence: [Evidence] = []
        let items = try reader.count()
        evidence.reserveCapacity(items)
        for _ in 0..<items {
            let kind: Evidence.Kind
            switch try reader.byte() {
            case 0: kind = .term
            case 1: kind = .loaded
            default: throw MalformedBlob()
            }
            var lexicon = ""
            var alsoIn: [String] = []
            if lexicons {
                lexicon = try reader.string()
                for _ in 0..<(try reader.count()) { alsoIn.append(try reader.string()) }
            }
            let group = try reader.string()
            let item = try reader.string()
            let stance = try reader.optionalString()
            let weight = try reader.optionalDouble()
            let text = try reader.string()
            let voice = try reader.voice()
            let speaker = try reader.optionalString()
            let negated = try reader.bool()
            let comment = try reader.optionalInt()
            let part = headlines ? try HeadlinePartCode.part(try reader.byte()) : nil
            evidence.append(Evidence(
                kind: kind, group: group, item: item, stance: stance, weight: weight, text: text, voice: voice,
                speaker: speaker, negated: negated, comment: comment, sentence: try reader.int(), start: try reader.int(),
                end: try reader.int(), sentenceText: "", matchStart: try reader.int(), matchEnd: try reader.int(),
                lexicon: lexicon, alsoIn: alsoIn, headlinePart: part))
        }
        var modelCounts: [ModelCount] = []
        if lexicons, !reader.atEnd {
            for _ in 0..<(try reader.count()) {
                modelCounts.append(ModelCount(
                    model: try reader.string(), voice: try reader.voice(), sentences: try reader.int(), loaded: try reader.int()))
            }
        }
        guard reader.atEnd else { throw MalformedBlob() }
        var measures = ArticleMeasures(
            id: id, outlet: outlet, source: source, digest: digest, title: title, url: url, published: published,
            language: language, site: site, tokens: tokens, voiceTokens: voiceTokens, sentences: sentences,
            paragraphs: paragraphs, comments: comments, commentTokens: commentTokens, warnings: warnings,
            termCounts: termCounts, loadedCounts: loadedCounts, evidence: evidence)
        measures.modelCounts = modelCounts
        return measures
    }
}

/// The stored form of an article's authorial words: the words in byte order, each with its count.
enum WordsFormat {
    static func encode(_ words: [String: Int]) -> [UInt8] {
        var writer = ByteWriter(format: StoredFormat.words, capacity: 16 + words.count * 10)
        let sorted = words.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        writer.unsigned(UInt64(sorted.count))
        for (word, count) in sorted {
            writer.string(word)
            writer.int(count)
        }
        return writer.bytes
    }

    /// Calls `body` with each word's UTF-8 bytes and count; false when the blob does not decode
    /// (what was handed over before the damage stays handed over).
    static func forEach(_ data: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, Int) -> Void) -> Bool {
        guard let first = data.first else { return false }
        if first == StoredFormat.jsonObject {
            guard let words = try? JSONDecoder().decode([String: Int].self, from: Data(data)) else { return false }
            for (word, count) in words {
                var word = word
                word.withUTF8 { body(UnsafeRawBufferPointer($0), count) }
            }
            return true
        }
        guard first == StoredFormat.words else { return false }
        var reader = ByteReader(data)
        do {
            for _ in 0..<(try reader.count()) {
                let word = try reader.stringBytes()
                body(word, try reader.int())
            }
            return reader.atEnd
        } catch {
            return false
        }
    }
}
