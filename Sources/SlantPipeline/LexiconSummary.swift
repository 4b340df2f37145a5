import Foundation
import SlantCore
import SlantTag

/// One line describing a valid lexicon, for `slant lexicon check`.
public enum LexiconSummary {
    public static func line(_ lexicon: Lexicon) -> String {
        switch lexicon.kind {
        case .terminology:
            let terms = lexicon.families.reduce(0) { $0 + $1.terms.count }
            let variants = lexicon.families.reduce(0) { $0 + $1.terms.reduce(0) { $0 + $1.variants.count } }
            let index = lexicon.stanceIndex.map { "; stance index: \($0.positive) (+1) against \($0.negative) (−1)" }
                ?? "; note: no `stance_index:`, so no stance index will be computed (term and stance shares will)"
            return "\(lexicon.path): ok — terminology `\(lexicon.id)` v\(lexicon.version): \(lexicon.families.count) families, \(terms) terms, \(variants) variants, \(lexicon.stances.count) stances (digest \(lexicon.digest.prefix()))\(index)"
        case .loaded:
            let entries = lexicon.categories.reduce(0) { $0 + $1.entries.count }
            let measure: String
            switch lexicon.measure ?? .loadedLanguage {
            case .loadedLanguage: measure = "loaded language"
            case .epistemicFraming: measure = "epistemic framing"
            case .labels: measure = "labels"
            }
            let languages = lexicon.languages.isEmpty ? "every language" : "languages " + lexicon.languages.joined(separator: ", ")
            return "\(lexicon.path): ok — \(measure) `\(lexicon.id)` v\(lexicon.version): \(lexicon.categories.count) categories, \(entries) entries, \(languages) (digest \(lexicon.digest.prefix()))"
        }
    }
}
