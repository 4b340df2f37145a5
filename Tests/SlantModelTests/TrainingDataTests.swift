import SlantCore
@testable import SlantModel
import Testing

/// Labels files: the BABE format and plain CSV, and every kind of bad input, each with file:line.
@Suite struct TrainingDataTests {
    static func read(_ text: String, file: String = "labels.csv") throws(TrainingDataError) -> TrainingData {
        try TrainingData.read(Array(text.utf8), file: file)
    }

    static func problems(_ bytes: [UInt8], file: String = "labels.csv") -> [String] {
        do {
            _ = try TrainingData.read(bytes, file: file)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    static func problems(_ text: String) -> [String] { problems(Array(text.utf8)) }

    @Test func readsTheBABEFormat() throws {
        let text = "\u{FEFF}text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"
            + "The senator's disgraceful stunt;http://a;Outlet A;t;left;Biased;Expresses writer’s opinion;['disgraceful']\n"
            + "\"The council met; it voted\";http://b;Outlet B;t;center;Non-biased;Entirely factual;[]\n"
            + "Nobody agreed on this one;http://c;Outlet C;t;right;No agreement;No agreement;[]\n"
        let data = try Self.read(text)
        #expect(data.format == .babe)
        #expect(data.sentences == [
            LabelledSentence(text: "The senator's disgraceful stunt", loaded: true, line: 2),
            LabelledSentence(text: "The council met; it voted", loaded: false, line: 3),
        ])
        #expect(data.skipped == [TrainingData.Skipped(line: 4, reason: "no agreement")])
        #expect(data.bytes == text.utf8.count)
        #expect(data.digest == ContentDigest(of: Array(text.utf8)))
    }

    @Test func readsAPlainCSVWithQuotesAndEveryLabelSpelling() throws {
        let text = "id,text,label\r\n"
            + "1,\"A \"\"vicious\"\" attack, they said\",yes\r\n"
            + "2,\"Two lines,\nin one field\",0\r\n"
            + "3,The mayor spoke,not loaded\r\n"
            + "\r\n"
            + "4,A shameful betrayal,LOADED\r\n"
            + "5,Rain fell,No\r\n"
            + "6,Pending review,\r\n"
        let data = try Self.read(text)
        #expect(data.format == .plain)
        #expect(data.sentences.map(\.text) == ["A \"vicious\" attack, they said", "Two lines,\nin one field", "The mayor spoke", "A shameful betrayal", "Rain fell"])
        #expect(data.sentences.map(\.loaded) == [true, false, false, true, false])
        #expect(data.sentences.map(\.line) == [2, 3, 5, 7, 8])
        #expect(data.skipped == [TrainingData.Skipped(line: 9, reason: "no label")])
    }

    @Test func anEmptyFileIsRefused() {
        #expect(Self.problems([]) == ["labels.csv: error: the file is empty; expected a header line (`text;label_bias` or `text,label`) and labelled sentences"])
        #expect(Self.problems(" \n\r\n") == Self.problems([]))
    }

    @Test func missingColumnsAreNamed() {
        #expect(Self.problems("sentence,label\nA,1\n") == [
            "labels.csv:1: error: missing column `text` (the header has `sentence`, `label`); expected `text` and `label_bias` (BABE, `;`-separated) or `text` and `label` (CSV)",
        ])
        #expect(Self.problems("text;outlet\nA;B\n") == [
            "labels.csv:1: error: missing column `label_bias` or `label` (the header has `text`, `outlet`); expected `text` and `label_bias` (BABE, `;`-separated) or `text` and `label` (CSV)",
        ])
        #expect(Self.problems("text\nA\n") == [
            "labels.csv:1: error: missing columns: the header has one column; expected `text` and `label_bias` (BABE, `;`-separated) or `text` and `label` (CSV)",
        ])
    }

    @Test func badRowsAreAllListedWithTheirLines() {
        let problems = Self.problems("text,label\nGood,1\nShort\n,1\nOdd,maybe\n")
        #expect(problems == [
            "labels.csv:3: error: 1 field, but the header has 2 (a delimiter or a closing `\"` missing?)",
            "labels.csv:4: error: the text is empty",
            "labels.csv:5: error: unknown label `maybe` in column `label`; expected Biased or Non-biased, 1 or 0, yes or no, loaded or not (or No agreement / empty to leave the row out)",
        ])
    }

    @Test func manyBadRowsAreCounted() {
        let text = "text,label\n" + (1...25).map { "Row \($0),perhaps\n" }.joined()
        do {
            _ = try Self.read(text)
            Issue.record("read")
        } catch {
            #expect(error.problems.count == 20)
            #expect(error.unlisted == 5)
            #expect(error.description.hasSuffix("… and 5 more problems"))
        }
    }

    @Test func anUnclosedQuoteIsFoundWhereItOpens() {
        #expect(Self.problems("text,label\nA,1\n\"Never closed,0\nB,1\n") == [
            "labels.csv:3: error: a quoted field opened on this line is never closed (a `\"` is missing)",
        ])
    }

    @Test func nonUTF8IsRefusedWithItsLine() {
        var bytes = Array("text;label_bias\nCaf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes += Array(";Biased\n".utf8)
        #expect(Self.problems(bytes) == [
            "labels.csv:2: error: the file is not UTF-8 text (byte 0xE9 cannot start or continue a UTF-8 character); save it as UTF-8",
        ])
        #expect(UTF8Check.firstInvalidByte([0x41, 0xED, 0xA0, 0x80]) == 1)  // a surrogate
        #expect(UTF8Check.firstInvalidByte([0xC0, 0xAF]) == 0)  // overlong
        #expect(UTF8Check.firstInvalidByte(Array("Ünïcödé ✓ 𝄞".utf8)) == nil)
    }
}
