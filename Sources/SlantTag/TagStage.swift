import SlantCore
import SlantText

/// The tag stage: terminology and loaded-language matches in an article body, its headline and
/// standfirst, and its reader comments, each with its voice, speaker, `distanced` and `negated`.
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
/// - Headline and standfirst: every match has voice `headline` and says which text it is in
///   (`headlinePart`). The headline is read like the body, and what the body would give another
///   voice is not the outlet's own headline choice: a match inside a quotation ("‘Occupied lands’,
///   says Erdogan") or reported speech in the headline is `distanced`, with its speaker, as are
///   scare-quoted and qualified ones. So the headline's own figures count only the outlet's words,
///   and the body's quotations never take in a headline's.
/// - Context requirements of a family or term are checked against the article's publication
///   date (`metadata.published`, read as `YYYY-MM-DD`), for the body and its comments alike; a
///   `comment:` anchor requirement applies in reader comments only (each comment is its own text).
///
/// Without lexicons it still counts word tokens by voice, which every rate needs.
public struct TagStage: Stage {
    public typealias Input = SegmentedArticle
    public typealias Output = TaggedArticle

    public static let name = "tag"
    /// 2: qualifiers, context requirements, one family per span, negation only of predicates and
    /// evaluations, hyphenated compounds, labels kept in the outlet's voice under a trailing "according to".
    /// 3: the headline and standfirst tagged, in voice `headline`.
    /// 4: `comment:` anchor requirements (generic terms in reader comments count only near an anchor).
    public static let version = 4

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
        tag(segmented.body, in: .body, published: published, terms: &terms, loaded: &loaded)
        for (index, comment) in segmented.comments.enumerated() {
            tag(comment, in: .comment(index), published: published, terms: &terms, loaded: &loaded)
        }
        for part in HeadlinePart.allCases {
            guard let layer = segmented.layer(part) else { continue }
            tag(layer, in: .heading(part), published: published, terms: &terms, loaded: &loaded)
        }
        // The body's tags first, then each comment's, then the headline's and the standfirst's: a tag's
        // position (and so each evidence index) does not depend on whether the article has a headline.
        terms.sort { (Self.order($0.context), $0.context.start, $0.family) < (Self.order($1.context), $1.context.start, $1.family) }
        loaded.sort { (Self.order($0.context), $0.context.start) < (Self.order($1.context), $1.context.start) }
        var voiceTokens = Self.wordsByVoice(segmented.body)
        if segmented.headline != nil || segmented.standfirst != nil {
            voiceTokens[.headline] = HeadlinePart.allCases.reduce(0) { $0 + (segmented.layer($1).map(Self.ownWords) ?? 0) }
        }
        let commentTokens = segmented.comments.reduce(0) { $0 + $1.wordCount }
        return TaggedArticle(
            segmented: segmented, terms: terms, loaded: loaded, voiceTokens: voiceTokens, commentTokens: commentTokens)
    }

    /// Which text of an article a layer is.
    private enum Place {
        case body
        case comment(Int)
        case heading(HeadlinePart)
    }

    /// Where a match sorts: the body, the comments in order, the headline, the standfirst.
    private static func order(_ context: MatchContext) -> Int {
        switch context.headlinePart {
        case .headline: Int.max - 1
        case .standfirst: Int.max
        case nil: context.comment ?? -1
        }
    }

    /// The body's word tokens by voice: authorial, quoted and attributed always (0 when none), any
    /// other voice only when it has words. Counted in locals, not by a dictionary update per token.
    private static func wordsByVoice(_ layer: TextLayer) -> [Voice: Int] {
        var counts = (authorial: 0, quoted: 0, attributed: 0, comment: 0, headline: 0)
        for (token, voice) in zip(layer.tokens, layer.voices) where token.kind != .punctuation {
            switch voice.voice {
            case .authorial: counts.authorial += 1
            case .quoted: counts.quoted += 1
            case .attributed: counts.attributed += 1
            case .comment: counts.comment += 1
            case .headline: counts.headline += 1
            }
        }
        var words: [Voice: Int] = [.authorial: counts.authorial, .quoted: counts.quoted, .attributed: counts.attributed]
        if counts.comment > 0 { words[.comment] = counts.comment }
        if counts.headline > 0 { words[.headline] = counts.headline }
        return words
    }

    /// Word tokens of a headline or standfirst in the outlet's own voice (scare quotes included, as
    /// in the body's authorial count; quotations and reported speech not).
    private static func ownWords(_ layer: TextLayer) -> Int {
        zip(layer.tokens, layer.voices).reduce(0) { $0 + ($1.0.kind != .punctuation && $1.1.voice == .authorial ? 1 : 0) }
    }

    /// Tags one text: the body, a comment, the headline or the standfirst.
    private func tag(
        _ layer: TextLayer, in place: Place, published: Int?, terms: inout [TermMatch], loaded: inout [LoadedMatch]
    ) {
        var comment: Int?
        var headlinePart: HeadlinePart?
        switch place {
        case .body: break
        case .comment(let index): comment = index
        case .heading(let part): headlinePart = part
        }
        guard !lexicons.isEmpty, !layer.tokens.isEmpty else { return }
        var text = layer.text
        let paragraphOfSentence = layer.sentences.map(\.paragraph)
        text.withUTF8 { bytes in
            let environment = MatchEnvironment(
                bytes: bytes, tokens: layer.tokens, paragraphOfSentence: paragraphOfSentence, published: published,
                isComment: comment != nil)
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
                    let analysed: Voice = comment != nil ? .comment : ownLabel ? .authorial : voice.voice
                    let context = MatchContext(
                        start: start, end: end, sentence: Int(layer.tokens[firstToken].sentence),
                        voice: headlinePart != nil ? .headline : analysed,
                        speaker: comment == nil && !ownLabel ? layer.speaker(ofToken: firstToken) : nil,
                        distanced: voice.distanced || qualifier != nil || (headlinePart != nil && analysed != .authorial),
                        negated: negatable && Negation.isNegated(layer, tokenRange: firstToken..<(Int(last.token) + 1)),
                        comment: comment, qualifier: qualifier, headlinePart: headlinePart)
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
