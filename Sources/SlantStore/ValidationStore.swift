import Foundation
import GRDB
import SlantCore
import SlantMeasure
import SlantValidate

/// Validation samples and their scores, and the origin signatures of documents (migration
/// `v4-validation-origins`): kept apart from the rest of the store.
extension SlantStore {
    static func migrateToValidationAndOrigins(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE validation_samples (
                id TEXT PRIMARY KEY, drawn TEXT NOT NULL, seed TEXT NOT NULL, stratification TEXT NOT NULL,
                requested_tags INTEGER NOT NULL, requested_untagged INTEGER NOT NULL, coder_sets INTEGER NOT NULL,
                analysis_key TEXT NOT NULL, corpus_digest TEXT NOT NULL);
            CREATE TABLE validation_counts (
                sample TEXT NOT NULL, dimension TEXT NOT NULL, name TEXT NOT NULL, population INTEGER NOT NULL,
                sampled INTEGER NOT NULL, PRIMARY KEY (sample, dimension, name));
            CREATE TABLE validation_rows (
                sample TEXT NOT NULL, row TEXT NOT NULL, position INTEGER NOT NULL, kind TEXT NOT NULL, stratum TEXT NOT NULL,
                article_id TEXT NOT NULL, digest TEXT NOT NULL, source TEXT NOT NULL, outlet TEXT NOT NULL, language TEXT,
                sentence INTEGER NOT NULL, comment INTEGER, evidence_index INTEGER, lexicon TEXT, tag_kind TEXT,
                grouping TEXT, item TEXT, stance TEXT, text TEXT, voice TEXT, distanced INTEGER, speaker TEXT,
                negated INTEGER, PRIMARY KEY (sample, row));
            CREATE TABLE validation_scores (
                sample TEXT NOT NULL, scored TEXT NOT NULL, files TEXT NOT NULL, coders TEXT NOT NULL,
                coded_tags INTEGER NOT NULL, coded_untagged INTEGER NOT NULL, statistics BLOB NOT NULL, PRIMARY KEY (sample, scored));
            CREATE TABLE origin_signatures (
                digest TEXT NOT NULL, key TEXT NOT NULL, words INTEGER NOT NULL, minhash BLOB NOT NULL,
                shingles BLOB NOT NULL, sentence_ends BLOB NOT NULL, byline TEXT, lead TEXT NOT NULL, tail TEXT NOT NULL,
                PRIMARY KEY (digest, key));
            """)
    }

    static let storeIDKey = "store_id"

    /// A random id given to the store the first time it is asked for: what ties a validation sample to
    /// the store it was drawn from.
    public func storeID() throws(StoreError) -> String {
        if let id = try meta(Self.storeIDKey) { return id }
        let id = UUID().uuidString.lowercased()
        try setMeta([Self.storeIDKey: id])
        return id
    }

    /// Keeps a drawn sample (replacing one with the same id: the same draw again).
    public func saveSample(_ sample: ValidationSample) throws(StoreError) {
        try writeTransaction { db in
            try db.execute(sql: "DELETE FROM validation_samples WHERE id = ?", arguments: [sample.id])
            for table in ["validation_counts", "validation_rows"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE sample = ?", arguments: [sample.id])
            }
            try db.execute(
                sql: "INSERT INTO validation_samples VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [sample.id, sample.drawn, sample.seed, sample.stratification.rawValue, sample.requestedTags,
                            sample.requestedUntagged, sample.coderSets, sample.analysisKey, sample.corpusDigest])
            for count in sample.counts {
                try db.execute(
                    sql: "INSERT INTO validation_counts VALUES (?, ?, ?, ?, ?)",
                    arguments: [sample.id, count.dimension, count.name, count.population, count.sampled])
            }
            for (position, row) in sample.rows.enumerated() {
                try ValidationRowRecord(sample: sample.id, position: position, row: row).insert(db)
            }
        }
    }

    /// A sample this store drew, with its rows; nil for an id it does not know.
    public func sample(_ id: String) throws(StoreError) -> ValidationSample? {
        try read { db in
            guard let head = try Row.fetchOne(db, sql: "SELECT * FROM validation_samples WHERE id = ?", arguments: [id]) else { return nil }
            let counts = try Row.fetchAll(db, sql: "SELECT * FROM validation_counts WHERE sample = ? ORDER BY dimension, name", arguments: [id]).map {
                PopulationCount(dimension: $0["dimension"], name: $0["name"], population: $0["population"], sampled: $0["sampled"])
            }
            let rows = try ValidationRowRecord.fetchAll(db, sql: "SELECT * FROM validation_rows WHERE sample = ? ORDER BY position", arguments: [id]).map(\.row)
            return ValidationSample(
                id: head["id"], drawn: head["drawn"], seed: head["seed"],
                stratification: Stratification(rawValue: head["stratification"]) ?? .family, requestedTags: head["requested_tags"],
                requestedUntagged: head["requested_untagged"], coderSets: head["coder_sets"], analysisKey: head["analysis_key"],
                corpusDigest: head["corpus_digest"], counts: counts, rows: rows)
        }
    }

    /// Keeps the scores of a sample, and puts its statistics beside the report's for `slant cite`
    /// (replacing the validity statistics of an earlier score).
    public func saveScores(_ validity: InstrumentValidity) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try writeTransaction { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO validation_scores VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [validity.sampleID, validity.scored, validity.files.joined(separator: "\n"),
                            validity.coders.joined(separator: "\n"), validity.codedTagRows, validity.codedUntaggedRows,
                            try encoder.encode(validity.statistics)])
            try db.execute(sql: "DELETE FROM statistics WHERE kind = ?", arguments: [Statistic.Kind.validity.rawValue])
            for statistic in validity.statistics {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO statistics (id, kind, outlet, body) VALUES (?, ?, ?, ?)",
                    arguments: [statistic.id, statistic.kind.rawValue, statistic.outlet, try encoder.encode(statistic)])
            }
        }
    }

    /// The scores of the sample scored last, with what its sample was; nil when none was scored.
    public func latestValidity() throws(StoreError) -> InstrumentValidity? {
        let latest = try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM validation_scores ORDER BY scored DESC, rowid DESC LIMIT 1")
        }
        guard let latest, let sample = try sample(latest["sample"]) else { return nil }
        let data: Data = latest["statistics"]
        let statistics = (try? JSONDecoder().decode([Statistic].self, from: data)) ?? []
        let coders = (latest["coders"] as String).split(separator: "\n").map(String.init)
        let files = (latest["files"] as String).split(separator: "\n").map(String.init)
        return InstrumentValidity(
            sampleID: sample.id, drawn: sample.drawn, scored: latest["scored"], stratification: sample.stratification.rawValue,
            coders: coders, files: files, tagRows: sample.rows.filter { $0.kind == .tag }.count,
            untaggedRows: sample.rows.filter { $0.kind == .untagged }.count, codedTagRows: latest["coded_tags"],
            codedUntaggedRows: latest["coded_untagged"], analysisKey: sample.analysisKey, statistics: statistics)
    }
}

/// A row of `validation_rows`.
struct ValidationRowRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "validation_rows"

    var sample: String
    var position: Int
    var row: SampleRow

    init(sample: String, position: Int, row: SampleRow) {
        self.sample = sample
        self.position = position
        self.row = row
    }

    init(row record: Row) {
        sample = record["sample"]
        position = record["position"]
        let voice: String? = record["voice"]
        row = SampleRow(
            id: record["row"], kind: SampleRow.Kind(rawValue: record["kind"]) ?? .tag, stratum: record["stratum"],
            articleID: record["article_id"], digest: record["digest"], source: record["source"], outlet: record["outlet"],
            language: record["language"], sentence: record["sentence"], comment: record["comment"],
            evidenceIndex: record["evidence_index"], lexicon: record["lexicon"],
            tagKind: (record["tag_kind"] as String?).flatMap(Evidence.Kind.init(rawValue:)), group: record["grouping"],
            item: record["item"], stance: record["stance"], text: record["text"],
            voice: voice.flatMap(Voice.init(rawValue:)).map { VoiceKey($0, distanced: record["distanced"] ?? false) },
            speaker: record["speaker"], negated: record["negated"])
    }

    func encode(to container: inout PersistenceContainer) {
        container["sample"] = sample
        container["row"] = row.id
        container["position"] = position
        container["kind"] = row.kind.rawValue
        container["stratum"] = row.stratum
        container["article_id"] = row.articleID
        container["digest"] = row.digest
        container["source"] = row.source
        container["outlet"] = row.outlet
        container["language"] = row.language
        container["sentence"] = row.sentence
        container["comment"] = row.comment
        container["evidence_index"] = row.evidenceIndex
        container["lexicon"] = row.lexicon
        container["tag_kind"] = row.tagKind?.rawValue
        container["grouping"] = row.group
        container["item"] = row.item
        container["stance"] = row.stance
        container["text"] = row.text
        container["voice"] = row.voice?.voice.rawValue
        container["distanced"] = row.voice?.distanced
        container["speaker"] = row.speaker
        container["negated"] = row.negated
    }
}
