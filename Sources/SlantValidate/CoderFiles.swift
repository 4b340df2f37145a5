import Foundation
import SlantCore
import SlantMeasure

/// What one coder said of one row. Nil fields were not coded.
public struct Coding: Sendable, Hashable {
    public var correct: Bool?
    public var voice: VoiceKey?
    /// The speaker, folded (``Speakers/fold(_:)``); an empty string is "none".
    public var speaker: String?
    public var stance: String?
    /// Untagged rows: the families or categories (`lexicon/group`) the sentence holds untagged; empty
    /// for "no"; `*` for "yes, cannot tell which".
    public var missed: Set<String>?

    public init(correct: Bool? = nil, voice: VoiceKey? = nil, speaker: String? = nil, stance: String? = nil, missed: Set<String>? = nil) {
        self.correct = correct
        self.voice = voice
        self.speaker = speaker
        self.stance = stance
        self.missed = missed
    }

    public var isEmpty: Bool { correct == nil && voice == nil && speaker == nil && stance == nil && missed == nil }
}

/// One coder's codes of a sample.
public struct Coder: Sendable, Hashable {
    /// The coder's name: the file's name without `.csv` (with `-k` for the k-th coder set of a file
    /// that holds several).
    public var name: String
    public var file: String
    public var codes: [String: Coding]

    public init(name: String, file: String, codes: [String: Coding]) {
        self.name = name
        self.file = file
        self.codes = codes
    }
}

/// A problem in a coder file, with where it is.
public struct SheetProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): error: \(message)" }
}

/// Every problem of a set of coder files, reported at once.
public struct SheetProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [SheetProblem]
    public init(problems: [SheetProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Speaker names as coders and Slant write them, compared leniently.
public enum Speakers {
    /// Lower case, letters and digits only, words separated by one space; `none`, `-`, `nobody`,
    /// `no one`, `unknown` become the empty string (no speaker).
    public static func fold(_ name: String) -> String {
        var words: [String] = []
        var word = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || (scalar.value >= 0x30 && scalar.value <= 0x39) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        let folded = words.joined(separator: " ")
        return ["none", "nobody", "no one", "unknown", "n a", ""].contains(folded) ? "" : folded
    }

    /// Whether two folded names name the same speaker: equal, or the words of one a run of the other's
    /// ("pashinyan" and "nikol pashinyan"). No speaker matches only no speaker.
    public static func match(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a.isEmpty || b.isEmpty { return false }
        let first = a.split(separator: " ")
        let second = b.split(separator: " ")
        let (short, long) = first.count <= second.count ? (first, second) : (second, first)
        guard !short.isEmpty, short.count <= long.count else { return false }
        for start in 0...(long.count - short.count) where Array(long[start..<(start + short.count)]) == short { return true }
        return false
    }
}

/// Reads coder files against the sample they were drawn from.
public struct CoderFileReader {
    public let sample: ValidationSample
    public let facts: LexiconFacts

    public init(sample: ValidationSample, facts: LexiconFacts) {
        self.sample = sample
        self.facts = facts
    }

    /// The sample a file's rows name (its first row's `sample` cell), to find it in the store.
    public static func sampleID(of text: String) -> (id: String?, line: Int)? {
        let records = CSVRecords(text: text).records.filter { !$0.fields.allSatisfy(\.isEmpty) }
        guard let header = records.first else { return nil }
        guard let column = header.fields.firstIndex(of: "sample") else { return (nil, header.line) }
        for record in records.dropFirst() where record.fields.count > column && !record.fields[column].isEmpty {
            return (record.fields[column], record.line)
        }
        return (nil, header.line)
    }

    /// The coders of one file, its warnings, and its problems (none when it can be scored).
    public func read(file: String, text: String) -> (coders: [Coder], warnings: [String], problems: [SheetProblem]) {
        var problems: [SheetProblem] = []
        var warnings: [String] = []
        let records = CSVRecords(text: text).records
        guard let headerIndex = records.firstIndex(where: { !$0.fields.allSatisfy(\.isEmpty) }) else {
            return ([], [], [SheetProblem(file: file, line: 1, message: "the file is empty; expected the coding sheet of a sample, with a header row")])
        }
        let header = records[headerIndex].fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let headerLine = records[headerIndex].line
        var column: [String: Int] = [:]
        for (index, name) in header.enumerated() where !name.isEmpty && column[name] == nil { column[name] = index }
        let known = Set(CodingSheet.rowColumns)
        var sets: [Int: [String: Int]] = [:]
        var unknown: [String] = []
        for (name, index) in column {
            if let (set, field) = Self.coderColumn(name) {
                sets[set, default: [:]][field] = index
            } else if !known.contains(name) {
                unknown.append(name)
            }
        }
        for required in ["sample", "row"] where column[required] == nil {
            problems.append(SheetProblem(file: file, line: headerLine, message: "missing column `\(required)`\(Self.suggestion(required, unknown)); the sheet's columns must keep their names"))
        }
        if sets.isEmpty {
            problems.append(SheetProblem(
                file: file, line: headerLine,
                message: "no coder columns (coder1_correct, coder1_voice, ...)\(Self.suggestion("coder1_correct", unknown)); the sheet's columns must keep their names"))
        }
        for (set, fields) in sets.sorted(by: { $0.key < $1.key }) {
            for field in CodingSheet.requiredCoderFields where fields[field] == nil {
                let name = "coder\(set)_\(field)"
                problems.append(SheetProblem(file: file, line: headerLine, message: "missing column `\(name)`\(Self.suggestion(name, unknown))"))
            }
        }
        for name in unknown.sorted() where name.lowercased().hasPrefix("coder") {
            problems.append(SheetProblem(
                file: file, line: headerLine,
                message: "unknown column `\(name)`; coder columns are coder<k>_\(CodingSheet.coderFields.joined(separator: "|"))"))
        }
        guard problems.isEmpty, let sampleColumn = column["sample"], let rowColumn = column["row"] else { return ([], warnings, problems) }

        let rows = Dictionary(sample.rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let stem = Self.stem(file)
        let setNumbers = sets.keys.sorted()
        var coders = setNumbers.map { Coder(name: setNumbers.count == 1 ? stem : "\(stem)-\($0)", file: file, codes: [:]) }
        var seen: [String: Int] = [:]
        var blank: [Int] = []
        for record in records[(headerIndex + 1)...] {
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) {
                blank.append(record.line)
                continue
            }
            func cell(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
            let sampleID = cell(sampleColumn)
            let rowID = cell(rowColumn)
            guard !sampleID.isEmpty, !rowID.isEmpty else {
                problems.append(SheetProblem(file: file, line: record.line, message: "a row without `sample` and `row`; rows are matched to the sample by them, so neither may be emptied"))
                continue
            }
            guard sampleID == sample.id else {
                problems.append(SheetProblem(
                    file: file, line: record.line,
                    message: "row of sample `\(sampleID)`, but the file's rows are of sample `\(sample.id)`; score one sample at a time, with the store it was drawn from"))
                continue
            }
            guard let row = rows[rowID] else {
                problems.append(SheetProblem(file: file, line: record.line, message: "no row `\(rowID)` in sample `\(sample.id)`; the sheet's rows must not be changed or added"))
                continue
            }
            if let first = seen[rowID] {
                problems.append(SheetProblem(file: file, line: record.line, message: "row `\(rowID)` again (first on line \(first)); each row once"))
                continue
            }
            seen[rowID] = record.line
            for (position, set) in setNumbers.enumerated() {
                let fieldColumns = sets[set] ?? [:]
                var coding = Coding()
                func value(_ field: String) -> String { fieldColumns[field].map(cell) ?? "" }
                func fail(_ field: String, _ message: String) {
                    problems.append(SheetProblem(file: file, line: record.line, message: "`coder\(set)_\(field)` is `\(value(field))`: \(message)"))
                }
                let correct = value("correct")
                if !correct.isEmpty {
                    if row.kind == .untagged {
                        fail("correct", "an untagged row has no tag to judge; use `coder\(set)_missed`")
                    } else if let yes = Self.yesNo(correct) {
                        coding.correct = yes
                    } else {
                        fail("correct", "expected yes or no")
                    }
                }
                let voice = value("voice")
                if !voice.isEmpty {
                    if row.kind == .untagged {
                        fail("voice", "voice is coded for tag rows only")
                    } else if let key = Self.voice(voice) {
                        coding.voice = key
                    } else {
                        fail("voice", "expected one of authorial, authorial-distanced, quoted, attributed, comment, headline, headline-distanced (or own, distanced, scare-quoted, reported)")
                    }
                }
                let speaker = value("speaker")
                if !speaker.isEmpty {
                    if row.kind == .untagged {
                        fail("speaker", "the speaker is coded for tag rows only")
                    } else {
                        coding.speaker = Speakers.fold(speaker)
                    }
                }
                let stance = value("stance")
                if !stance.isEmpty {
                    let lexicon = row.lexicon.flatMap(facts.lexicon)
                    if row.kind == .untagged || row.tagKind != .term {
                        fail("stance", "a stance is coded for terminology tags only")
                    } else if stance.lowercased() == "none" {
                        coding.stance = ""
                    } else if let declared = lexicon?.stances.first(where: { $0.lowercased() == stance.lowercased() }) {
                        coding.stance = declared
                    } else {
                        fail("stance", "not a stance of \(row.lexicon ?? "the lexicon") (\(((lexicon?.stances ?? []) + ["none"]).joined(separator: ", ")))")
                    }
                }
                let missed = value("missed")
                if !missed.isEmpty {
                    if row.kind == .tag {
                        fail("missed", "`missed` is coded for untagged rows only")
                    } else {
                        switch Self.missed(missed, facts: facts, language: row.language) {
                        case .success(let groups): coding.missed = groups
                        case .failure(let error): fail("missed", error.message)
                        }
                    }
                }
                if !coding.isEmpty { coders[position].codes[rowID] = coding }
            }
        }
        if !blank.isEmpty {
            warnings.append("\(file): \(blank.count) blank row\(blank.count == 1 ? "" : "s") (line\(blank.count == 1 ? "" : "s") \(Self.list(blank.map(String.init)))) skipped")
        }
        let absent = sample.rows.map(\.id).filter { seen[$0] == nil }
        if !absent.isEmpty {
            warnings.append("\(file): \(absent.count) row\(absent.count == 1 ? "" : "s") of the sample not in the file (\(Self.list(absent))): not coded")
        }
        for coder in coders {
            let uncoded = sample.rows.map(\.id).filter { seen[$0] != nil && coder.codes[$0] == nil }
            if !uncoded.isEmpty {
                warnings.append("\(file): coder \(coder.name) left \(uncoded.count) row\(uncoded.count == 1 ? "" : "s") empty (\(Self.list(uncoded.map { "\($0) on line \(seen[$0] ?? 0)" }))): not coded")
            }
        }
        return (problems.isEmpty ? coders : [], warnings, problems)
    }

    static func list(_ items: [String]) -> String {
        items.count <= 6 ? items.joined(separator: ", ") : items.prefix(5).joined(separator: ", ") + ", … and \(items.count - 5) more"
    }

    /// `coder2_voice` → (2, "voice").
    static func coderColumn(_ name: String) -> (Int, String)? {
        guard name.hasPrefix("coder"), let underscore = name.firstIndex(of: "_") else { return nil }
        let number = name[name.index(name.startIndex, offsetBy: 5)..<underscore]
        let field = String(name[name.index(after: underscore)...])
        guard let set = Int(number), set > 0, CodingSheet.coderFields.contains(field) else { return nil }
        return (set, field)
    }

    static func stem(_ file: String) -> String {
        let name = (file as NSString).lastPathComponent
        let bare = name.lowercased().hasSuffix(".csv") ? String(name.dropLast(4)) : name
        return Slug.make(bare)
    }

    /// " (did you mean `X`?)" for the unknown column closest to `name`, when one is close.
    static func suggestion(_ name: String, _ unknown: [String]) -> String {
        let scored = unknown.map { ($0, distance($0.lowercased(), name)) }.filter { $0.1 <= max(3, name.count / 3) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else {
            return unknown.isEmpty ? "" : " (columns not of the sheet: \(unknown.sorted().map { "`\($0)`" }.joined(separator: ", ")))"
        }
        return " (did you mean `\(best.0)`?)"
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    static func yesNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true", "1": true
        case "no", "n", "false", "0": false
        default: nil
        }
    }

    static func voice(_ text: String) -> VoiceKey? {
        switch text.lowercased() {
        case "authorial", "own": .authorial
        case "authorial-distanced", "scare-quoted", "scare quotes", "distanced": .distancedAuthorial
        case "quoted": .quoted
        case "attributed", "reported": .attributed
        case "comment": .comment
        case "comment-distanced": VoiceKey(.comment, distanced: true)
        case "headline", "standfirst": .headline
        case "headline-distanced", "standfirst-distanced": .distancedHeadline
        default: nil
        }
    }

    /// `no`, `yes`, or families and categories (bare when one lexicon has them, else `lexicon/group`).
    static func missed(_ text: String, facts: LexiconFacts, language: String?) -> Result<Set<String>, MissedCodeError> {
        let lower = text.lowercased()
        if Self.yesNo(lower) == false { return .success([]) }
        if Self.yesNo(lower) == true { return .success(["*"]) }
        var groups = Set<String>()
        for part in text.split(whereSeparator: { $0 == ";" || $0 == "," }) {
            let code = part.trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty else { continue }
            var matches: [String] = []
            for lexicon in facts.lexicons {
                let names = lexicon.measure == .terminology ? Array(lexicon.familyQuestions.keys) : lexicon.categories
                for name in names where code.lowercased() == name.lowercased() || code.lowercased() == "\(lexicon.id)/\(name)".lowercased() {
                    matches.append("\(lexicon.id)/\(name)")
                }
            }
            if matches.count == 1, let match = matches.first {
                groups.insert(match)
            } else if matches.isEmpty {
                return .failure(MissedCodeError(message: "`\(code)` is not a family or category of the configured lexicons; write no, yes, or family/category ids (see the codebook)"))
            } else {
                return .failure(MissedCodeError(message: "`\(code)` is a family or category of several lexicons; write it as \(matches.map { "`\($0)`" }.joined(separator: " or "))"))
            }
        }
        return groups.isEmpty ? .failure(MissedCodeError(message: "expected no, yes, or family/category ids")) : .success(groups)
    }

    struct MissedCodeError: Error {
        var message: String
    }
}
