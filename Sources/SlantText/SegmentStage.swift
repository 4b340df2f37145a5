import SlantCore

/// The segment stage: paragraphs, sentences and word tokens of an article body, of its headline
/// and standfirst (``HeadlineLayer``) and of its reader comments, as UTF-8 offsets into their texts.
public struct SegmentStage: Stage {
    public typealias Input = Article
    public typealias Output = SegmentedArticle

    public static let name = "segment"
    /// 2: quotations, speakers, reported speech and per-token voice.
    /// 3: capped sentence length; speakers and reported speech read in context (issue 13):
    /// bare clauses after any verb of saying, pronouns resolved within two paragraphs, head nouns
    /// and time phrases in subjects, short quotations inside reported speech, trailing
    /// "according to" marking `sourced` tokens.
    /// 4: the headline and standfirst segmented as texts of their own.
    public static let version = 4

    public let settings: SegmentSettings

    public init(settings: SegmentSettings = SegmentSettings()) { self.settings = settings }

    public var configurationDigest: ContentDigest { ContentDigest(ofParts: [Self.name, settings.digest.hex]) }

    public func process(_ article: Article) throws(DocumentError) -> SegmentedArticle {
        var cuts = 0
        let body = Self.segment(
            article.body, blocks: article.blocks.map { ($0.start, $0.end) }, settings: settings, cutSentences: &cuts)
        let comments = article.comments.map { comment in
            Self.segment(comment.text, blocks: Self.paragraphRanges(comment.text), settings: settings, cutSentences: &cuts)
        }
        let heading = HeadlineLayer.layers(of: article, settings: settings, cutSentences: &cuts)
        var article = article
        if cuts > 0 {
            article.warnings.append(
                DocumentWarning(
                    code: "long-sentence-split",
                    message: "\(cuts) sentence\(cuts == 1 ? "" : "s") longer than \(settings.maximumSentenceTokens) tokens cut at clause punctuation or at the limit"))
        }
        return SegmentedArticle(
            article: article, body: body, comments: comments, headline: heading.headline, standfirst: heading.standfirst)
    }

    /// Segments a text whose paragraphs are the given UTF-8 ranges.
    public static func segment(_ text: String, blocks: [(Int, Int)], settings: SegmentSettings = SegmentSettings()) -> TextLayer {
        var cuts = 0
        return segment(text, blocks: blocks, settings: settings, cutSentences: &cuts)
    }

    /// Segments a text, counting in `cutSentences` the over-long sentences that were cut.
    public static func segment(
        _ text: String, blocks: [(Int, Int)], settings: SegmentSettings, cutSentences: inout Int
    ) -> TextLayer {
        var utf8 = text
        var cuts = 0
        defer { cutSentences += cuts }
        return utf8.withUTF8 { bytes in
            var tokens: [Token] = []
            tokens.reserveCapacity(bytes.count / 5)
            var sentences: [TextSpan] = []
            var paragraphs: [TextSpan] = []
            for (paragraphIndex, block) in blocks.enumerated() {
                paragraphs.append(TextSpan(start: block.0, end: block.1, paragraph: paragraphIndex))
                let first = tokens.count
                Tokenizer.tokenize(bytes, from: block.0, to: min(block.1, bytes.count), into: &tokens)
                sentences += SentenceSplitter.split(
                    bytes, tokens: &tokens, range: first..<tokens.count, paragraph: paragraphIndex,
                    firstSentence: sentences.count, maximumTokens: settings.maximumSentenceTokens, cuts: &cuts)
            }
            var layer = TextLayer(text: text, paragraphs: paragraphs, sentences: sentences, tokens: tokens)
            VoiceAnalyzer.annotate(&layer)
            return layer
        }
    }

    /// The UTF-8 ranges of the blank-line-separated paragraphs of a text.
    public static func paragraphRanges(_ text: String) -> [(Int, Int)] {
        var ranges: [(Int, Int)] = []
        let bytes = Array(text.utf8)
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                if index > start { ranges.append((start, index)) }
                index += 2
                while index < bytes.count, bytes[index] == 0x0A { index += 1 }
                start = index
                continue
            }
            index += 1
        }
        if bytes.count > start { ranges.append((start, bytes.count)) }
        return ranges
    }
}
