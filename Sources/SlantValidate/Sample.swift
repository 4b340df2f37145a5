import Foundation
import SlantCore
import SlantMeasure

/// What a validation sample is stratified by (`slant validate sample --by`).
public enum Stratification: String, Sendable, CaseIterable, Hashable {
    /// Each family of a terminology lexicon and each category of a loaded-kind lexicon is a stratum.
    case family
    /// The same strata as `family` (a category is the loaded-language counterpart of a family).
    case category
    /// Each voice (`authorial`, `authorial-distanced`, `quoted`, `attributed`, `comment`, `headline`, `headline-distanced`).
    case voice
    case outlet
}

/// One row of a validation sample: a tagged occurrence with what Slant decided, or an untagged
/// sentence (for recall). The texts shown to coders are not kept: the store and the coding sheet
/// hold what each needs.
public struct SampleRow: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A tagged occurrence.
        case tag
        /// A sentence of an article body in which Slant tagged nothing.
        case untagged
    }

    /// `r001`, …: the row's name in the sheet.
    public var id: String
    public var kind: Kind
    /// The stratum the row was drawn from (`untagged` for untagged sentences).
    public var stratum: String
    public var articleID: String
    public var digest: String
    public var source: String
    public var outlet: String
    public var language: String?
    /// The sentence's index in its text (the body, or the reader comment `comment`).
    public var sentence: Int
    public var comment: Int?
    /// Tag rows: the occurrence's index among its article's evidence, and what Slant decided.
    public var evidenceIndex: Int?
    public var lexicon: String?
    public var tagKind: Evidence.Kind?
    /// Family (terms) or category (loaded language).
    public var group: String?
    /// Term or entry.
    public var item: String?
    public var stance: String?
    public var text: String?
    public var voice: VoiceKey?
    public var speaker: String?
    public var negated: Bool?

    public init(
        id: String, kind: Kind, stratum: String, articleID: String, digest: String, source: String, outlet: String,
        language: String?, sentence: Int, comment: Int? = nil, evidenceIndex: Int? = nil, lexicon: String? = nil,
        tagKind: Evidence.Kind? = nil, group: String? = nil, item: String? = nil, stance: String? = nil,
        text: String? = nil, voice: VoiceKey? = nil, speaker: String? = nil, negated: Bool? = nil
    ) {
        self.id = id
        self.kind = kind
        self.stratum = stratum
        self.articleID = articleID
        self.digest = digest
        self.source = source
        self.outlet = outlet
        self.language = language
        self.sentence = sentence
        self.comment = comment
        self.evidenceIndex = evidenceIndex
        self.lexicon = lexicon
        self.tagKind = tagKind
        self.group = group
        self.item = item
        self.stance = stance
        self.text = text
        self.voice = voice
        self.speaker = speaker
        self.negated = negated
    }

    /// A tag row for an occurrence.
    public init(id: String, stratum: String, article: SampledArticle, index: Int, evidence: Evidence) {
        self.init(
            id: id, kind: .tag, stratum: stratum, articleID: article.id, digest: article.digest, source: article.source,
            outlet: article.outlet, language: article.language, sentence: evidence.sentence, comment: evidence.comment,
            evidenceIndex: index, lexicon: evidence.lexicon, tagKind: evidence.kind, group: evidence.group,
            item: evidence.item, stance: evidence.stance, text: evidence.text, voice: evidence.voice,
            speaker: evidence.speaker, negated: evidence.negated)
    }

    /// `lexicon/group`: the family or category of a tag row.
    public var groupKey: String? { lexicon.flatMap { lexicon in group.map { "\(lexicon)/\($0)" } } }
}

/// How many units a part of the population has, and how many of them were drawn.
public struct PopulationCount: Sendable, Hashable {
    /// `stratum` (the strata drawn from), `lexicon`, `group`, `voice`, `outlet` (tag counts by those
    /// domains), `untagged` (untagged sentences of the articles some lexicon covers, name `all`) and
    /// `untagged-lexicon` (those of the articles one lexicon covers).
    public var dimension: String
    public var name: String
    public var population: Int
    public var sampled: Int

    public init(dimension: String, name: String, population: Int, sampled: Int = 0) {
        self.dimension = dimension
        self.name = name
        self.population = population
        self.sampled = sampled
    }
}

/// A validation sample as the store keeps it: how it was drawn, the population it was drawn from,
/// and its rows.
public struct ValidationSample: Sendable, Hashable {
    public var id: String
    /// ISO 8601 time it was drawn.
    public var drawn: String
    public var seed: String
    public var stratification: Stratification
    public var requestedTags: Int
    public var requestedUntagged: Int
    /// Sets of coder columns in the sheet.
    public var coderSets: Int
    /// The analysis key of the corpus it was drawn from.
    public var analysisKey: String
    public var corpusDigest: String
    public var counts: [PopulationCount]
    public var rows: [SampleRow]

    public init(
        id: String, drawn: String, seed: String, stratification: Stratification, requestedTags: Int, requestedUntagged: Int,
        coderSets: Int, analysisKey: String, corpusDigest: String, counts: [PopulationCount], rows: [SampleRow]
    ) {
        self.id = id
        self.drawn = drawn
        self.seed = seed
        self.stratification = stratification
        self.requestedTags = requestedTags
        self.requestedUntagged = requestedUntagged
        self.coderSets = coderSets
        self.analysisKey = analysisKey
        self.corpusDigest = corpusDigest
        self.counts = counts
        self.rows = rows
    }

    public func population(_ dimension: String, _ name: String) -> Int? {
        counts.first { $0.dimension == dimension && $0.name == name }?.population
    }

    /// The weight of a tag row: its stratum's population over the rows drawn from it.
    public func weight(of row: SampleRow) -> Double {
        guard row.kind == .tag,
            let count = counts.first(where: { $0.dimension == "stratum" && $0.name == row.stratum }), count.sampled > 0
        else { return 1 }
        return Double(count.population) / Double(count.sampled)
    }
}

/// An article as the sampler sees it.
public struct SampledArticle: Sendable, Hashable {
    public var id: String
    public var digest: String
    public var source: String
    public var outlet: String
    public var language: String?

    public init(id: String, digest: String, source: String, outlet: String, language: String?) {
        self.id = id
        self.digest = digest
        self.source = source
        self.outlet = outlet
        self.language = language
    }
}

/// Drawing a sample: pure functions of the population and the seed.
public enum Sampling {
    /// The stratum of an occurrence under a stratification.
    public static func stratum(of evidence: Evidence, outlet: String, by stratification: Stratification) -> String {
        switch stratification {
        case .family, .category: "\(evidence.lexicon)/\(evidence.group)"
        case .voice: evidence.voice.description
        case .outlet: outlet
        }
    }

    /// How many units to draw from each stratum for `total` draws: every unit when the population is
    /// no larger; otherwise each stratum first gets up to `floor` units (at most `total / strata`),
    /// and the rest is shared in proportion to what each stratum has left, by largest remainder
    /// (ties to the stratum whose name sorts first). The weights in scoring undo the unequal shares.
    public static func allocate(_ populations: [String: Int], total: Int, floor: Int = 5) -> [String: Int] {
        let names = populations.keys.sorted()
        let size = populations.values.reduce(0, +)
        if size <= total { return populations }
        var allocation: [String: Int] = [:]
        let base = names.isEmpty ? 0 : min(floor, total / names.count)
        for name in names { allocation[name] = min(populations[name] ?? 0, base) }
        var left = total - allocation.values.reduce(0, +)
        while left > 0 {
            let open = names.filter { (populations[$0] ?? 0) > (allocation[$0] ?? 0) }
            guard !open.isEmpty else { break }
            let capacity = open.reduce(0) { $0 + (populations[$1] ?? 0) - (allocation[$1] ?? 0) }
            var shares: [(name: String, whole: Int, remainder: Double)] = []
            for name in open {
                let room = (populations[name] ?? 0) - (allocation[name] ?? 0)
                let exact = Double(left) * Double(room) / Double(capacity)
                let whole = min(room, Int(exact.rounded(.down)))
                shares.append((name, whole, exact - Double(whole)))
            }
            var given = 0
            for share in shares {
                allocation[share.name, default: 0] += share.whole
                given += share.whole
            }
            var remaining = left - given
            for share in shares.sorted(by: { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.name < $1.name })
            where remaining > 0 && (allocation[share.name] ?? 0) < (populations[share.name] ?? 0) {
                allocation[share.name, default: 0] += 1
                remaining -= 1
            }
            left = remaining
        }
        return allocation
    }

    /// `count` distinct indexes of `0..<size`, drawn uniformly (Floyd's algorithm) with a generator
    /// seeded from `seed`, in increasing order.
    public static func choose(_ count: Int, from size: Int, seed: String) -> [Int] {
        guard count > 0, size > 0 else { return [] }
        if count >= size { return Array(0..<size) }
        var generator = SeededGenerator(seedText: seed)
        var chosen = Set<Int>()
        for j in (size - count)..<size {
            let t = generator.index(below: j + 1)
            chosen.insert(chosen.contains(t) ? j : t)
        }
        return chosen.sorted()
    }

    /// A permutation of `0..<count` (Fisher–Yates with a generator seeded from `seed`).
    public static func shuffled(_ count: Int, seed: String) -> [Int] {
        var order = Array(0..<count)
        var generator = SeededGenerator(seedText: seed)
        var position = count - 1
        while position > 0 {
            order.swapAt(position, generator.index(below: position + 1))
            position -= 1
        }
        return order
    }

    /// The id of a sample: a digest of the store it is drawn from, the corpus, and how it was drawn, so
    /// that the same draw gets the same id.
    public static func sampleID(store: String, corpus: String, seed: String, by: Stratification, tags: Int, untagged: Int) -> String {
        "s-" + ContentDigest(ofParts: [store, corpus, seed, by.rawValue, String(tags), String(untagged)]).prefix(10)
    }
}
