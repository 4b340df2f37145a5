import Foundation
import SlantCore
import SlantTag

/// Reads lexicon files from disk (the I/O edge of lexicon loading), or the lexicons bundled in the
/// binary.
public enum LexiconFiles {
    /// Why lexicons could not be loaded: unreadable files, or every problem of every file.
    public struct Failure: Error, CustomStringConvertible {
        public var messages: [String]
        public var description: String { messages.joined(separator: "\n") }
    }

    /// Loads every file; all problems of all files are reported together.
    public static func load(_ paths: [String], displayPaths: [String]? = nil) throws(Failure) -> [Lexicon] {
        var lexicons: [Lexicon] = []
        var messages: [String] = []
        for (index, path) in paths.enumerated() {
            let shown = displayPaths?[index] ?? path
            guard let data = FileManager.default.contents(atPath: path) else {
                messages.append("\(shown): error: cannot read the lexicon (no such file, or not readable)")
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                messages.append("\(shown): error: the lexicon is not UTF-8 text")
                continue
            }
            do {
                lexicons.append(try LexiconLoader.parse(yaml: text, path: shown))
            } catch {
                messages.append(error.description)
            }
        }
        if !messages.isEmpty { throw Failure(messages: messages) }
        return lexicons
    }

    /// The lexicons a configuration names, resolved against its directory.
    public static func load(for configuration: PipelineConfiguration) throws(Failure) -> [Lexicon] {
        try load(configuration.lexicons.map { configuration.resolve($0.path) }, displayPaths: configuration.lexicons.map(\.path))
    }

    /// The lexicons bundled with Slant (`lexicons/*.yaml` of its source, compiled into the binary),
    /// each named `bundled:<file>` in reports. They are checked by the tests, so they always load.
    public static func bundled() -> [Lexicon] {
        BundledLexicons.files.compactMap { file in try? LexiconLoader.parse(yaml: file.text, path: "bundled:" + file.name) }
    }

    /// Whether a bundled lexicon is used by default (`slant analyze` outside a project, the lexicons
    /// `slant init` lists): the terminology lexicons and the English loaded ones, which are measured
    /// against expert coding (README, "Measured"); the others say in their headers that they are not
    /// validated yet.
    public static func isDefault(_ lexicon: Lexicon) -> Bool {
        lexicon.kind == .terminology || lexicon.languages.contains("en")
    }

    /// The bundled lexicons used by default (see ``isDefault(_:)``).
    public static func bundledDefaults() -> [Lexicon] { bundled().filter(isDefault) }

    /// The bundled lexicon files, by name, as their text (for `slant init`).
    public static var bundledFiles: [(name: String, text: String)] { BundledLexicons.files }
}

/// Which lexicons and settings `slant analyze` uses: `--lexicon` files replace the lexicons;
/// `--config` (else `./pipeline.yaml` when there is one) gives the lexicons and every setting; with
/// neither, the bundled lexicons and the default settings.
public enum AnalysisSetup {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        /// 2: a usage or configuration error.
        public var status: Int32 { 2 }
    }

    /// Where the lexicons came from, for the line `slant analyze` prints on standard error.
    public enum LexiconOrigin: Sendable, Equatable {
        case files
        case configuration(String)
        case bundled
    }

    /// - Parameter withLexicons: false for work that needs the settings only (`slant extract`).
    public static func resolve(
        lexicons: [String], config: String?, withLexicons: Bool = true
    ) throws(Failure) -> (PipelineDefinition, LexiconOrigin) {
        var configuration = PipelineConfiguration()
        var origin = LexiconOrigin.bundled
        let path = config ?? "pipeline.yaml"
        if config != nil || FileManager.default.fileExists(atPath: path) {
            do {
                configuration = try ConfigurationLoader.load(path)
            } catch {
                throw Failure(description: error.description)
            }
            origin = .configuration(path)
        }
        let loaded: [Lexicon]
        do {
            if !withLexicons {
                loaded = []
            } else if !lexicons.isEmpty {
                loaded = try LexiconFiles.load(lexicons)
                origin = .files
            } else if case .configuration = origin {
                loaded = try LexiconFiles.load(for: configuration)
            } else {
                loaded = LexiconFiles.bundledDefaults()
            }
        } catch {
            throw Failure(description: error.description)
        }
        return (PipelineDefinition(configuration: configuration, lexicons: loaded), origin)
    }
}
