import SlantCore
import Testing

@testable import SlantClean

// Legacy bytes are built from literal tables here, not with iconv, so that the
// tests do not take the transcoder's word for what the encodings are.

/// windows-1251: А–Я at 0xC0–0xDF, а–я at 0xE0–0xFF, plus a little punctuation.
private func windows1251(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar -> UInt8 in
        switch scalar.value {
        case 0 ..< 0x80: UInt8(scalar.value)
        case 0x410 ... 0x44F: UInt8(scalar.value - 0x410 + 0xC0)
        case 0x401: 0xA8  // Ё
        case 0x451: 0xB8  // ё
        case 0x2014: 0x97  // —
        case 0x2013: 0x96  // –
        case 0xAB: 0xAB  // «
        case 0xBB: 0xBB  // »
        case 0xA0: 0xA0
        default: UInt8(ascii: "?")
        }
    }
}

/// KOI8-R: lowercase at 0xC0–0xDF and uppercase at 0xE0–0xFF, in this order.
private func koi8r(_ text: String) -> [UInt8] {
    let order = Array("юабцдефгхийклмнопярстужвьызшэщчъ".unicodeScalars)
    return text.unicodeScalars.map { scalar -> UInt8 in
        if scalar.value < 0x80 { return UInt8(scalar.value) }
        if scalar == "ё" { return 0xA3 }
        if scalar == "Ё" { return 0xB3 }
        let lower = Unicode.Scalar(scalar.properties.lowercaseMapping.unicodeScalars.first?.value ?? 0) ?? scalar
        guard let index = order.firstIndex(of: lower) else { return UInt8(ascii: "?") }
        return UInt8((lower == scalar ? 0xC0 : 0xE0) + index)
    }
}

/// windows-1252: ISO-8859-1 above 0x9F, and a right single quote at 0x92.
private func windows1252(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { $0.value < 0x100 ? UInt8($0.value) : $0 == "’" ? 0x92 : UInt8(ascii: "?") }
}

/// windows-1250 for Polish and Czech letters.
private func windows1250(_ text: String) -> [UInt8] {
    let table: [Character: UInt8] = [
        "ą": 0xB9, "ć": 0xE6, "ę": 0xEA, "ł": 0xB3, "ń": 0xF1, "ó": 0xF3, "ś": 0x9C, "ź": 0x9F, "ż": 0xBF,
        "Ł": 0xA3, "Ś": 0x8C, "Ż": 0xAF, "á": 0xE1, "č": 0xE8, "ď": 0xEF, "é": 0xE9, "ě": 0xEC, "í": 0xED,
        "ň": 0xF2, "ř": 0xF8, "š": 0x9A, "ť": 0x9D, "ú": 0xFA, "ů": 0xF9, "ý": 0xFD, "ž": 0x9E, "Č": 0xC8,
        "Ř": 0xD8, "Š": 0x8A, "Ž": 0x8E,
    ]
    return text.map { character in
        if let ascii = character.asciiValue { return ascii }
        return table[character] ?? UInt8(ascii: "?")
    }
}

private func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.utf16.flatMap { unit in
        bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
}

private func text(_ decoded: DecodedText) -> String {
    String(decoding: decoded.utf8, as: UTF8.self)
}

private func isWellFormedUTF8(_ bytes: [UInt8]) -> Bool {
    String(validating: bytes, as: UTF8.self) != nil
}

private let russian = "Нагорный Карабах — конфликт"
private let russianParagraph = """
    В Нагорном Карабахе возобновились боевые действия. Министерство обороны сообщило, \
    что ночью обстреляны несколько сёл, есть погибшие и раненые среди мирных жителей. \
    Стороны обвиняют друг друга в нарушении режима прекращения огня.
    """

// MARK: - Byte order marks

@Test func utf8ByteOrderMarkIsStrippedAndWins() {
    // The BOM wins over a lying declaration, which is still recorded.
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<meta charset=koi8-r><p>café — Карабах</p>".utf8)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(text(decoded) == "<meta charset=koi8-r><p>café — Карабах</p>")
    #expect(decoded.decision == EncodingDecision(name: "UTF-8", evidence: .byteOrderMark, declared: "KOI8-R"))
    #expect(decoded.warnings.isEmpty)
}

@Test(arguments: [false, true])
func utf16ByteOrderMark(bigEndian: Bool) {
    let page = "<p>\(russian) 🙂</p>"
    let bytes: [UInt8] = (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + utf16(page, bigEndian: bigEndian)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(text(decoded) == page)
    #expect(decoded.decision == EncodingDecision(name: bigEndian ? "UTF-16BE" : "UTF-16LE", evidence: .byteOrderMark))
    #expect(decoded.warnings.isEmpty)
}

@Test func utf16WithATruncatedLastUnitEndsInOneReplacementCharacter() {
    let bytes: [UInt8] = [0xFF, 0xFE] + utf16("Мир", bigEndian: false) + [0x41]
    let decoded = TextDecoding.decode(bytes, isHTML: false)
    #expect(text(decoded) == "Мир\u{FFFD}")
    #expect(decoded.warnings.map(\.code) == ["undecodable-bytes"])
}

// MARK: - Declarations

@Test(arguments: [
    #"<meta charset="windows-1251">"#,
    "<meta charset=windows-1251>",
    "<META CHARSET='CP1251'>",
    "<meta charset = \" win-1251 \" />",
    #"<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">"#,
    "<meta content='text/html;charset=x-cp1251' http-equiv=content-type>",
    "<meta http-equiv=\"content-type\" content=\"text/html; charset='windows-1251'\">",
    #"<!-- <meta charset="koi8-r"> --><meta charset="windows-1251">"#,
    #"<!--><meta charset="windows-1251">"#,
    #"<link rel="x" title="a>b <meta charset=koi8-r>"><meta charset="windows-1251">"#,
    #"<meta name="viewport" content="width=device-width; charset=koi8-r"><meta charset="windows-1251">"#,
    #"<?xml version="1.0" encoding="windows-1251"?><html>"#,
])
func declaredWindows1251(head: String) {
    let bytes = Array("<!doctype html><html><head>\(head)</head><body><p>".utf8)
        + windows1251(russianParagraph) + Array("</p></body></html>".utf8)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "windows-1251", evidence: .declared, declared: "windows-1251"))
    #expect(text(decoded).contains(russianParagraph))
    #expect(decoded.warnings.isEmpty)
}

@Test func metaDeclarationWinsOverTheXMLDeclaration() {
    let page = #"<?xml version="1.0" encoding="koi8-r"?><html><head><meta charset="windows-1251"></head>"#
    let decoded = TextDecoding.decode(Array(page.utf8) + windows1251(russian), isHTML: true)
    #expect(decoded.decision.declared == "windows-1251")
    #expect(text(decoded).hasSuffix(russian))
}

@Test(arguments: [
    ("utf8", "UTF-8"), ("UTF-8", "UTF-8"), ("iso-8859-1", "windows-1252"), ("latin1", "windows-1252"),
    ("us-ascii", "windows-1252"), ("ascii", "windows-1252"), ("ISO_8859-1", "windows-1252"),
    ("cp1251", "windows-1251"), ("win-1251", "windows-1251"), ("x-cp1251", "windows-1251"),
    ("Windows1251", "windows-1251"), ("koi8r", "KOI8-R"), ("koi8-r", "KOI8-R"), ("cskoi8r", "KOI8-R"),
    ("latin2", "ISO-8859-2"), ("iso-8859-2", "ISO-8859-2"), ("cp1250", "windows-1250"),
    ("iso-8859-9", "windows-1254"), ("gb2312", "GBK"), ("shift_jis", "Shift_JIS"), ("euc-kr", "EUC-KR"),
    ("x-user-defined", "windows-1252"),
    // A page whose bytes the prescan could read as ASCII is not UTF-16, whatever it says.
    ("utf-16", "UTF-8"), ("utf-16le", "UTF-8"),
])
func labelsAreNormalisedTheWHATWGWay(label: String, canonical: String) {
    let decoded = TextDecoding.decode(Array("<meta charset=\"\(label)\"><p>plain ASCII</p>".utf8), isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: canonical, evidence: .declared, declared: canonical))
    #expect(text(decoded) == "<meta charset=\"\(label)\"><p>plain ASCII</p>")
    #expect(decoded.warnings.isEmpty)
}

@Test func unknownLabelIsIgnoredWithAWarning() {
    let bytes = Array("<meta charset=\"klingon-8\"><p>".utf8) + koi8r(russianParagraph)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "KOI8-R", evidence: .detected, declared: nil))
    #expect(decoded.warnings.map(\.code) == ["unknown-encoding", "encoding-guessed"])
    #expect(decoded.warnings.first?.message.contains("klingon-8") == true)
    #expect(text(decoded).hasSuffix(russianParagraph))
}

@Test(arguments: [
    // content= with a charset but no http-equiv: WHATWG needs the pragma.
    #"<meta content="text/html; charset=koi8-r">"#,
    // A declaration past the first 4096 bytes is not looked for.
    "<!--" + String(repeating: "x", count: 4100) + #"--><meta charset="koi8-r">"#,
    // Only a meta tag declares: text that looks like one inside a comment does not.
    #"<!-- <meta charset="koi8-r"> -->"#,
])
func nonDeclarationsAreNotTakenForOnes(head: String) {
    let decoded = TextDecoding.decode(Array("<html><head>\(head)</head><body>ASCII</body>".utf8), isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "UTF-8", evidence: .assumed, declared: nil))
}

@Test func plainTextIsNotPrescanned() {
    let bytes = Array("<meta charset=koi8-r> is how a page declares KOI8-R. ".utf8) + Array("Карабах".utf8)
    let decoded = TextDecoding.decode(bytes, isHTML: false)
    #expect(decoded.decision == EncodingDecision(name: "UTF-8", evidence: .detected, declared: nil))
    #expect(text(decoded) == String(decoding: bytes, as: UTF8.self))
}

// MARK: - Declarations the bytes contradict

@Test func declaredUTF8ButWrittenInWindows1251() {
    let bytes = Array(#"<html><head><meta charset="utf-8"><title>"#.utf8) + windows1251(russian)
        + Array("</title></head><body><p>".utf8) + windows1251(russian) + Array("</p></body></html>".utf8)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(text(decoded) == "<html><head><meta charset=\"utf-8\"><title>\(russian)</title></head><body><p>\(russian)</p></body></html>")
    #expect(decoded.decision == EncodingDecision(name: "windows-1251", evidence: .detected, declared: "UTF-8"))
    #expect(decoded.warnings == [DocumentWarning(
        code: "encoding-mismatch",
        message: "declared UTF-8, but the bytes are not valid UTF-8; read as windows-1251")])
}

@Test func declaredISO88591ButActuallyUTF8() {
    let page = "<meta http-equiv=Content-Type content=\"text/html; charset=ISO-8859-1\"><p>Café in Zürich — “naïve” résumé</p>"
    let decoded = TextDecoding.decode(Array(page.utf8), isHTML: true)
    #expect(text(decoded) == page)
    #expect(decoded.decision == EncodingDecision(name: "UTF-8", evidence: .detected, declared: "windows-1252"))
    #expect(decoded.warnings.map(\.code) == ["encoding-mismatch"])
    #expect(decoded.warnings.first?.message.contains("declared windows-1252, but the bytes are valid UTF-8") == true)
}

@Test func declaredLatin1ButTheTextIsCyrillic() {
    let bytes = Array("<meta charset=iso-8859-1><p>".utf8) + windows1251(russianParagraph)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "windows-1251", evidence: .detected, declared: "windows-1252"))
    #expect(decoded.warnings.map(\.code) == ["encoding-mismatch"])
    #expect(text(decoded).hasSuffix(russianParagraph))
}

@Test func declaredWindows1251ButTheTextIsKOI8R() {
    let bytes = Array("<meta charset=windows-1251><p>".utf8) + koi8r(russianParagraph)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "KOI8-R", evidence: .detected, declared: "windows-1251"))
    #expect(decoded.warnings.map(\.code) == ["encoding-mismatch"])
    #expect(text(decoded).hasSuffix(russianParagraph))
}

@Test func declaredLegacyEncodingWithOneStrayUTF8PairIsTrusted() {
    // Two bytes that happen to be valid UTF-8 are not enough to overrule a declaration.
    let bytes = Array("<meta charset=windows-1252><p>".utf8) + [0xC3, 0xA9] + Array("</p>".utf8)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "windows-1252", evidence: .declared, declared: "windows-1252"))
    #expect(text(decoded) == "<meta charset=windows-1252><p>Ã©</p>")
    #expect(decoded.warnings.isEmpty)
}

// MARK: - Detection

@Test func undeclaredKOI8RIsDetected() {
    for (bytes, isHTML) in [(koi8r(russianParagraph), false),
                            (Array("<html lang=ru><p>".utf8) + koi8r(russian) + Array("</p>".utf8), true)] {
        let decoded = TextDecoding.decode(bytes, isHTML: isHTML)
        #expect(decoded.decision == EncodingDecision(name: "KOI8-R", evidence: .detected, declared: nil))
        #expect(decoded.warnings.map(\.code) == ["encoding-guessed"])
        // KOI8-R has no em dash: the table wrote "?".
        #expect(text(decoded).contains(isHTML ? String(russian.map { $0 == "—" ? "?" : $0 }) : russianParagraph))
    }
}

@Test(arguments: [russian, russianParagraph, "НАГОРНЫЙ КАРАБАХ", "Ереван"])
func undeclaredWindows1251IsDetected(sample: String) {
    let decoded = TextDecoding.decode(windows1251(sample), isHTML: false)
    #expect(decoded.decision == EncodingDecision(name: "windows-1251", evidence: .detected, declared: nil))
    #expect(decoded.warnings.map(\.code) == ["encoding-guessed"])
    #expect(text(decoded) == sample)
}

@Test(arguments: [
    "Le président a déclaré à la presse qu’il était prêt à négocier, même si la situation reste très tendue.",
    "Die Außenminister äußerten sich über die Lage in Berg-Karabach und forderten eine Waffenruhe für alle.",
    "Süß",
])
func undeclaredWindows1252IsDetected(sample: String) {
    let decoded = TextDecoding.decode(Array("<p>".utf8) + windows1252(sample), isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "windows-1252", evidence: .detected, declared: nil))
    #expect(decoded.warnings.map(\.code) == ["encoding-guessed"])
    #expect(text(decoded) == "<p>" + sample)
}

@Test func undeclaredPolishIsDetectedAsWindows1250() {
    let sample = "Żółta łódź płynęła szybko, a ślady zostały na piasku. Łączność z przyjaciółmi się urwała."
    let decoded = TextDecoding.decode(windows1250(sample), isHTML: false)
    #expect(decoded.decision == EncodingDecision(name: "windows-1250", evidence: .detected, declared: nil))
    #expect(text(decoded) == sample)
}

@Test func undeclaredCzechIsDetectedAsWindows1250() {
    let sample = "Přítomnost ozbrojených sil v oblasti vyvolává obavy, řekl mluvčí ministerstva zahraničí České republiky."
    let decoded = TextDecoding.decode(windows1250(sample), isHTML: false)
    #expect(decoded.decision.name == "windows-1250")
    #expect(text(decoded) == sample)
}

@Test func pageLanguageChoosesAnEncodingTheDetectorDoesNotWeigh() {
    // "Καλημέρα" in windows-1253.
    let greek: [UInt8] = [0xCA, 0xE1, 0xEB, 0xE7, 0xEC, 0xDD, 0xF1, 0xE1]
    let decoded = TextDecoding.decode(Array("<html lang=\"el-GR\"><p>".utf8) + greek, isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "windows-1253", evidence: .detected, declared: nil))
    #expect(text(decoded) == "<html lang=\"el-GR\"><p>Καλημέρα")
}

// MARK: - UTF-8 as it is

@Test func validUTF8IsReturnedAsIs() {
    let page = "<html><head><meta charset=utf-8></head><body><p>Нагорный Карабах, Artsakh, Dağlıq Qarabağ 🇦🇲</p>"
    let decoded = TextDecoding.decode(Array(page.utf8), isHTML: true)
    #expect(decoded.utf8 == Array(page.utf8))
    #expect(decoded.decision == EncodingDecision(name: "UTF-8", evidence: .declared, declared: "UTF-8"))
    #expect(decoded.warnings.isEmpty)

    let undeclared = TextDecoding.decode(Array("Ереван".utf8), isHTML: false)
    #expect(undeclared.decision == EncodingDecision(name: "UTF-8", evidence: .detected))
    let ascii = TextDecoding.decode(Array("just ASCII".utf8), isHTML: true)
    #expect(ascii.decision == EncodingDecision(name: "UTF-8", evidence: .assumed))
}

@Test func invalidUTF8BecomesReplacementCharacters() {
    // Declared UTF-8, mostly valid: a stray windows-1252 "é" and a lone continuation byte (read as
    // windows-1252), then an overlong "/", a surrogate, and a sequence cut short by the end (U+FFFD).
    var bytes = Array("<meta charset=utf-8><p>Карабах \u{2014} ".utf8)
    bytes += [0xE9, 0x20, 0x80, 0x20, 0xC0, 0xAF, 0x20, 0xED, 0xA0, 0x80, 0x20] + Array("Ереван".utf8) + [0xE2, 0x80]
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(text(decoded) == "<meta charset=utf-8><p>Карабах \u{2014} é € \u{FFFD}\u{FFFD} \u{FFFD}\u{FFFD}\u{FFFD} Ереван\u{FFFD}")
    #expect(decoded.decision == EncodingDecision(name: "UTF-8", evidence: .declared, declared: "UTF-8"))
    #expect(decoded.warnings == [
        DocumentWarning(code: "windows-1252-bytes", message: "2 stray bytes not valid in UTF-8 read as windows-1252"),
        DocumentWarning(code: "invalid-utf8", message: "6 invalid UTF-8 sequences replaced with U+FFFD"),
    ])
    #expect(isWellFormedUTF8(decoded.utf8))
}

@Test func truncatedUndeclaredUTF8StaysUTF8() {
    let bytes = Array("Нагорный Карабах".utf8).dropLast()
    let decoded = TextDecoding.decode(Array(bytes), isHTML: false)
    #expect(text(decoded) == "Нагорный Караба\u{FFFD}")
    #expect(decoded.decision == EncodingDecision(name: "UTF-8", evidence: .detected))
    #expect(decoded.warnings.map(\.code) == ["invalid-utf8"])
}

@Test func validatorAgreesWithTheStandardLibrary() {
    // Every two-byte input, and three-byte inputs around the tricky leads.
    var cases = [[UInt8]]()
    for a in UInt8.min ... UInt8.max {
        for b in UInt8.min ... UInt8.max { cases.append([a, b]) }
    }
    for lead: UInt8 in [0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5] {
        for b in UInt8(0x70) ... 0xC0 { cases.append([lead, b, 0x80, 0x80]); cases.append([lead, b, 0x41]) }
    }
    // Long enough for the sixteen-byte ASCII skipping, with the odd byte at every offset.
    for offset in 0 ..< 40 {
        var long = [UInt8](repeating: UInt8(ascii: "a"), count: 40)
        long[offset] = 0xC3
        cases.append(long)
    }
    for bytes in cases {
        let expected = String(decoding: bytes, as: UTF8.self)
        let repaired = bytes.withUnsafeBufferPointer { TextDecoding.repairUTF8($0) }
        let scan = bytes.withUnsafeBufferPointer { TextDecoding.scanUTF8($0) }
        #expect(String(decoding: repaired.utf8, as: UTF8.self) == expected, "\(bytes)")
        #expect(repaired.utf8 == Array(expected.utf8), "\(bytes)")
        #expect(scan.isValid == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        #expect(scan.invalidSequences == repaired.replaced, "\(bytes)")
    }
}

@Test func blockValidatorAgreesWithTheSequenceScanner() {
    // Two-byte combinations placed across the edges of the sixteen-byte blocks,
    // and at the very end, where a sequence may be cut short.
    let seconds: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED,
                            0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
    var cases = [[UInt8]]()
    for first in UInt8.min ... UInt8.max {
        for second in seconds {
            for position in [14, 15, 16, 17, 30, 31, 32, 46, 47, 62] {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 64)
                bytes[position] = first
                bytes[position + 1] = second
                cases.append(bytes)
                cases.append(Array(bytes[..<(position + 2)]) + Array("Дж".utf8) + Array(repeating: 0x20, count: 60))
            }
            // Ending exactly on a block edge, with a sequence begun but not finished.
            cases.append(Array(repeating: UInt8(ascii: "a"), count: 62) + [first, second])
            cases.append(Array(repeating: UInt8(ascii: "a"), count: 63) + [first])
        }
    }
    // Random mixes of ASCII, well-formed sequences of every length and stray bytes.
    var generator = SplitMix64(seed: 0xB10C)
    let pieces: [[UInt8]] = [Array("a".utf8), Array(" ".utf8), Array("é".utf8), Array("Ж".utf8), Array("—".utf8),
                             Array("€".utf8), Array("🙂".utf8), Array("\u{10FFFF}".utf8), [0x80], [0xC3], [0xE2, 0x80], [0xF0, 0x9F]]
    for _ in 0 ..< 3000 {
        var bytes = [UInt8]()
        let length = 64 + Int(generator.next() % 200)
        let strayChance = generator.next() % 4 == 0 ? 40 : 0  // a quarter of the inputs are damaged
        while bytes.count < length {
            let roll = Int(generator.next() % 100)
            let piece = roll < strayChance / 10 ? pieces[8 + roll % 4] : pieces[Int(generator.next() % 8)]
            bytes += piece
        }
        cases.append(bytes)
    }
    for bytes in cases {
        let blocks = bytes.withUnsafeBufferPointer { TextDecoding.scanUTF8($0) }
        let sequences = bytes.withUnsafeBufferPointer { TextDecoding.scanUTF8Sequences($0) }
        #expect(blocks == sequences, "\(bytes)")
        #expect(blocks.isValid == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
    }
}

@Test(arguments: Array(TextDecoding.SingleByteTable.tables.keys))
func singleByteTableDecodesAsIconvDoes(charset: TextDecoding.Charset) throws {
    let table = try #require(TextDecoding.SingleByteTable.tables[charset])
    guard let converter = TextDecoding.Iconv(from: charset.iconvName) else {
        Issue.record("iconv cannot convert from \(charset.rawValue)")
        return
    }
    let everyByte = (0 ... 255).map(UInt8.init) + Array("Карабах é ł".utf8)
    var viaIconv = [UInt8]()
    let iconvReplaced = everyByte.withUnsafeBufferPointer { converter.convert($0, appendingTo: &viaIconv) }
    let viaTable = everyByte.withUnsafeBufferPointer { table.decode($0) }
    #expect(viaTable.utf8 == viaIconv)
    #expect(viaTable.replaced == iconvReplaced)
    #expect(isWellFormedUTF8(viaTable.utf8))
}

// MARK: - Hostile input

@Test func emptyInput() {
    for isHTML in [true, false] {
        let decoded = TextDecoding.decode([], isHTML: isHTML)
        #expect(decoded.utf8.isEmpty)
        #expect(decoded.decision == EncodingDecision(name: "UTF-8", evidence: .assumed))
        #expect(decoded.warnings.isEmpty)
    }
}

@Test func binaryBytesDoNotCrashAndComeOutAsUTF8() {
    var generator = SplitMix64(seed: 0x5EED)
    let prefixes: [[UInt8]] = [
        [], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], Array("<meta charset=utf-8>".utf8),
        Array("<meta charset=windows-1251>".utf8), Array("<meta charset=iso-2022-jp>".utf8),
        Array("<meta charset=shift_jis>".utf8), Array("<meta charset=\"".utf8), Array("<?xml encoding=\"".utf8),
        Array("<!--".utf8), Array("<meta http-equiv=content-type content='charset=\"".utf8),
    ]
    for round in 0 ..< 300 {
        let count = Int(generator.next() % 3000)
        var bytes = prefixes[round % prefixes.count]
        for _ in 0 ..< count {
            // Mostly markup-ish bytes, to reach deep into the prescan.
            let roll = generator.next()
            bytes.append(roll % 3 == 0 ? Array("<>=\"' /-!?metacharsetxml".utf8)[Int(roll / 3 % 24)] : UInt8(truncatingIfNeeded: roll >> 8))
        }
        for isHTML in [true, false] {
            let decoded = TextDecoding.decode(bytes, isHTML: isHTML)
            #expect(isWellFormedUTF8(decoded.utf8))
            #expect(!decoded.decision.name.isEmpty)
        }
    }
}

/// A small deterministic generator, so a failure can be replayed.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - Stray bytes are not Cyrillic text

/// Pages without a declaration, in ASCII or UTF-8 but for a few bytes pasted from windows-1252:
/// the bytes give no Cyrillic words, so no Cyrillic reading.
@Test(arguments: [
    // No-break spaces and en dashes between digits: high bytes after high bytes, none beside a letter.
    ([0x20, 0xA0, 0x96, 0xA0, 0x20] as [UInt8], " \u{A0}–\u{A0} "),
    // An ellipsis, a closing quote and a dash, then an accent between Latin letters: read as
    // windows-1251 before, "José" came out as "Josй".
    ([0x2E, 0x85, 0x94, 0x97, 0x20, 0x4A, 0x6F, 0x73, 0xE9, 0x20], ".…”— José "),
    // An apostrophe after a letter.
    ([0x6E, 0x92, 0x74], "n’t"),
])
func strayWindows1252BytesInAnASCIIPageAreReadAsWindows1252(stray: [UInt8], expected: String) {
    let before = "<p>Prices rose in 1990\u{A0}"
    let after = " as the ministry said in 2001, 2003 and 2005.</p>"
    let bytes = windows1252(before) + stray + Array(after.utf8)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "windows-1252", evidence: .detected, declared: nil))
    #expect(text(decoded) == before + expected + after)
    #expect(decoded.warnings == [DocumentWarning(
        code: "encoding-guessed",
        message: "no encoding declared and the bytes are not valid UTF-8; guessed windows-1252 from Latin letter statistics")])
}

@Test func aFewStrayBytesInAUTF8PageAreRepairedNotReadAsCyrillic() {
    // Three well-formed characters (two em dashes and a quote), two stray windows-1252 bytes: read
    // whole as windows-1251, the dashes came out as "вЂ”" and "café" as "cafй"; before clean stage 5
    // the stray bytes became U+FFFD ("caf\u{FFFD}", "don\u{FFFD}t"). Each is now read as windows-1252.
    let bytes = Array("<p>The talks — held in Geneva — went “well, said the envoy at the caf".utf8) + [0xE9]
        + Array(" (don".utf8) + [0x92] + Array("t ask).</p>".utf8)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "UTF-8", evidence: .detected, declared: nil))
    #expect(text(decoded) == "<p>The talks — held in Geneva — went “well, said the envoy at the café (don’t ask).</p>")
    #expect(decoded.warnings == [DocumentWarning(code: "windows-1252-bytes", message: "2 stray bytes not valid in UTF-8 read as windows-1252")])
}

@Test func strayBytesOutnumberingUTF8CharactersAreReadAsWindows1252() {
    // One well-formed character, two stray bytes that read as Latin letters: not mostly UTF-8.
    let bytes = Array("<p>Zürich, Gen".utf8) + [0xE8] + Array("ve and M".utf8) + [0xE1] + Array("laga.</p>".utf8)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "windows-1252", evidence: .detected, declared: nil))
    #expect(text(decoded) == "<p>ZÃ¼rich, Genève and Málaga.</p>")
}

@Test func oneCyrillicWordInAnASCIIPageIsStillWindows1251() {
    let bytes = Array("<p>The sign read ".utf8) + windows1251("Ереван") + Array(" in red letters.</p>".utf8)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "windows-1251", evidence: .detected, declared: nil))
    #expect(text(decoded) == "<p>The sign read Ереван in red letters.</p>")
}

@Test func cyrillicTextWithStrayBytesAndUTF8CharactersIsStillWindows1251() {
    // Russian in windows-1251 with a UTF-8 em dash pasted in: the damage is the Russian text.
    let bytes = Array("<p>".utf8) + windows1251(russianParagraph) + Array(" \u{2014} end</p>".utf8)
    let decoded = TextDecoding.decode(bytes, isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "windows-1251", evidence: .detected, declared: nil))
    #expect(text(decoded).hasPrefix("<p>" + russianParagraph))
}

@Test func strayBytesGiveNoCyrillicLettersInLongWords() {
    let stray: [UInt8] = Array("in 1990".utf8) + [0xA0, 0x96, 0xA0] + Array("2000 and ".utf8) + [0x85, 0x94, 0x97]
    let statistics = stray.withUnsafeBufferPointer { TextDecoding.HighByteStatistics($0, isHTML: false) }
    #expect(statistics.afterHigh == 4)
    #expect(statistics.besideASCIILetter == 0)
    #expect(statistics.lettersInLongWords == [0, 0])
    #expect(!statistics.looksCyrillic)

    let word = windows1251("Путин")
    let cyrillic = word.withUnsafeBufferPointer { TextDecoding.HighByteStatistics($0, isHTML: false) }
    #expect(cyrillic.lettersInLongWords == [5, 5])
    #expect(cyrillic.looksCyrillic)
}

// MARK: - Stray windows-1252 bytes in UTF-8 pages

/// A UTF-8 page (well-formed characters all through it) around one stray byte.
private func utf8Page(around stray: [UInt8]) -> [UInt8] {
    Array("<p>Zürich — Genève — Ærø: the envoy said ".utf8) + stray + Array(" and left for Málaga.</p>".utf8)
}

private let utf8PageText = ("<p>Zürich — Genève — Ærø: the envoy said ", " and left for Málaga.</p>")

/// A byte that is an ill-formed sequence of its own between well-formed text is read as windows-1252:
/// punctuation, a no-break space, the euro sign, letters before a space or ASCII, a byte that never
/// starts a UTF-8 sequence.
@Test(arguments: [
    ([0x93] as [UInt8], "“", 1), ([0x94], "”", 1), ([0x91, 0x20, 0x92], "‘ ’", 2), ([0x96], "–", 1), ([0x97], "—", 1),
    ([0x85], "…", 1), ([0x80], "€", 1), ([0xA0], "\u{A0}", 1), ([0x41, 0xE9, 0x42], "AéB", 1), ([0xE9, 0x2E], "é.", 1),
    ([0xC0, 0x41], "ÀA", 1), ([0xFF], "ÿ", 1), ([0xF5], "õ", 1), ([0x9F], "Ÿ", 1), ([0x8A], "Š", 1),
    // Before a well-formed UTF-8 character, and after one.
    (Array("x".utf8) + [0xE9] + Array("ü".utf8), "xéü", 1), (Array("ü".utf8) + [0x94], "ü”", 1),
])
func aStrayByteInAUTF8PageIsReadAsWindows1252(stray: [UInt8], expected: String, count: Int) {
    let decoded = TextDecoding.decode(utf8Page(around: stray), isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "UTF-8", evidence: .detected, declared: nil))
    #expect(text(decoded) == utf8PageText.0 + expected + utf8PageText.1)
    let message = count == 1 ? "1 stray byte not valid in UTF-8 read as windows-1252" : "\(count) stray bytes not valid in UTF-8 read as windows-1252"
    #expect(decoded.warnings == [DocumentWarning(code: "windows-1252-bytes", message: message)])
}

/// Damage of any other shape stays U+FFFD: the five bytes windows-1252 leaves undefined, a sequence
/// cut short in the middle or by the end, an overlong form, a surrogate, and a run of bad bytes.
@Test(arguments: [
    ([0x81] as [UInt8], "\u{FFFD}", 1), ([0x8D], "\u{FFFD}", 1), ([0x8F], "\u{FFFD}", 1), ([0x90], "\u{FFFD}", 1),
    ([0x9D], "\u{FFFD}", 1),
    ([0xE2, 0x80], "\u{FFFD}", 1), ([0xF0, 0x9F, 0x98], "\u{FFFD}", 1), ([0xC0, 0xAF], "\u{FFFD}\u{FFFD}", 2),
    ([0xE0, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}", 3), ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}", 3),
    ([0x93, 0x94], "\u{FFFD}\u{FFFD}", 2), ([0xE9, 0xE8], "\u{FFFD}\u{FFFD}", 2), ([0xE9, 0x94], "\u{FFFD}", 1),
])
func otherUTF8DamageStaysReplacementCharacters(bad: [UInt8], expected: String, sequences: Int) {
    let decoded = TextDecoding.decode(utf8Page(around: bad), isHTML: true)
    #expect(decoded.decision == EncodingDecision(name: "UTF-8", evidence: .detected, declared: nil))
    #expect(text(decoded) == utf8PageText.0 + expected + utf8PageText.1)
    let message = sequences == 1 ? "1 invalid UTF-8 sequence replaced with U+FFFD" : "\(sequences) invalid UTF-8 sequences replaced with U+FFFD"
    #expect(decoded.warnings == [DocumentWarning(code: "invalid-utf8", message: message)])
}

@Test func aLeadByteThatEndsThePageIsASequenceCutShort() {
    // "é" in windows-1252 is also the lead of a three-byte UTF-8 sequence: at the very end it is taken
    // for one cut short. A byte that starts no sequence is read as windows-1252 even there.
    let page = Array("Zürich — Genève — caf".utf8)
    #expect(text(TextDecoding.decode(page + [0xE9], isHTML: false)) == "Zürich — Genève — caf\u{FFFD}")
    let closing = TextDecoding.decode(page + [0x94], isHTML: false)
    #expect(text(closing) == "Zürich — Genève — caf”")
    #expect(closing.warnings.map(\.code) == ["windows-1252-bytes"])
}

@Test func strayBytesAreReadAsWindows1252UnderADeclarationOrAByteOrderMark() {
    let declared = TextDecoding.decode(Array("<meta charset=utf-8><p>It was ".utf8) + [0x93] + Array("fine".utf8) + [0x94] + Array(" — she said — in Zürich.".utf8), isHTML: true)
    #expect(text(declared) == "<meta charset=utf-8><p>It was “fine” — she said — in Zürich.")
    #expect(declared.decision == EncodingDecision(name: "UTF-8", evidence: .declared, declared: "UTF-8"))
    let marked = TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("Caf".utf8) + [0xE9] + Array(" — open".utf8), isHTML: false)
    #expect(text(marked) == "Café — open")
    #expect(marked.decision == EncodingDecision(name: "UTF-8", evidence: .byteOrderMark))
    #expect(marked.warnings == [DocumentWarning(code: "windows-1252-bytes", message: "1 stray byte not valid in UTF-8 read as windows-1252")])
}

/// Whatever the bytes, the repair gives well-formed UTF-8, and every ill-formed sequence the scan
/// counts is either replaced or read as windows-1252, once.
@Test func theRepairAccountsForEveryIllFormedSequence() {
    var generator = SplitMix64(seed: 0x1252)
    let pieces: [[UInt8]] = [Array("abc ".utf8), Array("é".utf8), Array("—".utf8), Array("😀".utf8), [0x93], [0xE9], [0x81], [0xE2, 0x80], [0xC0], [0xBF], [0xF4, 0x90]]
    for round in 0 ..< 2000 {
        var bytes: [UInt8] = []
        for _ in 0 ..< (round % 40) { bytes += pieces[Int(generator.next() % UInt64(pieces.count))] }
        let scan = bytes.withUnsafeBufferPointer { TextDecoding.scanUTF8Sequences($0) }
        let repaired = bytes.withUnsafeBufferPointer { TextDecoding.repairUTF8($0, strayBytesAsWindows1252: true) }
        #expect(isWellFormedUTF8(repaired.utf8), "\(bytes)")
        #expect(repaired.replaced + repaired.windows1252 == scan.invalidSequences, "\(bytes)")
        let plain = bytes.withUnsafeBufferPointer { TextDecoding.repairUTF8($0) }
        #expect(plain.replaced == scan.invalidSequences, "\(bytes)")
        if repaired.windows1252 == 0 { #expect(repaired.utf8 == plain.utf8, "\(bytes)") }
    }
}
