import Foundation
import SlantCore

/// A loaded-language lexicon built from someone else's dictionary, before it is written
/// out as YAML (the format of `lexicons/README.md`, "Loaded-language lexicon").
public struct ImportedLexicon: Sendable, Equatable {
    public var id: String
    public var description: String
    /// Comment lines written at the top of the file (without `# `).
    public var headerComments: [String]
    public var categories: [Category]

    public init(id: String, description: String, headerComments: [String] = [], categories: [Category]) {
        self.id = id
        self.description = description
        self.headerComments = headerComments
        self.categories = categories
    }

    public struct Category: Sendable, Equatable {
        public var id: String
        public var label: String
        public var description: String
        public var basis: String
        public var defaultWeight: Double
        public var entries: [Entry]

        public init(id: String, label: String, description: String, basis: String, defaultWeight: Double, entries: [Entry]) {
            self.id = id
            self.label = label
            self.description = description
            self.basis = basis
            self.defaultWeight = defaultWeight
            self.entries = entries
        }
    }

    public struct Entry: Sendable, Equatable {
        /// The word or phrase, which is also its only variant (`abandon*`, `kind of`).
        public var text: String
        /// The entry's own weight; nil = the category's `default_weight`.
        public var weight: Double?
        /// A YAML comment written after the entry (for example the other categories of the word).
        public var comment: String?
        /// The other categories (ids) the entry is also in (`also_in:`).
        public var alsoIn: [String]

        public init(text: String, weight: Double? = nil, comment: String? = nil, alsoIn: [String] = []) {
            self.text = text
            self.weight = weight
            self.comment = comment
            self.alsoIn = alsoIn
        }
    }

    /// The lexicon as YAML text, in the format `LexiconLoader` reads.
    public var yaml: String {
        var out = ""
        for line in headerComments { out += LexiconYAML.comment(line) + "\n" }
        if !headerComments.isEmpty { out += "\n" }
        out += "lexicon: \(LexiconYAML.scalar(id))\n"
        out += "kind: loaded\n"
        out += "version: 1\n"
        out += "description: \(LexiconYAML.scalar(description))\n"
        out += "categories:\n"
        for category in categories {
            out += "\n"
            out += "  - id: \(LexiconYAML.scalar(category.id))\n"
            out += "    label: \(LexiconYAML.scalar(category.label))\n"
            out += "    description: \(LexiconYAML.scalar(category.description))\n"
            out += "    basis: \(LexiconYAML.scalar(category.basis))\n"
            out += "    default_weight: \(LexiconYAML.number(category.defaultWeight))\n"
            out += "    entries:\n"
            for entry in category.entries {
                let comment = entry.comment.map { "  " + LexiconYAML.comment($0) } ?? ""
                if entry.weight != nil || !entry.alsoIn.isEmpty {
                    out += "      - entry: \(LexiconYAML.scalar(entry.text))\(comment)\n"
                    if let weight = entry.weight { out += "        weight: \(LexiconYAML.number(weight))\n" }
                    if !entry.alsoIn.isEmpty { out += "        also_in: [\(entry.alsoIn.map(LexiconYAML.scalar).joined(separator: ", "))]\n" }
                } else {
                    out += "      - \(LexiconYAML.scalar(entry.text))\(comment)\n"
                }
            }
        }
        return out
    }
}

/// A small YAML writer for lexicon files: plain scalars only when they cannot be misread.
public enum LexiconYAML {
    /// Words YAML 1.1 or 1.2 may read as booleans or null when written plain.
    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    /// `text` as a YAML scalar: plain when it is made of letters, digits, spaces, `-`, `'`, `.`
    /// and `*`, starts with a letter and is no reserved word; double-quoted (with escapes) otherwise.
    public static func scalar(_ text: String) -> String {
        if isPlainSafe(text) { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}", "\u{FEFF}":
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, let last = text.unicodeScalars.last,
            last != " ", !reserved.contains(text.lowercased())
        else { return false }
        var previousSpace = false
        for scalar in text.unicodeScalars {
            let space = scalar == " "
            if space && previousSpace { return false }
            previousSpace = space
            if space || scalar == "-" || scalar == "'" || scalar == "." || scalar == "*" { continue }
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil {
                // Letters and digits, but not the invisible or bidirectional format characters.
                if properties.generalCategory == .format { return false }
                continue
            }
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark { continue }
            return false
        }
        return true
    }

    /// A `#` comment on one line (line breaks become spaces).
    public static func comment(_ text: String) -> String {
        // Anything YAML could take for a line break (or that a terminal would act on) becomes a space.
        var flat = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let control = scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
            flat.append(control ? " " : scalar)
        }
        return flat.isEmpty ? "#" : "# " + String(flat)
    }

    /// A weight: `1.0`, `2.5`.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return "\(Int(value)).0" }
        return "\(value)"
    }
}

/// Converts other dictionaries into loaded-language lexicons: LIWC-style `.dic` files and plain
/// word lists. Pure functions: text in, YAML (and the loaded ``Lexicon``) plus diagnostics out;
/// reading and writing files is the caller's business. The rules are in `lexicons/README.md`,
/// "Importing other dictionaries".
public enum LexiconImport {
    /// A problem of the input, at `file:line` when it has a line.
    public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
        public enum Severity: String, Sendable {
            /// The import goes on (the line, or part of it, may be left out).
            case warning
            /// Nothing is written.
            case error
        }

        public var severity: Severity
        public var file: String
        public var line: Int?
        public var message: String

        public init(_ severity: Severity, file: String, line: Int?, _ message: String) {
            self.severity = severity
            self.file = file
            self.line = line
            self.message = message
        }

        public var description: String {
            let place = line.map { "\(file):\($0)" } ?? file
            return "\(place): \(severity.rawValue): \(message)"
        }
    }

    /// What an import asks for, beside the text.
    public struct Options: Sendable {
        /// The input file as the user gave it: named in messages; its last component is named in the lexicon.
        public var path: String
        /// The lexicon id (default: the file's name without extension, slugified).
        public var id: String?
        /// Weight of every entry that has none of its own (`default_weight` of each category).
        public var weight: Double
        /// The date of the import, written in each category's `basis` (`2025-06-01`).
        public var date: String
        /// LIWC: the categories to import, by name or number, first = highest priority (empty: all, in header order).
        public var categories: [String]
        /// Word list: the name of its one category (default: the file's name without extension).
        public var category: String?
        /// LIWC: keep a word of several imported categories in every one of them (an entry of the first,
        /// `also_in:` the others), as non-hierarchical dictionaries such as the Moral Foundations
        /// Dictionary need; off (the default), a word is an entry of the first of them only.
        public var allCategories: Bool

        public init(
            path: String, id: String? = nil, weight: Double = 1.0, date: String, categories: [String] = [], category: String? = nil,
            allCategories: Bool = false
        ) {
            self.path = path
            self.id = id
            self.weight = weight
            self.date = date
            self.categories = categories
            self.category = category
            self.allCategories = allCategories
        }
    }

    /// What came out of an import.
    public struct Outcome: Sendable {
        /// The lexicon to write; nil when an error (or a usage error) stopped the import.
        public var document: ImportedLexicon?
        /// `document` as YAML.
        public var yaml: String?
        /// `yaml` read back with ``LexiconLoader`` (so that what is written is known to load).
        public var lexicon: Lexicon?
        /// Warnings and errors, in line order.
        public var diagnostics: [Diagnostic] = []
        /// A wrong option (an unknown `--categories` name, a bad `--id` or `--weight`): exit status 2.
        public var usageError: String?
        /// Input lines left out (each has a warning).
        public var skippedLines = 0
        /// Words of several imported categories, written once (in the first, or with `also_in:`).
        public var wordsInSeveralCategories = 0
        /// Whether those words were kept in all their categories.
        var keptInAll = false

        public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
        public var errors: Int { diagnostics.filter { $0.severity == .error }.count }

        /// One line for standard error: what was imported and what was left out.
        public var summary: String {
            let file = options.path
            guard let document else {
                let problems = usageError != nil ? "a usage error" : plural(errors, "error")
                return "\(file): nothing imported: \(problems), \(plural(warnings, "warning"))"
            }
            let entries = document.categories.reduce(0) { $0 + $1.entries.count }
            var line =
                "\(file): imported \(plural(entries, "entry", "entries")) in \(plural(document.categories.count, "category", "categories")); "
                + "\(plural(skippedLines, "line")) skipped, \(plural(warnings, "warning"))"
            if wordsInSeveralCategories > 0 {
                line += keptInAll
                    ? "; \(plural(wordsInSeveralCategories, "word")) of several categories kept in all of them (also_in)"
                    : "; \(plural(wordsInSeveralCategories, "word")) of several categories kept in the first only"
            }
            return line
        }

        var options: Options

        init(options: Options) { self.options = options }
    }

    // MARK: - LIWC

    /// Converts a LIWC-style dictionary: a header of `number<TAB>name` lines between two `%`
    /// lines, then `word<TAB>number<TAB>number ...` lines.
    public static func liwc(_ text: String, options: Options) -> Outcome {
        var outcome = Outcome(options: options)
        var report = Reporter(file: options.path)
        let file = options.path
        let lines = Self.lines(text)
        let normalizer = WordNormalizer(foldDiacritics: false)
        if let problem = checkOptions(options) {
            outcome.usageError = problem
            return outcome
        }

        // The header.
        struct HeaderCategory {
            var number: Int
            var name: String
            var note: String?
            var line: Int
        }
        var header: [HeaderCategory] = []
        var index = 0
        while index < lines.count, lines[index].text.trimmingWhitespace().isEmpty { index += 1 }
        guard index < lines.count else {
            report.error(nil, "the dictionary is empty")
            return finish(outcome, report)
        }
        guard lines[index].text.trimmingWhitespace() == "%" else {
            report.error(
                lines[index].number,
                "malformed header: a LIWC dictionary starts with a line holding only `%`, then one `number<TAB>name` line per category, then `%`")
            return finish(outcome, report)
        }
        let opening = lines[index].number
        index += 1
        var closed = false
        var numbers: [Int: Int] = [:]
        while index < lines.count {
            let line = lines[index]
            index += 1
            let trimmed = line.text.trimmingWhitespace()
            if trimmed == "%" {
                closed = true
                break
            }
            if trimmed.isEmpty { continue }
            // `number<TAB>name[<TAB>note]`; without a tab, `number name`, the name running to the end of the line.
            var fields: [String]
            if trimmed.contains("\t") {
                fields = trimmed.split(separator: "\t").map { collapseSpaces(String($0)) }.filter { !$0.isEmpty }
                if fields.count == 1, let space = fields[0].firstIndex(of: " ") {
                    fields = [String(fields[0][..<space]), String(fields[0][fields[0].index(after: space)...])]
                }
            } else {
                fields = trimmed.split(separator: " ", maxSplits: 1).map { collapseSpaces(String($0)) }.filter { !$0.isEmpty }
            }
            guard fields.count >= 2, let number = Int(fields[0]), number >= 0, fields[0].allSatisfy(\.isASCIIDigit) else {
                report.error(line.number, "malformed header line `\(trimmed)`: expected a category number and a name (`1<TAB>posemo`)")
                continue
            }
            if let first = numbers[number] {
                report.error(line.number, "category number \(number) is declared twice (first on line \(first))")
                continue
            }
            numbers[number] = line.number
            let name = fields[1]
            if let other = header.first(where: { $0.name.lowercased() == name.lowercased() }) {
                report.error(line.number, "category name `\(name)` is declared twice (first on line \(other.line))")
                continue
            }
            let note = fields.count > 2 ? fields[2...].joined(separator: " ") : nil
            header.append(HeaderCategory(number: number, name: name, note: note, line: line.number))
        }
        if !closed {
            // Without its closing line, the words were read as header lines: their errors say nothing.
            report.diagnostics.removeAll()
            report.error(opening, "malformed header: the `%` line that opens the category header has no closing `%` line")
            return finish(outcome, report)
        }
        if header.isEmpty && report.errorCount == 0 {
            report.error(opening, "malformed header: no categories between the two `%` lines")
        }
        if report.errorCount > 0 { return finish(outcome, report) }

        // Which categories, in which priority.
        var selected: [Int] = []
        if options.categories.isEmpty {
            selected = header.map(\.number)
        } else {
            for wanted in options.categories {
                let key = wanted.trimmingWhitespace()
                let found = header.first { category in
                    if let number = Int(key) { return category.number == number }
                    return category.name.lowercased() == key.lowercased() || slug(category.name) == slug(key)
                }
                guard let found else {
                    let known = header.map { "\($0.number) \($0.name)" }.joined(separator: ", ")
                    outcome.usageError = "--categories: `\(key)` is not a category of \(file) (its categories: \(known))"
                    return outcome
                }
                if !selected.contains(found.number) { selected.append(found.number) }
            }
        }
        let priority = Dictionary(uniqueKeysWithValues: selected.enumerated().map { ($1, $0) })
        let byNumber = Dictionary(uniqueKeysWithValues: header.map { ($0.number, $0) })

        // The words.
        var entries: [Int: [ImportedLexicon.Entry]] = [:]
        var members: [Int: Int] = [:]
        // The words in file order, with their categories; a word listed twice is one word.
        var words: [(text: String, line: Int, categories: [Int])] = []
        var found: [[PatternWord]: Int] = [:]
        var sawWord = false
        while index < lines.count {
            let line = lines[index]
            index += 1
            let trimmed = line.text.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            sawWord = true
            let (word, references) = splitWordLine(line.text)
            if word.isEmpty {
                report.skip(line.number, "no word before the category numbers")
                continue
            }
            var categories: [Int] = []
            var unknown = false
            var conditionals: [String] = []
            var notNumbers: [String] = []
            for reference in scanReferences(references) {
                switch reference {
                case .number(let number):
                    guard byNumber[number] != nil else {
                        report.error(line.number, "category \(number) of `\(word)` is not declared in the header")
                        unknown = true
                        continue
                    }
                    if !categories.contains(number) { categories.append(number) }
                case .conditional(let token): conditionals.append("`\(token)`")
                case .invalid(let token): notNumbers.append("`\(token)`")
                }
            }
            if unknown { continue }
            if !notNumbers.isEmpty {
                let list = notNumbers.joined(separator: ", ")
                report.skip(line.number, "\(list) \(notNumbers.count == 1 ? "is not a category number" : "are not category numbers")")
                continue
            }
            guard !categories.isEmpty else {
                if conditionals.isEmpty {
                    report.skip(line.number, "`\(word)` has no categories")
                } else {
                    report.skip(
                        line.number,
                        "`\(word)` has only conditional categories (\(conditionals.joined(separator: ", ")), chosen by the word before it), which a lexicon entry cannot express")
                }
                continue
            }
            // A line of categories that are not imported only counts for duplicates: its problems are not reported.
            let wanted = categories.contains { priority[$0] != nil }
            if word.hasPrefix("(") {
                if wanted {
                    report.skip(
                        line.number, "`\(word)` depends on the words around it (a LIWC context rule), which a lexicon entry cannot express")
                }
                continue
            }
            if wanted, !conditionals.isEmpty {
                report.warning(
                    line.number,
                    "`\(word)`: the conditional \(conditionals.count == 1 ? "category" : "categories") \(conditionals.joined(separator: ", ")) (chosen by the word before it) left out; its other categories are kept")
            }
            let pattern: Pattern
            switch normalizer.pattern(word) {
            case .success(let parsed): pattern = parsed
            case .failure(let error):
                if wanted { report.skip(line.number, "`\(word)` is not a valid pattern: \(error.reason)") }
                continue
            }
            if let first = found[pattern.words] {
                let same = words[first].text == pattern.text ? "is listed twice" : "is the same pattern as `\(words[first].text)`"
                report.warning(
                    line.number, "`\(word)` \(same) (first on line \(words[first].line)): the categories of both lines are merged")
                words[first].categories += categories.filter { !words[first].categories.contains($0) }
                continue
            }
            found[pattern.words] = words.count
            words.append((pattern.text, line.number, categories))
        }
        // Each word's home (the category it is an entry of) and the further categories it is also in.
        var chosenOf: [[Int]] = []
        var homeOf: [Int?] = []
        for word in words {
            let chosen = word.categories.filter { priority[$0] != nil }.sorted { (priority[$0] ?? 0) < (priority[$1] ?? 0) }
            for number in chosen { members[number, default: 0] += 1 }
            chosenOf.append(chosen)
            homeOf.append(chosen.first)
        }
        if options.allCategories {
            // A category whose words are all at home in earlier ones takes one of them in, when its
            // home keeps others, so that it is written (a category needs an entry of its own).
            var homeCounts: [Int: Int] = [:]
            for home in homeOf.compactMap({ $0 }) { homeCounts[home, default: 0] += 1 }
            for number in selected where homeCounts[number, default: 0] == 0 {
                guard let moved = words.indices.first(where: { index in
                    guard let home = homeOf[index] else { return false }
                    return chosenOf[index].contains(number) && homeCounts[home, default: 0] > 1
                }), let home = homeOf[moved] else { continue }
                homeCounts[home, default: 0] -= 1
                homeCounts[number] = 1
                homeOf[moved] = number
            }
        }
        // The ids of the categories that get entries, in the order of --categories, else of the header.
        var homes = Set(homeOf.compactMap { $0 })
        var idOf: [Int: String] = [:]
        var ids = Set<String>()
        for category in selected.compactMap({ byNumber[$0] }) where homes.contains(category.number) {
            var id = slug(category.name)
            if id.isEmpty || ids.contains(id) { id = id.isEmpty ? "category-\(category.number)" : "\(id)-\(category.number)" }
            ids.insert(id)
            idOf[category.number] = id
        }
        homes = Set(idOf.keys)
        for (index, word) in words.enumerated() {
            guard let home = homeOf[index] else { continue }
            let chosen = chosenOf[index]
            var comment: String?
            var alsoIn: [String] = []
            if chosen.count > 1 {
                outcome.wordsInSeveralCategories += 1
                let others = chosen.filter { $0 != home }
                if options.allCategories {
                    alsoIn = others.compactMap { idOf[$0] }
                } else {
                    comment = "also in: " + others.compactMap { byNumber[$0] }.map { "\($0.name) (\($0.number))" }.joined(separator: ", ")
                }
            }
            entries[home, default: []].append(ImportedLexicon.Entry(text: word.text, comment: comment, alsoIn: alsoIn))
        }
        outcome.keptInAll = options.allCategories
        if !sawWord {
            report.error(nil, "the dictionary has no words after its category header")
        }
        if report.errorCount > 0 { return finish(outcome, report) }

        // The categories, in the order of --categories, else of the header.
        let source = basename(file)
        var categories: [ImportedLexicon.Category] = []
        for category in selected.compactMap({ byNumber[$0] }) {
            guard let words = entries[category.number], !words.isEmpty, let id = idOf[category.number] else {
                let count = members[category.number] ?? 0
                report.warning(
                    category.line,
                    count == 0
                        ? "category \(category.name) (\(category.number)) has no words; left out"
                        : options.allCategories
                            ? "category \(category.name) (\(category.number)) is left out: \(count == 1 ? "its word is" : "all its \(count) words are") the only entry of another category"
                            : "category \(category.name) (\(category.number)) is left out: \(count == 1 ? "its word is an entry" : "all its \(count) words are entries") of an earlier category (choose the order with --categories)")
                continue
            }
            let note = category.note.map { " (\($0))" } ?? ""
            categories.append(
                ImportedLexicon.Category(
                    id: id, label: category.name,
                    description: "Words of category \(category.name)\(note), number \(category.number), of \(source).",
                    basis: "Imported from \(source) (LIWC-style dictionary) on \(options.date); original category: \(category.name) (number \(category.number)).",
                    defaultWeight: options.weight, entries: words))
        }
        guard !categories.isEmpty else {
            report.error(nil, "no words to import: no word line belongs to the selected categories")
            return finish(outcome, report)
        }
        let total = categories.reduce(0) { $0 + $1.entries.count }
        let document = ImportedLexicon(
            id: options.id ?? defaultID(file),
            description:
                "Imported from \(source) (LIWC-style dictionary) on \(options.date) by slant lexicon import: \(total) entries in \(categories.count) categories, each of weight \(LexiconYAML.number(options.weight)).",
            headerComments: options.allCategories
                ? [
                    "Imported by `slant lexicon import --liwc --all-categories` from \(source) on \(options.date).",
                    "A word of several imported categories is an entry of the first of them (in the order",
                    "of --categories, else of the header) and `also_in:` the others: it counts in each of",
                    "their rates and once in the lexicon's. Check with `slant lexicon check`.",
                ]
                : [
                    "Imported by `slant lexicon import --liwc` from \(source) on \(options.date).",
                    "A word of several imported categories is an entry of the first of them only (in the",
                    "order of --categories, else of the header), so that it is not counted twice; an",
                    "`also in:` comment names the others. Check with `slant lexicon check`.",
                ],
            categories: categories)
        outcome.document = document
        return finish(outcome, report)
    }

    /// A word line's word and the text of its category references. With a tab, the word is what
    /// precedes the first tab; without one, the trailing fields made of digits, `(`, `)` and `/`
    /// are the references and the rest (possibly several words) is the word.
    static func splitWordLine(_ line: String) -> (word: String, references: String) {
        if let tab = line.firstIndex(of: "\t") {
            return (collapseSpaces(String(line[..<tab])), String(line[line.index(after: tab)...]))
        }
        let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var split = fields.count
        while split > 1, fields[split - 1].allSatisfy({ $0.isASCIIDigit || $0 == "(" || $0 == ")" || $0 == "/" }) {
            split -= 1
        }
        return (fields[..<split].joined(separator: " "), fields[split...].joined(separator: " "))
    }

    enum Reference: Equatable {
        case number(Int)
        /// LIWC 2007's `(02 134)125/464` or `125/464`: a category chosen by the previous word.
        case conditional(String)
        case invalid(String)
    }

    static func scanReferences(_ text: String) -> [Reference] {
        var result: [Reference] = []
        let characters = Array(text)
        var position = 0
        while position < characters.count {
            if characters[position] == " " || characters[position] == "\t" {
                position += 1
                continue
            }
            let start = position
            if characters[position] == "(" {
                while position < characters.count, characters[position] != ")" { position += 1 }
            }
            while position < characters.count, characters[position] != " ", characters[position] != "\t" { position += 1 }
            let token = String(characters[start..<position])
            if token.allSatisfy(\.isASCIIDigit), let number = Int(token) {
                result.append(.number(number))
            } else if token.contains("/") || token.hasPrefix("(") {
                result.append(.conditional(token))
            } else {
                result.append(.invalid(token))
            }
        }
        return result
    }

    // MARK: - Word lists

    /// Converts a word list: one word or phrase per line, an optional `<TAB>weight` column,
    /// `#` comments and blank lines ignored. Every entry goes into one category.
    public static func wordList(_ text: String, options: Options) -> Outcome {
        var outcome = Outcome(options: options)
        var report = Reporter(file: options.path)
        let file = options.path
        if let problem = checkOptions(options) {
            outcome.usageError = problem
            return outcome
        }
        let categoryName = options.category.map { $0.trimmingWhitespace() } ?? defaultID(file)
        guard !slug(categoryName).isEmpty else {
            outcome.usageError = "--category: `\(categoryName)` has no letters or digits to make a category id of"
            return outcome
        }
        let normalizer = WordNormalizer(foldDiacritics: false)
        var entries: [ImportedLexicon.Entry] = []
        var seen: [[PatternWord]: (text: String, line: Int)] = [:]
        for line in lines(text) {
            let content = stripComment(line.text)
            if content.trimmingWhitespace().isEmpty { continue }
            let fields = content.split(separator: "\t", omittingEmptySubsequences: true).map { String($0).trimmingWhitespace() }
                .filter { !$0.isEmpty }
            guard let first = fields.first else { continue }
            let word = collapseSpaces(first)
            if fields.count > 2 {
                report.skip(line.number, "more than two columns (a word or phrase, then a weight)")
                continue
            }
            var weight: Double?
            if fields.count == 2 {
                guard let value = Double(fields[1]), value > 0, value.isFinite else {
                    report.skip(line.number, "the weight `\(fields[1])` of `\(word)` is not a positive number")
                    continue
                }
                weight = value
            } else {
                let words = word.split(separator: " ")
                if words.count > 1, let last = words.last, Double(last) != nil {
                    report.warning(
                        line.number,
                        "`\(word)` ends in a number, kept as a phrase; if the number is a weight, separate it from the word with a tab")
                }
            }
            let pattern: Pattern
            switch normalizer.pattern(word) {
            case .success(let parsed): pattern = parsed
            case .failure(let error):
                report.skip(line.number, "`\(word)` is not a valid pattern: \(error.reason)")
                continue
            }
            if let earlier = seen[pattern.words] {
                let same = earlier.text == word ? "is listed twice" : "is the same pattern as `\(earlier.text)`"
                report.skip(line.number, "`\(word)` \(same) (first on line \(earlier.line))")
                continue
            }
            seen[pattern.words] = (word, line.number)
            entries.append(ImportedLexicon.Entry(text: pattern.text, weight: weight))
        }
        guard !entries.isEmpty else {
            report.error(nil, report.warningCount > 0 ? "no usable words in the word list" : "the word list has no words")
            return finish(outcome, report)
        }
        let source = basename(file)
        let weighted = entries.contains { $0.weight != nil }
        let weights =
            weighted
            ? "weights from the file's second column, \(LexiconYAML.number(options.weight)) for words without one"
            : "each of weight \(LexiconYAML.number(options.weight))"
        let category = ImportedLexicon.Category(
            id: slug(categoryName), label: categoryName,
            description: "Words and phrases of the word list \(source).",
            basis: "Imported from \(source) (word list) on \(options.date).",
            defaultWeight: options.weight, entries: entries)
        outcome.document = ImportedLexicon(
            id: options.id ?? defaultID(file),
            description:
                "Imported from \(source) (word list) on \(options.date) by slant lexicon import: \(entries.count) entries, \(weights).",
            headerComments: ["Imported by `slant lexicon import --words` from \(source) on \(options.date). Check with `slant lexicon check`."],
            categories: [category])
        return finish(outcome, report)
    }

    /// The line without a `#` comment: a `#` that starts the line or follows a space or tab.
    static func stripComment(_ line: String) -> String {
        var previous: Character = " "
        for index in line.indices {
            if line[index] == "#", previous == " " || previous == "\t" { return String(line[..<index]) }
            previous = line[index]
        }
        return line
    }

    // MARK: - Shared

    /// `text` made into an identifier: lower case, runs of anything but letters and digits as one `-`.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(character)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// Whether `id` is a lexicon identifier: letters, digits and dashes, starting with a letter or digit.
    public static func isIdentifier(_ id: String) -> Bool {
        guard let first = id.first, first.isLetter || first.isNumber else { return false }
        return id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    static func checkOptions(_ options: Options) -> String? {
        if let id = options.id, !isIdentifier(id) {
            return "--id: `\(id)` is not an identifier (letters, digits and dashes)"
        }
        if !(options.weight > 0 && options.weight.isFinite) {
            return "--weight must be a positive number"
        }
        if options.id == nil, defaultID(options.path).isEmpty {
            return "cannot make a lexicon id of the file name `\(basename(options.path))`: give one with --id"
        }
        return nil
    }

    static func defaultID(_ path: String) -> String {
        var name = basename(path)
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return slug(name)
    }

    static func basename(_ path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        return name.isEmpty ? path : name
    }

    static func collapseSpaces(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// Lines with their 1-based numbers, split at `\n`, `\r\n` or `\r`; a byte order mark is dropped.
    static func lines(_ text: String) -> [(number: Int, text: String)] {
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var result: [(number: Int, text: String)] = []
        var current = String.UnicodeScalarView()
        var previousCR = false
        for scalar in scalars {
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                result.append((result.count + 1, String(current)))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        result.append((result.count + 1, String(current)))
        return result
    }

    /// Renders the document and reads it back; a lexicon that would not load is an error, never written.
    static func finish(_ outcome: Outcome, _ report: Reporter) -> Outcome {
        var outcome = outcome
        var report = report
        if report.errorCount > 0 { outcome.document = nil }
        if let document = outcome.document {
            let yaml = document.yaml
            do {
                outcome.lexicon = try LexiconLoader.parse(yaml: yaml, path: outcome.options.path)
                outcome.yaml = yaml
            } catch {
                report.error(nil, "the lexicon made from this file does not load (a bug in slant lexicon import): \(error)")
                outcome.document = nil
            }
        }
        outcome.diagnostics = report.diagnostics.enumerated().sorted { left, right in
            ((left.element.line ?? Int.max), left.offset) < ((right.element.line ?? Int.max), right.offset)
        }.map(\.element)
        outcome.skippedLines = report.skipped
        return outcome
    }

    struct Reporter {
        var file: String
        var diagnostics: [Diagnostic] = []
        var skipped = 0

        var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

        mutating func error(_ line: Int?, _ message: String) {
            diagnostics.append(Diagnostic(.error, file: file, line: line, message))
        }

        mutating func warning(_ line: Int?, _ message: String) {
            diagnostics.append(Diagnostic(.warning, file: file, line: line, message))
        }

        /// A warning for a line left out of the lexicon.
        mutating func skip(_ line: Int, _ message: String) {
            diagnostics.append(Diagnostic(.warning, file: file, line: line, message + "; line skipped"))
            skipped += 1
        }
    }
}

private func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : pluralForm ?? singular + "s")"
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
