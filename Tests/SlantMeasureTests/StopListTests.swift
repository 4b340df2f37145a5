import Foundation
import SlantMeasure
import Testing

@testable import SlantMeasure

/// The stop lists compiled in are exactly the Snowball files under `lexicons/stopwords/`.
@Suite struct StopListTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lexicons/stopwords")

    @Test(arguments: [("snowball-en.txt", "en"), ("snowball-ru.txt", "ru")])
    func theCompiledListIsTheFile(file: String, language: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
        let words = StopList.words(inSnowballFormat: text)
        #expect(words == (language == "en" ? SnowballStopLists.english : SnowballStopLists.russian))
        #expect(StopList.bundled.first { $0.language == language }?.words.count == words.count)
    }

    @Test func lookupsFoldApostrophesAndTheRussianShortI() throws {
        let english = try #require(StopList.bundled.first { $0.language == "en" })
        #expect(english.contains("the"))
        #expect(english.contains("The"))
        #expect(english.contains("don’t"))
        // Commented out in the Snowball list: kept as content words.
        #expect(!english.contains("us"))
        #expect(!english.contains("will"))
        let russian = try #require(StopList.bundled.first { $0.language == "ru" })
        #expect(russian.contains("какой"))  // written `какои` in the list
        #expect(russian.contains("ещё"))
        #expect(!russian.contains("карабах"))
    }

    @Test func theSnowballFormatReadsTheFirstWordOfALineAndSkipsComments() {
        #expect(StopList.words(inSnowballFormat: " | comment\nthe   | article\n\n| us\nOf\nthe\n") == ["the", "of"])
    }
}
