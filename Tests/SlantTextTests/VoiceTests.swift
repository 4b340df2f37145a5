import SlantCore
import SlantText
import Testing

/// Voice in the five seed articles (corpus/text/), phrase by phrase.
@Suite struct SeedVoiceTests {
    @Test func seedsAreBundled() {
        for prefix in ["000", "001", "002", "003", "004"] {
            #expect(!seed(prefix).isEmpty, "corpus/text/\(prefix)_*.txt")
        }
    }

    // MARK: 000 (Asbarez: Zakharova)

    @Test func asbarezNarrationIsAuthorial() {
        let layer = segmented(seed("000"))
        #expect(layer.voice(of: "Artsakh positions") == .authorial)
        #expect(layer.voice(of: "Artsakh forces") == .authorial)
        #expect(layer.voice(of: "Azerbaijani forces launched a massive attack") == .authorial)
        #expect(layer.voice(of: "told reporters Thursday") == .authorial)
        #expect(layer.voice(of: "MOSCOW") == .authorial)
    }

    @Test func zakharovasStatementsAreHers() {
        let layer = segmented(seed("000"))
        #expect(layer.voice(of: "the Karabakh conflict", after: "According to the information") == .quoted("Zakharova"))
        #expect(layer.voice(of: "stop the bloodshed among the civilian population") == .quoted("Zakharova"))
        #expect(layer.voice(of: "bloodshed") == .quoted("Zakharova"))
        // "She … added that “…”": She is Zakharova.
        #expect(layer.voice(of: "further bloodshed is unacceptable") == .quoted("Zakharova"))
        #expect(layer.voice(of: "We urge the parties to take all measured") == .quoted("Zakharova"))
        #expect(layer.voice(of: "She offered condolences") == .authorial)
        // "Russia called on the parties … to “…,” Zakharova told reporters": the lead-in to her
        // quotation reports her too.
        #expect(layer.voice(of: "Russia called on the parties to the Karabakh conflict to") == .attributed("Zakharova"))
        #expect(layer.speakers == ["Zakharova"])
    }

    @Test func asbarezQuotationMarksTakeTheQuotationsVoice() throws {
        let layer = segmented(seed("000"))
        let range = try #require(layer.range(of: "“take steps"))
        let mark = layer.tokenRange(range).lowerBound
        #expect(layer.voices[mark].voice == .quoted)
        #expect(layer.speaker(ofToken: mark) == "Zakharova")
        #expect(layer.quotations.filter { !$0.isScare }.count == 4)
        #expect(layer.quotations.allSatisfy { $0.isBalanced })
    }

    @Test func commentScareQuotesAreDistanced() {
        let layer = segmented(seed("000"))
        #expect(layer.voice(of: "gonads") == .distanced)
    }

    // MARK: 001 (SouthFront: Russian MoD statement)

    @Test func southFrontNarrationIsAuthorial() {
        let layer = segmented(seed("001"))
        #expect(layer.voice(of: "unrecognized Artsakh Defense Army") == .authorial)
        #expect(layer.voice(of: "claimed the lives of three soldiers") == .authorial)
        #expect(layer.voice(of: "The recent developments suggest that Azerbaijan is be trying") == .authorial)
        #expect(layer.voice(of: "Baku may be preparing") == .authorial)
    }

    @Test func southFrontQuotations() {
        let layer = segmented(seed("001"))
        #expect(layer.voice(of: "illegal Armenian armed detachments") == .quoted("the Azerbaijani MoD"))
        #expect(layer.voice(of: "Azerbaijan has been sent a call to withdraw troops") == .quoted("the statement"))
        #expect(layer.voice(of: "Prime Minister Pashinyan described the situation as tense") == .quoted("the Armenian government"))
        // "who called it “one-sided”": the ministry's word.
        #expect(layer.voice(of: "one-sided") == .quoted("the Ministry of Defense of Azerbaijan"))
        // The headline's label verb makes the word Azerbaijan's too (both copies).
        #expect(layer.voice(of: "One-Sided") == .quoted("Azerbaijan"))
        #expect(layer.voice(of: "One-Sided", occurrence: 1) == .quoted("Azerbaijan"))
    }

    @Test func southFrontReportedSpeech() {
        let layer = segmented(seed("001"))
        #expect(
            layer.voice(of: "the presence of Armenian forces in the disputed region in itself is a violation")
                == .attributed("the MoD"))
        #expect(layer.voice(of: "carrying out an attack on its troops") == .attributed("The Azerbaijani MoD"))
        #expect(layer.voice(of: "The Azerbaijani MoD accused") == .authorial)
        #expect(
            layer.voice(of: "the command of the Russian peacekeeping mission in Nagorno-Karabakh is taking measures")
                == .attributed("the Russian MoD"))
        #expect(layer.voice(of: "the Islamic republic may support Armenia") == .attributed("A Telegram channel"))
    }

    @Test func aQuotationOverTwoParagraphsIsTheChannels() throws {
        let layer = segmented(seed("001"))
        #expect(layer.voice(of: "The Islamic Republic of Iran has repeatedly stated") == .quoted("the channel"))
        #expect(layer.voice(of: "Any military invasion of Armenia will be met") == .quoted("the channel"))
        let start = try #require(layer.range(of: "“The Islamic Republic")).lowerBound
        let quotation = try #require(layer.quotations.first { $0.start == start })
        #expect(quotation.isBalanced)
        #expect(quotation.speaker == "the channel")
        let end = try #require(layer.range(of: "armed forces,”")).upperBound
        #expect(quotation.end == end)
    }

    // MARK: 002 (Erdogan)

    @Test func erdogansOccupiedIsQuotedTheOutletsIsDistanced() throws {
        let layer = segmented(seed("002"))
        #expect(layer.voice(of: "occupied", after: "give up") == .distanced)
        let start = try #require(layer.range(of: "“occupied”")).lowerBound
        let quotation = try #require(layer.quotations.first { $0.start == start })
        #expect(quotation.isScare)
        #expect(quotation.speaker == nil)
        #expect(layer.voice(of: "the occupied lands") == .quoted("Erdogan"))
        #expect(layer.voice(of: "putting this off with their stalling tactics") == .quoted("Erdogan"))
        #expect(layer.voice(of: "Let them do what they want in their own lands") == .quoted("Erdogan"))
        #expect(layer.voice(of: "again called for Armenia to give up") == .authorial)
        #expect(layer.voice(of: "land within Azerbaijan’s internationally recognized borders") == .authorial)
    }

    @Test func bakuAccusesAndMinistriesSay() {
        let layer = segmented(seed("002"))
        #expect(layer.voice(of: "targeting Ganja") == .attributed("Baku"))
        #expect(layer.voice(of: "it had destroyed a rocket system") == .attributed("Baku’s defense ministry"))
        #expect(layer.voice(of: "it has been firing inside Azerbaijan") == .attributed("Armenia’s defense ministry"))
        #expect(layer.voice(of: "confirmed areas inside the country were hit") == .authorial)
        #expect(layer.voice(of: "asked them to respect the humanitarian ceasefire") == .authorial)
        #expect(layer.voice(of: "Violence continued in Nagorno-Karabakh") == .authorial)
        #expect(layer.voice(of: "Azerbaijan admitted to launching airstrikes") == .authorial)
    }

    @Test func readerScareQuotesInComments() {
        let layer = segmented(seed("002"))
        #expect(layer.voice(of: "contain") == .distanced)
        #expect(layer.voice(of: "ceasefires") == .distanced)
    }

    // MARK: 003 (Mail Online)

    @Test func mailOnlineNarrationIsAuthorial() {
        let layer = segmented(seed("003"))
        #expect(layer.voice(of: "Armenian separatists") == .authorial)
        #expect(layer.voice(of: "Armenian forces also occupy other nearby territory") == .authorial)
        #expect(layer.voice(of: "the so-called Minsk Group") == .authorial)
        #expect(layer.voice(of: "Baku has reported 63 civilian casualties", occurrence: 1) == .authorial)
        #expect(layer.voice(of: "Baku says") == .authorial)
    }

    @Test func mailOnlineReportedSpeech() {
        let layer = segmented(seed("003"))
        #expect(layer.voice(of: "its forces have captured ground within Karabakh") == .attributed("Baku"))
        #expect(layer.voice(of: "that it also now controls other Azerbaijani territory") == .attributed("Baku"))
        #expect(
            layer.voice(of: "772 Armenian soldiers and 36 civilians have been killed in the flare-up")
                == .attributed("Yerevan"))
        #expect(layer.voice(of: "772 Armenian soldiers") == .attributed("Yerevan"))  // the bullet
        #expect(layer.voice(of: "there can be NO diplomatic solution to the crisis") == .attributed("Armenia"))
        #expect(layer.voice(of: "there is no diplomatic solution") == .attributed("Nikol Pashinyan"))
        #expect(layer.voice(of: "Mnatsakanyan met Lavrov on Wednesday") == .attributed("Anna Nagdalyan"))
        #expect(layer.voice(of: "there can only be a ceasefire") == .attributed("Ilham Aliyev"))
        #expect(layer.voice(of: "its inhabitants would not be safe under Azerbaijani rule") == .attributed("Pashinyan"))
        // A trailing attribution: "…, Lavrov's ministry said in a statement."
        #expect(layer.voice(of: "Russian Foreign Minister Sergei Lavrov met") == .attributed("Lavrov's ministry"))
        #expect(layer.voice(of: "Lavrov's ministry said in a statement") == .authorial)
    }

    @Test func mailOnlineStraightSingleQuotes() {
        let layer = segmented(seed("003"))
        #expect(
            layer.voice(of: "Everything that is diplomatically acceptable to the Armenian side")
                == .quoted("Nikol Pashinyan"))
        #expect(layer.voice(of: "is not acceptable to Azerbaijan anymore") == .quoted("Nikol Pashinyan"))
        #expect(layer.voice(of: "Armenian Prime Minister Nikol Pashinyan said earlier today") == .authorial)
        // Inside "…, the statement said.": the quotation and the narration around it are the statement's.
        #expect(layer.voice(of: "urgent matters related to the implementation") == .quoted("the statement"))
        #expect(layer.voice(of: "the chief diplomats discussed") == .attributed("the statement"))
        // "said only that its top diplomat had travelled to Moscow 'for consultations'": quoted, the ministry's.
        #expect(layer.voice(of: "for consultations") == .quoted("Azerbaijan's foreign ministry"))
        #expect(layer.voice(of: "its top diplomat had travelled to Moscow") == .attributed("Azerbaijan's foreign ministry"))
        // Apostrophes inside words are not quotation marks.
        #expect(layer.voice(of: "Lavrov's ministry") == .authorial)
        #expect(layer.voice(of: "Nagorno-Karabakh's borders") == .authorial)
    }

    @Test func aDashSignatureNamesTheSpeaker() {
        let layer = segmented(seed("003"))
        #expect(layer.voice(of: "destroy this race") == .quoted("WS"))
    }

    // MARK: 004

    @Test func aDeniedStatementIsTheMilitarys() {
        let layer = segmented(seed("004"))
        #expect(layer.voice(of: "cynic lie") == .quoted("The Armenian military"))
        #expect(layer.voice(of: "this statement was a") == .attributed("The Armenian military"))
        #expect(layer.voice(of: "firing several ballistic missiles") == .attributed("The Ministry of Defense of Azerbaijan"))
        // "It says …": it is the ministry.
        #expect(layer.voice(of: "there is no death penalty") == .attributed("The Ministry of Defense of Azerbaijan"))
    }

    @Test func pashiniansAndOktaysQuotations() {
        let layer = segmented(seed("004"))
        #expect(layer.voice(of: "There is no way now to settle the Nagorno-Karabakh issue") == .quoted("Pashinian"))
        #expect(layer.voice(of: "there is no Armenia without Nagorno-Karabakh") == .quoted("Pashinian"))
        #expect(
            layer.voice(of: "Azerbaijan’s radical stance is actually equivalent") == .attributed("Nikol Pashinian"))
        // "“…,” he said on CNN Turk. “ If Armenia …”": he is Fuat Oktay, and the next quotation is his too.
        #expect(layer.voice(of: "Azerbaijan and Turkey have agreements on military cooperation") == .quoted("Fuat Oktay"))
        #expect(layer.voice(of: "If Armenia takes unexpected steps") == .quoted("Fuat Oktay"))
        #expect(layer.voice(of: "Ankara would not hesitate") == .attributed("Fuat Oktay"))
    }

    @Test func peskovReplied() {
        let layer = segmented(seed("004"))
        #expect(layer.voice(of: "There is no choice but a peaceful settlement") == .quoted("Dmitry Peskov"))
        #expect(layer.voice(of: "both sides of the war must accept such mediation") == .attributed("Peskov"))
        #expect(layer.voice(of: "Moscow should take military interventions") == .attributed("Konstantin Zatulin"))
        #expect(layer.voice(of: "the Kremlin rejected the call") == .authorial)
        #expect(layer.voice(of: "Azerbaijan has the right to retake its territory by force") == .attributed("Ilham Aliyev"))
        #expect(layer.voice(of: "Turkey firmly defends the right") == .authorial)
    }

    @Test func attributionsAndSpeakersAreRecorded() throws {
        let layer = segmented(seed("003"))
        let bytes = Array(layer.text.utf8)
        let baku = try #require(layer.attributions.first { $0.speaker == "Baku" })
        #expect(baku.cue == "says")
        #expect(String(decoding: bytes[baku.start..<baku.end], as: UTF8.self).hasPrefix("its forces have captured ground"))
        #expect(layer.speakers.contains("Nikol Pashinyan"))
        #expect(Set(layer.speakers).count == layer.speakers.count)
        #expect(layer.voices.count == layer.tokens.count)
        for voice in layer.voices where voice.speaker >= 0 { #expect(Int(voice.speaker) < layer.speakers.count) }
    }
}
