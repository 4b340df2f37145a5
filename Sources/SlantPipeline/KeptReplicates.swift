import SlantCore
import SlantMeasure
import SlantStore

/// The Poisson bootstrap sums of a report's corpus, kept in the store from one report to the next: the
/// articles that joined the corpus since are added, those that left it removed (each costs its own
/// quantities × replicates), so that one new article among a million costs one article, not a million.
/// Rebuilt from the measures when what they were made under changed (the analysis, the lexicons, the
/// number of replicates) or when most of the corpus changed.
enum KeptReplicates {
    /// What the stored sums must have been made under to be reused.
    static func basis(_ definition: PipelineDefinition) -> String {
        let facts = LexiconFacts(definition.lexicons)
        var parts = [
            "poisson-replicates", "1", definition.analysisKey, String(definition.aggregate.policy.resamples),
            String(AggregateStage.version),
        ]
        for lexicon in facts.lexicons { parts += [lexicon.id, lexicon.languages.joined(separator: ",")] }
        return ContentDigest(ofParts: parts).prefix(32)
    }

    /// The sums for `measures` (the corpus, with its final ids and outlets), updated from the stored
    /// ones and stored again.
    static func update(_ measures: [ArticleMeasures], store: SlantStore, definition: PipelineDefinition) throws -> ReplicateAccumulator {
        let facts = LexiconFacts(definition.lexicons)
        let replicates = definition.aggregate.policy.resamples
        let basis = basis(definition)
        var byMember: [ReplicateMember: Int] = [:]
        for (index, article) in measures.enumerated() {
            byMember[ReplicateMember(articleID: article.id, digest: article.digest, outlet: article.outlet)] = index
        }
        let members = Set(byMember.keys)
        let stored = try store.replicates(basis: basis, replicates: replicates)
        var accumulator: ReplicateAccumulator
        if let stored, let updated = try changed(stored, to: members, byMember: byMember, measures: measures, facts: facts, store: store, definition: definition) {
            accumulator = updated
        } else {
            accumulator = ReplicateAccumulator.build(measures.map { ArticleContribution($0, facts: facts) }, replicates: replicates)
        }
        try store.saveReplicates(accumulator, members: members, basis: basis, previous: stored)
        return accumulator
    }

    /// The stored sums with the articles that joined added and those that left removed; nil when that
    /// is more work than building them anew, or when a removed article's measures are gone.
    private static func changed(
        _ stored: StoredReplicates, to members: Set<ReplicateMember>, byMember: [ReplicateMember: Int],
        measures: [ArticleMeasures], facts: LexiconFacts, store: SlantStore, definition: PipelineDefinition
    ) throws -> ReplicateAccumulator? {
        let added = members.subtracting(stored.members)
        let removed = stored.members.subtracting(members)
        guard added.count + removed.count <= max(16, members.count / 2) else { return nil }
        var accumulator = stored.accumulator
        for member in removed {
            guard var article = try store.measures(digest: member.digest, key: definition.analysisKey) else { return nil }
            article.id = member.articleID
            article.outlet = member.outlet
            accumulator.remove(ArticleContribution(article, facts: facts))
        }
        for member in added {
            guard let index = byMember[member] else { continue }
            accumulator.add(ArticleContribution(measures[index], facts: facts))
        }
        return accumulator
    }
}
