import Foundation
import SlantCore
import SlantReport
import SlantTag

/// `slant lexicon import`: reads the dictionary, converts it with ``LexiconImport``, writes the
/// YAML to a file or standard output, and prints warnings, errors and a summary on standard error.
public enum LexiconImportCommand {
    public enum Format: Sendable {
        /// A LIWC-style `.dic` file.
        case liwc
        /// One word or phrase per line, with an optional tab-separated weight.
        case words
    }

    /// Exit status: 0 when the lexicon was written (warnings or not), 1 when the input could not be
    /// read or converted, or the output not written, 2 for a usage error.
    public static func run(
        format: Format, input: String, outputPath: String?, options: LexiconImport.Options,
        output: OutputStream, errors: OutputStream
    ) -> Int32 {
        defer {
            output.flush()
            errors.flush()
        }
        if let outputPath, URL(fileURLWithPath: outputPath).standardizedFileURL == URL(fileURLWithPath: input).standardizedFileURL {
            errors.line("slant lexicon import: --output \(outputPath) would overwrite the dictionary it reads")
            return 2
        }
        let text: String
        var note: String?
        switch read(input) {
        case .success(let read): (text, note) = read
        case .failure(let failure):
            errors.line("\(input): error: \(failure.reason)")
            return 1
        }
        var outcome =
            switch format {
            case .liwc: LexiconImport.liwc(text, options: options)
            case .words: LexiconImport.wordList(text, options: options)
            }
        if let usage = outcome.usageError {
            errors.line("slant lexicon import: \(usage)")
            return 2
        }
        if let note { outcome.diagnostics.insert(LexiconImport.Diagnostic(.warning, file: input, line: nil, note), at: 0) }
        for diagnostic in outcome.diagnostics { errors.line(diagnostic.description) }
        guard let yaml = outcome.yaml else {
            errors.line("slant: \(outcome.summary)")
            return 1
        }
        if let outputPath {
            do {
                try ReportWriter.writeAtomically(Data(yaml.utf8), to: outputPath)
            } catch {
                errors.line("slant: cannot write \(outputPath): \(error.reason)")
                return 1
            }
            errors.line("slant: \(outcome.summary) → \(outputPath)")
        } else {
            output.write(yaml)
            errors.line("slant: \(outcome.summary)")
        }
        return 0
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
