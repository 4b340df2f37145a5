import SlantCore
import SlantMeasure

/// `reports/index.html`: one self-contained page (inline CSS, no scripts, no
/// external requests). Every piece of extracted text is escaped.
struct HTMLReport {
    let input: ReportStage.Input

    func render() -> String {
        let tables = input.tables
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>Slant report</title>
            <style>\(Self.styleSheet)</style>
            </head>
            <body>
            <header><h1>Slant report</h1>
            <p class="lead">\(tables.articles.count) article\(tables.articles.count == 1 ? "" : "s") from \(tables.outlets.count) outlet\(tables.outlets.count == 1 ? "" : "s")\(tables.excluded.isEmpty ? "" : " · \(tables.excluded.count) excluded")</p>
            <nav><a href="#outlets">Outlets</a> <a href="#articles">Articles</a> <a href="#excluded">Excluded</a> <a href="#methods">Methods</a></nav>
            </header>
            <main>

            """
        html += section(id: "outlets", title: "Outlets", body: outletTable())
        html += section(id: "articles", title: "Articles", body: articleTable())
        html += section(id: "excluded", title: "Excluded documents", body: excludedTable())
        html += section(id: "methods", title: "Methods and reproducibility", body: methods())
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    private func section(id: String, title: String, body: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(Escaping.html(title))</h2>\n\(body)</section>\n"
    }

    private func outletTable() -> String {
        var rows = ""
        for outlet in input.tables.outlets {
            rows += "<tr><th scope=\"row\">\(Escaping.html(outlet.outlet))</th><td>\(outlet.articles)</td><td>\(outlet.tokens)</td><td>\(outlet.sentences)</td><td>\(outlet.comments)</td><td>\(outlet.commentTokens)</td><td>\(Escaping.html(MarkdownReport.dateRange(outlet.firstDate, outlet.lastDate)))</td></tr>\n"
        }
        return """
            <div class="scroll"><table>
            <thead><tr><th>outlet</th><th>articles</th><th>tokens</th><th>sentences</th><th>reader comments</th><th>comment tokens</th><th>dates</th></tr></thead>
            <tbody>
            \(rows)</tbody></table></div>

            """
    }

    private func articleTable() -> String {
        var rows = ""
        for article in input.tables.articles {
            let title = Escaping.html(article.title ?? article.source)
            let cell = Escaping.safeURL(article.url).map { "<a href=\"\(Escaping.html($0))\" rel=\"noopener noreferrer\">\(title)</a>" } ?? title
            rows += "<tr id=\"article-\(Escaping.html(article.id))\"><td>\(Escaping.html(article.outlet))</td><td>\(Escaping.html(article.published ?? "—"))</td><td>\(cell)<div class=\"source\">\(Escaping.html(article.source))</div></td><td>\(article.tokens)</td><td>\(article.comments)</td></tr>\n"
        }
        return """
            <div class="scroll"><table>
            <thead><tr><th>outlet</th><th>date</th><th>title</th><th>tokens</th><th>comments</th></tr></thead>
            <tbody>
            \(rows)</tbody></table></div>

            """
    }

    private func excludedTable() -> String {
        guard !input.tables.excluded.isEmpty else { return "<p>None: every document found was analysed.</p>\n" }
        var rows = ""
        for excluded in input.tables.excluded {
            rows += "<tr><td>\(Escaping.html(excluded.source))</td><td>\(Escaping.html(excluded.stage))</td><td>\(Escaping.html(excluded.reason))</td></tr>\n"
        }
        return """
            <div class="scroll"><table>
            <thead><tr><th>source</th><th>stage</th><th>reason</th></tr></thead>
            <tbody>
            \(rows)</tbody></table></div>

            """
    }

    private func methods() -> String {
        let provenance = input.provenance
        var items = [
            "Slant \(Escaping.html(provenance.slantVersion))",
            "Configuration <code>\(Escaping.html(provenance.configurationFile))</code>, digest <code>\(provenance.configurationDigest.prefix())</code>",
            "Corpus digest <code>\(input.tables.corpusDigest.hex)</code>",
        ]
        if provenance.lexicons.isEmpty { items.append("Lexicons: none configured") }
        for lexicon in provenance.lexicons {
            items.append("Lexicon <code>\(Escaping.html(lexicon.path))</code>, digest <code>\(lexicon.digest.prefix())</code>")
        }
        items.append("Generated \(Escaping.html(provenance.generatedAt))")
        return "<ul>\n" + items.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n"
    }

    static let styleSheet = """
        :root{--ink:#1d2330;--muted:#5b6475;--line:#dde1e8;--accent:#2856a3;--bg:#fff}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        header{padding:24px 20px 8px;border-bottom:1px solid var(--line);max-width:1100px;margin:0 auto}
        header h1{margin:0 0 4px;font-size:1.6rem}
        .lead{margin:0 0 8px;color:var(--muted)}
        nav a{margin-right:14px;color:var(--accent);text-decoration:none}
        main{max-width:1100px;margin:0 auto;padding:0 20px 40px}
        section{margin-top:28px}
        h2{font-size:1.25rem;border-bottom:2px solid var(--ink);padding-bottom:4px}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:.93rem}
        th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        thead th{font-weight:600;color:var(--muted);white-space:nowrap}
        td:nth-child(n+2){font-variant-numeric:tabular-nums}
        .source{color:var(--muted);font-size:.8rem;word-break:break-all}
        code{font-size:.85em;word-break:break-all}
        """
}
