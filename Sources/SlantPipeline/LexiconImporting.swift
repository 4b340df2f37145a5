import Foundation
import SlantCore
import SlantReport
import SlantTag

/// `slant lexicon import`: reads the dictionary, converts it with ``LexiconImport``, and writes the
/// YAML to a file, or gives it back for standard output, with the diagnostics and a summary.
public enum LexiconImporting {
    public enum Format: Sendable {
        /// A LIWC-style `.dic` file.
        case liwc
        /// One word or phrase per line, with an optional tab-separated weight.
        case words
    }

    /// What an import gave.
    public struct Outcome: Sendable {
        /// 0 when the lexicon was written (warnings or not), 1 when the input could not be read or
        /// converted, or the output not written, 2 for a usage error.
        public var status: Int32
        /// The lexicon, when it goes to standard output (no `--output`).
        public var yaml: String?
        /// Diagnostics (`FILE:LINE: warning: ...`), errors and the summary, as lines for standard error.
        public var messages: [String]
    }

    public static func run(format: Format, input: String, outputPath: String?, options: LexiconImport.Options) -> Outcome {
        if let outputPath, URL(fileURLWithPath: outputPath).standardizedFileURL == URL(fileURLWithPath: input).standardizedFileURL {
            return Outcome(status: 2, messages: ["slant lexicon import: --output \(outputPath) would overwrite the dictionary it reads"])
        }
        let text: String
        var note: String?
        switch read(input) {
        case .success(let read): (text, note) = read
        case .failure(let failure): return Outcome(status: 1, messages: ["\(input): error: \(failure.reason)"])
        }
        var outcome =
            switch format {
            case .liwc: LexiconImport.liwc(text, options: options)
            case .words: LexiconImport.wordList(text, options: options)
            }
        if let usage = outcome.usageError { return Outcome(status: 2, messages: ["slant lexicon import: \(usage)"]) }
        if let note { outcome.diagnostics.insert(LexiconImport.Diagnostic(.warning, file: input, line: nil, note), at: 0) }
        var messages = outcome.diagnostics.map(\.description)
        guard let yaml = outcome.yaml else { return Outcome(status: 1, messages: messages + ["slant: \(outcome.summary)"]) }
        guard let outputPath else { return Outcome(status: 0, yaml: yaml, messages: messages + ["slant: \(outcome.summary)"]) }
        do {
            try ReportWriter.writeAtomically(Data(yaml.utf8), to: outputPath)
        } catch {
            return Outcome(status: 1, messages: messages + ["slant: cannot write \(outputPath): \(error.reason)"])
        }
        messages.append("slant: \(outcome.summary) → \(outputPath)")
        return Outcome(status: 0, messages: messages)
    }

    struct ReadFailure: Error {
        var reason: String
    }

    /// The file's text: UTF-8, else (older dictionaries) Windows-1252, with a note saying so.
    static func read(_ path: String) -> Result<(text: String, note: String?), ReadFailure> {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .failure(ReadFailure(reason: "is a directory, not a dictionary file"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ReadFailure(reason: "cannot read the file (no such file, or not readable)"))
        }
        if let text = String(data: data, encoding: .utf8) { return .success((text, nil)) }
        if let text = String(data: data, encoding: .windowsCP1252) {
            return .success((text, "not UTF-8 text; read as Windows-1252 (check the accented words of the result)"))
        }
        return .failure(ReadFailure(reason: "not UTF-8 text (convert it with iconv first)"))
    }

    /// Today's date as `YYYY-MM-DD` (UTC), for the `basis` of imported categories.
    public static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
