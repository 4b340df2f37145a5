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
/// malformed pattern, the same variant in two terms of one family, the same
/// entry in two places of a loaded-language lexicon, a weight that is not a
/// positive number.
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

    static let topLevelKeys = [
        "lexicon", "kind", "version", "language", "description", "options", "stances", "stance_index", "measure",
        "families", "categories",
    ]
    static let stanceIndexKeys = ["negative", "positive"]
    static let optionKeys = ["diacritics"]
    static let familyKeys = ["id", "question", "note", "terms"]
    static let termKeys = ["term", "stance", "variants", "source", "note", "not_before", "not_after"]
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
        var given = Set<String>()
        for (key, _, value) in yaml.entries(of: root, allowed: Self.topLevelKeys, context: "the lexicon") {
            given.insert(key)
            switch key {
            case "lexicon": id = yaml.string(value, "`lexicon`")
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
            guard let familiesNode else {
                yaml.fail(root, "missing `families:` (a terminology lexicon groups its terms into families)")
                return nil
            }
            if stances.isEmpty { yaml.fail(root, "missing `stances:` (every term needs a declared stance)") }
            lexicon.families = readFamilies(familiesNode, stances: Set(stances.map(\.id)), normalizer: normalizer)
        case .loaded:
            if let familiesNode { yaml.fail(familiesNode, "a loaded-language lexicon has `categories:`, not `families:`") }
            if let stanceIndexNode { yaml.fail(stanceIndexNode, "`stance_index:` belongs to a terminology lexicon") }
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

    mutating func readFamilies(_ node: Node, stances: Set<String>, normalizer: WordNormalizer) -> [Lexicon.Family] {
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
            for (key, _, value) in yaml.entries(of: item, allowed: Self.familyKeys, context: "a family") {
                switch key {
                case "id":
                    id = yaml.string(value, "a family's `id`")
                    if let id, !ids.insert(id).inserted { yaml.fail(value, "family `\(id)` is defined twice") }
                case "question": question = yaml.string(value, "`question`")
                case "terms": termsNode = value
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
            families.append(Lexicon.Family(id: id, question: question, terms: terms))
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
        var sawVariants = false
        for (key, _, value) in yaml.entries(of: node, allowed: Self.termKeys, context: "a term") {
            switch key {
            case "term": name = yaml.string(value, "`term`")
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
            if case .success(let pattern) = normalizer.pattern(name) { variants = [(pattern, node)] }
        }
        guard let stance else { return nil }
        let term = Lexicon.Term(term: name, stance: stance, variants: variants.map(\.0), source: source, context: context)
        return (term, variants.map(\.0), variants.map(\.1))
    }

    /// Patterns of a list, each checked; malformed ones are reported at their line.
    mutating func patterns(_ node: Node, _ what: String, normalizer: WordNormalizer) -> [(Pattern, Node)] {
        let items = yaml.stringList(node, what)
        if items.isEmpty, case .sequence = node { yaml.fail(node, "\(what) is empty") }
        var result: [(Pattern, Node)] = []
        for (text, itemNode) in items {
            switch normalizer.pattern(text) {
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
                    if let id, !ids.insert(id).inserted { yaml.fail(value, "category `\(id)` is defined twice") }
                case "label": label = yaml.string(value, "`label`")
                case "description": description = yaml.string(value, "`description`")
                case "basis": basis = yaml.string(value, "`basis`")
                case "default_weight": defaultWeight = yaml.positiveNumber(value, "`default_weight`") ?? defaultWeight
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
            case "entry": name = yaml.string(value, "`entry`")
            case "weight": weight = yaml.positiveNumber(value, "`weight`") ?? weight
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
}
