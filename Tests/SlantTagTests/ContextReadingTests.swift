import Foundation
import SlantCore
import SlantTag
import SlantText
import Testing

/// Stance, voice and negation read in context (issue 13): real-style sentences in English,
/// Russian, Armenian, Azerbaijani and Turkish, each tagged with the bundled lexicons through the
/// segment and tag stages, with every terminology tag asserted exactly (family, term, stance,
/// text, voice, speaker, distanced, negated) and the loaded-language tags named in the case.
///
/// The sentences were written for these tests (none is copied from an article); they imitate
/// the constructions the issue found in real coverage. Ids: A distancing qualifiers, B context
/// rules, one family per span, the place-name review and hyphenated compounds, C negation,
/// D speakers and reported speech.
@Suite struct ContextReadingTests {
    /// One expected tag.
    struct Tag: Equatable, CustomStringConvertible, Sendable {
        var group: String
        var item: String
        var stance: String?
        var text: String
        var voice: Voice
        var speaker: String?
        var distanced: Bool
        var negated: Bool

        var description: String {
            let flags = (distanced ? " distanced" : "") + (negated ? " negated" : "")
            return "\(group)/\(item)\(stance.map { "[\($0)]" } ?? "") “\(text)” \(voice.rawValue)\(speaker.map { "(\($0))" } ?? "")\(flags)"
        }
    }

    /// One sentence (or short passage) and what a careful coder finds in it.
    struct Reading: Sendable, CustomTestStringConvertible {
        var id: String
        var text: String
        var published: String?
        var terms: [Tag]
        /// Loaded-language tags checked by their text; others in the sentence are not asserted.
        var loaded: [Tag]

        var testDescription: String { "\(id): \(text.prefix(60))" }
    }

    // MARK: - Building cases

    static func term(
        _ family: String, _ term: String, _ stance: String, _ text: String, _ voice: Voice = .authorial, _ speaker: String? = nil,
        distanced: Bool = false, negated: Bool = false
    ) -> Tag {
        Tag(group: family, item: term, stance: stance, text: text, voice: voice, speaker: speaker, distanced: distanced, negated: negated)
    }

    static func loaded(
        _ category: String, _ entry: String, _ text: String, _ voice: Voice = .authorial, _ speaker: String? = nil, negated: Bool = false
    ) -> Tag {
        Tag(group: category, item: entry, stance: nil, text: text, voice: voice, speaker: speaker, distanced: false, negated: negated)
    }

    static func reading(_ id: String, _ text: String, published: String? = nil, _ terms: [Tag], loaded: [Tag] = []) -> Reading {
        Reading(id: id, text: text, published: published, terms: terms, loaded: loaded)
    }

    // Terms of lexicons/karabakh.yaml, by family.
    static let regime = "so-called / illegal regime"
    static let restoration = "restoration of territorial integrity / constitutional order"

    // MARK: - A: distancing qualifiers

    static let qualifiers: [Reading] = [
        reading(
            "A01", "Officials of the self-proclaimed Republic of Nagorno-Karabakh met in Stepanakert on Tuesday.",
            [
                term("territorial-status", "self-proclaimed", "neutral", "self-proclaimed"),
                term("region-name", "Nagorno-Karabakh Republic", "armenian", "Republic of Nagorno-Karabakh", distanced: true),
                term("place-stepanakert", "Stepanakert", "neutral", "Stepanakert"),
            ]),
        reading(
            "A02", "The self-proclaimed NKR – also known as the Republic of Artsakh – held elections in 2020.",
            [
                term("territorial-status", "self-proclaimed", "neutral", "self-proclaimed"),
                term("region-name", "Nagorno-Karabakh Republic", "armenian", "NKR", distanced: true),
                term("region-name", "Artsakh", "armenian", "Republic of Artsakh", distanced: true),
            ]),
        reading(
            "A03", "Azerbaijan vowed to dismantle the so-called regime in Khankendi.",
            [
                term("territorial-status", regime, "azerbaijani", "so-called regime"),
                term("place-stepanakert", "Khankendi", "azerbaijani", "Khankendi"),
            ]),
        reading(
            "A04", "The so-called NKR was dissolved on 1 January 2024.",
            [
                term("territorial-status", regime, "azerbaijani", "so-called NKR"),
                term("region-name", "Nagorno-Karabakh Republic", "armenian", "NKR", distanced: true),
            ]),
        reading(
            "A05", "The road to what Armenians call Artsakh was closed for months.",
            [term("region-name", "Artsakh", "armenian", "Artsakh", distanced: true)]),
        reading(
            "A06", "Refugees reached Stepanakert, as Armenians call the city, on foot.",
            [term("place-stepanakert", "Stepanakert", "neutral", "Stepanakert", distanced: true)]),
        reading(
            "A07", "The unrecognised Artsakh Defense Army reported two soldiers killed.",
            [
                term("territorial-status", "unrecognized", "neutral", "unrecognised"),
                term("actor-labels", "Artsakh Defense Army", "armenian", "Artsakh Defense Army", distanced: true),
            ]),
        reading(
            "A08", "Armenian media use the term Artsakh for the whole region.",
            [term("region-name", "Artsakh", "armenian", "Artsakh", distanced: true)]),
        reading("A09", "Artsakh's parliament met on Monday.", [term("region-name", "Artsakh", "armenian", "Artsakh")]),
        reading(
            "A10", "Stepanakert, also known as Khankendi, lies in a valley.",
            [
                term("place-stepanakert", "Stepanakert", "neutral", "Stepanakert"),
                term("place-stepanakert", "Khankendi", "azerbaijani", "Khankendi", distanced: true),
            ]),
        reading(
            "A11", "What Baku calls eco-activists have blocked the Lachin corridor since December.", published: "2023-02-01",
            [
                term("lachin-corridor-2022", "eco-activists protest", "azerbaijani", "eco-activists", distanced: true),
                term("place-kashatagh", "Lachin corridor", "neutral", "Lachin corridor"),
            ]),
        reading(
            "A12", "Azerbaijan's so-called eco-activists left the road in April.", published: "2023-05-01",
            [term("lachin-corridor-2022", "blockade", "armenian", "so-called eco-activists")]),
        reading(
            "A13", "Officials in the so-called 'Artsakh Republic' resigned.",
            [term("region-name", "Artsakh", "armenian", "Artsakh Republic", distanced: true)]),
        reading(
            "A24", "Shelling hit Varanda, formerly Fizouli, on Tuesday.",
            [
                term("place-varanda", "Varanda", "armenian", "Varanda"),
                term("place-varanda", "Fuzuli", "neutral", "Fizouli", distanced: true),
            ]),
        reading(
            "A14", "Власти самопровозглашенной Нагорно-Карабахской Республики объявили о самороспуске.",
            [
                term("territorial-status", "self-proclaimed", "neutral", "самопровозглашенной"),
                term("region-name", "Nagorno-Karabakh Republic", "armenian", "Нагорно-Карабахской Республики", distanced: true),
            ]),
        reading(
            "A15", "Так называемая НКР прекратила существование.",
            [
                term("territorial-status", regime, "azerbaijani", "Так называемая НКР"),
                term("region-name", "Nagorno-Karabakh Republic", "armenian", "НКР", distanced: true),
            ]),
        reading(
            "A16", "Дорога в то, что армяне называют Арцахом, закрыта.",
            [term("region-name", "Artsakh", "armenian", "Арцахом", distanced: true)]),
        reading(
            "A17", "Непризнанная НКР провела выборы.",
            [
                term("territorial-status", "unrecognized", "neutral", "Непризнанная"),
                term("region-name", "Nagorno-Karabakh Republic", "armenian", "НКР", distanced: true),
            ]),
        reading(
            "A18", "Այսպես կոչված էկոակտիվիստները փակել են Լաչինի միջանցքը։", published: "2023-01-20",
            [
                term("lachin-corridor-2022", "blockade", "armenian", "Այսպես կոչված էկոակտիվիստները"),
                term("place-kashatagh", "Lachin corridor", "neutral", "Լաչինի միջանցքը"),
            ]),
        reading(
            "A19", "Չճանաչված Լեռնային Ղարաբաղի Հանրապետությունը լուծարվեց։",
            [
                term("territorial-status", "unrecognized", "neutral", "Չճանաչված"),
                term("region-name", "Nagorno-Karabakh Republic", "armenian", "Լեռնային Ղարաբաղի Հանրապետությունը", distanced: true),
            ]),
        reading(
            "A20", "Qondarma DQR-in rəhbərləri Bakıda mühakimə olunur.",
            [
                term("territorial-status", regime, "azerbaijani", "Qondarma"),
                term("region-name", "Nagorno-Karabakh Republic", "armenian", "DQR", distanced: true),
            ]),
        reading(
            "A21", "Sözdə Dağlıq Qarabağ Respublikası ləğv edildi.",
            [
                term("territorial-status", regime, "azerbaijani", "Sözdə Dağlıq Qarabağ Respublikası"),
                term("region-name", "Nagorno-Karabakh Republic", "armenian", "Dağlıq Qarabağ Respublikası", distanced: true),
            ]),
        reading(
            "A22", "Sözde Dağlık Karabağ Cumhuriyeti 1 Ocak 2024'te feshedildi.",
            [
                term("territorial-status", regime, "azerbaijani", "Sözde Dağlık Karabağ Cumhuriyeti"),
                term("region-name", "Nagorno-Karabakh Republic", "armenian", "Dağlık Karabağ Cumhuriyeti", distanced: true),
            ]),
        reading(
            "A23", "Tanınmayan Dağlık Karabağ Cumhuriyeti seçim yaptı.",
            [
                term("territorial-status", "unrecognized", "neutral", "Tanınmayan"),
                term("region-name", "Nagorno-Karabakh Republic", "armenian", "Dağlık Karabağ Cumhuriyeti", distanced: true),
            ]),
    ]

    // MARK: - B: context rules, one family per span, place names, hyphenated compounds

    static let contexts: [Reading] = [
        reading("B01", "Azerbaijan commemorates the genocide committed in Khojaly in 1992.", published: "2023-02-26", []),
        reading(
            "B02", "Armenia accuses Azerbaijan of genocide in Nagorno-Karabakh.", published: "2023-09-25",
            [
                term("event-framing", "genocide", "armenian", "genocide", .attributed, "Armenia"),
                term("region-name", "Nagorno-Karabakh", "neutral", "Nagorno-Karabakh", .attributed, "Armenia"),
            ]),
        reading("B03", "The genocide of the Ottoman era took 1.5 million lives.", published: "2021-04-24", []),
        reading("B04", "Armenia lived under a blockade by Turkey and Azerbaijan throughout the 1990s.", published: "2021-05-01", []),
        reading(
            "B05", "The blockade of the Lachin corridor entered its fourth month.", published: "2023-03-15",
            [
                term("lachin-corridor-2022", "blockade", "armenian", "blockade"),
                term("place-kashatagh", "Lachin corridor", "neutral", "Lachin corridor"),
            ]),
        reading("B06", "In 2024, Armenians recalled the blockade that Armenia suffered in the early 1990s.", published: "2024-03-01", []),
        reading(
            "B07", "The defendants are charged under the Criminal Code with genocide, forced displacement and terrorism.",
            published: "2024-01-20", []),
        reading(
            "B08", "More than 100,000 people fled in the forced displacement that followed.", published: "2023-10-02",
            [term("exodus-2023", "forced displacement", "armenian", "forced displacement")]),
        reading(
            "B09", "Пашинян заявил, что исход армян из Карабаха — это этническая чистка.", published: "2023-09-25",
            [
                term("exodus-2023", "exodus", "neutral", "исход армян", .attributed, "Пашинян"),
                term("region-name", "Karabakh", "neutral", "Карабаха", .attributed, "Пашинян"),
                term("exodus-2023", "ethnic cleansing", "armenian", "этническая чистка", .attributed, "Пашинян"),
            ]),
        reading("B10", "В 1990-е годы Азербайджан держал Армению в блокаде.", published: "2021-03-01", []),
        reading(
            "B11", "Separatist forces withdrew from the separatist region.",
            [
                term("actor-labels", "separatists", "azerbaijani", "Separatist"),
                term("territorial-status", regime, "azerbaijani", "separatist region"),
            ]),
        reading(
            "B12", "Azerbaijani forces occupied three villages near Hadrut.", published: "2020-10-20",
            [term("territorial-status", "occupied by Azerbaijan", "armenian", "occupied")]),
        reading(
            "B13", "Azerbaijani troops entered Aghdam, Fuzuli and Zangilan.", published: "2020-11-20",
            [
                term("place-akna", "Aghdam", "neutral", "Aghdam"),
                term("place-varanda", "Fuzuli", "neutral", "Fuzuli"),
                term("place-kovsakan", "Zangilan", "neutral", "Zangilan"),
            ]),
        reading(
            "B14", "Traffic resumed on the Goris-Stepanakert road.",
            [term("place-stepanakert", "Stepanakert", "neutral", "Stepanakert")]),
        reading(
            "B15", "Pro-Armenian forces held the Lachin-Shusha road.",
            [
                term("place-kashatagh", "Lachin", "neutral", "Lachin"),
                term("place-shushi", "Shusha", "neutral", "Shusha"),
            ]),
        reading("B16", "Azerbaycan ordusu Şuşa'yı geri aldı.", [term("place-shushi", "Shusha", "neutral", "Şuşa'yı")]),
        reading(
            "B17", "Azərbaycan ordusu Ağdamı işğaldan azad etdi.", published: "2020-11-20",
            [
                term("place-akna", "Aghdam", "neutral", "Ağdamı"),
                term("territorial-status", "liberated", "azerbaijani", "işğaldan azad"),
            ]),
        reading(
            "B18", "Движение по трассе Горис-Степанакерт возобновилось.",
            [term("place-stepanakert", "Stepanakert", "neutral", "Степанакерт")]),
        reading(
            "B19", "Laçın-Xankəndi yolu açıldı.",
            [
                term("place-kashatagh", "Lachin", "neutral", "Laçın"),
                term("place-stepanakert", "Khankendi", "azerbaijani", "Xankəndi"),
            ]),
        reading(
            "B20", "Talks on the Nagorno-Karabakh conflict resumed in Moscow.",
            [
                term("conflict-name", "Nagorno-Karabakh conflict", "neutral", "Nagorno-Karabakh conflict"),
                term("region-name", "Nagorno-Karabakh", "neutral", "Nagorno-Karabakh"),
            ]),
        reading(
            "B21", "The Armenia-Azerbaijan conflict flared again on the border.", published: "2022-09-14",
            [term("conflict-name", "Armenia-Azerbaijan conflict", "neutral", "Armenia-Azerbaijan conflict")]),
    ]

    // MARK: - C: negation

    static let negations: [Reading] = [
        reading(
            "C01", "Let's not mince words, this is ethnic cleansing.", published: "2023-09-28",
            [term("exodus-2023", "ethnic cleansing", "armenian", "ethnic cleansing")]),
        reading("C02", "Thousands of families can't live in Artsakh anymore.", [term("region-name", "Artsakh", "armenian", "Artsakh")]),
        reading(
            "C03", "The village is not adjacent to the disputed region.",
            [term("territorial-status", "disputed", "neutral", "disputed")]),
        reading("C04", "No change in Artsakh status is expected.", [term("region-name", "Artsakh", "armenian", "Artsakh")]),
        reading(
            "C05", "Yerevan insists the territory was never occupied.",
            [term("territorial-status", "occupied", "azerbaijani", "occupied", .attributed, "Yerevan", negated: true)]),
        reading(
            "C06", "Armenia does not occupy any Azerbaijani land, the ministry in Yerevan said.",
            [term("territorial-status", "occupied", "azerbaijani", "occupy", .attributed, "the ministry", negated: true)]),
        reading("C07", "There is no end to the occupation.", [term("territorial-status", "occupied", "azerbaijani", "occupation")]),
        reading(
            "C08", "Azerbaijan's decision has nothing to do with Stepanakert.",
            [term("place-stepanakert", "Stepanakert", "neutral", "Stepanakert")]),
        reading(
            "C09", "Baku says there is no blockade.", published: "2023-01-10",
            [term("lachin-corridor-2022", "blockade", "armenian", "blockade", .attributed, "Baku", negated: true)]),
        reading(
            "C10", "The talks did not resume because Aghdam remained occupied.",
            [
                term("place-akna", "Aghdam", "neutral", "Aghdam"),
                term("territorial-status", "occupied", "azerbaijani", "occupied"),
            ]),
        reading(
            "C11", "There were no atrocities in the village.", [],
            loaded: [loaded("violence-atrocity", "atrocity", "atrocities", negated: true)]),
        reading(
            "C12", "The army did not commit atrocities, the spokesman said.", [],
            loaded: [loaded("violence-atrocity", "atrocity", "atrocities", .attributed, "the spokesman", negated: true)]),
        reading(
            "C13", "The soldiers, whose names he does not remember, served in the Artsakh army.",
            [
                term("actor-labels", "Artsakh forces", "armenian", "Artsakh army"),
                term("region-name", "Artsakh", "armenian", "Artsakh"),
            ]),
        reading(
            "C14", "It was not an occupation but a liberation.",
            [
                term("territorial-status", "occupied", "azerbaijani", "occupation", negated: true),
                term("territorial-status", "liberated", "azerbaijani", "liberation"),
            ]),
        reading(
            "C15", "They did not shell the town, and the occupation continued.",
            [term("territorial-status", "occupied", "azerbaijani", "occupation")]),
        reading(
            "C16", "No, the occupation of Artsakh is not over.",
            [
                term("territorial-status", "occupied by Azerbaijan", "armenian", "occupation of Artsakh"),
                term("region-name", "Artsakh", "armenian", "Artsakh"),
            ]),
        reading(
            "C17", "There can be no lasting peace while the occupation continues.",
            [term("territorial-status", "occupied", "azerbaijani", "occupation")]),
        reading(
            "C18", "Azerbaijan will never accept the occupation of its lands.",
            [term("territorial-status", "occupied", "azerbaijani", "occupation")]),
        reading(
            "C19", "The shelling was not brutal.", [],
            loaded: [loaded("violence-atrocity", "brutal", "brutal", negated: true)]),
        reading(
            "C20", "There has been no genocide in Karabakh, Baku insists.", published: "2023-09-30",
            [
                term("event-framing", "genocide", "armenian", "genocide", .attributed, "Baku", negated: true),
                term("region-name", "Karabakh", "neutral", "Karabakh", .attributed, "Baku"),
            ]),
        reading(
            "C21", "Армения никогда не оккупировала эти земли.",
            [term("territorial-status", "occupied", "azerbaijani", "оккупировала", negated: true)]),
        reading(
            "C22", "Нет никакой блокады, заявил Хикмет Гаджиев.", published: "2023-01-10",
            [term("lachin-corridor-2022", "blockade", "armenian", "блокады", .attributed, "Хикмет Гаджиев", negated: true)]),
        reading("C23", "Это не имеет ничего общего с Арцахом.", [term("region-name", "Artsakh", "armenian", "Арцахом")]),
        reading(
            "C24", "Bu bir işgal değil.", [term("territorial-status", "occupied", "azerbaijani", "işgal", negated: true)]),
        reading(
            "C25", "Bu, işğal deyil.", [term("territorial-status", "occupied", "azerbaijani", "işğal", negated: true)]),
        reading(
            "C26", "Սա օկուպացիա չէ։",
            [term("territorial-status", "occupied by Azerbaijan", "armenian", "օկուպացիա", negated: true)]),
    ]

    // MARK: - D: speakers and reported speech

    static let speakers: [Reading] = [
        reading(
            "D01", "Pashinyan stated he would never accept the occupation of Artsakh.",
            [
                term("territorial-status", "occupied by Azerbaijan", "armenian", "occupation of Artsakh", .attributed, "Pashinyan"),
                term("region-name", "Artsakh", "armenian", "Artsakh", .attributed, "Pashinyan"),
            ]),
        reading(
            "D02", "Aliyev told reporters he would restore the constitutional order in Karabakh.",
            [
                term("event-framing", restoration, "azerbaijani", "restore the constitutional order", .attributed, "Aliyev"),
                term("region-name", "Karabakh", "neutral", "Karabakh", .attributed, "Aliyev"),
            ]),
        reading(
            "D03", "Azerbaijani officials claim the separatists fired first.",
            [term("actor-labels", "separatists", "azerbaijani", "separatists", .attributed, "Azerbaijani officials")]),
        reading(
            "D04", "Residents of Stepanakert say the blockade has emptied the shops.", published: "2023-04-01",
            [
                term("place-stepanakert", "Stepanakert", "neutral", "Stepanakert"),
                term("lachin-corridor-2022", "blockade", "armenian", "blockade", .attributed, "Residents of Stepanakert"),
            ]),
        reading(
            "D05", "Russia and Turkey say the occupation must end.",
            [term("territorial-status", "occupied", "azerbaijani", "occupation", .attributed, "Russia and Turkey")]),
        reading(
            "D06",
            "Armenian Foreign Ministry spokeswoman Ani Badalyan said the corridor was closed. “The blockade is a crime,” she added.",
            published: "2023-02-01",
            [term("lachin-corridor-2022", "blockade", "armenian", "blockade", .quoted, "Ani Badalyan")]),
        reading(
            "D07",
            "“Khankendi will be rebuilt,” Hikmet Hajiyev said. President Ilham Aliyev visited Shusha on Tuesday. “The separatists have left,” he added.",
            published: "2023-10-15",
            [
                term("place-stepanakert", "Khankendi", "azerbaijani", "Khankendi", .quoted, "Hikmet Hajiyev"),
                term("place-shushi", "Shusha", "neutral", "Shusha"),
                term("actor-labels", "separatists", "azerbaijani", "separatists", .quoted, "Hikmet Hajiyev"),
            ]),
        reading(
            "D08",
            "“The blockade must end,” Pashinyan said.\n\nThe talks resumed in Brussels.\n\nDiplomats met on Friday.\n\n“We will not accept the occupation,” he said.",
            published: "2023-03-01",
            [
                term("lachin-corridor-2022", "blockade", "armenian", "blockade", .quoted, "Pashinyan"),
                term("territorial-status", "occupied", "azerbaijani", "occupation", .quoted, "he"),
            ]),
        reading(
            "D09", "Officials in Armenia's capital Yerevan said the separatists had surrendered.",
            [term("actor-labels", "separatists", "azerbaijani", "separatists", .attributed, "Officials")]),
        reading(
            "D10", "Azerbaijan last night accused Armenian forces of shelling Tartar.",
            [term("actor-labels", "Armenian forces", "neutral", "Armenian forces", .attributed, "Azerbaijan")]),
        reading(
            "D11", "Former separatist leaders stand accused of occupying Azerbaijani land.",
            [
                term("actor-labels", "separatists", "azerbaijani", "separatist"),
                term("territorial-status", "occupied", "azerbaijani", "occupying"),
            ]),
        reading(
            "D12", "The ministry said “terrorist” attacks by the separatists continued near Shusha.",
            [
                term("actor-labels", "separatists", "azerbaijani", "separatists", .attributed, "The ministry"),
                term("place-shushi", "Shusha", "neutral", "Shusha", .attributed, "The ministry"),
            ]),
        reading(
            "D13", "Armenian separatists shelled Tartar overnight, according to the ministry.", published: "2020-10-05",
            [term("actor-labels", "separatists", "azerbaijani", "separatists")]),
        reading(
            "D14", "The occupation caused $50 billion in damage, according to Azerbaijani estimates.",
            [term("territorial-status", "occupied", "azerbaijani", "occupation", .attributed, "Azerbaijani estimates")]),
        reading(
            "D15", "According to the ministry, Armenian separatists shelled Tartar.",
            [term("actor-labels", "separatists", "azerbaijani", "separatists", .attributed, "the ministry")]),
        reading(
            "D16", "Aliyev says Khankendi will be rebuilt.",
            [term("place-stepanakert", "Khankendi", "azerbaijani", "Khankendi", .attributed, "Aliyev")]),
        reading(
            "D17", "Захарова заявила, что блокада Лачинского коридора недопустима.", published: "2023-02-02",
            [
                term("lachin-corridor-2022", "blockade", "armenian", "блокада", .attributed, "Захарова"),
                term("place-kashatagh", "Lachin corridor", "neutral", "Лачинского коридора", .attributed, "Захарова"),
            ]),
        reading(
            "D18", "«Это гуманитарная катастрофа», — сказал Пашинян. «Блокада должна быть снята», — добавил он.",
            published: "2023-01-15",
            [
                term("event-framing", "humanitarian catastrophe", "armenian", "гуманитарная катастрофа", .quoted, "Пашинян"),
                term("lachin-corridor-2022", "blockade", "armenian", "Блокада", .quoted, "Пашинян"),
            ]),
        reading(
            "D19", "Hikmət Hacıyev bildirib ki, separatçılar Xankəndini tərk edib.",
            [
                term("actor-labels", "separatists", "azerbaijani", "separatçılar", .attributed, "Hikmət Hacıyev"),
                term("place-stepanakert", "Khankendi", "azerbaijani", "Xankəndini", .attributed, "Hikmət Hacıyev"),
            ]),
        reading(
            "D20", "Փաշինյանը հայտարարել է, որ Արցախում էթնիկ զտում է տեղի ունենում։", published: "2023-09-25",
            [
                term("region-name", "Artsakh", "armenian", "Արցախում", .attributed, "Փաշինյանը"),
                term("exodus-2023", "ethnic cleansing", "armenian", "էթնիկ զտում", .attributed, "Փաշինյանը"),
            ]),
        reading(
            "D21", "Peskov told journalists the separatists must disarm.",
            [term("actor-labels", "separatists", "azerbaijani", "separatists", .attributed, "Peskov")]),
        reading(
            "D22", "Azerbaijan on Monday accused the separatists of provocations.",
            [term("actor-labels", "separatists", "azerbaijani", "separatists", .attributed, "Azerbaijan")]),
        reading(
            "D23", "“There is no blockade,” Hajiyev said.", published: "2023-01-10",
            [term("lachin-corridor-2022", "blockade", "armenian", "blockade", .quoted, "Hajiyev", negated: true)]),
    ]

    static let all: [Reading] = qualifiers + contexts + negations + speakers

    // MARK: - Running

    static let lexicons: [Lexicon] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return ["lexicons/karabakh.yaml", "lexicons/loaded-language.en.yaml"].compactMap { path in
            guard let yaml = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else { return nil }
            return try? LexiconLoader.parse(yaml: yaml, path: path)
        }
    }()

    static let tagger = TagStage(lexicons: lexicons)

    static func tags(_ reading: Reading) throws -> (terms: [Tag], loaded: [Tag]) {
        let text = reading.text
        let blocks = SegmentStage.paragraphRanges(text).map { TextBlock(kind: .paragraph, start: $0.0, end: $0.1) }
        let article = Article(
            source: SourceLocator(path: "\(reading.id).txt"), metadata: DocumentMetadata(published: reading.published), body: text,
            blocks: blocks)
        let tagged = try tagger.process(try SegmentStage().process(article))
        let terms = tagged.terms.map { match in
            Tag(
                group: match.family, item: match.term, stance: match.stance, text: match.text, voice: match.context.voice,
                speaker: match.context.speaker, distanced: match.context.distanced, negated: match.context.negated)
        }
        let loaded = tagged.loaded.map { match in
            Tag(
                group: match.category, item: match.entry, stance: nil, text: match.text, voice: match.context.voice,
                speaker: match.context.speaker, distanced: match.context.distanced, negated: match.context.negated)
        }
        return (terms, loaded)
    }

    @Test func theBundledLexiconsLoad() {
        #expect(Self.lexicons.map(\.id) == ["karabakh-terminology", "loaded-language-en"])
    }

    @Test func thereAreAtLeastSixtyCasesWithUniqueIds() {
        #expect(Self.all.count >= 60)
        #expect(Set(Self.all.map(\.id)).count == Self.all.count)
    }

    @Test(arguments: all) func readsAsACarefulCoderWould(_ reading: Reading) throws {
        let found = try Self.tags(reading)
        #expect(found.terms == reading.terms, "\(reading.id)")
        for expected in reading.loaded {
            #expect(found.loaded.filter { $0.text == expected.text } == [expected], "\(reading.id)")
        }
    }
}
