import SlantCore
import SlantIngest
import SlantTag

/// The compiled `filter:` of each source that declares one, by the source's index in `sources:`.
///
/// A lexicon named by a filter contributes one needle per variant of each of its terms (terminology) or
/// entries (loaded kinds): the longest word of the variant, which every match of the variant contains.
public struct SourceFilters: Sendable {
    public private(set) var bySource: [Int: Prefilter] = [:]
    /// Problems with file:line:column: a filter naming a lexicon that is not configured.
    public private(set) var problems: [String] = []

    public init(configuration: PipelineConfiguration, lexicons: [Lexicon]) {
        for (index, source) in configuration.sources.enumerated() {
            guard let filter = source.filter else { continue }
            var words = filter.words
            for id in filter.lexicons {
                guard let lexicon = lexicons.first(where: { $0.id == id }) else {
                    let known = lexicons.map { "`\($0.id)`" }.joined(separator: ", ")
                    problems.append(
                        "\(filter.location): error: `filter:` names the lexicon `\(id)`, which the configuration does not load"
                            + (known.isEmpty ? " (it loads none)" : "; configured lexicons: \(known)"))
                    continue
                }
                words += Self.needles(of: lexicon)
            }
            if let compiled = Prefilter(words: words) {
                bySource[index] = compiled
            } else {
                problems.append("\(filter.location): error: `filter:` gives no word to look for")
            }
        }
    }

    /// One needle per variant of every term and entry of a lexicon.
    public static func needles(of lexicon: Lexicon) -> [String] {
        var patterns: [Pattern] = []
        for family in lexicon.families { for term in family.terms { patterns += term.variants } }
        for category in lexicon.categories { for entry in category.entries { patterns += entry.variants } }
        return patterns.compactMap { pattern in
            Prefilter.needle(forWords: pattern.words.filter { !$0.isContext }.map(\.text))
        }
    }

    /// The filter of the source that found `file`.
    public func filter(for file: DiscoveredFile) -> Prefilter? { bySource[file.specificationIndex] }

    /// What a file's documents are under: the digest of its source's filter ("" without one). A file
    /// read under another filter is read again.
    public func ingestKey(for file: DiscoveredFile) -> String { filter(for: file)?.digest.prefix(32) ?? "" }
}
