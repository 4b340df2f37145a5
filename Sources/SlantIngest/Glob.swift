/// A path glob, compiled into one matcher per path segment.
///
/// Supports `*` (any run of characters within a name), `?` (one character),
/// `[abc]`, `[a-z]`, `[!abc]` / `[^abc]` (one character of, or not of, a set),
/// `**` as a whole segment (any number of directories, including none), and `\`
/// to take the next character literally. `.` segments are dropped; `..` is kept
/// as a literal name.
struct Glob {
    enum Segment: Equatable {
        /// A name without wildcards, escapes removed.
        case literal(String)
        /// A name with wildcards.
        case pattern(NamePattern)
        /// `**`: any number of directories, including none.
        case anyDepth
    }

    /// Whether the glob starts at `/`.
    var isAbsolute: Bool
    var segments: [Segment]
    /// The segments as written (for messages), parallel to ``segments``.
    var written: [Substring]

    init(_ text: String) {
        isAbsolute = text.hasPrefix("/")
        segments = []
        written = []
        for part in text.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            let segment: Segment
            if part == "**" {
                // `**/**` means the same as `**`; collapsing keeps the walk linear.
                if segments.last == .anyDepth { continue }
                segment = .anyDepth
            } else {
                let pattern = NamePattern(part)
                segment = pattern.literalText.map(Segment.literal) ?? .pattern(pattern)
            }
            segments.append(segment)
            written.append(part)
        }
    }

    /// Whether any segment has a wildcard (otherwise the glob names one path).
    var hasWildcards: Bool { literalPrefixCount < segments.count }

    /// How many leading segments are plain names: the directory the glob starts its walk from.
    var literalPrefixCount: Int {
        segments.firstIndex { if case .literal = $0 { false } else { true } } ?? segments.count
    }

    /// The fixed directory prefix as written (`corpus/asbarz` for `corpus/asbarz/*.html`).
    var writtenPrefix: String {
        let joined = written.prefix(literalPrefixCount).joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The absolute path named by the first `count` segments (all of them by default), which must be literal.
    func path(relativeTo base: String, segments count: Int? = nil) -> String {
        var path = isAbsolute ? "/" : base
        for segment in segments.prefix(count ?? segments.count) {
            if case .literal(let name) = segment { path = FileSystem.normalize(name, relativeTo: path) }
        }
        return FileSystem.normalize(path, relativeTo: "/")
    }

    /// Whether the glob matches a whole relative path, given as its components.
    ///
    /// Wildcards match hidden names too here: this is for `exclude:`, where
    /// leaving a file out is never a surprise.
    func matches(_ components: [Substring]) -> Bool {
        // memo[s * (n + 1) + c]: nil = unknown; segments[s...] against components[c...].
        let n = components.count
        var memo = [Bool?](repeating: nil, count: (segments.count + 1) * (n + 1))
        func match(_ s: Int, _ c: Int) -> Bool {
            if let known = memo[s * (n + 1) + c] { return known }
            let result: Bool
            if s == segments.count {
                result = c == n
            } else {
                switch segments[s] {
                case .anyDepth:
                    result = match(s + 1, c) || (c < n && match(s, c + 1))
                case .literal(let name):
                    result = c < n && components[c] == name && match(s + 1, c + 1)
                case .pattern(let pattern):
                    result = c < n && pattern.matches(components[c], allowingHidden: true) && match(s + 1, c + 1)
                }
            }
            memo[s * (n + 1) + c] = result
            return result
        }
        return match(0, 0)
    }
}

/// A pattern for one file or directory name: `*.html`, `page-??.htm`, `[ab]*`.
struct NamePattern: Equatable {
    enum Token: Equatable {
        case scalar(Unicode.Scalar)
        /// `?`
        case any
        /// `*`
        case star
        /// `[...]`: ranges of scalar values, possibly negated.
        case set([ClosedRange<UInt32>], negated: Bool)
    }

    var tokens: [Token]

    init(_ text: Substring) {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            switch scalar {
            case "\\" where i + 1 < scalars.count:
                tokens.append(.scalar(scalars[i + 1]))
                i += 2
            case "*":
                if tokens.last != .star { tokens.append(.star) }
                i += 1
            case "?":
                tokens.append(.any)
                i += 1
            case "[":
                if let (set, next) = Self.parseSet(scalars, from: i) {
                    tokens.append(set)
                    i = next
                } else {
                    tokens.append(.scalar("["))
                    i += 1
                }
            default:
                tokens.append(.scalar(scalar))
                i += 1
            }
        }
        self.tokens = tokens
    }

    /// Parses `[...]` starting at `start` (the `[`); `nil` if it is not closed.
    private static func parseSet(_ scalars: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var i = start + 1
        var negated = false
        if i < scalars.count, scalars[i] == "!" || scalars[i] == "^" {
            negated = true
            i += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while i < scalars.count {
            var low = scalars[i]
            if low == "]" && !first { return (.set(ranges, negated: negated), i + 1) }
            first = false
            if low == "\\", i + 1 < scalars.count {
                i += 1
                low = scalars[i]
            }
            i += 1
            // `a-z`, but a `-` just before the closing `]` is literal.
            if i + 1 < scalars.count, scalars[i] == "-", scalars[i + 1] != "]" {
                var high = scalars[i + 1]
                i += 2
                if high == "\\", i < scalars.count {
                    high = scalars[i]
                    i += 1
                }
                if low.value <= high.value { ranges.append(low.value...high.value) }
            } else {
                ranges.append(low.value...low.value)
            }
        }
        return nil
    }

    /// The name this pattern stands for when it has no wildcards.
    var literalText: String? {
        var text = String.UnicodeScalarView()
        for token in tokens {
            guard case .scalar(let scalar) = token else { return nil }
            text.append(scalar)
        }
        return String(text)
    }

    /// Whether the pattern itself starts with a `.`, and so may match hidden names.
    var namesHidden: Bool { tokens.first == .scalar(".") }

    /// Whether `name` matches. Names starting with `.` match only a pattern that starts with `.`,
    /// unless `allowingHidden`.
    func matches<S: StringProtocol>(_ name: S, allowingHidden: Bool = false) -> Bool {
        let scalars = Array(name.unicodeScalars)
        if !allowingHidden, scalars.first == ".", !namesHidden { return false }
        // Iterative matching with one backtrack point (the last `*`): linear for typical names.
        var t = 0
        var s = 0
        var starToken = -1
        var starScalar = 0
        while s < scalars.count {
            if t < tokens.count {
                if tokens[t] == .star {
                    starToken = t
                    starScalar = s
                    t += 1
                    continue
                }
                if Self.token(tokens[t], matches: scalars[s]) {
                    t += 1
                    s += 1
                    continue
                }
            }
            guard starToken >= 0 else { return false }
            t = starToken + 1
            starScalar += 1
            s = starScalar
        }
        while t < tokens.count, tokens[t] == .star { t += 1 }
        return t == tokens.count
    }

    private static func token(_ token: Token, matches scalar: Unicode.Scalar) -> Bool {
        switch token {
        case .scalar(let expected): expected == scalar
        case .any: true
        case .star: true
        case .set(let ranges, let negated): ranges.contains { $0.contains(scalar.value) } != negated
        }
    }
}
