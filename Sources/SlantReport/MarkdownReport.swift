import SlantCore
import SlantMeasure

/// `reports/report.md`: the report's tables for reading on a code host.
struct MarkdownReport {
    let input: ReportStage.Input

    func render() -> String {
        let tables = input.tables
        var lines: [String] = ["# Slant report", ""]
        lines.append(
            "\(tables.articles.count) article\(tables.articles.count == 1 ? "" : "s") from \(tables.outlets.count) outlet\(tables.outlets.count == 1 ? "" : "s")"
                + (tables.excluded.isEmpty ? "." : "; \(tables.excluded.count) document\(tables.excluded.count == 1 ? "" : "s") excluded (see below)."))
        lines.append("")
        lines.append("## Outlets")
        lines.append("")
        lines.append("| outlet | articles | tokens | sentences | reader comments | comment tokens | dates |")
        lines.append("|---|---:|---:|---:|---:|---:|---|")
        for outlet in tables.outlets {
            lines.append(
                "| \(Escaping.markdownCell(outlet.outlet)) | \(outlet.articles) | \(outlet.tokens) | \(outlet.sentences) | \(outlet.comments) | \(outlet.commentTokens) | \(Self.dateRange(outlet.firstDate, outlet.lastDate)) |")
        }
        lines.append("")
        lines.append("## Articles")
        lines.append("")
        lines.append("| outlet | date | title | tokens | comments | id |")
        lines.append("|---|---|---|---:|---:|---|")
        for article in tables.articles {
            let title = Escaping.markdownCell(article.title ?? article.source)
            let linked = Escaping.safeURL(article.url).map { "[\(title)](\($0))" } ?? title
            lines.append(
                "| \(Escaping.markdownCell(article.outlet)) | \(article.published ?? "—") | \(linked) | \(article.tokens) | \(article.comments) | `\(article.id)` |")
        }
        lines.append("")
        lines.append("## Excluded documents")
        lines.append("")
        if tables.excluded.isEmpty {
            lines.append("None: every document found was analysed.")
        } else {
            lines.append("| source | stage | reason |")
            lines.append("|---|---|---|")
            for excluded in tables.excluded {
                lines.append("| \(Escaping.markdownCell(excluded.source)) | \(excluded.stage) | \(Escaping.markdownCell(excluded.reason)) |")
            }
        }
        lines.append("")
        lines.append("## Methods and reproducibility")
        lines.append("")
        let provenance = input.provenance
        lines.append("- Slant \(provenance.slantVersion)")
        lines.append("- Configuration: `\(provenance.configurationFile)` (digest `\(provenance.configurationDigest.prefix())`)")
        lines.append("- Corpus digest: `\(tables.corpusDigest.hex)`")
        if provenance.lexicons.isEmpty {
            lines.append("- Lexicons: none configured")
        }
        for lexicon in provenance.lexicons {
            lines.append("- Lexicon `\(lexicon.path)`: `\(lexicon.digest.prefix())`")
        }
        lines.append("- Generated \(provenance.generatedAt)")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    static func dateRange(_ first: String?, _ last: String?) -> String {
        guard let first, let last else { return "—" }
        return first == last ? first : "\(first) – \(last)"
    }
}
