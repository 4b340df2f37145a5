import Foundation
import SlantClean
import SlantCore
import Testing

/// The bundled corpus, page by page, against what a careful reader extracts from it
/// (`Tests/Fixtures/corpus-expected.json`): every paragraph in order and nothing
/// else, every comment with its author, the metadata.
@Suite struct CorpusTests {
    struct Expected: Decodable {
        struct ExpectedComment: Decodable, Equatable {
            var author: String?
            var text: String
        }
        var file: String
        var title: String
        var published: String
        var site: String
        var url: String
        var paragraphs: [String]
        var comments: [ExpectedComment]
        var junk: [String]
    }

    static let pages: [Expected] = {
        let url = Paths.fixtures.appendingPathComponent("corpus-expected.json")
        guard let data = try? Data(contentsOf: url), let pages = try? JSONDecoder().decode([Expected].self, from: data)
        else { return [] }
        return pages
    }()

    @Test func fixtureCoversEveryPage() {
        #expect(Self.pages.map(\.file).sorted() == [
            "asbarez/russia-urges-sides-to-karabakh-conflict-to-resume-talks.html",
            "mail-online/armenia-calls-on-volunteers-to-fight.html",
            "outlet-c/violence-continues-in-nagorno-karabakh.html",
            "outlet-e/fierce-fighting-over-nagorno-karabakh-continues.html",
            "southfront/bracing-for-new-war-azerbaijan-calls-russian-statement-one-sided.html",
        ])
    }

    private func article(_ page: Expected) throws -> Article {
        let bytes = try [UInt8](Data(contentsOf: Paths.corpus.appendingPathComponent(page.file)))
        return try clean(bytes: bytes, path: page.file)
    }

    @Test(arguments: pages.map(\.file))
    func bodyIsExactlyTheArticleParagraphs(file: String) throws {
        let page = try #require(Self.pages.first { $0.file == file })
        let article = try article(page)
        let paragraphs = article.blocks.map { block in
            normalized(String(decoding: Array(article.body.utf8)[block.start..<block.end], as: UTF8.self))
        }
        #expect(paragraphs == page.paragraphs.map(normalized))
        for junk in page.junk {
            #expect(!article.body.contains(junk), "junk in the body: \(junk)")
        }
    }

    @Test(arguments: pages.map(\.file))
    func everyCommentIsFoundWithItsAuthor(file: String) throws {
        let page = try #require(Self.pages.first { $0.file == file })
        let article = try article(page)
        #expect(article.comments.map(\.author) == page.comments.map(\.author))
        #expect(article.comments.map { normalized($0.text) } == page.comments.map { normalized($0.text) })
        for comment in article.comments {
            #expect(!article.body.contains(String(comment.text.prefix(40))), "comment text in the body")
        }
    }

    @Test(arguments: pages.map(\.file))
    func metadataIsRead(file: String) throws {
        let page = try #require(Self.pages.first { $0.file == file })
        let metadata = try article(page).metadata
        #expect(metadata.title == page.title)
        #expect(metadata.published == page.published)
        #expect(metadata.site == page.site)
        #expect(metadata.url == page.url)
        #expect(metadata.language == "en")
    }

    /// The plain-text seed: its headline apart, its paragraphs, its comments apart (more in `PlainTextTests`).
    @Test func plainTextSeedsKeepTheirParagraphs() throws {
        let url = Paths.corpus.appendingPathComponent("text/000_09fa5d5743d8f8bc.txt")
        let article = try clean(bytes: [UInt8](Data(contentsOf: url)), path: "000.txt", format: .text)
        #expect(article.metadata.title == "Russia Urges Sides to Karabakh Conflict to Resume Talks")
        #expect(article.blocks.count == 8)
        #expect(article.body.hasPrefix("Russian Foreign Ministry spokesperson Maria Zakharova\n\n"))
        #expect(article.comments.count == 3)
    }
}
