import Yams

/// Walks a YAML node tree (from `Yams.compose`), collecting typed values and
/// errors located at file:line:column. Shared by the configuration and lexicon
/// loaders, so that both speak the same way about the same mistakes.
public struct YAMLReader {
    public let file: String
    public private(set) var errors: [ConfigurationError] = []

    public init(file: String) { self.file = file }

    public func location(_ node: Node) -> ConfigurationLocation {
        let mark = node.mark
        return ConfigurationLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    public mutating func fail(_ node: Node, _ message: String) {
        errors.append(ConfigurationError(location(node), message))
    }

    public func syntaxError(_ error: Error, in text: String = "") -> ConfigurationError {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
                let detail = context.map { "\($0.text) " } ?? ""
                return ConfigurationError(
                    ConfigurationLocation(file: file, line: mark.line, column: mark.column),
                    "invalid YAML: \(detail)\(problem)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                let key = duplicates.sorted().first ?? ""
                let place = Self.repeatedKey(key, after: context.mark, in: text)
                    ?? (line: context.mark.line, column: context.mark.column)
                return ConfigurationError(
                    ConfigurationLocation(file: file, line: place.line, column: place.column),
                    "key `\(key)` appears twice in the same mapping (first at line \(context.mark.line))")
            default:
                break
            }
        }
        return ConfigurationError(ConfigurationLocation(file: file, line: 1, column: 1), "invalid YAML: \(error)")
    }

    /// Where `key` is written again after its first occurrence at `first`: the next line that
    /// holds it as a key at the same column (a block mapping), or the next `key:` on the same line
    /// (a flow mapping). Columns count Unicode scalars from 1, as libyaml does.
    static func repeatedKey(_ key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        guard !key.isEmpty else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).unicodeScalars) }
        let needle = Array(key.unicodeScalars)
        func isKey(_ line: [Unicode.Scalar], at column: Int) -> Bool {
            let start = column - 1
            guard start >= 0, start + needle.count <= line.count, Array(line[start..<(start + needle.count)]) == needle else { return false }
            var after = start + needle.count
            if after < line.count, line[after] == "\"" || line[after] == "'" { after += 1 }
            while after < line.count, line[after] == " " { after += 1 }
            guard after < line.count, line[after] == ":" else { return false }
            if start > 0 {
                let before = line[start - 1]
                guard before == " " || before == "{" || before == "," || before == "\"" || before == "'" || before == "-" else { return false }
            }
            return true
        }
        let firstLine = first.line - 1
        guard firstLine >= 0, firstLine < lines.count else { return nil }
        // A flow mapping: later on the same line.
        let line = lines[firstLine]
        var column = first.column + needle.count
        while column + needle.count - 1 <= line.count {
            if isKey(line, at: column) { return (first.line, column) }
            column += 1
        }
        // A block mapping: a later line with the key at the same column.
        var index = firstLine + 1
        while index < lines.count {
            if isKey(lines[index], at: first.column) { return (index + 1, first.column) }
            index += 1
        }
        return nil
    }

    /// `true` / `false` (also `yes` / `no`).
    public mutating func boolean(_ node: Node, _ what: String) -> Bool? {
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default: break
            }
        }
        fail(node, "\(what) must be `true` or `false`; found \(Self.describe(node))")
        return nil
    }

    public static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "the scalar `\(scalar.string)`"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Pairs of (key text, key node, value node), with unknown or repeated keys reported.
    public mutating func entries(of node: Node, allowed: [String], context: String) -> [(String, Node, Node)] {
        guard case .mapping(let mapping) = node else {
            fail(node, "\(context) must be a mapping (key: value); found \(Self.describe(node))")
            return []
        }
        var seen = Set<String>()
        var result: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                fail(keyNode, "keys of \(context) must be plain words; found \(Self.describe(keyNode))")
                continue
            }
            guard allowed.contains(key.string) else {
                let hint = Self.closest(to: key.string, in: allowed).map { " (did you mean `\($0)`?)" } ?? ""
                fail(
                    keyNode,
                    "unknown key `\(key.string)` in \(context)\(hint); expected one of: \(allowed.joined(separator: ", "))")
                continue
            }
            guard seen.insert(key.string).inserted else {
                fail(keyNode, "key `\(key.string)` appears twice in \(context)")
                continue
            }
            result.append((key.string, keyNode, value))
        }
        return result
    }

    public mutating func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            fail(node, "\(what) must be a string; found \(Self.describe(node))")
            return nil
        }
        let text = scalar.string.trimmingWhitespace()
        if text.isEmpty {
            fail(node, "\(what) must not be empty")
            return nil
        }
        return text
    }

    public mutating func positiveInteger(_ node: Node, _ what: String) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.replacingUnderscores()), value > 0 else {
            fail(node, "\(what) must be a positive whole number; found \(Self.describe(node))")
            return nil
        }
        return value
    }

    public mutating func stringList(_ node: Node, _ what: String) -> [(String, Node)] {
        switch node {
        case .scalar:
            return string(node, what).map { [($0, node)] } ?? []
        case .sequence(let sequence):
            return sequence.compactMap { item in string(item, "each entry of \(what)").map { ($0, item) } }
        default:
            fail(node, "\(what) must be a list of strings; found \(Self.describe(node))")
            return []
        }
    }

    /// Parses YAML text into its node tree; a syntax error is recorded and nil returned.
    public mutating func compose(_ yaml: String) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch {
            errors.append(syntaxError(error, in: yaml))
            return nil
        }
    }

    /// A number (integer or decimal) above zero.
    public mutating func positiveNumber(_ node: Node, _ what: String) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string.replacingUnderscores()), value > 0,
            value.isFinite
        else {
            fail(node, "\(what) must be a positive number; found \(Self.describe(node))")
            return nil
        }
        return value
    }

    /// The allowed key nearest to a misspelt one, if it is close enough to be a typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, best.count / 3) else { return nil }
        return best
    }

    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    public func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
