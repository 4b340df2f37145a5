import SlantCore

/// The tag stage: terminology and loaded-language matches, each with its voice.
///
/// Without lexicons it still counts word tokens by voice, which every rate needs.
public struct TagStage: Stage {
    public typealias Input = SegmentedArticle
    public typealias Output = TaggedArticle

    public static let name = "tag"
    public static let version = 1

    public init() {}

    public var configurationDigest: ContentDigest { ContentDigest(ofParts: [Self.name]) }

    public func process(_ segmented: SegmentedArticle) throws(DocumentError) -> TaggedArticle {
        let commentTokens = segmented.comments.reduce(0) { $0 + $1.wordCount }
        return TaggedArticle(
            segmented: segmented, terms: [], loaded: [], voiceTokens: [.authorial: segmented.body.wordCount],
            commentTokens: commentTokens)
    }
}
