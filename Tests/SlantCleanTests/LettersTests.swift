import Testing

@testable import SlantClean

/// The letter properties ``Letters`` answers by hand are the standard library's, scalar by scalar, and
/// the byte-level folding of titles is `lowercased()` filtered to letters and digits.
@Suite struct LettersTests {
    @Test func fastAnswersAreTheStandardLibrarys() {
        for value in UInt32(0x80)...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let label = "U+\(String(value, radix: 16))"
            #expect(Letters.isAlphabetic(value) == scalar.properties.isAlphabetic, "\(label)")
            if Letters.isLowerCase(value) {
                #expect(String(scalar).lowercased() == String(scalar), "\(label)")
                #expect(scalar.properties.isAlphabetic, "\(label)")
            }
            if let lower = Letters.simpleLowercase(value) {
                let mapped = Unicode.Scalar(lower)
                #expect(mapped.map { String($0) } == String(scalar).lowercased(), "\(label)")
                #expect(mapped?.properties.isAlphabetic == true, "\(label)")
            }
        }
    }

    @Test func scalarsAreDecodedAndEncodedAsUTF8() {
        for text in ["a", "é", "ж", "€", "日", "😀", "a😀b", ""] {
            var decoded: [UInt32] = []
            var encoded: [UInt8] = []
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                var index = 0
                while index < bytes.count, let (value, length) = Letters.scalar(in: bytes, at: index) {
                    decoded.append(value)
                    Letters.appendUTF8(value, to: &encoded)
                    index += length
                }
            }
            #expect(decoded == text.unicodeScalars.map(\.value))
            #expect(encoded == Array(text.utf8))
        }
        // A scalar cut off at the end of the bytes is not read.
        [UInt8]([0x61, 0xE2, 0x82]).withUnsafeBufferPointer { bytes in
            #expect(Letters.scalar(in: bytes, at: 1) == nil)
        }
    }

    /// The folding the title rules compare site names with, spelled out with `String` methods.
    static func referenceFolded(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || ($0.value >= 48 && $0.value <= 57)
        }))
    }

    @Test func titleFoldingIsLowerCaseLettersAndDigits() {
        let texts = [
            "", "BBC News", "Süddeutsche Zeitung", "ÆØÅ æøå ÀÉÎÕÜ Ÿ ÿ ß ẞ", "РИА Новости", "ЁЖИК Ѐ Ѝ Ў Џ ѐ ѝ",
            "İstanbul Haber", "ΟΔΟΣ Αθήνα", "ǅemal ǈ ǋ ǲ", "ﬁnance", "Kelvin \u{212A} Ångström \u{212B}", "e\u{301}cole",
            "日本経済新聞", "한국일보", "Armenpress.am — 24/7", "Ⅻ ⅻ ① ²", "ĞÜŞÖÇ ğüşöç", "ŁÓDŹ łódź", "Ա Բ Գ ա բ գ",
            "\u{10400}\u{10428}", "tab\tnbsp\u{A0}dash–emoji😀",
        ]
        for text in texts {
            #expect(TitleCleaner.folded(text) == Self.referenceFolded(text), "\(text)")
        }
        var every = String.UnicodeScalarView()
        for value in UInt32(0x20)...0x2FFF { if let scalar = Unicode.Scalar(value) { every.append(scalar) } }
        #expect(TitleCleaner.folded(String(every)) == Self.referenceFolded(String(every)))
    }
}
