import Foundation
import SlantCore
import Testing

@testable import SlantStore

/// The binary measures format names every count's lexicon and every headline part; blobs of the
/// first and second binary versions still read.
@Suite struct MeasuresFormatTests {
    static let measures = ArticleMeasures(
        id: "a", outlet: "O", source: "a.html", digest: "d", title: nil, url: nil, published: nil, language: "en", tokens: 10,
        voiceTokens: [.authorial: 10], sentences: 1, paragraphs: 1, comments: 0, commentTokens: 0, warnings: [],
        termCounts: [TermCount(lexicon: "terms", family: "f", term: "t", stance: "s", voice: .authorial, count: 3, spanRepeats: 1)],
        loadedCounts: [
            LoadedCount(lexicon: "mfd", category: "harm", voice: .authorial, hits: 2, weight: 2),
            LoadedCount(lexicon: "mfd", category: "fairness", voice: .authorial, hits: 2, weight: 2, home: false),
        ],
        evidence: [
            Evidence(
                kind: .loaded, group: "harm", item: "brutal", stance: nil, weight: 1, text: "brutal", voice: .authorial,
                speaker: nil, negated: false, comment: nil, sentence: 0, start: 0, end: 6, sentenceText: "", matchStart: 0,
                matchEnd: 6, lexicon: "mfd", alsoIn: ["fairness"])
        ])

    static func decode(_ bytes: [UInt8]) -> ArticleMeasures? { bytes.withUnsafeBytes { MeasuresFormat.decode($0) } }

    @Test func lexiconsRepeatsAndFurtherCategoriesReadBack() {
        let bytes = MeasuresFormat.encode(Self.measures)
        #expect(bytes.first == 0x04)
        #expect(Self.decode(bytes) == Self.measures)
    }

    @Test func aBlobOfTheFirstBinaryVersionReadsWithoutLexicons() {
        // The first version: format byte 1, no lexicon, repeats, home flag or further categories.
        var bytes: [UInt8] = [0x01]
        func string(_ text: String) { bytes.append(UInt8(text.utf8.count)); bytes += Array(text.utf8) }
        func int(_ value: Int) { bytes.append(UInt8(value << 1)) }
        string("a"); string("O"); string("a.html"); string("d")
        bytes += [0, 0, 0, 1]; string("en"); bytes += [0]  // title, url, published nil; language "en"; site nil
        int(10); bytes += [1, 0]; int(10)  // tokens; one voice: authorial 10
        int(1); int(1); int(0); int(0)  // sentences, paragraphs, comments, comment tokens
        bytes += [0]  // no warnings
        bytes += [1]; string("f"); string("t"); string("s"); bytes += [0]; int(3)  // one term count
        bytes += [1]; string("harm"); bytes += [0]; int(2)
        bytes += Array(repeating: 0, count: 7) + [0x40]  // one loaded count; weight 2.0
        bytes += [0]  // no evidence
        let measures = Self.decode(bytes)
        #expect(measures?.termCounts == [TermCount(family: "f", term: "t", stance: "s", voice: .authorial, count: 3)])
        #expect(measures?.loadedCounts == [LoadedCount(category: "harm", voice: .authorial, hits: 2, weight: 2)])
        #expect(measures?.termCounts.first?.lexicon == "")
    }

    @Test func headlineCountsTokensAndPartsReadBack() {
        var measures = Self.measures
        measures.voiceTokens[.headline] = 4
        measures.termCounts.append(
            TermCount(lexicon: "terms", family: "f", term: "t", stance: "s", voice: .distancedHeadline, count: 1))
        measures.evidence.append(
            Evidence(
                kind: .term, group: "f", item: "t", stance: "s", weight: nil, text: "Artsakh", voice: .distancedHeadline,
                speaker: "Erdogan", negated: false, comment: nil, sentence: 0, start: 9, end: 16, sentenceText: "",
                matchStart: 9, matchEnd: 16, lexicon: "terms", headlinePart: .standfirst))
        let decoded = Self.decode(MeasuresFormat.encode(measures))
        #expect(decoded == measures)
        #expect(decoded?.tokens(in: .headline) == 4)
        #expect(decoded?.evidence.map(\.headlinePart) == [nil, .standfirst])
        #expect(decoded?.termCounts.last?.voice == VoiceKey(.headline, distanced: true))
    }

    @Test func aBlobOfTheSecondBinaryVersionReadsWithoutHeadlineParts() {
        // The second version: format byte 3, lexicons, no headline part after an evidence item's comment.
        var bytes: [UInt8] = [0x03]
        func string(_ text: String) { bytes.append(UInt8(text.utf8.count)); bytes += Array(text.utf8) }
        func int(_ value: Int) { bytes.append(UInt8(value << 1)) }
        string("a"); string("O"); string("a.html"); string("d")
        bytes += [0, 0, 0, 1]; string("en"); bytes += [0]  // title, url, published nil; language "en"; site nil
        int(10); bytes += [1, 0]; int(10)  // tokens; one voice: authorial 10
        int(1); int(1); int(0); int(0)  // sentences, paragraphs, comments, comment tokens
        bytes += [0]  // no warnings
        bytes += [1]; string("terms"); string("f"); string("t"); string("s"); bytes += [0]; int(1); int(0)  // one term count
        bytes += [0]  // no loaded counts
        bytes += [1, 0]; string("terms"); bytes += [0]  // one evidence item: a term of `terms`, no further categories
        string("f"); string("t"); bytes += [1]; string("s"); bytes += [0]; string("Artsakh")  // group, item, stance, no weight, text
        bytes += [0, 0, 0, 0]  // authorial; no speaker; not negated; no comment
        int(0); int(3); int(10); int(3); int(10)  // sentence, start, end, match start, match end
        let measures = Self.decode(bytes)
        #expect(measures?.termCounts == [TermCount(lexicon: "terms", family: "f", term: "t", stance: "s", voice: .authorial, count: 1)])
        #expect(measures?.evidence.map(\.text) == ["Artsakh"])
        #expect(measures?.evidence.map(\.end) == [10])
        #expect(measures?.evidence.first?.headlinePart == nil)
        #expect(measures?.tokens(in: .headline) == 0)
    }

    @Test func anUnknownHeadlinePartIsAMalformedBlob() {
        var measures = Self.measures
        measures.evidence[0].headlinePart = .headline
        var bytes = MeasuresFormat.encode(measures)
        // The last evidence item ends: no comment (0), its part (1, the headline), sentence 0, offsets 0, 6, 0, 6.
        #expect(Array(bytes.suffix(7)) == [0, 1, 0, 0, 12, 0, 12])
        bytes[bytes.count - 6] = 7
        #expect(Self.decode(bytes) == nil)
    }
}

/// Sentence models' counts are a trailing section of the binary measures, absent without models.
@Suite struct ModelCountsFormatTests {
    @Test func modelCountsReadBackAndMeasuresWithoutThemAreUnchanged() {
        var measures = MeasuresFormatTests.measures
        let without = MeasuresFormat.encode(measures)
        measures.modelCounts = [
            ModelCount(model: "babe", voice: .authorial, sentences: 12, loaded: 3),
            ModelCount(model: "babe", voice: .comment, sentences: 2, loaded: 2),
        ]
        let with = MeasuresFormat.encode(measures)
        #expect(Array(with.prefix(without.count)) == without)
        #expect(with.count > without.count)
        #expect(MeasuresFormatTests.decode(with) == measures)
        #expect(MeasuresFormatTests.decode(without)?.modelCounts == [])
        // A damaged trailing section is refused, not half read.
        #expect(MeasuresFormatTests.decode(Array(with.dropLast())) == nil)
    }
}
