import Foundation
import SlantCore
import Testing

@Suite struct JSONTests {
    @Test func keepsKeyOrderAndEscapes() {
        let value = JSON.object([
            "b": .string("line\nbreak \"quoted\" \\ tab\t"), "a": .int(3), "c": .null, "d": .bool(true),
            "e": .array([.double(0.5), .double(2), .number(.nan)]),
        ])
        #expect(value.serialized() == #"{"b":"line\nbreak \"quoted\" \\ tab\t","a":3,"c":null,"d":true,"e":[0.5,2.0,null]}"#)
    }

    @Test func escapesControlCharactersAndLineSeparators() {
        #expect(JSON.string("\u{01}\u{2028}é").serialized() == #""\u0001\u2028é""#)
    }

    @Test func escapesMarkupForHTMLEmbedding() {
        #expect(JSON.string("</script><b>&'").serialized(escapingForHTML: true) == #""\u003c/script\u003e\u003cb\u003e\u0026\u0027""#)
    }
}

@Suite struct DigestTests {
    @Test func sha256OfKnownInput() {
        #expect(ContentDigest(of: Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func partsAreLengthPrefixed() {
        #expect(ContentDigest(ofParts: ["ab", "c"]) != ContentDigest(ofParts: ["a", "bc"]))
    }

    /// The digests every store keys its rows by: the same bytes as before libcrypto replaced swift-crypto
    /// (each part its little-endian UInt64 length, then its UTF-8 bytes; checked with Python's hashlib).
    @Test func digestsAreTheSameBytesAsEverStoresKeyedBy() {
        #expect(ContentDigest(of: [UInt8]()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentDigest(ofParts: ["clean", "1", "é—Арцах", ""]).hex == "38f0bfa4d9a53832da6ffb3e94c3fde434f693a79c63379ba19992518a058ab0")
        let large = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(ContentDigest(of: large).hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(ContentDigest(of: Data(large)) == ContentDigest(of: large))
    }

    @Test func documentDigestDependsOnBytesAndMetadataButNotOutlet() {
        let source = SourceLocator(path: "a.html")
        let one = RawDocument(source: source, format: .html, bytes: Array("<p>x</p>".utf8), outletHint: "A")
        let two = RawDocument(source: SourceLocator(path: "b.html"), format: .html, bytes: Array("<p>x</p>".utf8), outletHint: "B")
        let three = RawDocument(source: source, format: .html, bytes: Array("<p>y</p>".utf8))
        let four = RawDocument(source: source, format: .html, bytes: Array("<p>x</p>".utf8), metadata: DocumentMetadata(id: "7"))
        #expect(one.digest == two.digest)
        #expect(one.digest != three.digest)
        #expect(one.digest != four.digest)
    }
}

@Suite struct CodePointIndexTests {
    @Test func convertsUTF8OffsetsToCodePoints() {
        let text = "Արցախ and Арцах — “Artsakh”" + String(repeating: "é", count: 100) + "z"
        let index = CodePointIndex(text)
        let bytes = Array(text.utf8)
        var codePoints = 0
        for offset in 0...bytes.count {
            if offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { continue }
            #expect(index.codePointOffset(offset) == codePoints)
            codePoints += 1
        }
        #expect(index.codePointOffset(bytes.count) == text.unicodeScalars.count)
    }
}

@Suite struct OutletTests {
    @Test func configuredOutletWinsThenSiteThenDomainThenDirectory() {
        let source = SourceLocator(path: "corpus/asbarez/a.html")
        #expect(OutletResolver.outlet(hint: "Asbarez", metadata: DocumentMetadata(site: "X"), source: source) == "Asbarez")
        #expect(OutletResolver.outlet(hint: nil, metadata: DocumentMetadata(site: "SouthFront"), source: source) == "SouthFront")
        #expect(OutletResolver.outlet(hint: " ", metadata: DocumentMetadata(url: "https://www.dailymail.co.uk/news/a"), source: source) == "dailymail.co.uk")
        #expect(OutletResolver.outlet(hint: nil, metadata: DocumentMetadata(), source: source) == "asbarez")
        #expect(OutletResolver.outlet(hint: nil, metadata: DocumentMetadata(), source: SourceLocator(path: "a.html")) == "unknown")
    }
}
