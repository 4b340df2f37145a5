import Foundation
import SlantCore

/// Where an article's text comes from.
public struct ArticleOrigin: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The outlet's own writing.
        case own
        /// A copy (near-duplicate) of an earlier article of another outlet.
        case republished
        /// Agency copy, recognised by the agency's byline, dateline or credit line.
        case agency
    }

    public var kind: Kind
    /// The agency, for agency copy.
    public var agency: String?
    /// What recognised the agency: "byline “Reuters”", "dateline “MOSCOW (Reuters) -”".
    public var agencyMark: String?
    /// The earlier article it copies (republished, or agency copy found earlier in the corpus).
    public var copiesArticle: String?
    public var copiesOutlet: String?
    /// The share of its sentences found in that article, the share of its shingles (containment) and
    /// the Jaccard similarity of the two.
    public var matchedSentences: Double?
    public var containment: Double?
    public var jaccard: Double?
    /// Why that article is taken for the original: "published earlier", or how a tie was broken.
    public var basis: String?
    /// The group its figures are counted in (the outlet, or "<agency> (agency copy)"); nil when its
    /// text is counted with the article it copies.
    public var countedFor: String?

    public init(kind: Kind, countedFor: String?) {
        self.kind = kind
        self.countedFor = countedFor
    }
}

/// What origin resolution needs of one article besides its signature.
public struct OriginArticle: Sendable, Hashable {
    public var id: String
    public var outlet: String
    public var published: String?
    /// Its place in the corpus by source path: breaks ties of dates.
    public var rank: Int

    public init(id: String, outlet: String, published: String?, rank: Int) {
        self.id = id
        self.outlet = outlet
        self.published = published
        self.rank = rank
    }

    /// Days since 1970-01-01 of a date that starts `YYYY-MM-DD`.
    public var day: Int? { Self.day(of: published) }

    /// Days since 1970-01-01 of a date that starts `YYYY-MM-DD`; nil for no date or another form.
    public static func day(of published: String?) -> Int? {
        guard let published else { return nil }
        let bytes = Array(published.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// Near-duplicate detection and origins: MinHash signatures banded into buckets (locality-sensitive
/// hashing) give candidate pairs in time linear in the corpus, limited to a publication-date
/// window; each candidate pair is checked on the exact shingles (containment both ways, Jaccard,
/// matching sentences); each article's origin follows. Pure functions.
public enum NearDuplicates {
    /// Bands × rows of the LSH index: 64 bands of 2 hashes catch pairs of Jaccard similarity 0.2 with
    /// probability 0.93 and 0.33 with 0.999 (1 − (1 − J²)⁶⁴).
    public static let bands = 64
    public static let rows = 2
    /// A bucket with more articles than this within a window holds boilerplate every article shares,
    /// not copies: its pairs beyond this many per article are not made (so the cost stays linear).
    public static let partnersPerBucket = 64

    /// The bucket of each band of a MinHash signature (none for a signature shorter than the bands):
    /// the band in the top 6 bits, a hash of its rows below, so that one key names one bucket of one
    /// band and the kept index (``OriginIndex``) can hold every band's buckets in one table.
    public static func bucketKeys(_ minhash: [UInt32]) -> [Int64] {
        var keys: [Int64] = []
        keys.reserveCapacity(bands)
        for band in 0..<bands where minhash.count >= (band + 1) * rows {
            keys.append(bucketKey(minhash, band: band))
        }
        return keys
    }

    static func bucketKey(_ minhash: [UInt32], band: Int) -> Int64 {
        var key: UInt64 = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
        for row in 0..<rows { key = WordHashing.mix(key ^ UInt64(minhash[band * rows + row])) }
        return Int64(bitPattern: UInt64(band) << 58 | key >> 6)
    }

    /// The pairs one bucket makes, as positions in `days`, the days of its articles in bucket order
    /// (undated first, then by day, then in corpus order): each article with the next ones at most
    /// `windowDays` later (any number of days when either is undated), at most ``partnersPerBucket`` of them.
    public static func forEachBucketPair(_ days: [Int?], windowDays: Int, _ body: (Int, Int) -> Void) {
        for first in days.indices {
            var partners = 0
            for second in (first + 1)..<days.count {
                if let a = days[first], let b = days[second], b - a > windowDays { break }
                body(first, second)
                partners += 1
                if partners >= partnersPerBucket { break }
            }
        }
    }

    /// Candidate pairs (i < j) of articles sharing a band of their signatures, at most `windowDays`
    /// apart (pairs with an undated article are kept); the articles in corpus order.
    public static func candidatePairs(_ minhashes: [[UInt32]], days: [Int?], windowDays: Int) -> [(Int, Int)] {
        var pairs = Set<UInt64>()
        // Per band: the first article of each bucket, and each article's next one of the same bucket.
        var head: [Int64: Int32] = [:]
        head.reserveCapacity(minhashes.count)
        var next = [Int32](repeating: -1, count: minhashes.count)
        var members: [Int] = []
        for band in 0..<bands {
            head.removeAll(keepingCapacity: true)
            var shared: [Int32] = []
            for (index, signature) in minhashes.enumerated() where signature.count >= (band + 1) * rows {
                let key = bucketKey(signature, band: band)
                if let first = head[key] {
                    next[index] = next[Int(first)]
                    next[Int(first)] = Int32(index)
                    if next[index] == -1 { shared.append(first) }
                } else {
                    head[key] = Int32(index)
                    next[index] = -1
                }
            }
            for first in shared {
                members.removeAll(keepingCapacity: true)
                var cursor = Int(first)
                while cursor >= 0 {
                    members.append(cursor)
                    cursor = Int(next[cursor])
                }
                let ordered = members.sorted { (days[$0] ?? Int.min, $0) < (days[$1] ?? Int.min, $1) }
                forEachBucketPair(ordered.map { days[$0] }, windowDays: windowDays) { a, b in
                    let (low, high) = ordered[a] < ordered[b] ? (ordered[a], ordered[b]) : (ordered[b], ordered[a])
                    pairs.insert(UInt64(low) << 32 | UInt64(high))
                }
            }
        }
        return pairs.sorted().map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
    }

    /// How much of `a` is in `b`: the share of a's distinct shingles found in b, and the share of a's
    /// sentences (with shingles) at least half of whose shingles are in b.
    public struct Overlap: Sendable, Hashable {
        public var containment: Double
        public var matchedSentences: Double
    }

    public static func overlap(_ a: OriginSignature, in b: Set<UInt32>) -> Overlap {
        let distinct = Set(a.shingles)
        guard !distinct.isEmpty else { return Overlap(containment: 0, matchedSentences: 0) }
        let shared = distinct.lazy.filter { b.contains($0) }.count
        var matched = 0
        var counted = 0
        var start = 0
        for end in a.sentenceEnds.map(Int.init) where end > start {
            let hits = a.shingles[start..<min(end, a.shingles.count)].lazy.filter { b.contains($0) }.count
            counted += 1
            if 2 * hits >= end - start { matched += 1 }
            start = end
        }
        return Overlap(containment: Double(shared) / Double(distinct.count), matchedSentences: counted > 0 ? Double(matched) / Double(counted) : 0)
    }

    /// The agency whose mark the article carries, and where: its byline, a dateline at the start of
    /// its body (`MOSCOW (Reuters) -`, `YEREVAN, OCTOBER 21, ARMENPRESS.`, `MOSCOW, October 14. /TASS/.`),
    /// or a short last block crediting it (`Source: Reuters`, `(AFP)`, `© AFP`).
    public static func agency(_ signature: OriginSignature, agencies: [OriginSettings.Agency]) -> (name: String, mark: String)? {
        agency(signature, marks: AgencyMarks(agencies))
    }

    /// The agencies' marks, prepared once for many articles: each mark with its bare form (`Reuters`
    /// for `(Reuters)`) and the credit lines it makes.
    public struct AgencyMarks: Sendable {
        struct Mark: Sendable {
            var agency: String
            var mark: String
            var plain: String
            var enclosed: Bool
            var credits: [String]
        }

        var marks: [Mark]

        public init(_ agencies: [OriginSettings.Agency]) {
            marks = agencies.flatMap { agency in
                agency.marks.map { mark in
                    let plain = mark.trimmingCharacters(in: CharacterSet(charactersIn: "()/ "))
                    return Mark(
                        agency: agency.name, mark: mark, plain: plain, enclosed: mark.hasPrefix("(") || mark.hasPrefix("/"),
                        credits: ["Source: \(plain)", "(\(plain))", "© \(plain)", "— \(plain)", "– \(plain)", "Copyright \(plain)", "Via \(plain)", "via \(plain)"])
                }
            }
        }
    }

    static func agency(_ signature: OriginSignature, marks: AgencyMarks) -> (name: String, mark: String)? {
        let byline = (signature.byline ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !byline.isEmpty {
            let bare = byline.lowercased().hasPrefix("by ") ? String(byline.dropFirst(3)) : byline
            for mark in marks.marks {
                if bare.caseInsensitiveCompare(mark.mark) == .orderedSame || bare.caseInsensitiveCompare(mark.plain) == .orderedSame
                    || (mark.plain.count >= 4 && (bare.hasPrefix(mark.plain + " ") || bare.hasSuffix(" " + mark.plain) || bare.hasSuffix("/" + mark.plain)))
                {
                    return (mark.agency, "byline “\(byline)”")
                }
            }
        }
        let lead = signature.lead
        if !lead.isEmpty {
            for mark in marks.marks {
                guard let range = lead.range(of: mark.mark) else { continue }
                let before = lead[..<range.lowerBound]
                guard before.count <= 60 else { continue }
                let after = lead[range.upperBound...].drop { $0 == " " || $0 == "\u{A0}" }
                let dateline: Bool
                if mark.enclosed {
                    // `MOSCOW (Reuters) -`, `MOSCOW, October 14. /TASS/.`: a place (capitalised) before it, or nothing.
                    dateline = before.isEmpty || before.contains { $0.isUppercase }
                } else {
                    // `YEREVAN, OCTOBER 21, ARMENPRESS.`: the place in capitals, the mark closed by a dash, colon or full stop.
                    let place = before.split(separator: " ").first.map { word in
                        word.contains { $0.isLetter } && word.allSatisfy { !$0.isLetter || $0.isUppercase }
                    } ?? false
                    dateline = place && (after.first.map { "-–—:.".contains($0) } ?? false)
                }
                if dateline {
                    let line = String((before + lead[range] + after.prefix(2)).prefix(80)).trimmingCharacters(in: .whitespaces)
                    return (mark.agency, "dateline “\(line)”")
                }
            }
        }
        let tail = signature.tail.trimmingCharacters(in: .whitespacesAndNewlines)
        if !tail.isEmpty, tail.count <= 100 {
            for mark in marks.marks where tail == mark.plain || mark.credits.contains(where: { tail.hasPrefix($0) }) {
                return (mark.agency, "credit “\(tail)”")
            }
        }
        return nil
    }

    /// The origin of every article. An article copies an earlier one (by publication date; for the same
    /// or no date, the one whose source path sorts first) of another outlet when at least `minimumShare` of its
    /// shingles are in it; of all it copies, the earliest is its origin. Agency copy is recognised by
    /// its marks. With `counting` `own`, an article is counted for its outlet only when it is its own
    /// writing, and agency copy once, under the agency, whoever ran it first.
    public static func origins(
        _ articles: [OriginArticle], signatures: [OriginSignature?], pairs: [(Int, Int)], settings: OriginSettings
    ) -> [ArticleOrigin] {
        let days = articles.map(\.day)
        func earlier(_ a: Int, _ b: Int) -> Bool {
            let left = (days[a] ?? Int.max, articles[a].rank, a)
            let right = (days[b] ?? Int.max, articles[b].rank, b)
            return left < right
        }
        var sets: [Int: Set<UInt32>] = [:]
        func set(_ index: Int) -> Set<UInt32> {
            if let known = sets[index] { return known }
            let value = Set(signatures[index]?.shingles ?? [])
            sets[index] = value
            return value
        }
        var copies: [Int: (original: Int, match: Match)] = [:]
        for (first, second) in pairs {
            guard articles[first].outlet != articles[second].outlet,
                let a = signatures[first], let b = signatures[second],
                a.words >= settings.minimumWords, b.words >= settings.minimumWords
            else { continue }
            let (original, copy) = earlier(first, second) ? (first, second) : (second, first)
            guard let copySignature = signatures[copy],
                let match = check(copySignature, copySet: set(copy), originalSet: set(original), settings: settings)
            else { continue }
            if let known = copies[copy], !earlier(original, known.original) { continue }
            copies[copy] = (original, match)
        }
        var result: [ArticleOrigin] = []
        result.reserveCapacity(articles.count)
        let marks = AgencyMarks(settings.agencies)
        for (index, article) in articles.enumerated() {
            let mark = signatures[index].flatMap { agency($0, marks: marks) }
            let copied = copies[index].map { copy in
                (Original(id: articles[copy.original].id, outlet: articles[copy.original].outlet, day: days[copy.original]), copy.match)
            }
            result.append(origin(outlet: article.outlet, day: days[index], mark: mark, copies: copied, counting: settings.counting))
        }
        return result
    }

    /// What a pair checked on its exact shingles shows: how much of the later article is in the
    /// earlier one, and the Jaccard similarity of the two.
    public struct Match: Sendable, Hashable {
        public var overlap: Overlap
        public var jaccard: Double
    }

    /// The article a copy copies, as its origin names it.
    public struct Original: Sendable, Hashable {
        public var id: String
        public var outlet: String
        public var day: Int?

        public init(id: String, outlet: String, day: Int?) {
            self.id = id
            self.outlet = outlet
            self.day = day
        }
    }

    /// The match of `copy` (whose distinct shingles are `copySet`) in the article of `originalSet`, when
    /// at least `minimumShare` of its shingles are there.
    static func check(_ copy: OriginSignature, copySet: Set<UInt32>, originalSet: Set<UInt32>, settings: OriginSettings) -> Match? {
        let overlap = overlap(copy, in: originalSet)
        guard overlap.containment >= settings.minimumShare else { return nil }
        let union = originalSet.union(copySet).count
        let jaccard = union > 0 ? Double(originalSet.intersection(copySet).count) / Double(union) : 0
        return Match(overlap: overlap, jaccard: jaccard)
    }

    /// An article's origin from its agency mark and the earliest article it copies.
    static func origin(
        outlet: String, day: Int?, mark: (name: String, mark: String)?, copies: (original: Original, match: Match)?,
        counting: OriginSettings.Counting
    ) -> ArticleOrigin {
        var origin = ArticleOrigin(kind: mark != nil ? .agency : copies != nil ? .republished : .own, countedFor: nil)
        origin.agency = mark?.name
        origin.agencyMark = mark?.mark
        if let (original, match) = copies {
            origin.copiesArticle = original.id
            origin.copiesOutlet = original.outlet
            origin.matchedSentences = match.overlap.matchedSentences
            origin.containment = match.overlap.containment
            origin.jaccard = match.jaccard
            switch (original.day, day) {
            case (let original?, let copy?) where original != copy:
                origin.basis = "published earlier"
            case (.some, nil):
                origin.basis = "the copy has no publication date: the dated article is taken for the original"
            default:
                origin.basis = "the same (or no) publication date: the article whose source path sorts first is taken for the original"
            }
        }
        switch counting {
        case .all:
            origin.countedFor = outlet
        case .own:
            if origin.copiesArticle == nil {
                origin.countedFor = origin.kind == .agency ? "\(origin.agency ?? "agency") (agency copy)" : outlet
            }
        }
        return origin
    }
}
