import Foundation
import SlantClean
import SlantCore
import SlantIngest
import Testing

/// Plain-text inputs as real scrapes produce them: hard-wrapped or one paragraph per line, a headline
/// first, reader comments after a separator or in a trailing comment area.
@Suite struct PlainTextTests {
    func text(_ text: String, title: String? = nil, path: String = "article.txt") throws -> Article {
        try CleanStage().process(
            RawDocument(
                source: SourceLocator(path: path), format: .text, bytes: Array(text.utf8),
                metadata: DocumentMetadata(title: title)))
    }

    func paragraphs(_ article: Article) -> [String] {
        let bytes = Array(article.body.utf8)
        return article.blocks.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    /// Greedy wrapping at `width` characters, as `fmt` and mail clients do (never at a hyphen).
    static func wrap(_ paragraph: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in paragraph.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The article paragraphs of the five seeds (lines of at least 20 words), in order.
    static let seedParagraphs: [String] = {
        let directory = Paths.corpus.appendingPathComponent("text")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        return names.flatMap { name -> [String] in
            let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.split(whereSeparator: \.isNewline)
                .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
                .filter { $0.split(separator: " ").count >= 20 }
        }
    }()

    // MARK: - Hard wraps

    @Test(arguments: [60, 72, 80])
    func aHardWrappedScrapeOf216ParagraphsGives216(width: Int) throws {
        #expect(Self.seedParagraphs.count >= 60)
        let original = (0..<216).map { Self.seedParagraphs[$0 % Self.seedParagraphs.count] }
        let wrapped = original.map { Self.wrap($0, width: width).joined(separator: "\n") }
        let article = try text("A headline over the wrapped text\n\n" + wrapped.joined(separator: "\n\n") + "\n")
        #expect(article.metadata.title == "A headline over the wrapped text")
        #expect(article.blocks.count == 216)
        #expect(paragraphs(article) == original)
    }

    @Test func windowsLineEndingsAndHyphenatedWrapsAreJoined() throws {
        let lines = [
            "The fighting in the region continued on Wednesday as both sides traded",
            "artillery fire along the line of contact, the defence ministries of Nagorno-",
            "Karabakh and Azerbaijan said, and the talks in Moscow were put off again",
            "until next week at the earliest, according to diplomats in the capital.",
            "",
            "Officials in Yerevan and Baku did not comment on the report on Thursday.",
        ]
        let article = try text(lines.joined(separator: "\r\n"))
        #expect(paragraphs(article) == [
            "The fighting in the region continued on Wednesday as both sides traded artillery fire along the line of contact, the defence ministries of Nagorno-Karabakh and Azerbaijan said, and the talks in Moscow were put off again until next week at the earliest, according to diplomats in the capital.",
            "Officials in Yerevan and Baku did not comment on the report on Thursday.",
        ])
    }

    /// Hard wraps before capitalised words no longer cut sentences (and reported speech) apart.
    @Test func reportedSpeechIsNotCutMidSentence() throws {
        let lines = [
            "Baku says its forces have captured ground within Karabakh and that it also",
            "now controls other Azerbaijani territory that had been held by Armenian",
            "forces. Azerbaijan's President Ilham Aliyev has said there can only be a",
            "ceasefire when Armenia pulls out from Karabakh and all the surrounding",
            "regions of Azerbaijan held by Armenian forces.",
            "",
            "However Armenia's Pashinyan has urged international recognition of",
            "Karabakh after claiming its inhabitants would not be safe under",
            "Azerbaijani rule.",
        ]
        let article = try text(lines.joined(separator: "\n"))
        #expect(paragraphs(article) == [
            "Baku says its forces have captured ground within Karabakh and that it also now controls other Azerbaijani territory that had been held by Armenian forces. Azerbaijan's President Ilham Aliyev has said there can only be a ceasefire when Armenia pulls out from Karabakh and all the surrounding regions of Azerbaijan held by Armenian forces.",
            "However Armenia's Pashinyan has urged international recognition of Karabakh after claiming its inhabitants would not be safe under Azerbaijani rule.",
        ])
    }

    /// Without blank lines, a short last line still ends its paragraph, and a list keeps its items.
    @Test func wrappedTextWithoutBlankLinesKeepsDeliberateBreaks() throws {
        let lines = [
            "The ministry said the village had been shelled overnight and that two",
            "civilians were wounded in the attack on the outskirts of the town.",
            "Rescue teams reached the area in the morning.",
            "The statement listed what was damaged:",
            "• two houses on the main road",
            "• the school",
        ]
        let article = try text(lines.joined(separator: "\n"))
        #expect(paragraphs(article) == [
            "The ministry said the village had been shelled overnight and that two civilians were wounded in the attack on the outskirts of the town.",
            "Rescue teams reached the area in the morning.",
            "The statement listed what was damaged:",
            "• two houses on the main road",
            "• the school",
        ])
    }

    /// One paragraph per line, as most scrapers write: every line break separates, except one inside a
    /// sentence (a lower-case letter after a line without end punctuation).
    @Test func oneParagraphPerLineIsKept() throws {
        let article = try text("""
            Violence continued in the region on Wednesday, despite a ceasefire agreed to last week.
            Officials said the fighting would go on.
            The talks were put off until
            next week, diplomats said.
            """)
        #expect(article.metadata.title == nil)
        #expect(paragraphs(article) == [
            "Violence continued in the region on Wednesday, despite a ceasefire agreed to last week.",
            "Officials said the fighting would go on.",
            "The talks were put off until next week, diplomats said.",
        ])
    }

    @Test func seed004HasOneParagraphPerLineAndNoHeadline() throws {
        let article = try seed("004")
        #expect(article.metadata.title == nil)
        #expect(article.blocks.count == 17)
        #expect(article.body.hasPrefix("Yerevan: The fierce fighting over Nagorno-Karabakh continues"))
        #expect(article.comments.isEmpty)
    }

    // MARK: - Headlines

    @Test func theFirstLineIsTheHeadlineAndNotRepeatedInTheBody() throws {
        let article = try text("Azerbaijan and Armenia agree to talks\n\nThe two sides agreed on Friday to meet in Moscow next week.\n")
        #expect(article.metadata.title == "Azerbaijan and Armenia agree to talks")
        #expect(article.body == "The two sides agreed on Friday to meet in Moscow next week.")
        #expect(article.blocks == [TextBlock(kind: .paragraph, start: 0, end: article.body.utf8.count)])
    }

    @Test func aFirstLineThatIsASentenceIsNoHeadline() throws {
        for first in ["The two sides agreed on Friday to meet in Moscow.", "Talks resume. Both sides agreed on Friday", "Talks resume,"] {
            let article = try text(first + "\n\nA second paragraph follows here.")
            #expect(article.metadata.title == nil, "\(first)")
            #expect(article.body.hasPrefix(first))
        }
        // A question is a headline; a single line is the article, not a headline.
        #expect(try text("Will the ceasefire hold?\n\nBoth sides say so.").metadata.title == "Will the ceasefire hold?")
        #expect(try text("Will the ceasefire hold?").metadata.title == nil)
    }

    @Test func aGivenTitleIsTheHeadlineAndItsRepeatIsLeftOut() throws {
        let article = try text("Talks resume in Moscow\n\nThe two sides met on Friday.", title: "Talks Resume in Moscow")
        #expect(article.metadata.title == "Talks Resume in Moscow")
        #expect(article.body == "The two sides met on Friday.")
        // A first line that is not the title stays in the body.
        let other = try text("MOSCOW, Oct 9\n\nThe two sides met on Friday.", title: "Talks resume")
        #expect(other.body == "MOSCOW, Oct 9\n\nThe two sides met on Friday.")
    }

    /// Front matter, read by ingest, gives the article its metadata and outlet; the title is the headline.
    @Test func frontMatterGivesTheMetadataAndTheHeadline() throws {
        let file = InputFile(
            source: SourceLocator(path: "corpus/asbarez/talks.txt"), format: .text, outletHint: "From the configuration",
            bytes: Array("""
                ---
                title: Russia Urges Sides to Karabakh Conflict to Resume Talks
                outlet: Asbarez
                published: 9 July 2020
                url: https://asbarez.com/russia-urges/
                language: en
                ---
                Russia Urges Sides to Karabakh Conflict to Resume Talks

                MOSCOW—Russia called on the parties to the Karabakh conflict to stop the bloodshed.
                """.utf8))
        let document = try #require(try IngestStage().process(file).first?.get())
        #expect(document.outletHint == "Asbarez")
        let article = try CleanStage().process(document)
        #expect(article.metadata == DocumentMetadata(
            title: "Russia Urges Sides to Karabakh Conflict to Resume Talks", published: "2020-07-09",
            url: "https://asbarez.com/russia-urges/", language: "en"))
        #expect(article.body == "MOSCOW—Russia called on the parties to the Karabakh conflict to stop the bloodshed.")
        #expect(article.warnings.isEmpty)
    }

    // MARK: - Comments

    @Test func commentsAfterTheSeparatorAreKeptApart() throws {
        let article = try text("""
            Ceasefire agreed

            The two sides agreed on Friday to stop the fighting.

            --- comments ---

            Anna said:

            About time.

            Ben said:
            It will not hold.

            Give it a week.
            """)
        #expect(article.body == "The two sides agreed on Friday to stop the fighting.")
        #expect(article.comments == [
            Comment(author: "Anna", text: "About time."),
            Comment(author: "Ben", text: "It will not hold.\n\nGive it a week."),
        ])
    }

    @Test func afterTheSeparatorEachLineOrBlockIsAComment() throws {
        let lines = try text("""
            The two sides agreed on Friday to stop the fighting, officials said.
            ==== Reader comments ====
            About time.
            It will not hold.
            """)
        #expect(lines.body == "The two sides agreed on Friday to stop the fighting, officials said.")
        #expect(lines.comments.map(\.text) == ["About time.", "It will not hold."])
        let blocks = try text("""
            The two sides agreed on Friday to stop the fighting, officials said.

            --- comments ---
            About time.

            It will not hold.
            ---
            Nothing will change.
            """)
        #expect(blocks.comments.map(\.text) == ["About time.", "It will not hold.", "Nothing will change."])
        #expect(blocks.comments.allSatisfy { $0.author == nil })
    }

    @Test func aTrailingCommentCountStartsTheComments() throws {
        let article = try text("""
            Ceasefire agreed

            The two sides agreed on Friday to stop the fighting.

            Officials in both capitals welcomed the agreement.

            3 Comments

            Anna

            About time.


            This will not hold.


            Ben

            Agreed, sadly.

            2 hours ago
            Reply
            """)
        #expect(article.body == "The two sides agreed on Friday to stop the fighting.\n\nOfficials in both capitals welcomed the agreement.")
        #expect(article.comments == [
            Comment(author: "Anna", text: "About time."),
            Comment(author: nil, text: "This will not hold."),
            Comment(author: "Ben", text: "Agreed, sadly."),
        ])
    }

    @Test(arguments: ["Kommentare", "Комментарии (2)", "12 Yorum", "3 thoughts on “Ceasefire agreed”", "Leave a Reply", "Join the discussion"])
    func commentHeadingsInOtherFormsAndLanguages(heading: String) throws {
        let article = try text("The two sides agreed on Friday to stop the fighting.\n\nOfficials welcomed it.\n\n\(heading)\n\nAbout time.\n")
        #expect(article.body == "The two sides agreed on Friday to stop the fighting.\n\nOfficials welcomed it.")
        #expect(article.comments == [Comment(author: nil, text: "About time.")])
    }

    /// Numbered headers start the comments without any heading; so does a run of headers.
    @Test func commentHeadersStartTheCommentsWithoutAHeading() throws {
        let numbered = try text("""
            The two sides agreed on Friday to stop the fighting.

            Officials welcomed it.

              1. GB said:

                It will not hold.

              2. State of Emergency said:

                Start by halting arm shipments!
            """)
        #expect(numbered.body == "The two sides agreed on Friday to stop the fighting.\n\nOfficials welcomed it.")
        #expect(numbered.comments == [
            Comment(author: "GB", text: "It will not hold."), Comment(author: "State of Emergency", text: "Start by halting arm shipments!"),
        ])
        let run = try text("""
            The two sides agreed on Friday to stop the fighting.

            Officials welcomed it.

            Anna says:
            October 21, 2020 at 3:14 pm
            About time.

            Ben says:
            It will not hold.
            """)
        #expect(run.comments == [Comment(author: "Anna", text: "About time."), Comment(author: "Ben", text: "It will not hold.")])
    }

    /// A run of headers must be at least one block in three from its first header to the end, and that
    /// header opens a block even when it follows a line of text with no blank line between.
    @Test func aHeaderRunIsOneBlockInThreeCountingItsOwnLine() throws {
        func article(blocksAfterBen: Int) throws -> Article {
            let tail = (0..<blocksAfterBen).map { "Reply number \($0 + 1) from the thread." }
            return try text(([
                "Talks resume", "", "The two sides agreed on Friday to stop the fighting.", "Officials welcomed it.",
                "Anna says:", "About time.", "", "It is late.", "", "Ben says:", "It will not hold.",
            ] + tail.flatMap { ["", $0] }).joined(separator: "\n"))
        }
        // From Anna's header: her block, "It is late.", Ben's block and the blocks after it.
        #expect(try article(blocksAfterBen: 3).comments.map(\.author) == ["Anna", "Ben"])
        let tooFew = try article(blocksAfterBen: 4)
        #expect(tooFew.comments.isEmpty)
        #expect(tooFew.body.contains("Anna says:"))
    }

    /// An article's own "X said:" before a quotation, or a section called "Comment", is not a comment area.
    @Test func articleTextThatLooksLikeCommentMarkersStaysInTheBody() throws {
        let body = """
            The minister spoke to reporters in the capital on Friday.

            The minister said:

            “We will not give up an inch of our land.”

            Aliyev said:

            “The operation is over.”

            Comment

            Both statements were made before the talks.
            """
        let article = try text(body)
        #expect(article.comments.isEmpty)
        #expect(article.blocks.count == 7)
    }

    @Test func seed000DiscussionPolicyAndSaidHeadersAreComments() throws {
        let article = try seed("000")
        #expect(article.metadata.title == "Russia Urges Sides to Karabakh Conflict to Resume Talks")
        let expected = try #require(CorpusTests.pages.first { $0.file.hasPrefix("asbarez/") })
        // The scrape's three photo captions, then exactly the article's paragraphs.
        #expect(paragraphs(article).map(normalized) == Array(repeating: "Russian Foreign Ministry spokesperson Maria Zakharova", count: 3) + expected.paragraphs.map(normalized))
        #expect(!article.body.contains("Discussion Policy"))
        #expect(article.comments.map(\.author) == ["GB", "State of Emergency", "Edward Demiraiakian"])
        #expect(article.comments.map { normalized($0.text) } == expected.comments.map { normalized($0.text) })
    }

    @Test func seed001WidgetCommentsAreFoundWithTheirAuthors() throws {
        let article = try seed("001")
        #expect(article.metadata.title == "Bracing For New War: Azerbaijan Calls Russian Statement On Ceasefire Violation In Karabakh ‘One-Sided’")
        // The counter before the headline and the headline's straight-quoted copy are not body text.
        #expect(article.body.hasPrefix("Support SouthFront\n\nFile image.\n\nThe Russian Ministry of Defense has criticized Azerbaijan"))
        #expect(article.body.hasSuffix("with support from its main ally, Turkey.\n\nSupport SouthFront"))
        #expect(!article.body.contains("Notify of"))
        let expected = try #require(CorpusTests.pages.first { $0.file.hasPrefix("southfront/") })
        // The page shows "Guest" where the scrape kept no name.
        #expect(article.comments.map { $0.author ?? "Guest" } == expected.comments.map(\.author))
        #expect(article.comments.map { normalized($0.text) } == expected.comments.map { normalized($0.text) })
    }

    /// Seed 002's comments follow the article with no marker at all: only a separator keeps them apart.
    @Test func seed002NeedsTheSeparator() throws {
        let scrape = String(decoding: try Data(contentsOf: Paths.corpus.appendingPathComponent("text/002_e795f3c86baf4638.txt")), as: UTF8.self)
        #expect(try text(scrape).comments.isEmpty)
        let marked = scrape.replacingOccurrences(of: "\ncould continue for many months\n", with: "\n--- comments ---\ncould continue for many months\n")
        let article = try text(marked)
        #expect(article.body.hasSuffix("“Just give them the occupied lands. Let them do what they want in their own lands.”"))
        #expect(article.comments.first == Comment(author: nil, text: "could continue for many months"))
        #expect(article.comments.last == Comment(author: nil, text: "If Putin doesn’t step up, Artsakh will be slaughtered."))
        #expect(article.comments.count == 42)
    }

    func seed(_ prefix: String) throws -> Article {
        let directory = Paths.corpus.appendingPathComponent("text")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasPrefix(prefix + "_") })
        return try clean(bytes: [UInt8](Data(contentsOf: directory.appendingPathComponent(name))), path: name, format: .text)
    }
}
