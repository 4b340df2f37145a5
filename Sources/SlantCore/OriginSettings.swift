/// How articles' origins are found and counted (`origin:` in `pipeline.yaml`).
public struct OriginSettings: Sendable, Hashable {
    /// What outlet figures count.
    public enum Counting: String, Sendable, Hashable, CaseIterable {
        /// Each outlet's own writing; republished text counted once, for its origin; agency copy once,
        /// under the agency.
        case own
        /// Everything an outlet published, copies included (each copy counted for every outlet that ran it).
        case all
    }

    /// A news agency and the marks its copy carries: a byline, a dateline token such as `(Reuters)`,
    /// `/TASS/` or `ARMENPRESS`, or a credit line naming it.
    public struct Agency: Sendable, Hashable {
        public var name: String
        /// Case-sensitive marks.
        public var marks: [String]

        public init(name: String, marks: [String]) {
            self.name = name
            self.marks = marks
        }
    }

    public var counting = Counting.own
    /// Words per shingle (`origin.shingle_words`).
    public var shingleWords = 5
    /// A later article is a copy of an earlier one when at least this share of its shingles is in the
    /// earlier one (`origin.min_share`; containment, so that a copy with a lede of its own is found).
    public var minimumShare = 0.5
    /// Candidate pairs are at most this many days apart (`origin.window_days`); undated articles
    /// are compared with every candidate.
    public var windowDays = 30
    /// Articles with fewer words are never taken for copies (`origin.min_words`).
    public var minimumWords = 40
    /// The agencies recognised (`origin.agencies`, replacing this list).
    public var agencies = OriginSettings.defaultAgencies

    public init() {}

    /// The agencies recognised when the configuration names none.
    public static let defaultAgencies: [Agency] = [
        Agency(name: "Associated Press", marks: ["(AP)", "Associated Press", "The Associated Press"]),
        Agency(name: "Reuters", marks: ["(Reuters)", "Reuters", "Thomson Reuters"]),
        Agency(name: "AFP", marks: ["(AFP)", "AFP", "Agence France-Presse", "Agence France Presse"]),
        Agency(name: "TASS", marks: ["/TASS/", "(TASS)", "TASS", "ТАСС", "/ТАСС/"]),
        Agency(name: "Anadolu Agency", marks: ["(AA)", "Anadolu Agency", "Anadolu Ajansı"]),
        Agency(name: "APA", marks: ["(APA)", "APA"]),
        Agency(name: "Armenpress", marks: ["ARMENPRESS", "Armenpress"]),
        Agency(name: "AZERTAC", marks: ["AZERTAC", "AzerTAc", "(AZERTAC)"]),
        Agency(name: "Xinhua", marks: ["(Xinhua)", "Xinhua"]),
        Agency(name: "dpa", marks: ["(dpa)", "dpa"]),
        Agency(name: "Interfax", marks: ["(Interfax)", "Interfax", "Интерфакс"]),
        Agency(name: "RIA Novosti", marks: ["(RIA Novosti)", "RIA Novosti", "РИА Новости"]),
        Agency(name: "EFE", marks: ["(EFE)", "EFE"]),
        Agency(name: "ANSA", marks: ["(ANSA)", "ANSA"]),
    ]

    /// What the stored signatures depend on (the rest is applied at each run).
    public var signatureDigest: ContentDigest { ContentDigest(ofParts: ["shingle-words", String(shingleWords)]) }
}
