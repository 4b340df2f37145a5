import Foundation
import SlantCore
import SlantIngest

/// Reads `pipeline.yaml` from disk (the I/O edge of configuration).
public enum ConfigurationLoader {
    /// Why a configuration could not be used.
    public enum Failure: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case invalid(ConfigurationErrors)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read the configuration \(path): \(reason)"
            case .invalid(let errors): errors.description
            }
        }
    }

    /// Reads and checks a configuration; every problem is reported in one round.
    ///
    /// - Parameter checkingSources: whether the sources must exist; false for the commands that only
    ///   read what the store holds (`report`, `kwic`, `cite`), which work with the corpus moved away.
    public static func load(_ path: String, checkingSources: Bool = true) throws(Failure) -> PipelineConfiguration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file (give one with --config, or run where pipeline.yaml is)")
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or unreadable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        let base = (path as NSString).deletingLastPathComponent
        let (read, parseErrors) = PipelineConfiguration.read(yaml: text, file: path, baseDirectory: base.isEmpty ? "." : base)
        guard let configuration = read else { throw .invalid(ConfigurationErrors(parseErrors)) }
        // What only the file system shows, found in the same round as the file's own problems.
        var errors = parseErrors
        for lexicon in configuration.lexicons where !FileManager.default.fileExists(atPath: configuration.resolve(lexicon.path)) {
            errors.append(ConfigurationError(lexicon.location, "lexicon `\(lexicon.path)`: no such file"))
        }
        for model in configuration.models where !FileManager.default.fileExists(atPath: configuration.resolve(model.path)) {
            errors.append(ConfigurationError(model.location, "model `\(model.path)`: no such file (train one with `slant model train LABELS.csv -o \(model.path)`)"))
        }
        if checkingSources { errors += FileDiscovery().missingSources(for: configuration) }
        if !errors.isEmpty {
            throw .invalid(ConfigurationErrors(errors.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }))
        }
        return configuration
    }
}

extension PipelineConfiguration {
    /// A path of the configuration, resolved against its directory.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") || baseDirectory == "." || baseDirectory.isEmpty { return path }
        return (baseDirectory as NSString).appendingPathComponent(path)
    }
}
