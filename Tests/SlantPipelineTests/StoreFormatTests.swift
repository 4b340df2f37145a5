import Foundation
import SlantCore
@testable import SlantStore
import Testing

/// The store's compact formats read back what was written, and blobs of earlier versions (JSON) still read.
@Suite struct StoreFormatTests {
    static let measures = ArticleMeasures(
        id: "d57886060c215bc1", outlet: "Outlet 01", source: "corpus/outlet-01/a.html", digest: String(repeating: "ab", count: 32),
        title: "Stadia \"quoted\" – ünïcode", url: "https://example.com/a/b?c=1", published: "2023-01-01", language: "en",
        site: nil, tokens: 108, voiceTokens: [.authorial: 89, .attributed: 19, .comment: 0], sentences: 8, paragraphs: 3,
        comments: 0, commentTokens: 0, warnings: ["thin"],
        termCounts: [TermCount(family: "region", term: "Artsakh", stance: "armenian", voice: .distancedAuthorial, count: 2)],
        loadedCounts: [LoadedCount(category: "intensifiers", voice: .quoted, hits: 3, weight: 0.1 + 0.2)],
        words: ["the": 3, "stadia": 1],
        evidence: [
            Evidence(
                kind: .term, group: "region", item: "Artsakh", stance: "armenian", weight: nil, text: "“Artsakh”",
                voice: .distancedAuthorial, speaker: nil, negated: false, comment: nil, sentence: 2, start: 10, end: 19,
                sentenceText: "In “Artsakh” today.", matchStart: 3, matchEnd: 12),
            Evidence(
                kind: .loaded, group: "intensifiers", item: "very", stance: nil, weight: 0.3, text: "very", voice: .quoted,
                speaker: "Erdogan", negated: true, comment: 1, sentence: 0, start: 0, end: 4, sentenceText: "Very.",
                matchStart: 0, matchEnd: 4),
        ])

    static func decode(_ bytes: [UInt8]) -> ArticleMeasures? {
        bytes.withUnsafeBytes { MeasuresFormat.decode($0) }
    }

    static func words(_ bytes: [UInt8]) -> [String: Int]? {
        var words: [String: Int] = [:]
        let complete = bytes.withUnsafeBytes { WordsFormat.forEach($0) { word, count in words[String(decoding: word, as: UTF8.self)] = count } }
        return complete ? words : nil
    }

    @Test func measuresReadBackWithoutWordsAndSentences() {
        var light = Self.measures.withoutWordsAndSentences
        #expect(Self.decode(MeasuresFormat.encode(Self.measures)) == light)
        light.loadedCounts[0].weight = .ulpOfOne
        #expect(Self.decode(MeasuresFormat.encode(light))?.loadedCounts[0].weight.bitPattern == Double.ulpOfOne.bitPattern)
    }

    @Test func jsonBlobsOfEarlierVersionsStillRead() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var earlier = Self.measures
        earlier.words = [:]
        #expect(Self.decode(Array(try encoder.encode(earlier))) == earlier)
        #expect(Self.words(Array(try encoder.encode(Self.measures.words))) == Self.measures.words)
        #expect(Self.words(WordsFormat.encode(Self.measures.words)) == Self.measures.words)
    }

    @Test func damagedBlobsAreRefusedNotTrapped() {
        let bytes = MeasuresFormat.encode(Self.measures)
        for length in [0, 1, 5, bytes.count / 2, bytes.count - 1] {
            #expect(Self.decode(Array(bytes.prefix(length))) == nil)
        }
        #expect(Self.decode([0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) == nil)
        #expect(Self.decode(Array("[1]".utf8)) == nil)
        #expect(Self.words(Array(WordsFormat.encode(Self.measures.words).dropLast())) == nil)
    }

    @Test func aStoreGivesBackMeasuresWordsAndEvidence() throws {
        let directory = NSTemporaryDirectory() + "/slant-store-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SlantStore(path: directory + "/slant.sqlite")
        var batch = SlantStore.Batch()
        batch.measures = [(Self.measures.digest, "key", Self.measures)]
        try store.write(batch, run: try store.beginRun(at: "now"))
        #expect(try store.measures(digest: Self.measures.digest, key: "key") == Self.measures.withoutWordsAndSentences)
        let member = CorpusMember(digest: Self.measures.digest, source: "a", outlet: "Outlet 01", analysisKey: "key", articleID: "x")
        var words: [String: Int] = [:]
        try store.forEachWord(of: [member]) { _, word, count in words[String(decoding: word, as: UTF8.self), default: 0] += count }
        #expect(words == Self.measures.words)
        var evidence: [Evidence] = []
        try store.forEachEvidence(of: [(Self.measures.digest, "key")]) { _, items in evidence = items }
        #expect(evidence == Self.measures.evidence)
    }
}
