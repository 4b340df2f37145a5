import Foundation
import SlantCore
import SlantText
import Testing

/// Quotation pairing and speakers on synthetic text.
@Suite struct QuotationTests {
    private func quoted(_ layer: TextLayer) -> [String] {
        let bytes = Array(layer.text.utf8)
        return layer.quotations.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    @Test func curlyDoubleQuotes() {
        let layer = segmented("“We will not allow it,” Zakharova said.")
        #expect(quoted(layer) == ["“We will not allow it,”"])
        #expect(layer.quotations.first?.speaker == "Zakharova")
        #expect(layer.voice(of: "We will not allow it") == .quoted("Zakharova"))
        #expect(layer.voice(of: "Zakharova said") == .authorial)
    }

    @Test func nestedQuotationsTakeTheOuterSpeaker() {
        let layer = segmented("“He said ‘no’ to the plan,” Smith said.")
        #expect(quoted(layer) == ["“He said ‘no’ to the plan,”", "‘no’"])
        #expect(layer.quotations.map(\.speaker) == ["Smith", "Smith"])
        #expect(layer.voice(of: "no") == .quoted("Smith"))
        #expect(layer.voice(of: "He said") == .quoted("Smith"))
    }

    @Test func straightQuotesNest() {
        let layer = segmented("\"They call it 'peace', we call it war,\" the minister said.")
        #expect(quoted(layer) == ["\"They call it 'peace', we call it war,\"", "'peace'"])
        #expect(layer.voice(of: "peace") == .quoted("the minister"))
    }

    @Test func guillemetsAndRussianInvertedAttribution() {
        let layer = segmented("«Мы не допустим этого», — заявил Песков.")
        #expect(quoted(layer) == ["«Мы не допустим этого»"])
        #expect(layer.voice(of: "Мы не допустим этого") == .quoted("Песков"))
    }

    @Test func germanLowHighQuotes() {
        let layer = segmented("„Wir werden nicht nachgeben“, sagte Scholz am Montag.")
        #expect(quoted(layer) == ["„Wir werden nicht nachgeben“"])
        #expect(layer.voice(of: "Wir werden nicht nachgeben") == .quoted("Scholz"))
        let nested = segmented("«Он сказал „нет“ и ушёл», — сказал Лавров.")
        #expect(quoted(nested) == ["«Он сказал „нет“ и ушёл»", "„нет“"])
    }

    @Test func angleQuotes() {
        let layer = segmented("Er nannte es ‹eine Farce› und ging.")
        #expect(quoted(layer) == ["‹eine Farce›"])
    }

    @Test func aQuotationRunsOverParagraphsByTheEnglishConvention() {
        let text = "“The first paragraph of the statement ends here.\n\n“The second one goes on,” the minister said.\n\nThe outlet resumes."
        let layer = segmented(text)
        #expect(layer.quotations.count == 1)
        #expect(layer.quotations.first?.isBalanced == true)
        #expect(layer.voice(of: "The first paragraph of the statement ends here") == .quoted("the minister"))
        #expect(layer.voice(of: "The second one goes on") == .quoted("the minister"))
        #expect(layer.voice(of: "The outlet resumes") == .authorial)
    }

    @Test func anUnbalancedMarkIsCutAtTheEndOfItsParagraph() {
        let text = "The minister said “this will never end and more words follow.\n\nThe next paragraph is the outlet's own."
        let layer = segmented(text)
        #expect(layer.quotations.count == 1)
        #expect(layer.quotations.first?.isBalanced == false)
        #expect(layer.voice(of: "this will never end") == .quoted("The minister"))
        #expect(layer.voice(of: "The next paragraph is the outlet's own") == .authorial)
        // Cut at the end of the paragraph's last token.
        let end = layer.range(of: "follow.")?.upperBound
        #expect(layer.quotations.first?.end == end)
    }

    @Test func anUnbalancedMarkIsCutAtALineBreakToo() {
        let layer = segmented("A stray “ mark in a line of narration\nNext line of narration.")
        #expect(layer.voice(of: "Next line of narration") == .authorial)
        #expect(layer.quotations.allSatisfy { !$0.isBalanced })
    }

    @Test func aReopenedFamilyCutsTheUnclosedQuotation() {
        let layer = segmented("He wrote “first part and then “second part,” she said.")
        #expect(quoted(layer) == ["“first part and then", "“second part,”"])
        #expect(layer.quotations.map(\.isBalanced) == [false, true])
    }

    @Test func apostrophesAreNotQuotationMarks() {
        let text = "Aliyev’s forces don't leave; the Azerbaijanis’ land, the ’90s and '90s wars, rock 'n' roll and Lavrov's men."
        let layer = segmented(text)
        #expect(layer.quotations.isEmpty)
        #expect(layer.voices.allSatisfy { $0 == .authorial })
    }

    @Test func aPossessiveInsideSingleQuotesDoesNotCloseThem() {
        let layer = segmented("He called it ‘the Armenians’ land grab’ in the speech.")
        #expect(quoted(layer) == ["‘the Armenians’ land grab’"])
    }

    @Test func straightQuotesAreReadByTheirSides() {
        let layer = segmented("The minister said \"we will win\" and left, and \"peace\" was not mentioned.")
        #expect(quoted(layer) == ["\"we will win\"", "\"peace\""])
        #expect(layer.voice(of: "we will win") == .quoted("The minister"))
        #expect(layer.voice(of: "and left") == .authorial)
        #expect(layer.voice(of: "peace") == .distanced)
    }

    @Test func speakersWithoutTitles() {
        #expect(segmented("“Talks will go on,” said Dmitry Peskov, a Kremlin spokesman.").voice(of: "Talks will go on")
            == .quoted("Dmitry Peskov"))
        #expect(segmented("Armenian Prime Minister Nikol Pashinyan said: “We will fight.”").voice(of: "We will fight")
            == .quoted("Nikol Pashinyan"))
        #expect(segmented("US Secretary of State Mike Pompeo said that talks would continue.").voice(of: "talks would continue")
            == .attributed("Mike Pompeo"))
        #expect(segmented("Russian Foreign Ministry spokesperson Maria Zakharova told reporters: “Stop.”").voice(of: "Stop")
            == .quoted("Maria Zakharova"))
        #expect(segmented("“We act,” the Armenian government said in a statement.").voice(of: "We act")
            == .quoted("the Armenian government"))
        #expect(segmented("“We act,” the Azerbaijani MoD said.").voice(of: "We act") == .quoted("the Azerbaijani MoD"))
        #expect(segmented("Erdogan: “Give them the occupied lands.”").voice(of: "occupied lands") == .quoted("Erdogan"))
    }

    @Test func pronounsResolveToTheLastPerson() {
        let layer = segmented("Maria Zakharova spoke on Monday. “We are ready,” she said. “We will act,” it said.")
        #expect(layer.voice(of: "We are ready") == .quoted("Maria Zakharova"))
        let unresolved = segmented("“We are ready,” he said.")
        #expect(unresolved.voice(of: "We are ready") == .quoted("he"))
    }

    @Test func aSecondQuotationContinuesTheSpeaker() {
        let layer = segmented("“First,” Erdogan said. “Second.” The outlet goes on. “Third.”")
        #expect(layer.voice(of: "First") == .quoted("Erdogan"))
        #expect(layer.voice(of: "Second") == .quoted("Erdogan"))
        #expect(layer.voice(of: "Third") == .quoted(nil))
    }

    @Test func labelVerbsMakeTheWordTheSpeakers() {
        let layer = segmented("The ministry dubbed the offensive a “counter-terrorist operation” on Monday.")
        #expect(layer.voice(of: "counter-terrorist operation") == .quoted("The ministry"))
        let called = segmented("Baku called it “aggression”, while Yerevan called for “restraint”.")
        #expect(called.voice(of: "aggression") == .quoted("Baku"))
        // A quotation right after the verb and its preposition is the speaker's word too.
        #expect(called.voice(of: "restraint") == .quoted("Yerevan"))
        // Inside a paraphrase of the outlet's own, it is distanced (002: "called for Armenia to give up “occupied” land").
        let paraphrase = segmented("Yerevan called for Baku to stop its “aggression” at once.")
        #expect(paraphrase.voice(of: "aggression") == .distanced)
    }

    @Test func scareQuotesAndUnattributedQuotations() {
        let layer = segmented("The so-called “referendum” was held in the region. “A long unattributed sentence stands here,” it was reported.")
        #expect(layer.voice(of: "referendum") == .distanced)
        #expect(layer.quotations.first?.isScare == true)
        #expect(layer.voice(of: "A long unattributed sentence stands here") == .quoted(nil))
        #expect(layer.quotations.last?.isScare == false)
    }

    @Test func accordingTo() {
        #expect(segmented("According to the ministry, 20 soldiers died.").voice(of: "20 soldiers died") == .attributed("the ministry"))
        #expect(segmented("Twenty soldiers died, according to the ministry.").voice(of: "Twenty soldiers died")
            == .attributed("the ministry"))
        #expect(segmented("Moreover, according to Baku, “the attack failed”.").voice(of: "the attack failed") == .quoted("Baku"))
        #expect(segmented("По словам Захаровой, ситуация остается напряженной.").voice(of: "ситуация остается напряженной")
            == .attributed("Захаровой"))
    }

    @Test func reportedSpeechCues() {
        #expect(segmented("Baku says its forces have captured ground.").voice(of: "its forces have captured ground")
            == .attributed("Baku"))
        #expect(segmented("The ministry claimed that the village had fallen.").voice(of: "the village had fallen")
            == .attributed("The ministry"))
        #expect(segmented("Yerevan denied that it had shelled Ganja.").voice(of: "it had shelled Ganja") == .attributed("Yerevan"))
        #expect(segmented("Officials say the road is closed.").voice(of: "the road is closed") == .attributed("Officials"))
        #expect(segmented("It was reported that troops advanced.").voice(of: "troops advanced") == .authorial)
        #expect(segmented("The ministry said in a statement.").voice(of: "The ministry said in a statement") == .authorial)
        #expect(segmented("The talks will resume, the ministry said.").voice(of: "The talks will resume") == .attributed("the ministry"))
        #expect(segmented("Azerbaijan accused Armenia of shelling Ganja.").voice(of: "Armenia of shelling Ganja")
            == .attributed("Azerbaijan"))
        #expect(segmented("The attack claimed the lives of ten people.").voice(of: "the lives of ten people") == .authorial)
        let split = segmented("Zatulin said that Moscow should act; the Kremlin disagreed.")
        #expect(split.voice(of: "Moscow should act") == .attributed("Zatulin"))
        #expect(split.voice(of: "the Kremlin disagreed") == .authorial)
    }

    @Test func moreSpeakerPatterns() {
        let adding = segmented("“We will respond,” the ministry said in a statement, adding that the attack was “a provocation.”")
        #expect(adding.voice(of: "We will respond") == .quoted("the ministry"))
        #expect(adding.voice(of: "the attack was") == .attributed("the ministry"))
        #expect(adding.voice(of: "a provocation") == .quoted("the ministry"))
        #expect(segmented("“Enough,” said the prime minister.").voice(of: "Enough") == .quoted("the prime minister"))
        #expect(segmented("In a tweet, Aliyev wrote: “Karabakh is Azerbaijan!”").voice(of: "Karabakh is Azerbaijan")
            == .quoted("Aliyev"))
        #expect(segmented("Asked about the talks, Peskov said: “No decision has been made.”").voice(of: "No decision")
            == .quoted("Peskov"))
        let split = segmented("“I am not going anywhere,” Pashinyan told parliament, “and neither is Armenia.”")
        #expect(split.voice(of: "and neither is Armenia") == .quoted("Pashinyan"))
        let lead = segmented("The army took the village, “a great success,” the ministry said.")
        #expect(lead.voice(of: "The army took the village") == .attributed("the ministry"))
        #expect(lead.voice(of: "a great success") == .quoted("the ministry"))
        #expect(lead.voice(of: "the ministry said") == .authorial)
    }

    @Test func moreSubjects() {
        #expect(segmented("Aliyev, speaking on state TV, said Azerbaijan would not stop.").voice(of: "Azerbaijan would not stop")
            == .attributed("Aliyev"))
        #expect(segmented("Baku, however, says the territories are occupied.").voice(of: "the territories are occupied")
            == .attributed("Baku"))
        #expect(
            segmented("The self-proclaimed republic's president, Arayik Harutyunyan, said the town had fallen.")
                .voice(of: "the town had fallen") == .attributed("Arayik Harutyunyan"))
        #expect(
            segmented("Armenia and Azerbaijan have accused each other of starting the fighting.")
                .voice(of: "each other of starting the fighting") == .attributed("Armenia and Azerbaijan"))
        #expect(segmented("President Aliyev told reporters on Monday that the operation would continue.")
            .voice(of: "the operation would continue") == .attributed("Aliyev"))
        #expect(segmented("The Kremlin said Putin and Erdogan had discussed the conflict.")
            .voice(of: "Putin and Erdogan had discussed the conflict") == .attributed("The Kremlin"))
        let passive = segmented("The ministry said its troops had advanced, a claim denied by Armenia.")
        #expect(passive.attributions.count == 1)
        #expect(passive.attributions.first?.speaker == "The ministry")
        let shortQuote = segmented("Armenian leaders say Azerbaijan’s “aggression” must stop; Baku calls it a “counter-offensive”.")
        #expect(shortQuote.voice(of: "Azerbaijan’s") == .attributed("Armenian leaders"))
        #expect(shortQuote.voice(of: "aggression") == .quoted("Armenian leaders"))
        #expect(shortQuote.voice(of: "counter-offensive") == .quoted("Baku"))
        #expect(shortQuote.voice(of: "Baku calls it") == .authorial)
    }

    @Test func emptyAndMarkOnlyTexts() {
        #expect(segmented("").voices.isEmpty)
        for text in ["“", "”", "\"", "'", "“”", "‘’", "«»", "“ ” ‘ ’ \" ' « » ‹ › „ “", "''''''", "\"\"\"\"\""] {
            let layer = segmented(text)
            #expect(layer.voices.count == layer.tokens.count)
            #expect(layer.quotations.isEmpty, "\(text)")
        }
    }

    @Test func aMalformedLayerIsLeftAuthorial() {
        var layer = TextLayer(
            text: "short", paragraphs: [], sentences: [],
            tokens: [Token(start: 0, end: 5, kind: .word, sentence: 7), Token(start: 3, end: 99, kind: .punctuation, sentence: -2)])
        VoiceAnalyzer.annotate(&layer)
        #expect(layer.voices == [.authorial, .authorial])
        #expect(layer.quotations.isEmpty)
    }

    @Test func pathologicalInputsStayLinear() {
        let cases = [
            String(repeating: "“", count: 10_000),
            String(repeating: "“ ", count: 10_000),
            String(repeating: "“a ", count: 10_000),
            String(repeating: "“a ‘b «c ‹d ", count: 2_500),
            String(repeating: "” ", count: 10_000),
            String(repeating: "'a ", count: 10_000) + String(repeating: "s' b ", count: 10_000),
            String(repeating: "“a\n\n", count: 5_000),
            String(repeating: "He said “a.\n\n", count: 3_000) + "end”",
            String(repeating: "said that says ", count: 5_000),
            String(repeating: "\"", count: 10_000),
        ]
        for text in cases {
            let clock = ContinuousClock()
            let start = clock.now
            let layer = segmented(text)
            let elapsed = clock.now - start
            #expect(layer.voices.count == layer.tokens.count)
            #expect(elapsed < .seconds(2), "\(text.prefix(12))… took \(elapsed)")
        }
    }
}

/// Random texts made of the pieces voice analysis reacts to: no crash, consistent output.
@Suite struct VoiceFuzzTests {
    private static let pieces = [
        "“", "”", "‘", "’", "'", "\"", "«", "»", "„", "‹", "›", "「", "」", "said", "says", "Baku", "he", "she", "it",
        "that", "according", "to", ",", ".", ":", ";", "—", "-", "\n", "\n\n", "’90s", "the", "Minister", "of",
        "accused", "called", "by", "was", "и", "не", "по", "словам", "Azerbaijanis’", "don't", "who", "and", "told",
        "Zakharova", "Nikol", "Pashinyan", "claiming", "(", ")", "•", "no", "MOSCOW", "Dr", "V", "land", "occupied",
    ]

    @Test func randomTextsKeepTheLayerConsistent() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let rounds = Int(ProcessInfo.processInfo.environment["VOICE_FUZZ"] ?? "") ?? 3_000
        for _ in 0..<rounds {
            var text = ""
            for _ in 0..<next(80) {
                text += Self.pieces[next(Self.pieces.count)]
                if next(3) > 0 { text += " " }
            }
            let layer = segmented(text)
            let length = text.utf8.count
            #expect(layer.voices.count == layer.tokens.count)
            for quotation in layer.quotations {
                #expect(quotation.start >= 0 && quotation.start < quotation.end && quotation.end <= length)
            }
            for attribution in layer.attributions {
                #expect(attribution.start >= 0 && attribution.start < attribution.end && attribution.end <= length)
            }
            for voice in layer.voices {
                #expect(voice.speaker >= -1 && Int(voice.speaker) < layer.speakers.count)
                #expect(!voice.distanced || voice.voice == .authorial)
            }
            if !layer.tokens.isEmpty {
                let start = next(layer.tokens.count)
                _ = Negation.isNegated(layer, tokenRange: start..<min(layer.tokens.count, start + 1 + next(3)))
            }
        }
    }
}
