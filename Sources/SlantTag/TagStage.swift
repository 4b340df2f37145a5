import SlantCore
import SlantText

/// The tag stage: terminology and loaded-language matches in an article body and
/// its reader comments, each with its voice, speaker, `distanced` and `negated`.
///
/// - `distanced`: the token's voice is distanced (scare quotes), or a distancing qualifier of
///   the term's family stands right before or after it (the qualifier is in `qualifier`).
/// - `negated`: only for loaded-language entries and terms of `negatable` families, when
///   ``Negation`` finds a negator governing the match; names are never negated.
/// - Voice: the voice of the match's first token, except that in a sentence sourced by a
///   trailing "…, according to X" (``TokenVoice/sourced``) names and labels — terms of families
///   that are not negatable, and entries of `labels` lexicons — keep the outlet's own voice: the
///   outlet wrote the sentence and chose its words; only its claims (predicates, evaluations,
///   loaded language) are X's.
/// - Context requirements of a family or term are checked against the article's publication
///   date (`metadata.published`, read as `YYYY-MM-DD`), for the body and its comments alike.
///
/// Without lexicons it still counts word tokens by voice, which every rate needs.
public struct TagStage: Stage {
    public typealias Input = SegmentedArticle
    public typealias Output = TaggedArticle

    public static let name = "tag"
    /// 2: qualifiers, context requirements, one family per span, negation only of predicates and
    /// evaluations, hyphenated compounds, labels kept in the outlet's voice under a trailing "according to".
    public static let version = 2

    public let lexicons: [CompiledLexicon]

    public init(lexicons: [Lexicon] = []) {
        self.lexicons = lexicons.map(CompiledLexicon.init)
    }

    /// The lexicons' digests: a lexicon edit re-tags, nothing else does.
    public var configurationDigest: ContentDigest {
        ContentDigest(ofParts: [Self.name] + lexicons.map { $0.lexicon.digest.hex })
    }

    public func process(_ segmented: SegmentedArticle) throws(DocumentError) -> TaggedArticle {
        var terms: [TermMatch] = []
        var loaded: [LoadedMatch] = []
        let published = Lexicon.DateRange.day(segmented.article.metadata.published)
        tag(segmented.body, comment: nil, published: published, terms: &terms, loaded: &loaded)
        for (index, comment) in segmented.comments.enumerated() {
            tag(comment, comment: index, published: published, terms: &terms, loaded: &loaded)
        }
        terms.sort { ($0.context.comment ?? -1, $0.context.start, $0.family) < ($1.context.comment ?? -1, $1.context.start, $1.family) }
        loaded.sort { ($0.context.comment ?? -1, $0.context.start) < ($1.context.comment ?? -1, $1.context.start) }
        var voiceTokens: [Voice: Int] = [.authorial: 0, .quoted: 0, .attributed: 0]
        for (token, voice) in zip(segmented.body.tokens, segmented.body.voices) where token.kind != .punctuation {
            voiceTokens[voice.voice, default: 0] += 1
        }
        let commentTokens = segmented.comments.reduce(0) { $0 + $1.wordCount }
        return TaggedArticle(
            segmented: segmented, terms: terms, loaded: loaded, voiceTokens: voiceTokens, commentTokens: commentTokens)
    }

    /// Tags one text (the body, or comment number `comment`).
    private func tag(
        _ layer: TextLayer, comment: Int?, published: Int?, terms: inout [TermMatch], loaded: inout [LoadedMatch]
    ) {
        guard !lexicons.isEmpty, !layer.tokens.isEmpty else { return }
        var text = layer.text
        let paragraphOfSentence = layer.sentences.map(\.paragraph)
        text.withUTF8 { bytes in
            let environment = MatchEnvironment(
                bytes: bytes, tokens: layer.tokens, paragraphOfSentence: paragraphOfSentence, published: published)
            var streams: [Bool: SubwordStream] = [:]
            for compiled in lexicons {
                let fold = compiled.normalizer.foldDiacritics
                let stream = streams[fold] ?? compiled.normalizer.stream(bytes, tokens: layer.tokens)
                streams[fold] = stream
                let lexicon = compiled.lexicon
                for match in compiled.matches(in: stream, environment: environment) {
                    let first = stream.subwords[match.first]
                    let last = stream.subwords[match.last]
                    let start = Int(first.start)
                    let end = Int(last.end)
                    let firstToken = Int(first.token)
                    let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                    let voice = layer.voices.indices.contains(firstToken) ? layer.voices[firstToken] : .authorial
                    let negatable: Bool
                    let isLabel: Bool
                    switch lexicon.kind {
                    case .terminology:
                        negatable = lexicon.families[Int(match.group)].negatable
                        isLabel = !negatable
                    case .loaded:
                        negatable = true
                        isLabel = lexicon.measure == .labels
                    }
                    var qualifier: String?
                    if let range = match.qualifier {
                        let from = Int(stream.subwords[range.lowerBound].start)
                        let to = Int(stream.subwords[range.upperBound].end)
                        qualifier = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
                    }
                    let ownLabel = comment == nil && voice.sourced && isLabel
                    let context = MatchContext(
                        start: start, end: end, sentence: Int(layer.tokens[firstToken].sentence),
                        voice: comment != nil ? .comment : ownLabel ? .authorial : voice.voice,
                        speaker: comment == nil && !ownLabel ? layer.speaker(ofToken: firstToken) : nil,
                        distanced: voice.distanced || qualifier != nil,
                        negated: negatable && Negation.isNegated(layer, tokenRange: firstToken..<(Int(last.token) + 1)),
                        comment: comment, qualifier: qualifier)
                    switch lexicon.kind {
                    case .terminology:
                        let family = lexicon.families[Int(match.group)]
                        let term = family.terms[Int(match.item)]
                        terms.append(TermMatch(lexicon: lexicon.id, family: family.id, term: term.term, stance: term.stance, text: surface, context: context))
                    case .loaded:
                        let (categoryIndex, entryIndex) = compiled.entryIndex[Int(match.item)]
                        let category = lexicon.categories[categoryIndex]
                        let entry = category.entries[entryIndex]
                        loaded.append(
                            LoadedMatch(
                                lexicon: lexicon.id, text: surface, entry: entry.entry, category: category.id, alsoIn: entry.alsoIn,
                                weight: entry.weight, context: context))
                    }
                }
            }
        }
    }
}
