import SlantCore
import SlantMeasure
import SlantOrigin

/// "Origin of the text": each outlet's share of own writing, republished text and agency copy, the
/// copies found, and each outlet's figures with and without them where they differ.
enum OriginReport {
    static let articleHeader = [
        "origin", "agency", "agency_mark", "copies_article", "copies_outlet", "matched_sentences", "containment", "jaccard",
        "counted_for",
    ]

    static func articleCells(_ origin: ArticleOrigin?) -> [CSVCell] {
        guard let origin else { return [.text("own"), "", "", "", "", .number(nil), .number(nil), .number(nil), ""] }
        return [
            .text(origin.kind.rawValue), .text(origin.agency ?? ""), .text(origin.agencyMark ?? ""), .text(origin.copiesArticle ?? ""),
            .text(origin.copiesOutlet ?? ""), .number(origin.matchedSentences), .number(origin.containment), .number(origin.jaccard),
            .text(origin.countedFor ?? ""),
        ]
    }

    /// What the outlet figures count, in words (Markdown: Slant's own text, written into the Markdown report as is).
    static func countingNote(_ settings: OriginSettings) -> String {
        switch settings.counting {
        case .own:
            "Outlet figures count each outlet's own writing: an article republished from another outlet is counted once, for the outlet that first published it; agency copy is counted once, under the agency (“Reuters (agency copy)”). Set `origin: {count: all}` in pipeline.yaml to count everything each outlet published."
        case .all:
            "Outlet figures count everything each outlet published, copies included (`origin: {count: all}`): a story republished by three outlets is counted three times. The figures over each outlet's own writing only are shown beside them."
        }
    }

    static func share(_ outlet: OutletOrigins, _ kind: ArticleOrigin.Kind) -> String {
        outlet.totalTokens > 0 ? Figures.percent(Double(outlet.tokens[kind] ?? 0) / Double(outlet.totalTokens)) : "—"
    }

    static func outletTable(_ input: ReportStage.Input) -> CSVTable {
        CSVTable(
            header: ["outlet", "articles", "own_articles", "republished_articles", "agency_articles", "tokens", "own_tokens",
                     "republished_tokens", "agency_tokens"],
            rows: (input.origins?.outlets ?? []).map { outlet in
                [.text(outlet.outlet), .integer(outlet.articles.values.reduce(0, +)), .integer(outlet.articles[.own] ?? 0),
                 .integer(outlet.articles[.republished] ?? 0), .integer(outlet.articles[.agency] ?? 0), .integer(outlet.totalTokens),
                 .integer(outlet.tokens[.own] ?? 0), .integer(outlet.tokens[.republished] ?? 0), .integer(outlet.tokens[.agency] ?? 0)]
            })
    }

    static func json(_ input: ReportStage.Input) -> JSON {
        guard let tables = input.origins else { return .null }
        let settings = tables.settings
        return .object([
            "count": .string(settings.counting.rawValue),
            "method": .string("MinHash (\(OriginSignatureStage.hashes) hashes) of \(settings.shingleWords)-word shingles, LSH in \(NearDuplicates.bands) bands of \(NearDuplicates.rows); candidate pairs at most \(settings.windowDays) days apart, checked on the exact shingles: a later article of another outlet is a copy when at least \(Figures.percent(settings.minimumShare)) of its shingles are in the earlier one (containment); agency copy by byline, dateline or credit line"),
            "agencies": .array(settings.agencies.map { .string($0.name) }),
            "outlets": .array(tables.outlets.map { outlet in
                .object([
                    "outlet": .string(outlet.outlet),
                    "articles": .object(ArticleOrigin.Kind.allCases.map { JSONField($0.rawValue, .int(outlet.articles[$0] ?? 0)) }),
                    "tokens": .object(ArticleOrigin.Kind.allCases.map { JSONField($0.rawValue, .int(outlet.tokens[$0] ?? 0)) }),
                ])
            }),
            "copies": .array(copies(input).map { article, origin in
                .object([
                    "article": .string(article.id), "outlet": .string(article.outlet), "origin": .string(origin.kind.rawValue),
                    "agency": .string(origin.agency), "agency_mark": .string(origin.agencyMark),
                    "copies_article": .string(origin.copiesArticle), "copies_outlet": .string(origin.copiesOutlet),
                    "matched_sentences": .number(origin.matchedSentences), "containment": .number(origin.containment),
                    "jaccard": .number(origin.jaccard), "basis": .string(origin.basis), "counted_for": .string(origin.countedFor),
                ])
            }),
        ])
    }

    /// Every article that is not its outlet's own writing, in article order.
    static func copies(_ input: ReportStage.Input) -> [(ArticleMeasures, ArticleOrigin)] {
        guard let tables = input.origins else { return [] }
        return input.tables.articles.compactMap { article in
            guard let origin = tables.origins[article.id], origin.kind != .own else { return nil }
            return (article, origin)
        }
    }

    /// The figures of the other scope beside the report's: (lexicon, outlet, report figure, other).
    static func pairs(_ input: ReportStage.Input, index: ReportIndex) -> [(other: Statistic, main: Statistic?)] {
        input.tables.statistics.filter { $0.kind == .originScope }.map { other in
            let main = input.tables.statistics.first {
                $0.kind == other.measure && $0.lexicon == other.lexicon && $0.outlet == other.outlet && $0.voice == .authorial && $0.period == nil
            }
            return (other, main)
        }
    }

    static func describe(_ origin: ArticleOrigin, titles: [String: String]) -> String {
        var parts: [String] = []
        if let agency = origin.agency { parts.append("agency copy: \(agency) (\(origin.agencyMark ?? ""))") }
        if let article = origin.copiesArticle {
            var text = "copies “\(titles[article] ?? article)” of \(origin.copiesOutlet ?? "")"
            if let share = origin.matchedSentences { text += ", \(Figures.percent(share)) of its sentences match" }
            if let containment = origin.containment { text += " (\(Figures.percent(containment)) of its shingles)" }
            if let basis = origin.basis { text += "; \(basis)" }
            parts.append(text)
        }
        parts.append(origin.countedFor.map { "counted for \($0)" } ?? "counted with the article it copies")
        return parts.joined(separator: "; ")
    }

    static func html(_ input: ReportStage.Input, figure: (Statistic?) -> String) -> String {
        guard let tables = input.origins else { return "" }
        var html = "<p class=\"note\">\(Escaping.htmlWithCodeSpans(countingNote(tables.settings)))</p>\n"
        html += "<div class=\"scroll\"><table>\n<thead><tr><th>outlet</th><th class=\"num\">articles</th><th class=\"num\">own writing</th><th class=\"num\">republished</th><th class=\"num\">agency copy</th></tr></thead>\n<tbody>\n"
        for outlet in tables.outlets {
            let articles = outlet.articles.values.reduce(0, +)
            html += "<tr><th scope=\"row\">\(Escaping.html(outlet.outlet))</th><td class=\"num\">\(articles)</td>"
            for kind in ArticleOrigin.Kind.allCases {
                html += "<td class=\"num\">\(Escaping.html(share(outlet, kind))) <span class=\"n\">(\(outlet.articles[kind] ?? 0))</span></td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></div>\n<p class=\"note\">Shares of each outlet's article tokens (articles in brackets). IDs <code>origin-share/&lt;outlet&gt;/own</code>, <code>…/republished</code>, <code>…/agency</code>.</p>\n"
        let copies = copies(input)
        guard !copies.isEmpty else { return html + "<p>No article of the corpus is republished from another outlet or agency copy.</p>\n" }
        let titles = Dictionary(input.tables.articles.map { ($0.id, $0.title ?? $0.source) }, uniquingKeysWith: { first, _ in first })
        html += "<h3>Copies found</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>outlet</th><th>article</th><th>origin</th><th>what</th></tr></thead>\n<tbody>\n"
        for (article, origin) in copies.prefix(200) {
            html += "<tr><td>\(Escaping.html(article.outlet))</td><td>\(Escaping.html(article.title ?? article.source))<div class=\"source\">\(Escaping.html(article.source))</div></td><td>\(Escaping.html(origin.kind.rawValue))</td><td>\(Escaping.html(describe(origin, titles: titles)))</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        let scoped = pairs(input, index: ReportIndex(input.tables))
        if !scoped.isEmpty {
            let other = tables.settings.counting == .own ? "with republished and agency text" : "own writing only"
            html += "<h3>Figures with and without copies</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>outlet</th><th>figure</th><th class=\"num\">report (\(tables.settings.counting == .own ? "own writing" : "all text"))</th><th class=\"num\">\(Escaping.html(other))</th></tr></thead>\n<tbody>\n"
            for (otherFigure, main) in scoped {
                html += "<tr><td>\(Escaping.html(otherFigure.outlet ?? ""))</td><td>\(Escaping.html(MarkdownReport.scopeName(otherFigure)))</td><td class=\"num\">\(figure(main))</td><td class=\"num\">\(figure(otherFigure))</td></tr>\n"
            }
            html += "</tbody></table></div>\n"
        }
        return html
    }

    static func markdown(_ input: ReportStage.Input) -> [String] {
        guard let tables = input.origins else { return [] }
        var lines = ["## Origin of the text", "", countingNote(tables.settings), ""]
        lines += ["| outlet | articles | own writing | republished | agency copy |", "|---|---:|---:|---:|---:|"]
        for outlet in tables.outlets {
            let cells = ArticleOrigin.Kind.allCases.map { "\(share(outlet, $0)) (\(outlet.articles[$0] ?? 0))" }
            lines.append("| \(Escaping.markdownCell(outlet.outlet)) | \(outlet.articles.values.reduce(0, +)) | \(cells.joined(separator: " | ")) |")
        }
        lines.append("")
        let copies = copies(input)
        let titles = Dictionary(input.tables.articles.map { ($0.id, $0.title ?? $0.source) }, uniquingKeysWith: { first, _ in first })
        if !copies.isEmpty {
            lines += ["| outlet | article | origin | what |", "|---|---|---|---|"]
            for (article, origin) in copies.prefix(200) {
                lines.append("| \(Escaping.markdownCell(article.outlet)) | \(Escaping.markdownCell(article.title ?? article.source)) | \(origin.kind.rawValue) | \(Escaping.markdownCell(describe(origin, titles: titles))) |")
            }
            lines.append("")
        }
        let scoped = pairs(input, index: ReportIndex(input.tables))
        if !scoped.isEmpty {
            lines += ["| outlet | figure | report | \(tables.settings.counting == .own ? "with copies" : "own writing only") |", "|---|---|---:|---:|"]
            for (other, main) in scoped {
                lines.append("| \(Escaping.markdownCell(other.outlet ?? "")) | \(Escaping.markdownCell(MarkdownReport.scopeName(other))) | \(main.map { MarkdownReport.figure($0) } ?? "—") | \(MarkdownReport.figure(other)) |")
            }
            lines.append("")
        }
        return lines
    }
}

extension MarkdownReport {
    /// "loaded-rate (loaded-language-en)": the figure an origin-scope statistic gives over the other scope.
    static func scopeName(_ statistic: Statistic) -> String {
        "\(statistic.measure?.rawValue ?? "") (\(statistic.lexicon ?? ""))"
    }
}
