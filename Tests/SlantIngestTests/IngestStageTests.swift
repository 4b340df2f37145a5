import Foundation
import SlantCore
import Testing

@testable import SlantIngest

/// An input file named `path` holding `bytes`.
func input(_ path: String, _ format: InputFormat, _ bytes: [UInt8], outlet: String? = nil) -> InputFile {
    InputFile(source: SourceLocator(path: path), format: format, outletHint: outlet, bytes: bytes)
}

func input(_ path: String, _ format: InputFormat, _ text: String, outlet: String? = nil) -> InputFile {
    input(path, format, Array(text.utf8), outlet: outlet)
}

/// The reason the stage refuses `file` as a whole, or `nil` if it does not.
func refusal(_ file: InputFile, stage: IngestStage = IngestStage()) -> DocumentError? {
    do {
        _ = try stage.process(file)
        return nil
    } catch {
        return error
    }
}

/// The documents of `file`, or `[]` if the stage refuses it.
func results(_ file: InputFile, stage: IngestStage = IngestStage()) -> [Result<RawDocument, DocumentError>] {
    (try? stage.process(file)) ?? []
}

func ingestError(_ path: String, line: Int? = nil, _ reason: DocumentFailure) -> DocumentError {
    DocumentError(source: SourceLocator(path: path, line: line), stage: "ingest", reason: reason)
}

@Suite struct PageIngestTests {
    @Test func htmlAndTextGiveOneDocument() throws {
        let page = input("corpus/a.html", .html, "<html><p>Artsakh</p></html>", outlet: "Asbarez")
        let documents = results(page)
        #expect(documents.count == 1)
        let document = try #require(try documents.first?.get())
        #expect(document.source == SourceLocator(path: "corpus/a.html"))
        #expect(document.format == .html)
        #expect(document.bytes == page.bytes)
        #expect(document.outletHint == "Asbarez")
        #expect(document.metadata == DocumentMetadata())
        #expect(document.digest == RawDocument(source: page.source, format: .html, bytes: page.bytes).digest)

        let text = try #require(try results(input("a.txt", .text, "Plain text.")).first?.get())
        #expect(text.format == .text)
        #expect(text.outletHint == nil)
    }

    @Test func emptyAndWhitespaceOnly() {
        for bytes: [UInt8] in [
            [], Array(" \n\t\r\n".utf8), [0xEF, 0xBB, 0xBF, 0x0A], Array("\u{00A0}\n\u{3000}".utf8),
            [0xFF, 0xFE, 0x20, 0x00, 0x0A, 0x00],
        ] {
            #expect(refusal(input("e.html", .html, bytes)) == ingestError("e.html", .empty), "\(bytes)")
        }
        #expect(refusal(input("e.txt", .text, "\n\n  x")) == nil)
        #expect(ingestError("e.html", .empty).description == "e.html: the file is empty")
    }

    @Test func nulBytesAreBinary() {
        let bytes: [UInt8] = Array("<html".utf8) + [0x00, 0x01, 0x02]
        #expect(refusal(input("b.html", .html, bytes)) == ingestError("b.html", .binary("NUL byte at offset 5")))
        // Past the first 8 KB, a NUL byte is left to the cleaner.
        let late = Array(repeating: UInt8(0x61), count: 8192) + [0x00]
        #expect(refusal(input("late.txt", .text, late)) == nil)
    }

    @Test func utf16WithByteOrderMarkIsText() {
        let littleEndian: [UInt8] =
            [0xFF, 0xFE] + Array("<p>hi</p>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(results(input("u.html", .html, littleEndian)).count == 1)
        let bigEndian: [UInt8] =
            [0xFE, 0xFF] + Array("<p>hi</p>".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(results(input("u.html", .html, bigEndian)).count == 1)
        // Without the mark it is refused, with a hint.
        let bare = Array("<p>hi</p>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(
            refusal(input("u.html", .html, bare))
                == ingestError(
                    "u.html", .binary("NUL bytes, as in UTF-16 text without a byte-order mark; save it as UTF-8")))
    }

    @Test func knownSignatures() {
        let cases: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], "PNG image"),
            ([0x1F, 0x8B, 0x08, 0x00, 0x12], "gzip-compressed data; decompress it first"),
            (Array("%PDF-1.7\n%âãÏÓ\n".utf8), "PDF document"),
            (Array("GIF89a....".utf8), "GIF image"),
            ([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], "JPEG image"),
            ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "ZIP archive (or a file in a ZIP container: .docx, .epub, .odt)"),
            ([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01], "ELF executable"),
            ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00], "xz-compressed data; decompress it first"),
            (Array("BZh91AY&SY".utf8), "bzip2-compressed data; decompress it first"),
        ]
        for (bytes, what) in cases {
            #expect(refusal(input("x.html", .html, bytes)) == ingestError("x.html", .binary(what)))
        }
        // Text that merely starts like a signature is text.
        #expect(refusal(input("t.txt", .text, "BZh, said Zhang.")) == nil)
        #expect(
            ingestError("x.html", .binary("gzip-compressed data; decompress it first")).description
                == "x.html: not a text or HTML file (gzip-compressed data; decompress it first)")
    }

    @Test func tooLarge() {
        let stage = IngestStage(maxDocumentBytes: 10)
        #expect(
            refusal(input("big.html", .html, "<p>eleven.</p>"), stage: stage)
                == ingestError("big.html", .tooLarge(bytes: 14, limit: 10)))
        #expect(refusal(input("ok.html", .html, "<p>ten</p>"), stage: stage) == nil)
    }

    @Test func identityAndLimits() {
        #expect(IngestStage.name == "ingest")
        #expect(IngestStage.version == 2)
        #expect(
            IngestStage(maxDocumentBytes: 10).configurationDigest
                != IngestStage(maxDocumentBytes: 11).configurationDigest)
        #expect(
            IngestStage(maxDocumentBytes: 10).configurationDigest
                == IngestStage(maxDocumentBytes: 10).configurationDigest)
        let configured = IngestStage(settings: IngestSettings(maxDocumentBytes: 1234))
        #expect(configured.readLimit(for: .html) == 1234)
        #expect(configured.readLimit(for: .text) == 1234)
        #expect(configured.readLimit(for: .jsonl) == IngestStage.defaultMaxJSONLinesBytes)
    }
}

@Suite struct FrontMatterIngestTests {
    func document(_ text: String, outlet: String? = "Configured") throws -> RawDocument {
        try #require(try results(input("corpus/a.txt", .text, text, outlet: outlet)).first?.get())
    }

    @Test func theBlockGivesMetadataAndTheOutletAndTheTextStartsAfterIt() throws {
        let document = try document("""
            ---
            title: "Russia Urges Sides to Karabakh Conflict to Resume Talks"
            outlet: Asbarez
            published: 2020-07-09
            url: https://asbarez.com/russia-urges/   # the canonical URL
            language: 'en'
            ---
            MOSCOW—Russia called on the parties to stop the bloodshed.
            """)
        #expect(document.metadata == DocumentMetadata(
            title: "Russia Urges Sides to Karabakh Conflict to Resume Talks", published: "2020-07-09",
            url: "https://asbarez.com/russia-urges/", language: "en"))
        // The block's outlet is the document's own, as a JSON Lines record's is: it overrides the configuration's.
        #expect(document.outletHint == "Asbarez")
        #expect(String(decoding: document.bytes, as: UTF8.self) == "MOSCOW—Russia called on the parties to stop the bloodshed.")
        #expect(document.warnings.isEmpty)
        #expect(document.format == .text)
    }

    @Test func withoutAnOutletTheFilesOutletStandsAndCRLFAndAByteOrderMarkAreRead() throws {
        let document = try document("\u{FEFF}---\r\ntitle: It's a 'test': yes\r\n...\r\nText.\r\n")
        #expect(document.metadata.title == "It's a 'test': yes")
        #expect(document.outletHint == "Configured")
        #expect(String(decoding: document.bytes, as: UTF8.self) == "Text.\r\n")
    }

    @Test func otherKeysAndLinesAreIgnoredWithAWarning() throws {
        let document = try document("""
            ---
            title: Talks
            tags:
              - karabakh
              - talks
            this line is not a key
            ---
            Text.
            """)
        #expect(document.metadata.title == "Talks")
        #expect(document.warnings == [
            DocumentWarning(code: "front-matter", message: "the front matter's `tags` (line 3) is not read; Slant reads `title`, `outlet`, `published`, `url`, `language`"),
            DocumentWarning(code: "front-matter", message: "line 6 of the front matter is not `key: value`; ignored"),
        ])
    }

    /// A rule at the top of a text, a block that never closes, a block of prose: no front matter.
    @Test func textThatOnlyStartsLikeFrontMatterIsText() throws {
        for text in [
            "---\nThe article starts after a rule.\n\nAnd goes on.",
            "---\ntitle: never closed\nThe article.",
            "---\nJust a line between rules\n---\nThe article.",
            "Title\n---\ntitle: x\n---\n",
        ] {
            let document = try document(text)
            #expect(String(decoding: document.bytes, as: UTF8.self) == text)
            #expect(document.metadata == DocumentMetadata())
            #expect(document.outletHint == "Configured")
        }
    }

    /// The block is bounded: a closing line past the first 100 lines is not looked for.
    @Test func aBlockMustCloseWithinItsFirstHundredLines() throws {
        let long = "---\n" + String(repeating: "title: x\n", count: 120) + "---\nText."
        #expect(try document(long).metadata == DocumentMetadata())
    }
}

@Suite struct JSONLinesIngestTests {
    /// The outcome of each record, as the test expects to read it.
    enum Outcome: Equatable {
        case document(line: Int, format: DocumentFormat, text: String, outlet: String?, metadata: DocumentMetadata)
        case failure(DocumentError)
    }

    func outcomes(_ text: String, outlet: String? = nil, stage: IngestStage = IngestStage()) -> [Outcome] {
        outcomes(Array(text.utf8), outlet: outlet, stage: stage)
    }

    func outcomes(_ bytes: [UInt8], outlet: String? = nil, stage: IngestStage = IngestStage()) -> [Outcome] {
        results(input("feed.jsonl", .jsonl, bytes, outlet: outlet), stage: stage).map { result in
            switch result {
            case .success(let document):
                .document(
                    line: document.source.line ?? 0, format: document.format,
                    text: String(decoding: document.bytes, as: UTF8.self), outlet: document.outletHint,
                    metadata: document.metadata)
            case .failure(let error):
                .failure(error)
            }
        }
    }

    @Test func goodLines() {
        let feed = """
            {"id": "a1", "outlet": "TASS", "url": "https://tass.com/1", "published": "2020-09-27", "title": "Clashes", "html": "<p>Nagorno-Karabakh</p>"}
            {"id": "a2", "text": "Artsakh says...", "unknown": [1, {"x": null}]}

            """
        #expect(
            outcomes(feed, outlet: "Configured")
                == [
                    .document(
                        line: 1, format: .html, text: "<p>Nagorno-Karabakh</p>", outlet: "TASS",
                        metadata: DocumentMetadata(
                            id: "a1", title: "Clashes", published: "2020-09-27", url: "https://tass.com/1")),
                    .document(
                        line: 2, format: .text, text: "Artsakh says...", outlet: "Configured",
                        metadata: DocumentMetadata(id: "a2")),
                ])
    }

    @Test func recordSourceCarriesTheLine() throws {
        let documents = results(input("feed.jsonl", .jsonl, "\n{\"text\": \"x\"}"))
        let document = try #require(try documents.first?.get())
        #expect(document.source == SourceLocator(path: "feed.jsonl", line: 2))
        #expect(document.source.description == "feed.jsonl:2")
    }

    @Test func badLinesFailAndTheOthersStillComeOut() {
        let feed = """
            {"id": 1, "text": "one"}
            {"id": 2, "text": "two"
            {"id": 3, "title": "no body"}
            [1, 2, 3]
            {"id": true, "html": 5, "title": ["x"]}
            {"id": 6, "html": "   ", "text": ""}
            {"id": 7, "html": "<p>seven</p>", "text": "also seven"}
            """
        let result = outcomes(feed)
        #expect(result.count == 7)
        #expect(
            result[0]
                == .document(line: 1, format: .text, text: "one", outlet: nil, metadata: DocumentMetadata(id: "1")))
        if case .failure(let error) = result[1] {
            #expect(error.source == SourceLocator(path: "feed.jsonl", line: 2))
            #expect(error.stage == "ingest")
            #if os(Linux)
            #expect(error.reason == .malformedRecord("invalid JSON (Unexpected end of file during JSON parse)"))
            #else
            #expect(error.reason.description.hasPrefix("malformed JSON Lines record: invalid JSON ("))
            #endif
        } else {
            Issue.record("expected line 2 to fail")
        }
        #expect(
            Array(result[2...])
                == [
                    .failure(
                        ingestError("feed.jsonl", line: 3, .malformedRecord("the record has neither `html` nor `text`"))
                    ),
                    .failure(
                        ingestError(
                            "feed.jsonl", line: 4,
                            .malformedRecord("expected a JSON object `{...}` on the line; found a list"))),
                    .failure(
                        ingestError(
                            "feed.jsonl", line: 5,
                            .malformedRecord(
                                "`id` must be a string or a number; found `true`; `title` must be a string; found a list; `html` must be a string; found a number"
                            ))),
                    .failure(
                        ingestError("feed.jsonl", line: 6, .malformedRecord("`html` is empty and `text` is empty"))),
                    .document(
                        line: 7, format: .html, text: "<p>seven</p>", outlet: nil, metadata: DocumentMetadata(id: "7")),
                ])
        #expect(
            ingestError("feed.jsonl", line: 3, .malformedRecord("the record has neither `html` nor `text`")).description
                == "feed.jsonl:3: malformed JSON Lines record: the record has neither `html` nor `text`")
    }

    @Test func numericIdentifiers() {
        let feed = """
            {"id": 42, "text": "a"}
            {"id": -7, "text": "b"}
            {"id": 18446744073709551615, "text": "c"}
            {"id": 1.5, "text": "d"}
            {"id": "  x-9 ", "text": "e"}
            {"id": null, "text": "f"}
            """
        let ids = outcomes(feed).map { outcome -> String? in
            if case .document(_, _, _, _, let metadata) = outcome { return metadata.id }
            return "failed"
        }
        #expect(ids == ["42", "-7", "18446744073709551615", "1.5", "x-9", nil])
    }

    @Test func blankLinesCRLFByteOrderMarkAndNoFinalNewline() {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("{\"text\": \"a\"}\r\n\r\n   \n{\"text\": \"b\"}\r\n{\"text\": \"c\"}".utf8)
        #expect(
            outcomes(bytes) == [
                .document(line: 1, format: .text, text: "a", outlet: nil, metadata: DocumentMetadata()),
                .document(line: 4, format: .text, text: "b", outlet: nil, metadata: DocumentMetadata()),
                .document(line: 5, format: .text, text: "c", outlet: nil, metadata: DocumentMetadata()),
            ])
    }

    @Test func bytesAreTheDecodedString() throws {
        let document = try #require(
            try results(input("f.jsonl", .jsonl, #"{"html": "<p>\u0531\u0580\u0581\u0561\u056d \"q\"\n</p>"}"#)).first?
                .get())
        #expect(String(decoding: document.bytes, as: UTF8.self) == "<p>Արցախ \"q\"\n</p>")
    }

    @Test func recordOverTheLimit() {
        let stage = IngestStage(maxDocumentBytes: 5)
        #expect(
            outcomes("{\"text\": \"123456\"}\n{\"text\": \"12345\"}", stage: stage) == [
                .failure(ingestError("feed.jsonl", line: 1, .tooLarge(bytes: 6, limit: 5))),
                .document(line: 2, format: .text, text: "12345", outlet: nil, metadata: DocumentMetadata()),
            ])
    }

    @Test func wholeFileProblems() {
        #expect(refusal(input("f.jsonl", .jsonl, "\n \r\n")) == ingestError("f.jsonl", .empty))
        #expect(
            refusal(input("f.jsonl", .jsonl, [0x1F, 0x8B, 0x08]))
                == ingestError("f.jsonl", .binary("gzip-compressed data; decompress it first")))
        #expect(
            refusal(
                input("f.jsonl", .jsonl, "{\"text\": \"x\"}"),
                stage: IngestStage(maxDocumentBytes: 5, maxJSONLinesBytes: 10))
                == ingestError("f.jsonl", .tooLarge(bytes: 13, limit: 10)))
    }

    @Test func hostileLines() {
        let feed = [
            String(repeating: "[", count: 100_000), #"{"text": "\ud800"}"#, "\u{1}\u{2}", "  true",
            "null", #"{"text": "ok", "ignored": "\ud800", "also": [[[{}]]]}"#,
        ].joined(separator: "\n")
        let result = outcomes(feed)
        #expect(result.count == 6)
        for (index, outcome) in result.prefix(5).enumerated() {
            guard case .failure(let error) = outcome, case .malformedRecord = error.reason else {
                Issue.record("line \(index + 1) should be a malformed record: \(outcome)")
                continue
            }
            #expect(error.source.line == index + 1)
        }
        #if os(Linux)
        #expect(
            result.prefix(5)
                == [
                    .failure(
                        ingestError(
                            "feed.jsonl", line: 1,
                            .malformedRecord(
                                "invalid JSON (Too many nested arrays or dictionaries around character 513)"))),
                    .failure(
                        ingestError(
                            "feed.jsonl", line: 2,
                            .malformedRecord(
                                "invalid JSON (Unexpected end of file during string parse (expected low-surrogate code point but did not find one))"
                            ))),
                    .failure(
                        ingestError(
                            "feed.jsonl", line: 3, .malformedRecord("invalid JSON (Invalid value around character 0)"))),
                    .failure(
                        ingestError(
                            "feed.jsonl", line: 4,
                            .malformedRecord("expected a JSON object `{...}` on the line; found `true`"))),
                    .failure(
                        ingestError(
                            "feed.jsonl", line: 5,
                            .malformedRecord("expected a JSON object `{...}` on the line; found null"))),
                ])
        #endif
        #expect(result.last == .document(line: 6, format: .text, text: "ok", outlet: nil, metadata: DocumentMetadata()))
    }
}

@Suite struct IngestPipelineTests {
    @Test func discoverReadAndIngest() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("corpus/asbarez/a.html")
        try directory.write("corpus/asbarez/empty.html", "")
        try directory.write("corpus/feeds/tass.jsonl", "{\"id\": 1, \"text\": \"x\"}\nnot json\n")
        let configuration = directory.configuration([
            source("corpus/asbarez", outlet: "Asbarez"), source("corpus/feeds/*.jsonl", outlet: "TASS"),
        ])
        let stage = IngestStage(settings: configuration.settings.ingest)
        let discovery = try FileDiscovery(currentDirectory: directory.path).files(for: configuration)
        var lines: [String] = []
        for file in discovery.files {
            let documents: [Result<RawDocument, DocumentError>]
            switch FileReader().read(file, maxBytes: stage.readLimit(for: file.format)) {
            case .failure(let error): documents = [.failure(error)]
            case .success(let input):
                do throws(DocumentError) {
                    documents = try stage.process(input)
                } catch {
                    documents = [.failure(error)]
                }
            }
            for document in documents {
                switch document {
                case .success(let raw): lines.append("\(raw.source) \(raw.outletHint ?? "-") \(raw.metadata.id ?? "-")")
                case .failure(let error): lines.append("\(error.source) \(error.reason.code)")
                }
            }
        }
        #expect(
            lines == [
                "corpus/asbarez/a.html Asbarez -", "corpus/asbarez/empty.html empty",
                "corpus/feeds/tass.jsonl:1 TASS 1",
                "corpus/feeds/tass.jsonl:2 malformed-record",
            ])
    }
}
