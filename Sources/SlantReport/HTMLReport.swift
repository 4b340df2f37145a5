import Foundation
import SlantCore
import SlantMeasure

/// `reports/index.html`: one self-contained page (inline CSS and SVG, no scripts, no
/// external requests, a Content-Security-Policy that forbids them). Every piece of
/// extracted text is escaped, and the markup is well-formed XML as well as HTML.
///
/// Every figure with occurrences behind it links to an evidence panel (`#ev-<statistic id>`)
/// at the end of the page that lists its sentences; the panels show only when targeted
/// (CSS `:target`), so the page needs no script to open them.
struct HTMLReport {
    let input: ReportStage.Input
    let settings: ReportSettings

    /// Articles listed on the page; `data/articles.csv` has all of them.
    static let articleRows = 200

    func render() -> String {
        var page = Page(input: input, settings: settings)
        return page.render()
    }
}

/// The page being written: the statistics it has linked to, for the evidence panels.
private struct Page {
    let input: ReportStage.Input
    /// Evidence sentences shown per figure (`report.evidence_rows`); `data/evidence.csv` has all of them.
    let evidenceRows: Int
    let index: ReportIndex
    /// The articles evidence panels quote, by id (only those: a corpus can hold many thousands).
    let articlesByID: [String: ArticleMeasures]
    /// Statistics linked from a figure, in the order of first link, with the section they were linked from.
    private var linked: [(statistic: Statistic, section: String)] = []
    private var linkedIDs: Set<String> = []

    init(input: ReportStage.Input, settings: ReportSettings) {
        self.input = input
        evidenceRows = settings.evidenceRows
        index = ReportIndex(input.tables)
        let quoted = Set(input.evidence.keys.map(\.article))
        articlesByID = Dictionary(
            input.tables.articles.lazy.filter { quoted.contains($0.id) }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private var tables: CorpusTables { input.tables }
    private var policy: StatisticsPolicy { input.tables.policy }

    mutating func render() -> String {
        var sections: [(id: String, title: String, body: String)] = [
            ("overview", "Corpus overview", overview()),
            ("origins", "Origin of the text", origins()),
            ("terminology", "Terminology choices", terminology()),
            ("stance", "Stance index", stance()),
            ("loaded", "Loaded language", rates(.loadedLanguage)),
            ("epistemic", "Epistemic framing", rates(.epistemicFraming)),
            ("labels", "Labels", rates(.labels)),
            ("contrasts", "Differences between outlets", contrasts()),
            ("vocabulary", "Distinctive vocabulary", vocabulary()),
            ("time", "Over time", timeSeries()),
            ("evidence", "Evidence", evidence()),
            ("methods", "Methods and reproducibility", methods()),
            ("cite", "How to cite", cite()),
        ]
        if !tables.facts.models.isEmpty, let position = sections.firstIndex(where: { $0.id == "labels" }) {
            sections.insert(("models", "Sentence models", models()), at: position + 1)
        }
        var lead = index.corpusSummary
        if !tables.excluded.isEmpty { lead += " · \(tables.excluded.count) document\(tables.excluded.count == 1 ? "" : "s") excluded" }
        var html = """
            <!DOCTYPE html>
            <html lang="en" xmlns="http://www.w3.org/1999/xhtml">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"/>
            <meta name="referrer" content="no-referrer"/>
            <meta name="generator" content="Slant \(Escaping.html(input.provenance.slantVersion))"/>
            <title>Slant report: \(Escaping.html(lead))</title>
            <style>\(HTMLStyle.sheet)</style>
            </head>
            <body>
            <header class="top"><h1>Slant report</h1>
            <p class="lead">\(Escaping.html(lead)). Generated \(Escaping.html(input.provenance.generatedAt)) by Slant \(Escaping.html(input.provenance.slantVersion)).</p>
            <nav>
            """
        for section in sections where section.id != "evidence" {
            html += "<a href=\"#\(section.id)\">\(Escaping.html(section.title))</a> "
        }
        html += "</nav>\n</header>\n<main>\n"
        for section in sections {
            html += "<section id=\"\(section.id)\">\n<h2>\(Escaping.html(section.title))</h2>\n\(section.body)</section>\n"
        }
        html += "</main>\n<footer><p>Slant \(Escaping.html(input.provenance.slantVersion)) · corpus <code>\(input.tables.corpusDigest.prefix())</code> · every number links to its sentences; <code>statistics.json</code> and <code>data/</code> hold them all.</p></footer>\n</body>\n</html>\n"
        return html
    }

    // MARK: - Figures and links

    /// A figure, linked to its evidence when it has any; insufficient figures are marked.
    private mutating func figure(_ statistic: Statistic?, section: String, showInterval: Bool = true, count: Bool = false) -> String {
        guard let statistic, statistic.value != nil else { return "<span class=\"none\">—</span>" }
        var text = Escaping.html(Figures.value(statistic.value, unit: statistic.unit))
        if count { text += " <span class=\"n\">(\(Figures.count(statistic.occurrences)))</span>" }
        let title = Escaping.html(Citation.statement(statistic))
        let classes = statistic.sufficient ? "fig" : "fig weak"
        var html: String
        if statistic.evidenceTotal > 0 {
            html = link(statistic, section: section, text: text, classes: classes, title: title)
        } else {
            html = "<span class=\"\(classes)\" title=\"\(title)\">\(text)</span>"
        }
        if showInterval {
            if let interval = Figures.interval(statistic.interval, unit: statistic.unit) {
                html += "<span class=\"ci\">\(Escaping.html(interval))</span>"
            }
        }
        return html
    }

    /// A link to a statistic's evidence panel (registering the panel); `text` is already escaped.
    private mutating func link(_ statistic: Statistic, section: String, text: String, classes: String, title: String) -> String {
        if !linkedIDs.contains(statistic.id) {
            linkedIDs.insert(statistic.id)
            linked.append((statistic, section))
        }
        return "<a class=\"\(classes)\" href=\"#\(Self.anchor(statistic.id))\" title=\"\(title)\">\(text)</a>"
    }

    /// An outlet's name, linked to the evidence of its side of a contrast when there is any.
    private mutating func contrastSide(_ contrast: Statistic, _ outlet: String?) -> String {
        guard let outlet else { return "" }
        guard let side = index.contrastSide(contrast, outlet), side.evidenceTotal > 0 else { return Escaping.html(outlet) }
        return link(side, section: "contrasts", text: Escaping.html(outlet), classes: "fig", title: Escaping.html(Citation.statement(side)))
    }

    /// The header cells of the voice columns of the stance-index and rate tables.
    static let voiceHeaders = VoiceNames.columnHeaders.map { "<th class=\"num\">\($0)</th>" }.joined()

    static func anchor(_ id: String) -> String {
        "ev-" + Escaping.html(id)
    }

    // MARK: - Overview

    private mutating func overview() -> String {
        var html = caution()
        html += "<div class=\"scroll\"><table>\n<thead><tr><th>outlet</th><th class=\"num\">articles</th><th>dates</th><th class=\"num\">tokens</th><th class=\"num\">own voice</th><th class=\"num\">quoted</th><th class=\"num\">reported</th><th class=\"num\">headline tokens</th><th class=\"num\">reader comments</th></tr></thead>\n<tbody>\n"
        for outlet in tables.outlets {
            func share(_ voice: Voice) -> String { ReportIndex.voiceShare(outlet, voice) }
            html += "<tr><th scope=\"row\">\(Escaping.html(outlet.outlet))</th><td class=\"num\">\(outlet.articles)</td><td class=\"date\">\(Escaping.html(MarkdownReport.dateRange(outlet.firstDate, outlet.lastDate)))</td><td class=\"num\">\(Figures.count(Double(outlet.tokens)))</td><td class=\"num\">\(share(.authorial))</td><td class=\"num\">\(share(.quoted))</td><td class=\"num\">\(share(.attributed))</td><td class=\"num\">\(Figures.count(Double(outlet.voiceTokens[.headline] ?? 0)))</td><td class=\"num\">\(outlet.comments) <span class=\"n\">(\(Figures.count(Double(outlet.commentTokens))) tokens)</span></td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        html += "<p class=\"note\">Own voice, quoted and reported are the shares of each outlet's article tokens written by the outlet itself, inside quotation marks, and in reported speech (“X said that …”). Headlines (and standfirsts) are analysed as texts of their own, their words counted apart from the article's; reader comments likewise.</p>\n"
        html += measures()
        html += "<details><summary>Articles (\(tables.articles.count))</summary>\n<div class=\"scroll\"><table>\n<thead><tr><th>outlet</th><th>date</th><th>title</th><th class=\"num\">tokens</th><th class=\"num\">comments</th></tr></thead>\n<tbody>\n"
        for article in tables.articles.prefix(HTMLReport.articleRows) {
            html += "<tr><td>\(Escaping.html(article.outlet))</td><td>\(Escaping.html(article.published ?? "—"))</td><td>\(articleLink(article))<div class=\"source\">\(Escaping.html(article.source))</div></td><td class=\"num\">\(article.tokens)</td><td class=\"num\">\(article.comments)</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        if tables.articles.count > HTMLReport.articleRows {
            html += "<p class=\"note\">The first \(HTMLReport.articleRows) of \(tables.articles.count) articles; <code>data/articles.csv</code> lists them all.</p>\n"
        }
        html += "</details>\n"
        if !tables.excluded.isEmpty {
            html += "<details><summary>Excluded documents (\(tables.excluded.count))</summary>\n<div class=\"scroll\"><table>\n<thead><tr><th>source</th><th>stage</th><th>reason</th></tr></thead>\n<tbody>\n"
            for excluded in tables.excluded {
                html += "<tr><td>\(Escaping.html(excluded.source))</td><td>\(Escaping.html(excluded.stage))</td><td>\(Escaping.html(excluded.reason))</td></tr>\n"
            }
            html += "</tbody></table></div>\n</details>\n"
        }
        return html
    }

    /// What the corpus is too small to say.
    private func caution() -> String {
        let small = index.smallOutlets
        guard !small.isEmpty else {
            return "<p class=\"note\">Every outlet has at least \(policy.minimumArticles) articles: figures come with 95% confidence intervals from resampling articles.</p>\n"
        }
        let minimum = policy.minimumArticles
        if small.count == tables.outlets.count {
            return """
                <div class="caution"><strong>What this corpus cannot show.</strong> Every outlet has fewer than \(minimum) articles \
                (\(small.map { "\(Escaping.html($0.outlet)) \($0.articles)" }.joined(separator: ", "))). The figures below describe \
                these articles, not how the outlets write in general: no confidence interval can be computed, no difference \
                between outlets can be tested, and “distinctive vocabulary” shows what sets these articles apart. Figures \
                marked <span class="fig weak">thus</span> rest on too few articles or occurrences. Add articles (at least \
                \(minimum) per outlet, and many more for narrow intervals) and run <code>slant run</code> again.</div>

                """
        }
        return """
            <div class="caution"><strong>Small samples.</strong> \(small.map { "\(Escaping.html($0.outlet)) has \($0.articles) article\($0.articles == 1 ? "" : "s")" }.joined(separator: "; ")): \
            fewer than the \(minimum) an interval needs, so their figures describe those articles only, carry no interval, and \
            are left out of the tests between outlets. Figures marked <span class="fig weak">thus</span> rest on too few \
            articles or occurrences.</div>

            """
    }

    private func articleLink(_ article: ArticleMeasures) -> String {
        let title = Escaping.html(article.title ?? article.source)
        guard let url = Escaping.safeURL(article.url) else { return title }
        return "<a href=\"\(Escaping.html(url))\" rel=\"noopener noreferrer nofollow\">\(title)</a>"
    }

    /// The measures of the report: one per lexicon, what it measures and the articles it covers.
    private func measures() -> String {
        guard !tables.coverage.isEmpty else {
            return "<p class=\"caution\">No lexicon is configured: there is no terminology, stance index, loaded-language, epistemic-framing or label figure, only the corpus and its distinctive vocabulary.</p>\n"
        }
        var html = "<h3 id=\"measures\">Measures</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>lexicon</th><th>measure</th><th>languages</th><th>articles covered</th><th>notes</th></tr></thead>\n<tbody>\n"
        for coverage in tables.coverage {
            let languages = coverage.languages.isEmpty ? "all" : coverage.languages.joined(separator: ", ")
            html += "<tr><td><code>\(Escaping.html(coverage.lexicon))</code></td><td>\(Escaping.html(coverage.measure.title.lowercased()))</td><td>\(Escaping.html(languages))</td><td>\(Escaping.html(coverage.summary))</td><td>\(Escaping.html(coverage.notes.joined(separator: "; ")))</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        html += "<p class=\"note\">Each lexicon is its own measure: its figures count only its own matches, in the articles in its languages, over the tokens of those articles. Articles in other languages, and articles whose language could not be told, are in none of its numerators or denominators (a lexicon that declares no language covers every article). Loaded language, epistemic framing and labels are separate measures; no figure adds them up.</p>\n"
        return html
    }

    /// Why a measure kind has no figure: no lexicon of that kind, or none covering an article.
    private func absence(_ measure: MeasureKind) -> String? {
        let lexicons = index.lexicons(measure)
        guard !lexicons.isEmpty else {
            let what = measure == .terminology ? "terminology" : measure.rawValue
            return "No \(what) lexicon is configured, so there is no \(measure == .terminology ? "term share or stance index" : measure.rateName) in this report."
        }
        return nil
    }

    // MARK: - Terminology

    private mutating func terminology() -> String {
        if let absent = absence(.terminology) { return "<p>\(Escaping.html(absent))</p>\n" }
        var html = "<p class=\"note\">For each question a terminology lexicon asks, which term each outlet chose. Bars show the shares in the outlet's own voice (the wide bar) and, thinner, in its headlines (what the outlet calls it in its headlines), in quotations and in reported speech: what the outlet says itself against what it lets others say; the table adds distanced uses and reader comments. Click a share to read the sentences. Counts in brackets.</p>\n"
        let lexicons = index.lexicons(.terminology)
        for lexicon in lexicons {
            let families = index.families[lexicon.id] ?? []
            if lexicons.count > 1 { html += "<h3>\(Escaping.html(lexicon.id))</h3>\n" }
            guard !families.isEmpty else {
                html += "<p>No term of <code>\(Escaping.html(lexicon.id))</code> occurs in the articles it covers (\(Escaping.html(tables.coverage(of: lexicon.id)?.summary ?? ""))).</p>\n"
                continue
            }
            html += "<p class=\"families\">"
            html += families.map { "<a href=\"#\(Escaping.html(familyAnchor($0)))\">\(Escaping.html($0.id))</a>" }.joined(separator: " · ")
            html += "</p>\n"
            for family in families { html += self.family(family, lexicon: lexicon) }
        }
        return html
    }

    private func familyAnchor(_ family: ReportIndex.Family) -> String {
        "family-" + Slug.make(family.lexicon) + "-" + Slug.make(family.id)
    }

    private mutating func family(_ family: ReportIndex.Family, lexicon: LexiconFacts.Lexicon) -> String {
        let anchor = familyAnchor(family)
        var rank: [String: Int] = [:]
        var colors: [String: String] = [:]
        for entry in family.terms {
            let position = rank[entry.stance, default: 0]
            colors[entry.term] = HTMLCharts.termColor(stance: entry.stance, rank: position, lexicon: lexicon)
            rank[entry.stance] = position + 1
        }
        var html = "<article class=\"family\" id=\"\(Escaping.html(anchor))\">\n<h3>\(Escaping.html(family.question ?? family.id)) <span class=\"id\">\(Escaping.html(family.id))</span></h3>\n"
        html += "<ul class=\"legend\">"
        for entry in family.terms {
            html += "<li><span class=\"swatch\" style=\"background:\(colors[entry.term] ?? "#999")\"></span>\(Escaping.html(entry.term)) <span class=\"stance\">\(Escaping.html(entry.stance))</span></li>"
        }
        html += "</ul>\n"
        let index = self.index
        // Each outlet's voices in which the family occurs (the own voice always, when any voice has it).
        var present: [(outlet: String, rows: [(voice: VoiceKey, total: Double)])] = []
        var absent: [String] = []
        for outlet in index.outlets {
            let rows = VoiceNames.termRows.map { voice in
                (voice: voice, total: index.familyTotal(outlet, voice, family))
            }
            let kept = rows.filter { $0.total > 0 || $0.voice == .authorial }
            if kept.allSatisfy({ $0.total == 0 }) { absent.append(outlet) } else { present.append((outlet, kept)) }
        }
        if family.authorialTotal == 0 {
            html += "<p class=\"note\">No outlet uses these terms in its own voice; they occur only in what others are quoted or reported as saying, or in reader comments.</p>\n"
        }
        html += "<div class=\"bars\">\n"
        for (outlet, rows) in present {
            for row in rows where !row.voice.distanced && row.voice != .comment {
                let label = row.voice == .authorial
                    ? "<span class=\"outlet\">\(Escaping.html(outlet))</span>"
                    : "<span class=\"voice\">\(VoiceNames.short(row.voice))</span>"
                let bar: String
                if row.total == 0 {
                    bar = "<span class=\"empty\">none in the outlet's own voice</span>"
                } else {
                    let segments = family.terms.map { entry in
                        let statistic = index.termShare(family.lexicon, outlet, row.voice, family.id, entry.term)
                        return (share: statistic?.value ?? 0, color: colors[entry.term] ?? "#999",
                                title: "\(entry.term): \(Figures.value(statistic?.value, unit: "share")) (\(Figures.count(statistic?.occurrences ?? 0)) of \(Figures.count(row.total)))")
                    }
                    bar = HTMLCharts.stackedBar(segments, height: row.voice == .authorial ? 18 : 9)
                }
                html += "<div class=\"barrow \(row.voice == .authorial ? "main" : "sub")\"><div class=\"barlabel\">\(label) <span class=\"n\">n=\(Figures.count(row.total))</span></div><div class=\"bar\">\(bar)</div></div>\n"
            }
        }
        html += "</div>\n"
        if !absent.isEmpty {
            html += "<p class=\"note\">No term of this family, in any voice: \(absent.map(Escaping.html).joined(separator: ", ")).</p>\n"
        }
        guard !present.isEmpty else { return html + "</article>\n" }
        html += "<div class=\"scroll\"><table class=\"terms\">\n<thead><tr><th>outlet</th><th>voice</th>"
        for entry in family.terms {
            html += "<th class=\"num\"><span class=\"swatch\" style=\"background:\(colors[entry.term] ?? "#999")\"></span>\(Escaping.html(entry.term))</th>"
        }
        html += "<th class=\"num\">n</th></tr></thead>\n<tbody>\n"
        for (outlet, rows) in present {
            for (position, row) in rows.enumerated() {
                html += "<tr class=\"\(position == 0 ? "first" : "more")\">"
                html += position == 0 ? "<th scope=\"row\" rowspan=\"\(rows.count)\">\(Escaping.html(outlet))</th>" : ""
                html += "<td class=\"voice\">\(VoiceNames.short(row.voice))</td>"
                for entry in family.terms {
                    let statistic = index.termShare(family.lexicon, outlet, row.voice, family.id, entry.term)
                    if let statistic, statistic.occurrences > 0 {
                        html += "<td class=\"num\">\(figure(statistic, section: anchor, showInterval: row.voice == .authorial || row.voice == .headline, count: true))</td>"
                    } else {
                        html += "<td class=\"num zero\">\(row.total > 0 ? "0" : "—")</td>"
                    }
                }
                html += "<td class=\"num\">\(Figures.count(row.total))</td></tr>\n"
            }
        }
        html += "</tbody></table></div>\n</article>\n"
        return html
    }

    // MARK: - Stance index

    private mutating func stance() -> String {
        if let absent = absence(.terminology) { return "<p>\(Escaping.html(absent))</p>\n" }
        var html = "<p class=\"note\">Per terminology lexicon that declares its two opposed stances (<code>stance_index:</code>): the share of the positive stance's terms minus the share of the negative stance's terms among all the lexicon's terms an outlet used (each matched span once): −1 when every term it chose is on the negative side, +1 when every one is on the positive side, 0 when balanced or neutral. The dark dot is the outlet's own voice, with its 95% interval; the blue dot its headlines; the hollow dot is quotations; the grey dot reported speech.</p>\n"
        for lexicon in index.lexicons(.terminology) {
            let heading = "<h3 id=\"stance-\(Escaping.html(Slug.make(lexicon.id)))\">\(Escaping.html(lexicon.id))</h3>\n"
            guard let sides = lexicon.stanceIndex else {
                html += heading + "<p>\(Escaping.html(lexicon.id)) declares no <code>stance_index:</code>, so no stance index is computed for it (its term and stance shares are in the tables above and in <code>data/statistics.csv</code>).</p>\n"
                continue
            }
            let rows = index.outlets.filter { outlet in VoiceNames.columns.contains { index.stanceIndex(lexicon.id, outlet, $0)?.value != nil } }
            html += heading
            guard !rows.isEmpty else {
                html += "<p>No term of this lexicon occurs in the articles it covers.</p>\n"
                continue
            }
            html += "<p class=\"note\">−1: all \(Escaping.html(sides.negative)); +1: all \(Escaping.html(sides.positive)).</p>\n<div class=\"plot\">\n"
            for outlet in rows {
                var marks: [HTMLCharts.Mark] = []
                for (voice, style) in [(VoiceKey.attributed, HTMLCharts.Mark.Style.secondary), (.quoted, .hollow), (.headline, .headline), (.authorial, .primary)] {
                    guard let statistic = index.stanceIndex(lexicon.id, outlet, voice), let value = statistic.value else { continue }
                    marks.append(HTMLCharts.Mark(value: value, interval: voice == .authorial ? statistic.interval : nil, style: style, title: "\(outlet), \(VoiceNames.short(voice)): \(Figures.value(value, unit: "index"))"))
                }
                html += "<div class=\"plotrow\"><div class=\"plotlabel\">\(Escaping.html(outlet))</div><div class=\"plotarea\">\(HTMLCharts.dotRow(marks, domain: -1...1, reference: 0))</div></div>\n"
            }
            html += "<div class=\"plotrow\"><div class=\"plotlabel\"></div><div class=\"plotarea\">\(HTMLCharts.axis([(-1, "−1 all \(sides.negative)"), (0, "0"), (1, "+1 all \(sides.positive)")], domain: -1...1))</div></div>\n</div>\n"
            html += "<div class=\"scroll\"><table>\n<thead><tr><th>outlet</th>\(Self.voiceHeaders)<th class=\"num\">terms (own voice)</th></tr></thead>\n<tbody>\n"
            for outlet in rows {
                html += "<tr><th scope=\"row\">\(Escaping.html(outlet))</th>"
                for voice in VoiceNames.columns {
                    html += "<td class=\"num\">\(figure(index.stanceIndex(lexicon.id, outlet, voice), section: "stance"))</td>"
                }
                html += "<td class=\"num\">\(Figures.count(index.stanceIndex(lexicon.id, outlet, .authorial)?.total ?? 0))</td></tr>\n"
            }
            html += "</tbody></table></div>\n"
        }
        return html
    }

    // MARK: - Loaded language, epistemic framing, labels

    /// One section per loaded kind: each lexicon of the kind with its rates, and its categories.
    private mutating func rates(_ measure: MeasureKind) -> String {
        let section = measure == .loadedLanguage ? "loaded" : measure == .epistemicFraming ? "epistemic" : "labels"
        var html = "<p class=\"note\">\(Escaping.html(measure.meaning)) Weighted hits per 1,000 tokens of each voice; a separate measure, never added to the others.</p>\n"
        if let absent = absence(measure) { return html + "<p>\(Escaping.html(absent))</p>\n" }
        let lexicons = index.lexicons(measure)
        for lexicon in lexicons {
            let anchor = "\(section)-\(Slug.make(lexicon.id))"
            html += "<h3 id=\"\(Escaping.html(anchor))\">\(Escaping.html(lexicon.id))</h3>\n"
            let rows = index.outlets.filter { outlet in VoiceNames.columns.contains { index.rate(lexicon, outlet, $0) != nil } }
            guard !rows.isEmpty else {
                html += "<p>No figure: \(Escaping.html(tables.coverage(of: lexicon.id)?.notes.first ?? "no article it covers has tokens")).</p>\n"
                continue
            }
            html += "<p class=\"note\">Covers \(Escaping.html(tables.coverage(of: lexicon.id)?.summary ?? "")). The dark dot is the outlet's own voice with its 95% interval; the blue dot its headlines; the hollow dot is quotations; the grey dot reader comments.</p>\n"
            var maximum = 0.0
            for outlet in rows {
                for voice in [VoiceKey.authorial, .headline, .quoted, .comment] {
                    guard let statistic = index.rate(lexicon, outlet, voice) else { continue }
                    maximum = max(maximum, statistic.value ?? 0, voice == .authorial ? statistic.interval?.upper ?? 0 : 0)
                }
            }
            let ticks = HTMLCharts.ticks(upTo: maximum)
            let domain = 0...max(ticks.last ?? 1, maximum, 0.001)
            html += "<div class=\"plot\">\n"
            for outlet in rows {
                var marks: [HTMLCharts.Mark] = []
                for (voice, style) in [(VoiceKey.comment, HTMLCharts.Mark.Style.secondary), (.quoted, .hollow), (.headline, .headline), (.authorial, .primary)] {
                    guard let statistic = index.rate(lexicon, outlet, voice), let value = statistic.value else { continue }
                    marks.append(HTMLCharts.Mark(value: value, interval: voice == .authorial ? statistic.interval : nil, style: style, title: "\(outlet), \(VoiceNames.short(voice)): \(Figures.value(value, unit: statistic.unit)) per 1,000 tokens"))
                }
                html += "<div class=\"plotrow\"><div class=\"plotlabel\">\(Escaping.html(outlet))</div><div class=\"plotarea\">\(HTMLCharts.dotRow(marks, domain: domain, reference: nil))</div></div>\n"
            }
            html += "<div class=\"plotrow\"><div class=\"plotlabel\"></div><div class=\"plotarea\">\(HTMLCharts.axis(ticks.map { ($0, Figures.value($0, unit: "rate")) }, domain: domain))</div></div>\n</div>\n"
            html += "<div class=\"scroll\"><table>\n<thead><tr><th>outlet</th>\(Self.voiceHeaders)<th class=\"num\">hits (own voice)</th></tr></thead>\n<tbody>\n"
            for outlet in rows {
                html += "<tr><th scope=\"row\">\(Escaping.html(outlet))</th>"
                for voice in VoiceNames.columns {
                    html += "<td class=\"num\">\(figure(index.rate(lexicon, outlet, voice), section: anchor))</td>"
                }
                let own = index.rate(lexicon, outlet, .authorial)
                html += "<td class=\"num\">\(Figures.count(own?.occurrences ?? 0)) <span class=\"n\">in \(Figures.count(own?.total ?? 0))</span></td></tr>\n"
            }
            html += "</tbody></table></div>\n"
            let categories = index.categories[lexicon.id] ?? []
            guard !categories.isEmpty else { continue }
            let categoriesAnchor = anchor + "-categories"
            html += "<h4 id=\"\(Escaping.html(categoriesAnchor))\">By category, in the outlet's own voice</h4>\n<div class=\"scroll\"><table>\n<thead><tr><th>category</th>"
            for outlet in rows { html += "<th class=\"num\">\(Escaping.html(outlet))</th>" }
            html += "</tr></thead>\n<tbody>\n"
            for category in categories {
                let label = lexicon.categoryLabels[category] ?? category
                html += "<tr><th scope=\"row\">\(Escaping.html(label))</th>"
                for outlet in rows {
                    html += "<td class=\"num\">\(figure(index.ownCategoryRate(lexicon, outlet, category), section: categoriesAnchor))</td>"
                }
                html += "</tr>\n"
            }
            html += "</tbody></table></div>\n"
        }
        html += "<p class=\"note\">The same by category in headlines, quotations, reported speech and comments: <code>data/statistics.csv</code> (kind <code>category-rate</code>). A word an entry lists in several categories (<code>also_in:</code>) counts in each of their rates and once in its lexicon's rate, so category rates may add up to more than it.</p>\n"
        return html
    }

    // MARK: - Sentence models

    private mutating func models() -> String {
        var html = "<p class=\"note\">\(Escaping.htmlWithCodeSpans(MarkdownReport.modelMeaning))</p>\n"
        for model in tables.facts.models {
            let anchor = "models-\(Slug.make(model.id))"
            html += "<h3 id=\"\(Escaping.html(anchor))\">\(Escaping.html(model.id))</h3>\n"
            html += "<p class=\"note\">\(Escaping.html(model.summary)). Covers \(Escaping.html(index.modelCoverage(model))).</p>\n"
            html += "<div class=\"scroll\"><table>\n<thead><tr><th>outlet</th>\(Self.voiceHeaders)<th class=\"num\">predicted loaded (own voice)</th></tr></thead>\n<tbody>\n"
            for outlet in index.outlets {
                html += "<tr><th scope=\"row\">\(Escaping.html(outlet))</th>"
                for voice in VoiceNames.columns {
                    html += "<td class=\"num\">\(figure(index.modelRate(model.id, outlet, voice), section: anchor))</td>"
                }
                let own = index.modelRate(model.id, outlet, .authorial)
                html += "<td class=\"num\">\(Figures.count(own?.occurrences ?? 0)) <span class=\"n\">of \(Figures.count(own?.total ?? 0)) sentences</span></td></tr>\n"
            }
            html += "</tbody></table></div>\n"
        }
        return html
    }

    // MARK: - Contrasts

    private mutating func contrasts() -> String {
        let contrasts = index.contrasts
        guard !contrasts.isEmpty else {
            return tables.outlets.count < 2
                ? "<p>There is only one outlet: nothing to compare.</p>\n"
                : "<p>No measure has figures for two outlets: nothing to compare.</p>\n"
        }
        let tested = contrasts.filter { $0.pValue != nil }
        var html = "<p class=\"note\">Each pair of outlets, in the outlets' own voice, for each lexicon's measure: the first outlet's figure minus the second's, its 95% bootstrap interval, a two-sided permutation p-value (the bootstrap p-value for pairs of more than \(Figures.count(Double(Statistics.permutationLimit))) articles), and q, the p-value adjusted across all the comparisons this report tests (Benjamini–Hochberg; \(tested.count) here). A difference is supported when q is small and the interval excludes 0. Each outlet's name links to the sentences behind its side.</p>\n"
        if tested.isEmpty {
            html += "<p class=\"caution\">No pair can be tested: each outlet needs at least \(policy.minimumArticles) articles with data. The differences below describe these articles only.</p>\n"
        }
        html += "<div class=\"scroll\"><table>\n<thead><tr><th>measure</th><th>lexicon</th><th>outlets</th><th class=\"num\">difference</th><th class=\"num\">p</th><th class=\"num\">q</th><th class=\"num\">articles</th></tr></thead>\n<tbody>\n"
        for contrast in contrasts {
            let p = Escaping.html(Figures.pValue(contrast.pValue) ?? "—")
            let q = Escaping.html(Figures.pValue(contrast.qValue) ?? "—")
            html += "<tr><td>\(Escaping.html(MarkdownReport.measureName(contrast)))</td><td><code>\(Escaping.html(contrast.lexicon ?? ""))</code></td><td>\(contrastSide(contrast, contrast.outlet)) − \(contrastSide(contrast, contrast.otherOutlet))</td><td class=\"num\">\(figure(contrast, section: "contrasts"))</td><td class=\"num\">\(p)</td><td class=\"num\">\(q)</td><td class=\"num\">\(contrast.articles)</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        return html
    }

    // MARK: - Distinctive vocabulary

    private func vocabulary() -> String {
        guard tables.outlets.count >= 2 else { return "<p>There is only one outlet: nothing to set it against.</p>\n" }
        var html = "<p class=\"note\">Words an outlet uses in its own voice markedly more than the rest of the corpus: Dunning's log-likelihood G² (3.84 is p &lt; 0.05 for one word, before any correction for the many words tested) and the log ratio (1 means twice as frequent, relative to each side's size). Counts are of the outlet's own voice. \(Escaping.html(MarkdownReport.stopListNote(tables)))</p>\n<div class=\"vocab\">\n"
        for outlet in index.outlets {
            let words = index.keyness(outlet)
            html += "<div class=\"vocabcol\"><h3>\(Escaping.html(outlet))</h3>"
            if words.isEmpty {
                html += "<p class=\"none\">No word stands out.</p></div>\n"
                continue
            }
            if let note = words.first?.note { html += "<p class=\"note\">\(Escaping.html(note)).</p>" }
            html += "<table class=\"compact\"><thead><tr><th>word</th><th class=\"num\">G²</th><th class=\"num\">log ratio</th><th class=\"num\">count</th></tr></thead><tbody>"
            for word in words {
                html += "<tr><td>\(Escaping.html(word.word ?? ""))</td><td class=\"num\" title=\"\(Escaping.html(Citation.statement(word)))\">\(Figures.value(word.value, unit: "G²"))</td><td class=\"num\">\(word.logRatio.map { String(format: "%.2f", $0) } ?? "—")</td><td class=\"num\">\(Figures.count(word.occurrences))</td></tr>"
            }
            html += "</tbody></table></div>\n"
        }
        return html + "</div>\n"
    }

    // MARK: - Time series

    private mutating func timeSeries() -> String {
        let series = index.series
        guard !series.isEmpty, index.months.count >= 2 else {
            return "<p>Not enough dates for a time series: an outlet needs dated articles in at least two calendar months.</p>\n"
        }
        let months = index.months
        let colors = Dictionary(index.outlets.enumerated().map { ($1, HTMLCharts.outletColors[$0 % HTMLCharts.outletColors.count]) }, uniquingKeysWith: { first, _ in first })
        var html = "<p class=\"note\">By calendar month of publication, in the outlets' own voice, one chart per measure. Filled points rest on at least \(policy.minimumArticles) articles; hollow ones on fewer. Each point is a link in the table below.</p>\n"
        let shown = index.outlets.filter { outlet in series.contains { $0.outlets.contains(outlet) } }
        html += "<ul class=\"legend\">" + shown.map { "<li><span class=\"swatch\" style=\"background:\(colors[$0] ?? "#000")\"></span>\(Escaping.html($0))</li>" }.joined() + "</ul>\n"
        for (lexicon, outlets) in series {
            let signed = lexicon.measure == .terminology
            let title = signed ? "Stance index (\(lexicon.id))" : "\(lexicon.measure.rateName.prefix(1).uppercased() + lexicon.measure.rateName.dropFirst()) per 1,000 tokens (\(lexicon.id))"
            let id = "time-" + Slug.make(lexicon.id)
            let lines = outlets.map { outlet in
                (outlet: outlet, color: colors[outlet] ?? "#000",
                 points: months.enumerated().compactMap { position, month in index.monthly(lexicon, outlet, month).map { (position, $0) } })
            }
            let values = lines.flatMap { $0.points.compactMap(\.1.value) }
            guard !values.isEmpty else { continue }
            let domain: ClosedRange<Double>
            let ticks: [Double]
            if signed {
                domain = -1...1
                ticks = [-1, -0.5, 0, 0.5, 1]
            } else {
                ticks = HTMLCharts.ticks(upTo: values.max() ?? 1)
                domain = 0...max(ticks.last ?? 1, values.max() ?? 1, 0.001)
            }
            html += "<h3 id=\"\(Escaping.html(id))\">\(Escaping.html(title))</h3>\n"
            html += HTMLCharts.lines(lines, months: months, domain: domain, ticks: ticks) { value in
                signed ? Figures.signed(value, decimals: 1) : Figures.value(value, unit: "rate")
            }
            html += "\n<details><summary>Table: \(Escaping.html(title)) by month</summary>\n<div class=\"scroll\"><table>\n<thead><tr><th>month</th>"
            for outlet in outlets { html += "<th class=\"num\">\(Escaping.html(outlet))</th>" }
            html += "</tr></thead>\n<tbody>\n"
            for month in months {
                html += "<tr><th scope=\"row\">\(Escaping.html(month))</th>"
                for outlet in outlets {
                    html += "<td class=\"num\">\(figure(index.monthly(lexicon, outlet, month), section: id))</td>"
                }
                html += "</tr>\n"
            }
            html += "</tbody></table></div>\n</details>\n"
        }
        return html
    }

    // MARK: - Evidence

    private func evidence() -> String {
        var html = "<p class=\"note\">Click any number in this report to see the sentences it counts, with their article, date, voice and speaker. Up to \(evidenceRows) sentences are shown per figure; <code>data/evidence.csv</code> lists every occurrence, and <code>slant kwic TERM --outlet NAME --voice VOICE</code> prints them from the store.</p>\n"
        for (statistic, section) in linked {
            html += evidencePanel(statistic, back: section)
        }
        return html
    }

    private func evidencePanel(_ statistic: Statistic, back: String) -> String {
        var html = "<div class=\"ev\" id=\"\(Self.anchor(statistic.id))\">\n<h3>\(Escaping.html(statistic.label))\(statistic.outlet.map { " · " + Escaping.html($0) } ?? "")\(statistic.otherOutlet.map { " vs " + Escaping.html($0) } ?? "")</h3>\n"
        html += "<p class=\"statement\">\(Escaping.html(Citation.statement(statistic))).</p>\n"
        let shown = statistic.evidence.prefix(evidenceRows)
        html += "<p class=\"note\">\(shown.count) of \(Figures.count(Double(statistic.evidenceTotal))) occurrence\(statistic.evidenceTotal == 1 ? "" : "s") · statistic <code>\(Escaping.html(statistic.id))</code> · <code>slant cite \(Escaping.html(statistic.id))</code></p>\n<ol class=\"kwic\">\n"
        for reference in shown {
            guard let item = input.evidence[reference] else {
                html += "<li class=\"missing\">Occurrence \(reference.index) of article <code>\(Escaping.html(reference.article))</code> (not loaded; see data/evidence.csv).</li>\n"
                continue
            }
            html += "<li>\(kwicLine(item))<div class=\"meta\">\(meta(item, article: articlesByID[reference.article]))</div></li>\n"
        }
        html += "</ol>\n<p><a href=\"#\(Escaping.html(back))\">↑ back to the figure</a></p>\n</div>\n"
        return html
    }

    /// The sentence around a match: left context, the match, right context (each side cut to about 110 characters).
    private func kwicLine(_ item: Evidence) -> String {
        let scalars = Array(item.sentenceText.unicodeScalars)
        let start = min(max(item.matchStart, 0), scalars.count)
        let end = min(max(item.matchEnd, start), scalars.count)
        let context = 110
        var left = String(String.UnicodeScalarView(scalars[max(0, start - context)..<start]))
        var right = String(String.UnicodeScalarView(scalars[end..<min(scalars.count, end + context)]))
        if start > context { left = "…" + left }
        if scalars.count - end > context { right += "…" }
        let match = String(String.UnicodeScalarView(scalars[start..<end]))
        let marked = match.isEmpty ? Escaping.html(item.text) : Escaping.html(match)
        return "<span class=\"left\">\(Escaping.html(left))</span><mark>\(marked)</mark><span class=\"right\">\(Escaping.html(right))</span>"
    }

    private func meta(_ item: Evidence, article: ArticleMeasures?) -> String {
        var parts: [String] = []
        if let article {
            parts.append(Escaping.html(article.outlet))
            parts.append(Escaping.html(article.published ?? "undated"))
            parts.append(articleLink(article))
        }
        var voice = VoiceNames.short(item.voice)
        if let speaker = item.speaker, !speaker.isEmpty { voice += ": " + speaker }
        if let comment = item.comment { voice += " (reader comment \(comment + 1))" }
        if item.headlinePart == .standfirst { voice += " (standfirst)" }
        parts.append("<span class=\"voice\">\(Escaping.html(voice))</span>")
        if item.negated { parts.append("<span class=\"neg\">negated</span>") }
        if item.kind == .term {
            parts.append(Escaping.html("\(item.item) (\(item.stance ?? "no stance"))"))
        } else {
            parts.append(Escaping.html("\(item.item) [\(([item.group] + item.alsoIn).joined(separator: ", "))]"))
        }
        return parts.joined(separator: " · ")
    }

    // MARK: - Origins

    private mutating func origins() -> String {
        var linkedFigures: [String] = []
        for (other, main) in OriginReport.pairs(input, index: index) {
            linkedFigures.append(figure(main, section: "origins"))
            linkedFigures.append(figure(other, section: "origins"))
        }
        var position = 0
        return OriginReport.html(input) { _ in
            defer { position += 1 }
            return position < linkedFigures.count ? linkedFigures[position] : "—"
        }
    }

    // MARK: - Methods

    private func methods() -> String {
        let provenance = input.provenance
        var html = "<h3>How the figures are made</h3>\n<ul>\n"
        html += "<li><strong>Voice.</strong> Every match is tagged with whose words it is: the outlet's own (<em>own voice</em>), inside quotation marks (<em>quoted</em>, with the speaker when named), reported speech (<em>reported</em>: “Baku says …”, “according to …”), mentioned but not adopted in the outlet's own sentence (<em>distanced</em>, kept apart: in scare quotes, a short quoted span, or after a distancing qualifier such as “so-called”, “self-proclaimed”, “formerly”, “what Armenians call”), the headline and standfirst (<em>headline</em>: analysed as texts of their own and counted apart from the body; a quotation, reported speech, scare quotes or a distancing qualifier in a headline make its words <em>headline, distanced</em>, never the outlet's own headline choice), or a reader comment. Terms inside a negation are counted and flagged.</li>\n"
        html += "<li><strong>Measures</strong>: each lexicon is its own measure, over the articles in its languages only (articles of unknown language are left out of a lexicon that declares languages); figures of different lexicons are never added, and a span two lexicons match counts once in each. Loaded language, epistemic framing and labels are three kinds of measure, each with its own rates, intervals, contrasts and evidence.</li>\n"
        html += "<li><strong>Term shares</strong>: occurrences of a term over occurrences of all terms of its family, in one voice, summed over an outlet's articles; n counts term occurrences, not wording choices: a family with <code>share_spans</code> (in the bundled lexicon, the names of the region and of places) also counts its names inside another family's term, so “Artsakh forces” counts both as the actor label and as the region name <em>Artsakh</em>. <strong>Stance index</strong>: per terminology lexicon that declares <code>stance_index:</code>, the share of its positive stance's terms minus its negative stance's, among all its terms (a span two of its families match counts once). <strong>Rates</strong>: a lexicon's weighted hits per 1,000 tokens of the voice.</li>\n"
        html += "<li><strong>IDs</strong>: <code>&lt;kind&gt;/&lt;lexicon&gt;/&lt;outlet&gt;/&lt;voice&gt;…</code>, e.g. <code>loaded-rate/loaded-language-en/asbarez/authorial</code>; the same ID without the lexicon (<code>loaded-rate/asbarez/authorial</code>, as earlier reports named it) is an alias when no other statistic of the report would have it, so <code>slant cite</code> accepts both. Names whose slugs collide (“Outlet C”, “Outlet-C”) get a suffix from a digest of the exact name.</li>\n"
        html += "<li><strong>Intervals</strong>: 95% percentile intervals of the Poisson bootstrap, \(Figures.count(Double(policy.resamples))) replicates over whole articles (articles, not words, are the independent units): in each replicate every article weighs a Poisson(1) draw seeded by its id, so every run gives the same interval and one new article changes the replicates by its own weights only. None is computed with fewer than \(policy.minimumArticles) articles; shares of fewer than \(policy.minimumOccurrences) occurrences are marked.</li>\n"
        html += "<li><strong>Differences</strong>: difference of the two outlets' ratios, interval from the two outlets' bootstrap replicates, two-sided permutation test over articles (for pairs of more than \(Figures.count(Double(Statistics.permutationLimit))) articles, the bootstrap p-value), Benjamini–Hochberg across all the report's comparisons.</li>\n"
        html += "<li><strong>Distinctive vocabulary</strong>: Dunning G² and log ratio against the rest of the corpus, words seen at least \(policy.minimumKeynessFrequency) times, G² ≥ \(String(format: "%.2f", policy.minimumKeynessG2)). \(Escaping.html(MarkdownReport.stopListNote(tables)))</li>\n"
        html += "<li><strong>Time series</strong>: the same measures per calendar month of publication, with intervals from the month's articles.</li>\n</ul>\n"
        html += ValidityReport.html(input)
        html += "<h3>Reproducibility</h3>\n<table class=\"compact\"><tbody>\n"
        html += "<tr><th scope=\"row\">Slant</th><td>\(Escaping.html(provenance.slantVersion))</td></tr>\n"
        html += "<tr><th scope=\"row\">Configuration</th><td><code>\(Escaping.html(provenance.configurationFile))</code> · <code>\(provenance.configurationDigest.hex)</code></td></tr>\n"
        html += "<tr><th scope=\"row\">Corpus</th><td>\(tables.articles.count) articles · <code>\(tables.corpusDigest.hex)</code></td></tr>\n"
        if provenance.lexicons.isEmpty { html += "<tr><th scope=\"row\">Lexicons</th><td>none configured</td></tr>\n" }
        for model in tables.facts.models {
            html += "<tr><th scope=\"row\">Sentence model</th><td>\(Escaping.html(model.id)) · <code>\(Escaping.html(model.path))</code> · <code>\(model.digest.hex)</code></td></tr>\n"
        }
        for lexicon in provenance.lexicons {
            html += "<tr><th scope=\"row\">Lexicon</th><td>\(Escaping.html(lexicon.id)) v\(lexicon.version) · <code>\(Escaping.html(lexicon.path))</code> · <code>\(lexicon.digest.hex)</code></td></tr>\n"
        }
        html += "<tr><th scope=\"row\">Statistics policy</th><td><code>\(policy.digest.prefix())</code> · \(Figures.count(Double(policy.resamples))) resamples · at least \(policy.minimumArticles) articles for an interval</td></tr>\n"
        html += "<tr><th scope=\"row\">Generated</th><td>\(Escaping.html(provenance.generatedAt))</td></tr>\n</tbody></table>\n"
        html += "<p class=\"note\">The same corpus, configuration and lexicons give the same figures and intervals on any machine. Data for R, pandas or a spreadsheet: <code>statistics.json</code>, <code>data/statistics.csv</code>, <code>data/articles.csv</code>, <code>data/term_counts.csv</code>, <code>data/loaded_counts.csv</code>, <code>data/evidence.csv</code>, <code>data/outlets.csv</code>, <code>data/excluded.csv</code>.</p>\n"
        return html
    }

    // MARK: - Citing

    private func cite() -> String {
        var html = "<p>Every figure has a stable ID (hover a number to see its full statement; the evidence panel names the ID). <code>slant cite ID</code> prints a ready citation with the articles, dates, value, interval, n, and the digests that reproduce it; <code>--format markdown</code> and <code>--format bibtex</code> give the same for a document or a bibliography.</p>\n"
        guard let example = index.exampleStatistic else { return html }
        let context = input.citationContext
        html += "<p>For example, <code>slant cite \(Escaping.html(example.id))</code>\(example.aliases.first.map { " (or its alias <code>\(Escaping.html($0))</code>)" } ?? ""):</p>\n"
        html += "<blockquote>\(Escaping.html(Citation.render(example, context: context, format: .text)))</blockquote>\n"
        html += "<pre>\(Escaping.html(Citation.render(example, context: context, format: .bibtex)))</pre>\n"
        return html
    }
}

/// The report's style sheet: readable at phone and desktop widths, printable.
enum HTMLStyle {
    static let sheet = """
        :root{--ink:#1d2330;--muted:#5b6475;--line:#dde1e8;--accent:#1f5fa8;--bg:#fff;--soft:#f5f6f9;--warn:#fff6e0;--warnline:#e3b341}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        header.top{padding:22px 20px 10px;border-bottom:1px solid var(--line);max-width:1120px;margin:0 auto}
        header.top h1{margin:0 0 4px;font-size:1.6rem}
        .lead{margin:0 0 8px;color:var(--muted)}
        nav a{display:inline-block;margin:0 14px 4px 0;color:var(--accent);text-decoration:none;font-size:.95rem}
        main{max-width:1120px;margin:0 auto;padding:0 20px 40px}
        footer{max-width:1120px;margin:0 auto;padding:12px 20px 30px;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
        section{margin-top:30px}
        h2{font-size:1.3rem;border-bottom:2px solid var(--ink);padding-bottom:4px}
        h3{font-size:1.05rem;margin:22px 0 8px}
        h3 .id{font-weight:400;color:var(--muted);font-size:.8rem}
        .note{color:var(--muted);font-size:.9rem}
        .caution{background:var(--warn);border-left:4px solid var(--warnline);padding:10px 14px;margin:12px 0;font-size:.95rem}
        .scroll{overflow-x:auto;margin:8px 0}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        thead th{font-weight:600;color:var(--muted);white-space:nowrap}
        td.date{white-space:nowrap}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        table.compact{width:auto}
        tr.more td{border-top:0}
        td.voice{color:var(--muted);white-space:nowrap}
        td.zero{color:#a0a7b4}
        .n{color:var(--muted);font-size:.85em}
        .ci{display:block;color:var(--muted);font-size:.78rem}
        .ci.none{font-style:italic}
        a.fig{color:var(--accent);text-decoration:none;border-bottom:1px dotted var(--accent)}
        .fig.weak{color:#7a5b00;border-bottom-style:dashed}
        .fig.weak::after{content:"†";font-size:.75em;vertical-align:super}
        .none{color:#a0a7b4}
        .source{color:var(--muted);font-size:.78rem;word-break:break-all}
        code{font-size:.85em;word-break:break-all}
        .families{font-size:.9rem}
        .families a{color:var(--accent)}
        article.family{border-top:1px solid var(--line);margin-top:18px}
        ul.legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.85rem}
        .swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;vertical-align:-1px}
        .stance{color:var(--muted);font-size:.8em}
        .bars{margin:8px 0 4px}
        .barrow{display:flex;align-items:center;gap:10px}
        .barrow.main{margin-top:8px}
        .barlabel{flex:0 0 190px;font-size:.88rem;text-align:right;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
        .barrow.sub .barlabel{font-size:.75rem;color:var(--muted)}
        .bar{flex:1;min-width:0}
        .bar svg{display:block}
        .empty{font-size:.8rem;color:#a0a7b4}
        .plot{margin:10px 0}
        .plotrow{display:flex;align-items:center;gap:10px}
        .plotlabel{flex:0 0 190px;text-align:right;font-size:.88rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
        .plotarea{flex:1;min-width:0;padding:0 8px}
        .plotarea svg{display:block;overflow:visible}
        svg text{font:11px system-ui,sans-serif;fill:var(--muted)}
        .vocab{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:6px 22px}
        .vocabcol h3{margin-top:10px}
        details{margin:10px 0}
        summary{cursor:pointer;color:var(--accent)}
        .ev{display:none;border:1px solid var(--line);border-left:4px solid var(--accent);padding:6px 14px;margin:14px 0;background:var(--soft)}
        .ev:target{display:block}
        .statement{font-size:.92rem}
        ol.kwic{padding-left:22px;font-size:.9rem}
        ol.kwic li{margin:8px 0}
        mark{background:#ffe08a;padding:0 2px}
        .meta{color:var(--muted);font-size:.8rem}
        .neg{color:#a13d2d}
        blockquote{margin:10px 0;padding:8px 14px;border-left:4px solid var(--line);background:var(--soft)}
        pre{background:var(--soft);padding:10px;overflow-x:auto;font-size:.8rem}
        @media (max-width:640px){
        body{font-size:15px}
        main,header.top,footer{padding-left:12px;padding-right:12px}
        .barlabel,.plotlabel{flex-basis:92px;font-size:.78rem}
        .barlabel .n{display:none}
        th,td{padding:4px 5px}
        }
        @media print{.ev{display:block}nav{display:none}}
        """
}
