import Foundation
import SlantCore

/// The first stage of the pipeline: turns the bytes of an input file into raw documents.
///
/// An `.html` or `.text` file gives one document; a `.jsonl` file gives one per
/// non-blank line. A `.txt` file may start with a front-matter block (``FrontMatter``): its `outlet`
/// overrides the file's outlet hint as a record's does, its other fields are the document's metadata,
/// and the document's bytes are the text after it. A file that cannot give any document (empty, binary, too large)
/// is thrown as a ``DocumentError``; a JSON Lines record that is malformed becomes
/// a failure in the output at its `path:line`, and the other lines still come out.
///
/// A JSON Lines record is an object with `html` or `text` (a string; `html` is taken
/// when both are given) and optionally `id` (a string or a number), `outlet`, `url`,
/// `published` and `title` (strings). Other fields are ignored. A record's `outlet`
/// overrides the file's outlet hint.
///
/// Pure: no I/O (``FileReader`` reads the bytes).
public struct IngestStage: Stage {
    public typealias Input = InputFile
    public typealias Output = [Result<RawDocument, DocumentError>]

    public static let name = "ingest"
    /// 2: a `.txt` file's front matter is read (its metadata and outlet), not taken as text.
    public static let version = 2
    /// The default limit for a whole JSON Lines file (its records are each held to ``maxDocumentBytes``).
    public static let defaultMaxJSONLinesBytes = 1 << 30

    /// The largest page (`.html`/`.text` file, or `html`/`text` of a JSON Lines record), in bytes.
    public var maxDocumentBytes: Int
    /// The largest JSON Lines file, in bytes.
    public var maxJSONLinesBytes: Int

    public init(
        maxDocumentBytes: Int = IngestSettings.defaultMaxDocumentBytes,
        maxJSONLinesBytes: Int = IngestStage.defaultMaxJSONLinesBytes
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxJSONLinesBytes = maxJSONLinesBytes
    }

    /// The stage with the configuration's `limits.max_document_bytes` (JSON Lines files may be larger).
    public init(settings: IngestSettings) {
        self.init(
            maxDocumentBytes: settings.maxDocumentBytes,
            maxJSONLinesBytes: max(settings.maxDocumentBytes, Self.defaultMaxJSONLinesBytes))
    }

    public var configurationDigest: ContentDigest {
        ContentDigest(ofParts: [
            "max-document-bytes", String(maxDocumentBytes), "max-jsonl-bytes", String(maxJSONLinesBytes),
        ])
    }

    /// The size limit to pass to ``FileReader/read(_:maxBytes:)`` for a file of this format.
    public func readLimit(for format: InputFormat) -> Int {
        format == .jsonl ? maxJSONLinesBytes : maxDocumentBytes
    }

    /// The documents of one input file.
    ///
    /// - Throws: `.tooLarge`, `.empty` or `.binary` when the file as a whole gives no document.
    public func process(_ input: InputFile) throws(DocumentError) -> Output {
        let failure = { (reason: DocumentFailure) in
            DocumentError(source: input.source, stage: Self.name, reason: reason)
        }
        let limit = readLimit(for: input.format)
        if input.bytes.count > limit { throw failure(.tooLarge(bytes: input.bytes.count, limit: limit)) }
        if ContentCheck.isBlank(input.bytes) { throw failure(.empty) }
        if let what = ContentCheck.binaryDescription(input.bytes) { throw failure(.binary(what)) }

        switch input.format {
        case .html:
            return [.success(RawDocument(source: input.source, format: .html, bytes: input.bytes, outletHint: input.outletHint))]
        case .text:
            guard case let (fields, bodyStart)? = FrontMatter.parse(input.bytes) else {
                return [.success(RawDocument(source: input.source, format: .text, bytes: input.bytes, outletHint: input.outletHint))]
            }
            let metadata = DocumentMetadata(title: fields.title, published: fields.published, url: fields.url, language: fields.language)
            let document = RawDocument(
                source: input.source, format: .text, bytes: Array(input.bytes[bodyStart...]),
                outletHint: fields.outlet ?? input.outletHint, metadata: metadata, warnings: fields.warnings)
            return [.success(document)]
        case .jsonl:
            return records(input)
        case .warc:
            // A WARC file is read as a stream, never whole: see ``WARCIngest``.
            throw failure(.unsupportedFormat("a WARC file is read record by record by WARCIngest, not whole"))
        }
    }

    /// One result per non-blank line of a JSON Lines file.
    private func records(_ input: InputFile) -> Output {
        let bytes = input.bytes
        let decoder = JSONDecoder()
        var results: Output = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 0
        while start < bytes.count {
            number += 1
            let newline = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var end = newline
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            let line = bytes[start..<end]
            if !line.allSatisfy(ContentCheck.isASCIIWhitespace) {
                let source = SourceLocator(path: input.source.path, line: number)
                results.append(record(line, source: source, decoder: decoder, outletHint: input.outletHint))
            }
            start = newline + 1
        }
        return results
    }

    /// The document of one JSON Lines record, or why the record gives none.
    private func record(_ line: ArraySlice<UInt8>, source: SourceLocator, decoder: JSONDecoder, outletHint: String?)
        -> Result<RawDocument, DocumentError>
    {
        let fail = { (reason: DocumentFailure) in
            Result<RawDocument, DocumentError>.failure(DocumentError(source: source, stage: Self.name, reason: reason))
        }
        let fields: [String: FieldValue]
        do {
            fields = try decoder.decode(RecordFields.self, from: Data(line)).values
        } catch let error as DecodingError where Self.isTopLevelMismatch(error) {
            let found = Self.kindOfValue(startingWith: line.first { !ContentCheck.isASCIIWhitespace($0) })
            return fail(.malformedRecord("expected a JSON object `{...}` on the line; found \(found)"))
        } catch {
            return fail(.malformedRecord("invalid JSON" + (Self.explainSyntaxError(line).map { " (\($0))" } ?? "")))
        }

        var problems: [String] = []
        func string(_ key: String) -> String? {
            switch fields[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text.trimmingASCIIWhitespace().nonEmpty
            case let other?:
                problems.append("`\(key)` must be a string; found \(other.kind)")
                return nil
            }
        }
        var id: String?
        switch fields["id"] {
        case nil, .null?: break
        case .string(let text)?: id = text.trimmingASCIIWhitespace().nonEmpty
        case .number(let text)?: id = text
        case let other?: problems.append("`id` must be a string or a number; found \(other.kind)")
        }
        // In the order DESIGN.md lists them, so that messages list problems in that order too.
        let outlet = string("outlet")
        let url = string("url")
        let published = string("published")
        let title = string("title")
        let metadata = DocumentMetadata(id: id, title: title, published: published, url: url)

        // The body: `html` if it has any text, else `text`.
        var body: (DocumentFormat, String)?
        var blank: [String] = []
        for (key, format) in [("html", DocumentFormat.html), ("text", .text)] {
            switch fields[key] {
            case nil, .null?: continue
            case .string(let text)?:
                if !text.utf8.allSatisfy(ContentCheck.isASCIIWhitespace) {
                    if body == nil { body = (format, text) }
                } else {
                    blank.append(key)
                }
            case let other?:
                problems.append("`\(key)` must be a string; found \(other.kind)")
            }
        }
        if body == nil, problems.isEmpty {
            problems.append(
                blank.isEmpty
                    ? "the record has neither `html` nor `text`"
                    : blank.map { "`\($0)` is empty" }.joined(separator: " and "))
        }
        guard problems.isEmpty, let (format, text) = body else {
            return fail(.malformedRecord(problems.joined(separator: "; ")))
        }
        let bytes = Array(text.utf8)
        if bytes.count > maxDocumentBytes {
            return fail(.tooLarge(bytes: bytes.count, limit: maxDocumentBytes))
        }
        return .success(
            RawDocument(
                source: source, format: format, bytes: bytes, outletHint: outlet ?? outletHint, metadata: metadata))
    }

    /// Whether decoding failed because the line is valid JSON but not an object.
    private static func isTopLevelMismatch(_ error: DecodingError) -> Bool {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context): context.codingPath.isEmpty
        default: false
        }
    }

    /// What a JSON value is, from its first byte (the line is valid JSON).
    private static func kindOfValue(startingWith byte: UInt8?) -> String {
        switch byte {
        case UInt8(ascii: "["): "a list"
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "t"): "`true`"
        case UInt8(ascii: "f"): "`false`"
        case UInt8(ascii: "n"): "null"
        default: "a number"
        }
    }

    /// What is wrong with a line that is not valid JSON (`Unexpected end of file during JSON parse`).
    ///
    /// `JSONDecoder` only says that the data is not valid JSON; `JSONSerialization` says why and where.
    /// Called on failure only, so the second parse costs nothing on good input.
    private static func explainSyntaxError(_ line: ArraySlice<UInt8>) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String, !detail.isEmpty {
                return detail.hasSuffix(".") ? String(detail.dropLast()) : detail
            }
        }
        return nil
    }
}

/// The fields of a JSON Lines record that Slant reads; other fields are not decoded.
private struct RecordFields: Decodable {
    static let names = ["id", "outlet", "url", "published", "title", "html", "text"]

    var values: [String: FieldValue] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldKey.self)
        for name in Self.names {
            let key = FieldKey(name)
            guard container.contains(key) else { continue }
            values[name] = try FieldValue(container, key)
        }
    }
}

/// A key of a JSON object.
private struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The value of one field, decoded just enough to check its type.
private enum FieldValue {
    case null
    case bool(Bool)
    /// A number, as written for an integer (`42`), else as `Decimal` or `Double` prints it.
    case number(String)
    case string(String)
    case array
    case object

    init(_ container: KeyedDecodingContainer<FieldKey>, _ key: FieldKey) throws {
        if try container.decodeNil(forKey: key) {
            self = .null
            return
        }
        do {
            self = .string(try container.decode(String.self, forKey: key))
            return
        } catch DecodingError.typeMismatch {
            // Not a string: find out what it is below. Any other error (a broken string) is the line's.
        }
        if let flag = try? container.decode(Bool.self, forKey: key) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int64.self, forKey: key) {
            self = .number(String(integer))
        } else if let integer = try? container.decode(UInt64.self, forKey: key) {
            self = .number(String(integer))
        } else if let decimal = try? container.decode(Decimal.self, forKey: key) {
            self = .number(decimal.description)
        } else if let real = try? container.decode(Double.self, forKey: key) {
            self = .number(String(real))
        } else if (try? container.nestedUnkeyedContainer(forKey: key)) != nil {
            self = .array
        } else {
            self = .object
        }
    }

    /// What the value is, for messages (`a number`).
    var kind: String {
        switch self {
        case .null: "null"
        case .bool(let flag): "`\(flag)`"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

extension String {
    /// The string without leading and trailing ASCII white space.
    fileprivate func trimmingASCIIWhitespace() -> String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !ContentCheck.isASCIIWhitespace($0) }),
            let last = bytes.lastIndex(where: { !ContentCheck.isASCIIWhitespace($0) })
        else { return "" }
        return String(self[first...last])
    }

    /// `nil` for the empty string.
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
