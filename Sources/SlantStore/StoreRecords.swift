import Foundation
import GRDB
import SlantCore
import SlantMeasure

/// What the store remembers of one input file, so that an unchanged file is not read again.
public struct FileRecord: Sendable, Hashable {
    public var path: String
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64
    public var format: String
    /// The documents the file holds (one, or one per JSON Lines record).
    public var documents: [StoredDocument]
    /// What could not be read of the file: the whole file, or some of its JSON Lines records. An
    /// unchanged file gives the same failures without being read again.
    public var failures: [ExcludedDocument]
    /// The run that first recorded the file (nil for a file not yet stored, or recorded before
    /// version 3): with the path, what decides which of two identical files is kept.
    public var firstRun: Int64?
    /// Documents the source's `filter:` dropped (WARC records, pages): counted, not stored.
    public var filtered: Int
    /// What the documents were read under: the digest of the source's filter, "" without one. A file
    /// read under another filter is read again, even when it has not changed.
    public var ingestKey: String

    public init(
        path: String, size: Int64, modified: Int64, format: String, documents: [StoredDocument],
        failures: [ExcludedDocument] = [], firstRun: Int64? = nil, filtered: Int = 0, ingestKey: String = ""
    ) {
        self.path = path
        self.size = size
        self.modified = modified
        self.format = format
        self.documents = documents
        self.failures = failures
        self.firstRun = firstRun
        self.filtered = filtered
        self.ingestKey = ingestKey
    }
}

/// A document of a file as the store knows it: its digest, where it came from, and what its own
/// record says of it (a JSON Lines `outlet` and `id`; never the configuration's outlet, which is
/// joined at each run).
public struct StoredDocument: Sendable, Hashable, Codable {
    public var digest: String
    /// `path` or `path:line`.
    public var source: String
    public var recordOutlet: String?
    /// The article id the record gives.
    public var givenID: String?

    public init(digest: String, source: String, recordOutlet: String?, givenID: String? = nil) {
        self.digest = digest
        self.source = source
        self.recordOutlet = recordOutlet
        self.givenID = givenID
    }
}

/// One member of the corpus of the last completed run.
public struct CorpusMember: Sendable, Hashable {
    public var digest: String
    public var source: String
    public var outlet: String
    public var analysisKey: String
    /// The id the article has in the reports (made unique across outlets).
    public var articleID: String

    public init(digest: String, source: String, outlet: String, analysisKey: String, articleID: String) {
        self.digest = digest
        self.source = source
        self.outlet = outlet
        self.analysisKey = analysisKey
        self.articleID = articleID
    }
}

/// A lexicon as a run used it: what every figure of that run's reports names.
public struct LexiconUse: Sendable, Hashable, Codable {
    public var id: String
    public var version: Int
    public var digest: String
    public var path: String

    public init(id: String, version: Int, digest: String, path: String) {
        self.id = id
        self.version = version
        self.digest = digest
        self.path = path
    }
}

/// What produced the corpus of a completed run: recorded with it, compared by `slant report`, and
/// named by every report and citation made from it.
public struct RunProvenance: Sendable, Hashable, Codable {
    public var slantVersion: String
    /// The configuration file, as given, and the digest of its text.
    public var configurationFile: String
    public var configurationDigest: String
    /// The digest of the sources as declared (which files belong to which outlet).
    public var sourcesDigest: String
    /// The key of the measures: every stage from ingest to measure, with its settings and lexicons.
    public var analysisKey: String
    public var lexicons: [LexiconUse]

    public init(
        slantVersion: String, configurationFile: String, configurationDigest: String, sourcesDigest: String,
        analysisKey: String, lexicons: [LexiconUse]
    ) {
        self.slantVersion = slantVersion
        self.configurationFile = configurationFile
        self.configurationDigest = configurationDigest
        self.sourcesDigest = sourcesDigest
        self.analysisKey = analysisKey
        self.lexicons = lexicons
    }
}

// MARK: - Rows

/// A row of `files`.
struct FileRow: FetchableRecord, TableRecord {
    static let databaseTableName = "files"

    var path: String
    var size: Int64
    var modified: Int64
    var format: String
    var firstRun: Int64?
    var filtered: Int
    var ingestKey: String

    init(row: Row) {
        path = row["path"]
        size = row["size"]
        modified = row["modified"]
        format = row["format"]
        firstRun = row["first_run"]
        filtered = row["filtered"] ?? 0
        ingestKey = row["ingest_key"] ?? ""
    }
}

/// A row of `file_documents`: one document of a file, in order.
struct FileDocumentRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "file_documents"

    var path: String
    var position: Int
    var digest: String
    var source: String
    var recordOutlet: String?
    var givenID: String?

    init(path: String, position: Int, document: StoredDocument) {
        self.path = path
        self.position = position
        digest = document.digest
        source = document.source
        recordOutlet = document.recordOutlet
        givenID = document.givenID
    }

    init(row: Row) {
        path = row["path"]
        position = row["position"]
        digest = row["digest"]
        source = row["source"]
        recordOutlet = row["record_outlet"]
        givenID = row["given_id"]
    }

    func encode(to container: inout PersistenceContainer) {
        container["path"] = path
        container["position"] = position
        container["digest"] = digest
        container["source"] = source
        container["record_outlet"] = recordOutlet
        container["given_id"] = givenID
    }

    var document: StoredDocument {
        StoredDocument(digest: digest, source: source, recordOutlet: recordOutlet, givenID: givenID)
    }
}

/// A row of `file_failures`: what of a file could not be read, as of its recorded size and time.
struct FileFailureRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "file_failures"

    var path: String
    var position: Int
    var failure: ExcludedDocument

    init(path: String, position: Int, failure: ExcludedDocument) {
        self.path = path
        self.position = position
        self.failure = failure
    }

    init(row: Row) {
        path = row["path"]
        position = row["position"]
        failure = ExcludedDocument(row: row)
    }

    func encode(to container: inout PersistenceContainer) {
        container["path"] = path
        container["position"] = position
        failure.encode(to: &container)
    }
}

/// A row of `documents`: every digest some run has seen, with the run that first saw it.
struct DocumentRow: PersistableRecord {
    static let databaseTableName = "documents"

    var digest: String
    var source: String
    var format: String
    var firstRun: Int64

    func encode(to container: inout PersistenceContainer) {
        container["digest"] = digest
        container["source"] = source
        container["format"] = format
        container["first_run"] = firstRun
    }
}

/// A row of `failures`: a document that failed under a stage key (not retried until either changes).
struct FailureRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "failures"

    var digest: String
    var key: String
    var failure: ExcludedDocument

    init(digest: String, key: String, failure: ExcludedDocument) {
        self.digest = digest
        self.key = key
        self.failure = failure
    }

    init(row: Row) {
        digest = row["digest"]
        key = row["key"]
        failure = ExcludedDocument(row: row)
    }

    func encode(to container: inout PersistenceContainer) {
        container["digest"] = digest
        container["key"] = key
        failure.encode(to: &container)
    }
}

/// A row of `evidence`: one tagged occurrence; its sentence is in `evidence_sentences`, stored once.
struct EvidenceRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "evidence"
    /// The columns a read needs, in the order ``init(row:)`` reads them by name.
    static let selection = ["lexicon", "kind", "grouping", "item", "stance", "weight", "text", "voice", "distanced", "speaker",
        "negated", "comment", "headline_part", "sentence", "start", "end", "match_start", "match_end"]
        .map { "evidence.\"\($0)\"" }.joined(separator: ", ")

    var digest: String
    var key: String
    var position: Int
    var evidence: Evidence
    /// The number of its sentence's row in `evidence_sentences`.
    var sentenceRef: Int

    init(digest: String, key: String, position: Int, evidence: Evidence, sentenceRef: Int) {
        self.digest = digest
        self.key = key
        self.position = position
        self.evidence = evidence
        self.sentenceRef = sentenceRef
    }

    init(row: Row) {
        digest = row["digest"] ?? ""
        key = row["key"] ?? ""
        position = row["position"] ?? 0
        sentenceRef = row["sentence_ref"] ?? 0
        evidence = Self.evidence(row, sentenceText: "")
    }

    /// The evidence a row holds, with its sentence's text.
    static func evidence(_ row: Row, sentenceText: String) -> Evidence {
        let voice = Voice(rawValue: row["voice"]) ?? .authorial
        return Evidence(
            kind: Evidence.Kind(rawValue: row["kind"]) ?? .term, group: row["grouping"], item: row["item"],
            stance: row["stance"], weight: row["weight"], text: row["text"],
            voice: VoiceKey(voice, distanced: row["distanced"]), speaker: row["speaker"], negated: row["negated"],
            comment: row["comment"], sentence: row["sentence"], start: row["start"], end: row["end"],
            sentenceText: sentenceText, matchStart: row["match_start"], matchEnd: row["match_end"],
            lexicon: row["lexicon"] ?? "", headlinePart: (row["headline_part"] as String?).flatMap(HeadlinePart.init))
    }

    func encode(to container: inout PersistenceContainer) {
        container["digest"] = digest
        container["key"] = key
        container["position"] = position
        container["lexicon"] = evidence.lexicon
        container["kind"] = evidence.kind.rawValue
        container["grouping"] = evidence.group
        container["item"] = evidence.item
        container["stance"] = evidence.stance
        container["weight"] = evidence.weight
        container["text"] = evidence.text
        container["voice"] = evidence.voice.voice.rawValue
        container["distanced"] = evidence.voice.distanced
        container["speaker"] = evidence.speaker
        container["negated"] = evidence.negated
        container["comment"] = evidence.comment
        container["headline_part"] = evidence.headlinePart?.rawValue
        container["sentence"] = evidence.sentence
        container["start"] = evidence.start
        container["end"] = evidence.end
        container["match_start"] = evidence.matchStart
        container["match_end"] = evidence.matchEnd
        container["sentence_ref"] = sentenceRef
    }
}

/// A row of `evidence_sentences`: the text around evidence (a sentence, as the measure stage cut it),
/// stored once per document however many occurrences it holds; evidence rows refer to it by number.
struct EvidenceSentenceRow: PersistableRecord {
    static let databaseTableName = "evidence_sentences"

    var digest: String
    var key: String
    var number: Int
    var text: String

    func encode(to container: inout PersistenceContainer) {
        container["digest"] = digest
        container["key"] = key
        container["number"] = number
        container["text"] = text
    }
}

/// A row of `corpus`: a member of the corpus of the last completed run.
struct CorpusRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "corpus"

    var member: CorpusMember
    var position: Int

    init(member: CorpusMember, position: Int) {
        self.member = member
        self.position = position
    }

    init(row: Row) {
        member = CorpusMember(
            digest: row["digest"], source: row["source"], outlet: row["outlet"], analysisKey: row["analysis_key"],
            articleID: row["article_id"])
        position = row["position"]
    }

    func encode(to container: inout PersistenceContainer) {
        container["digest"] = member.digest
        container["source"] = member.source
        container["outlet"] = member.outlet
        container["analysis_key"] = member.analysisKey
        container["article_id"] = member.articleID
        container["position"] = position
    }
}

/// A row of `corpus_failures`: a document the last completed run left out.
struct CorpusFailureRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "corpus_failures"

    var failure: ExcludedDocument

    init(failure: ExcludedDocument) { self.failure = failure }

    init(row: Row) {
        failure = ExcludedDocument(row: row)
    }

    func encode(to container: inout PersistenceContainer) {
        failure.encode(to: &container)
    }
}

/// A row of `lexicon_versions`: a lexicon id and version with a digest some run has used.
struct LexiconVersionRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "lexicon_versions"

    var id: String
    var version: Int
    var digest: String
    var path: String
    var firstRun: Int64

    init(id: String, version: Int, digest: String, path: String, firstRun: Int64) {
        self.id = id
        self.version = version
        self.digest = digest
        self.path = path
        self.firstRun = firstRun
    }

    init(row: Row) {
        id = row["id"]
        version = row["version"]
        digest = row["digest"]
        path = row["path"]
        firstRun = row["first_run"]
    }

    func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["version"] = version
        container["digest"] = digest
        container["path"] = path
        container["first_run"] = firstRun
    }
}

/// A row of `meta`.
struct MetaRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "meta"

    var key: String
    var value: String

    init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    init(row: Row) {
        key = row["key"]
        value = row["value"]
    }

    func encode(to container: inout PersistenceContainer) {
        container["key"] = key
        container["value"] = value
    }
}

extension ExcludedDocument {
    /// The `source`, `stage`, `code` and `reason` columns every table of left-out documents has.
    init(row: Row) {
        self.init(source: row["source"], stage: row["stage"], code: row["code"], reason: row["reason"])
    }

    func encode(to container: inout PersistenceContainer) {
        container["source"] = source
        container["stage"] = stage
        container["code"] = code
        container["reason"] = reason
    }
}
