import Foundation
import SlantCore
import SlantIngest
import SlantPipeline

/// A configuration's corpus as a shared store's queue holds it: its key, and the units (files) it
/// is made of on this machine.
public struct SharedCorpus: Sendable {
    /// Names what the units' results are made under — the analysis settings, lexicons, stage versions
    /// and the sources (patterns, outlets, filters) — so that workers running another configuration
    /// never mix their results with these, and a report reads only results of its configuration.
    public var key: String
    /// The files discovery finds here, in discovery order.
    public var files: [DiscoveredFile]
    /// Discovery's warnings and the inputs it could not read, as lines for standard error.
    public var problems: [String]

    public init(definition: PipelineDefinition) throws {
        let configuration = definition.configuration
        key = try Self.key(definition)
        let discovery = try FileDiscovery().files(for: configuration)
        files = discovery.files
        problems = discovery.warnings.map { "slant: \($0)" } + discovery.failures.map { "slant: \($0)" }
    }

    /// The units of the files found, with their stamps (a file that cannot be `stat`ed is queued with
    /// size -1, and its worker records why it cannot be read).
    public var units: [QueuedUnit] {
        files.enumerated().map { position, file in
            let stamp = FileStamp.of(file.absolutePath)
            return QueuedUnit(
                path: file.path, position: position, format: file.format.rawValue, outlet: file.outlet,
                size: stamp?.size ?? -1, modified: Double(stamp?.modified ?? 0) / 1e9)
        }
    }
}
