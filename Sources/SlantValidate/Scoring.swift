import Foundation
import SlantCore
import SlantMeasure

/// The scores of a coded sample: what the report's methods section and `statistics.json` show as
/// "instrument validity on this corpus".
public struct InstrumentValidity: Sendable, Hashable {
    public var sampleID: String
    /// When the sample was drawn and scored (ISO 8601).
    public var drawn: String
    public var scored: String
    public var stratification: String
    public var coders: [String]
    public var files: [String]
    public var tagRows: Int
    public var untaggedRows: Int
    /// Rows at least one coder coded.
    public var codedTagRows: Int
    public var codedUntaggedRows: Int
    /// The analysis key of the corpus the sample was drawn from (the lexicons and settings it judged).
    public var analysisKey: String
    public var statistics: [Statistic]

    public init(
        sampleID: String, drawn: String, scored: String, stratification: String, coders: [String], files: [String],
        tagRows: Int, untaggedRows: Int, codedTagRows: Int, codedUntaggedRows: Int, analysisKey: String,
        statistics: [Statistic]
    ) {
        self.sampleID = sampleID
        self.drawn = drawn
        self.scored = scored
        self.stratification = stratification
        self.coders = coders
        self.files = files
        self.tagRows = tagRows
        self.untaggedRows = untaggedRows
        self.codedTagRows = codedTagRows
        self.codedUntaggedRows = codedUntaggedRows
        self.analysisKey = analysisKey
        self.statistics = statistics
    }

    /// "sample s-… drawn 2026-12-07, 48 of 50 tags and 12 of 12 untagged sentences coded, 2 coders".
    public var summary: String {
        "sample \(sampleID) drawn \(drawn.prefix(10)) (stratified by \(stratification)), scored \(scored.prefix(10)): \(codedTagRows) of \(tagRows) tagged occurrences and \(codedUntaggedRows) of \(untaggedRows) untagged sentences coded by \(coders.count) coder\(coders.count == 1 ? "" : "s") (\(coders.joined(separator: ", ")))"
    }
}

/// Computes the validity statistics of a coded sample. Pure: the sample, the coders' codes and the
/// lexicons in, statistics out.
///
/// - The reference code of a row is what most of its coders said (a tie leaves the row out of that
///   figure). Proportions weight each tag row by its stratum's population over its rows drawn, so
///   they estimate the corpus, with a Wilson 95% interval at Kish's effective sample size.
/// - Agreement (Krippendorff's α between all coders; Cohen's κ for each pair of coders and between
///   each coder and Slant) is over the sample's rows, unweighted, with a 95% bootstrap interval over rows.
public struct ValidityScoring {
    public let sample: ValidationSample
    public let coders: [Coder]
    public let facts: LexiconFacts
    public let scored: String
    public var resamples = 2_000

    public init(sample: ValidationSample, coders: [Coder], facts: LexiconFacts, scored: String) {
        self.sample = sample
        self.coders = coders
        self.facts = facts
        self.scored = scored
    }

    /// A reference code: the majority of the coders' values, nil when none coded it or they tie.
    static func majority<Value: Hashable>(_ values: [Value]) -> Value? {
        guard !values.isEmpty else { return nil }
        var counts: [Value: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        let best = counts.values.max() ?? 0
        let winners = counts.filter { $0.value == best }
        return winners.count == 1 ? winners.first?.key : nil
    }

    /// A domain a figure is computed over: its ID segment, its label and which rows belong to it.
    struct Domain {
        var id: String
        var label: String
        var lexicon: String?
        var family: String?
        var category: String?
        var voice: VoiceKey?
        var outlet: String?
        var contains: (SampleRow) -> Bool
        /// For recall: the population of tags and untagged sentences, and which misses count.
        var tagPopulation: Int?
        var untaggedPopulation: Int?
        var missCounts: (Set<String>) -> Bool
        var untaggedContains: (SampleRow) -> Bool
    }

    func domains() -> [Domain] {
        var domains = [
            Domain(
                id: "overall", label: "all tags", contains: { _ in true },
                tagPopulation: sample.population("total", "tags"), untaggedPopulation: sample.population("untagged", "all"),
                missCounts: { !$0.isEmpty }, untaggedContains: { _ in true }),
        ]
        let tagRows = sample.rows.filter { $0.kind == .tag }
        for lexiconID in Set(tagRows.compactMap(\.lexicon)).sorted() {
            let lexicon = facts.lexicon(lexiconID)
            domains.append(Domain(
                id: "lexicon/\(Slug.make(lexiconID))", label: "tags of \(lexiconID)", lexicon: lexiconID,
                contains: { $0.lexicon == lexiconID }, tagPopulation: sample.population("lexicon", lexiconID),
                untaggedPopulation: sample.population("untagged-lexicon", lexiconID),
                missCounts: { $0.contains("*") || $0.contains { $0.hasPrefix(lexiconID + "/") } },
                untaggedContains: { lexicon?.covers(language: $0.language) ?? false }))
        }
        for key in Set(tagRows.compactMap(\.groupKey)).sorted() {
            guard let row = tagRows.first(where: { $0.groupKey == key }), let lexiconID = row.lexicon, let group = row.group else { continue }
            let lexicon = facts.lexicon(lexiconID)
            let isFamily = row.tagKind == .term
            domains.append(Domain(
                id: "\(isFamily ? "family" : "category")/\(Slug.make(lexiconID))/\(Slug.make(group))",
                label: "\(isFamily ? "family" : "category") \(group) of \(lexiconID)", lexicon: lexiconID,
                family: isFamily ? group : nil, category: isFamily ? nil : group, contains: { $0.groupKey == key },
                tagPopulation: sample.population("group", key), untaggedPopulation: sample.population("untagged-lexicon", lexiconID),
                missCounts: { $0.contains(key) }, untaggedContains: { lexicon?.covers(language: $0.language) ?? false }))
        }
        for voice in Set(tagRows.compactMap(\.voice)).sorted() {
            domains.append(Domain(
                id: "voice/\(voice)", label: "tags in \(voice) voice", voice: voice, contains: { $0.voice == voice },
                missCounts: { _ in false }, untaggedContains: { _ in false }))
        }
        for outlet in Set(tagRows.map(\.outlet)).sorted() {
            domains.append(Domain(
                id: "outlet/\(Slug.make(outlet))", label: "tags in articles of \(outlet)", outlet: outlet,
                contains: { $0.outlet == outlet }, missCounts: { _ in false }, untaggedContains: { _ in false }))
        }
        return domains
    }

    /// Every validity statistic, and the summary the report shows.
    public func score() -> InstrumentValidity {
        let rows = sample.rows
        var reference: [String: Coding] = [:]
        for row in rows {
            let codes = coders.compactMap { $0.codes[row.id] }
            guard !codes.isEmpty else { continue }
            var coding = Coding()
            coding.correct = Self.majority(codes.compactMap(\.correct))
            coding.voice = Self.majority(codes.compactMap(\.voice))
            coding.speaker = Self.majority(codes.compactMap(\.speaker))
            coding.stance = Self.majority(codes.compactMap(\.stance))
            coding.missed = Self.majority(codes.compactMap(\.missed))
            reference[row.id] = coding
        }
        var statistics: [Statistic] = []
        let tags = rows.filter { $0.kind == .tag }
        let untagged = rows.filter { $0.kind == .untagged }
        for domain in domains() {
            let inDomain = tags.filter(domain.contains)
            func weighted(_ include: (SampleRow, Coding) -> Bool?) -> (Proportions.Weighted, [SampleRow])? {
                var units: [(weight: Double, success: Bool)] = []
                var used: [SampleRow] = []
                for row in inDomain {
                    guard let coding = reference[row.id], let success = include(row, coding) else { continue }
                    units.append((sample.weight(of: row), success))
                    used.append(row)
                }
                return Proportions.weighted(units).map { ($0, used) }
            }
            if let (precision, used) = weighted({ _, coding in coding.correct }) {
                statistics.append(proportion("precision", domain, precision, used, label: "precision of \(domain.label): share of tags a coder judged correct"))
                if let tagPopulation = domain.tagPopulation, let untaggedPopulation = domain.untaggedPopulation {
                    var units: [(weight: Double, success: Bool)] = []
                    var usedUntagged: [SampleRow] = []
                    for row in untagged where domain.untaggedContains(row) {
                        guard let missed = reference[row.id]?.missed else { continue }
                        units.append((1, domain.missCounts(missed)))
                        usedUntagged.append(row)
                    }
                    if let missRate = Proportions.weighted(units),
                        let recall = Proportions.recall(precision: precision, tags: tagPopulation, missRate: missRate, untaggedSentences: untaggedPopulation)
                    {
                        statistics.append(Statistic(
                            id: "validity/recall/\(domain.id)", kind: .validity, lexicon: domain.lexicon,
                            label: "Instrument validity on this corpus: recall of \(domain.label), estimated from \(usedUntagged.count) coded untagged sentences (\(missRate.successes) with a missed occurrence) of \(untaggedPopulation) and the precision of \(tagPopulation) tags (sample \(sample.id), \(sample.drawn.prefix(10)))",
                            family: domain.family, category: domain.category, value: recall.value, unit: "share",
                            interval: recall.interval, articles: Set((used + usedUntagged).map(\.articleID)).count,
                            occurrences: Double(used.count), total: Double(usedUntagged.count),
                            sufficient: used.count >= 10 && usedUntagged.count >= 10,
                            note: used.count >= 10 && usedUntagged.count >= 10 ? nil : "fewer than 10 coded tags or untagged sentences",
                            metric: "recall"))
                    }
                }
            }
            if let (accuracy, used) = weighted({ row, coding in coding.voice.map { $0 == row.voice } }) {
                statistics.append(proportion("voice-accuracy", domain, accuracy, used, label: "accuracy of the voice of \(domain.label): share where the coder's voice is Slant's"))
            }
            if let (accuracy, used) = weighted({ row, coding in
                guard let speaker = coding.speaker else { return nil }
                let speechVoices: Set<Voice> = [.quoted, .attributed]
                guard speechVoices.contains(row.voice?.voice ?? .authorial) || speechVoices.contains(coding.voice?.voice ?? .authorial) else { return nil }
                return Speakers.match(speaker, Speakers.fold(row.speaker ?? ""))
            }) {
                statistics.append(proportion("speaker-accuracy", domain, accuracy, used, label: "accuracy of the speaker of \(domain.label) in quotations and reported speech: share where the coder names Slant's speaker"))
            }
            if let (accuracy, used) = weighted({ row, coding in
                guard row.tagKind == .term, coding.correct == true, let stance = coding.stance else { return nil }
                return stance == (row.stance ?? "")
            }) {
                statistics.append(proportion("stance-accuracy", domain, accuracy, used, label: "accuracy of the stance of \(domain.label) judged correct: share where the coder's stance is the lexicon's"))
            }
        }
        statistics += agreement()
        let coded = Set(reference.keys)
        return InstrumentValidity(
            sampleID: sample.id, drawn: sample.drawn, scored: scored, stratification: sample.stratification.rawValue,
            coders: coders.map(\.name), files: Array(Set(coders.map(\.file))).sorted(), tagRows: tags.count,
            untaggedRows: untagged.count, codedTagRows: tags.filter { coded.contains($0.id) }.count,
            codedUntaggedRows: untagged.filter { coded.contains($0.id) }.count, analysisKey: sample.analysisKey,
            statistics: statistics)
    }

    private func proportion(_ metric: String, _ domain: Domain, _ estimate: Proportions.Weighted, _ rows: [SampleRow], label: String) -> Statistic {
        let equal = abs(estimate.effectiveSize - Double(estimate.units)) < 1e-9
        var note: String? = equal ? nil : String(format: "weighted by stratum; effective sample size %.1f", estimate.effectiveSize)
        let sufficient = estimate.units >= 10
        if !sufficient { note = ["fewer than 10 coded rows", note].compactMap { $0 }.joined(separator: "; ") }
        return Statistic(
            id: "validity/\(metric)/\(domain.id)", kind: .validity, lexicon: domain.lexicon,
            label: "Instrument validity on this corpus: \(label) (sample \(sample.id), \(sample.drawn.prefix(10)))",
            outlet: domain.outlet, voice: domain.voice, family: domain.family, category: domain.category,
            value: estimate.value, unit: "share", interval: estimate.interval(), articles: Set(rows.map(\.articleID)).count,
            occurrences: Double(estimate.successes), total: Double(estimate.units), sufficient: sufficient, note: note,
            metric: metric)
    }

    // MARK: - Agreement

    /// The attributes agreement is computed on, with each coder's value of a row and Slant's.
    private var attributes: [(name: String, code: (Coding) -> String?, slant: ((SampleRow) -> String?)?)] {
        [
            ("correct", { $0.correct.map { $0 ? "yes" : "no" } }, nil),
            ("voice", { $0.voice?.description }, { $0.voice?.description }),
            ("speaker", { $0.speaker }, { row in
                guard let voice = row.voice?.voice, voice == .quoted || voice == .attributed else { return nil }
                return Speakers.fold(row.speaker ?? "")
            }),
            ("stance", { $0.stance }, { $0.tagKind == .term ? ($0.stance ?? "") : nil }),
            ("missed", { coding in coding.missed.map { $0.isEmpty ? "no" : $0.sorted().joined(separator: ";") } }, nil),
        ]
    }

    private func agreement() -> [Statistic] {
        var statistics: [Statistic] = []
        let rows = sample.rows
        let names = SlugTable(coders.map(\.name))
        for attribute in attributes {
            let matrix: [[String?]] = rows.map { row in coders.map { $0.codes[row.id].flatMap(attribute.code) } }
            if coders.count >= 2 {
                let pairable = matrix.filter { $0.compactMap { $0 }.count >= 2 }
                if !pairable.isEmpty, let alpha = Agreement.krippendorffAlpha(pairable) {
                    let id = "validity/agreement/\(attribute.name)/krippendorff-alpha"
                    statistics.append(coefficient(
                        id: id, metric: "krippendorff-alpha", value: alpha,
                        interval: Agreement.bootstrapInterval(pairable, resamples: resamples, seed: id, coefficient: Agreement.krippendorffAlpha),
                        units: pairable.count,
                        label: "agreement on \(attribute.name) between \(coders.count) coders, Krippendorff's α (nominal)"))
                }
                for first in 0..<coders.count {
                    for second in (first + 1)..<coders.count {
                        let pairs = matrix.compactMap { unit -> (String, String)? in
                            guard let a = unit[first], let b = unit[second] else { return nil }
                            return (a, b)
                        }
                        guard let kappa = Agreement.cohenKappa(pairs) else { continue }
                        let id = "validity/agreement/\(attribute.name)/cohen-kappa/\(names.slug(coders[first].name))/\(names.slug(coders[second].name))"
                        statistics.append(coefficient(
                            id: id, metric: "cohen-kappa", value: kappa,
                            interval: Agreement.bootstrapInterval(pairs.map { [$0.0, $0.1] }, resamples: resamples, seed: id) { units in
                                Agreement.cohenKappa(units.map { ($0[0], $0[1]) })
                            },
                            units: pairs.count,
                            label: "agreement on \(attribute.name) between coders \(coders[first].name) and \(coders[second].name), Cohen's κ"))
                    }
                }
            }
            guard let slant = attribute.slant else { continue }
            for (position, coder) in coders.enumerated() {
                let pairs = rows.indices.compactMap { index -> (String, String)? in
                    guard let a = matrix[index][position], let b = slant(rows[index]) else { return nil }
                    return (a, b)
                }
                guard let kappa = Agreement.cohenKappa(pairs) else { continue }
                let id = "validity/agreement/\(attribute.name)/cohen-kappa/\(names.slug(coder.name))/slant"
                statistics.append(coefficient(
                    id: id, metric: "cohen-kappa", value: kappa,
                    interval: Agreement.bootstrapInterval(pairs.map { [$0.0, $0.1] }, resamples: resamples, seed: id) { units in
                        Agreement.cohenKappa(units.map { ($0[0], $0[1]) })
                    },
                    units: pairs.count, label: "agreement on \(attribute.name) between coder \(coder.name) and Slant, Cohen's κ"))
            }
        }
        return statistics
    }

    private func coefficient(id: String, metric: String, value: Double, interval: Interval?, units: Int, label: String) -> Statistic {
        Statistic(
            id: id, kind: .validity, label: "Instrument validity on this corpus: \(label) (sample \(sample.id), \(sample.drawn.prefix(10)))",
            value: value, unit: "coefficient", interval: interval, articles: 0, occurrences: Double(units), total: Double(units),
            sufficient: units >= 10, note: units >= 10 ? nil : "fewer than 10 units coded by both", metric: metric)
    }
}
