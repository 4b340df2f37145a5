import SlantCore

/// The headline and the standfirst of an article as texts of their own, segmented like the body
/// (paragraphs, sentences, tokens, quotations, speakers, reported speech), so that every lexicon can
/// tag them and their counts stay apart from the body's.
///
/// A headline or standfirst the body already holds among its first blocks (a `.txt` whose first line
/// the body keeps, a lead paragraph the cleaner took into the body) is not made a layer: its words
/// are counted once, in the body, never twice.
public enum HeadlineLayer {
    /// How many blocks at the start of the body are compared with the headline and the standfirst.
    static let leadingBlocksCompared = 3

    /// The layers of the article's headline and standfirst, each nil when there is none (or when
    /// the body repeats it).
    public static func layers(
        of article: Article, settings: SegmentSettings, cutSentences: inout Int
    ) -> (headline: TextLayer?, standfirst: TextLayer?) {
        let leading = leadingBlocks(of: article)
        func layer(_ text: String?) -> TextLayer? {
            guard let text, let trimmed = trimmed(text), !leading.contains(collapsed(trimmed)) else { return nil }
            let layer = SegmentStage.segment(
                trimmed, blocks: SegmentStage.paragraphRanges(trimmed), settings: settings, cutSentences: &cutSentences)
            return layer.tokens.contains { $0.kind != .punctuation } ? layer : nil
        }
        return (layer(article.metadata.title), layer(article.metadata.standfirst))
    }

    /// The first blocks of the body, white space collapsed.
    private static func leadingBlocks(of article: Article) -> Set<String> {
        var body = article.body
        return body.withUTF8 { bytes in
            var blocks: Set<String> = []
            for block in article.blocks.prefix(leadingBlocksCompared) {
                let start = max(0, min(block.start, bytes.count))
                let end = max(start, min(block.end, bytes.count))
                blocks.insert(collapsed(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)))
            }
            return blocks
        }
    }

    /// The text without white space at either end; nil when nothing is left.
    static func trimmed(_ text: String) -> String? {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return nil }
        return String(scalars[first...last])
    }

    /// Runs of white space as one space, none at the ends: how two renderings of one line compare.
    /// White space is Unicode's (`Unicode.Scalar.Properties.isWhitespace`); read on UTF-8 bytes, with
    /// the property looked up only for scalars outside ASCII.
    static func collapsed(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                let length: Int
                let isWhitespace: Bool
                if lead < 0x80 {
                    length = 1
                    isWhitespace = lead == 0x20 || (lead >= 0x09 && lead <= 0x0D)
                } else {
                    let (value, scalarLength) = ScalarReader.decode(bytes, at: index)
                    length = min(scalarLength, bytes.count - index)
                    isWhitespace = Unicode.Scalar(value)?.properties.isWhitespace ?? false
                }
                if isWhitespace {
                    pendingSpace = !result.isEmpty
                } else {
                    if pendingSpace { result.append(0x20) }
                    pendingSpace = false
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                }
                index += length
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}
