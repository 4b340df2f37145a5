/// One step of the pipeline: a pure function of its input and its configuration.
///
/// `ingest → clean → segment → tag → measure → aggregate → report`. A stage does no
/// I/O; its output is cached under ``cacheKey(for:)``, so a stage must bump
/// ``version`` whenever the same input would give a different output.
public protocol Stage: Sendable {
    associatedtype Input: Sendable
    associatedtype Output: Sendable

    /// The stage's name as it appears in logs, errors and cache keys.
    static var name: String { get }
    /// Bumped whenever the stage's output for the same input changes.
    static var version: Int { get }
    /// A digest of the configuration (and lexicons) the output depends on.
    var configurationDigest: ContentDigest { get }

    /// Runs the stage on one input.
    func process(_ input: Input) throws(DocumentError) -> Output
}

extension Stage {
    /// The key of this stage's output for an input with the given digest.
    public func cacheKey(for inputDigest: ContentDigest) -> ContentDigest {
        ContentDigest(ofParts: [Self.name, String(Self.version), configurationDigest.hex, inputDigest.hex])
    }
}
