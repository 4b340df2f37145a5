import SlantCore

/// A tagged article with the identity it is measured under.
public struct MeasureInput: Sendable {
    public var id: String
    public var outlet: String
    public var digest: ContentDigest
    public var tagged: TaggedArticle

    public init(id: String, outlet: String, digest: ContentDigest, tagged: TaggedArticle) {
        self.id = id
        self.outlet = outlet
        self.digest = digest
        self.tagged = tagged
    }
}

/// The measure stage: per-article counts — tokens by voice, term occurrences by
/// lexicon, family, term, stance and voice, loaded-kind hits and weights by lexicon,
/// category and voice, the outlet's own words (for keyness) — and the evidence behind them.
/// Headline and standfirst matches are counted in voice `headline` only (their tokens under
/// `voiceTokens[.headline]`); the keyness words are the body's alone.
///
/// Every count names its lexicon: lexicons are measured apart, never summed. Which lexicon
/// covers which article (by language) is decided at aggregation, from the lexicons' facts.
public struct MeasureStage: Stage {
    public typealias Input = MeasureInput
    public typealias Output = ArticleMeasures

    public static let name = "measure"
    /// 4: headline and standfirst matches counted in voice `headline`, their evidence naming the part.
    public static let version = 4

    public init() {}

    public var configurationDigest: ContentDigest { ContentDigest(ofParts: [Self.name]) }

    public func process(_ input: MeasureInput) throws(DocumentError) -> ArticleMeasures {
        let tagged = input.tagged
        let segmented = tagged.segmented
        let article = segmented.article

        var termCounts: [TermCount] = []
        var termIndex: [String: Int] = [:]
        var loadedCounts: [LoadedCount] = []
        var loadedIndex: [String: Int] = [:]
        var evidence: [Evidence] = []
        evidence.reserveCapacity(tagged.terms.count + tagged.loaded.count)
        var sentences = SentenceLookup(segmented: segmented)

        // Spans already counted for a lexicon's stances: the same words matched by two of its families
        // count in both families' shares, but once in the lexicon's stance figures.
        var countedSpans: Set<SpanKey> = []
        // The body's and comments' matches are counted first, the headline's after them, so that the
        // counts and evidence of an article keep their order (and evidence its indices) whether or not
        // it has a headline.
        let passes = [false, true].map { inHeading in
            (terms: tagged.terms.filter { ($0.context.headlinePart != nil) == inHeading },
             loaded: tagged.loaded.filter { ($0.context.headlinePart != nil) == inHeading })
        }
        for part in passes {
            for match in part.terms {
                let voice = VoiceKey(match.context.voice, distanced: match.context.distanced)
                let span = SpanKey(
                    lexicon: match.lexicon, comment: match.context.comment ?? -1, headlinePart: match.context.headlinePart,
                    start: match.context.start, end: match.context.end)
                let repeated = !countedSpans.insert(span).inserted
                let key = "\(match.lexicon)\u{1F}\(match.family)\u{1F}\(match.term)\u{1F}\(voice)"
                if let position = termIndex[key] {
                    termCounts[position].count += 1
                    if repeated { termCounts[position].spanRepeats += 1 }
                } else {
                    termIndex[key] = termCounts.count
                    termCounts.append(
                        TermCount(
                            lexicon: match.lexicon, family: match.family, term: match.term, stance: match.stance, voice: voice,
                            count: 1, spanRepeats: repeated ? 1 : 0))
                }
                evidence.append(
                    sentences.evidence(
                        kind: .term, lexicon: match.lexicon, group: match.family, alsoIn: [], item: match.term,
                        stance: match.stance, weight: nil, text: match.text, voice: voice, context: match.context))
            }
            for match in part.loaded {
                let voice = VoiceKey(match.context.voice, distanced: match.context.distanced)
                for (category, home) in [(match.category, true)] + match.alsoIn.map({ ($0, false) }) {
                    let key = "\(match.lexicon)\u{1F}\(category)\u{1F}\(voice)\u{1F}\(home)"
                    if let position = loadedIndex[key] {
                        loadedCounts[position].hits += 1
                        loadedCounts[position].weight += match.weight
                    } else {
                        loadedIndex[key] = loadedCounts.count
                        loadedCounts.append(
                            LoadedCount(lexicon: match.lexicon, category: category, voice: voice, hits: 1, weight: match.weight, home: home))
                    }
                }
                evidence.append(
                    sentences.evidence(
                        kind: .loaded, lexicon: match.lexicon, group: match.category, alsoIn: match.alsoIn, item: match.entry,
                        stance: nil, weight: match.weight, text: match.text, voice: voice, context: match.context))
            }
        }
        var voiceTokens = tagged.voiceTokens
        voiceTokens[.comment] = tagged.commentTokens
        return ArticleMeasures(
            id: input.id, outlet: input.outlet, source: article.source.description, digest: input.digest.hex,
            title: article.metadata.title, url: article.metadata.url, published: article.metadata.published ?? article.metadata.captured,
            language: article.metadata.language, site: article.metadata.site, tokens: segmented.body.wordCount, voiceTokens: voiceTokens,
            sentences: segmented.body.sentences.count, paragraphs: segmented.body.paragraphs.count,
            comments: article.comments.count, commentTokens: tagged.commentTokens, warnings: article.warnings.map(\.code),
            termCounts: termCounts, loadedCounts: loadedCounts, words: Self.authorialWords(segmented.body),
            evidence: evidence)
    }

    /// A matched span of one lexicon: where it is, in the body, a comment, the headline or the standfirst.
    private struct SpanKey: Hashable {
        var lexicon: String
        var comment: Int
        var headlinePart: HeadlinePart?
        var start: Int
        var end: Int
    }

    /// Lower-cased word tokens in the outlet's own voice (not quoted, attributed or in scare quotes).
    static func authorialWords(_ layer: TextLayer) -> [String: Int] {
        var counts: [String: Int] = [:]
        var text = layer.text
        text.withUTF8 { bytes in
            for (index, token) in layer.tokens.enumerated() where token.kind == .word {
                let voice = index < layer.voices.count ? layer.voices[index] : .authorial
                guard voice.voice == .authorial, !voice.distanced else { continue }
                let slice = UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
                var word = String(decoding: slice, as: UTF8.self)
                if slice.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) { word = word.lowercased() }
                counts[word, default: 0] += 1
            }
        }
        return counts
    }
}

/// Finds the sentence of a match and turns UTF-8 offsets into code point offsets, per text.
private struct SentenceLookup {
    let segmented: SegmentedArticle
    /// Per text (by ``key(_:)``): its code point index and its bytes.
    private var indexes: [Int: CodePointIndex] = [:]
    private var bytes: [Int: [UInt8]] = [:]

    init(segmented: SegmentedArticle) { self.segmented = segmented }

    /// The text a match is in: a comment's index, -1 for the body, -2 and -3 for the headline and standfirst.
    private func key(_ context: MatchContext) -> Int {
        switch context.headlinePart {
        case .headline: -2
        case .standfirst: -3
        case nil: context.comment ?? -1
        }
    }

    private func layer(_ context: MatchContext) -> TextLayer {
        if let part = context.headlinePart { return segmented.layer(part) ?? segmented.body }
        guard let comment = context.comment, comment < segmented.comments.count else { return segmented.body }
        return segmented.comments[comment]
    }

    mutating func evidence(
        kind: Evidence.Kind, lexicon: String, group: String, alsoIn: [String], item: String, stance: String?, weight: Double?,
        text: String, voice: VoiceKey, context: MatchContext
    ) -> Evidence {
        let key = key(context)
        let layer = layer(context)
        let index = indexes[key] ?? CodePointIndex(layer.text)
        indexes[key] = index
        let utf8 = bytes[key] ?? Array(layer.text.utf8)
        bytes[key] = utf8
        let sentence = context.sentence < layer.sentences.count ? layer.sentences[context.sentence] : TextSpan(start: context.start, end: context.end, paragraph: 0)
        let sentenceStart = min(sentence.start, context.start)
        let sentenceEnd = max(sentence.end, context.end)
        let sentenceText = String(decoding: utf8[min(sentenceStart, utf8.count)..<min(sentenceEnd, utf8.count)], as: UTF8.self)
        let start = index.codePointOffset(context.start)
        let end = index.codePointOffset(context.end)
        let base = index.codePointOffset(sentenceStart)
        return Evidence(
            kind: kind, group: group, item: item, stance: stance, weight: weight, text: text, voice: voice,
            speaker: context.speaker, negated: context.negated, comment: context.comment, sentence: context.sentence,
            start: start, end: end, sentenceText: sentenceText, matchStart: start - base, matchEnd: end - base,
            lexicon: lexicon, alsoIn: alsoIn, headlinePart: context.headlinePart)
    }
}
