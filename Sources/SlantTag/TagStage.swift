import SlantCore
import SlantText

/// The tag stage: terminology and loaded-language matches in an article body and
/// its reader comments, each with its voice, speaker, `distanced` and `negated`.
///
/// Without lexicons it still counts word tokens by voice, which every rate needs.
public struct TagStage: Stage {
    public typealias Input = SegmentedArticle
    public typealias Output = TaggedArticle

    public static let name = "tag"
    public static let version = 1

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
        tag(segmented.body, comment: nil, terms: &terms, loaded: &loaded)
        for (index, comment) in segmented.comments.enumerated() {
            tag(comment, comment: index, terms: &terms, loaded: &loaded)
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
    private func tag(_ layer: TextLayer, comment: Int?, terms: inout [TermMatch], loaded: inout [LoadedMatch]) {
        guard !lexicons.isEmpty, !layer.tokens.isEmpty else { return }
        var text = layer.text
        text.withUTF8 { bytes in
            var streams: [Bool: SubwordStream] = [:]
            for compiled in lexicons {
                let fold = compiled.normalizer.foldDiacritics
                let stream = streams[fold] ?? compiled.normalizer.stream(bytes, tokens: layer.tokens)
                streams[fold] = stream
                for match in compiled.matches(in: stream) {
                    let first = stream.subwords[match.first]
                    let last = stream.subwords[match.last]
                    let start = Int(first.start)
                    let end = Int(last.end)
                    let firstToken = Int(first.token)
                    let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                    let voice = layer.voices.indices.contains(firstToken) ? layer.voices[firstToken] : .authorial
                    let context = MatchContext(
                        start: start, end: end, sentence: Int(layer.tokens[firstToken].sentence),
                        voice: comment == nil ? voice.voice : .comment,
                        speaker: comment == nil ? layer.speaker(ofToken: firstToken) : nil,
                        distanced: voice.distanced,
                        negated: Negation.isNegated(layer, tokenRange: firstToken..<(Int(last.token) + 1)),
                        comment: comment)
                    let lexicon = compiled.lexicon
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
