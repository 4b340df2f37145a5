import SlantMeasure
import SlantTag

extension LexiconFacts {
    /// What the statistics need to know of the lexicons: stance order, family questions, category labels.
    public init(_ lexicons: [Lexicon]) {
        var stances: [String] = []
        var questions: [String: String] = [:]
        var labels: [String: String] = [:]
        for lexicon in lexicons {
            for stance in lexicon.stances where !stances.contains(stance.id) { stances.append(stance.id) }
            for family in lexicon.families { questions[family.id] = family.question ?? family.id }
            for category in lexicon.categories { labels[category.id] = category.label ?? category.id }
        }
        self.init(
            stances: stances, familyQuestions: questions, categoryLabels: labels,
            lexicons: lexicons.map { "\($0.id) v\($0.version) (\($0.digest.prefix()))" })
    }
}
