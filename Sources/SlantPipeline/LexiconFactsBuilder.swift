import SlantMeasure
import SlantTag

extension LexiconFacts {
    /// What the statistics need to know of the lexicons, each its own measure: its kind, languages,
    /// stances and stance index, family questions, category labels.
    public init(_ lexicons: [SlantTag.Lexicon]) {
        self.init(lexicons: lexicons.map { lexicon in
            let measure: MeasureKind
            switch lexicon.kind {
            case .terminology: measure = .terminology
            case .loaded:
                switch lexicon.measure ?? .loadedLanguage {
                case .loadedLanguage: measure = .loadedLanguage
                case .epistemicFraming: measure = .epistemicFraming
                case .labels: measure = .labels
                }
            }
            return LexiconFacts.Lexicon(
                id: lexicon.id, version: lexicon.version, label: "\(lexicon.id) v\(lexicon.version) (\(lexicon.digest.prefix()))",
                measure: measure, languages: lexicon.languages, stances: lexicon.stances.map(\.id),
                stanceIndex: lexicon.stanceIndex.map { LexiconFacts.StanceSides(negative: $0.negative, positive: $0.positive) },
                familyQuestions: Dictionary(lexicon.families.map { ($0.id, $0.question ?? $0.id) }, uniquingKeysWith: { first, _ in first }),
                categoryLabels: Dictionary(lexicon.categories.map { ($0.id, $0.label ?? $0.id) }, uniquingKeysWith: { first, _ in first }),
                categories: lexicon.categories.map(\.id))
        })
    }
}
