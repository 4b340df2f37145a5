import Foundation
import SlantCore

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

    public static func load(_ path: String) throws(Failure) -> PipelineConfiguration {
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
        var configuration: PipelineConfiguration
        do {
            configuration = try PipelineConfiguration.parse(yaml: text, file: path, baseDirectory: base.isEmpty ? "." : base)
        } catch {
            throw .invalid(error)
        }
        var missing: [ConfigurationError] = []
        for lexicon in configuration.lexicons where !FileManager.default.fileExists(atPath: configuration.resolve(lexicon.path)) {
            missing.append(ConfigurationError(lexicon.location, "lexicon `\(lexicon.path)`: no such file"))
        }
        if !missing.isEmpty { throw .invalid(ConfigurationErrors(missing)) }
        configuration.sourceText = text
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
