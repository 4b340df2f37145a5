import Foundation
import SlantCore
import SlantText

/// The voice of a word: what the tests compare.
struct Voiced: Equatable, CustomStringConvertible {
    var voice: Voice
    var speaker: String?
    var distanced = false

    static let authorial = Voiced(voice: .authorial)
    static let distanced = Voiced(voice: .authorial, distanced: true)
    static func quoted(_ speaker: String?) -> Voiced { Voiced(voice: .quoted, speaker: speaker) }
    static func attributed(_ speaker: String?) -> Voiced { Voiced(voice: .attributed, speaker: speaker) }

    var description: String {
        "\(voice.rawValue)\(speaker.map { "(\($0))" } ?? "")\(distanced ? " distanced" : "")"
    }
}

/// Segments a text the way the segment stage does (blank-line paragraphs).
func segmented(_ text: String) -> TextLayer {
    SegmentStage.segment(text, blocks: SegmentStage.paragraphRanges(text))
}

/// The text of the bundled seed article whose file name starts with `prefix` ("000").
func seed(_ prefix: String) -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let directory = root.appendingPathComponent("corpus/text")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    guard let name = names.sorted().first(where: { $0.hasPrefix(prefix + "_") }),
        let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    else { return "" }
    return text
}

extension TextLayer {
    /// UTF-8 range of the `occurrence`-th match of `phrase`, searched after the first match of `after`.
    func range(of phrase: String, after context: String? = nil, occurrence: Int = 0) -> Range<Int>? {
        let bytes = Array(text.utf8)
        var from = 0
        if let context {
            guard let found = Self.find(Array(context.utf8), in: bytes, from: 0) else { return nil }
            from = found
        }
        let needle = Array(phrase.utf8)
        var start = Self.find(needle, in: bytes, from: from)
        var remaining = occurrence
        while remaining > 0, let current = start {
            start = Self.find(needle, in: bytes, from: current + 1)
            remaining -= 1
        }
        guard let start else { return nil }
        return start..<(start + needle.count)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        for start in from...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }

    /// Token indices inside a UTF-8 range.
    func tokenRange(_ range: Range<Int>) -> Range<Int> {
        let first = tokens.firstIndex { Int($0.end) > range.lowerBound } ?? tokens.count
        var last = first
        while last < tokens.count, Int(tokens[last].start) < range.upperBound { last += 1 }
        return first..<last
    }

    /// The voice of each word or number token of the phrase.
    func voices(of phrase: String, after context: String? = nil, occurrence: Int = 0) -> [Voiced] {
        guard let range = range(of: phrase, after: context, occurrence: occurrence) else { return [] }
        return tokenRange(range).compactMap { index in
            guard tokens[index].kind != .punctuation else { return nil }
            return Voiced(voice: voices[index].voice, speaker: speaker(ofToken: index), distanced: voices[index].distanced)
        }
    }

    /// The voice shared by all words of the phrase; nil when the phrase is missing or its words differ.
    func voice(of phrase: String, after context: String? = nil, occurrence: Int = 0) -> Voiced? {
        let all = voices(of: phrase, after: context, occurrence: occurrence)
        guard let first = all.first, all.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// The text marked up by voice, for reading a result: ⟦Q Zakharova: …⟧, ⟦A Baku: …⟧, ⟦D: …⟧.
    func markedUp() -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var current: Voiced?
        var cursor = 0
        func open(_ voiced: Voiced) -> String {
            switch (voiced.voice, voiced.distanced) {
            case (.authorial, true): return "⟦D: "
            case (.authorial, false): return ""
            case (.quoted, _): return "⟦Q \(voiced.speaker ?? "?"): "
            case (.attributed, _): return "⟦A \(voiced.speaker ?? "?"): "
            case (.comment, _): return "⟦C: "
            case (.headline, _): return "⟦H: "
            }
        }
        for (index, token) in tokens.enumerated() {
            let voiced = Voiced(voice: voices[index].voice, speaker: speaker(ofToken: index), distanced: voices[index].distanced)
            if voiced != current {
                if let current, current != .authorial { out += "⟧" }
                out += String(decoding: bytes[cursor..<Int(token.start)], as: UTF8.self)
                out += open(voiced)
                current = voiced
            } else {
                out += String(decoding: bytes[cursor..<Int(token.start)], as: UTF8.self)
            }
            out += String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
            cursor = Int(token.end)
        }
        if let current, current != .authorial { out += "⟧" }
        return out
    }
}
