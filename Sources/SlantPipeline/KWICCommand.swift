import Foundation
import SlantCore
import SlantMeasure
import SlantStore

/// `slant kwic TERM`: concordance lines from the store — every occurrence of a term
/// (or a loaded-language entry, or a matched text) in the corpus of the last run,
/// with its outlet, date, voice and speaker.
public enum KWICCommand {
    public struct Options: Sendable {
        public var term: String
        public var outlet: String?
        public var voice: String?
        public var limit: Int?
        public var json: Bool
        /// Characters of context on each side.
        public var width: Int

        public init(term: String, outlet: String? = nil, voice: String? = nil, limit: Int? = nil, json: Bool = false, width: Int = 50) {
            self.term = term
            self.outlet = outlet
            self.voice = voice
            self.limit = limit
            self.json = json
            self.width = width
        }
    }

    public static func run(configurationPath: String, options: Options, output: OutputStream, errors: OutputStream) -> Int32 {
        defer {
            output.flush()
            errors.flush()
        }
        do {
            let configuration = try ConfigurationLoader.load(configurationPath)
            let store = try ExistingStore.open(configuration)
            var members = try store.corpus()
            if let outlet = options.outlet {
                members = members.filter { $0.outlet.caseInsensitiveCompare(outlet) == .orderedSame || Slug.make($0.outlet) == Slug.make(outlet) }
                if members.isEmpty {
                    let outlets = Set(try store.corpus().map(\.outlet)).sorted().joined(separator: ", ")
                    errors.line("slant: no outlet `\(outlet)` in the corpus; outlets: \(outlets)")
                    return 2
                }
            }
            var rows = try store.evidence(matching: options.term, in: members)
            if let voice = options.voice {
                rows = rows.filter { $0.1.voice.description == voice || $0.1.voice.voice.rawValue == voice }
            }
            rows.sort { ($0.0.outlet, $0.0.source, $0.1.comment ?? -1, $0.1.start) < ($1.0.outlet, $1.0.source, $1.1.comment ?? -1, $1.1.start) }
            let total = rows.count
            if let limit = options.limit { rows = Array(rows.prefix(limit)) }
            var articles: [String: ArticleMeasures] = [:]
            for (member, _) in rows where articles[member.digest] == nil {
                articles[member.digest] = try store.measures(digest: member.digest, key: member.analysisKey)
            }
            for (member, evidence) in rows {
                let article = articles[member.digest]
                if options.json {
                    output.line(JSON.object([
                        "outlet": .string(member.outlet), "article": .string(article?.id), "source": .string(member.source),
                        "published": .string(article?.published), "url": .string(article?.url),
                        "family": .string(evidence.kind == .term ? evidence.group : nil),
                        "category": .string(evidence.kind == .loaded ? evidence.group : nil),
                        "term": .string(evidence.item), "text": .string(evidence.text),
                        "voice": .string(evidence.voice.voice.rawValue), "distanced": .bool(evidence.voice.distanced),
                        "speaker": .string(evidence.speaker), "negated": .bool(evidence.negated),
                        "comment": .int(evidence.comment), "start": .int(evidence.start), "end": .int(evidence.end),
                        "sentence": .string(evidence.sentenceText),
                    ]).serialized())
                } else {
                    output.line(line(evidence, member: member, article: article, width: options.width))
                }
            }
            if !options.json {
                errors.line("\(total) occurrence\(total == 1 ? "" : "s") of “\(options.term)”\(rows.count < total ? " (showing \(rows.count))" : "") in \(Set(rows.map(\.0.digest)).count) article(s)")
            }
            return 0
        } catch let error as ConfigurationLoader.Failure {
            errors.line(error.description.hasPrefix(configurationPath) ? error.description : "slant: \(error)")
            return 2
        } catch {
            errors.line("slant: \(error)")
            return 1
        }
    }

    /// `  …the parties to the [Karabakh conflict] to “take steps…   Asbarez 2020-07-09 attributed (Zakharova)`.
    static func line(_ evidence: Evidence, member: CorpusMember, article: ArticleMeasures?, width: Int) -> String {
        let scalars = Array(evidence.sentenceText.unicodeScalars)
        let start = max(0, min(evidence.matchStart, scalars.count))
        let end = max(start, min(evidence.matchEnd, scalars.count))
        func text(_ range: Range<Int>) -> String {
            String(String.UnicodeScalarView(scalars[range])).replacingOccurrences(of: "\n", with: " ")
        }
        var left = text(0..<start)
        while left.last == " " { left.removeLast() }
        if left.count > width { left = "…" + left.suffix(width - 1) }
        var right = text(end..<scalars.count)
        while right.first == " " { right.removeFirst() }
        if right.count > width { right = right.prefix(width - 1) + "…" }
        let padded = String(repeating: " ", count: max(0, width - left.count)) + left
        var voice = evidence.voice.description
        if let speaker = evidence.speaker { voice += " (\(speaker))" }
        if evidence.negated { voice += ", negated" }
        if let comment = evidence.comment { voice += ", comment \(comment + 1)" }
        let date = article?.published ?? "—"
        return "\(padded) [\(text(start..<end))] \(right)   \(member.outlet) \(date) \(voice)"
    }
}
