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

/// `slant analyze`: clean, segment and tag a document statelessly, with the stages of a pipeline
/// definition.
public struct Analysis: Sendable {
    public var definition: PipelineDefinition

    public init(definition: PipelineDefinition) { self.definition = definition }

    /// What each loaded-kind lexicon measures, by id (for ``AnalysisJSON``'s `loaded`, `epistemic` and `labels`).
    public var measures: [String: Lexicon.Measure] {
        Dictionary(definition.lexicons.compactMap { lexicon in lexicon.measure.map { (lexicon.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Cleans, segments and tags one raw document (a page of a WARC file).
    public func analyse(_ raw: RawDocument) -> Result<AnalysedDocument, DocumentError> {
        let segment = definition.segment
        let tag = definition.tag
        return definition.documentFlow.clean(raw).flatMap { document in
            Result { () throws(DocumentError) -> AnalysedDocument in
                AnalysedDocument(cleaned: document, tagged: try tag.process(try segment.process(document.article)))
            }
        }
    }

    /// Analyses one file: one result per document (a `.jsonl` file gives several).
    public func analyse(_ file: DiscoveredFile) -> [Result<AnalysedDocument, DocumentError>] {
        let segment = definition.segment
        let tag = definition.tag
        return definition.documentFlow.process(file).map { cleaned in
            cleaned.flatMap { document in
                Result { () throws(DocumentError) -> AnalysedDocument in
                    let tagged = try tag.process(try segment.process(document.article))
                    return AnalysedDocument(cleaned: document, tagged: tagged)
                }
            }
        }
    }
}

/// The `slant analyze --json` line (the contract in DESIGN.md). Offsets are Unicode
/// code point offsets into the article body (or into the comment's text for tags in
/// reader comments, and into the headline's or standfirst's text for tags there, which have
/// voice `headline` and `"in": "headline"` or `"in": "standfirst"`), so that `body[start:end]`
/// in Python is the matched text.
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
        let headlineIndexes = Dictionary(
            uniqueKeysWithValues: HeadlinePart.allCases.compactMap { part in
                tagged.segmented.layer(part).map { (part, CodePointIndex($0.text)) }
            })
        func index(for context: MatchContext) -> CodePointIndex {
            if let part = context.headlinePart { return headlineIndexes[part] ?? bodyIndex }
            guard let comment = context.comment, comment < tagged.segmented.comments.count else { return bodyIndex }
            if let cached = commentIndexes[comment] { return cached }
            let made = CodePointIndex(tagged.segmented.comments[comment].text)
            commentIndexes[comment] = made
            return made
        }
        func contextFields(_ context: MatchContext) -> [JSONField] {
            let offsets = index(for: context)
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
            if let part = context.headlinePart { fields.append(JSONField("in", .string(part.rawValue))) }
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
                JSONField("headline", .int(tagged.voiceTokens[.headline] ?? 0)),
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
            fields.append(JSONField("headline", .string(tagged.segmented.headline?.text)))
            fields.append(JSONField("standfirst", .string(tagged.segmented.standfirst?.text)))
        }
        fields.append(JSONField("error", .null))
        return .object(fields)
    }
}
