import Foundation
import SlantCore
import SlantTag
import SlantText
import Testing

/// The bundled loaded-kind lexicons (`lexicons/*.yaml`) on sentences written for them: which words
/// each one matches, with code point offsets, and which literal, legal or technical uses its
/// context rules leave out (issue 14.2), in English and Russian.
@Suite struct LoadedContextTests {
    /// One match: its text, entry, category and code point offsets into the sentence.
    struct Hit: Equatable, CustomStringConvertible {
        var text: String
        var start: Int
        var end: Int
        var category: String = ""
        var description: String { "“\(text)” \(start)..<\(end) \(category)" }

        init(_ text: String, _ start: Int, _ end: Int, _ category: String = "") {
            self.text = text
            self.start = start
            self.end = end
            self.category = category
        }
    }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled lexicon at `lexicons/NAME`, parsed as `slant` parses it.
    static func lexicon(_ name: String) throws -> Lexicon {
        let path = "lexicons/\(name)"
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return try LexiconLoader.parse(yaml: text, path: path)
    }

    static let english = "loaded-language.en.yaml"
    static let epistemic = "epistemic-framing.en.yaml"
    static let labels = "labels.en.yaml"
    static let russian = "loaded-language.ru.yaml"
    static let turkish = "loaded-language.tr.yaml"
    static let azerbaijani = "loaded-language.az.yaml"

    /// The loaded-kind matches of one lexicon in `text`; with `categories`, each hit carries its category.
    static func hits(_ text: String, _ name: String, categories: Bool = false) throws -> [Hit] {
        let lexicon = try lexicon(name)
        let layer = SegmentStage.segment(text, blocks: SegmentStage.paragraphRanges(text))
        let article = Article(source: SourceLocator(path: "t"), metadata: DocumentMetadata(), body: text, blocks: [])
        let tagged = try TagStage(lexicons: [lexicon]).process(SegmentedArticle(article: article, body: layer, comments: []))
        let index = CodePointIndex(text)
        let scalars = Array(text.unicodeScalars)
        return tagged.loaded.map { match in
            let start = index.codePointOffset(match.context.start)
            let end = index.codePointOffset(match.context.end)
            // The offsets point at the matched text.
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == match.text)
            return Hit(match.text, start, end, categories ? match.category : "")
        }
    }

    // MARK: - English loaded language: word senses

    @Test func offensiveCountsOnlyTheInsultingAdjectiveNeverTheMilitaryNoun() throws {
        let text = "Russia launched a ground offensive against Kharkiv; the counter-offensive stalled. "
            + "An offensive to retake the town began in May. His remarks were deeply offensive, "
            + "and the offensive remarks drew complaints."
        #expect(try Self.hits(text, Self.english, categories: true) == [
            Hit("offensive", 153, 162, "subjective-evaluation"), Hit("offensive", 172, 181, "subjective-evaluation"),
        ])
    }

    @Test func weatherIdiomsAndNamedOffencesAreNotJudgements() throws {
        let text = "A brutal winter and police brutality were in the news. The brutal crackdown was condemned. "
            + "It became a vicious circle after a vicious attack. The court ruled it cruel and unusual punishment; "
            + "the guards were cruel. He was charged with reckless driving over a reckless policy. "
            + "Malicious software spread with malicious rumours."
        #expect(try Self.hits(text, Self.english) == [
            Hit("brutal", 59, 65), Hit("vicious", 126, 133), Hit("cruel", 207, 212), Hit("reckless", 258, 266),
            Hit("malicious", 306, 315),
        ])
    }

    @Test func medicalPanicAndTheHorrorGenreAreNotFearAppeals() throws {
        let text = "She suffers from panic attacks. Panic spread through the markets. It was a horror film festival. "
            + "The horror of the war was plain."
        #expect(try Self.hits(text, Self.english, categories: true) == [
            Hit("Panic", 32, 37, "fear-appeals"), Hit("horror", 101, 107, "fear-appeals"),
        ])
    }

    @Test func diseaseMetaphorsCountOnlyInTheFrameOfAPlagueOnSomeone() throws {
        let text = "Corruption is a cancer on our democracy. Lung cancer patients waited, and the plague of 1665 "
            + "killed thousands. A plague upon both houses, he said. Breast cancer on the rise worries doctors."
        #expect(try Self.hits(text, Self.english, categories: true) == [
            Hit("cancer", 16, 22, "dehumanisation-enemy-images"), Hit("plague", 113, 119, "dehumanisation-enemy-images"),
        ])
    }

    @Test func insultsLeaveOutTheMachinePartTheMedicalStateAndTheWaste() throws {
        let text = "Only cranks believe it. He had to crank up the heat after the crank shaft broke. "
            + "The patient was declared brain-dead; it was a brain-dead policy. "
            + "The trash collection resumed, and critics called the bill trash. Volunteers picked up trash on the beach."
        #expect(try Self.hits(text, Self.english, categories: true) == [
            Hit("cranks", 5, 11, "name-calling"), Hit("brain-dead", 127, 137, "subjective-evaluation"),
            Hit("trash", 204, 209, "subjective-evaluation"),
        ])
    }

    @Test func floodMetaphorsNeedTheQuantityTheyFrame() throws {
        let text = "An avalanche buried the village, and the deluge flooded the valley. "
            + "The agency faced an avalanche of lawsuits and a tidal wave of complaints."
        #expect(try Self.hits(text, Self.english, categories: true) == [
            Hit("avalanche", 88, 97, "fear-appeals"), Hit("tidal wave", 116, 126, "fear-appeals"),
        ])
    }

    @Test func combatMetaphorsLeaveOutHistoryTheFilmAndAFeastDay() throws {
        let text = "The senator is in the crosshairs of the party. Critics pounced on the remark and feasted on the scandal. "
            + "The feast day was quiet. Hitler's brownshirts marched in 1933; today he calls his opponents brownshirts. "
            + "The imperial stormtroopers lost the film's battle."
        #expect(try Self.hits(text, Self.english, categories: true) == [
            Hit("in the crosshairs", 15, 32, "combat-metaphors"), Hit("pounced", 55, 62, "derogatory-verbs-of-saying"),
            Hit("feasted", 81, 88, "combat-metaphors"), Hit("brownshirts", 197, 208, "combat-metaphors"),
        ])
    }

    @Test func diseaseMetaphorsLeaveOutTheMedicalSenses() throws {
        let text = "The tumour had metastasized to the liver. The dispute metastasized into a crisis. "
            + "The wound festered for weeks, while festering divisions grew. Doctors removed cancerous cells; "
            + "it was a cancerous ideology. The rot set in years ago."
        #expect(try Self.hits(text, Self.english, categories: true) == [
            Hit("metastasized", 54, 66, "disease-metaphors"), Hit("festering", 118, 127, "disease-metaphors"),
            Hit("cancerous", 186, 195, "disease-metaphors"), Hit("rot", 210, 213, "disease-metaphors"),
        ])
    }

    @Test func nameCallingPhrasesLeaveOutTheBandAndHyphenatedWordsThatAreAlsoPhrases() throws {
        let text = "Talking heads on cable news blamed paid protesters. Talking Heads band members reunited. "
            + "A would-be buyer said the war hawks were wannabes. Debris washed up on the shore."
        #expect(try Self.hits(text, Self.english, categories: true) == [
            Hit("Talking heads", 0, 13, "name-calling-phrases"), Hit("paid protesters", 35, 50, "name-calling-phrases"),
            Hit("war hawks", 115, 124, "name-calling-phrases"), Hit("wannabes", 130, 138, "name-calling-phrases"),
        ])
    }

    // MARK: - English loaded language: the conflict's enemy vocabulary

    @Test func enemyImagesCountOnlyInTheirConflictSense() throws {
        let text = "The ministry said the enemy positions were destroyed. The enemy of my enemy is my friend. "
            + "He was held as an enemy combatant. Baku demanded the withdrawal of the remnants of the Armenian armed forces. "
            + "The remnants of the ancient city were excavated. Officials condemned Armenian vandalism in Aghdam, "
            + "while police investigated vandalism at a school. A Turkish terror group was named. "
            + "They were chased like dogs; the dogs slept."
        #expect(try Self.hits(text, Self.english, categories: true) == [
            Hit("enemy", 22, 27, "dehumanisation-enemy-images"), Hit("remnants", 161, 169, "dehumanisation-enemy-images"),
            Hit("vandalism", 278, 287, "dehumanisation-enemy-images"), Hit("dogs", 404, 408, "dehumanisation-enemy-images"),
        ])
    }

    // MARK: - Three measures

    @Test func verbsOfSayingLabelsAndLoadedWordsAreEachInTheirOwnLexicon() throws {
        let text = "Baku claimed that the terrorists of the regime were thugs."
        #expect(try Self.hits(text, Self.english, categories: true) == [Hit("thugs", 52, 57, "name-calling")])
        #expect(try Self.hits(text, Self.epistemic, categories: true) == [Hit("claimed", 5, 12, "doubting-verbs-of-saying")])
        #expect(try Self.hits(text, Self.labels, categories: true) == [
            Hit("terrorists", 22, 32, "political-violence-labels"), Hit("regime", 40, 46, "government-labels"),
        ])
    }

    @Test func fakeNewsIsATruthVerdictNotLoadedLanguage() throws {
        let text = "Calling the report fake news, he left."
        #expect(try Self.hits(text, Self.epistemic, categories: true) == [Hit("fake news", 19, 28, "truth-verdicts")])
        #expect(try Self.hits(text, Self.english).isEmpty)
    }

    @Test func epistemicVerbsCountOnlyAsVerbsOfSaying() throws {
        let text = "The strike claimed the lives of three soldiers, and the group claimed responsibility. "
            + "Baku claimed that its forces had captured the village. He was admitted to hospital; "
            + "the minister admitted that the figures were wrong. The ministry revealed photos of the damage. "
            + "The audit revealed that funds were missing."
        #expect(try Self.hits(text, Self.epistemic, categories: true) == [
            Hit("claimed", 91, 98, "doubting-verbs-of-saying"), Hit("admitted", 183, 191, "crediting-verbs-of-saying"),
            Hit("revealed", 275, 283, "crediting-verbs-of-saying"),
        ])
        #expect(try Self.hits(text, Self.english).isEmpty)
    }

    @Test func labelsLeaveOutArrangementsAndCounterTerrorism() throws {
        let text = "The ceasefire regime held while the regime fell. Counter-terrorist units arrested the terrorists."
        #expect(try Self.hits(text, Self.labels) == [Hit("regime", 36, 42), Hit("terrorists", 86, 96)])
    }

    @Test func eachLexiconDeclaresItsMeasureAndLanguage() throws {
        let expected: [(String, Lexicon.Measure, [String])] = [
            (Self.english, .loadedLanguage, ["en"]), (Self.epistemic, .epistemicFraming, ["en"]),
            (Self.labels, .labels, ["en"]), (Self.russian, .loadedLanguage, ["ru"]),
            (Self.turkish, .loadedLanguage, ["tr"]), (Self.azerbaijani, .loadedLanguage, ["az"]),
        ]
        for (name, measure, languages) in expected {
            let lexicon = try Self.lexicon(name)
            #expect(lexicon.kind == .loaded, "\(name)")
            #expect(lexicon.measure == measure, "\(name)")
            #expect(lexicon.languages == languages, "\(name)")
        }
    }

    // MARK: - Russian

    @Test func russianEnemyVocabularyCountsAndTheNeutralMilitaryTermsDoNot() throws {
        let text = "Минобороны сообщило, что остатки армянских вооружённых сил покинули позиции. Противник понёс потери. "
            + "Официальные лица осудили армянский вандализм, а полиция расследует вандализм в школе. "
            + "Катастрофа самолёта Ил-76 унесла жизни, и это катастрофа для региона. Герой России получил награду. "
            + "Подлинный документ подлежит проверке, но это подлое решение."
        #expect(try Self.hits(text, Self.russian, categories: true) == [
            Hit("остатки", 25, 32, "dehumanisation-enemy-images"), Hit("вандализм", 136, 145, "dehumanisation-enemy-images"),
            Hit("катастрофа", 233, 243, "fear-appeals"), Hit("подлое", 332, 338, "subjective-evaluation"),
        ])
    }

    @Test func russianCaseEndingsMatchAndFalseFriendsOfTheStemsDoNot() throws {
        let text = "Это была кровавая бойня. Бойницы крепости уцелели. Варвара пришла, а варвары ушли. "
            + "Истребители взлетели, но истребление продолжалось."
        #expect(try Self.hits(text, Self.russian) == [
            Hit("кровавая", 9, 17), Hit("бойня", 18, 23), Hit("варвары", 69, 76), Hit("истребление", 108, 119),
        ])
    }

    // MARK: - Turkish and Azerbaijani

    @Test func turkishStemsSpareNamesAndTheLiteralSenses() throws {
        // Kahramanmaraş is a city, "Ermeni soykırımı" a naming question, "alçak basınç" low pressure,
        // "kukla tiyatrosu" the puppet theatre.
        let text = "Kahramanmaraş'ta kahraman askerlerimiz törene katıldı. Sözde Ermeni soykırımı iddiaları reddedildi; "
            + "Hocalı katliamı anıldı. Alçak basınç bekleniyor, ama alçak saldırı kınandı. "
            + "Kukla tiyatrosu açıldı; kukla rejim çöktü."
        #expect(try Self.hits(text, Self.turkish, categories: true) == [
            Hit("kahraman", 17, 25, "glorification"), Hit("katliamı", 107, 115, "violence-atrocity"),
            Hit("alçak", 153, 158, "subjective-evaluation"), Hit("kukla", 200, 205, "name-calling"),
        ])
    }

    @Test func azerbaijaniEnemyVocabularyCountsAndTheStateTitleDoesNot() throws {
        let text = "Mənfur düşmən geri çəkildi. Biz onları it kimi qovuruq. Erməni silahlı qüvvələrinin qalıqları məhv edildi. "
            + "Milli Qəhrəman adı verildi, qəhrəman əsgərlərimiz qayıtdı. "
            + "Xocalı soyqırımı anıldı, erməni soyqırımı iddiası rədd edildi."
        #expect(try Self.hits(text, Self.azerbaijani, categories: true) == [
            Hit("Mənfur", 0, 6, "subjective-evaluation"), Hit("düşmən", 7, 13, "dehumanisation-enemy-images"),
            Hit("it", 39, 41, "dehumanisation-enemy-images"), Hit("qalıqları", 84, 93, "dehumanisation-enemy-images"),
            Hit("qəhrəman", 135, 143, "glorification"), Hit("soyqırımı", 173, 182, "violence-atrocity"),
        ])
    }
}
