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

/// The origins of a corpus's articles, at each run and each `slant report`: signatures made only for
/// documents the store has none of (one article's work each, from its stored cleaned article), then
/// candidate pairs (linear in the corpus), the pairs checked on the stored shingles of just those
/// articles, and each article's origin.
enum OriginPass {
    /// Origins by article id; `measures` are the corpus's joined measures.
    static func resolve(
        _ measures: [ArticleMeasures], members: [CorpusMember], store: SlantStore, definition: PipelineDefinition
    ) throws -> [String: ArticleOrigin] {
        let key = definition.originSignatureKey
        let memberOf = Dictionary(members.map { ($0.articleID, $0) }, uniquingKeysWith: { first, _ in first })
        let ordered = measures.sorted { $0.source < $1.source }
        let documents = ordered.map { (digest: $0.digest, key: key) }
        var signatures = try store.originSignatures(of: documents)

        // Signatures the store does not hold yet: made from the stored cleaned articles, in parallel.
        let missing = signatures.indices.filter { signatures[$0] == nil }
        if !missing.isEmpty {
            let cleanKey = definition.cleanKey
            let stage = definition.originSignature
            let segment = definition.segment
            let made: [OriginSignature?] = Parallel.map(missing, jobs: Parallel.availableCores) { index in
                guard let article = (try? store.article(digest: ordered[index].digest, key: cleanKey)) ?? nil,
                    let segmented = try? segment.process(article)
                else { return nil }
                return try? stage.process(segmented)
            }
            var writes: [(digest: String, key: String, signature: OriginSignature)] = []
            for (index, signature) in zip(missing, made) {
                guard let signature else { continue }
                writes.append((ordered[index].digest, key, signature))
                signatures[index] = signature
            }
            try store.saveOriginSignatures(writes)
        }

        let articles = ordered.enumerated().map { position, article in
            OriginArticle(id: article.id, outlet: memberOf[article.id]?.outlet ?? article.outlet, published: article.published, rank: position)
        }
        let settings = definition.configuration.settings.origin
        let pairs = NearDuplicates.candidatePairs(
            signatures.map { $0?.minhash ?? [] }, days: articles.map(\.day), windowDays: settings.windowDays)
        // Only the articles of candidate pairs need their shingles.
        for index in Set(pairs.flatMap { [$0.0, $0.1] }) {
            guard let shingles = try store.originShingles(digest: ordered[index].digest, key: key) else { continue }
            signatures[index]?.shingles = shingles.shingles
            signatures[index]?.sentenceEnds = shingles.sentenceEnds
        }
        let origins = NearDuplicates.origins(articles, signatures: signatures, pairs: pairs, settings: settings)
        return Dictionary(zip(articles.map(\.id), origins), uniquingKeysWith: { first, _ in first })
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
