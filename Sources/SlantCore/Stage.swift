/// One step of the pipeline: a pure function of its input and its settings.
///
/// `ingest → clean → segment → tag → measure → aggregate → report`. A stage does no
/// I/O; its output is cached under ``cacheKey(after:)``, so a stage must bump
/// ``version`` whenever the same input would give a different output.
public protocol Stage: Sendable {
    associatedtype Input: Sendable
    associatedtype Output: Sendable

    /// The stage's name as it appears in logs, errors and cache keys.
    static var name: String { get }
    /// Bumped whenever the stage's output for the same input changes.
    static var version: Int { get }
    /// A digest of the settings (and lexicons) the output depends on.
    var configurationDigest: ContentDigest { get }

    /// Runs the stage on one input.
    func process(_ input: Input) throws(DocumentError) -> Output
}

extension Stage {
    /// The key of this stage's output for an input made under `inputKey`: a digest of the stage's
    /// name, version and settings digest and of that key. Chained from ``StageKey/document``
    /// through every stage a result has passed, it names exactly how the result was made.
    public func cacheKey(after inputKey: ContentDigest) -> ContentDigest {
        ContentDigest(ofParts: [Self.name, String(Self.version), configurationDigest.hex, inputKey.hex])
    }
}

/// The start of every chain of stage keys.
public enum StageKey {
    /// The key of a document as read: what the first stage's key is derived from.
    public static let document = ContentDigest(ofParts: ["document"])
}
