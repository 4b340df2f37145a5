import SlantCore
import SlantText
import Testing

@Suite struct TokenizerTests {
    private func tokens(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            Tokenizer.tokenize(bytes).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[Int($0.start)..<Int($0.end)]), as: UTF8.self) }
        }
    }

    @Test func keepsWordsWithInnerApostrophesAndHyphens() {
        #expect(tokens("Aliyev’s forces don't leave Nagorno-Karabakh.") == ["Aliyev’s", "forces", "don't", "leave", "Nagorno-Karabakh", "."])
    }

    @Test func keepsNumbersWithSeparators() {
        #expect(tokens("2,500 $ and 3.5% in 1994,") == ["2,500", "$", "and", "3.5", "%", "in", "1994", ","])
    }

    @Test func abbreviationsOfSingleLettersStayWhole() {
        #expect(tokens("the U.S. and e.g. Dr. No") == ["the", "U.S.", "and", "e.g.", "Dr", ".", "No"])
    }

    @Test func quotationMarksAndDashesAreTokensOfTheirOwn() {
        #expect(tokens("“occupied” — 'lands'") == ["“", "occupied", "”", "—", "'", "lands", "'"])
    }

    @Test func otherScriptsAreWords() {
        #expect(tokens("Արցախ, Нагорный Карабах; Dağlıq Qarabağ") == ["Արցախ", ",", "Нагорный", "Карабах", ";", "Dağlıq", "Qarabağ"])
    }

    @Test func offsetsAreUTF8Bytes() {
        var text = "é Artsakh"
        let layer = text.withUTF8 { Tokenizer.tokenize($0) }
        #expect(layer.map { [$0.start, $0.end] } == [[0, 2], [3, 10]])
        #expect(layer.map(\.kind) == [.word, .word])
    }
}

@Suite struct SentenceTests {
    private func sentences(_ text: String) -> [String] {
        let layer = SegmentStage.segment(text, blocks: SegmentStage.paragraphRanges(text))
        let bytes = Array(text.utf8)
        return layer.sentences.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    @Test func splitsAtSentenceEnds() {
        #expect(sentences("Baku says so. Yerevan denies it! Who is right?") == ["Baku says so.", "Yerevan denies it!", "Who is right?"])
    }

    @Test func keepsAbbreviationsAndInitialsInside() {
        #expect(sentences("Mr. Pashinyan met Gen. Lt. Smith on Oct. 21 in the U.S. embassy. Then he left.") == [
            "Mr. Pashinyan met Gen. Lt. Smith on Oct. 21 in the U.S. embassy.", "Then he left.",
        ])
        #expect(sentences("Talks were held with Sergei V. Lavrov in Moscow.") == ["Talks were held with Sergei V. Lavrov in Moscow."])
    }

    @Test func anAbbreviationEndsASentenceBeforeATypicalOpener() {
        #expect(sentences("Troops came from the U.S. The talks failed.") == ["Troops came from the U.S.", "The talks failed."])
    }

    @Test func closingQuotesStayWithTheirSentence() {
        #expect(sentences("She added that “further bloodshed is unacceptable.” Talks resume today.") == [
            "She added that “further bloodshed is unacceptable.”", "Talks resume today.",
        ])
    }

    @Test func aCommaInsideAQuoteDoesNotEndTheSentence() {
        #expect(sentences("“We urge the parties to stop,” Zakharova said. “Further bloodshed is unacceptable.”") == [
            "“We urge the parties to stop,” Zakharova said.", "“Further bloodshed is unacceptable.”",
        ])
    }

    @Test func paragraphsAndLineBreaksEndSentences() {
        #expect(sentences("First paragraph without a stop\n\nSecond one.\nA new line") == [
            "First paragraph without a stop", "Second one.", "A new line",
        ])
    }

    @Test func tokensKnowTheirSentenceAndParagraph() {
        let text = "One. Two.\n\nThree."
        let layer = SegmentStage.segment(text, blocks: SegmentStage.paragraphRanges(text))
        #expect(layer.tokens.map(\.sentence) == [0, 0, 1, 1, 2, 2])
        #expect(layer.sentences.map(\.paragraph) == [0, 0, 1])
        #expect(layer.wordCount == 3)
    }
}
