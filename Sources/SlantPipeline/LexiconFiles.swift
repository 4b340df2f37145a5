import Foundation
import SlantCore
import SlantTag

/// Reads lexicon files from disk (the I/O edge of lexicon loading).
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
}
