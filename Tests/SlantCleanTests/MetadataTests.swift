import Foundation
import SlantCore
import Testing

@testable import SlantClean

@Suite struct DateNormalizerTests {
    @Test(arguments: [
        ("2020-07-09", "2020-07-09", nil),
        ("2020-07-09T10:00:00+03:00", "2020-07-09", "2020-07-09T10:00:00+03:00"),
        ("2019-11-14T13:51:06Z", "2019-11-14", "2019-11-14T13:51:06Z"),
        ("2019-11-14T13:51:06.123+0100", "2019-11-14", "2019-11-14T13:51:06+01:00"),
        ("2019-11-14 13:51", "2019-11-14", "2019-11-14T13:51:00"),
        ("20200709", "2020-07-09", nil),
        ("2020/07/09", "2020-07-09", nil),
        ("Thu, 09 Jul 2020 10:00:00 GMT", "2020-07-09", "2020-07-09T10:00:00Z"),
        ("Thu, 08 May 2014 14:04:53 -0400", "2014-05-08", "2014-05-08T14:04:53-04:00"),
        ("Mon Oct 11 14:57:21 CEST 2021", "2021-10-11", "2021-10-11T14:57:21+02:00"),
        ("June 5, 2024", "2024-06-05", nil),
        ("June 5th, 2024 at 4:30 pm EDT", "2024-06-05", "2024-06-05T16:30:00-04:00"),
        ("5 June 2024", "2024-06-05", nil),
        ("Posted on 5 Jun 2024", "2024-06-05", nil),
        ("01:38:07 PM IST Nov 20, 2019", "2019-11-20", nil),
        ("5. Juni 2024", "2024-06-05", nil),
        ("Mittwoch, 01. November 2023", "2023-11-01", nil),
        ("5 juin 2024", "2024-06-05", nil),
        ("5 de junio de 2024", "2024-06-05", nil),
        ("5 июня 2024 г.", "2024-06-05", nil),
        ("5 Haziran 2024", "2024-06-05", nil),
        ("5 iyun 2024", "2024-06-05", nil),
        ("5 czerwca 2024", "2024-06-05", nil),
        ("հունիսի 5, 2024", "2024-06-05", nil),
        ("2024年6月5日", "2024-06-05", nil),
        ("05.06.2024", "2024-06-05", nil),
        ("10.12.2022, 07:00:03", "2022-12-10", "2022-12-10T07:00:03"),
        ("25/12/2020", "2020-12-25", nil),
        ("12/25/2020", "2020-12-25", nil),
        ("2024-02-29", "2024-02-29", nil),
    ] as [(String, String, String?)])
    func readsTheCommonForms(text: String, date: String, timestamp: String?) {
        #expect(DateNormalizer.parse(text) == ParsedDate(date: date, timestamp: timestamp), "\(text)")
    }

    @Test(arguments: [
        "2024-13-45", "2023-02-29", "2024-04-31", "yesterday", "", "05/06/2024", "10/05/2022 05:22 pm", "1850-01-01",
        "June 2024", "31 February 2024", "12:30", "version 2.1.3",
    ])
    func refusesWhatIsNoDateOrCouldBeTwo(text: String) {
        #expect(DateNormalizer.parse(text) == nil, "\(text)")
    }

    @Test func datesInURLs() {
        #expect(DateNormalizer.dateInURL("https://asbarez.com/2020/07/09/russia-urges/") == "2020-07-09")
        #expect(DateNormalizer.dateInURL("https://x.example/news/2020-07-09-talks") == "2020-07-09")
        #expect(DateNormalizer.dateInURL("https://x.example/2020/13/40/nothing") == nil)
        #expect(DateNormalizer.dateInURL("https://x.example/products/2020") == nil)
    }
}

@Suite struct TitleCleanerTests {
    @Test(arguments: [
        ("Best tech gadgets of 2019 | ZDNet", ["ZDNet"], nil, "Best tech gadgets of 2019"),
        ("ZDNet | Best tech gadgets of 2019", ["ZDNet"], nil, "Best tech gadgets of 2019"),
        ("Nadal keeps Spain alive - Sportsnet.ca", ["sportsnet", "sportsnet.ca"], nil, "Nadal keeps Spain alive"),
        ("Tanz in der Lokremise | St.Galler Tagblatt", ["tagblatt", "tagblatt.ch"], nil, "Tanz in der Lokremise"),
        ("Irme Stetter-Karp ist neue ZdK-Präsidentin | DOMRADIO.DE", ["domradio", "domradio.de"], nil, "Irme Stetter-Karp ist neue ZdK-Präsidentin"),
        ("Cup-Vorschau - Handball | Luzerner Zeitung", ["Luzerner Zeitung"], nil, "Cup-Vorschau - Handball"),
        ("Armenia - Azerbaijan talks resume", ["Asbarez"], nil, "Armenia - Azerbaijan talks resume"),
        ("Welpen kaufen – Tipps zu jeder Hunderasse", ["welpenkaufen"], "Welpen kaufen – Tipps zu jeder Hunderasse", "Welpen kaufen – Tipps zu jeder Hunderasse"),
        ("Ceasefire holds - World news", [], "Ceasefire holds", "Ceasefire holds"),
        ("Россия призвала стороны к переговорам — РИА Новости", ["РИА Новости"], nil, "Россия призвала стороны к переговорам"),
    ] as [(String, [String], String?, String)])
    func cutsTheSiteNotTheHeadline(title: String, sites: [String], heading: String?, expected: String) {
        #expect(TitleCleaner.clean(title, siteNames: sites, heading: heading) == expected)
    }
}

/// Metadata read from synthetic pages, one rule each.
@Suite struct PageMetadataTests {
    static func page(head: String, body: String = "") -> String {
        "<html><head>\(head)</head><body>\(body)<article><p>\(prose(60))</p><p>\(prose(61))</p></article></body></html>"
    }

    @Test func theSiteNameLeavesTheTitle() throws {
        let html = Self.page(head: """
            <meta property="og:title" content="Ceasefire agreed in Geneva | The Daily Example">
            <meta property="og:site_name" content="The Daily Example"><link rel="canonical" href="https://daily.example/a">
            """)
        let metadata = try clean(html: html).metadata
        #expect(metadata.title == "Ceasefire agreed in Geneva")
        #expect(metadata.site == "The Daily Example")
    }

    @Test func theDomainNamesTheSiteWhenThePageDoesNot() throws {
        let html = Self.page(head: "<title>Ceasefire agreed in Geneva - Battery-News.de</title><link rel=\"canonical\" href=\"https://battery-news.de/x\">")
        #expect(try clean(html: html).metadata.title == "Ceasefire agreed in Geneva")
    }

    @Test func aGraphWithAWebPageAndANewsArticle() throws {
        let html = Self.page(head: """
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebPage","datePublished":"2020-01-01T08:00:00+00:00","dateModified":"2020-03-01T08:00:00+00:00"},
              {"@type":"NewsArticle","headline":"Ceasefire agreed","datePublished":"2020-07-09T10:00:00+03:00",
               "dateModified":"2020-07-10T12:00:00+03:00"}]}</script>
            """)
        let metadata = try clean(html: html).metadata
        #expect(metadata.published == "2020-07-09")
        #expect(metadata.publishedTimestamp == "2020-07-09T10:00:00+03:00")
        #expect(metadata.title == "Ceasefire agreed")
    }

    @Test func aWebPageDateWhenThereIsNoArticle() throws {
        let html = Self.page(head: """
            <script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2019-11-14T13:51:06+00:00","dateModified":"2020-04-16T13:12:22+00:00"}]}</script>
            """)
        #expect(try clean(html: html).metadata.published == "2019-11-14")
    }

    @Test func aModifiedDateIsNeverThePublishedOne() throws {
        let html = Self.page(head: """
            <meta property="article:modified_time" content="2021-05-05"><meta property="og:updated_time" content="2021-05-06">
            <script type="application/ld+json">{"@type":"Article","dateModified":"2021-05-07"}</script>
            """, body: "<time class=\"updated\" datetime=\"2021-05-08\">8 May</time>")
        let metadata = try clean(html: html).metadata
        #expect(metadata.published == nil)
    }

    @Test func reviewsAndCommentsDoNotDateThePage() throws {
        let html = Self.page(head: """
            <script type="application/ld+json">{"@type":"Recipe","name":"Cake","datePublished":"2006-10-10",
              "review":[{"@type":"Review","datePublished":"2020-04-12"}]}</script>
            <script type="application/ld+json">{"@type":"Comment","datePublished":"2021-01-01"}</script>
            """)
        #expect(try clean(html: html).metadata.published == "2006-10-10")
    }

    @Test func messyJSONLDIsStillRead() throws {
        // A raw line break inside a string (invalid JSON, common), and `type` written without its `@`.
        let html = Self.page(head: """
            <script type="application/ld+json">{"type":"Article","headline":"Ceasefire
            agreed","datePublished":"Thu, 08 May 2014 14:04:53 -0400"}</script>
            """)
        let metadata = try clean(html: html).metadata
        #expect(metadata.published == "2014-05-08")
        #expect(metadata.publishedTimestamp == "2014-05-08T14:04:53-04:00")
    }

    @Test func aTimeInTheArticlesHeaderDatesIt() throws {
        let html = """
            <html><body><div class="sidebar"><time datetime="2001-01-01">old</time></div>
            <article><header><h1>Ceasefire agreed</h1><time datetime="2023-11-01T13:56:20+01:00">Mittwoch, 01. November 2023</time></header>
            <div class="entry-content"><p>\(prose(62))</p><p>\(prose(63))</p></div>
            <div class="comments"><div class="comment"><span class="fn">A</span><time datetime="2024-01-01">1 Jan</time><p>Nice.</p></div></div>
            </article></body></html>
            """
        let metadata = try clean(html: html).metadata
        #expect(metadata.published == "2023-11-01")
        #expect(metadata.title == "Ceasefire agreed")
    }

    @Test func aTimeMarkedAsThePublicationDateWinsOverOthers() throws {
        let html = """
            <html><body><article><p>Updated <time datetime="2020-02-02">2 Feb</time></p>
            <p>\(prose(64))</p><p>\(prose(65))</p></article>
            <div class="meta"><time class="entry-date published" datetime="2020-01-05T09:00:00+01:00">5 Jan</time></div></body></html>
            """
        let metadata = try clean(html: html).metadata
        #expect(metadata.published == "2020-01-05")
        #expect(metadata.publishedTimestamp == "2020-01-05T09:00:00+01:00")
    }

    @Test func writtenDatesInOtherLanguages() throws {
        let html = Self.page(head: "<meta property=\"article:published_time\" content=\"10.12.2022, 07:00:03\">")
        let metadata = try clean(html: html).metadata
        #expect(metadata.published == "2022-12-10")
        #expect(metadata.publishedTimestamp == "2022-12-10T07:00:03")
    }

    @Test func aCommentsHeadingIsNotTheTitle() throws {
        let html = """
            <html><head><title>Publizistische Sorgfaltspflicht | Wolfgang Michal</title>
            <link rel="canonical" href="https://www.wolfgangmichal.de/x"></head><body><article>
            <h1 class="entry-title">Publizistische Sorgfaltspflicht</h1><div class="entry-content"><p>\(prose(66))</p><p>\(prose(67))</p></div>
            <h1 id="comments">2 Kommentare</h1></article></body></html>
            """
        #expect(try clean(html: html).metadata.title == "Publizistische Sorgfaltspflicht")
    }
}
