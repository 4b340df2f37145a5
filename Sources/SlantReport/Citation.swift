import Foundation
import SlantCore
import SlantMeasure

/// Formats figures the same way everywhere a reader sees them.
public enum Figures {
    /// A value in its unit's usual form: rates with one decimal, shares as percentages, indexes with two decimals.
    public static func value(_ value: Double?, unit: String) -> String {
        guard let value, value.isFinite else { return "—" }
        switch unit {
        case "share": return percent(value)
        case "index": return signed(value, decimals: 2)
        case "coefficient": return String(format: "%.2f", value).replacingOccurrences(of: "-", with: "−")
        default: return String(format: "%.1f", value).replacingOccurrences(of: "-", with: "−")
        }
    }

    /// "[−1.00, −0.50]": the bounds in brackets, with true minus signs.
    public static func interval(_ interval: Interval?, unit: String) -> String? {
        guard let interval else { return nil }
        return "[\(value(interval.lower, unit: unit)), \(value(interval.upper, unit: unit))]"
    }

    public static func percent(_ value: Double) -> String {
        let percent = value * 100
        let text = percent != 0 && abs(percent) < 1 ? String(format: "%.1f%%", percent) : String(format: "%.0f%%", percent)
        return text.replacingOccurrences(of: "-", with: "−")
    }

    public static func signed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return value > 0 ? "+" + text : text.replacingOccurrences(of: "-", with: "−")
    }

    /// A log ratio or other signed number with two decimals and a true minus sign.
    public static func signedFree(_ value: Double) -> String {
        String(format: "%.2f", value).replacingOccurrences(of: "-", with: "−")
    }

    public static func pValue(_ value: Double?) -> String? {
        guard let value else { return nil }
        return value < 0.001 ? "< 0.001" : String(format: "%.3f", value)
    }

    /// "12,400".
    public static func count(_ value: Double) -> String {
        let rounded = Int(value.rounded())
        var digits = String(abs(rounded))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits = String(digits.dropLast(3))
        }
        groups.insert(digits, at: 0)
        return (rounded < 0 ? "−" : "") + groups.joined(separator: ",")
    }
}

/// What a citation needs besides the statistic: how to reproduce it.
public struct CitationContext: Sendable {
    public var slantVersion: String
    public var corpusDigest: ContentDigest
    /// "karabakh-terminology v1 (43791fff)".
    public var lexicons: [String]
    /// "war (8ca15d3764c165bb)": the sentence models (`models:`), named only when there are any.
    public var models: [String]
    public var generatedAt: String
    /// Where the report directory is published ("https://example.org/study/reports"), when the user
    /// gave it (`slant cite --base-url`): the BibTeX entry then has an absolute `url` of the figure's
    /// evidence panel. Without it the entry has no `url` (a link relative to a local directory is
    /// useless in a paper).
    public var baseURL: String?

    public init(
        slantVersion: String, corpusDigest: ContentDigest, lexicons: [String], models: [String] = [], generatedAt: String,
        baseURL: String? = nil
    ) {
        self.slantVersion = slantVersion
        self.corpusDigest = corpusDigest
        self.lexicons = lexicons
        self.models = models
        self.generatedAt = generatedAt
        self.baseURL = baseURL
    }
}

/// Ready citations of a statistic: what was measured, on which articles and dates, the value
/// with its interval and n, and what reproduces it.
public enum Citation {
    public enum Format: String, Sendable, CaseIterable {
        case text
        case markdown
        case bibtex
    }

    /// The statement of the figure: "Asbarez, 2020-07-09 to 2020-10-21 (12 articles): loaded-language rate
    /// (loaded-language-en) in the outlet's own voice 4.2 weighted hits per 1,000 tokens (95% CI [2.1, 6.8]; 53 hits
    /// in 12,400 tokens)". Outlet names are isolated for bidi (``BidiText``).
    public static func statement(_ statistic: Statistic) -> String {
        var scope = statistic.outlet.map(BidiText.isolate) ?? "Corpus"
        if let other = statistic.otherOutlet { scope += " vs \(BidiText.isolate(other))" }
        var when = ""
        if let first = statistic.firstDate, let last = statistic.lastDate {
            when = first == last ? ", \(first)" : ", \(first) to \(last)"
        }
        let articles = "\(statistic.articles) article\(statistic.articles == 1 ? "" : "s")"
        var figure = "\(Figures.value(statistic.value, unit: statistic.unit))"
        if statistic.unit != "share", statistic.unit != "index" { figure += " \(statistic.unit)" }
        var details: [String] = []
        if let interval = Figures.interval(statistic.interval, unit: statistic.unit) { details.append("95% CI \(interval)") }
        switch statistic.kind {
        case .loadedRate, .epistemicRate, .labelRate, .categoryRate:
            details.append("\(Figures.count(statistic.occurrences)) hit\(statistic.occurrences == 1 ? "" : "s") in \(Figures.count(statistic.total)) tokens")
        case .termShare, .stanceShare:
            details.append("\(Figures.count(statistic.occurrences)) of \(Figures.count(statistic.total)) occurrences")
        case .stanceIndex:
            details.append("\(Figures.count(statistic.total)) term occurrences")
        case .contrast:
            if let p = Figures.pValue(statistic.pValue) { details.append("permutation p \(p)") }
            if let q = Figures.pValue(statistic.qValue) { details.append("BH-adjusted q \(q)") }
        case .modelRate:
            details.append("\(Figures.count(statistic.occurrences)) of \(Figures.count(statistic.total)) sentences predicted loaded")
        case .keyness:
            details.append("\(Figures.count(statistic.occurrences)) occurrences in \(Figures.count(statistic.total)) tokens")
            if let logRatio = statistic.logRatio { details.append(String(format: "log ratio %.2f", logRatio)) }
        case .validity:
            if statistic.unit == "coefficient" {
                details.append("\(Figures.count(statistic.occurrences)) coded units")
            } else if statistic.metric == "recall" {
                details.append("from \(Figures.count(statistic.occurrences)) coded tags and \(Figures.count(statistic.total)) coded untagged sentences")
            } else {
                details.append("\(Figures.count(statistic.occurrences)) of \(Figures.count(statistic.total)) coded")
            }
        case .originShare:
            details.append("\(Figures.count(statistic.occurrences)) of \(Figures.count(statistic.total)) tokens")
        case .originScope:
            if statistic.measure == .stanceIndex {
                details.append("\(Figures.count(statistic.total)) term occurrences")
            } else {
                details.append("\(Figures.count(statistic.occurrences)) hit\(statistic.occurrences == 1 ? "" : "s") in \(Figures.count(statistic.total)) tokens")
            }
        }
        if !statistic.sufficient, let note = statistic.note { details.append("caution: \(note)") }
        let label = BidiText.balanced(statistic.label.prefix(1).lowercased() + statistic.label.dropFirst())
        return "\(scope)\(when) (\(articles)): \(label) \(figure) (\(details.joined(separator: "; ")))"
    }

    /// A BibTeX key unique to the statistic: a readable start of its ID and 8 hex digits of the
    /// SHA-256 of the whole ID (two IDs that start alike never share a key).
    public static func bibtexKey(_ id: String) -> String {
        let readable = String(String.UnicodeScalarView(Slug.make(id).unicodeScalars.filter { $0.isASCII }).prefix(40))
        return "slant-" + readable + "-" + ContentDigest(ofParts: [id]).prefix(8)
    }

    /// Where the figure's sentences are: its evidence panel, relative to the report directory.
    public static func evidenceURL(_ id: String) -> String {
        var allowed = CharacterSet.urlFragmentAllowed
        allowed.remove(charactersIn: "%")
        return "index.html#ev-" + (id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id)
    }

    /// The evidence panel's absolute address under a base URL: "https://example.org/r" and
    /// "https://example.org/r/" both give "https://example.org/r/index.html#ev-…".
    public static func evidenceURL(_ id: String, base: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + evidenceURL(id)
    }

    /// Text for a BibTeX field that pdflatex with classic BibTeX reads: TeX specials escaped, true
    /// minus signs (U+2212) as ASCII hyphen-minus, and bidi isolates and marks (which only guide screen
    /// rendering) left out.
    public static func bibtexField(_ text: String) -> String {
        var field = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{2212}": field += "-"
            case "\u{200E}", "\u{200F}", "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}": continue
            case "\\": field += "\\textbackslash{}"
            case "~": field += "\\textasciitilde{}"
            case "^": field += "\\textasciicircum{}"
            case "{", "}", "%", "&", "_", "#", "$": field += "\\" + String(scalar)
            default: field.unicodeScalars.append(scalar)
            }
        }
        return field
    }

    public static func render(_ statistic: Statistic, context: CitationContext, format: Format) -> String {
        let statement = statement(statistic)
        var reproduce =
            "Slant \(context.slantVersion); statistic \(statistic.id); corpus \(context.corpusDigest.prefix()); lexicons \(context.lexicons.isEmpty ? "none" : context.lexicons.joined(separator: ", "))"
        if !context.models.isEmpty { reproduce += "; models \(context.models.joined(separator: ", "))" }
        switch format {
        case .text:
            return "\(statement). \(reproduce); generated \(context.generatedAt)."
        case .markdown:
            return "\(Escaping.markdownCell(statement)). *\(Escaping.markdownCell(reproduce))*; generated \(context.generatedAt)."
        case .bibtex:
            let year = String(context.generatedAt.prefix(4))
            let field = bibtexField
            let url = context.baseURL.map { base in
                "  url = {\(evidenceURL(statistic.id, base: base).replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D"))},\n"
            } ?? ""
            return """
                @misc{\(bibtexKey(statistic.id)),
                  title = {\(field(statement))},
                  howpublished = {Slant \(field(context.slantVersion)) framing statistic \(field(statistic.id))},
                \(url)  note = {\(field(reproduce))},
                  year = {\(year)}
                }
                """
        }
    }
}
