import SlantCore
import SlantMeasure

/// `reports/report.md`: the tables of `index.html` for reading on a code host. Figures carry
/// their interval in brackets (`[−1.00, −0.50]`); those resting on too few data carry a dagger (†).
/// The sentences behind each figure are in `index.html` and `data/evidence.csv`. Every
/// user-supplied string is escaped (``Escaping/markdownCell(_:)``, ``Escaping/markdownCode(_:)``).
struct MarkdownReport {
    let input: ReportStage.Input

    /// The header and rule of a table with a column per voice (own voice, headlines, quoted, reported, comments).
    static let voiceHeader = "| outlet | " + VoiceNames.columnHeaders.joined(separator: " | ") + " |"
    static let voiceRule = "|---|" + String(repeating: "---:|", count: VoiceNames.columnHeaders.count)

    func render() -> String {
        let tables = input.tables
        let index = ReportIndex(tables)
        var lines: [String] = ["# Slant report", ""]
        var lead = Escaping.markdownCell(index.corpusSummary)
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
        lines += ["| outlet | articles | dates | tokens | own voice | quoted | reported | headline tokens | reader comments |", "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
        for outlet in tables.outlets {
            func share(_ voice: Voice) -> String { ReportIndex.voiceShare(outlet, voice) }
            lines.append(
                "| \(Escaping.markdownCell(outlet.outlet)) | \(outlet.articles) | \(Escaping.markdownCell(Self.dateRange(outlet.firstDate, outlet.lastDate))) | \(Figures.count(Double(outlet.tokens))) | \(share(.authorial)) | \(share(.quoted)) | \(share(.attributed)) | \(Figures.count(Double(outlet.voiceTokens[.headline] ?? 0))) | \(outlet.comments) |")
        }
        lines.append("")
        lines += measures(tables)
        lines += OriginReport.markdown(input)

        lines += ["## Terminology choices", ""]
        if let absent = Self.absence(index, .terminology) { lines += [absent, ""] }
        for lexicon in index.lexicons(.terminology) {
            let families = index.families[lexicon.id] ?? []
            if index.lexicons(.terminology).count > 1 { lines += ["### \(Escaping.markdownCell(lexicon.id))", ""] }
            if families.isEmpty {
                lines += ["No term of \(Escaping.markdownCode(lexicon.id)) occurs in the articles it covers.", ""]
            }
            for family in families {
                let level = index.lexicons(.terminology).count > 1 ? "####" : "###"
                lines += ["\(level) \(Escaping.markdownCell(family.question ?? family.id)) (\(Escaping.markdownCode(family.id)))", ""]
                lines.append("| outlet | voice | " + family.terms.map { "\(Escaping.markdownCell($0.term)) *(\(Escaping.markdownCell($0.stance)))*" }.joined(separator: " | ") + " | n |")
                lines.append("|---|---|" + String(repeating: "---:|", count: family.terms.count) + "---:|")
                for outlet in index.outlets {
                    var first = true
                    for voice in VoiceNames.termRows {
                        let total = index.familyTotal(outlet, voice, family)
                        guard total > 0 || voice == .authorial else { continue }
                        let cells = family.terms.map { entry -> String in
                            guard let statistic = index.termShare(lexicon.id, outlet, voice, family.id, entry.term), statistic.occurrences > 0 else {
                                return total > 0 ? "0" : "—"
                            }
                            return Self.figure(statistic, interval: voice == .authorial || voice == .headline) + " (\(Figures.count(statistic.occurrences)))"
                        }
                        lines.append("| \(first ? Escaping.markdownCell(outlet) : "") | \(VoiceNames.short(voice)) | " + cells.joined(separator: " | ") + " | \(Figures.count(total)) |")
                        first = false
                    }
                }
                lines.append("")
            }
        }

        lines += ["## Stance index", ""]
        if let absent = Self.absence(index, .terminology) { lines += [absent, ""] }
        for lexicon in index.lexicons(.terminology) {
            lines += ["### \(Escaping.markdownCell(lexicon.id))", ""]
            guard let sides = lexicon.stanceIndex else {
                lines += ["\(Escaping.markdownCode(lexicon.id)) declares no `stance_index:`, so no stance index is computed for it.", ""]
                continue
            }
            lines += ["Share of \(Escaping.markdownCell(sides.positive)) terms minus share of \(Escaping.markdownCell(sides.negative)) terms (−1 all \(Escaping.markdownCell(sides.negative)), +1 all \(Escaping.markdownCell(sides.positive))).", ""]
            lines += [Self.voiceHeader, Self.voiceRule]
            for outlet in index.outlets {
                let cells = VoiceNames.columns.map { index.stanceIndex(lexicon.id, outlet, $0).map { Self.figure($0) } ?? "—" }
                lines.append("| \(Escaping.markdownCell(outlet)) | " + cells.joined(separator: " | ") + " |")
            }
            lines.append("")
        }

        for measure in MeasureKind.loadedKinds {
            lines += ["## \(measure.title)", "", "\(Escaping.markdownCell(measure.meaning)) Weighted hits per 1,000 tokens; a separate measure, never added to the others.", ""]
            if let absent = Self.absence(index, measure) { lines += [absent, ""] }
            for lexicon in index.lexicons(measure) {
                lines += ["### \(Escaping.markdownCell(lexicon.id))", ""]
                let rows = index.outlets.filter { outlet in VoiceNames.columns.contains { index.rate(lexicon, outlet, $0) != nil } }
                guard !rows.isEmpty else {
                    lines += ["No figure: \(Escaping.markdownCell(tables.coverage(of: lexicon.id)?.notes.first ?? "no article it covers has tokens")).", ""]
                    continue
                }
                lines += ["Covers \(Escaping.markdownCell(tables.coverage(of: lexicon.id)?.summary ?? "")).", ""]
                lines += [Self.voiceHeader, Self.voiceRule]
                for outlet in rows {
                    let cells = VoiceNames.columns.map { index.rate(lexicon, outlet, $0).map { Self.figure($0) } ?? "—" }
                    lines.append("| \(Escaping.markdownCell(outlet)) | " + cells.joined(separator: " | ") + " |")
                }
                lines.append("")
                let categories = index.categories[lexicon.id] ?? []
                if !categories.isEmpty {
                    lines += ["#### By category, in the outlet's own voice", ""]
                    lines.append("| category | " + rows.map(Escaping.markdownCell).joined(separator: " | ") + " |")
                    lines.append("|---|" + String(repeating: "---:|", count: rows.count))
                    for category in categories {
                        let cells = rows.map { index.ownCategoryRate(lexicon, $0, category).map { Self.figure($0) } ?? "—" }
                        lines.append("| \(Escaping.markdownCell(lexicon.categoryLabels[category] ?? category)) | " + cells.joined(separator: " | ") + " |")
                    }
                    lines.append("")
                }
            }
        }

        if !tables.facts.models.isEmpty {
            lines += ["## Sentence models", "", MarkdownReport.modelMeaning, ""]
            for model in tables.facts.models {
                lines += ["### \(Escaping.markdownCell(model.id))", "", "\(Escaping.markdownCell(model.summary)). Covers \(Escaping.markdownCell(index.modelCoverage(model))).", ""]
                lines += [Self.voiceHeader + " sentences (own voice) |", Self.voiceRule + "---:|"]
                for outlet in index.outlets {
                    let cells = VoiceNames.columns.map { index.modelRate(model.id, outlet, $0).map { Self.figure($0) } ?? "—" }
                    let own = index.modelRate(model.id, outlet, .authorial)
                    lines.append("| \(Escaping.markdownCell(outlet)) | " + cells.joined(separator: " | ") + " | \(Figures.count(own?.occurrences ?? 0)) of \(Figures.count(own?.total ?? 0)) |")
                }
                lines.append("")
            }
        }

        lines += ["## Differences between outlets", ""]
        if index.contrasts.isEmpty {
            lines.append(tables.outlets.count < 2 ? "There is only one outlet." : "No measure has figures for two outlets.")
        } else {
            lines += ["In the outlets' own voice; p from a permutation test, q adjusted across the report's comparisons (Benjamini–Hochberg).", ""]
            lines += ["| measure | lexicon | outlets | difference | p | q |", "|---|---|---|---:|---:|---:|"]
            for contrast in index.contrasts {
                lines.append(
                    "| \(Self.measureName(contrast)) | \(Escaping.markdownCode(contrast.lexicon ?? "")) | \(Escaping.markdownCell(contrast.outlet ?? "")) − \(Escaping.markdownCell(contrast.otherOutlet ?? "")) | \(Self.figure(contrast)) | \(Escaping.markdownCell(Figures.pValue(contrast.pValue) ?? "—")) | \(Escaping.markdownCell(Figures.pValue(contrast.qValue) ?? "—")) |")
            }
        }
        lines.append("")

        lines += ["## Distinctive vocabulary", ""]
        if tables.outlets.count < 2 {
            lines.append("There is only one outlet.")
        } else {
            lines += ["Words an outlet uses in its own voice more than the rest of the corpus (G², log ratio, count). \(Escaping.markdownCell(Self.stopListNote(tables)))", ""]
            for outlet in index.outlets {
                let words = index.keyness(outlet)
                let list = words.isEmpty
                    ? "no word stands out"
                    : words.map { "\(Escaping.markdownCell($0.word ?? "")) (\(Figures.value($0.value, unit: "G²")), \($0.logRatio.map { Figures.signedFree($0) } ?? "—"), \(Figures.count($0.occurrences)))" }.joined(separator: ", ")
                lines.append("- **\(Escaping.markdownCell(outlet))**: \(list)\(words.first?.sufficient == false ? " †" : "")")
            }
        }
        lines.append("")

        lines += ["## Over time", ""]
        let series = index.series
        if series.isEmpty || index.months.count < 2 {
            lines.append("Not enough dates for a time series (an outlet needs dated articles in at least two months).")
            lines.append("")
        } else {
            for (lexicon, outlets) in series {
                let title = lexicon.measure == .terminology
                    ? "Stance index (\(Escaping.markdownCell(lexicon.id)))"
                    : "\(lexicon.measure.rateName.prefix(1).uppercased() + lexicon.measure.rateName.dropFirst()) per 1,000 tokens (\(Escaping.markdownCell(lexicon.id)))"
                lines += ["### \(title)", "", "Own voice, by month of publication.", ""]
                lines.append("| month | " + outlets.map(Escaping.markdownCell).joined(separator: " | ") + " |")
                lines.append("|---|" + String(repeating: "---:|", count: outlets.count))
                for month in index.months {
                    let cells = outlets.map { index.monthly(lexicon, $0, month).map { Self.figure($0) } ?? "—" }
                    lines.append("| \(Escaping.markdownCell(month)) | " + cells.joined(separator: " | ") + " |")
                }
                lines.append("")
            }
        }

        lines += ["## Articles", ""]
        lines += ["| outlet | date | title | tokens | comments | id |", "|---|---|---|---:|---:|---|"]
        for article in tables.articles.prefix(HTMLReport.articleRows) {
            let title = Escaping.markdownCell(article.title ?? article.source)
            let linked = Escaping.safeURL(article.url).map { "[\(title)](\(Self.markdownURL($0)))" } ?? title
            lines.append(
                "| \(Escaping.markdownCell(article.outlet)) | \(Escaping.markdownCell(article.published ?? "—")) | \(linked) | \(article.tokens) | \(article.comments) | \(Escaping.markdownCode(article.id)) |")
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
                lines.append("| \(Escaping.markdownCell(excluded.source)) | \(Escaping.markdownCell(excluded.stage)) | \(Escaping.markdownCell(excluded.reason)) |")
            }
        }
        lines += ["", "## Methods and reproducibility", ""]
        let provenance = input.provenance
        let policy = tables.policy
        lines.append("- Intervals: 95% percentile intervals of the Poisson bootstrap over articles, \(policy.resamples) replicates, each article's weights seeded by its id; none with fewer than \(policy.minimumArticles) articles; shares of fewer than \(policy.minimumOccurrences) occurrences marked †.")
        lines.append("- Measures: each lexicon is its own measure, over the articles in its languages only (articles of unknown language are left out of a lexicon that declares languages); loaded language, epistemic framing and labels are separate measures, never added together; a span two lexicons match counts once in each.")
        lines.append("- Term shares count term occurrences, not wording choices: a family with `share_spans` (in the bundled lexicon, the names of the region and of places) also counts its names inside another family's term, so “Artsakh forces” counts both as the actor label and as the region name *Artsakh*; the stance index counts such a span once. Distanced uses (in scare quotes or after a qualifier such as “so-called”, “self-proclaimed”, “formerly”) are counted apart from the outlet's own.")
        lines.append("- IDs: `<kind>/<lexicon>/<outlet>/<voice>…`; the same ID without the lexicon (as earlier reports named it) is an alias when no other statistic would have it. Names whose slugs collide get a suffix from a digest of the exact name.")
        lines.append("")
        lines += ValidityReport.markdown(input)
        lines.append("- Slant \(Escaping.markdownCell(provenance.slantVersion))")
        lines.append("- Configuration: \(Escaping.markdownCode(provenance.configurationFile)) (digest `\(provenance.configurationDigest.hex)`)")
        lines.append("- Corpus digest: `\(tables.corpusDigest.hex)`")
        if provenance.lexicons.isEmpty { lines.append("- Lexicons: none configured") }
        for model in tables.facts.models {
            lines.append("- Sentence model \(Escaping.markdownCell(model.id)), \(Escaping.markdownCode(model.path)): `\(model.digest.hex)`")
        }
        for lexicon in provenance.lexicons {
            lines.append("- Lexicon \(Escaping.markdownCell(lexicon.id)) v\(lexicon.version), \(Escaping.markdownCode(lexicon.path)): `\(lexicon.digest.hex)`")
        }
        lines.append("- Generated \(Escaping.markdownCell(provenance.generatedAt))")
        lines.append("")
        if let example = index.exampleStatistic {
            lines += ["## How to cite", "", "`slant cite ID [--format text|markdown|bibtex]`; for example \(Escaping.markdownCode("slant cite " + example.id)):", ""]
            lines += ["> " + Citation.render(example, context: input.citationContext, format: .markdown), ""]
        }
        return lines.joined(separator: "\n")
    }

    /// The measures table: one row per lexicon, with the articles it covers.
    private func measures(_ tables: CorpusTables) -> [String] {
        var lines = ["### Measures", ""]
        guard !tables.coverage.isEmpty else {
            return lines + ["No lexicon is configured: there is no terminology, stance index, loaded-language, epistemic-framing or label figure.", ""]
        }
        lines += ["| lexicon | measure | languages | articles covered | notes |", "|---|---|---|---|---|"]
        for coverage in tables.coverage {
            lines.append(
                "| \(Escaping.markdownCode(coverage.lexicon)) | \(coverage.measure.title.lowercased()) | \(Escaping.markdownCell(coverage.languages.isEmpty ? "all" : coverage.languages.joined(separator: ", "))) | \(Escaping.markdownCell(coverage.summary)) | \(Escaping.markdownCell(coverage.notes.joined(separator: "; "))) |")
        }
        return lines + ["", "Each lexicon is its own measure, over the articles in its languages; articles in other languages, or of unknown language, are in none of its numerators or denominators.", ""]
    }

    /// What a sentence model's figure means, for both renderers.
    static let modelMeaning = "Each configured sentence model (`models:`, trained with `slant model train` on sentences coders labelled) reads every sentence of the articles in its languages: the figure is the share of a voice's sentences it predicts loaded, over the outlet's articles, with the 95% Poisson bootstrap interval over articles of the other rates. A sentence's words in one voice are that voice's sentence; words in scare quotes are left out of the outlet's own; the headline's and standfirst's sentences are read in voice headline, without their quotations and reported speech. The figure says how often the model would agree with the coders whose labels it learned from, not how biased an outlet is; its cross-validated precision and recall say how far to trust it. A separate measure, never added to the lexicons' rates."

    /// Why a measure kind has no figure, when no lexicon of that kind is configured.
    static func absence(_ index: ReportIndex, _ measure: MeasureKind) -> String? {
        guard index.lexicons(measure).isEmpty else { return nil }
        let what = measure == .terminology ? "terminology" : measure.rawValue
        return "No \(what) lexicon is configured, so there is no \(measure == .terminology ? "term share or stance index" : measure.rateName) in this report."
    }

    /// "stance index", "loaded-language rate", ...: what a contrast compares.
    static func measureName(_ contrast: Statistic) -> String {
        if let measure = contrast.lexiconMeasure { return measure.rateName }
        switch contrast.measure {
        case .stanceIndex: return "stance index"
        case .modelRate: return "share of sentences predicted loaded"
        default: return "rate"
        }
    }

    /// Which stop lists distinctive vocabulary left out.
    static func stopListNote(_ tables: CorpusTables) -> String {
        guard !tables.stopwords.isEmpty else { return "No stop list applies to the languages of these articles: function words may be listed." }
        return "Function words are left out: " + tables.stopwords.map { "\($0.language): \($0.source), \($0.words.count) words" }.joined(separator: "; ") + "."
    }

    /// "80% [62%, 91%]", or "80% †" when the figure rests on too few data.
    static func figure(_ statistic: Statistic, interval: Bool = true) -> String {
        var text = Figures.value(statistic.value, unit: statistic.unit)
        if interval, let range = Figures.interval(statistic.interval, unit: statistic.unit) { text += " \(range)" }
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
