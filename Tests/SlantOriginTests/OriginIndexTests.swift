import SlantCore
import SlantMeasure
import Testing

@testable import SlantOrigin

/// The kept origin index: after any sequence of articles joining and leaving, updating the kept index
/// gives exactly the origins that resolving the whole new corpus gives, and only re-resolves the
/// articles whose pairs changed.
@Suite struct OriginIndexTests {
    /// An in-memory kept index: signatures by digest, buckets by key.
    final class MemoryIndex: OriginIndexLookup {
        var signatures: [String: OriginSignature] = [:]
        var buckets: [Int64: [Int]] = [:]
        var kept: [Int: KeptOriginMember] = [:]

        func bucket(_ key: Int64) throws -> [Int] { buckets[key] ?? [] }

        func signature(of member: OriginMember, shingles: Bool) throws -> OriginSignature? {
            guard var signature = signatures[member.digest] else { return nil }
            if !shingles {
                signature.shingles = []
                signature.sentenceEnds = []
            }
            return signature
        }

        /// The kept index of `current`, resolved whole.
        func rebuild(_ current: [OriginMember], settings: OriginSettings) {
            let ordered = current.sorted(by: OriginMember.corpusOrder)
            let origins = OriginIndexTests.full(ordered, signatures: signatures, settings: settings)
            kept = [:]
            buckets = [:]
            for (ordinal, member) in ordered.enumerated() {
                kept[ordinal] = KeptOriginMember(member: member, words: signatures[member.digest]?.words, origin: origins[member.id]!)
                for key in NearDuplicates.bucketKeys(signatures[member.digest]?.minhash ?? []) { buckets[key, default: []].append(ordinal) }
            }
        }

        /// `update` applied to the kept index.
        func apply(_ update: OriginIndex.Update) {
            for (ordinal, keys) in update.removed {
                kept[ordinal] = nil
                for key in keys { buckets[key]?.removeAll { $0 == ordinal } }
            }
            for (ordinal, entry) in update.added {
                kept[ordinal] = entry.member
                for key in entry.keys { buckets[key, default: []].append(ordinal) }
            }
            for (ordinal, origin) in update.changed { kept[ordinal]?.origin = origin }
        }
    }

    /// The origins of the whole corpus, as a run without a kept index resolves them.
    static func full(_ current: [OriginMember], signatures: [String: OriginSignature], settings: OriginSettings) -> [String: ArticleOrigin] {
        let ordered = current.sorted(by: OriginMember.corpusOrder)
        let articles = ordered.enumerated().map { OriginArticle(id: $0.element.id, outlet: $0.element.outlet, published: $0.element.published, rank: $0.offset) }
        let list = ordered.map { signatures[$0.digest] }
        let pairs = NearDuplicates.candidatePairs(list.map { $0?.minhash ?? [] }, days: articles.map(\.day), windowDays: settings.windowDays)
        let origins = NearDuplicates.origins(articles, signatures: list, pairs: pairs, settings: settings)
        return Dictionary(uniqueKeysWithValues: zip(ordered.map(\.id), origins))
    }

    /// A synthetic signature of `words` shingles (64-bit), 20 to a sentence.
    static func signature(_ shingles: [UInt64], byline: String? = nil) -> OriginSignature {
        OriginSignature(
            words: shingles.count + 4, minhash: OriginSignatureStage.minhash(of: shingles),
            shingles: shingles.map { UInt32(truncatingIfNeeded: $0) },
            sentenceEnds: stride(from: 20, through: max(20, shingles.count), by: 20).map { UInt32(min($0, shingles.count)) },
            byline: byline, lead: "", tail: "")
    }

    static func date(_ day: Int) -> String {
        let month = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var rest = day
        var index = 0
        while rest >= month[index] {
            rest -= month[index]
            index += 1
        }
        return "2023-" + (index < 9 ? "0" : "") + String(index + 1) + "-" + (rest < 9 ? "0" : "") + String(rest + 1)
    }

    /// A corpus generator: stories, copies of earlier stories with a fifth of their shingles changed,
    /// a cluster of identical boilerplate pages (one bucket with more than 64 articles), short and
    /// undated articles, agency bylines.
    struct Generator {
        var random: SeededGenerator
        var texts: [[UInt64]] = []
        var count = 0

        mutating func article(_ index: MemoryIndex, boilerplate: [UInt64]) -> OriginMember {
            count += 1
            let id = "a\(count)"
            let kind = random.index(below: 20)
            var shingles: [UInt64]
            var byline: String?
            var boilerplateDay: Int?
            if kind < 5, !texts.isEmpty {
                let original = texts[random.index(below: texts.count)]
                shingles = original.map { random.index(below: 5) == 0 ? random.next() : $0 }
            } else if kind < 12 {
                // Within ten days of each other: the first ones pair with more than 64 of them.
                shingles = boilerplate
                boilerplateDay = 10 + random.index(below: 10)
            } else if kind == 12 {
                shingles = (0..<10).map { _ in random.next() }
            } else {
                shingles = (0..<(60 + random.index(below: 200))).map { _ in random.next() }
            }
            if kind == 13 { byline = "Reuters" }
            texts.append(shingles)
            let digest = "d\(count)"
            index.signatures[digest] = OriginIndexTests.signature(shingles, byline: byline)
            let published: String? = random.index(below: 8) == 0 ? nil : OriginIndexTests.date(boilerplateDay ?? random.index(below: 40))
            return OriginMember(
                id: id, digest: digest, outlet: "outlet-\(random.index(below: 5))", published: published,
                source: "s\(random.index(below: 1_000))-\(count)")
        }
    }

    @Test func updatesGiveTheOriginsOfTheWholeCorpusAfterEveryChange() throws {
        var settings = OriginSettings()
        settings.windowDays = 30
        let index = MemoryIndex()
        var generator = Generator(random: SeededGenerator(seedText: "origin-index"))
        let boilerplate = (0..<100).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        var current = (0..<220).map { _ in generator.article(index, boilerplate: boilerplate) }
        index.rebuild(current, settings: settings)
        var changedOrigins = 0
        for step in 0..<16 {
            var next = current
            let removals = step % 2 == 0 ? generator.random.index(below: 4) : 0
            for _ in 0..<removals where !next.isEmpty { next.remove(at: generator.random.index(below: next.count)) }
            for _ in 0..<(1 + generator.random.index(below: 3)) { next.append(generator.article(index, boilerplate: boilerplate)) }
            let difference = OriginIndex.difference(kept: index.kept, current: next)
            #expect(difference.removed.count == removals)
            let update = try #require(try OriginIndex.update(kept: index.kept, difference: difference, settings: settings, lookup: index))
            let expected = Self.full(next, signatures: index.signatures, settings: settings)
            #expect(update.origins == expected, "step \(step)")
            index.apply(update)
            changedOrigins += update.changed.count
            current = next
        }
        // The kept index is the index of the corpus resolved whole, and some updates changed the
        // origin of an article that was already there.
        let kept = Dictionary(uniqueKeysWithValues: index.kept.values.map { ($0.member.id, $0.origin) })
        #expect(kept == Self.full(current, signatures: index.signatures, settings: settings))
        #expect(changedOrigins > 0)
        #expect(kept.values.contains { $0.kind == .republished } && kept.values.contains { $0.kind == .agency })
    }

    @Test func anEarlierArticleJoiningMakesTheExistingOneItsCopy() throws {
        let settings = OriginSettings()
        let index = MemoryIndex()
        var random = SeededGenerator(seedText: "earlier original")
        let story = (0..<300).map { _ in random.next() }
        index.signatures["later"] = Self.signature(story)
        index.signatures["other"] = Self.signature((0..<300).map { _ in random.next() })
        let later = OriginMember(id: "later", digest: "later", outlet: "Second Daily", published: "2024-03-05", source: "b.html")
        let other = OriginMember(id: "other", digest: "other", outlet: "Third Post", published: "2024-03-04", source: "c.html")
        index.rebuild([later, other], settings: settings)
        #expect(index.kept.values.allSatisfy { $0.origin.kind == .own })

        index.signatures["first"] = Self.signature(story.map { $0 % 7 == 0 ? $0 &+ 1 : $0 })
        let first = OriginMember(id: "first", digest: "first", outlet: "First News", published: "2024-03-01", source: "a.html")
        let difference = OriginIndex.difference(kept: index.kept, current: [later, other, first])
        #expect(difference.added == [first] && difference.removed.isEmpty)
        let update = try #require(try OriginIndex.update(kept: index.kept, difference: difference, settings: settings, lookup: index))
        let changed = try #require(update.changed.first)
        #expect(update.changed.count == 1)
        #expect(changed.value.kind == .republished && changed.value.copiesArticle == "first" && changed.value.countedFor == nil)
        #expect(update.origins["later"] == changed.value)
        #expect(update.origins["first"]?.kind == .own)
        #expect(update.origins == Self.full([later, other, first], signatures: index.signatures, settings: settings))

        // The original leaving makes the copy its outlet's own writing again.
        index.apply(update)
        let back = OriginIndex.difference(kept: index.kept, current: [later, other])
        let restored = try #require(try OriginIndex.update(kept: index.kept, difference: back, settings: settings, lookup: index))
        #expect(restored.origins["later"]?.kind == .own && restored.origins["later"]?.countedFor == "Second Daily")
        #expect(restored.origins == Self.full([later, other], signatures: index.signatures, settings: settings))
    }

    @Test func aMemberWhoseSignatureIsGoneCannotBeUpdated() throws {
        let index = MemoryIndex()
        var random = SeededGenerator(seedText: "gone")
        index.signatures["x"] = Self.signature((0..<100).map { _ in random.next() })
        let member = OriginMember(id: "x", digest: "x", outlet: "A", published: nil, source: "x.html")
        index.rebuild([member], settings: OriginSettings())
        index.signatures["x"] = nil
        let difference = OriginIndex.difference(kept: index.kept, current: [])
        #expect(try OriginIndex.update(kept: index.kept, difference: difference, settings: OriginSettings(), lookup: index) == nil)
    }
}
