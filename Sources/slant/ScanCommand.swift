import ArgumentParser
import Foundation
import SlantCore
import SlantIngest
import SlantPipeline

/// `slant scan`: read WARC files and count what a filter keeps, without parsing any page.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Read WARC files and count their records, HTML pages, and the pages a filter keeps.",
        discussion: """
            Each INPUT is a .warc or .warc.gz file. Records are read as a stream and HTTP bodies \
            decoded; with --lexicon or --word, each page is checked by the same byte-level scan as a \
            source's `filter:` and nothing is parsed. Prints, per file, the records, the HTML pages, \
            those filtered out and kept, the records that could not be read, and the rate. With \
            --list, also the locator and URL of every page kept.
            Exit status: 0 when every record of every file was read, 1 when a file or any record in it \
            could not be read (a file that is not a WARC is one unreadable record), 2 for a usage error.
            """
    )

    @Argument(help: "WARC files (.warc, .warc.gz).")
    var inputs: [String]

    @Option(name: .customLong("lexicon"), help: "Keep pages that mention a variant of this lexicon (repeatable).")
    var lexicons: [String] = []

    @Option(name: .customLong("word"), help: "Keep pages that mention this word (repeatable).")
    var words: [String] = []

    @Flag(help: "Print the locator and URL of every page kept.")
    var list = false

    @Option(help: "The largest page read, in bytes.")
    var maxDocumentBytes = IngestSettings.defaultMaxDocumentBytes

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one WARC file") }
    }

    func run() throws {
        let output = OutputStream.standardOutput
        let errors = OutputStream.standardError
        defer {
            output.flush()
            errors.flush()
        }
        var needles = words
        if !lexicons.isEmpty {
            do {
                for lexicon in try LexiconFiles.load(lexicons) { needles += SourceFilters.needles(of: lexicon) }
            } catch {
                errors.line(error.description)
                throw ExitCode(2)
            }
        }
        var filter: Prefilter?
        if !needles.isEmpty {
            guard let compiled = Prefilter(words: needles) else {
                errors.line("slant: the words and lexicons give nothing to look for")
                throw ExitCode(2)
            }
            filter = compiled
        }
        let ingest = WARCIngest(maxDocumentBytes: maxDocumentBytes, filter: filter)
        var failed = false
        for input in inputs {
            let started = Date()
            let list = self.list
            let result = ingest.forEach(absolutePath: input, path: input) { item in
                switch item {
                case .document(let raw) where list: output.line("\(raw.source)\t\(raw.metadata.url ?? "")")
                case .failure(let error): errors.line("slant: \(error.source): \(error.reason)")
                default: break
                }
            }
            switch result {
            case .failure(let error):
                failed = true
                errors.line("slant: \(error.source): \(error.reason)")
            case .success(let counts):
                let seconds = Date().timeIntervalSince(started)
                let pages = counts.documents + counts.filtered
                var parts = ["\(counts.records) records", "\(pages) pages"]
                if filter != nil { parts += ["\(counts.filtered) filtered out", "\(counts.documents) kept"] }
                parts.append("\(counts.failed) unreadable")
                parts.append(String(format: "%.2f s (%.0f records/s)", seconds, seconds > 0 ? Double(counts.records) / seconds : 0))
                output.line("\(input): " + parts.joined(separator: " · "))
                if counts.failed > 0 { failed = true }
            }
        }
        if failed { throw ExitCode(1) }
    }
}
