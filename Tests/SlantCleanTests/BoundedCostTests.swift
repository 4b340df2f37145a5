import Foundation
import SlantClean
import SlantCore
import Testing

/// No document costs more than a bounded multiple of an ordinary one, and nothing it holds is lost
/// silently: the complexity budget, the metadata cap, NUL bytes.
@Suite struct BoundedCostTests {
    static let paragraph = "<p>The two sides agreed on Friday to stop the fighting, officials in both capitals said, and talks will follow.</p>"

    func failure(_ html: String, settings: CleanSettings = CleanSettings()) -> DocumentError? {
        do {
            _ = try CleanStage(settings: settings).process(
                RawDocument(source: SourceLocator(path: "page.html"), format: .html, bytes: Array(html.utf8)))
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Complexity budget

    /// 80,000 attributes on one tag (0.87 MB) take libxml2 over a minute to parse; the budget refuses
    /// the page before it is parsed.
    @Test func eightyThousandAttributesOnOneTagAreRefusedAsTooComplex() throws {
        var page = "<html><body><div"
        for index in 0..<80_000 { page += " data-a\(index)=x" }
        page += ">" + Self.paragraph + "</div></body></html>"
        #expect(page.utf8.count > 870_000)
        let error = try #require(failure(page))
        #expect(error.stage == "clean")
        #expect(error.reason.code == "too-complex")
        #expect(error.reason == .tooComplex("the <div> element at byte 12 has more than 1,000 attributes (limit `max_attributes_per_element`: 1,000)"))
        // The pages around it are cleaned as ever.
        #expect(failure("<html><body><article>\(Self.paragraph)</article></body></html>") == nil)
    }

    @Test func theBudgetCountsElementsAndAttributesAsTheSettingsSay() throws {
        let page = "<html><body><article>" + String(repeating: Self.paragraph, count: 50) + "</article></body></html>"
        // 3 + 50 elements.
        #expect(failure(page, settings: CleanSettings(maxElements: 53)) == nil)
        #expect(failure(page, settings: CleanSettings(maxElements: 52))?.reason
            == .tooComplex("it has more than 52 elements (limit `max_elements`: 52)"))
        let attributed = "<html><body><article>" + String(repeating: "<p class=\"a\" id='b' lang=en data-x=1>Words of the article, and more words.</p>", count: 10) + "</article></body></html>"
        #expect(failure(attributed, settings: CleanSettings(maxAttributesPerElement: 4, maxAttributes: 40)) == nil)
        #expect(failure(attributed, settings: CleanSettings(maxAttributesPerElement: 3))?.reason.code == "too-complex")
        #expect(failure(attributed, settings: CleanSettings(maxAttributes: 39))?.reason
            == .tooComplex("it has more than 39 attributes in all (limit `max_attributes`: 39)"))
    }

    /// What is not markup is not counted: scripts, styles, comments, quoted values that hold `<` and `>`.
    @Test func scriptsCommentsAndQuotedValuesHoldNoElements() throws {
        let noise = String(repeating: "<a b c d e f>", count: 100)
        let page = """
            <html><head><script>var s = "\(noise)";</script><style>/* \(noise) */</style></head><body>
            <!-- \(noise) --><article title="\(noise)">\(Self.paragraph)</article></body></html>
            """
        #expect(failure(page, settings: CleanSettings(maxElements: 7, maxAttributesPerElement: 2, maxAttributes: 2)) == nil)
    }

    @Test func theSettingsAreInTheStagesCacheKey() {
        let defaults = CleanStage(settings: CleanSettings())
        #expect(defaults.configurationDigest == CleanStage().configurationDigest)
        for settings in [
            CleanSettings(maxMetadataCharacters: 500), CleanSettings(maxElements: 10), CleanSettings(maxAttributesPerElement: 10),
            CleanSettings(maxAttributes: 10), CleanSettings(minimumArticleWords: 3),
        ] {
            #expect(CleanStage(settings: settings).configurationDigest != defaults.configurationDigest)
        }
    }

    // MARK: - Metadata cap

    @Test func aFiveMegabyteTitleIsCutWithAWarning() throws {
        let title = String(repeating: "Ceasefire ", count: 524_288)
        let page = "<html><head><title>\(title)</title></head><body><article>\(Self.paragraph)</article></body></html>"
        let article = try clean(html: page)
        let cut = try #require(article.metadata.title)
        #expect(cut.unicodeScalars.count == 2_000)
        #expect(cut.hasSuffix("Ceasefire…"))
        #expect(article.warnings.map(\.code) == ["metadata-truncated"])
        #expect(article.warnings.first?.message
            == "the title is 5,242,879 characters long, above the limit of 2,000 (`max_metadata_chars`); it was cut to 2,000")
    }

    @Test func everyFieldIsHeldToTheLimit() throws {
        let long = String(repeating: "x", count: 300)
        let page = """
            <html><head><meta property="og:site_name" content="Site \(long)">
            <link rel="canonical" href="https://example.com/\(long)"></head><body><article>\(Self.paragraph)</article></body></html>
            """
        let article = try CleanStage(settings: CleanSettings(maxMetadataCharacters: 100)).process(
            RawDocument(
                source: SourceLocator(path: "page.html"), format: .html, bytes: Array(page.utf8),
                metadata: DocumentMetadata(id: "id-" + long, byline: "By " + long)))
        #expect(article.metadata.site?.unicodeScalars.count == 100)
        #expect(article.metadata.byline == "By " + String(repeating: "x", count: 96) + "…")
        #expect(article.metadata.url == nil)
        let id = try #require(article.metadata.id)
        #expect(id.unicodeScalars.count == 100)
        #expect(id.hasPrefix("id-xxx"))
        // Two long ids that differ only past the limit stay apart.
        let other = try CleanStage(settings: CleanSettings(maxMetadataCharacters: 100)).process(
            RawDocument(
                source: SourceLocator(path: "page.html"), format: .html, bytes: Array(page.utf8),
                metadata: DocumentMetadata(id: "id-" + long + "y", byline: "By " + long)))
        #expect(other.metadata.id != id)
        #expect(article.warnings.filter { $0.code == "metadata-truncated" }.map(\.message) == [
            "the byline is 303 characters long, above the limit of 100 (`max_metadata_chars`); it was cut to 100",
            "the site name is 305 characters long, above the limit of 100 (`max_metadata_chars`); it was cut to 100",
            "the id is 303 characters long, above the limit of 100 (`max_metadata_chars`); it was cut to 100, ending with a digest of the whole id",
            "the URL is 320 characters long, above the limit of 100 (`max_metadata_chars`); it was left out (a cut URL would lead elsewhere)",
        ])
    }

    @Test func plainTextHeadlinesAndGivenTitlesAreCappedToo() throws {
        let article = try CleanStage(settings: CleanSettings(maxMetadataCharacters: 100)).process(
            RawDocument(
                source: SourceLocator(path: "a.txt"), format: .text, bytes: Array("The body of the article.".utf8),
                metadata: DocumentMetadata(title: String(repeating: "T", count: 150))))
        #expect(article.metadata.title == String(repeating: "T", count: 99) + "…")
        #expect(article.warnings.map(\.code) == ["metadata-truncated"])
    }

    // MARK: - NUL bytes

    /// libxml2 reads a NUL byte as the end of the page: without care, everything after one vanishes.
    @Test func aNulByteInTheBodyIsRemovedAndTheRestOfThePageRead() throws {
        let filler = String(repeating: Self.paragraph, count: 80)
        let bytes = Array("<html><body><article>\(filler)<p>Before the NUL byte".utf8) + [0]
            + Array(" and after it, the article goes on.</p><p>A last paragraph of the article.</p></article></body></html>".utf8)
        #expect(bytes.firstIndex(of: 0).map { $0 > 8192 } == true)
        let article = try clean(bytes: bytes)
        #expect(article.body.hasSuffix("Before the NUL byte and after it, the article goes on.\n\nA last paragraph of the article."))
        #expect(article.warnings.map(\.code) == ["nul-bytes"])
        #expect(article.warnings.first?.message.hasPrefix("the document holds 1 NUL byte (the first at byte ") == true)
    }

    @Test func aNulByteBeforeTheCommentsLosesNoComment() throws {
        let filler = String(repeating: Self.paragraph, count: 80)
        let comments = """
            <div id="comments"><ol class="commentlist">
            <li class="comment"><cite class="fn">Anna</cite> <span class="says">says:</span><div class="comment-content"><p>About time.</p></div></li>
            <li class="comment"><cite class="fn">Ben</cite> <span class="says">says:</span><div class="comment-content"><p>It will not hold.</p></div></li>
            </ol></div>
            """
        let bytes = Array("<html><body><article>\(filler)</article>".utf8) + [0, 0] + Array("\(comments)</body></html>".utf8)
        let article = try clean(bytes: bytes)
        #expect(article.comments == [Comment(author: "Anna", text: "About time."), Comment(author: "Ben", text: "It will not hold.")])
        #expect(article.warnings.first?.message.hasPrefix("the document holds 2 NUL bytes") == true)
    }

    @Test func aNulByteInPlainTextIsRemovedToo() throws {
        let bytes = Array(String(repeating: "A line of text that goes on. ", count: 300).utf8) + [0] + Array("The end.".utf8)
        let article = try clean(bytes: bytes, path: "a.txt", format: .text)
        #expect(article.body.hasSuffix("goes on. The end."))
        #expect(!article.body.utf8.contains(0))
        #expect(article.warnings.map(\.code) == ["nul-bytes"])
    }
}
