import Foundation
import SlantCore
import SlantIngest
import SlantTag
import SlantText

/// A cleaned, segmented and tagged document.
public struct AnalysedDocument: Sendable {
    public var cleaned: CleanedDocument
    public var tagged: TaggedArticle
}

/// `slant analyze`: clean, segment and tag inputs statelessly and print the annotations.
public struct Analysis: Sendable {
    public var flow: DocumentFlow
    public var tag: TagStage
    public var jobs: Int
    public var json: Bool
    public var includeText: Bool

    public init(flow: DocumentFlow = DocumentFlow(), lexicons: [Lexicon], jobs: Int = Parallel.availableCores, json: Bool,
                includeText: Bool = false) {
        self.flow = flow
        self.tag = TagStage(lexicons: lexicons)
        self.jobs = jobs
        self.json = json
        self.includeText = includeText
    }

    /// Analyses one file: one result per document (a `.jsonl` file gives several).
    public func analyse(_ file: DiscoveredFile) -> [Result<AnalysedDocument, DocumentError>] {
        let segment = SegmentStage()
        return flow.process(file).map { cleaned in
            cleaned.flatMap { document in
                Result { () throws(DocumentError) -> AnalysedDocument in
                    let tagged = try tag.process(try segment.process(document.article))
                    return AnalysedDocument(cleaned: document, tagged: tagged)
                }
            }
        }
    }

    /// What each loaded-kind lexicon measures, by id.
    var measures: [String: Lexicon.Measure] {
        Dictionary(tag.lexicons.compactMap { compiled in compiled.lexicon.measure.map { (compiled.lexicon.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Analyses every input, printing results in input order; returns the exit status.
    public func run(arguments: [String], output: OutputStream, errors: OutputStream) -> Int32 {
        let discovery = FileDiscovery().files(forArguments: arguments)
        var failed = false
        let batchSize = max(16, jobs * 8)
        var start = 0
        while start < discovery.entries.count {
            let batch = Array(discovery.entries[start..<min(start + batchSize, discovery.entries.count)])
            let results = Parallel.map(batch, jobs: jobs) { entry -> [Result<String, DocumentError>] in
                switch entry {
                case .success(let file):
                    analyse(file).map { result in
                        result.map {
                            json ? AnalysisJSON.line($0, includeText: includeText, measures: measures) + "\n" : AnalysisText.describe($0, measures: measures)
                        }
                    }
                case .failure(let error): [.failure(error)]
                }
            }
            for result in results.joined() {
                switch result {
                case .success(let text): output.write(text)
                case .failure(let error):
                    failed = true
                    if json { output.line(ArticleJSON.errorLine(error)) }
                    errors.line("slant: \(error.source): \(error.reason)")
                }
            }
            start += batchSize
        }
        output.flush()
        errors.flush()
        return failed ? 1 : 0
    }
}

/// The `slant analyze --json` line (the contract in DESIGN.md). Offsets are Unicode
/// code point offsets into the article body (or into the comment's text for tags in
/// reader comments), so that `body[start:end]` in Python is the matched text.
///
/// Every tag names its `lexicon`. The hits of loaded-kind lexicons are kept apart by what their
/// lexicon measures: `loaded` (loaded language), `epistemic` (epistemic framing) and `labels`,
/// each hit of the same shape; a lexicon whose measure is not given counts as loaded language.
public enum AnalysisJSON {
    public static func line(_ document: AnalysedDocument, includeText: Bool, measures: [String: Lexicon.Measure] = [:]) -> String {
        object(document, includeText: includeText, measures: measures).serialized()
    }

    public static func object(_ document: AnalysedDocument, includeText: Bool, measures: [String: Lexicon.Measure] = [:]) -> JSON {
        let article = document.cleaned.article
        let metadata = article.metadata
        let tagged = document.tagged
        let bodyIndex = CodePointIndex(article.body)
        var commentIndexes: [Int: CodePointIndex] = [:]
        func index(for comment: Int?) -> CodePointIndex {
            guard let comment else { return bodyIndex }
            if let cached = commentIndexes[comment] { return cached }
            let made = CodePointIndex(tagged.segmented.comments[comment].text)
            commentIndexes[comment] = made
            return made
        }
        func contextFields(_ context: MatchContext) -> [JSONField] {
            let offsets = index(for: context.comment)
            var fields = [
                JSONField("start", .int(offsets.codePointOffset(context.start))),
                JSONField("end", .int(offsets.codePointOffset(context.end))),
                JSONField("sentence", .int(context.sentence)),
                JSONField("voice", .string(context.voice.rawValue)),
                JSONField("speaker", .string(context.speaker)),
                JSONField("distanced", .bool(context.distanced)),
                JSONField("negated", .bool(context.negated)),
            ]
            if let comment = context.comment { fields.append(JSONField("comment", .int(comment))) }
            return fields
        }
        let terms: [JSON] = tagged.terms.map { match in
            .object([
                JSONField("lexicon", .string(match.lexicon)),
                JSONField("family", .string(match.family)), JSONField("term", .string(match.term)),
                JSONField("stance", .string(match.stance)), JSONField("text", .string(match.text)),
            ] + contextFields(match.context))
        }
        func hits(_ measure: Lexicon.Measure) -> [JSON] {
            tagged.loaded.filter { (measures[$0.lexicon] ?? .loadedLanguage) == measure }.map { match in
                var fields = [
                    JSONField("lexicon", .string(match.lexicon)),
                    JSONField("text", .string(match.text)), JSONField("entry", .string(match.entry)),
                    JSONField("category", .string(match.category)),
                ]
                if !match.alsoIn.isEmpty { fields.append(JSONField("also_in", .array(match.alsoIn.map(JSON.string)))) }
                fields.append(JSONField("weight", .double(match.weight)))
                return .object(fields + contextFields(match.context))
            }
        }
        var fields: [JSONField] = [
            JSONField("id", .string(document.cleaned.id)),
            JSONField("source", .string(article.source.description)),
            JSONField("outlet", .string(document.cleaned.outlet)),
            JSONField("title", .string(metadata.title)),
            JSONField("url", .string(metadata.url)),
            JSONField("published", .string(metadata.published)),
            JSONField("language", .string(metadata.language)),
            JSONField("tokens", .int(tagged.segmented.body.wordCount)),
            JSONField("voice_tokens", .object([
                JSONField("authorial", .int(tagged.voiceTokens[.authorial] ?? 0)),
                JSONField("quoted", .int(tagged.voiceTokens[.quoted] ?? 0)),
                JSONField("attributed", .int(tagged.voiceTokens[.attributed] ?? 0)),
            ])),
            JSONField("terms", .array(terms)),
            JSONField("loaded", .array(hits(.loadedLanguage))),
            JSONField("epistemic", .array(hits(.epistemicFraming))),
            JSONField("labels", .array(hits(.labels))),
            JSONField("comments", .object([
                JSONField("count", .int(article.comments.count)),
                JSONField("tokens", .int(tagged.commentTokens)),
            ])),
            JSONField("warnings", .array(article.warnings.map { .object(["code": .string($0.code), "message": .string($0.message)]) })),
        ]
        if includeText {
            fields.append(JSONField("text", .string(article.body)))
            fields.append(JSONField("comment_texts", .array(article.comments.map { .string($0.text) })))
        }
        fields.append(JSONField("error", .null))
        return .object(fields)
    }
}

/// The human-readable form of `slant analyze`: who says which terms, where.
enum AnalysisText {
    static func describe(_ document: AnalysedDocument, measures: [String: Lexicon.Measure] = [:]) -> String {
        let article = document.cleaned.article
        let tagged = document.tagged
        var lines = ["== \(article.source)  [\(document.cleaned.outlet)]"]
        if let title = article.metadata.title { lines.append(title) }
        let voices = [Voice.authorial, .quoted, .attributed].map { "\($0.rawValue) \(tagged.voiceTokens[$0] ?? 0)" }
        lines.append("\(tagged.segmented.body.wordCount) tokens (\(voices.joined(separator: ", "))); \(article.comments.count) reader comments, \(tagged.commentTokens) tokens")
        if !tagged.terms.isEmpty {
            lines.append("")
            lines.append("Terms:")
            for match in tagged.terms {
                lines.append("  \(match.family) / \(match.term) [\(match.stance)]  “\(match.text)”  \(describe(match.context))")
            }
        }
        for (measure, title) in [(Lexicon.Measure.loadedLanguage, "Loaded language"), (.epistemicFraming, "Epistemic framing"), (.labels, "Labels")] {
            let hits = tagged.loaded.filter { (measures[$0.lexicon] ?? .loadedLanguage) == measure }
            guard !hits.isEmpty else { continue }
            lines.append("")
            lines.append("\(title):")
            for match in hits {
                let categories = ([match.category] + match.alsoIn).joined(separator: ", ")
                lines.append("  \(categories) / \(match.entry) ×\(match.weight)  “\(match.text)”  \(describe(match.context))  [\(match.lexicon)]")
            }
        }
        lines.append("")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ context: MatchContext) -> String {
        var parts = [context.voice.rawValue]
        if let speaker = context.speaker { parts.append("speaker: \(speaker)") }
        if context.distanced { parts.append("distanced") }
        if context.negated { parts.append("negated") }
        if let comment = context.comment { parts.append("comment \(comment + 1)") }
        parts.append("sentence \(context.sentence + 1)")
        return "(" + parts.joined(separator: ", ") + ")"
    }
}
