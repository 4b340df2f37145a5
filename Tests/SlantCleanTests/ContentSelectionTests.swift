import Foundation
import SlantCore
import Testing

@testable import SlantClean

/// A paragraph of running text, different for each `seed`, with commas (the content detector's
/// sign of prose).
func prose(_ seed: Int, sentences: Int = 4) -> String {
    let subjects = ["The ministry", "Officials in Baku", "The delegation", "Residents of Stepanakert", "The envoy"]
    let verbs = ["said on Monday", "told reporters", "announced", "confirmed in a statement", "warned"]
    let objects = [
        "that the talks would resume in Geneva, after a week of shelling, if the ceasefire held",
        "that aid convoys, blocked since March, would be allowed through the corridor",
        "that the border commission, meeting for the first time, had agreed on a map",
        "that prisoners, held on both sides, would be exchanged before the winter",
    ]
    return (0..<sentences).map { index in
        let value = seed * 7 + index * 3
        return "\(subjects[value % subjects.count]) \(verbs[(value / 2) % verbs.count]) \(objects[(value / 3) % objects.count]) (\(seed).\(index))."
    }.joined(separator: " ")
}

/// The body's blocks as plain strings.
func paragraphs(_ article: Article) -> [String] {
    let bytes = Array(article.body.utf8)
    return article.blocks.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
}

/// What the content detector keeps and leaves out, on markup made to show each rule.
@Suite struct ContentSelectionTests {
    // MARK: End tags as a browser reads them

    @Test func anEndTagClosesTheDivsLeftOpenInIt() throws {
        // `</section>` with a `<div>` still open: libxml2 alone keeps the section (a complementary
        // landmark, dropped) open around the whole article.
        let html = """
            <html><body><section role="complementary"><div class="box"><a href="/radio">Radio live</a></section>
            <nav><div><a href="/a">Home</a> <a href="/b">News</a></nav>
            <article><p>\(prose(1))</p><p>\(prose(2))</p><p>\(prose(3))</p></article></body></html>
            """
        let article = try clean(html: html)
        #expect(paragraphs(article) == [prose(1), prose(2), prose(3)])
        #expect(!article.body.contains("Radio live"))
        #expect(!article.body.contains("Home"))
    }

    @Test func endTagsAreNotHonouredAcrossATableCell() throws {
        let html = """
            <html><body><section><table><tr><td><div><p>\(prose(4))</p></section><p>\(prose(5))</p></td></tr></table></section>
            </body></html>
            """
        let article = try clean(html: html)
        #expect(article.body.contains(prose(4)))
        #expect(article.body.contains(prose(5)))
    }

    @Test func repairsThatFollowEachOtherCompose() throws {
        // The second ignored end tag comes inside what the first repair moves.
        let html = """
            <html><body><header id="top"><nav><div><a href="/">Home</a></nav><div class="menu"><a href="/x">Sections</a></header>
            <main><article><p>\(prose(6))</p><p>\(prose(7))</p></article></main></body></html>
            """
        let article = try clean(html: html)
        #expect(paragraphs(article) == [prose(6), prose(7)])
    }

    // MARK: <noscript>

    @Test func aNoscriptThatOpensADivDoesNotSwallowThePage() throws {
        let html = """
            <html><body><noscript><div id="no-js"></noscript><div id="page"><article><p>\(prose(8))</p><p>\(prose(9))</p></article></div>
            <noscript></div></noscript></body></html>
            """
        let article = try clean(html: html)
        #expect(paragraphs(article) == [prose(8), prose(9)])
    }

    @Test func anArticleOnlyInNoscriptIsRead() throws {
        let html = """
            <html><body><div class="post"><div class="post-body"><script>render()</script>
            <noscript><p>\(prose(10))</p><p>\(prose(11))</p></noscript></div></div></body></html>
            """
        let article = try clean(html: html)
        #expect(paragraphs(article) == [prose(10), prose(11)])
    }

    // MARK: Widening the choice

    @Test func anArticleSplitAcrossWrappersIsReadWhole() throws {
        // The long-form layout: the text in several wrappers, with boxes between them.
        let html = """
            <html><body><main><article><h1>Title</h1><div class="article-container">
            <div class="wrap"><div class="inner"><section><p>\(prose(12))</p><p>\(prose(13))</p></section></div>
              <aside class="rail">Advertisement</aside></div>
            <div class="ad-box">Sponsored</div>
            <div class="wrap"><div class="inner"><section><p>\(prose(14))</p><p>\(prose(15))</p><p>\(prose(16))</p><p>\(prose(17))</p></section></div>
              <aside class="rail">Advertisement</aside></div>
            <div class="wrap"><div class="inner"><section><p>\(prose(18))</p></section></div></div>
            </div></article></main></body></html>
            """
        let article = try clean(html: html)
        #expect(paragraphs(article) == (12...18).map { prose($0) })
    }

    @Test func teasersAroundTheArticleStayOut() throws {
        let teaser = { (index: Int) in
            """
            <li><article class="archive-view"><h5 class="entry-title"><a href="/story-\(index)">Another story \(index)</a></h5>
            <div class="excerpt">\(prose(40 + index, sentences: 2))</div><a class="more" href="/story-\(index)">Read More</a></article></li>
            """
        }
        let html = """
            <html><body><div id="page"><div id="primary"><main><article class="full-view"><div class="article-body">
            <p>\(prose(20))</p><p>\(prose(21))</p><p>\(prose(22))</p></div></article></main></div>
            <div class="more-stories-box"><h2>More in this section</h2><ul>\((1...6).map(teaser).joined())</ul></div></div></body></html>
            """
        let article = try clean(html: html)
        #expect(paragraphs(article) == [prose(20), prose(21), prose(22)])
    }

    @Test func theStandfirstBesideTheBodyIsTakenAlong() throws {
        let lead = "The two sides agreed on a ceasefire after three days of talks, the ministry said."
        let html = """
            <html><body><article><header class="entry-header"><a class="kicker" href="/k">Politics</a><h1>Ceasefire agreed</h1>
            <div class="entry-excerpt"><p>\(lead)</p></div><div class="byline">By A. Writer</div></header>
            <div class="entry-content"><p>\(prose(23))</p><p>\(prose(24))</p></div></article></body></html>
            """
        let article = try clean(html: html)
        #expect(paragraphs(article) == [lead, prose(23), prose(24)])
        #expect(!article.body.contains("A. Writer"))
    }

    @Test func aStandfirstMustReadLikeASentence() throws {
        let html = """
            <html><body><article><header><h1>Ceasefire agreed</h1>
            <p>Published Wed, Nov 20 2019 4:29 AM EST Updated an hour ago</p></header>
            <div class="entry-content"><p>\(prose(25))</p><p>\(prose(26))</p></div></article></body></html>
            """
        let article = try clean(html: html)
        #expect(paragraphs(article) == [prose(25), prose(26)])
    }

    // MARK: Pruning inside the article

    @Test func aBoxOfTeaserCardsAndItsHeadingAreDropped() throws {
        let card = { (index: Int) in
            """
            <div class="card"><h3 class="card-title">Other report \(index)</h3><p>\(prose(50 + index, sentences: 1))</p>
            <a href="/r\(index)">Mehr lesen…</a></div>
            """
        }
        let html = """
            <html><body><main><div class="section"><p>\(prose(27))</p><p>\(prose(28))</p><p>\(prose(29))</p>
            <div class="more"><h2>Mehr zum Thema</h2><div class="grid">\((1...3).map(card).joined())</div></div>
            </div></main></body></html>
            """
        let article = try clean(html: html)
        #expect(paragraphs(article) == [prose(27), prose(28), prose(29)])
    }

    @Test func aShortParagraphThatIsMostlyALinkIsDropped() throws {
        let html = """
            <html><body><article><p>\(prose(30))</p><p><strong>Auch lesen:</strong> <a href="/x">Die Lage an der Grenze spitzt sich zu</a></p>
            <p>\(prose(31))</p><p>Read the <a href="/r">report</a> in full, which the ministry published on Tuesday morning.</p></article></body></html>
            """
        let article = try clean(html: html)
        #expect(paragraphs(article) == [
            prose(30), prose(31), "Read the report in full, which the ministry published on Tuesday morning.",
        ])
    }

    @Test func proseIsKeptWhateverItsNameOrPicturesSay() throws {
        // A lead named `teaser`, a forum post with smileys: prose, whatever the class or the images.
        let html = """
            <html><body><div class="story"><div class="news-teaser"><p>\(prose(32))</p></div>
            <div class="postbody"><p>\(prose(33)) <img src="a.gif"> <img src="b.gif"> <img src="c.gif"></p></div>
            <p>\(prose(34))</p></div></body></html>
            """
        let article = try clean(html: html)
        #expect(article.body.contains(prose(32)))
        #expect(article.body.contains(prose(33)))
    }

    @Test func aCaptionOutsideATableIsAParagraphAndALongFigureIsKept() throws {
        let html = """
            <html><body><article><p>\(prose(35))</p><caption>\(prose(36))</caption>
            <table><caption>Table 1: casualties</caption><tr><td>1</td></tr></table>
            <figure><img src="x.jpg"><figcaption>Photo: Agency</figcaption></figure>
            <figure><blockquote>\(prose(37, sentences: 6))</blockquote></figure></article></body></html>
            """
        let article = try clean(html: html)
        #expect(article.body.contains(prose(36)))
        #expect(article.body.contains(prose(37, sentences: 6)))
        #expect(!article.body.contains("Table 1"))
        #expect(!article.body.contains("Photo: Agency"))
    }

    @Test func rubyAnnotationsAreNotText() throws {
        let sentence = "<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>を勉強しています。"
        let html = "<html><body><article><p>\(String(repeating: sentence, count: 12))</p><p>\(prose(38))</p></article></body></html>"
        let article = try clean(html: html)
        #expect(article.body.hasPrefix("漢字を勉強しています。漢字を"))
        #expect(!article.body.contains("かん"))
    }

    @Test func textWrittenWithoutSpacesCountsItsWords() throws {
        // Forty characters of Chinese are about twenty words: an article, not "6 words".
        let chinese = "一个约定，信守十五年，感人至深；一段真情，延续十五年，感动无数人。河北农大果树班毕业生群体的事迹在全省各地引起强烈反响。"
        let article = try clean(html: "<html><body><div><p>\(chinese)</p></div></body></html>")
        #expect(article.body == chinese)
        #expect(CleanStage.wordCount(chinese) > 20)
    }
}
