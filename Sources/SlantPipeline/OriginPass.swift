import Foundation
import SlantCore
import SlantMeasure
import SlantOrigin
import SlantStore

extension PipelineDefinition {
    /// The origin-signature stage, with its shingle length from `origin:`.
    public var originSignature: OriginSignatureStage { OriginSignatureStage(shingleWords: configuration.settings.origin.shingleWords) }

    /// The key of stored origin signatures: ingest, clean, segment, origin-signature.
    public var originSignatureKey: String {
        let cleaned = clean.cacheKey(after: ingest.cacheKey(after: StageKey.document))
        return originSignature.cacheKey(after: segment.cacheKey(after: cleaned)).prefix(Self.storedKeyLength)
    }
}

/// The origins of a corpus's articles, at each run and each `slant report`. The store keeps the
/// last corpus's origin index (``OriginIndex``: its LSH buckets and every article's origin): when few
/// articles joined or left since, only their buckets are re-paired and only the articles whose pairs
/// changed are resolved again, which gives what resolving the whole corpus gives. Otherwise (no index
/// kept under these settings, or much of the corpus changed) the corpus is resolved anew: signatures
/// made only for documents the store has none of (one article's work each, from its stored cleaned
/// article), then candidate pairs (linear in the corpus), the pairs checked on the stored shingles of
/// just those articles, and each article's origin; and the index is kept for the next time.
enum OriginPass {
    /// Origins by article id; `measures` are the corpus's joined measures.
    static func resolve(
        _ measures: [ArticleMeasures], members: [CorpusMember], store: SlantStore, definition: PipelineDefinition
    ) throws -> [String: ArticleOrigin] {
        let memberOf = Dictionary(members.map { ($0.articleID, $0) }, uniquingKeysWith: { first, _ in first })
        let current = measures.map { article in
            OriginMember(
                id: article.id, digest: article.digest, outlet: memberOf[article.id]?.outlet ?? article.outlet,
                published: article.published, source: article.source)
        }.sorted(by: OriginMember.corpusOrder)
        let basis = indexBasis(definition)
        if let kept = try store.keptOrigins(basis: basis) {
            let difference = OriginIndex.difference(kept: kept, current: current)
            if difference.added.isEmpty && difference.removed.isEmpty {
                return kept.values.reduce(into: [:]) { origins, member in origins[member.member.id] = member.origin }
            }
            if difference.added.count + difference.removed.count <= max(64, current.count / 8),
                let origins = try update(kept, difference: difference, basis: basis, store: store, definition: definition)
            {
                return origins
            }
        }
        return try resolveAnew(current, basis: basis, store: store, definition: definition)
    }

    /// What the kept index depends on: the signatures' key, the settings of origin resolution and
    /// the shape of the LSH index.
    static func indexBasis(_ definition: PipelineDefinition) -> String {
        let settings = definition.configuration.settings.origin
        var parts = [
            "origin-index", "1", definition.originSignatureKey, settings.counting.rawValue, String(settings.minimumShare),
            String(settings.windowDays), String(settings.minimumWords), String(NearDuplicates.bands), String(NearDuplicates.rows),
            String(NearDuplicates.partnersPerBucket),
        ]
        for agency in settings.agencies { parts += [agency.name] + agency.marks + ["\u{1F}"] }
        return ContentDigest(ofParts: parts).prefix(32)
    }

    /// The kept index brought up to date and stored; nil when it cannot be (resolve anew).
    private static func update(
        _ kept: [Int: KeptOriginMember], difference: OriginIndex.Difference, basis: String, store: SlantStore,
        definition: PipelineDefinition
    ) throws -> [String: ArticleOrigin]? {
        let key = definition.originSignatureKey
        _ = try signatures(difference.added.map(\.digest), store: store, definition: definition)
        let lookup = StoredOriginIndex(store: store, key: key)
        guard let update = try OriginIndex.update(
            kept: kept, difference: difference, settings: definition.configuration.settings.origin, lookup: lookup)
        else { return nil }
        var shards = lookup.shards
        for (ordinal, keys) in update.removed {
            for key in keys {
                let shard = SlantStore.originShard(key)
                shards[shard] = (try shards[shard] ?? store.originBucketShard(shard)).filter { !($0.key == key && $0.ordinal == ordinal) }
            }
        }
        for (ordinal, entry) in update.added {
            for key in entry.keys {
                let shard = SlantStore.originShard(key)
                shards[shard] = (try shards[shard] ?? store.originBucketShard(shard)) + [(key, ordinal)]
            }
        }
        let touched = Set(update.removed.values.joined().map(SlantStore.originShard))
            .union(update.added.values.flatMap { $0.keys.map(SlantStore.originShard) })
        var written: [Int: [(key: Int64, ordinal: Int)]] = [:]
        for shard in touched {
            written[shard] = (shards[shard] ?? []).sorted { ($0.key, $0.ordinal) < ($1.key, $1.ordinal) }
        }
        try store.saveOriginIndex(
            basis: basis, replacing: false, members: update.added.map { ($0.key, $0.value.member) }.sorted { $0.0 < $1.0 },
            removed: update.removed.keys.sorted(), origins: update.changed.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 },
            shards: written)
        return update.origins
    }

    /// Every article's origin resolved from the whole corpus (in corpus order), and the index kept.
    private static func resolveAnew(
        _ current: [OriginMember], basis: String, store: SlantStore, definition: PipelineDefinition
    ) throws -> [String: ArticleOrigin] {
        let key = definition.originSignatureKey
        var signatures = try signatures(current.map(\.digest), store: store, definition: definition)
        let articles = current.enumerated().map { position, member in
            OriginArticle(id: member.id, outlet: member.outlet, published: member.published, rank: position)
        }
        let settings = definition.configuration.settings.origin
        let pairs = NearDuplicates.candidatePairs(
            signatures.map { $0?.minhash ?? [] }, days: articles.map(\.day), windowDays: settings.windowDays)
        // Only the articles of candidate pairs need their shingles.
        for index in Set(pairs.flatMap { [$0.0, $0.1] }) {
            guard let shingles = try store.originShingles(digest: current[index].digest, key: key) else { continue }
            signatures[index]?.shingles = shingles.shingles
            signatures[index]?.sentenceEnds = shingles.sentenceEnds
        }
        let origins = NearDuplicates.origins(articles, signatures: signatures, pairs: pairs, settings: settings)

        var shards: [Int: [(key: Int64, ordinal: Int)]] = [:]
        for (ordinal, signature) in signatures.enumerated() {
            for bucket in NearDuplicates.bucketKeys(signature?.minhash ?? []) {
                shards[SlantStore.originShard(bucket), default: []].append((bucket, ordinal))
            }
        }
        for shard in shards.keys { shards[shard]?.sort { ($0.key, $0.ordinal) < ($1.key, $1.ordinal) } }
        let kept = current.indices.map { index in
            (ordinal: index, member: KeptOriginMember(member: current[index], words: signatures[index]?.words, origin: origins[index]))
        }
        try store.saveOriginIndex(basis: basis, replacing: true, members: kept, removed: [], origins: [], shards: shards)
        return Dictionary(zip(articles.map(\.id), origins), uniquingKeysWith: { first, _ in first })
    }

    /// The stored signatures (without shingles) of `digests`, in order; those the store has none of
    /// are made first from the stored cleaned articles, in parallel, and stored.
    private static func signatures(_ digests: [String], store: SlantStore, definition: PipelineDefinition) throws -> [OriginSignature?] {
        let key = definition.originSignatureKey
        var signatures = try store.originSignatures(of: digests.map { (digest: $0, key: key) })
        let missing = signatures.indices.filter { signatures[$0] == nil }
        guard !missing.isEmpty else { return signatures }
        let cleanKey = definition.cleanKey
        let stage = definition.originSignature
        let segment = definition.segment
        let made: [OriginSignature?] = Parallel.map(missing, jobs: Parallel.availableCores) { index in
            guard let article = (try? store.article(digest: digests[index], key: cleanKey)) ?? nil,
                let segmented = try? segment.process(article)
            else { return nil }
            return try? stage.process(segmented)
        }
        var writes: [(digest: String, key: String, signature: OriginSignature)] = []
        for (index, signature) in zip(missing, made) {
            guard let signature else { continue }
            writes.append((digests[index], key, signature))
            var bare = signature
            bare.shingles = []
            bare.sentenceEnds = []
            signatures[index] = bare
        }
        try store.saveOriginSignatures(writes)
        return signatures
    }

    /// The measures the outlet figures count: with `count: own`, each outlet's own writing, and agency
    /// copy once under its agency; with `count: all`, every article for its outlet.
    static func counted(_ measures: [ArticleMeasures], origins: [String: ArticleOrigin]) -> [ArticleMeasures] {
        measures.compactMap { article in
            guard let origin = origins[article.id] else { return article }
            guard let group = origin.countedFor else { return nil }
            var counted = article
            counted.outlet = group
            return counted
        }
    }
}

/// The kept origin index read from the store, shard by shard (each read once).
final class StoredOriginIndex: OriginIndexLookup {
    let store: SlantStore
    let key: String
    private(set) var shards: [Int: [(key: Int64, ordinal: Int)]] = [:]

    init(store: SlantStore, key: String) {
        self.store = store
        self.key = key
    }

    func bucket(_ bucket: Int64) throws -> [Int] {
        let shard = SlantStore.originShard(bucket)
        let entries: [(key: Int64, ordinal: Int)]
        if let known = shards[shard] {
            entries = known
        } else {
            entries = try store.originBucketShard(shard)
            shards[shard] = entries
        }
        return entries.filter { $0.key == bucket }.map(\.ordinal)
    }

    func signature(of member: OriginMember, shingles: Bool) throws -> OriginSignature? {
        guard var signature = try store.originSignatures(of: [(member.digest, key)]).first ?? nil else { return nil }
        if shingles, let stored = try store.originShingles(digest: member.digest, key: key) {
            signature.shingles = stored.shingles
            signature.sentenceEnds = stored.sentenceEnds
        }
        return signature
    }
}
