import Foundation
import SlantCore
import SlantMeasure

/// The coding sheet of a sample: the CSV a coder fills in, and the codebook beside it.
public enum CodingSheet {
    /// The columns every sheet starts with (what the row is and what Slant decided).
    public static let rowColumns = [
        "sample", "row", "kind", "stratum", "outlet", "published", "article", "url", "lexicon", "family_or_category",
        "term_or_entry", "matched_text", "slant_stance", "slant_voice", "slant_speaker", "slant_negated",
        "context_before", "sentence", "context_after",
    ]
    /// The columns each coder fills, after `coder<k>_`.
    public static let coderFields = ["correct", "voice", "speaker", "stance", "missed", "note"]
    /// The coder fields a file must have for each coder set it holds (`note` may be dropped).
    public static let requiredCoderFields = ["correct", "voice", "speaker", "stance", "missed"]

    public static func header(coders: Int) -> [String] {
        rowColumns + (1...max(1, coders)).flatMap { k in coderFields.map { "coder\(k)_\($0)" } }
    }

    /// What the sheet shows of a row besides the store's record: the article's date and URL, and the
    /// sentence with its neighbours.
    public struct RowText: Sendable {
        public var published: String?
        public var url: String?
        public var before: String
        /// The sentence; for a tag row, with the match between `[[` and `]]`.
        public var sentence: String
        public var after: String

        public init(published: String?, url: String?, before: String, sentence: String, after: String) {
            self.published = published
            self.url = url
            self.before = before
            self.sentence = sentence
            self.after = after
        }
    }

    /// The cells of one row, in ``header(coders:)`` order (coder cells empty).
    public static func cells(_ row: SampleRow, sample: String, text: RowText, coders: Int) -> [String] {
        func flat(_ value: String) -> String { value.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ") }
        var cells = [
            sample, row.id, row.kind.rawValue, row.stratum, row.outlet, text.published ?? "", row.articleID, text.url ?? "",
            row.lexicon ?? "", row.group ?? "", row.item ?? "", row.text ?? "", row.stance ?? "",
            row.voice?.description ?? "", row.speaker ?? "", row.negated.map { $0 ? "yes" : "no" } ?? "",
            flat(text.before), flat(text.sentence), flat(text.after),
        ]
        cells += Array(repeating: "", count: coderFields.count * max(1, coders))
        return cells
    }

    /// `sentence` with the code points `start..<end` between `[[` and `]]`.
    public static func marked(_ sentence: String, start: Int, end: Int) -> String {
        let scalars = Array(sentence.unicodeScalars)
        let lower = max(0, min(start, scalars.count))
        let upper = max(lower, min(end, scalars.count))
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        return text(0..<lower) + "[[" + text(lower..<upper) + "]]" + text(upper..<scalars.count)
    }

    /// The codebook: what each column means and which codes each coder column takes.
    public static func codebook(_ sample: ValidationSample, facts: LexiconFacts, sheet: String) -> String {
        let tags = sample.rows.filter { $0.kind == .tag }.count
        let untagged = sample.rows.count - tags
        var lines = [
            "Slant validation sample \(sample.id): codebook",
            String(repeating: "=", count: 60),
            "",
            "Sheet: \(sheet). Drawn \(sample.drawn) with seed \"\(sample.seed)\", stratified by \(sample.stratification.rawValue): \(tags) tagged occurrences and \(untagged) untagged sentences.",
            "",
            "Each row is either a TAG (an occurrence Slant tagged: kind = tag) or an UNTAGGED sentence of an",
            "article body in which Slant tagged nothing (kind = untagged; these estimate what Slant misses).",
            "Code each row from the sentence and its context alone; open the article (url) when the context is",
            "not enough. Fill in only the coder columns. Leave a cell empty when you cannot decide: an empty",
            "cell is \"not coded\", never \"no\". Do not change, add or delete rows or the other columns; sorting",
            "and filtering are fine (rows are matched by `sample` and `row`). Save as CSV (comma, semicolon",
            "or tab separated, UTF-8). With several coders, each codes a copy of the sheet on their own,",
            "without seeing the others' codes; each file is named after its coder (alice.csv, bob.csv).",
            "",
            "Columns that describe the row",
            "-----------------------------",
            "sample            the sample's id (do not change: it ties the sheet to the store it was drawn from)",
            "row               the row's id within the sample",
            "kind              tag or untagged",
            "stratum           the part of the population the row was drawn from",
            "outlet, published, article, url   the article",
            "lexicon           the lexicon whose entry matched (tag rows)",
            "family_or_category  the terminology family, or the loaded-language category, of the match",
            "term_or_entry     the lexicon's term or entry that matched",
            "matched_text      the words as written",
            "slant_stance      the stance the lexicon gives the term (terminology only)",
            "slant_voice       whose words Slant says they are: authorial (the outlet's own narration),",
            "                  authorial-distanced (the outlet's own sentence, the words mentioned, not adopted:",
            "                  in scare quotes or after a qualifier such as \"so-called\", \"formerly\"),",
            "                  quoted (inside a quotation), attributed (reported speech: \"X said that ...\",",
            "                  \"according to X\"), comment (a reader comment), headline (the outlet's own",
            "                  headline or standfirst), headline-distanced (quoted or reported in the headline)",
            "slant_speaker     who says it, for quoted and attributed voice, when Slant found a name",
            "slant_negated     whether Slant found a negation in the clause",
            "context_before    the sentence before",
            "sentence          the sentence; in tag rows the match is between [[ and ]]",
            "context_after     the sentence after",
            "",
            "Coder columns (coder1_..., coder2_... when the sheet has room for several coders in one file)",
            "---------------------------------------------------------------------------------------------",
            "correct   TAG rows: yes if the marked words are an instance of the term or entry in the sense the",
            "          lexicon means (the family's question, or the category's meaning), no if they are not",
            "          (a false friend, another sense, a name inside a longer name). Empty in untagged rows.",
            "voice     TAG rows: whose words the marked words are, one of: authorial, authorial-distanced,",
            "          quoted, attributed, comment, headline, headline-distanced (also accepted: own,",
            "          distanced, scare-quoted, reported, standfirst). Code the",
            "          voice even when correct is no. Empty in untagged rows.",
            "speaker   TAG rows in quoted or attributed voice: the person or body whose words they are, as",
            "          the text names them (a surname is enough: Pashinyan), or none when the text names no one.",
            "          Leave empty for the outlet's own words.",
            "stance    TAG rows of a terminology lexicon that are correct: the stance the usage takes, one of",
            "          the lexicon's stances (below), or none. Empty for loaded-language rows.",
            "missed    UNTAGGED rows: no if the sentence holds no term or entry of the families and categories",
            "          below; otherwise the family or category Slant should have tagged (several separated",
            "          by ;), or yes when you cannot tell which. Empty in tag rows.",
            "note      anything worth saying (free text; not scored).",
            "",
            "Codes are compared without regard to case or surrounding spaces. yes/no also accept y/n,",
            "true/false and 1/0.",
            "",
            "Families, categories and stances",
            "--------------------------------",
        ]
        for lexicon in facts.lexicons {
            let languages = lexicon.languages.isEmpty ? "all languages" : lexicon.languages.joined(separator: ", ")
            lines.append("\(lexicon.id) (\(lexicon.measure.title.lowercased()); \(languages))")
            if lexicon.measure == .terminology {
                lines.append("  stances: \(lexicon.stances.joined(separator: ", ")), none")
                for (family, question) in lexicon.familyQuestions.sorted(by: { $0.key < $1.key }) {
                    lines.append("  family \(family): \(question)")
                }
            } else {
                for category in lexicon.categories {
                    let label = lexicon.categoryLabels[category].map { ": \($0)" } ?? ""
                    lines.append("  category \(category)\(label)")
                }
            }
            lines.append("")
        }
        lines += [
            "Scoring",
            "-------",
            "`slant validate score \(sheet) [other coders' files]` computes precision, recall, the accuracy of",
            "voice, speaker and stance (Wilson 95% intervals), and agreement between coders (Krippendorff's",
            "alpha, Cohen's kappa) and between each coder and Slant. See the README, \"Validating the",
            "instrument\".",
            "",
        ]
        return lines.joined(separator: "\n")
    }
}
