import SlantCore

/// One sentence a coder labelled.
public struct LabelledSentence: Sendable, Hashable {
    public var text: String
    /// True when the coders called it loaded (BABE: `Biased`).
    public var loaded: Bool
    /// The 1-based line of the file where its record starts.
    public var line: Int

    public init(text: String, loaded: Bool, line: Int) {
        self.text = text
        self.loaded = loaded
        self.line = line
    }
}

/// A problem of a labels file, where it is and what is wrong (`labels.csv:7: error: ...`).
public struct TrainingDataProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil for a problem of the whole file.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): error: \(message)" }
}

/// Why a labels file cannot be trained on: every problem found (at most ``TrainingData/problemLimit``
/// are listed, with the number of the others).
public struct TrainingDataError: Error, Sendable, CustomStringConvertible {
    public var problems: [TrainingDataProblem]
    /// Problems found beyond those listed.
    public var unlisted: Int

    public init(_ problems: [TrainingDataProblem], unlisted: Int = 0) {
        self.problems = problems
        self.unlisted = unlisted
    }

    public var description: String {
        (problems.map(\.description) + (unlisted > 0 ? ["… and \(unlisted) more problem\(unlisted == 1 ? "" : "s")"] : []))
            .joined(separator: "\n")
    }
}

/// The labelled sentences of a file, as read from its bytes: either the BABE format (`;`-separated,
/// columns `text` and `label_bias` with `Biased` / `Non-biased`; `No agreement` rows are left out and
/// counted; other columns ignored) or a plain CSV with columns `text` and `label`. The delimiter is
/// the header's (`;`, `,` or tab); a UTF-8 byte-order mark is skipped. Labels, case-insensitive:
/// loaded = `Biased`, `1`, `yes`, `loaded`, `true`; not loaded = `Non-biased`, `0`, `no`, `not`,
/// `not loaded`, `unbiased`, `false`; an empty label leaves the row out (counted, as not yet coded).
public struct TrainingData: Sendable {
    /// Which label column the file has.
    public enum Format: String, Sendable, Hashable {
        /// A `label_bias` column (BABE).
        case babe
        /// A `label` column.
        case plain
    }

    /// A row left out, and why.
    public struct Skipped: Sendable, Hashable {
        public var line: Int
        public var reason: String
    }

    public var file: String
    public var format: Format
    public var sentences: [LabelledSentence]
    public var skipped: [Skipped]
    /// The SHA-256 of the file's bytes, and their number.
    public var digest: ContentDigest
    public var bytes: Int

    /// Problems listed in full before the rest are only counted.
    public static let problemLimit = 20

    public var loadedCount: Int { sentences.reduce(0) { $0 + ($1.loaded ? 1 : 0) } }

    /// Reads the labelled sentences of a file's bytes; `file` names it in every problem.
    public static func read(_ bytes: [UInt8], file: String) throws(TrainingDataError) -> TrainingData {
        func fail(_ line: Int?, _ message: String) -> TrainingDataError {
            TrainingDataError([TrainingDataProblem(file: file, line: line, message: message)])
        }
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else {
            throw fail(nil, "the file is empty; expected a header line (`text;label_bias` or `text,label`) and labelled sentences")
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let invalid = UTF8Check.firstInvalidByte(bytes) {
            let line = 1 + bytes[..<invalid].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let hex = String(bytes[invalid], radix: 16, uppercase: true)
            throw fail(line, "the file is not UTF-8 text (byte 0x\(hex.count == 1 ? "0" + hex : hex) cannot start or continue a UTF-8 character); save it as UTF-8")
        }
        guard let delimiter = CSVRecords.delimiter(ofHeaderIn: bytes, from: start) else {
            throw fail(1, "missing columns: the header has one column; expected `text` and `label_bias` (BABE, `;`-separated) or `text` and `label` (CSV)")
        }
        let records: [CSVRecords.Record]
        do {
            records = try CSVRecords.parse(bytes, from: start, delimiter: delimiter)
        } catch {
            throw fail(error.line, "a quoted field opened on this line is never closed (a `\"` is missing)")
        }
        guard let header = records.first else { throw fail(nil, "the file is empty") }
        let names = header.fields.map { String(decoding: $0, as: UTF8.self).trimmingSpaces.lowercased() }
        let textColumn = names.firstIndex(of: "text")
        let babeColumn = names.firstIndex(of: "label_bias")
        let labelColumn = babeColumn ?? names.firstIndex(of: "label")
        guard let textColumn, let labelColumn else {
            let missing = [textColumn == nil ? "`text`" : nil, labelColumn == nil ? "`label_bias` or `label`" : nil].compactMap { $0 }
            let shown = names.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
            throw fail(header.line, "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: " and ")) (the header has \(shown)\(names.count > 12 ? ", …" : "")); expected `text` and `label_bias` (BABE, `;`-separated) or `text` and `label` (CSV)")
        }
        var sentences: [LabelledSentence] = []
        var skipped: [Skipped] = []
        var problems: [TrainingDataProblem] = []
        var unlisted = 0
        func problem(_ line: Int, _ message: String) {
            if problems.count < problemLimit {
                problems.append(TrainingDataProblem(file: file, line: line, message: message))
            } else {
                unlisted += 1
            }
        }
        let needed = max(textColumn, labelColumn)
        for record in records.dropFirst() where !record.isBlank {
            guard record.fields.count > needed else {
                problem(record.line, "\(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), but the header has \(names.count) (a delimiter or a closing `\"` missing?)")
                continue
            }
            let rawLabel = String(decoding: record.fields[labelColumn], as: UTF8.self)
            let text = String(decoding: record.fields[textColumn], as: UTF8.self).trimmingSpaces
            switch Label(rawLabel) {
            case .loaded, .notLoaded:
                guard !text.isEmpty else {
                    problem(record.line, "the text is empty")
                    continue
                }
                sentences.append(LabelledSentence(text: text, loaded: Label(rawLabel) == .loaded, line: record.line))
            case .skipped(let reason):
                skipped.append(Skipped(line: record.line, reason: reason))
            case .unknown:
                problem(record.line, "unknown label `\(rawLabel.trimmingSpaces)` in column `\(names[labelColumn])`; expected Biased or Non-biased, 1 or 0, yes or no, loaded or not (or No agreement / empty to leave the row out)")
            }
        }
        if !problems.isEmpty { throw TrainingDataError(problems, unlisted: unlisted) }
        return TrainingData(
            file: file, format: babeColumn != nil ? .babe : .plain, sentences: sentences, skipped: skipped,
            digest: ContentDigest(of: bytes), bytes: bytes.count)
    }

    /// What a label cell says.
    enum Label: Equatable {
        case loaded
        case notLoaded
        case skipped(String)
        case unknown

        init(_ raw: String) {
            var words: [Substring] = []
            for word in raw.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" || $0 == "\t" }) {
                words.append(word)
            }
            switch words.joined(separator: " ") {
            case "biased", "1", "yes", "y", "loaded", "true": self = .loaded
            case "non biased", "nonbiased", "not biased", "unbiased", "0", "no", "n", "not", "not loaded", "false": self = .notLoaded
            case "no agreement": self = .skipped("no agreement")
            case "": self = .skipped("no label")
            default: self = .unknown
            }
        }
    }
}

/// Finds where the first ill-formed UTF-8 sequence starts (overlong forms, surrogates and values
/// above U+10FFFF are ill-formed).
enum UTF8Check {
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for offset in 1..<length {
                let byte = bytes[index + offset]
                let (low, high) = offset == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
                if byte < low || byte > high { return index }
            }
            index += length
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
