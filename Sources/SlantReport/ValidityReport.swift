import SlantCore
import SlantMeasure
import SlantValidate

/// "Instrument validity on this corpus": the scores of the coded sample scored last, as the methods
/// section, `report.md` and `statistics.json` show them; without a scored sample, that validity was
/// not measured.
enum ValidityReport {
    static let notMeasured =
        "Validity was not measured on this corpus: no coded sample has been scored. `slant validate sample` draws one for coders; `slant validate score` scores their coding."

    /// The figures the methods section lists: the overall ones and those per lexicon, then agreement.
    static func headline(_ validity: InstrumentValidity) -> [Statistic] {
        validity.statistics.filter { statistic in
            let id = statistic.id
            return id.hasSuffix("/overall") || id.contains("/lexicon/") || id.hasPrefix("validity/agreement/")
        }
    }

    static func metricName(_ statistic: Statistic) -> String {
        switch statistic.metric ?? "" {
        case "precision": "precision"
        case "recall": "recall"
        case "voice-accuracy": "voice accuracy"
        case "speaker-accuracy": "speaker accuracy"
        case "stance-accuracy": "stance accuracy"
        case "krippendorff-alpha": "Krippendorff's α"
        case "cohen-kappa": "Cohen's κ"
        default: statistic.metric ?? ""
        }
    }

    /// What the figure is about: "all tags", "karabakh-terminology", "voice: alice vs bob".
    static func scope(_ statistic: Statistic) -> String {
        let parts = statistic.id.split(separator: "/").map(String.init)
        if parts.count > 2, parts[1] == "agreement" {
            let pair = parts.count > 4 ? " (" + parts[4...].joined(separator: " vs ") + ")" : " (all coders)"
            return parts[2] + pair
        }
        if statistic.id.hasSuffix("/overall") { return "all tags" }
        return statistic.lexicon ?? parts.dropFirst(2).joined(separator: "/")
    }

    /// The n of a figure: coded rows (k of n), units, or for recall the coded tags and sentences.
    static func count(_ statistic: Statistic) -> String {
        if statistic.unit == "coefficient" { return Figures.count(statistic.occurrences) }
        if statistic.metric == "recall" { return "\(Figures.count(statistic.occurrences)) tags + \(Figures.count(statistic.total)) sentences" }
        return "\(Figures.count(statistic.occurrences)) of \(Figures.count(statistic.total))"
    }

    static func json(_ input: ReportStage.Input) -> JSON {
        guard let validity = input.validity else {
            return .object(["measured": .bool(false), "note": .string(notMeasured)])
        }
        return .object([
            "measured": .bool(true),
            "title": .string("instrument validity on this corpus"),
            "sample": .string(validity.sampleID), "drawn": .string(validity.drawn), "scored": .string(validity.scored),
            "stratification": .string(validity.stratification),
            "coders": .array(validity.coders.map(JSON.string)), "files": .array(validity.files.map(JSON.string)),
            "tag_rows": .int(validity.tagRows), "untagged_rows": .int(validity.untaggedRows),
            "coded_tag_rows": .int(validity.codedTagRows), "coded_untagged_rows": .int(validity.codedUntaggedRows),
            "sample_analysis_key": .string(validity.analysisKey), "stale": .bool(input.validityStale),
            "summary": .string(validity.summary),
            "method": .string("reference code = majority of coders (ties left out); proportions weighted by stratum (population / rows drawn) with Wilson 95% intervals at Kish's effective sample size; recall = TP / (TP + FN) with TP from the tags' precision and FN from the untagged sentences' miss rate, its interval from both parts' 97.5% Wilson intervals; agreement on the sample's rows, unweighted, 95% bootstrap interval over rows (2,000 resamples)"),
            "statistics": .array(validity.statistics.map { .string($0.id) }),
        ])
    }

    static func html(_ input: ReportStage.Input) -> String {
        var html = "<h3 id=\"validity\">Instrument validity on this corpus</h3>\n"
        guard let validity = input.validity else {
            return html + "<p class=\"caution\">\(Escaping.html(notMeasured))</p>\n"
        }
        html += "<p>\(Escaping.html(validity.summary.prefix(1).uppercased() + validity.summary.dropFirst())).</p>\n"
        if input.validityStale {
            html += "<p class=\"caution\">The sample was drawn from the corpus as it was analysed with other lexicons or settings: these scores describe that analysis. Draw and code a new sample to measure the present one.</p>\n"
        }
        html += "<div class=\"scroll\"><table class=\"compact\">\n<thead><tr><th>figure</th><th>of</th><th class=\"num\">value</th><th class=\"num\">95% interval</th><th class=\"num\">n</th><th>ID</th></tr></thead>\n<tbody>\n"
        for statistic in headline(validity) {
            let n = count(statistic)
            let weak = statistic.sufficient ? "" : " †"
            html += "<tr><td>\(Escaping.html(metricName(statistic)))</td><td>\(Escaping.html(scope(statistic)))</td><td class=\"num\"><span title=\"\(Escaping.html(Citation.statement(statistic)))\">\(Escaping.html(Figures.value(statistic.value, unit: statistic.unit)))\(weak)</span></td><td class=\"num\">\(Escaping.html(Figures.interval(statistic.interval, unit: statistic.unit) ?? "—"))</td><td class=\"num\">\(n)</td><td><code>\(Escaping.html(statistic.id))</code></td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        html += "<p class=\"note\">A coder judged each sampled tag (correct or not, its voice, speaker and stance) and each sampled untagged sentence (whether Slant missed a term or entry in it). Proportions are weighted by stratum so that they describe the corpus, with Wilson 95% intervals; recall combines the tags' precision with the untagged sentences' miss rate. Agreement is between the coders, and between each coder and Slant (Cohen's κ; Krippendorff's α for nominal codes). † fewer than 10 coded rows. Every figure per family, category, voice and outlet is in <code>statistics.json</code>; <code>slant cite ID</code> cites each.</p>\n"
        return html
    }

    static func markdown(_ input: ReportStage.Input) -> [String] {
        var lines = ["### Instrument validity on this corpus", ""]
        guard let validity = input.validity else { return lines + [notMeasured, ""] }
        lines += [Escaping.markdownCell(validity.summary.prefix(1).uppercased() + validity.summary.dropFirst()) + ".", ""]
        if input.validityStale { lines += ["> The sample was drawn from the corpus as analysed with other lexicons or settings: these scores describe that analysis.", ""] }
        lines += ["| figure | of | value | n | ID |", "|---|---|---:|---:|---|"]
        for statistic in headline(validity) {
            let n = count(statistic)
            lines.append("| \(Escaping.markdownCell(metricName(statistic))) | \(Escaping.markdownCell(scope(statistic))) | \(MarkdownReport.figure(statistic)) | \(n) | \(Escaping.markdownCode(statistic.id)) |")
        }
        lines.append("")
        return lines
    }
}
