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
            return "\(lexicon.path): ok — terminology `\(lexicon.id)` v\(lexicon.version): \(lexicon.families.count) families, \(terms) terms, \(variants) variants, \(lexicon.stances.count) stances (digest \(lexicon.digest.prefix()))"
        case .loaded:
            let entries = lexicon.categories.reduce(0) { $0 + $1.entries.count }
            return "\(lexicon.path): ok — loaded language `\(lexicon.id)` v\(lexicon.version): \(lexicon.categories.count) categories, \(entries) entries (digest \(lexicon.digest.prefix()))"
        }
    }
}
