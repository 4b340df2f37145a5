import SlantCore
import SlantText

/// A hash table from byte strings to small integers, looked up without building a `String`.
struct ByteKeyTable: Sendable {
    private var slots: [Int32]
    private var keyStarts: [Int32] = []
    private var keyLengths: [Int32] = []
    private var keyBytes: [UInt8] = []
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { keyStarts.count }

    @inline(__always)
    private static func hash<C: Collection>(_ key: C) -> Int where C.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    private func equals<C: Collection>(_ id: Int, _ key: C) -> Bool where C.Element == UInt8 {
        let start = Int(keyStarts[id])
        guard Int(keyLengths[id]) == key.count else { return false }
        var offset = start
        for byte in key {
            if keyBytes[offset] != byte { return false }
            offset += 1
        }
        return true
    }

    /// The id of `key`, or -1.
    func lookup<C: Collection>(_ key: C) -> Int32 where C.Element == UInt8 {
        var slot = Self.hash(key) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return -1 }
            if equals(Int(id), key) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `key`, adding it if new.
    mutating func insert(_ key: [UInt8]) -> Int32 {
        let existing = lookup(key)
        if existing >= 0 { return existing }
        if (count + 1) * 2 > slots.count { grow() }
        let id = Int32(count)
        keyStarts.append(Int32(keyBytes.count))
        keyLengths.append(Int32(key.count))
        keyBytes.append(contentsOf: key)
        var slot = Self.hash(key) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
        return id
    }

    private mutating func grow() {
        let keys = (0..<count).map { Array(keyBytes[Int(keyStarts[$0])..<Int(keyStarts[$0] + keyLengths[$0])]) }
        self = ByteKeyTable(capacity: max(16, count * 2))
        for key in keys { _ = insert(key) }
    }
}

/// What a lexicon's matches in one text are checked against: the tokens (for the punctuation
/// between a qualifier and a term), the sentences and paragraphs (for context requirements) and
/// the article's publication day.
struct MatchEnvironment {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: [Token]
    /// Paragraph of each sentence.
    let paragraphOfSentence: [Int]
    /// Publication day as `yyyymmdd`, nil when undated.
    let published: Int?
    /// Whether the text is a reader comment (where `comment:` anchor requirements apply).
    var isComment = false

    func sentence(ofToken token: Int32) -> Int { Int(tokens[Int(token)].sentence) }

    func paragraph(ofToken token: Int32) -> Int {
        let sentence = sentence(ofToken: token)
        return sentence >= 0 && sentence < paragraphOfSentence.count ? paragraphOfSentence[sentence] : -1
    }

    /// The first scalar of token `index`.
    func scalar(ofToken index: Int) -> UInt32 {
        let token = tokens[index]
        guard token.start >= 0, Int(token.start) < bytes.count else { return 0 }
        return ScalarReader.decode(bytes, at: Int(token.start)).0
    }
}

/// A lexicon compiled for matching: a trie over normalised words, walked once per
/// text position, so tagging costs one pass over the tokens whatever the lexicon's size.
///
/// The trie holds the lexicon's variants and, for a terminology lexicon, its distancing
/// qualifiers and the words of its context requirements, each as groups of their own, so one
/// walk finds them all. Matches are chosen per *group* (a family of a terminology lexicon; the
/// whole lexicon for loaded language): at each position the longest match of the group wins (a
/// longer pattern over a shorter one; exact words over prefixes), and a group's matches never
/// overlap. A candidate ruled out by its `not_before` / `not_after` context gives way to the
/// next longest.
///
/// Then, for a terminology lexicon, in this order and in time linear in the matches:
/// 1. a match whose family's or term's `context:` requirement fails is dropped (a `comment:` anchor
///    requirement only in a reader comment);
/// 2. a match right after (or before) a qualifier of its family gets that qualifier (`distanced`);
/// 3. a span counts in one family only: where matches of different families overlap, the longest
///    (then the earliest, then the first family in the file) is kept, unless one of the families
///    `share_spans`, or the shorter match is distanced by a qualifier that lies inside the longer
///    one ("so-called NKR" keeps both the so-called term and the distanced "NKR").
public struct CompiledLexicon: Sendable {
    public let lexicon: Lexicon
    let normalizer: WordNormalizer

    /// What a pattern that ends in a trie state stands for.
    struct Target: Sendable {
        var group: Int32
        /// Index of the term within the family, of the entry within the lexicon's entries
        /// (flattened), of the qualifier, or of the context word set.
        var item: Int32
        var wordCount: Int32
        var prefixWords: Int32
        /// Context words at the start and at the end of the pattern: required, but not part of the match.
        var leadingContext: Int32 = 0
        var trailingContext: Int32 = 0
        /// Order in the file, for deterministic ties.
        var order: Int32
    }

    /// One context word set: the words of one `near` or `not_near` list, or the lexicon's anchors
    /// (found per sentence).
    struct ContextSet: Sendable {
        var inParagraph: Bool
        var near: Bool
    }

    /// A family's or a term's requirement, as context set indices, a date range and a comment anchor window.
    struct CompiledRequirement: Sendable {
        var sets: [Int32] = []
        var published: Lexicon.DateRange?
        var commentAnchorWithin: Int?
        var isEmpty: Bool { sets.isEmpty && published == nil && commentAnchorWithin == nil }
    }

    private var words = ByteKeyTable(capacity: 64)
    /// Byte trie of prefix words: (state << 8 | byte) → state.
    private var prefixTransitions: [Int64: Int32] = [:]
    /// Word ids ending at a prefix-trie state.
    private var prefixOutputs: [Int32: [Int32]] = [:]
    private var prefixStates: Int32 = 1
    /// Word trie: (state << 32 | word id) → state.
    private var transitions: [Int64: Int32] = [:]
    /// Gap edges (`...` in a qualifier): state → state after one to four words.
    private var gapTransitions: [Int32: Int32] = [:]
    private var outputs: [[Target]] = [[]]
    /// Context rules per (group, item).
    private var contexts: [Int64: Lexicon.ContextRules] = [:]
    /// Flattened loaded-language entries: (category index, entry index).
    private(set) var entryIndex: [(category: Int, entry: Int)] = []
    /// Groups of terms: families, or one for a loaded lexicon.
    let termGroupCount: Int
    /// Qualifier patterns (group `termGroupCount + index`): whether each comes after its term.
    private var qualifierIsAfter: [Bool] = []
    /// The qualifiers that apply to each family.
    private var familyQualifiers: [Set<Int32>] = []
    /// Per family: words right before a qualifier that keep it from distancing ("we call it").
    private var familyQualifierExclusions: [[Pattern]] = []
    /// Context word sets (group `contextBase + index`).
    private var contextSets: [ContextSet] = []
    private var familyRequirements: [CompiledRequirement] = []
    /// The context set of the lexicon's anchors, when a requirement uses them.
    private var anchorSet: Int32?
    private var termRequirements: [Int64: CompiledRequirement] = [:]
    /// Every group: terms, then qualifiers, then context sets.
    private var groupCount: Int { termGroupCount + qualifierIsAfter.count + contextSets.count }
    private var contextBase: Int { termGroupCount + qualifierIsAfter.count }

    public init(_ lexicon: Lexicon) {
        self.lexicon = lexicon
        normalizer = WordNormalizer(foldDiacritics: lexicon.diacriticsInsensitive)
        var order: Int32 = 0
        switch lexicon.kind {
        case .terminology:
            termGroupCount = lexicon.families.count
            for (familyIndex, family) in lexicon.families.enumerated() {
                for (termIndex, term) in family.terms.enumerated() {
                    for variant in term.variants {
                        add(variant, target: Target(group: Int32(familyIndex), item: Int32(termIndex), wordCount: 0, prefixWords: 0, order: order))
                        order += 1
                    }
                    if !term.context.isEmpty { contexts[Int64(familyIndex) << 32 | Int64(termIndex)] = term.context }
                }
            }
            compileQualifiers(&order)
            compileRequirements(&order)
        case .loaded:
            termGroupCount = 1
            for (categoryIndex, category) in lexicon.categories.enumerated() {
                for (entryIndexInCategory, entry) in category.entries.enumerated() {
                    let item = Int32(entryIndex.count)
                    entryIndex.append((categoryIndex, entryIndexInCategory))
                    for variant in entry.variants {
                        add(variant, target: Target(group: 0, item: item, wordCount: 0, prefixWords: 0, order: order))
                        order += 1
                    }
                    if !entry.context.isEmpty { contexts[Int64(item)] = entry.context }
                }
            }
        }
    }

    /// Every distinct qualifier of the families, one group each.
    private mutating func compileQualifiers(_ order: inout Int32) {
        var index: [String: Int32] = [:]
        for family in lexicon.families {
            var applicable = Set<Int32>()
            for (patterns, isAfter) in [(family.qualifiers.before, false), (family.qualifiers.after, true)] {
                for pattern in patterns {
                    let key = (isAfter ? "after\u{1F}" : "before\u{1F}") + pattern.words.map { word in
                        word.isGap ? "\u{1E}" : (word.isPrefix ? "*" : "") + (word.isContext ? "[" : "") + word.text
                    }.joined(separator: "\u{1F}")
                    if let existing = index[key] {
                        applicable.insert(existing)
                        continue
                    }
                    let qualifier = Int32(qualifierIsAfter.count)
                    qualifierIsAfter.append(isAfter)
                    index[key] = qualifier
                    applicable.insert(qualifier)
                    add(pattern, target: Target(group: Int32(termGroupCount) + qualifier, item: qualifier, wordCount: 0, prefixWords: 0, order: order))
                    order += 1
                }
            }
            familyQualifiers.append(applicable)
            familyQualifierExclusions.append(family.qualifiers.notAfter)
        }
    }

    /// The context word sets of every family and term requirement, one group each.
    private mutating func compileRequirements(_ order: inout Int32) {
        var pending: [(patterns: [Pattern], set: Int32)] = []
        func compile(_ requirement: Lexicon.ContextRequirement) -> CompiledRequirement {
            var compiled = CompiledRequirement(published: requirement.published, commentAnchorWithin: requirement.commentAnchorWithin)
            for (words, inParagraph) in [(requirement.sentence, false), (requirement.paragraph, true)] {
                for (patterns, near) in [(words.near, true), (words.notNear, false)] where !patterns.isEmpty {
                    let set = Int32(contextSets.count)
                    contextSets.append(ContextSet(inParagraph: inParagraph, near: near))
                    compiled.sets.append(set)
                    pending.append((patterns, set))
                }
            }
            return compiled
        }
        for (familyIndex, family) in lexicon.families.enumerated() {
            familyRequirements.append(compile(family.requirement))
            for (termIndex, term) in family.terms.enumerated() where !term.requirement.isEmpty {
                termRequirements[Int64(familyIndex) << 32 | Int64(termIndex)] = compile(term.requirement)
            }
        }
        let usesAnchors = (lexicon.families.map(\.requirement) + lexicon.families.flatMap { $0.terms.map(\.requirement) })
            .contains { $0.commentAnchorWithin != nil }
        if usesAnchors, !lexicon.anchors.isEmpty {
            let set = Int32(contextSets.count)
            contextSets.append(ContextSet(inParagraph: false, near: true))
            anchorSet = set
            pending.append((lexicon.anchors, set))
        }
        // Groups are numbered after every qualifier, so they are added once all sets are known.
        let base = Int32(termGroupCount + qualifierIsAfter.count)
        for (patterns, set) in pending {
            for pattern in patterns {
                add(pattern, target: Target(group: base + set, item: set, wordCount: 0, prefixWords: 0, order: order))
                order += 1
            }
        }
    }

    /// A new state, with no outputs yet.
    private mutating func newState() -> Int32 {
        outputs.append([])
        return Int32(outputs.count - 1)
    }

    private mutating func add(_ pattern: Pattern, target: Target) {
        var state: Int32 = 0
        for word in pattern.words {
            if word.isGap {
                let next = gapTransitions[state] ?? newState()
                gapTransitions[state] = next
                state = next
            } else {
                let key = Int64(state) << 32 | Int64(wordID(word))
                let next = transitions[key] ?? newState()
                transitions[key] = next
                state = next
            }
        }
        var target = target
        target.wordCount = Int32(pattern.words.count)
        target.prefixWords = Int32(pattern.words.filter(\.isPrefix).count)
        target.leadingContext = Int32(pattern.words.prefix { $0.isContext }.count)
        target.trailingContext = Int32(pattern.words.reversed().prefix { $0.isContext }.count)
        outputs[Int(state)].append(target)
    }

    /// The id of a pattern word; prefix words are also entered in the prefix trie.
    private mutating func wordID(_ word: PatternWord) -> Int32 {
        let key = Array((word.isPrefix ? "*" + word.text : word.text).utf8)
        let existing = words.lookup(key)
        if existing >= 0 { return existing }
        let id = words.insert(key)
        if word.isPrefix {
            var state: Int32 = 0
            for byte in word.text.utf8 {
                let transition = Int64(state) << 8 | Int64(byte)
                if let next = prefixTransitions[transition] {
                    state = next
                } else {
                    prefixTransitions[transition] = prefixStates
                    state = prefixStates
                    prefixStates += 1
                }
            }
            prefixOutputs[state, default: []].append(id)
        }
        return id
    }

    /// The word ids a normalised word can stand for: itself, and every prefix pattern it starts with.
    func ids(of key: ArraySlice<UInt8>, into result: inout [Int32]) {
        let exact = words.lookup(key)
        if exact >= 0 { result.append(exact) }
        guard !prefixOutputs.isEmpty else { return }
        var state: Int32 = 0
        for byte in key {
            guard let next = prefixTransitions[Int64(state) << 8 | Int64(byte)] else { return }
            state = next
            if let ids = prefixOutputs[state] { result.append(contentsOf: ids) }
        }
    }

    /// One match: a target over subwords `first...last`.
    struct Match {
        var group: Int32
        var item: Int32
        var first: Int
        var last: Int
        /// The distancing qualifier's subwords, when one qualifies the match.
        var qualifier: ClosedRange<Int>?
    }

    /// The lexicon's matches in a subword stream, in text order, with context requirements,
    /// qualifiers and the one-family-per-span rule applied (see the type's documentation).
    func matches(in stream: SubwordStream, environment: MatchEnvironment) -> [Match] {
        let found = rawMatches(in: stream)
        guard lexicon.kind == .terminology, found.contains(where: { Int($0.group) >= termGroupCount }) || hasRequirements else {
            return resolveOverlaps(found, stream: stream)
        }
        var terms: [Match] = []
        var qualifierHits: [Match] = []
        var contextHits: [Match] = []
        for match in found {
            let group = Int(match.group)
            if group < termGroupCount {
                terms.append(match)
            } else if group < contextBase {
                qualifierHits.append(match)
            } else {
                contextHits.append(match)
            }
        }
        if hasRequirements {
            let units = ContextUnits(contextSets: contextSets, hits: contextHits, stream: stream, environment: environment)
            terms.removeAll { !satisfies($0, units: units, stream: stream, environment: environment) }
        }
        if !qualifierHits.isEmpty { qualify(&terms, hits: qualifierHits, stream: stream, environment: environment) }
        return resolveOverlaps(terms, stream: stream)
    }

    private var hasRequirements: Bool {
        !contextSets.isEmpty || familyRequirements.contains { $0.published != nil } || !termRequirements.isEmpty
    }

    /// Every match of every group (terms, qualifiers, context words), in text order.
    func rawMatches(in stream: SubwordStream) -> [Match] {
        let count = stream.subwords.count
        guard count > 0, !transitions.isEmpty else { return [] }
        // The ids each subword can stand for, flattened.
        var idStarts = [Int32](repeating: 0, count: count + 1)
        var ids: [Int32] = []
        ids.reserveCapacity(count)
        for index in 0..<count {
            idStarts[index] = Int32(ids.count)
            self.ids(of: stream.key(index), into: &ids)
        }
        idStarts[count] = Int32(ids.count)

        var nextFree = [Int](repeating: 0, count: max(1, groupCount))
        var result: [Match] = []
        var candidates: [(target: Target, last: Int)] = []
        var pending: [(state: Int32, position: Int)] = []
        let hasGaps = !gapTransitions.isEmpty
        for start in 0..<count where idStarts[start] < idStarts[start + 1] {
            candidates.removeAll(keepingCapacity: true)
            pending.removeAll(keepingCapacity: true)
            for id in ids[Int(idStarts[start])..<Int(idStarts[start + 1])] {
                if let state = transitions[Int64(id)] { pending.append((state, start)) }
            }
            while let (state, position) = pending.popLast() {
                for target in outputs[Int(state)] { candidates.append((target, position)) }
                if hasGaps, let gapState = gapTransitions[state] {
                    // A gap of one to four words, none after punctuation.
                    var skipped = position
                    for _ in 0..<PatternWord.maximumGap {
                        skipped += 1
                        guard skipped < count, !stream.subwords[skipped].breakBefore else { break }
                        pending.append((gapState, skipped))
                    }
                }
                let next = position + 1
                guard next < count, !stream.subwords[next].breakBefore else { continue }
                for id in ids[Int(idStarts[next])..<Int(idStarts[next + 1])] {
                    if let following = transitions[Int64(state) << 32 | Int64(id)] { pending.append((following, next)) }
                }
            }
            guard !candidates.isEmpty else { continue }
            candidates.sort { a, b in
                if a.target.group != b.target.group { return a.target.group < b.target.group }
                if a.last != b.last { return a.last > b.last }
                if a.target.prefixWords != b.target.prefixWords { return a.target.prefixWords < b.target.prefixWords }
                return a.target.order < b.target.order
            }
            var decidedGroup: Int32 = -1
            for candidate in candidates where candidate.target.group != decidedGroup {
                let group = Int(candidate.target.group)
                // The matched words, without the pattern's context words, widened to whole tokens when
                // context and match share a hyphenated word ("[price] gouging" reports "price-gouging").
                // A match may not begin or end inside a word the pattern does not cover ("Armenian
                // forces" does not match in "pro-Armenian forces"), except at the joint of a compound
                // of names ("Goris-Stepanakert") or before a case ending or participle ("DQR-in").
                guard let (first, last) = Self.wholeTokens(
                    stream, first: start + Int(candidate.target.leadingContext),
                    last: candidate.last - Int(candidate.target.trailingContext), within: start...candidate.last)
                else { continue }
                guard first >= nextFree[group] else {
                    if candidate.target.leadingContext == 0 { decidedGroup = candidate.target.group }
                    continue
                }
                if group < termGroupCount, let rules = context(candidate.target), !allows(rules, stream: stream, first: first, last: last) {
                    continue
                }
                decidedGroup = candidate.target.group
                nextFree[group] = last + 1
                result.append(Match(group: candidate.target.group, item: candidate.target.item, first: first, last: last))
            }
        }
        return result
    }

    /// Word pieces before which a match may not start inside a hyphenated word: "pro-Armenian".
    static let boundPrefixes: Set<String> = [
        "pro", "anti", "post", "pre", "non", "ex", "neo", "pan", "counter", "semi", "quasi", "ultra", "mid", "self", "de",
        "re", "co", "sub", "inter", "trans", "un", "so", "mis", "over", "under", "про", "анти", "пост", "экс", "псевдо",
    ]

    /// Word pieces after which a match may end inside a hyphenated word ("Karabakh-born").
    static let boundSuffixes: Set<String> = ["born", "held", "run", "made", "built", "bound", "wide"]

    /// The span widened to the whole tokens its ends lie in, if the widening stays within `bounds`;
    /// a span may also start after a capitalized piece that is no prefix ("Goris-Stepanakert") and
    /// end before a capitalized piece, a case ending of up to three letters or a participle ("DQR-in",
    /// "Stepanakert-based", "Karabakh-born").
    static func wholeTokens(_ stream: SubwordStream, first: Int, last: Int, within bounds: ClosedRange<Int>) -> (Int, Int)? {
        var first = first
        var last = last
        let subwords = stream.subwords
        while first > 0, subwords[first - 1].token == subwords[first].token {
            guard bounds.contains(first - 1) else {
                let before = subwords[first - 1]
                guard before.isCapitalized, !boundPrefixes.contains(String(decoding: stream.key(first - 1), as: UTF8.self)) else {
                    return nil
                }
                break
            }
            first -= 1
        }
        while last + 1 < subwords.count, subwords[last + 1].token == subwords[last].token {
            guard bounds.contains(last + 1) else {
                let after = subwords[last + 1]
                let key = stream.key(last + 1)
                let letters = key.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                let endsWithEd = key.count >= 4 && key.suffix(2).elementsEqual("ed".utf8)
                guard after.isCapitalized || letters <= 3 || endsWithEd || boundSuffixes.contains(String(decoding: key, as: UTF8.self))
                else { return nil }
                break
            }
            last += 1
        }
        return (first, last)
    }

    private func context(_ target: Target) -> Lexicon.ContextRules? {
        guard !contexts.isEmpty else { return nil }
        switch lexicon.kind {
        case .terminology: return contexts[Int64(target.group) << 32 | Int64(target.item)]
        case .loaded: return contexts[Int64(target.item)]
        }
    }

    /// Whether no `not_before` pattern follows the match and no `not_after` pattern precedes it.
    private func allows(_ rules: Lexicon.ContextRules, stream: SubwordStream, first: Int, last: Int) -> Bool {
        for pattern in rules.notBefore where follows(pattern, stream: stream, after: last) { return false }
        for pattern in rules.notAfter where precedes(pattern, stream: stream, before: first) { return false }
        return true
    }

    private func follows(_ pattern: Pattern, stream: SubwordStream, after last: Int) -> Bool {
        var position = last + 1
        for word in pattern.words {
            guard position < stream.subwords.count, !stream.subwords[position].breakBefore,
                Self.word(word, matches: stream.key(position))
            else { return false }
            position += 1
        }
        return true
    }

    private func precedes(_ pattern: Pattern, stream: SubwordStream, before first: Int) -> Bool {
        let length = pattern.words.count
        let start = first - length
        guard start >= 0, !stream.subwords[first].breakBefore else { return false }
        for (offset, word) in pattern.words.enumerated() {
            let position = start + offset
            if offset > 0, stream.subwords[position].breakBefore { return false }
            guard Self.word(word, matches: stream.key(position)) else { return false }
        }
        return true
    }

    static func word(_ word: PatternWord, matches key: ArraySlice<UInt8>) -> Bool {
        let text = word.text.utf8
        if word.isPrefix { return key.count >= text.count && key.starts(with: text) }
        return key.elementsEqual(text)
    }

    // MARK: - Context requirements

    /// Context word hits by set and by sentence or paragraph.
    private struct ContextUnits {
        /// Per set: unit index → hits (first, last subword).
        var hits: [[Int: [(Int, Int)]]]

        init(contextSets: [ContextSet], hits found: [Match], stream: SubwordStream, environment: MatchEnvironment) {
            hits = Array(repeating: [:], count: contextSets.count)
            let base = found.first.map { Int($0.group) - Int($0.item) } ?? 0
            for match in found {
                let set = Int(match.group) - base
                guard set >= 0, set < contextSets.count else { continue }
                let token = stream.subwords[match.first].token
                let unit = contextSets[set].inParagraph ? environment.paragraph(ofToken: token) : environment.sentence(ofToken: token)
                hits[set][unit, default: []].append((match.first, match.last))
            }
        }
    }

    private func satisfies(_ match: Match, units: ContextUnits, stream: SubwordStream, environment: MatchEnvironment) -> Bool {
        let family = Int(match.group)
        guard family < familyRequirements.count else { return true }
        let requirements = [familyRequirements[family], termRequirements[Int64(family) << 32 | Int64(match.item)]]
        for requirement in requirements {
            guard let requirement, !requirement.isEmpty else { continue }
            if let range = requirement.published, !range.contains(environment.published) { return false }
            let token = stream.subwords[match.first].token
            for set in requirement.sets {
                let info = contextSets[Int(set)]
                let unit = info.inParagraph ? environment.paragraph(ofToken: token) : environment.sentence(ofToken: token)
                let found = units.hits[Int(set)][unit]?.contains { $0.1 < match.first || $0.0 > match.last } ?? false
                if found != info.near { return false }
            }
            if let within = requirement.commentAnchorWithin, environment.isComment {
                // An anchor in the match's sentence, at most `within` words away, or inside the match ("occupied Artsakh").
                guard let anchorSet, let hits = units.hits[Int(anchorSet)][environment.sentence(ofToken: token)] else { return false }
                let anchored = hits.contains { hit in
                    let gap = hit.1 < match.first ? match.first - hit.1 - 1 : hit.0 > match.last ? hit.0 - match.last - 1 : 0
                    return gap <= within
                }
                if !anchored { return false }
            }
        }
        return true
    }

    // MARK: - Qualifiers

    /// Articles a before-qualifier may reach over: "also known as the Republic of Artsakh".
    private static let articles: Set<String> = ["the", "a", "an"]

    /// Gives each match the nearest qualifier of its family right before or after it.
    private func qualify(_ matches: inout [Match], hits: [Match], stream: SubwordStream, environment: MatchEnvironment) {
        var endingAt: [Int: [Int]] = [:]
        var startingAt: [Int: [Int]] = [:]
        for (index, hit) in hits.enumerated() {
            if qualifierIsAfter[Int(hit.item)] {
                startingAt[hit.first, default: []].append(index)
            } else {
                endingAt[hit.last, default: []].append(index)
            }
        }
        let subwords = stream.subwords
        for position in matches.indices {
            let match = matches[position]
            let applicable = familyQualifiers[Int(match.group)]
            guard !applicable.isEmpty else { continue }
            let exclusions = familyQualifierExclusions[Int(match.group)]
            // A qualifier applies unless a `not_after` word stands right before it ("we call it Artsakh").
            func applies(_ index: Int) -> Bool {
                applicable.contains(hits[index].item)
                    && !exclusions.contains { precedes($0, stream: stream, before: hits[index].first) }
            }
            // Before: the qualifier ends right before the term, or before one or two articles.
            var end = match.first - 1
            var articles = 0
            while end >= 0 {
                if let found = endingAt[end]?.first(where: applies),
                    onlyQuotationMarks(between: Int(subwords[end].token), and: Int(subwords[match.first].token), environment)
                {
                    matches[position].qualifier = hits[found].first...hits[found].last
                    break
                }
                guard articles < 2, Self.articles.contains(String(decoding: stream.key(end), as: UTF8.self)) else { break }
                articles += 1
                end -= 1
            }
            if matches[position].qualifier != nil { continue }
            // After: the qualifier starts right after the term, a comma, bracket or dash between.
            let start = match.last + 1
            if start < subwords.count, let found = startingAt[start]?.first(where: applies),
                onlyAsides(between: Int(subwords[match.last].token), and: Int(subwords[start].token), environment)
            {
                matches[position].qualifier = hits[found].first...hits[found].last
            }
        }
    }

    /// Whether every token strictly between tokens `first` and `last` is a quotation mark or an article word.
    private func onlyQuotationMarks(between first: Int, and last: Int, _ environment: MatchEnvironment) -> Bool {
        guard first < last else { return false }
        for index in (first + 1)..<last where environment.tokens[index].kind == .punctuation {
            guard Punctuation.isQuotationMark(environment.scalar(ofToken: index)) else { return false }
        }
        return true
    }

    /// Whether the tokens strictly between `first` and `last` are at most two commas, brackets or dashes.
    private func onlyAsides(between first: Int, and last: Int, _ environment: MatchEnvironment) -> Bool {
        guard first < last, last - first <= 3 else { return false }
        for index in (first + 1)..<last {
            guard environment.tokens[index].kind == .punctuation, Punctuation.opensAside(environment.scalar(ofToken: index)) else {
                return false
            }
        }
        return true
    }

    // MARK: - One family per span

    /// Matches of a terminology lexicon with overlaps between families resolved; loaded-language
    /// matches (one group) are returned as they are.
    private func resolveOverlaps(_ matches: [Match], stream: SubwordStream) -> [Match] {
        guard lexicon.kind == .terminology, matches.count > 1 else { return matches.filter { Int($0.group) < termGroupCount } }
        // Quick exit: no two matches overlap.
        var overlaps = false
        var reach = -1
        for match in matches {
            if match.first <= reach { overlaps = true; break }
            reach = max(reach, match.last)
        }
        guard overlaps else { return matches }
        let order = matches.indices.sorted { a, b in
            let lengthA = matches[a].last - matches[a].first
            let lengthB = matches[b].last - matches[b].first
            if lengthA != lengthB { return lengthA > lengthB }
            if matches[a].first != matches[b].first { return matches[a].first < matches[b].first }
            return matches[a].group < matches[b].group
        }
        var owner = [Int32](repeating: -1, count: stream.subwords.count)
        var kept = [Bool](repeating: false, count: matches.count)
        for index in order {
            let match = matches[index]
            if lexicon.families[Int(match.group)].sharesSpans {
                kept[index] = true
                continue
            }
            var conflict = false
            for position in match.first...match.last where owner[position] >= 0 {
                let other = matches[Int(owner[position])]
                // "so-called NKR": the shorter match is distanced by a qualifier inside the longer one.
                if let qualifier = match.qualifier, qualifier.lowerBound >= other.first, qualifier.upperBound <= other.last {
                    continue
                }
                conflict = true
                break
            }
            guard !conflict else { continue }
            kept[index] = true
            for position in match.first...match.last where owner[position] < 0 { owner[position] = Int32(index) }
        }
        return matches.indices.filter { kept[$0] }.map { matches[$0] }
    }
}
