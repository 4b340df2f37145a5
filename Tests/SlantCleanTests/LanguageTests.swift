import Foundation
import SlantCore
import Testing

@testable import SlantClean

/// The language of a text, from the text, the declared language a hint that is checked.
@Suite struct LanguageTests {
    static let samples: [(String, String)] = [
        ("en", "The foreign ministry said on Tuesday that the talks would continue in Geneva after the ceasefire was broken overnight. Officials from both sides were expected to attend."),
        ("ru", "Министерство иностранных дел заявило во вторник, что переговоры продолжатся в Женеве, несмотря на нарушение перемирия ночью. Делегации обеих сторон уже прибыли в город."),
        ("de", "Das Außenministerium teilte am Dienstag mit, dass die Gespräche in Genf fortgesetzt werden, obwohl die Waffenruhe in der Nacht gebrochen wurde. Die Delegationen sind bereits eingetroffen."),
        ("fr", "Le ministère des affaires étrangères a déclaré mardi que les pourparlers se poursuivront à Genève, malgré la violation du cessez-le-feu pendant la nuit. Les délégations sont déjà arrivées."),
        ("hy", "Արտաքին գործերի նախարարությունը երեքշաբթի հայտարարեց, որ բանակցությունները կշարունակվեն Ժնևում։"),
        ("az", "Xarici İşlər Nazirliyi çərşənbə axşamı bildirib ki, danışıqlar Cenevrədə davam edəcək və atəşkəs gecə pozulub. Hər iki tərəfin nümayəndə heyətləri artıq şəhərə gəlib."),
        ("tr", "Dışişleri Bakanlığı salı günü yaptığı açıklamada, ateşkesin gece ihlal edilmesine rağmen görüşmelerin Cenevre'de devam edeceğini bildirdi. İki tarafın heyetleri de şehre ulaştı."),
        ("uk", "Міністерство закордонних справ заявило у вівторок, що переговори продовжаться в Женеві, попри порушення перемир'я вночі. Делегації обох сторін уже прибули до міста."),
        ("es", "El ministerio de asuntos exteriores dijo el martes que las conversaciones continuarán en Ginebra, a pesar de la violación del alto el fuego durante la noche."),
        ("ka", "საგარეო საქმეთა სამინისტრომ სამშაბათს განაცხადა, რომ მოლაპარაკებები ჟენევაში გაგრძელდება."),
        ("zh", "外交部星期二表示，尽管停火协议在夜间遭到破坏，谈判仍将在日内瓦继续进行。"),
        ("ja", "外務省は火曜日、停戦合意が夜間に破られたにもかかわらず、交渉はジュネーブで続けられると発表した。"),
    ]

    @Test(arguments: samples.map(\.0))
    func readsTheLanguageFromTheText(language: String) throws {
        let text = try #require(Self.samples.first { $0.0 == language }?.1)
        #expect(LanguageGuess.language(of: text) == language)
        // A declared language that the text contradicts is set aside.
        #expect(LanguageGuess.language(of: text, declared: language == "en" ? "de" : "en") == language)
    }

    @Test func shortTextsKeepAFittingDeclaredLanguage() {
        #expect(LanguageGuess.language(of: "Armenia and Azerbaijan", declared: "en") == "en")
        #expect(LanguageGuess.language(of: "Nikol Pashinyan, Ilham Aliyev", declared: "en-GB") == "en")
        #expect(LanguageGuess.language(of: "Азербайджан обвинил Армению в обстреле", declared: "ru") == "ru")
        #expect(LanguageGuess.language(of: "Qarabağ", declared: "az") == "az")
        #expect(LanguageGuess.language(of: "Արցախ", declared: "en") == "hy")
    }

    @Test func capitalsReadLikeLowerCase() {
        #expect(LanguageGuess.language(of: "THE MINISTRY SAID THAT THE TALKS WOULD GO ON IN GENEVA AFTER THE CEASEFIRE WAS BROKEN") == "en")
        #expect(LanguageGuess.language(of: "DIE GESPRÄCHE WERDEN ÜBER DAS WOCHENENDE IN GENF FORTGESETZT, SAGTE DAS MINISTERIUM UND DIE DELEGATION") == "de")
    }

    /// Function words must be at least one word in twelve; words longer than any function word count
    /// toward the total too.
    @Test func longWordsCountTowardTheTotal() {
        let function = "the and of "
        let thirtyThree = function + Array(repeating: "extraordinarily", count: 33).joined(separator: " ")
        let thirtyFour = function + Array(repeating: "extraordinarily", count: 34).joined(separator: " ")
        #expect(LanguageGuess.language(of: thirtyThree) == "en")
        #expect(LanguageGuess.language(of: thirtyFour) == nil)
    }

    @Test func unsureIsNil() {
        #expect(LanguageGuess.language(of: "Азербайджан обвинил Армению в обстреле") == nil)
        #expect(LanguageGuess.language(of: "Nikol Pashinyan, Ilham Aliyev") == nil)
        #expect(LanguageGuess.language(of: "2020 — 2023") == nil)
        #expect(LanguageGuess.language(of: "") == nil)
        // A hint in another script than the text's is no hint.
        #expect(LanguageGuess.language(of: "Азербайджан обвинил Армению в обстреле", declared: "en") == nil)
    }

    @Test func thePagesDeclaredLanguageIsCheckedAndAMismatchSaidSo() throws {
        let russian = try #require(Self.samples.first { $0.0 == "ru" }?.1)
        let html = "<html lang=\"en\"><body><article><p>\(russian)</p><p>\(russian)</p></article></body></html>"
        let article = try clean(html: html)
        #expect(article.metadata.language == "ru")
        #expect(article.warnings.map(\.code) == ["language-mismatch"])
    }

    @Test func aDeclaredLanguageThatFitsIsKeptWithoutWarning() throws {
        let html = "<html lang=\"de-AT\"><body><article><p>\(Self.samples[2].1)</p><p>\(Self.samples[2].1)</p></article></body></html>"
        let article = try clean(html: html)
        #expect(article.metadata.language == "de")
        #expect(article.warnings.isEmpty)
    }
}

/// Dates given with a document are checked like the page's own.
@Suite struct GivenDateTests {
    func article(published: String?, format: DocumentFormat = .text) throws -> Article {
        let text = format == .text ? "\(prose(70))\n\n\(prose(71))" : "<html><body><article><p>\(prose(70))</p><p>\(prose(71))</p></article></body></html>"
        let document = RawDocument(
            source: SourceLocator(path: "feed.jsonl", line: 3), format: format, bytes: Array(text.utf8),
            metadata: DocumentMetadata(id: "a", published: published))
        return try CleanStage().process(document)
    }

    @Test(arguments: [
        ("2024-06-05", "2024-06-05", nil), ("June 5, 2024", "2024-06-05", nil), ("5 June 2024", "2024-06-05", nil),
        ("05.06.2024", "2024-06-05", nil), ("2024-06-05T10:30:00Z", "2024-06-05", "2024-06-05T10:30:00Z"),
        ("Wed, 05 Jun 2024 10:30:00 +0200", "2024-06-05", "2024-06-05T10:30:00+02:00"),
    ] as [(String, String, String?)])
    func aReadableDateIsNormalised(given: String, date: String, timestamp: String?) throws {
        let article = try article(published: given)
        #expect(article.metadata.published == date)
        #expect(article.metadata.publishedTimestamp == timestamp)
        #expect(article.warnings.isEmpty)
    }

    @Test(arguments: ["2024-13-45", "yesterday", "05/06/2024", "2023-02-29"])
    func anUnreadableDateIsAWarningAndTheArticleUndated(given: String) throws {
        for format in [DocumentFormat.text, .html] {
            let article = try article(published: given, format: format)
            #expect(article.metadata.published == nil)
            #expect(article.metadata.publishedTimestamp == nil)
            #expect(article.warnings.map(\.code) == ["unparsed-date"])
            #expect(article.warnings.first?.message.contains("\"\(given)\"") == true)
        }
    }

    @Test func anUnreadableDateOnThePageIsAWarningToo() throws {
        let html = """
            <html><head><meta property="article:published_time" content="gestern"></head><body><article>
            <p>\(prose(72))</p><p>\(prose(73))</p></article></body></html>
            """
        let article = try clean(html: html)
        #expect(article.metadata.published == nil)
        #expect(article.warnings.map(\.code) == ["unparsed-date"])
    }
}
