import Foundation
import SlantCore
import SlantMeasure
import SlantReport
import SlantStore
import SlantValidate

/// `slant validate sample` and `slant validate score`: a stratified sample of the tagged occurrences
/// (and of untagged sentences, for recall) of the last run's corpus, drawn for human coders, and the
/// scores of their coding, kept in the store for the report and `slant cite`.
public enum ValidationWorkflow {
    /// How to draw a sample.
    public struct SampleOptions: Sendable {
        /// Tagged occurrences to draw.
        public var size = 200
        /// Untagged sentences to draw (default: a quarter of `size`).
        public var untagged: Int?
        public var stratification = Stratification.family
        public var seed = "1"
        /// Sets of coder columns in the sheet.
        public var coders = 1

        public init(size: Int = 200, untagged: Int? = nil, stratification: Stratification = .family, seed: String = "1", coders: Int = 1) {
            self.size = size
            self.untagged = untagged
            self.stratification = stratification
            self.seed = seed
            self.coders = coders
        }
    }

    /// A drawn sample: the store's record of it, the sheet (CSV) and its codebook.
    public struct DrawnSample: Sendable {
        public var sample: ValidationSample
        public var sheet: String
        public var codebook: String
    }

    /// The corpus has nothing to sample.
    public struct NothingToSample: Error, CustomStringConvertible {
        public var description: String { "the corpus of the last run has no tagged occurrence to sample; run `slant run` with lexicons that match its articles" }
    }

    /// Draws a sample of the last run's corpus and keeps it in the store. `sheetName` is how the
    /// codebook names the sheet.
    public static func draw(_ options: SampleOptions, definition: PipelineDefinition, sheetName: String, now: String) throws -> DrawnSample {
        let store = try ExistingStore.open(definition.configuration)
        guard try store.hasCompletedRun() else { throw ExistingStore.Missing(path: store.path, empty: true) }
        let members = try store.corpus().sorted { ($0.source, $0.digest) < ($1.source, $1.digest) }
        try ReportRegeneration.check(definition, recorded: try store.lastProvenance(), members: members)
        let facts = LexiconFacts(definition.lexicons)

        // Pass 1: the population, counted by stratum and domain, and each article's untagged sentences.
        var strata: [String: Int] = [:]
        var domains: [String: [String: Int]] = [:]
        var strataOf: [[String]] = []
        var untaggedOf: [Int] = []
        var untaggedByLexicon: [String: Int] = [:]
        var articles: [SampledArticle] = []
        for member in members {
            guard let measures = try store.measures(digest: member.digest, key: member.analysisKey) else {
                strataOf.append([])
                untaggedOf.append(0)
                articles.append(SampledArticle(id: member.articleID, digest: member.digest, source: member.source, outlet: member.outlet, language: nil))
                continue
            }
            articles.append(SampledArticle(id: member.articleID, digest: member.digest, source: member.source, outlet: member.outlet, language: measures.language))
            var keys: [String] = []
            for evidence in measures.evidence {
                let key = Sampling.stratum(of: evidence, outlet: member.outlet, by: options.stratification)
                keys.append(key)
                strata[key, default: 0] += 1
                domains["total", default: [:]]["tags", default: 0] += 1
                domains["lexicon", default: [:]][evidence.lexicon, default: 0] += 1
                domains["group", default: [:]]["\(evidence.lexicon)/\(evidence.group)", default: 0] += 1
                domains["voice", default: [:]][evidence.voice.description, default: 0] += 1
                domains["outlet", default: [:]][member.outlet, default: 0] += 1
            }
            strataOf.append(keys)
            let covering = facts.lexicons.filter { $0.covers(language: measures.language) }
            let tagged = Set(measures.evidence.filter { $0.comment == nil }.map(\.sentence))
            let untagged = covering.isEmpty ? 0 : max(0, measures.sentences - tagged.count)
            untaggedOf.append(untagged)
            for lexicon in covering { untaggedByLexicon[lexicon.id, default: 0] += untagged }
        }
        guard !strata.isEmpty else { throw NothingToSample() }
        let untaggedTotal = untaggedOf.reduce(0, +)
        let untaggedWanted = min(untaggedTotal, options.untagged ?? options.size / 4)

        // Which occurrences and sentences are drawn: per stratum, uniformly, with seeded generators.
        let allocation = Sampling.allocate(strata, total: options.size)
        var chosen: [String: Set<Int>] = [:]
        for (stratum, count) in allocation {
            chosen[stratum] = Set(Sampling.choose(count, from: strata[stratum] ?? 0, seed: "validate/\(options.seed)/\(stratum)"))
        }
        let untaggedChosen = Sampling.choose(untaggedWanted, from: untaggedTotal, seed: "validate/\(options.seed)/untagged")
        var picks: [Int: (tags: [Int], untagged: [Int])] = [:]
        var seen: [String: Int] = [:]
        for (position, keys) in strataOf.enumerated() {
            for (index, key) in keys.enumerated() {
                let ordinal = seen[key, default: 0]
                seen[key] = ordinal + 1
                if chosen[key]?.contains(ordinal) == true { picks[position, default: ([], [])].tags.append(index) }
            }
        }
        var start = 0
        var cursor = 0
        for (position, count) in untaggedOf.enumerated() {
            while cursor < untaggedChosen.count, untaggedChosen[cursor] < start + count {
                picks[position, default: ([], [])].untagged.append(untaggedChosen[cursor] - start)
                cursor += 1
            }
            start += count
        }

        // Pass 2: the rows, with the texts the sheet shows.
        var rows: [(row: SampleRow, text: CodingSheet.RowText)] = []
        for position in picks.keys.sorted() {
            guard let pick = picks[position] else { continue }
            let member = members[position]
            let article = articles[position]
            guard let measures = try store.measures(digest: member.digest, key: member.analysisKey) else { continue }
            let stored = try store.evidence(digest: member.digest, key: member.analysisKey)
            let segmented = try store.article(digest: member.digest, key: definition.cleanKey).flatMap { try? definition.segment.process($0) }
            func sentences(comment: Int?) -> [String] {
                guard let segmented else { return [] }
                let layer: TextLayer
                if let comment {
                    guard comment < segmented.comments.count else { return [] }
                    layer = segmented.comments[comment]
                } else {
                    layer = segmented.body
                }
                let bytes = Array(layer.text.utf8)
                return layer.sentences.map { span in
                    String(decoding: bytes[max(0, min(span.start, bytes.count))..<max(0, min(span.end, bytes.count))], as: UTF8.self)
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            func context(_ list: [String], _ index: Int) -> (String, String) {
                (index > 0 && index - 1 < list.count ? list[index - 1] : "", index + 1 < list.count ? list[index + 1] : "")
            }
            for index in pick.tags where index < measures.evidence.count {
                var evidence = measures.evidence[index]
                if index < stored.count {
                    evidence.sentenceText = stored[index].sentenceText
                    evidence.matchStart = stored[index].matchStart
                    evidence.matchEnd = stored[index].matchEnd
                }
                let list = sentences(comment: evidence.comment)
                let (before, after) = context(list, evidence.sentence)
                let stratum = Sampling.stratum(of: evidence, outlet: member.outlet, by: options.stratification)
                rows.append((
                    SampleRow(id: "", stratum: stratum, article: article, index: index, evidence: evidence),
                    CodingSheet.RowText(
                        published: measures.published, url: measures.url, before: before,
                        sentence: CodingSheet.marked(evidence.sentenceText, start: evidence.matchStart, end: evidence.matchEnd), after: after)))
            }
            if !pick.untagged.isEmpty {
                let list = sentences(comment: nil)
                let tagged = Set(measures.evidence.filter { $0.comment == nil }.map(\.sentence))
                let untagged = (0..<measures.sentences).filter { !tagged.contains($0) }
                for ordinal in pick.untagged where ordinal < untagged.count {
                    let sentence = untagged[ordinal]
                    let (before, after) = context(list, sentence)
                    rows.append((
                        SampleRow(
                            id: "", kind: .untagged, stratum: "untagged", articleID: article.id, digest: article.digest,
                            source: article.source, outlet: article.outlet, language: article.language, sentence: sentence),
                        CodingSheet.RowText(
                            published: measures.published, url: measures.url, before: before,
                            sentence: sentence < list.count ? list[sentence] : "", after: after)))
                }
            }
        }
        let order = Sampling.shuffled(rows.count, seed: "validate/\(options.seed)/order")
        let width = max(3, String(rows.count).count)
        var ordered: [(row: SampleRow, text: CodingSheet.RowText)] = []
        for (number, index) in order.enumerated() {
            var entry = rows[index]
            let digits = String(number + 1)
            entry.row.id = "r" + String(repeating: "0", count: max(0, width - digits.count)) + digits
            ordered.append(entry)
        }

        var counts: [PopulationCount] = strata.keys.sorted().map {
            PopulationCount(dimension: "stratum", name: $0, population: strata[$0] ?? 0, sampled: allocation[$0] ?? 0)
        }
        for (dimension, values) in domains.sorted(by: { $0.key < $1.key }) {
            for (name, population) in values.sorted(by: { $0.key < $1.key }) {
                counts.append(PopulationCount(dimension: dimension, name: name, population: population))
            }
        }
        counts.append(PopulationCount(dimension: "untagged", name: "all", population: untaggedTotal, sampled: untaggedChosen.count))
        for (lexicon, population) in untaggedByLexicon.sorted(by: { $0.key < $1.key }) {
            counts.append(PopulationCount(dimension: "untagged-lexicon", name: lexicon, population: population))
        }
        let corpusDigest = ContentDigest(ofParts: members.map(\.digest).sorted()).hex
        let id = Sampling.sampleID(
            store: try store.storeID(), corpus: corpusDigest + definition.analysisKey, seed: options.seed, by: options.stratification,
            tags: options.size, untagged: untaggedWanted)
        let sample = ValidationSample(
            id: id, drawn: now, seed: options.seed, stratification: options.stratification, requestedTags: options.size,
            requestedUntagged: untaggedWanted, coderSets: options.coders, analysisKey: definition.analysisKey,
            corpusDigest: corpusDigest, counts: counts, rows: ordered.map(\.row))
        try store.saveSample(sample)
        let table = CSVTable(
            header: CodingSheet.header(coders: options.coders),
            rows: ordered.map { entry in
                CodingSheet.cells(entry.row, sample: id, text: entry.text, coders: options.coders).map(CSVCell.text)
            })
        return DrawnSample(
            sample: sample, sheet: "\u{FEFF}" + table.text, codebook: CodingSheet.codebook(sample, facts: facts, sheet: sheetName))
    }

    /// What scoring gave.
    public struct Scored: Sendable {
        public var validity: InstrumentValidity
        public var warnings: [String]
    }

    /// A coder file names a sample this store did not draw.
    public struct ForeignSample: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var sample: String?
        public var store: String
        public var description: String {
            guard let sample else {
                return "\(file):\(line): error: no `sample` column with a sample id; expected a coding sheet written by `slant validate sample`"
            }
            return "\(file):\(line): error: sample `\(sample)` was not drawn from the store \(store); score a sheet with the store (and the pipeline.yaml) it was drawn from"
        }
    }

    /// Sheets in which no coder coded any row (as `slant validate sample` writes them): scoring them
    /// would keep a "measured" validity with no coded row, so nothing is scored or kept.
    public struct NothingCoded: Error, CustomStringConvertible {
        public var files: [String]
        public var tagRows: Int
        public var untaggedRows: Int
        public var description: String {
            let codebook = files.first.map { ($0.lowercased().hasSuffix(".csv") ? String($0.dropLast(4)) : $0) + ".codebook.txt" } ?? "the codebook"
            return "\(files.joined(separator: ", ")): nothing is coded: none of the \(tagRows) tagged occurrences and \(untaggedRows) untagged sentences has a coder's value. "
                + "Fill the coder columns (coder1_correct and coder1_voice, … in tag rows, coder1_missed in untagged rows; \(codebook) says how), save the sheet as CSV and score it again; "
                + "no scores were kept, so the report still says validity is not measured"
        }
    }

    /// Reads the coders' files (each the path and its text), scores the sample they code, and keeps the
    /// scores in the store. Throws ``NothingCoded`` when no coder coded any row.
    public static func score(_ files: [(path: String, text: String)], definition: PipelineDefinition, now: String) throws -> Scored {
        let store = try ExistingStore.open(definition.configuration)
        guard let first = files.first else { throw SheetProblems(problems: []) }
        let found = CoderFileReader.sampleID(of: first.text)
        guard let sampleID = found?.id, let sample = try store.sample(sampleID) else {
            throw ForeignSample(file: first.path, line: found?.line ?? 1, sample: found?.id, store: store.path)
        }
        let facts = LexiconFacts(definition.lexicons)
        let reader = CoderFileReader(sample: sample, facts: facts)
        var coders: [Coder] = []
        var warnings: [String] = []
        var problems: [SheetProblem] = []
        for file in files {
            let result = reader.read(file: file.path, text: file.text)
            coders += result.coders
            warnings += result.warnings
            problems += result.problems
        }
        guard problems.isEmpty else { throw SheetProblems(problems: problems) }
        var names: [String: Int] = [:]
        for index in coders.indices {
            let count = names[coders[index].name, default: 0] + 1
            names[coders[index].name] = count
            if count > 1 { coders[index].name += "-\(count)" }
        }
        if sample.analysisKey != definition.analysisKey {
            warnings.append("the sample was drawn from the corpus as analysed then (lexicons and settings have changed since); its scores describe that analysis")
        }
        let validity = ValidityScoring(sample: sample, coders: coders, facts: facts, scored: now).score()
        guard validity.codedTagRows + validity.codedUntaggedRows > 0 else {
            throw NothingCoded(files: files.map(\.path), tagRows: validity.tagRows, untaggedRows: validity.untaggedRows)
        }
        try store.saveScores(validity)
        return Scored(validity: validity, warnings: warnings)
    }
}
