import SlantCore
import Yams

/// Every problem found in one lexicon file, each with file:line:column.
public struct LexiconErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigurationError]

    /// The errors in file order.
    public init(_ errors: [ConfigurationError]) {
        self.errors = errors.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Reads and validates lexicon files (the format is in `lexicons/README.md`).
///
/// Refused, with the place and the reason: unknown or missing keys, wrong types,
/// an empty family or category, a stance not declared under `stances:`, a
/// malformed pattern (or one longer than 12 words or 200 characters), the same
/// variant in two terms of one family, the same entry in two places of a
/// loaded-language lexicon, a weight outside 0 < w ≤ 100, an id (of the lexicon,
/// a family, a category or a stance) with characters other than ASCII letters,
/// digits, `-`, `_` and `.` (or not starting with a letter or digit, or longer
/// than 64), a term name with control characters, a malformed qualifier or
/// context requirement.
public enum LexiconLoader {
    /// Parses a lexicon from its text. `path` names the file in messages and reports.
    public static func parse(yaml: String, path: String) throws(LexiconErrors) -> Lexicon {
        var reader = LexiconReader(file: path)
        guard let root = reader.yaml.compose(yaml) else {
            if reader.yaml.errors.isEmpty {
                throw LexiconErrors([
                    ConfigurationError(ConfigurationLocation(file: path, line: 1, column: 1), "the lexicon is empty")
                ])
            }
            throw LexiconErrors(reader.yaml.errors)
        }
        let lexicon = reader.read(root, digest: ContentDigest(of: Array(yaml.utf8)))
        guard let lexicon, reader.yaml.errors.isEmpty else { throw LexiconErrors(reader.yaml.errors) }
        return lexicon
    }
}

/// Reads the lexicon's keys with a ``YAMLReader``.
private struct LexiconReader {
    var yaml: YAMLReader
    /// The `also_in:` list of the entry ``readEntry`` read last, with its nodes.
    var lastAlsoIn: [(String, Node)] = []
    /// Whether the lexicon declares `anchors:` (which `comment: {anchor_within:}` needs).
    var declaresAnchors = false

    static let topLevelKeys = [
        "lexicon", "kind", "version", "language", "description", "options", "stances", "stance_index", "measure",
        "qualifiers", "anchors", "families", "categories",
    ]
    static let qualifierKeys = ["before", "after", "not_after"]
    static let familyQualifierKeys = ["before", "after", "not_after", "inherit"]
    static let requirementKeys = ["sentence", "paragraph", "published", "comment"]
    static let commentRequirementKeys = ["anchor_within"]
    /// The widest anchor window accepted, in words either side.
    static let maximumAnchorWindow = 50
    static let wordRequirementKeys = ["near", "not_near"]
    static let publishedKeys = ["from", "to", "undated"]
    /// Weights allowed for loaded-language entries: greater than 0, at most this.
    static let maximumWeight = 100.0
    /// The longest id accepted.
    static let maximumIDLength = 64
    static let stanceIndexKeys = ["negative", "positive"]
    static let optionKeys = ["diacritics"]
    static let familyKeys = ["id", "question", "note", "terms", "qualifiers", "negatable", "share_spans", "context"]
    static let termKeys = ["term", "stance", "variants", "source", "note", "not_before", "not_after", "context"]
    static let categoryKeys = ["id", "label", "description", "basis", "default_weight", "entries"]
    static let entryKeys = ["entry", "weight", "variants", "note", "not_before", "not_after", "also_in"]

    init(file: String) { yaml = YAMLReader(file: file) }

    mutating func read(_ root: Node, digest: ContentDigest) -> Lexicon? {
        var id: String?
        var kind: Lexicon.Kind?
        var version: Int?
        var languages: [String] = []
        var description: String?
        var diacriticsInsensitive = false
        var stances: [(id: String, label: String)] = []
        var familiesNode: Node?
        var categoriesNode: Node?
        var measure: Lexicon.Measure?
        var measureNode: Node?
        var stanceIndexNode: Node?
        var qualifiersNode: Node?
        var anchorsNode: Node?
        var given = Set<String>()
        for (key, _, value) in yaml.entries(of: root, allowed: Self.topLevelKeys, context: "the lexicon") {
            given.insert(key)
            switch key {
            case "lexicon":
                id = yaml.string(value, "`lexicon`")
                if let id { checkID(id, value, "the lexicon id") }
            case "kind":
                guard let name = yaml.string(value, "`kind`") else { break }
                kind = Lexicon.Kind(rawValue: name)
                if kind == nil {
                    yaml.fail(value, "unknown kind `\(name)`; expected one of: terminology, loaded")
                }
            case "version": version = yaml.positiveInteger(value, "`version`")
            case "language": languages = yaml.stringList(value, "`language`").map(\.0)
            case "description": description = yaml.string(value, "`description`")
            case "options":
                for (option, _, optionValue) in yaml.entries(of: value, allowed: Self.optionKeys, context: "`options`") {
                    guard option == "diacritics", let setting = yaml.string(optionValue, "`diacritics`") else { continue }
                    switch setting {
                    case "insensitive": diacriticsInsensitive = true
                    case "sensitive": diacriticsInsensitive = false
                    default: yaml.fail(optionValue, "`diacritics` must be `sensitive` or `insensitive`")
                    }
                }
            case "stances":
                guard case .mapping(let mapping) = value else {
                    yaml.fail(value, "`stances` must be a mapping of stance ids to descriptions")
                    break
                }
                for (stanceNode, labelNode) in mapping {
                    guard let stance = yaml.string(stanceNode, "a stance id"), let label = yaml.string(labelNode, "a stance's description")
                    else { continue }
                    checkID(stance, stanceNode, "stance id")
                    if stances.contains(where: { $0.id == stance }) {
                        yaml.fail(stanceNode, "stance `\(stance)` is declared twice")
                    } else {
                        stances.append((stance, label))
                    }
                }
            case "families": familiesNode = value
            case "categories": categoriesNode = value
            case "measure":
                measureNode = value
                guard let name = yaml.string(value, "`measure`") else { break }
                measure = Lexicon.Measure(rawValue: name)
                if measure == nil {
                    let allowed = Lexicon.Measure.allCases.map(\.rawValue).joined(separator: ", ")
                    yaml.fail(value, "unknown measure `\(name)`; expected one of: \(allowed)")
                }
            case "stance_index": stanceIndexNode = value
            case "qualifiers": qualifiersNode = value
            case "anchors": anchorsNode = value
            default: break
            }
        }
        for (name, present) in [("lexicon", id != nil), ("kind", kind != nil), ("version", version != nil)]
        where !present && !given.contains(name) {
            yaml.fail(root, "missing `\(name):`")
        }
        guard let id, let kind, let version else { return nil }
        let normalizer = WordNormalizer(foldDiacritics: diacriticsInsensitive)
        var lexicon = Lexicon(
            id: id, kind: kind, version: version, languages: languages, description: description, path: yaml.file,
            digest: digest, diacriticsInsensitive: diacriticsInsensitive, stances: stances, measure: measure)
        switch kind {
        case .terminology:
            if let categoriesNode { yaml.fail(categoriesNode, "a terminology lexicon has `families:`, not `categories:`") }
            if let measureNode { yaml.fail(measureNode, "`measure:` belongs to a loaded-kind lexicon; a terminology lexicon has families") }
            if let stanceIndexNode { lexicon.stanceIndex = readStanceIndex(stanceIndexNode, stances: stances.map(\.id)) }
            if let qualifiersNode { lexicon.qualifiers = readQualifiers(qualifiersNode, keys: Self.qualifierKeys, normalizer: normalizer).0 }
            if let anchorsNode {
                lexicon.anchors = patterns(anchorsNode, "`anchors`", normalizer: normalizer).map(\.0)
                if lexicon.anchors.isEmpty { yaml.fail(anchorsNode, "`anchors` is empty: list the words that tie a sentence to the lexicon's topic") }
                declaresAnchors = !lexicon.anchors.isEmpty
            }
            guard let familiesNode else {
                yaml.fail(root, "missing `families:` (a terminology lexicon groups its terms into families)")
                return nil
            }
            if stances.isEmpty { yaml.fail(root, "missing `stances:` (every term needs a declared stance)") }
            lexicon.families = readFamilies(
                familiesNode, stances: Set(stances.map(\.id)), qualifiers: lexicon.qualifiers, normalizer: normalizer)
        case .loaded:
            if let familiesNode { yaml.fail(familiesNode, "a loaded-language lexicon has `categories:`, not `families:`") }
            if let stanceIndexNode { yaml.fail(stanceIndexNode, "`stance_index:` belongs to a terminology lexicon") }
            if let qualifiersNode { yaml.fail(qualifiersNode, "`qualifiers:` belong to a terminology lexicon") }
            if let anchorsNode { yaml.fail(anchorsNode, "`anchors:` belong to a terminology lexicon") }
            guard let categoriesNode else {
                yaml.fail(root, "missing `categories:` (a loaded-language lexicon groups its entries into categories)")
                return nil
            }
            lexicon.categories = readCategories(categoriesNode, normalizer: normalizer)
        }
        return lexicon
    }

    /// `stance_index: {negative: a, positive: b}`: two distinct declared stances.
    mutating func readStanceIndex(_ node: Node, stances: [String]) -> Lexicon.StanceIndex? {
        var sides: [String: String] = [:]
        var given = Set<String>()
        for (key, _, value) in yaml.entries(of: node, allowed: Self.stanceIndexKeys, context: "`stance_index`") {
            given.insert(key)
            guard let stance = yaml.string(value, "`\(key)`") else { continue }
            if !stances.contains(stance) {
                let declared = stances.joined(separator: ", ")
                yaml.fail(value, "unknown stance `\(stance)` in `stance_index`; declared stances: \(declared.isEmpty ? "none" : declared)")
                continue
            }
            sides[key] = stance
        }
        guard case .mapping = node else { return nil }
        for side in Self.stanceIndexKeys where !given.contains(side) {
            yaml.fail(node, "`stance_index` needs `\(side):` (the stance counted as \(side == "negative" ? "−1" : "+1"))")
        }
        guard let negative = sides["negative"], let positive = sides["positive"] else { return nil }
        if negative == positive {
            yaml.fail(node, "`stance_index` must oppose two different stances; both sides are `\(negative)`")
            return nil
        }
        return Lexicon.StanceIndex(negative: negative, positive: positive)
    }

    // MARK: - Terminology

    mutating func readFamilies(
        _ node: Node, stances: Set<String>, qualifiers: Lexicon.Qualifiers, normalizer: WordNormalizer
    ) -> [Lexicon.Family] {
        guard case .sequence(let items) = node else {
            yaml.fail(node, "`families` must be a list")
            return []
        }
        var families: [Lexicon.Family] = []
        var ids = Set<String>()
        for item in items {
            var id: String?
            var question: String?
            var termsNode: Node?
            var familyQualifiers = qualifiers
            var negatable = false
            var sharesSpans = false
            var requirement = Lexicon.ContextRequirement()
            for (key, _, value) in yaml.entries(of: item, allowed: Self.familyKeys, context: "a family") {
                switch key {
                case "id":
                    id = yaml.string(value, "a family's `id`")
                    if let id {
                        checkID(id, value, "family id")
                        if !ids.insert(id).inserted { yaml.fail(value, "family `\(id)` is defined twice") }
                    }
                case "question": question = yaml.string(value, "`question`")
                case "terms": termsNode = value
                case "qualifiers":
                    let (own, inherit) = readQualifiers(value, keys: Self.familyQualifierKeys, normalizer: normalizer)
                    familyQualifiers = inherit
                        ? Lexicon.Qualifiers(
                            before: qualifiers.before + own.before, after: qualifiers.after + own.after,
                            notAfter: qualifiers.notAfter + own.notAfter) : own
                case "negatable": negatable = yaml.boolean(value, "`negatable`") ?? false
                case "share_spans": sharesSpans = yaml.boolean(value, "`share_spans`") ?? false
                case "context": requirement = readRequirement(value, normalizer: normalizer)
                default: break
                }
            }
            guard case .mapping = item else { continue }
            guard let id else {
                yaml.fail(item, "a family needs `id:`")
                continue
            }
            guard let termsNode, case .sequence(let termItems) = termsNode, !termItems.isEmpty else {
                yaml.fail(termsNode ?? item, "family `\(id)` is empty: it needs `terms:` with at least one term")
                continue
            }
            var terms: [Lexicon.Term] = []
            var owners: [[PatternWord]: String] = [:]
            for termItem in termItems {
                guard let term = readTerm(termItem, family: id, stances: stances, normalizer: normalizer) else { continue }
                for (variant, variantNode) in zip(term.variants, term.variantNodes) {
                    if let owner = owners[variant.words], owner != term.term.term {
                        yaml.fail(
                            variantNode,
                            "variant `\(variant.text)` of `\(term.term.term)` is already a variant of `\(owner)` in family `\(id)`")
                    } else if owners[variant.words] == term.term.term {
                        yaml.fail(variantNode, "variant `\(variant.text)` is listed twice for `\(term.term.term)`")
                    } else {
                        owners[variant.words] = term.term.term
                    }
                }
                terms.append(term.term)
            }
            families.append(
                Lexicon.Family(
                    id: id, question: question, terms: terms, qualifiers: familyQualifiers, negatable: negatable,
                    sharesSpans: sharesSpans, requirement: requirement))
        }
        return families
    }

    mutating func readTerm(
        _ node: Node, family: String, stances: Set<String>, normalizer: WordNormalizer
    ) -> (term: Lexicon.Term, variants: [Pattern], variantNodes: [Node])? {
        var name: String?
        var stance: String?
        var variants: [(Pattern, Node)] = []
        var source: String?
        var context = Lexicon.ContextRules()
        var requirement = Lexicon.ContextRequirement()
        var sawVariants = false
        for (key, _, value) in yaml.entries(of: node, allowed: Self.termKeys, context: "a term") {
            switch key {
            case "term":
                name = yaml.string(value, "`term`")
                if let name { checkName(name, value, "a term") }
            case "context": requirement = readRequirement(value, normalizer: normalizer)
            case "stance":
                stance = yaml.string(value, "`stance`")
                if let stance, !stances.contains(stance) {
                    let declared = stances.sorted().joined(separator: ", ")
                    yaml.fail(value, "unknown stance `\(stance)`; declared stances: \(declared.isEmpty ? "none" : declared)")
                }
            case "variants":
                sawVariants = true
                variants = patterns(value, "`variants`", normalizer: normalizer)
            case "source": source = yaml.string(value, "`source`")
            case "not_before": context.notBefore = patterns(value, "`not_before`", normalizer: normalizer).map(\.0)
            case "not_after": context.notAfter = patterns(value, "`not_after`", normalizer: normalizer).map(\.0)
            case "also_in": lastAlsoIn = yaml.stringList(value, "`also_in`")
            default: break
            }
        }
        guard case .mapping = node else { return nil }
        guard let name else {
            yaml.fail(node, "a term of family `\(family)` needs `term:`")
            return nil
        }
        if stance == nil { yaml.fail(node, "term `\(name)` needs `stance:`") }
        if !sawVariants {
            // The term itself is its only variant.
            switch normalizer.pattern(name) {
            case .success(let pattern): variants = [(pattern, node)]
            case .failure(let error): yaml.fail(node, "term `\(name)` has no `variants:` and is not a pattern itself: \(error.reason)")
            }
        }
        guard let stance else { return nil }
        let term = Lexicon.Term(
            term: name, stance: stance, variants: variants.map(\.0), source: source, context: context, requirement: requirement)
        return (term, variants.map(\.0), variants.map(\.1))
    }

    /// Patterns of a list, each checked; malformed ones are reported at their line.
    mutating func patterns(_ node: Node, _ what: String, normalizer: WordNormalizer, allowGap: Bool = false) -> [(Pattern, Node)] {
        let items = yaml.stringList(node, what)
        if items.isEmpty, case .sequence = node { yaml.fail(node, "\(what) is empty") }
        var result: [(Pattern, Node)] = []
        for (text, itemNode) in items {
            switch normalizer.pattern(text, allowGap: allowGap) {
            case .success(let pattern): result.append((pattern, itemNode))
            case .failure(let error): yaml.fail(itemNode, "malformed pattern `\(text)`: \(error.reason)")
            }
        }
        return result
    }

    // MARK: - Loaded language

    mutating func readCategories(_ node: Node, normalizer: WordNormalizer) -> [Lexicon.Category] {
        guard case .sequence(let items) = node else {
            yaml.fail(node, "`categories` must be a list")
            return []
        }
        var categories: [Lexicon.Category] = []
        var ids = Set<String>()
        var entryOwners: [[PatternWord]: String] = [:]
        var alsoInNodes: [(category: String, entry: String, nodes: [(String, Node)])] = []
        for item in items {
            var id: String?
            var label: String?
            var description: String?
            var basis: String?
            var defaultWeight = 1.0
            var entriesNode: Node?
            for (key, _, value) in yaml.entries(of: item, allowed: Self.categoryKeys, context: "a category") {
                switch key {
                case "id":
                    id = yaml.string(value, "a category's `id`")
                    if let id {
                        checkID(id, value, "category id")
                        if !ids.insert(id).inserted { yaml.fail(value, "category `\(id)` is defined twice") }
                    }
                case "label": label = yaml.string(value, "`label`")
                case "description": description = yaml.string(value, "`description`")
                case "basis": basis = yaml.string(value, "`basis`")
                case "default_weight": defaultWeight = weight(value, "`default_weight`") ?? defaultWeight
                case "entries": entriesNode = value
                default: break
                }
            }
            guard case .mapping = item else { continue }
            guard let id else {
                yaml.fail(item, "a category needs `id:`")
                continue
            }
            guard let entriesNode, case .sequence(let entryItems) = entriesNode, !entryItems.isEmpty else {
                yaml.fail(entriesNode ?? item, "category `\(id)` is empty: it needs `entries:` with at least one entry")
                continue
            }
            var entries: [Lexicon.Entry] = []
            for entryItem in entryItems {
                guard let (entry, nodes) = readEntry(entryItem, defaultWeight: defaultWeight, normalizer: normalizer) else { continue }
                if !lastAlsoIn.isEmpty { alsoInNodes.append((id, entry.entry, lastAlsoIn)) }
                for (variant, variantNode) in zip(entry.variants, nodes) {
                    if let owner = entryOwners[variant.words] {
                        yaml.fail(variantNode, "`\(variant.text)` is already an entry or variant (in \(owner)); it would be counted twice")
                    } else {
                        entryOwners[variant.words] = "`\(entry.entry)` of category `\(id)`"
                    }
                }
                entries.append(entry)
            }
            categories.append(Lexicon.Category(id: id, label: label, description: description, basis: basis, entries: entries))
        }
        // `also_in:` names other categories of this lexicon.
        for (category, entry, nodes) in alsoInNodes {
            var seen = Set<String>()
            for (name, node) in nodes {
                if name == category {
                    yaml.fail(node, "`\(entry)` is an entry of `\(name)` already; `also_in` lists the other categories it belongs to")
                } else if !ids.contains(name) {
                    yaml.fail(node, "unknown category `\(name)` in `also_in` of `\(entry)`; categories: \(categories.map(\.id).joined(separator: ", "))")
                } else if !seen.insert(name).inserted {
                    yaml.fail(node, "`\(name)` is listed twice in `also_in` of `\(entry)`")
                }
            }
        }
        return categories
    }

    mutating func readEntry(_ node: Node, defaultWeight: Double, normalizer: WordNormalizer) -> (Lexicon.Entry, [Node])? {
        lastAlsoIn = []
        if case .scalar = node {
            guard let text = yaml.string(node, "an entry") else { return nil }
            switch normalizer.pattern(text) {
            case .success(let pattern):
                return (Lexicon.Entry(entry: text, weight: defaultWeight, variants: [pattern]), [node])
            case .failure(let error):
                yaml.fail(node, "malformed pattern `\(text)`: \(error.reason)")
                return nil
            }
        }
        var name: String?
        var weight = defaultWeight
        var variants: [(Pattern, Node)]?
        var context = Lexicon.ContextRules()
        for (key, _, value) in yaml.entries(of: node, allowed: Self.entryKeys, context: "an entry") {
            switch key {
            case "entry":
                name = yaml.string(value, "`entry`")
                if let name { checkName(name, value, "an entry") }
            case "weight": weight = self.weight(value, "`weight`") ?? weight
            case "variants": variants = patterns(value, "`variants`", normalizer: normalizer)
            case "not_before": context.notBefore = patterns(value, "`not_before`", normalizer: normalizer).map(\.0)
            case "not_after": context.notAfter = patterns(value, "`not_after`", normalizer: normalizer).map(\.0)
            case "also_in": lastAlsoIn = yaml.stringList(value, "`also_in`")
            default: break
            }
        }
        guard case .mapping = node else { return nil }
        guard let name else {
            yaml.fail(node, "an entry needs `entry:`")
            return nil
        }
        if variants == nil {
            switch normalizer.pattern(name) {
            case .success(let pattern): variants = [(pattern, node)]
            case .failure(let error): yaml.fail(node, "malformed pattern `\(name)`: \(error.reason)")
            }
        }
        let resolved = variants ?? []
        return (
            Lexicon.Entry(entry: name, weight: weight, variants: resolved.map(\.0), context: context, alsoIn: lastAlsoIn.map(\.0)),
            resolved.map(\.1)
        )
    }

    // MARK: - Qualifiers, context requirements, ids

    /// `qualifiers: {before: [...], after: [...]}` (and, for a family, `inherit: false`): the
    /// qualifiers and whether the lexicon's apply too.
    mutating func readQualifiers(_ node: Node, keys: [String], normalizer: WordNormalizer) -> (Lexicon.Qualifiers, Bool) {
        var qualifiers = Lexicon.Qualifiers()
        var inherit = true
        for (key, _, value) in yaml.entries(of: node, allowed: keys, context: "`qualifiers`") {
            switch key {
            case "before": qualifiers.before = patterns(value, "`before`", normalizer: normalizer, allowGap: true).map(\.0)
            case "after": qualifiers.after = patterns(value, "`after`", normalizer: normalizer, allowGap: true).map(\.0)
            case "not_after": qualifiers.notAfter = patterns(value, "`not_after`", normalizer: normalizer).map(\.0)
            case "inherit": inherit = yaml.boolean(value, "`inherit`") ?? true
            default: break
            }
        }
        return (qualifiers, inherit)
    }

    /// `context: {sentence: {near, not_near}, paragraph: {near, not_near}, published: {from, to, undated},
    /// comment: {anchor_within}}`.
    mutating func readRequirement(_ node: Node, normalizer: WordNormalizer) -> Lexicon.ContextRequirement {
        var requirement = Lexicon.ContextRequirement()
        let entries = yaml.entries(of: node, allowed: Self.requirementKeys, context: "`context`")
        if case .mapping = node, entries.isEmpty { yaml.fail(node, "`context` is empty: give `sentence`, `paragraph`, `published` or `comment`") }
        for (key, _, value) in entries {
            switch key {
            case "sentence", "paragraph":
                var words = Lexicon.ContextRequirement.Words()
                for (wordKey, _, list) in yaml.entries(of: value, allowed: Self.wordRequirementKeys, context: "`\(key)`") {
                    let found = patterns(list, "`\(wordKey)`", normalizer: normalizer).map(\.0)
                    if wordKey == "near" { words.near = found } else { words.notNear = found }
                }
                if key == "sentence" { requirement.sentence = words } else { requirement.paragraph = words }
            case "published": requirement.published = readDateRange(value)
            case "comment":
                let commentEntries = yaml.entries(of: value, allowed: Self.commentRequirementKeys, context: "`comment`")
                if case .mapping = value, !commentEntries.contains(where: { $0.0 == "anchor_within" }) {
                    yaml.fail(value, "`comment` needs `anchor_within:` (words either side)")
                }
                for (commentKey, _, within) in commentEntries {
                    guard commentKey == "anchor_within", let words = yaml.positiveInteger(within, "`anchor_within`") else { continue }
                    if words > Self.maximumAnchorWindow {
                        yaml.fail(within, "`anchor_within` is at most \(Self.maximumAnchorWindow) words")
                    } else if !declaresAnchors {
                        yaml.fail(within, "`anchor_within` needs the lexicon's `anchors:` (the words that tie a sentence to its topic)")
                    } else {
                        requirement.commentAnchorWithin = words
                    }
                }
            default: break
            }
        }
        return requirement
    }

    /// `published: {from: 2022-12-01, to: 2023-12-31, undated: exclude}`.
    mutating func readDateRange(_ node: Node) -> Lexicon.DateRange? {
        var range = Lexicon.DateRange()
        for (key, _, value) in yaml.entries(of: node, allowed: Self.publishedKeys, context: "`published`") {
            switch key {
            case "from", "to":
                guard let text = yaml.string(value, "`\(key)`") else { continue }
                guard let day = Lexicon.DateRange.day(text), text.utf8.count == 10 else {
                    yaml.fail(value, "`\(key)` must be a date written YYYY-MM-DD; found `\(text)`")
                    continue
                }
                if key == "from" { range.from = day } else { range.to = day }
            case "undated":
                guard let text = yaml.string(value, "`undated`") else { continue }
                switch text {
                case "include": range.includesUndated = true
                case "exclude": range.includesUndated = false
                default: yaml.fail(value, "`undated` must be `include` or `exclude`")
                }
            default: break
            }
        }
        guard case .mapping = node else { return nil }
        if range.from == nil, range.to == nil {
            yaml.fail(node, "`published` needs `from:` or `to:` (a date written YYYY-MM-DD)")
            return nil
        }
        if let from = range.from, let to = range.to, from > to {
            yaml.fail(node, "`published` runs from a later date to an earlier one")
            return nil
        }
        return range
    }

    /// A weight: a number greater than 0 and at most ``maximumWeight``.
    mutating func weight(_ node: Node, _ what: String) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string.replacingUnderscores()), value.isFinite,
            value > 0, value <= Self.maximumWeight
        else {
            yaml.fail(node, "\(what) must be a number greater than 0 and at most \(Int(Self.maximumWeight)); found \(YAMLReader.describe(node))")
            return nil
        }
        return value
    }

    /// Ids (of the lexicon, a family, a category, a stance) are ASCII letters, digits, `-`, `_`
    /// and `.`, start with a letter or digit, and have at most ``maximumIDLength`` characters:
    /// they go into statistic IDs, file names and URLs.
    mutating func checkID(_ id: String, _ node: Node, _ what: String) {
        let scalars = Array(id.unicodeScalars)
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
        }
        if scalars.count > Self.maximumIDLength {
            yaml.fail(node, "\(what) `\(id)` is \(scalars.count) characters long; at most \(Self.maximumIDLength) are allowed")
        } else if let bad = scalars.first(where: { !allowed($0) }) {
            let shown = bad.properties.isWhitespace || bad.value < 0x20 ? Self.codePoint(bad) : "`\(bad)`"
            yaml.fail(node, "\(what) `\(id)` has the character \(shown); ids are ASCII letters, digits, `-`, `_` and `.`")
        } else if let first = scalars.first, !(first.properties.isAlphabetic || ("0"..."9").contains(first)) {
            yaml.fail(node, "\(what) `\(id)` must start with a letter or a digit")
        }
    }

    /// `U+202E`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Term and entry names are shown in reports: no control or bidirectional formatting characters.
    mutating func checkName(_ name: String, _ node: Node, _ what: String) {
        if let bad = name.unicodeScalars.first(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            yaml.fail(node, "\(what) `\(name)` has the invisible character \(Self.codePoint(bad)); names may not hold control or formatting characters")
        }
    }
}
