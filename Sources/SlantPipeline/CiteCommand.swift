import Foundation
import SlantCore
import SlantMeasure
import SlantReport
import SlantStore

/// `slant cite ID`: a ready citation of one statistic of the latest report — what was
/// measured, on which articles and dates, the value with its interval and n, and the
/// Slant version, lexicon and corpus digests that reproduce it.
public enum CiteCommand {
    public static func run(
        configurationPath: String, id: String, format: Citation.Format, output: OutputStream, errors: OutputStream
    ) -> Int32 {
        defer {
            output.flush()
            errors.flush()
        }
        do {
            let configuration = try ConfigurationLoader.load(configurationPath)
            let store = try ExistingStore.open(configuration)
            guard let statistic = try store.statistic(id) else {
                let ids = try store.statisticIDs()
                if ids.isEmpty {
                    errors.line("slant: the store holds no statistics yet; run `slant run` first")
                } else {
                    let close = suggestions(for: id, among: ids)
                    errors.line("slant: no statistic `\(id)` in the latest report\(close.isEmpty ? "" : "; did you mean:\n  " + close.joined(separator: "\n  "))")
                    errors.line("(every ID is in reports/statistics.json and reports/data/statistics.csv)")
                }
                return 1
            }
            let context = CitationContext(
                slantVersion: try store.meta("citation_version") ?? SlantVersion.current,
                corpusDigest: ContentDigest(hex: try store.meta("citation_corpus") ?? ""),
                lexicons: (try store.meta("citation_lexicons") ?? "").split(separator: "\n").map(String.init),
                generatedAt: try store.meta("citation_generated") ?? "")
            output.line(Citation.render(statistic, context: context, format: format))
            return 0
        } catch let error as ConfigurationLoader.Failure {
            errors.line(error.description.hasPrefix(configurationPath) ? error.description : "slant: \(error)")
            return 2
        } catch {
            errors.line("slant: \(error)")
            return 1
        }
    }

    /// IDs sharing the most leading path segments with the one asked for (at most five).
    static func suggestions(for id: String, among ids: [String]) -> [String] {
        let parts = id.lowercased().split(separator: "/")
        func shared(_ candidate: String) -> Int {
            zip(parts, candidate.split(separator: "/")).prefix { $0 == $1 }.count
        }
        let scored = ids.map { ($0, shared($0)) }.filter { $0.1 > 0 }
        let best = scored.map(\.1).max() ?? 0
        return scored.filter { $0.1 == best }.map(\.0).prefix(5).map { $0 }
    }
}
