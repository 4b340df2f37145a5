import Foundation
import SlantCore
import SlantMeasure
import SlantReport
import SlantStore
import SlantTag

/// `slant kwic TERM`: every occurrence of a term (or a loaded-language entry, or a matched text) in
/// the corpus of the last run, with its article, outlet, date, voice and speaker.
public enum Concordance {
    /// What to look up.
    public struct Query: Sendable {
        public var term: String
        public var outlet: String?
        /// A voice as statistics name it (`authorial`, `authorial-distanced`, `quoted`, `attributed`, `comment`,
        /// `headline`, `headline-distanced`). `authorial` and `headline` are the adopted uses only, as the
        /// report counts them: distanced uses are in `authorial-distanced` and `headline-distanced`.
        public var voice: String?
        public var limit: Int?

        public init(term: String, outlet: String? = nil, voice: String? = nil, limit: Int? = nil) {
            self.term = term
            self.outlet = outlet
            self.voice = voice
            self.limit = limit
        }
    }

    /// One place in the corpus, with the article it is in and everything that tagged it there.
    public struct Line: Sendable {
        public var member: CorpusMember
        public var article: ArticleMeasures?
        /// The first occurrence at this place (its sentence, voice, speaker, offsets).
        public var evidence: Evidence
        /// What tagged the place: `lexicon family/term` or `lexicon category/entry`, once each.
        public var tags: [String]
    }

    /// The occurrences found, in outlet and article order, how many places there are in all, and in
    /// how many articles (both over every place found, not only the lines a limit kept).
    public struct Result: Sendable {
        public var lines: [Line]
        public var total: Int
        public var articles: Int
    }

    /// An outlet the corpus does not have.
    public struct UnknownOutlet: Error, CustomStringConvertible {
        public var outlet: String
        public var known: [String]
        public var description: String { "no outlet `\(outlet)` in the corpus; outlets: \(known.joined(separator: ", "))" }
    }

    /// Every place where the query names what was tagged: its term, entry or matched text (compared as
    /// the matcher compares words: `Nagorno Karabakh`, `Nagorno–Karabakh` and `Nagorno-Karabakh` are one
    /// query, `Artsakh's` finds `Artsakh`), or its family, category, stance or lexicon id.
    public static func lookup(_ query: Query, configuration: PipelineConfiguration) throws -> Result {
        let store = try ExistingStore.open(configuration)
        var members = try store.corpus()
        if let outlet = query.outlet {
            let all = members
            members = members.filter { $0.outlet.caseInsensitiveCompare(outlet) == .orderedSame || Slug.make($0.outlet) == Slug.make(outlet) }
            if members.isEmpty { throw UnknownOutlet(outlet: outlet, known: Set(all.map(\.outlet)).sorted()) }
        }
        let wanted = MatchText.normalized(query.term)
        let wantedID = query.term.lowercased()
        var normalized: [String: String] = [:]
        func same(_ text: String) -> Bool {
            if let known = normalized[text] { return known == wanted }
            let made = MatchText.normalized(text)
            normalized[text] = made
            return made == wanted
        }
        func matches(_ evidence: Evidence) -> Bool {
            if let voice = query.voice, evidence.voice.description != voice { return false }
            if same(evidence.item) || same(evidence.text) { return true }
            return [evidence.group, evidence.stance ?? "", evidence.lexicon].contains { !$0.isEmpty && $0.lowercased() == wantedID }
        }
        var places: [Line] = []
        var placeOf: [String: Int] = [:]
        try store.forEachEvidence(of: members.map { ($0.digest, $0.analysisKey) }) { position, items in
            let member = members[position]
            for item in items where matches(item) {
                let tag = [item.lexicon, "\(item.group)/\(item.item)"].filter { !$0.isEmpty }.joined(separator: " ")
                let key = "\(member.digest)\u{1F}\(member.source)\u{1F}\(item.comment ?? -1)\u{1F}\(item.start)\u{1F}\(item.end)"
                if let index = placeOf[key] {
                    if !places[index].tags.contains(tag) { places[index].tags.append(tag) }
                } else {
                    placeOf[key] = places.count
                    places.append(Line(member: member, article: nil, evidence: item, tags: [tag]))
                }
            }
        }
        places.sort {
            ($0.member.outlet, $0.member.source, $0.evidence.comment ?? -1, $0.evidence.start)
                < ($1.member.outlet, $1.member.source, $1.evidence.comment ?? -1, $1.evidence.start)
        }
        let total = places.count
        let articleCount = Set(places.map(\.member.digest)).count
        if let limit = query.limit { places = Array(places.prefix(limit)) }
        var articles: [String: ArticleMeasures] = [:]
        for place in places where articles[place.member.digest] == nil {
            articles[place.member.digest] = try store.measures(digest: place.member.digest, key: place.member.analysisKey)
                .map { CorpusJoin.article($0, member: place.member) }
        }
        for index in places.indices { places[index].article = articles[places[index].member.digest] }
        return Result(lines: places, total: total, articles: articleCount)
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

    /// The citation of `id` in `format`; `baseURL` (where the report directory is published) gives the
    /// BibTeX entry an absolute `url` of the figure's evidence panel.
    public static func citation(
        of id: String, format: Citation.Format, configuration: PipelineConfiguration, baseURL: String? = nil
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
            models: (try store.meta("citation_models") ?? "").split(separator: "\n").map(String.init),
            generatedAt: try store.meta("citation_generated") ?? "", baseURL: baseURL)
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
