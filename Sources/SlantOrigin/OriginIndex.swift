import SlantCore

/// An article as origin resolution knows it: what its origin and its candidate pairs depend on
/// besides its signature (which its digest names).
public struct OriginMember: Sendable, Hashable {
    public var id: String
    public var digest: String
    /// The outlet that published it.
    public var outlet: String
    public var published: String?
    /// Its source locator: with the id, its place in the corpus (which breaks ties of dates).
    public var source: String

    public init(id: String, digest: String, outlet: String, published: String?, source: String) {
        self.id = id
        self.digest = digest
        self.outlet = outlet
        self.published = published
        self.source = source
    }

    /// Corpus order: by source, then id (the order ``NearDuplicates/origins(_:signatures:pairs:settings:)``
    /// takes its articles in).
    public static func corpusOrder(_ a: OriginMember, _ b: OriginMember) -> Bool { (a.source, a.id) < (b.source, b.id) }
}

/// A member of the kept origin index: the article, the words of its signature (nil when it has none)
/// and its origin as last resolved.
public struct KeptOriginMember: Sendable, Hashable {
    public var member: OriginMember
    public var words: Int?
    public var origin: ArticleOrigin

    public init(member: OriginMember, words: Int?, origin: ArticleOrigin) {
        self.member = member
        self.words = words
        self.origin = origin
    }
}

/// What the kept index is read through: the kept members of a bucket, and any member's signature.
public protocol OriginIndexLookup {
    /// The ordinals of the kept members in the bucket `key` (of ``NearDuplicates/bucketKeys(_:)``).
    func bucket(_ key: Int64) throws -> [Int]
    /// The member's signature (its shingles and sentence ends too when `shingles`); nil when there is none.
    func signature(of member: OriginMember, shingles: Bool) throws -> OriginSignature?
}

/// Origins kept from one report to the next, so that a new article costs its own buckets, not the
/// corpus: the LSH index (every member in the bucket of each band of its signature) and every
/// member's origin are kept; a change of the corpus re-pairs only the buckets of the articles that
/// joined or left, and re-resolves only the articles whose candidate pairs with an earlier article
/// changed. The result is, by construction, what ``NearDuplicates`` gives for the whole new corpus:
/// pairs depend only on a bucket's members, and an article's origin only on its pairs with earlier
/// articles and on its own signature.
public enum OriginIndex {
    /// How the corpus changed since the kept index: the members kept (ordinal by id), those that joined
    /// (in corpus order) and the ordinals of those that left. A kept member without a signature
    /// leaves and joins again, so that its signature is tried again, as a full resolution would.
    public struct Difference: Sendable {
        public var staying: [String: Int]
        public var added: [OriginMember]
        public var removed: [Int]
    }

    public static func difference(kept: [Int: KeptOriginMember], current: [OriginMember]) -> Difference {
        var byMember: [OriginMember: Int] = [:]
        byMember.reserveCapacity(kept.count)
        for (ordinal, member) in kept where member.words != nil { byMember[member.member] = ordinal }
        var staying: [String: Int] = [:]
        staying.reserveCapacity(current.count)
        var added: [OriginMember] = []
        var stayed = Set<Int>()
        for member in current {
            if let ordinal = byMember[member], !stayed.contains(ordinal) {
                staying[member.id] = ordinal
                stayed.insert(ordinal)
            } else {
                added.append(member)
            }
        }
        let removed = kept.keys.filter { !stayed.contains($0) }.sorted()
        return Difference(staying: staying, added: added.sorted(by: OriginMember.corpusOrder), removed: removed)
    }

    /// Two ordinals, the lower first.
    struct Pair: Hashable {
        var low: Int
        var high: Int
    }

    /// What an update changes in the kept index.
    public struct Update: Sendable {
        /// Every member's origin, by article id.
        public var origins: [String: ArticleOrigin]
        /// The members that joined, by their new ordinals, with their bucket keys.
        public var added: [Int: (member: KeptOriginMember, keys: [Int64])]
        /// The ordinals of the members that left, with their bucket keys.
        public var removed: [Int: [Int64]]
        /// Kept members whose origin changed, by ordinal.
        public var changed: [Int: ArticleOrigin]
    }

    /// The kept index brought up to the corpus of `difference` (made from `kept`); nil when a member
    /// that left has no signature any more to find its buckets by (then resolve the corpus anew).
    public static func update(
        kept: [Int: KeptOriginMember], difference: Difference, settings: OriginSettings, lookup: some OriginIndexLookup
    ) throws -> Update? {
        let marks = NearDuplicates.AgencyMarks(settings.agencies)
        var next = (kept.keys.max() ?? -1) + 1
        // The members after the change: `kept`, with those that joined and the origins re-resolved over it.
        var overlay: [Int: KeptOriginMember] = [:]
        func member(_ ordinal: Int) -> KeptOriginMember? { overlay[ordinal] ?? kept[ordinal] }
        var added: [Int: (member: KeptOriginMember, keys: [Int64])] = [:]
        var addedMarks: [Int: (name: String, mark: String)] = [:]
        var keysOf: [Int: [Int64]] = [:]
        for member in difference.added {
            let signature = try lookup.signature(of: member, shingles: false)
            let keys = NearDuplicates.bucketKeys(signature?.minhash ?? [])
            let mark = signature.flatMap { NearDuplicates.agency($0, marks: marks) }
            let origin = NearDuplicates.origin(
                outlet: member.outlet, day: OriginArticle.day(of: member.published), mark: mark, copies: nil, counting: settings.counting)
            let entry = KeptOriginMember(member: member, words: signature?.words, origin: origin)
            added[next] = (entry, keys)
            addedMarks[next] = mark
            keysOf[next] = keys
            overlay[next] = entry
            next += 1
        }
        var removed: [Int: [Int64]] = [:]
        for ordinal in difference.removed {
            guard let entry = kept[ordinal] else { continue }
            if entry.words == nil {
                removed[ordinal] = []
                continue
            }
            guard let signature = try lookup.signature(of: entry.member, shingles: false) else { return nil }
            removed[ordinal] = NearDuplicates.bucketKeys(signature.minhash)
        }

        // Orders: of a bucket (undated first) and of originals (undated last), each then in corpus order.
        var days: [Int: Int?] = [:]
        func day(_ ordinal: Int) -> Int? {
            if let known = days[ordinal] { return known }
            let value = member(ordinal).flatMap { OriginArticle.day(of: $0.member.published) }
            days[ordinal] = value
            return value
        }
        func corpusKey(_ ordinal: Int) -> (String, String) {
            guard let known = member(ordinal)?.member else { return ("", "") }
            return (known.source, known.id)
        }
        func earlier(_ a: Int, _ b: Int) -> Bool {
            let (left, right) = (corpusKey(a), corpusKey(b))
            return (day(a) ?? Int.max, left.0, left.1) < (day(b) ?? Int.max, right.0, right.1)
        }
        func bucketOrder(_ a: Int, _ b: Int) -> Bool {
            let (left, right) = (corpusKey(a), corpusKey(b))
            return (day(a) ?? Int.min, left.0, left.1) < (day(b) ?? Int.min, right.0, right.1)
        }
        func forEachPair(_ bucket: [Int], _ body: (Int, Int) -> Void) {
            guard bucket.count > 1 else { return }
            let ordered = bucket.sorted(by: bucketOrder)
            NearDuplicates.forEachBucketPair(ordered.map(day), windowDays: settings.windowDays) { body(ordered[$0], ordered[$1]) }
        }

        // The buckets of the members that joined or left, before and after.
        var joining: [Int64: [Int]] = [:]
        for (ordinal, entry) in added { for key in entry.keys { joining[key, default: []].append(ordinal) } }
        let leaving = Set(removed.keys)
        let affected = Set(joining.keys).union(removed.values.joined())
        var oldBuckets: [Int64: [Int]] = [:]
        func oldBucket(_ key: Int64) throws -> [Int] {
            if let known = oldBuckets[key] { return known }
            let value = try lookup.bucket(key)
            oldBuckets[key] = value
            return value
        }
        var newBuckets: [Int64: [Int]] = [:]
        func newBucket(_ key: Int64) throws -> [Int] {
            if let known = newBuckets[key] { return known }
            var value = try oldBucket(key)
            if affected.contains(key) {
                value.removeAll { leaving.contains($0) }
                value += joining[key] ?? []
            }
            newBuckets[key] = value
            return value
        }

        // The articles whose pairs with an earlier article may have changed: the later of every pair
        // made or unmade in an affected bucket, and every article that joined.
        func pair(_ a: Int, _ b: Int) -> Pair { a < b ? Pair(low: a, high: b) : Pair(low: b, high: a) }
        var resolve = Set(added.keys)
        for key in affected.sorted() {
            var before = Set<Pair>()
            forEachPair(try oldBucket(key)) { before.insert(pair($0, $1)) }
            var after = Set<Pair>()
            forEachPair(try newBucket(key)) { after.insert(pair($0, $1)) }
            for changed in before.symmetricDifference(after) {
                let later = earlier(changed.low, changed.high) ? changed.high : changed.low
                if !leaving.contains(later) { resolve.insert(later) }
            }
        }

        // Each of those articles resolved from all its pairs, as the full resolution does. Only their
        // partners are listed: a bucket of many near-copies has pairs by the hundred thousand.
        var partners: [Int64: [Int: [Int]]] = [:]
        func partnersIn(_ key: Int64) throws -> [Int: [Int]] {
            if let known = partners[key] { return known }
            var value: [Int: [Int]] = [:]
            forEachPair(try newBucket(key)) { a, b in
                if resolve.contains(a) { value[a, default: []].append(b) }
                if resolve.contains(b) { value[b, default: []].append(a) }
            }
            partners[key] = value
            return value
        }
        var signatures: [Int: OriginSignature?] = [:]
        func signature(_ ordinal: Int) throws -> OriginSignature? {
            if let known = signatures[ordinal] { return known }
            let value = try member(ordinal).flatMap { try lookup.signature(of: $0.member, shingles: true) }
            signatures[ordinal] = value
            return value
        }
        var sets: [Int: Set<UInt32>] = [:]
        func set(_ ordinal: Int) throws -> Set<UInt32> {
            if let known = sets[ordinal] { return known }
            let value = Set(try signature(ordinal)?.shingles ?? [])
            sets[ordinal] = value
            return value
        }
        var changed: [Int: ArticleOrigin] = [:]
        for copy in resolve.sorted() {
            guard let entry = member(copy) else { continue }
            let keys: [Int64]
            if let known = keysOf[copy] {
                keys = known
            } else {
                keys = NearDuplicates.bucketKeys(try lookup.signature(of: entry.member, shingles: false)?.minhash ?? [])
            }
            var originals = Set<Int>()
            for key in keys {
                for partner in try partnersIn(key)[copy] ?? [] where earlier(partner, copy) { originals.insert(partner) }
            }
            var best: (original: Int, match: NearDuplicates.Match)?
            for original in originals.sorted() {
                guard let source = member(original), source.member.outlet != entry.member.outlet,
                    let copyWords = entry.words, let originalWords = source.words,
                    copyWords >= settings.minimumWords, originalWords >= settings.minimumWords,
                    let copySignature = try signature(copy),
                    let match = NearDuplicates.check(copySignature, copySet: try set(copy), originalSet: try set(original), settings: settings)
                else { continue }
                if let known = best, !earlier(original, known.original) { continue }
                best = (original, match)
            }
            let mark: (name: String, mark: String)?
            if let known = addedMarks[copy] {
                mark = known
            } else if let agency = entry.origin.agency, let agencyMark = entry.origin.agencyMark {
                mark = (agency, agencyMark)
            } else {
                mark = nil
            }
            let copies = best.flatMap { best in
                member(best.original).map { source in
                    (NearDuplicates.Original(id: source.member.id, outlet: source.member.outlet, day: day(best.original)), best.match)
                }
            }
            let origin = NearDuplicates.origin(
                outlet: entry.member.outlet, day: day(copy), mark: mark, copies: copies, counting: settings.counting)
            if added[copy] != nil {
                added[copy]?.member.origin = origin
            } else if origin != entry.origin {
                changed[copy] = origin
            }
        }

        var origins: [String: ArticleOrigin] = [:]
        origins.reserveCapacity(difference.staying.count + added.count)
        for (id, ordinal) in difference.staying { origins[id] = changed[ordinal] ?? kept[ordinal]?.origin }
        for entry in added.values { origins[entry.member.member.id] = entry.member.origin }
        return Update(origins: origins, added: added, removed: removed, changed: changed)
    }
}
