import SlantCore

/// What long work tells whoever runs it, as it happens: progress, warnings, and the documents left
/// out. The library never prints; the command line turns these into lines on standard error, a test
/// collects them.
public protocol PipelineObserver: Sendable {
    /// Work of `total` items (files, records) begins.
    func started(total: Int, unit: String)
    /// `count` more items are done.
    func advanced(by count: Int)
    /// The work is done.
    func finished()
    /// Something odd that did not stop the work (a glob that matches nothing, a lexicon whose content
    /// changed under the same version), as a whole line.
    func warning(_ message: String)
    /// A document left out of the analysis, and why.
    func excluded(_ document: ExcludedDocument)
}

/// An observer that keeps nothing.
public struct SilentObserver: PipelineObserver {
    public init() {}
    public func started(total: Int, unit: String) {}
    public func advanced(by count: Int) {}
    public func finished() {}
    public func warning(_ message: String) {}
    public func excluded(_ document: ExcludedDocument) {}
}
