import Foundation
import SlantCore
import SlantMeasure
import Testing

@testable import SlantReport

/// Headline figures stand beside the outlet's own voice in every report file, with their evidence,
/// and a hostile headline shows as text everywhere.
@Suite struct HeadlineReportTests {
    static let hostileHeadline = "<script>alert('headline')</script> Shelling | near =Artsakh"

    /// A fixture article whose headline uses Artsakh once (a hostile headline for `hostile`), with a loaded hit.
    static func article(_ id: String, outlet: String, date: String, hostile: Bool = false) -> ArticleMeasures {
        var article = ReportFixture.article(id, outlet: outlet, date: date, artsakh: 1, karabakh: 1)
        let headline = hostile ? hostileHeadline : "Shelling near Artsakh villages"
        func offset(_ word: String) -> Int {
            headline.range(of: word).map { headline.unicodeScalars.distance(from: headline.startIndex, to: $0.lowerBound) } ?? 0
        }
        let start = offset("Artsakh")
        let shelling = offset("Shelling")
        article.title = headline
        article.voiceTokens[.headline] = hostile ? 7 : 4
        article.termCounts.append(TermCount(lexicon: "terms", family: "region-name", term: "Artsakh", stance: "armenian", voice: .headline, count: 1))
        article.loadedCounts.append(LoadedCount(lexicon: "words", category: "violence", voice: .headline, hits: 1, weight: 1))
        article.evidence.append(
            Evidence(
                kind: .term, group: "region-name", item: "Artsakh", stance: "armenian", weight: nil, text: "Artsakh", voice: .headline,
                speaker: nil, negated: false, comment: nil, sentence: 0, start: start, end: start + 7, sentenceText: headline,
                matchStart: start, matchEnd: start + 7, lexicon: "terms", headlinePart: .headline))
        article.evidence.append(
            Evidence(
                kind: .loaded, group: "violence", item: "shelling", stance: nil, weight: 1, text: "Shelling", voice: .headline,
                speaker: nil, negated: false, comment: nil, sentence: 0, start: shelling, end: shelling + 8, sentenceText: headline,
                matchStart: shelling, matchEnd: shelling + 8, lexicon: "words", headlinePart: .headline))
        return article
    }

    static func corpus() -> [ArticleMeasures] {
        [
            article("a1", outlet: "Alpha", date: "2023-01-10", hostile: true),
            article("a2", outlet: "Alpha", date: "2023-01-20"),
            article("a3", outlet: "Alpha", date: "2023-02-05"),
            ReportFixture.article("b1", outlet: "Beta", date: "2023-01-12", artsakh: 0, karabakh: 3),
            ReportFixture.article("b2", outlet: "Beta", date: "2023-01-22", artsakh: 1, karabakh: 2),
            ReportFixture.article("b3", outlet: "Beta", date: "2023-02-08", artsakh: 0, karabakh: 2),
        ]
    }

    @Test func theHTMLShowsHeadlinesBesideTheOwnVoiceWithEvidence() throws {
        let input = try ReportFixture.input(Self.corpus())
        let html = try #require(try ReportFixture.files(input)["index.html"])
        let page = PageStructure.parse(html)
        #expect(page.error == nil, "\(String(describing: page.error))")
        for link in page.fragmentLinks { #expect(page.ids.contains(link), "#\(link) has no element") }
        #expect(!page.elements.contains("script"))

        // The stance index and the rate tables: a headlines column right after the own voice.
        let columns = "<th class=\"num\">own voice</th><th class=\"num\">headlines</th><th class=\"num\">quoted</th><th class=\"num\">reported</th><th class=\"num\">reader comments</th>"
        #expect(html.components(separatedBy: columns).count - 1 == 2)
        // Alpha's headline stance index (−1: Artsakh only) and rate (1 hit in 15 tokens), with intervals, as links.
        let index = try #require(input.tables.statistics.first { $0.id == "stance-index/terms/alpha/headline" })
        #expect(index.value == -1)
        #expect(index.articles == 3)
        #expect(index.interval == Interval(lower: -1, upper: -1))
        let rate = try #require(input.tables.statistics.first { $0.id == "loaded-rate/words/alpha/headline" })
        #expect(rate.value == 3.0 / 15.0 * 1000)
        #expect(html.contains("href=\"#ev-stance-index/terms/alpha/headline\""))
        #expect(html.contains("href=\"#ev-loaded-rate/words/alpha/headline\""))
        // Dot plots mark headlines.
        #expect(html.contains("fill=\"#1f5fa8\" stroke=\"#fff\""))
        // The terminology table has a headline row for Alpha only, and a thin bar for it.
        #expect(html.contains("<td class=\"voice\">headline</td>"))
        #expect(html.contains("<span class=\"voice\">headline</span>"))
        #expect(page.ids.contains("ev-term-share/terms/alpha/headline/region-name/artsakh"))
        // The evidence panel quotes the headline, as text, and says where the words are.
        #expect(html.contains("<span class=\"left\">&lt;script&gt;alert(&#39;headline&#39;)&lt;/script&gt; Shelling | near =</span><mark>Artsakh</mark>"))
        #expect(html.contains("<span class=\"voice\">headline</span> · Artsakh (armenian)"))
        #expect(!html.contains("<script>alert"))
        // Overview: headline tokens per outlet.
        #expect(html.contains("<th class=\"num\">headline tokens</th>"))
    }

    @Test func theMarkdownAndTheDataTablesCarryTheHeadlineFigures() throws {
        let input = try ReportFixture.input(Self.corpus())
        let files = try ReportFixture.files(input)
        let markdown = try #require(files["report.md"])
        #expect(markdown.contains("| outlet | own voice | headlines | quoted | reported | reader comments |"))
        // Stance index: own voice, headlines, quoted, reported, comments (3 term occurrences each: †).
        #expect(markdown.contains("| Alpha | −1.00 [−1.00, −1.00] † | −1.00 [−1.00, −1.00] † | 0.00 [0.00, 0.00] † | — | — |"))
        // Loaded language: 3 hits in 15 headline tokens; the interval from resampling the articles (7, 4, 4 tokens).
        #expect(markdown.contains("| Alpha | 1.0 [1.0, 1.0] | 200.0 [142.9, 250.0] | 0.0 [0.0, 0.0] | — | — |"))
        #expect(markdown.contains("| Alpha | own voice | 100% [100%, 100%] † (3) | 0 | 3 |\n|  | headline | 100% [100%, 100%] † (3) | 0 | 3 |"))
        #expect(!markdown.contains("<script>"))

        let statistics = try #require(files["statistics.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(statistics.utf8)) as? [String: Any])
        let ids = (json["statistics"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        for id in [
            "term-share/terms/alpha/headline/region-name/artsakh", "stance-share/terms/alpha/headline/armenian",
            "stance-index/terms/alpha/headline", "loaded-rate/words/alpha/headline", "category-rate/words/alpha/headline/violence",
        ] {
            #expect(ids.contains(id), "\(id)")
        }
        #expect(!ids.contains { $0.contains("/beta/headline") })
        #expect(files["data/statistics.csv"]?.contains("\r\nstance-index/terms/alpha/headline,stance-index/alpha/headline,stance-index,terms,terminology,Alpha,,headline,") == true)

        let articles = try #require(files["data/articles.csv"])
        #expect(articles.hasPrefix("id,outlet,published,title,url,source,language,tokens,authorial_tokens,quoted_tokens,attributed_tokens,sentences,paragraphs,comments,comment_tokens,warnings,headline_tokens,"))
        #expect(articles.contains(",1100,1000,100,0,12,4,0,0,,7,"))
        #expect(files["data/outlets.csv"]?.contains("Alpha,3,3300,3000,300,0,36,0,0,2023-01-10,2023-02-05,15\r\n") == true)
        let articlesJSON = try #require(files["data/articles.json"])
        #expect(articlesJSON.contains("\"headline\": 7") || articlesJSON.contains("\"headline\":7"))

        // evidence.csv: the headline's occurrences say so, their text neutralised and quoted as text.
        let evidence = EvidenceTable.header + Self.corpus().flatMap { article in
            article.evidence.enumerated().map { EvidenceTable.row(article, index: $0.offset, $0.element) }
        }.joined()
        #expect(evidence.hasPrefix("article,index,outlet,published,url,kind,lexicon,family_or_category,term_or_entry,stance,text,voice,distanced,speaker,negated,comment,sentence,start,end,sentence_text,in\r\n"))
        #expect(evidence.contains("a1,3,Alpha,2023-01-10,,term,terms,region-name,Artsakh,armenian,Artsakh,headline,false,,false,,0,52,59,<script>alert('headline')</script> Shelling | near =Artsakh,headline\r\n"))
        #expect(evidence.contains("a1,4,Alpha,2023-01-10,,loaded,words,violence,shelling,,Shelling,headline,false,,false,,0,35,43,"))
        #expect(evidence.contains(",Artsakh,authorial,false,,false,,0,15,22,Forces shelled Artsakh positions overnight.,\r\n"))
    }
}
