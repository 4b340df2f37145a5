import SlantCore

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

/// A lexicon compiled for matching: a trie over normalised words, walked once per
/// text position, so tagging costs one pass over the tokens whatever the lexicon's size.
///
/// Matches are chosen per *group* (a family of a terminology lexicon; the whole
/// lexicon for loaded language): at each position the longest match of the group
/// wins (a longer pattern over a shorter one; exact words over prefixes), and a
/// group's matches never overlap. A candidate ruled out by its `not_before` /
/// `not_after` context gives way to the next longest.
public struct CompiledLexicon: Sendable {
    public let lexicon: Lexicon
    let normalizer: WordNormalizer

    /// What a pattern that ends in a trie state stands for.
    struct Target: Sendable {
        var group: Int32
        /// Index of the term within the family, or of the entry within the lexicon's entries (flattened).
        var item: Int32
        var wordCount: Int32
        var prefixWords: Int32
        /// Context words at the start and at the end of the pattern: required, but not part of the match.
        var leadingContext: Int32 = 0
        var trailingContext: Int32 = 0
        /// Order in the file, for deterministic ties.
        var order: Int32
    }

    private var words = ByteKeyTable(capacity: 64)
    /// Byte trie of prefix words: (state << 8 | byte) → state.
    private var prefixTransitions: [Int64: Int32] = [:]
    /// Word ids ending at a prefix-trie state.
    private var prefixOutputs: [Int32: [Int32]] = [:]
    private var prefixStates: Int32 = 1
    /// Word trie: (state << 32 | word id) → state.
    private var transitions: [Int64: Int32] = [:]
    private var outputs: [[Target]] = [[]]
    /// Context rules per (group, item).
    private var contexts: [Int64: Lexicon.ContextRules] = [:]
    /// Flattened loaded-language entries: (category index, entry index).
    private(set) var entryIndex: [(category: Int, entry: Int)] = []
    /// How many groups there are (families, or one for a loaded lexicon).
    let groupCount: Int

    public init(_ lexicon: Lexicon) {
        self.lexicon = lexicon
        normalizer = WordNormalizer(foldDiacritics: lexicon.diacriticsInsensitive)
        var order: Int32 = 0
        switch lexicon.kind {
        case .terminology:
            groupCount = lexicon.families.count
            for (familyIndex, family) in lexicon.families.enumerated() {
                for (termIndex, term) in family.terms.enumerated() {
                    for variant in term.variants {
                        add(variant, target: Target(group: Int32(familyIndex), item: Int32(termIndex), wordCount: 0, prefixWords: 0, order: order))
                        order += 1
                    }
                    if !term.context.isEmpty { contexts[Int64(familyIndex) << 32 | Int64(termIndex)] = term.context }
                }
            }
        case .loaded:
            groupCount = 1
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

    private mutating func add(_ pattern: Pattern, target: Target) {
        var state: Int32 = 0
        for word in pattern.words {
            let id = wordID(word)
            let key = Int64(state) << 32 | Int64(id)
            if let next = transitions[key] {
                state = next
            } else {
                let next = Int32(outputs.count)
                outputs.append([])
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
    }

    /// Every match in a subword stream, in text order.
    func matches(in stream: SubwordStream) -> [Match] {
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
        for start in 0..<count where idStarts[start] < idStarts[start + 1] {
            candidates.removeAll(keepingCapacity: true)
            pending.removeAll(keepingCapacity: true)
            for id in ids[Int(idStarts[start])..<Int(idStarts[start + 1])] {
                if let state = transitions[Int64(id)] { pending.append((state, start)) }
            }
            while let (state, position) = pending.popLast() {
                for target in outputs[Int(state)] { candidates.append((target, position)) }
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
                // A match may not begin or end inside a word the pattern does not cover: "Armenian
                // forces" does not match in "pro-Armenian forces".
                guard let (first, last) = Self.wholeTokens(
                    stream, first: start + Int(candidate.target.leadingContext),
                    last: candidate.last - Int(candidate.target.trailingContext), within: start...candidate.last)
                else { continue }
                guard first >= nextFree[group] else {
                    if candidate.target.leadingContext == 0 { decidedGroup = candidate.target.group }
                    continue
                }
                if let rules = context(candidate.target), !allows(rules, stream: stream, first: first, last: last) {
                    continue
                }
                decidedGroup = candidate.target.group
                nextFree[group] = last + 1
                result.append(Match(group: candidate.target.group, item: candidate.target.item, first: first, last: last))
            }
        }
        return result
    }

    /// The span widened to the whole tokens its ends lie in, if the widening stays within `bounds`.
    static func wholeTokens(_ stream: SubwordStream, first: Int, last: Int, within bounds: ClosedRange<Int>) -> (Int, Int)? {
        var first = first
        var last = last
        let subwords = stream.subwords
        while first > 0, subwords[first - 1].token == subwords[first].token {
            first -= 1
            guard bounds.contains(first) else { return nil }
        }
        while last + 1 < subwords.count, subwords[last + 1].token == subwords[last].token {
            last += 1
            guard bounds.contains(last) else { return nil }
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
}
