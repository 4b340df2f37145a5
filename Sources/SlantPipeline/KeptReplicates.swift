import SlantCore
import SlantMeasure
import SlantOrigin
import SlantStore

/// The Poisson bootstrap sums of a report's corpus, kept in the store from one report to the next: the
/// articles that joined the corpus since are added, those that left it removed (each costs its own
/// quantities × replicates), so that one new article among a million costs one article, not a million.
/// An article whose counted outlet or origin changed is removed and added again. Rebuilt from the
/// measures when what they were made under changed (the analysis, the lexicons, the sentence models,
/// the number of replicates, `origin.count`) or when most of the corpus changed.
///
/// The sums hold the groups of the report's figures (each outlet as `origin.count` counts it, and its
/// months) and the origin groups (each publishing outlet's articles: origin shares and the figures
/// over the other scope of text).
enum KeptReplicates {
    /// What the stored sums must have been made under to be reused.
    static func basis(_ definition: PipelineDefinition) -> String {
        let facts = definition.facts
        var parts = [
            "poisson-replicates", "2", definition.analysisKey, String(definition.aggregate.policy.resamples),
            String(AggregateStage.version), "origin-count", definition.configuration.settings.origin.counting.rawValue,
        ]
        for lexicon in facts.lexicons { parts += [lexicon.id, lexicon.languages.joined(separator: ",")] }
        for model in facts.models { parts += ["model", model.id, model.digest.hex, model.languages.joined(separator: ",")] }
        return ContentDigest(ofParts: parts).prefix(32)
    }

    /// The sums for the corpus `all` (with its final ids and publishing outlets) and its `origins`,
    /// updated from the stored ones and stored again.
    static func update(
        _ all: [ArticleMeasures], origins: [String: ArticleOrigin], store: SlantStore, definition: PipelineDefinition
    ) throws -> ReplicateAccumulator {
        let facts = definition.facts
        let settings = definition.configuration.settings.origin
        let replicates = definition.aggregate.policy.resamples
        let basis = basis(definition)
        // Article ids are unique in a report's corpus, so each article is one member.
        var members = Set<ReplicateMember>(minimumCapacity: all.count)
        for article in all { members.insert(member(article, origin: origins[article.id], settings: settings)) }
        var stored = try store.replicates(basis: basis, replicates: replicates)
        // The stored sums are taken out of `stored` (which keeps the members), so that updating them
        // changes the only copy instead of duplicating every sum.
        var kept = stored?.accumulator
        stored?.accumulator = ReplicateAccumulator(replicates: replicates)
        var accumulator: ReplicateAccumulator
        if var updated = kept.take(), let previous = stored?.members,
            try update(&updated, from: previous, to: members, measures: all, origins: origins, store: store, definition: definition)
        {
            accumulator = updated
        } else {
            let contributions = all.map { article in
                contribution(article, member: member(article, origin: origins[article.id], settings: settings), facts: facts, settings: settings)
            }
            accumulator = ReplicateAccumulator.build(contributions, replicates: replicates)
        }
        try store.saveReplicates(accumulator, members: members, basis: basis, previous: stored)
        return accumulator
    }

    /// An article as the kept sums hold it: its counted outlet ("" when not counted), publisher and origin.
    static func member(_ article: ArticleMeasures, origin: ArticleOrigin?, settings: OriginSettings) -> ReplicateMember {
        let counted = origin.map { $0.countedFor ?? "" } ?? article.outlet
        return ReplicateMember(
            articleID: article.id, digest: article.digest, outlet: counted, publisher: article.outlet,
            origin: (origin?.kind ?? .own).rawValue)
    }

    /// The contribution of `article` (its measures under any id and outlet) as `member`.
    static func contribution(
        _ article: ArticleMeasures, member: ReplicateMember, facts: LexiconFacts, settings: OriginSettings
    ) -> ArticleContribution {
        var article = article
        article.id = member.articleID
        article.outlet = member.outlet
        let kind = ArticleOrigin.Kind(rawValue: member.origin) ?? .own
        return ArticleContribution(
            article, facts: facts, counted: !member.outlet.isEmpty,
            origin: OriginStatistics.contribution(publisher: member.publisher, kind: kind, settings: settings))
    }

    /// Updates the stored sums held by `previous` to those of `members`: the articles that joined
    /// added and those that left removed. False when that is more work than building them anew, or
    /// when a removed article's measures are gone (`accumulator` is then to be dropped).
    private static func update(
        _ accumulator: inout ReplicateAccumulator, from previous: Set<ReplicateMember>, to members: Set<ReplicateMember>,
        measures: [ArticleMeasures], origins: [String: ArticleOrigin], store: SlantStore, definition: PipelineDefinition
    ) throws -> Bool {
        let facts = definition.facts
        let settings = definition.configuration.settings.origin
        let removed = previous.subtracting(members)
        let added = members.count - (previous.count - removed.count)
        guard added + removed.count <= max(16, members.count / 2) else { return false }
        for member in removed {
            guard let article = try store.measures(digest: member.digest, key: definition.analysisKey) else { return false }
            accumulator.remove(contribution(article, member: member, facts: facts, settings: settings))
        }
        for article in measures {
            let joined = member(article, origin: origins[article.id], settings: settings)
            guard !previous.contains(joined) else { continue }
            accumulator.add(contribution(article, member: joined, facts: facts, settings: settings))
        }
        return true
    }
}
