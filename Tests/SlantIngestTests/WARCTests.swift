import Foundation
import SlantCore
import Testing

@testable import SlantIngest

/// Reads `bytes` as the WARC file `crawl.warc(.gz)` with `ingest`: every item, and the counts.
private func items(_ bytes: [UInt8], gzipped: Bool, ingest: WARCIngest = WARCIngest()) throws -> ([ArchiveItem], ArchiveCounts) {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let name = gzipped ? "crawl.warc.gz" : "crawl.warc"
    try directory.write(name, bytes: bytes)
    var found: [ArchiveItem] = []
    let counts = try ingest.forEach(absolutePath: directory.absolute(name), path: name) { found.append($0) }.get()
    return (found, counts)
}

private func documents(_ items: [ArchiveItem]) -> [RawDocument] {
    items.compactMap { if case .document(let document) = $0 { document } else { nil } }
}

private func failures(_ items: [ArchiveItem]) -> [DocumentError] {
    items.compactMap { if case .failure(let error) = $0 { error } else { nil } }
}

/// A small crawl: warcinfo, a request, the page's response, an image, a redirect, metadata, a second page.
private func crawl() -> [[UInt8]] {
    [
        WARCBuilder.record(type: "warcinfo", uri: nil, contentType: "application/warc-fields", block: Array("software: test\r\n".utf8)),
        WARCBuilder.record(type: "request", contentType: "application/http; msgtype=request",
                           block: Array("GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n".utf8)),
        WARCBuilder.record(type: "response", uri: "https://example.org/a", block: WARCBuilder.http(body: WARCBuilder.page("Artsakh first page."))),
        WARCBuilder.record(type: "response", uri: "https://example.org/logo.png",
                           block: WARCBuilder.http(headers: ["Content-Type: image/png"], body: [0x89, 0x50, 0x4E, 0x47])),
        WARCBuilder.record(type: "response", uri: "https://example.org/old",
                           block: WARCBuilder.http(status: "301 Moved Permanently", headers: ["Content-Type: text/html", "Location: /a"], body: Array("<html>moved</html>".utf8))),
        WARCBuilder.record(type: "metadata", uri: "https://example.org/a", contentType: "application/warc-fields", block: Array("fetchTimeMs: 12\r\n".utf8)),
        WARCBuilder.record(type: "response", uri: "https://example.org/b", date: "2020-10-15T09:00:00Z",
                           block: WARCBuilder.http(body: WARCBuilder.page("Karabakh second page."))),
    ]
}

@Suite struct WARCReadingTests {
    @Test(arguments: [false, true])
    func responsesBecomeDocumentsWithTheirLocators(gzipped: Bool) throws {
        let (bytes, offsets) = WARCBuilder.file(crawl(), gzipped: gzipped)
        let (found, counts) = try items(bytes, gzipped: gzipped)
        #expect(counts == { var c = ArchiveCounts(); c.records = 7; c.documents = 2; c.skipped = 5; return c }())
        let pages = documents(found)
        try #require(pages.count == 2)
        let name = gzipped ? "crawl.warc.gz" : "crawl.warc"
        #expect(pages[0].source == SourceLocator(path: name, offset: offsets[2]))
        #expect(pages[0].source.description == "\(name)@\(offsets[2])")
        #expect(pages[1].source == SourceLocator(path: name, offset: offsets[6]))
        #expect(pages[0].metadata.url == "https://example.org/a")
        #expect(pages[0].metadata.captured == "2020-10-14T08:30:00Z")
        #expect(pages[0].metadata.published == nil)
        #expect(pages[1].metadata.captured == "2020-10-15T09:00:00Z")
        #expect(pages[0].transportCharset == "utf-8")
        #expect(pages[0].format == .html)
        #expect(pages[0].bytes == WARCBuilder.page("Artsakh first page."))
        #expect(failures(found).isEmpty)
    }

    @Test func oneGzipMemberForSeveralRecordsLocatesThemInsideIt() throws {
        let records = crawl()
        let plain = records.reduce([], +)
        let (found, _) = try items(WARCBuilder.gzip(plain), gzipped: true)
        let pages = documents(found)
        try #require(pages.count == 2)
        let inside = Int64(records[0..<2].reduce(0) { $0 + $1.count })
        #expect(pages[0].source == SourceLocator(path: "crawl.warc.gz", offset: 0, offsetInMember: inside))
        #expect(pages[0].source.description == "crawl.warc.gz@0+\(inside)")
    }

    @Test func chunkedAndCompressedBodiesAreDecoded() throws {
        let page = WARCBuilder.page(String(repeating: "Nagorno-Karabakh and Artsakh. ", count: 200))
        let gzipChunked = WARCBuilder.http(
            headers: ["Content-Type: text/html", "Content-Encoding: gzip", "Transfer-Encoding: chunked"],
            body: WARCBuilder.chunked(WARCBuilder.gzip(page), size: 97))
        let deflated = WARCBuilder.http(headers: ["Content-Type: text/html", "Content-Encoding: deflate"], body: WARCBuilder.zlib(page))
        let chunkedOnly = WARCBuilder.http(headers: ["Content-Type: text/html", "Transfer-Encoding: chunked"], body: WARCBuilder.chunked(page, size: 1000))
        let brotli = WARCBuilder.http(headers: ["Content-Type: text/html", "Content-Encoding: br"], body: [1, 2, 3])
        let records = [gzipChunked, deflated, chunkedOnly, brotli].map { WARCBuilder.record(type: "response", block: $0) }
        let (bytes, offsets) = WARCBuilder.file(records, gzipped: true)
        let (found, _) = try items(bytes, gzipped: true)
        let pages = documents(found)
        #expect(pages.count == 3)
        for document in pages { #expect(document.bytes == page) }
        #expect(failures(found) == [
            DocumentError(
                source: SourceLocator(path: "crawl.warc.gz", offset: offsets[3]), stage: "ingest",
                reason: .malformedArchiveRecord("the body's Content-Encoding: br is not supported"))
        ])
    }

    @Test func theHTTPCharsetIsCarriedAndHTMLIsToldByTypeOrBytes() throws {
        let cyrillic: [UInt8] = Array("<html><body><p>".utf8) + [0xCD, 0xE0, 0xE3, 0xEE, 0xF0, 0xED, 0xFB, 0xE9] + Array("</p></body></html>".utf8)
        let records = [
            WARCBuilder.record(type: "response", block: WARCBuilder.http(headers: ["Content-Type: text/html; charset=\"windows-1251\""], body: cyrillic)),
            // No Content-Type: the crawler's identification, else the bytes.
            WARCBuilder.record(type: "response", block: WARCBuilder.http(headers: [], body: Array("  <!doctype HTML><p>x</p>".utf8))),
            WARCBuilder.record(type: "response", block: WARCBuilder.http(headers: [], body: Array("{\"json\": true}".utf8))),
            WARCBuilder.record(type: "response", block: WARCBuilder.http(headers: [], body: Array("plain words".utf8)),
                               extraHeaders: ["WARC-Identified-Payload-Type: text/html"]),
            WARCBuilder.record(type: "response", block: WARCBuilder.http(headers: ["Content-Type: application/xhtml+xml"], body: Array("<html/>".utf8))),
        ]
        let (found, counts) = try items(WARCBuilder.file(records, gzipped: false).bytes, gzipped: false)
        let pages = documents(found)
        #expect(pages.map(\.transportCharset) == ["windows-1251", nil, nil, nil])
        #expect(pages.first?.bytes == cyrillic)
        #expect(counts.skipped == 1)
    }

    @Test(arguments: [false, true])
    func aTruncatedLastRecordIsAnErrorAndTheOthersAreRead(gzipped: Bool) throws {
        var (bytes, offsets) = WARCBuilder.file(crawl(), gzipped: gzipped)
        bytes.removeLast(gzipped ? 30 : 60)
        let (found, _) = try items(bytes, gzipped: gzipped)
        #expect(documents(found).count == 1)
        let errors = failures(found)
        try #require(errors.count == 1)
        #expect(errors[0].source == SourceLocator(path: gzipped ? "crawl.warc.gz" : "crawl.warc", offset: offsets[6]))
        #expect(errors[0].reason.code == "malformed-warc-record")
        #expect(errors[0].reason.description.contains("truncated"))
    }

    /// A last member cut so early that it inflates to nothing (or to blank lines) still held a record.
    @Test(arguments: [10, 30, 50, 80])
    func aLastGzipMemberCutEarlyIsAnError(kept: Int) throws {
        let (whole, offsets) = WARCBuilder.file(crawl(), gzipped: true)
        let bytes = Array(whole[..<(Int(offsets[6]) + kept)])
        let (found, _) = try items(bytes, gzipped: true)
        #expect(documents(found).map(\.metadata.url) == ["https://example.org/a"])
        let errors = failures(found)
        try #require(errors.count == 1)
        #expect(errors[0].source == SourceLocator(path: "crawl.warc.gz", offset: offsets[6]))
        #expect(errors[0].reason.code == "malformed-warc-record")
        #expect(errors[0].reason.description.contains("truncated"))
    }

    @Test func aDamagedGzipMemberIsAnErrorAndReadingGoesOnAtTheNextMember() throws {
        var (bytes, offsets) = WARCBuilder.file(crawl(), gzipped: true)
        // Damage the deflate data of the first page's member (past its 10-byte gzip header).
        let start = Int(offsets[2]) + 12
        for index in start..<(start + 16) { bytes[index] ^= 0x5A }
        let (found, _) = try items(bytes, gzipped: true)
        let pages = documents(found)
        #expect(pages.map(\.metadata.url) == ["https://example.org/b"])
        let errors = failures(found)
        try #require(errors.count == 1)
        #expect(errors[0].source == SourceLocator(path: "crawl.warc.gz", offset: offsets[2]))
        #expect(errors[0].reason.description.contains("damaged gzip data"))
    }

    @Test func aMalformedHeaderIsAnErrorAndReadingGoesOnAtTheNextRecord() throws {
        var records = crawl()
        records[1] = Array("GARBAGE that is not a record\r\nstill not\r\n\r\n".utf8)
        records[3] = Array("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nxyz\r\n\r\n".utf8)
        let (bytes, offsets) = WARCBuilder.file(records, gzipped: false)
        let (found, _) = try items(bytes, gzipped: false)
        #expect(documents(found).map(\.metadata.url) == ["https://example.org/a", "https://example.org/b"])
        let errors = failures(found)
        #expect(errors.map(\.source.offset) == [offsets[1], offsets[3]])
        #expect(errors.map(\.reason.description) == [
            "malformed WARC record: not a WARC record (no `WARC/1.x` line)",
            "malformed WARC record: the record has no valid Content-Length",
        ])
    }

    @Test func aPageAboveTheLimitIsAnErrorAndIsNotHeld() throws {
        let big = WARCBuilder.page(String(repeating: "word ", count: 5000))
        let records = [WARCBuilder.record(type: "response", block: WARCBuilder.http(body: big))] + crawl()
        let (found, _) = try items(WARCBuilder.file(records, gzipped: true).bytes, gzipped: true, ingest: WARCIngest(maxDocumentBytes: 1000))
        #expect(documents(found).count == 2)
        #expect(failures(found).map(\.reason.code) == ["malformed-warc-record"])
    }

    @Test func notAWARCFileGivesOneErrorAndEmptyGivesNone() throws {
        let (found, counts) = try items(Array("<html><body>just a page</body></html>\n".utf8), gzipped: false)
        #expect(failures(found).count == 1)
        #expect(counts.documents == 0)
        let (none, empty) = try items([], gzipped: false)
        #expect(none.isEmpty && empty.records == 0)
    }

    @Test func aMissingFileIsTheFilesError() {
        let result = WARCIngest().forEach(absolutePath: "/nonexistent/crawl.warc.gz", path: "crawl.warc.gz") { _ in }
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.source == SourceLocator(path: "crawl.warc.gz"))
        #expect(error.reason.code == "unreadable")
    }

    @Test func fileNamesGiveTheWARCFormat() {
        #expect(InputFormat(fileName: "CC-NEWS-20201014.warc.gz") == .warc)
        #expect(InputFormat(fileName: "a.WARC") == .warc)
        #expect(InputFormat(fileName: "a.gz") == nil)
        #expect(InputFormat.warc.isArchive)
    }
}

@Suite struct PrefilterTests {
    @Test func wordsMatchWhateverTheirCaseDiacriticsOrApostrophes() throws {
        let filter = try #require(Prefilter(words: ["Artsakh", "Нагорный", "Dağlıq", "separatis*", "Karabakh's"]))
        #expect(filter.needles == ["artsakh", "daglıq".replacingOccurrences(of: "ı", with: "i"), "karabakh", "separatis", "нагорныи"].sorted())
        for text in ["the ARTSAKH army", "НАГОРНЫЙ Карабах", "Dağlıq Qarabağ", "DAGLIQ", "separatists", "Karabakh’s",
                     "Art&#115;akh", "Art&#x73;akh", "&#1053;&#1072;&#1075;&#1086;&#1088;&#1085;&#1099;&#1081;", "Da&#287;l&#305;q"] {
            #expect(filter.matches(Array(text.utf8)), "\(text)")
        }
        for text in ["Armenia and Azerbaijan", "Arts akh", "Нагорная", ""] {
            #expect(!filter.matches(Array(text.utf8)), "\(text)")
        }
    }

    @Test func aPageThatIsNotUTF8PassesWhenANeedleIsNotASCII() throws {
        let windows1251: [UInt8] = [0xCD, 0xE0, 0xE3, 0xEE, 0xF0, 0xED, 0xFB, 0xE9]
        let cyrillic = try #require(Prefilter(words: ["Нагорный"]))
        #expect(cyrillic.matches(windows1251))
        let ascii = try #require(Prefilter(words: ["Karabakh"]))
        #expect(!ascii.matches(windows1251))
        #expect(ascii.matches([0xFF, 0xFE, 0x41, 0x00]))
    }

    @Test func needlesAreTheLongestPieceOfAVariant() {
        #expect(Prefilter.needle(forWords: ["nagorno", "karabakh"]) == "karabakh")
        #expect(Prefilter.needle(forWords: ["shi'ite"]) == "shi")
        #expect(Prefilter.needle(forWords: []) == nil)
        #expect(Prefilter(words: ["'", "*"]) == nil)
    }

    @Test func variantsOfShortWordsAreLookedForAsPhrases() throws {
        #expect(Prefilter.needle(forWords: ["44", "day", "war"]) == "44 day war")
        let filter = try #require(Prefilter(words: ["44-day war"]))
        #expect(filter.needles == ["44 day war"])
        for text in ["the 44-day war", "44–day  war", "44&nbsp;day\nwar", "44 Day War", "44\u{2011}day war"] {
            #expect(filter.matches(Array(text.utf8)), "\(text)")
        }
        for text in ["on Saturday", "44 days war", "44-day. War"] {
            #expect(!filter.matches(Array(text.utf8)), "\(text)")
        }
    }

    @Test func aNeedleInsideAnotherIsEnough() throws {
        let filter = try #require(Prefilter(words: ["occupied", "occup*", "occupation"]))
        #expect(filter.needles == ["occup"])
        #expect(filter.digest == Prefilter(words: ["occup"])?.digest)
    }

    /// What the scan must decide, spelled out: the whole text folded character by character, runs of
    /// spaces as one, and a needle found in it (or a page that is not UTF-8, when a needle is not ASCII).
    private func reference(_ filter: Prefilter, _ bytes: [UInt8]) -> Bool {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return true }
        var folded: [UInt8] = []
        let invalid = bytes.withUnsafeBufferPointer { buffer in
            var scanner = FoldingScanner(buffer)
            while let next = scanner.nextFolded() {
                for byte in next where !(byte == 0x20 && folded.last == 0x20) { folded.append(byte) }
            }
            return scanner.sawInvalidUTF8
        }
        let needles = filter.needles.map { Array($0.utf8) }
        for needle in needles where folded.count >= needle.count {
            for start in 0...(folded.count - needle.count) where folded[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return invalid && needles.contains { $0.contains { $0 >= 0x80 } }
    }

    @Test func theScanDecidesAsTheFoldedTextDoes() throws {
        let filters = [
            try #require(Prefilter(words: ["Kremlin", "Kyiv", "Ukrain*", "Донбас", "44-day war", "Dağlıq"])),
            try #require(Prefilter(words: ["Kremlin", "Donbas"])),
        ]
        let pieces = [
            "Kremlin", "KREM", "kyi", "Kyiv", "ukrAine", "Донбас", "ДОНБ", "44-day", " war", "44 day  war", "day", "Dağlıq", "DAGLIQ",
            "&amp;", "&#107;", "&#x4B;remlin", "&nbsp;", "Kr&eacute;mlin", "—", " ", "\t", "\n", "-", "<p class=\"k\">", "</div>",
            "dk", "u", "K", "é", "Ки", "\u{2019}", "x", "the ", "a",
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x80]]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var passed = [0, 0]
        for _ in 0..<3_000 {
            var text: [UInt8] = []
            for _ in 0..<(1 + next(12)) { text += pieces[next(pieces.count)] }
            for (index, filter) in filters.enumerated() {
                let expected = reference(filter, text)
                #expect(filter.matches(text) == expected, "\(filter) \(String(decoding: text, as: UTF8.self))")
                if expected { passed[index] += 1 }
            }
        }
        // Both outcomes are exercised.
        #expect(passed.allSatisfy { $0 > 300 && $0 < 2_700 }, "\(passed)")
    }

    @Test func aFilterDropsPagesAndCountsThem() throws {
        let filter = Prefilter(words: ["Artsakh"])
        let (bytes, _) = WARCBuilder.file(crawl(), gzipped: true)
        let (found, counts) = try items(bytes, gzipped: true, ingest: WARCIngest(filter: filter))
        #expect(documents(found).map(\.metadata.url) == ["https://example.org/a"])
        #expect(counts.filtered == 1)
    }
}
