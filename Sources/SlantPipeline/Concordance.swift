import Foundation
import SlantCore
import SlantMeasure
import SlantReport
import SlantStore

/// `slant kwic TERM`: every occurrence of a term (or a loaded-language entry, or a matched text) in
/// the corpus of the last run, with its article, outlet, date, voice and speaker.
public enum Concordance {
    /// What to look up.
    public struct Query: Sendable {
        public var term: String
        public var outlet: String?
        /// A voice as statistics name it (`authorial`, `authorial-distanced`, `quoted`, `attributed`, `comment`).
        public var voice: String?
        public var limit: Int?

        public init(term: String, outlet: String? = nil, voice: String? = nil, limit: Int? = nil) {
            self.term = term
            self.outlet = outlet
            self.voice = voice
            self.limit = limit
        }
    }

    /// One occurrence, with the article it is in.
    public struct Line: Sendable {
        public var member: CorpusMember
        public var article: ArticleMeasures?
        public var evidence: Evidence
    }

    /// The occurrences found, in outlet and article order, and how many there are in all.
    public struct Result: Sendable {
        public var lines: [Line]
        public var total: Int
    }

    /// An outlet the corpus does not have.
    public struct UnknownOutlet: Error, CustomStringConvertible {
        public var outlet: String
        public var known: [String]
        public var description: String { "no outlet `\(outlet)` in the corpus; outlets: \(known.joined(separator: ", "))" }
    }

    public static func lookup(_ query: Query, configuration: PipelineConfiguration) throws -> Result {
        let store = try ExistingStore.open(configuration)
        var members = try store.corpus()
        if let outlet = query.outlet {
            let all = members
            members = members.filter { $0.outlet.caseInsensitiveCompare(outlet) == .orderedSame || Slug.make($0.outlet) == Slug.make(outlet) }
            if members.isEmpty { throw UnknownOutlet(outlet: outlet, known: Set(all.map(\.outlet)).sorted()) }
        }
        var rows = try store.evidence(matching: query.term, in: members)
        if let voice = query.voice {
            rows = rows.filter { $0.1.voice.description == voice || $0.1.voice.voice.rawValue == voice }
        }
        rows.sort { ($0.0.outlet, $0.0.source, $0.1.comment ?? -1, $0.1.start) < ($1.0.outlet, $1.0.source, $1.1.comment ?? -1, $1.1.start) }
        let total = rows.count
        if let limit = query.limit { rows = Array(rows.prefix(limit)) }
        var articles: [String: ArticleMeasures] = [:]
        for (member, _) in rows where articles[member.digest] == nil {
            articles[member.digest] = try store.measures(digest: member.digest, key: member.analysisKey).map { CorpusJoin.article($0, member: member) }
        }
        return Result(lines: rows.map { Line(member: $0.0, article: articles[$0.0.digest], evidence: $0.1) }, total: total)
    }
}

/// `slant cite ID`: a ready citation of one statistic of the latest report — what was measured, on
/// which articles and dates, the value with its interval and n, and the Slant version, lexicon and
/// corpus digests that reproduce it.
public enum CitationLookup {
    /// An ID the latest report does not have, with the closest ones.
    public struct UnknownStatistic: Error, CustomStringConvertible {
        public var id: String
        public var suggestions: [String]
        /// Whether the store holds any statistic at all.
        public var empty: Bool
        public var description: String {
            if empty { return "the store holds no statistics yet; run `slant run` first" }
            let close = suggestions.isEmpty ? "" : "; did you mean:\n  " + suggestions.joined(separator: "\n  ")
            return "no statistic `\(id)` in the latest report\(close)\n(every ID is in reports/statistics.json and reports/data/statistics.csv)"
        }
    }

    public static func citation(
        of id: String, format: Citation.Format, configuration: PipelineConfiguration
    ) throws -> String {
        let store = try ExistingStore.open(configuration)
        guard let statistic = try store.statistic(id) else {
            let ids = try store.statisticIDs()
            throw UnknownStatistic(id: id, suggestions: suggestions(for: id, among: ids), empty: ids.isEmpty)
        }
        let context = CitationContext(
            slantVersion: try store.meta("citation_version") ?? SlantVersion.current,
            corpusDigest: ContentDigest(hex: try store.meta("citation_corpus") ?? ""),
            lexicons: (try store.meta("citation_lexicons") ?? "").split(separator: "\n").map(String.init),
            generatedAt: try store.meta("citation_generated") ?? "")
        return Citation.render(statistic, context: context, format: format)
    }

    /// IDs sharing the most leading path segments with the one asked for (at most five).
    static func suggestions(for id: String, among ids: [String]) -> [String] {
        let parts = id.lowercased().split(separator: "/")
        func shared(_ candidate: String) -> Int {
            zip(parts, candidate.split(separator: "/")).prefix { $0 == $1 }.count
        }
        let scored = ids.map { ($0, shared($0)) }.filter { $0.1 > 0 }
        let best = scored.map(\.1).max() ?? 0
        return scored.filter { $0.1 == best }.map(\.0).prefix(5).map { $0 }
    }
}
