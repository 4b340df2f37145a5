import SlantCore
import SlantMeasure

/// `reports/report.md`: the tables of `index.html` for reading on a code host. Figures carry
/// their interval in brackets; those resting on too few data carry a dagger (†). The sentences
/// behind each figure are in `index.html` and `data/evidence.csv`.
struct MarkdownReport {
    let input: ReportStage.Input

    func render() -> String {
        let tables = input.tables
        let index = ReportIndex(tables)
        var lines: [String] = ["# Slant report", ""]
        var lead = index.corpusSummary
        lead += tables.excluded.isEmpty ? "." : "; \(tables.excluded.count) document\(tables.excluded.count == 1 ? "" : "s") excluded (see below)."
        lines += [lead, ""]
        lines += [
            "Figures: value, 95% bootstrap interval in brackets, † where the data are too few to rely on. Every figure's sentences: `index.html` (click the number) or `data/evidence.csv`; its ID and citation: `statistics.json`, `slant cite ID`.",
            "",
        ]
        let small = index.smallOutlets
        if !small.isEmpty {
            let list = small.map { "\(Escaping.markdownCell($0.outlet)) (\($0.articles))" }.joined(separator: ", ")
            if small.count == tables.outlets.count {
                lines += ["> **What this corpus cannot show.** Every outlet has fewer than \(tables.policy.minimumArticles) articles: \(list). The figures describe these articles, not the outlets in general; no interval is computed and no difference between outlets is tested.", ""]
            } else {
                lines += ["> **Small samples.** Fewer than \(tables.policy.minimumArticles) articles: \(list). Their figures describe those articles only and carry no interval.", ""]
            }
        }

        lines += ["## Corpus overview", ""]
        lines += ["| outlet | articles | dates | tokens | own voice | quoted | reported | reader comments |", "|---|---:|---|---:|---:|---:|---:|---:|"]
        for outlet in tables.outlets {
            func share(_ voice: Voice) -> String { ReportIndex.voiceShare(outlet, voice) }
            lines.append(
                "| \(Escaping.markdownCell(outlet.outlet)) | \(outlet.articles) | \(Self.dateRange(outlet.firstDate, outlet.lastDate)) | \(Figures.count(Double(outlet.tokens))) | \(share(.authorial)) | \(share(.quoted)) | \(share(.attributed)) | \(outlet.comments) |")
        }
        lines.append("")

        lines += ["## Terminology choices", ""]
        if index.families.isEmpty { lines += ["No terminology occurs in these articles.", ""] }
        for family in index.families {
            lines += ["### \(Escaping.markdownCell(family.question ?? family.id)) (`\(family.id)`)", ""]
            lines.append("| outlet | voice | " + family.terms.map { "\(Escaping.markdownCell($0.term)) *(\(Escaping.markdownCell($0.stance)))*" }.joined(separator: " | ") + " | n |")
            lines.append("|---|---|" + String(repeating: "---:|", count: family.terms.count) + "---:|")
            for outlet in index.outlets {
                for voice in [VoiceKey.authorial, .quoted, .attributed, .distancedAuthorial] {
                    let total = index.familyTotal(outlet, voice, family)
                    guard total > 0 || voice == .authorial else { continue }
                    let cells = family.terms.map { entry -> String in
                        guard let statistic = index.termShare(outlet, voice, family.id, entry.term), statistic.occurrences > 0 else {
                            return total > 0 ? "0" : "—"
                        }
                        return Self.figure(statistic, interval: voice == .authorial) + " (\(Figures.count(statistic.occurrences)))"
                    }
                    lines.append("| \(voice == .authorial ? Escaping.markdownCell(outlet) : "") | \(VoiceNames.short(voice)) | " + cells.joined(separator: " | ") + " | \(Figures.count(total)) |")
                }
            }
            lines.append("")
        }

        lines += ["## Stance index", ""]
        if let sides = index.indexSides {
            lines += ["Share of \(sides.positive) terms minus share of \(sides.negative) terms (−1 all \(sides.negative), +1 all \(sides.positive)).", ""]
            lines += ["| outlet | own voice | quoted | reported | reader comments |", "|---|---:|---:|---:|---:|"]
            for outlet in index.outlets {
                let cells = VoiceKey.reported.map { index.stanceIndex(outlet, $0).map { Self.figure($0) } ?? "—" }
                lines.append("| \(Escaping.markdownCell(outlet)) | " + cells.joined(separator: " | ") + " |")
            }
        } else {
            lines.append("The terminology lexicon does not declare two opposed stances.")
        }
        lines.append("")

        lines += ["## Loaded language", "", "Weighted hits per 1,000 tokens.", ""]
        lines += ["| outlet | own voice | quoted | reported | reader comments |", "|---|---:|---:|---:|---:|"]
        for outlet in index.outlets {
            let cells = VoiceKey.reported.map { index.loadedRate(outlet, $0).map { Self.figure($0) } ?? "—" }
            lines.append("| \(Escaping.markdownCell(outlet)) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        if !index.categories.isEmpty {
            lines += ["### By category, in the outlet's own voice", ""]
            lines.append("| category | " + index.outlets.map(Escaping.markdownCell).joined(separator: " | ") + " |")
            lines.append("|---|" + String(repeating: "---:|", count: index.outlets.count))
            for category in index.categories {
                let cells = index.outlets.map { index.categoryRate($0, .authorial, category).map { Self.figure($0) } ?? "—" }
                lines.append("| \(Escaping.markdownCell(tables.facts.categoryLabels[category] ?? category)) | " + cells.joined(separator: " | ") + " |")
            }
            lines.append("")
        }

        lines += ["## Differences between outlets", ""]
        if index.contrasts.isEmpty {
            lines.append("There is only one outlet.")
        } else {
            lines += ["In the outlets' own voice; p from a permutation test, q adjusted across the report's comparisons (Benjamini–Hochberg).", ""]
            lines += ["| measure | outlets | difference | p | q |", "|---|---|---:|---:|---:|"]
            for contrast in index.contrasts {
                let measure = contrast.measure == .stanceIndex ? "stance index" : "loaded-language rate"
                lines.append(
                    "| \(measure) | \(Escaping.markdownCell(contrast.outlet ?? "")) − \(Escaping.markdownCell(contrast.otherOutlet ?? "")) | \(Self.figure(contrast)) | \(Figures.pValue(contrast.pValue) ?? "—") | \(Figures.pValue(contrast.qValue) ?? "—") |")
            }
        }
        lines.append("")

        lines += ["## Distinctive vocabulary", ""]
        if tables.outlets.count < 2 {
            lines.append("There is only one outlet.")
        } else {
            lines += ["Words an outlet uses in its own voice more than the rest of the corpus (G², log ratio, count).", ""]
            for outlet in index.outlets {
                let words = index.keyness(outlet)
                let list = words.isEmpty
                    ? "no word stands out"
                    : words.map { "\(Escaping.markdownCell($0.word ?? "")) (\(Figures.value($0.value, unit: "G²")), \($0.logRatio.map { String(format: "%.2f", $0) } ?? "—"), \(Figures.count($0.occurrences)))" }.joined(separator: ", ")
                lines.append("- **\(Escaping.markdownCell(outlet))**: \(list)\(words.first?.sufficient == false ? " †" : "")")
            }
        }
        lines.append("")

        lines += ["## Over time", ""]
        let seriesOutlets = index.seriesOutlets
        if seriesOutlets.isEmpty || index.months.count < 2 {
            lines.append("Not enough dates for a time series (an outlet needs dated articles in at least two months).")
        } else {
            lines += ["Loaded-language rate per 1,000 tokens, own voice, by month of publication.", ""]
            lines.append("| month | " + seriesOutlets.map(Escaping.markdownCell).joined(separator: " | ") + " |")
            lines.append("|---|" + String(repeating: "---:|", count: seriesOutlets.count))
            for month in index.months {
                let cells = seriesOutlets.map { index.monthlyLoadedRate($0, month).map { Self.figure($0) } ?? "—" }
                lines.append("| \(month) | " + cells.joined(separator: " | ") + " |")
            }
        }
        lines.append("")

        lines += ["## Articles", ""]
        lines += ["| outlet | date | title | tokens | comments | id |", "|---|---|---|---:|---:|---|"]
        for article in tables.articles.prefix(HTMLReport.articleRows) {
            let title = Escaping.markdownCell(article.title ?? article.source)
            let linked = Escaping.safeURL(article.url).map { "[\(title)](\(Self.markdownURL($0)))" } ?? title
            lines.append(
                "| \(Escaping.markdownCell(article.outlet)) | \(article.published ?? "—") | \(linked) | \(article.tokens) | \(article.comments) | `\(article.id)` |")
        }
        if tables.articles.count > HTMLReport.articleRows {
            lines += ["", "The first \(HTMLReport.articleRows) of \(tables.articles.count) articles; `data/articles.csv` lists them all."]
        }
        lines += ["", "## Excluded documents", ""]
        if tables.excluded.isEmpty {
            lines.append("None: every document found was analysed.")
        } else {
            lines += ["| source | stage | reason |", "|---|---|---|"]
            for excluded in tables.excluded {
                lines.append("| \(Escaping.markdownCell(excluded.source)) | \(excluded.stage) | \(Escaping.markdownCell(excluded.reason)) |")
            }
        }
        lines += ["", "## Methods and reproducibility", ""]
        let provenance = input.provenance
        let policy = tables.policy
        lines.append("- Intervals: 95% percentile bootstrap over articles, \(policy.resamples) resamples, seeded per outlet; none with fewer than \(policy.minimumArticles) articles; shares of fewer than \(policy.minimumOccurrences) occurrences marked †.")
        lines.append("- Slant \(provenance.slantVersion)")
        lines.append("- Configuration: `\(provenance.configurationFile)` (digest `\(provenance.configurationDigest.hex)`)")
        lines.append("- Corpus digest: `\(tables.corpusDigest.hex)`")
        if provenance.lexicons.isEmpty { lines.append("- Lexicons: none configured") }
        for lexicon in provenance.lexicons {
            lines.append("- Lexicon \(lexicon.id) v\(lexicon.version), `\(lexicon.path)`: `\(lexicon.digest.hex)`")
        }
        lines.append("- Generated \(provenance.generatedAt)")
        lines.append("")
        if let example = index.exampleStatistic {
            lines += ["## How to cite", "", "`slant cite ID [--format text|markdown|bibtex]`; for example `slant cite \(example.id)`:", ""]
            lines += ["> " + Citation.render(example, context: input.citationContext, format: .markdown), ""]
        }
        return lines.joined(separator: "\n")
    }

    /// "80% [62%–91%]", or "80% †" when the figure rests on too few data.
    static func figure(_ statistic: Statistic, interval: Bool = true) -> String {
        var text = Figures.value(statistic.value, unit: statistic.unit)
        if interval, let range = Figures.interval(statistic.interval, unit: statistic.unit) { text += " [\(range)]" }
        if !statistic.sufficient { text += " †" }
        return text
    }

    static func dateRange(_ first: String?, _ last: String?) -> String {
        guard let first, let last else { return "—" }
        return first == last ? first : "\(first) – \(last)"
    }

    /// A URL for a Markdown link target: spaces and parentheses percent-encoded.
    static func markdownURL(_ url: String) -> String {
        url.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "(", with: "%28")
            .replacingOccurrences(of: ")", with: "%29").replacingOccurrences(of: "<", with: "%3C")
            .replacingOccurrences(of: ">", with: "%3E")
    }
}
