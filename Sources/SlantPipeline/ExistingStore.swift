import Foundation
import SlantCore
import SlantStore

/// The store of a configuration, opened by the commands that only read what `slant run` kept
/// (`report`, `kwic`, `cite`): a missing store is an error that says what to do, never a new
/// empty store created as a side effect.
enum ExistingStore {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        /// Whether the store exists but holds no completed run.
        var empty = false
        var description: String {
            empty ? "the store \(path) holds no completed run yet; run `slant run` first" : "no store at \(path) yet; run `slant run` first"
        }
    }

    static func open(_ configuration: PipelineConfiguration) throws -> SlantStore {
        let path = configuration.localStorePath
        guard FileManager.default.fileExists(atPath: path) else { throw Missing(path: path) }
        return try SlantStore(path: path)
    }
}
