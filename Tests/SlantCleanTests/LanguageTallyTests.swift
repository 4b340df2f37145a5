import Foundation
import Testing

@testable import SlantClean

/// The byte-level tally ``LanguageGuess`` reads a text with counts exactly what a reading of the
/// text's Unicode scalars counts: the same letters by script, words and function-word hits.
@Suite struct LanguageTallyTests {
    /// The tally spelled out over `unicodeScalars`, with `String` look-ups after `lowercased()`.
    static func referenceTally(_ text: String) -> LanguageGuess.Tally {
        var tally = LanguageGuess.Tally()
        var words: [String: UInt32] = [:]
        for (index, profile) in LanguageGuess.profiles.enumerated() {
            for word in profile.words { words[word, default: 0] |= 1 << UInt32(index) }
        }
        let longest = LanguageGuess.profiles.flatMap(\.words).map(\.unicodeScalars.count).max() ?? 0
        var word = String.UnicodeScalarView()
        func endWord() {
            defer { word = String.UnicodeScalarView() }
            guard !word.isEmpty, tally.wordCount < 1500 else { return }
            tally.wordCount += 1
            guard word.count <= longest, var mask = words[String(word).lowercased()] else { return }
            while mask != 0 {
                tally.profileHits[mask.trailingZeroBitCount] += 1
                mask &= mask - 1
            }
        }
        for scalar in text.unicodeScalars.prefix(LanguageGuess.scalarsRead) {
            let value = scalar.value
            let isLetter = value < 0x80 ? (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) : scalar.properties.isAlphabetic
            guard isLetter else {
                endWord()
                continue
            }
            tally.letters += 1
            word.append(scalar)
            if let script = LanguageGuess.script(of: value) { tally.scripts[script.rawValue] += 1 }
            switch value {
            case 0x259, 0x18F: tally.azerbaijaniLetters += 1
            case 0x131: tally.dotlessI += 1
            case 0x456, 0x457, 0x454, 0x491: tally.ukrainianLetters += 1
            case 0x44B, 0x44D, 0x451: tally.russianLetters += 1
            default: break
            }
        }
        endWord()
        return tally
    }

    static func tally(_ text: String) -> LanguageGuess.Tally {
        var text = text
        return text.withUTF8 { LanguageGuess.tally($0) }
    }

    static let texts: [String] = LanguageTests.samples.map(\.1) + [
        "", "a", "The", "THE AND OF", "Für ÜBER für über FÜR", "ОН она Она ОНА и И", "İÇİN için Için DEĞİL değil ÇOK çok",
        "Ə ə Və VƏ və ı ı I İ", "Її ЇХ є Є ґ", "Été ÉTÉ été À à È è É é", "ŞU şu Şu SIĘ się Się ŻE że",
        "l'armée d’état — “quoted” words… and 10,000 numbers 3.5%", "naïve café résumé coöperate",
        "ǅemal ǈubljana ǋ ǲ", "ΑΥΤΟ αυτό Ελλάδα", "Straße STRASSE ß ẞ", "ﬁnance ﬂow", "e\u{301}t\u{301}e\u{301}",
        "emoji 😀 between 🇦🇲 words", "tab\tand\nnew\r\nlines\u{A0}no-break\u{2009}thin",
        "mixed日本語text with 한국어 and العربية", "Dotless ı and İstanbul and ǰ ŉ",
        String(repeating: "extraordinarily ", count: 40), String(repeating: "der die und ", count: 700),
        String(repeating: "а", count: 7000), String(repeating: "Für ", count: 1600) + "und",
        String(repeating: "x", count: 5999) + "é and", String(repeating: "ab ", count: 1999) + "Ü",
    ]

    @Test func theByteTallyEqualsTheScalarReading() {
        for text in Self.texts {
            #expect(Self.tally(text) == Self.referenceTally(text), "\(text.prefix(40))")
        }
    }

    /// Every word of every profile, in lower, upper and title case, inside a sentence.
    @Test func everyFunctionWordIsFoundInEveryCase() {
        for profile in LanguageGuess.profiles {
            for word in profile.words {
                let text = "\(word) \(word.uppercased()) \(word.capitalized), x\(word)"
                #expect(Self.tally(text) == Self.referenceTally(text), "\(word)")
            }
        }
    }

    @Test func theBundledCorpusTalliesAlike() throws {
        let pages = try FileManager.default.subpathsOfDirectory(atPath: Paths.corpus.path).filter { $0.hasSuffix(".html") }
        #expect(!pages.isEmpty)
        for page in pages {
            let bytes = try [UInt8](Data(contentsOf: Paths.corpus.appendingPathComponent(page)))
            guard let article = try? clean(bytes: bytes, path: page) else { continue }
            #expect(Self.tally(article.body) == Self.referenceTally(article.body), "\(page)")
        }
    }

    @Test func tableLooksUpByBytesFoldingASCII() {
        let table = ByteWordTable(["the": 1, "für": 2, "он": 4])
        func mask(_ word: String) -> UInt32 {
            Array(word.utf8).withUnsafeBufferPointer { table.value(of: $0) }
        }
        #expect(mask("the") == 1)
        #expect(mask("THE") == 1)
        #expect(mask("fÜr") == 0)
        #expect(mask("FüR") == 2)
        #expect(mask("он") == 4)
        #expect(mask("ОН") == 0)
        #expect(mask("th") == 0)
        #expect(mask("") == 0)
    }
}
