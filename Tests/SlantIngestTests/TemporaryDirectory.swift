import Foundation
import SlantCore
import SlantIngest

/// A fresh directory under the system's temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The absolute path, with symbolic links resolved (so that it matches what discovery prints).
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/slant-ingest-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "mkdtemp failed") }
        let created = String(cString: made)
        guard let resolved = realpath(created, nil) else { throw Failure(description: "realpath failed") }
        defer { free(resolved) }
        path = String(cString: resolved)
    }

    /// The absolute path of `relative`.
    func absolute(_ relative: String) -> String { path + "/" + relative }

    /// Writes `bytes` to `relative`, creating its directories.
    func write(_ relative: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: absolute(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Writes `text` as UTF-8 to `relative`, creating its directories.
    func write(_ relative: String, _ text: String = "<html><body><p>Text.</p></body></html>") throws {
        try write(relative, bytes: Array(text.utf8))
    }

    /// Creates the directory `relative` and its parents.
    func makeDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: absolute(relative), withIntermediateDirectories: true)
    }

    /// Removes the directory and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A configuration whose base directory is this directory.
    func configuration(_ sources: [SourceSpecification]) -> PipelineConfiguration {
        PipelineConfiguration(file: "pipeline.yaml", baseDirectory: path, sources: sources)
    }
}

/// A source as written on line `line` of `pipeline.yaml`.
func source(
    _ pattern: String, outlet: String? = nil, format: InputFormat? = nil, exclude: [String] = [], line: Int = 2
) -> SourceSpecification {
    SourceSpecification(
        pattern: pattern, outlet: outlet, format: format, exclude: exclude,
        location: ConfigurationLocation(file: "pipeline.yaml", line: line, column: 5))
}

/// The display paths of a discovery's files, in order.
func paths(_ discovery: Discovery) -> [String] { discovery.files.map(\.path) }
