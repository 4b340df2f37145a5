import ArgumentParser
import Foundation
import SlantCore
import SlantPipeline
import SlantReport
import SlantTag

/// The `slant` command line: see `slant --help` and the README.
@main
struct Slant: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slant",
        abstract: "Source-bias and framing analysis for news: which terms each outlet chooses, in whose voice.",
        version: SlantVersion.current,
        subcommands: [Run.self, Watch.self, Extract.self, Analyze.self, Report.self, Cite.self, KWIC.self, LexiconCommand.self]
    )

    /// Runs the command line with Slant's exit statuses: 0 success, 1 when a document
    /// failed, 2 for a usage or configuration error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitStatus {
            Foundation.exit(exit.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue == 0 ? 0 : 2)
        }
    }
}

/// Ends the command with a given status after it has printed what it had to say.
struct ExitStatus: Error {
    var code: Int32
}

extension Slant {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Clean pages and print what was extracted: text, metadata, reader comments.",
            discussion: """
                Each INPUT is an HTML or text file, a directory (every .html, .htm, .txt and .jsonl \
                file below it) or a glob. With --json, one JSON object per document per line; a \
                document that fails prints a line with an "error" field and the others still run.
                Exit status: 0 when every document was extracted, 1 when any failed, 2 for a usage error.
                """
        )

        @Argument(help: "Pages to clean: files, directories or globs.")
        var inputs: [String]

        @Flag(help: "Print JSON Lines (one object per document).")
        var json = false

        @Option(help: "Worker threads (default: every core this process may use).")
        var jobs: Int?

        func validate() throws {
            if inputs.isEmpty { throw ValidationError("give at least one file, directory or glob to extract") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let extraction = Extraction(jobs: jobs ?? Parallel.availableCores, json: json)
            let status = extraction.run(arguments: inputs, output: .standardOutput, errors: .standardError)
            if status != 0 { throw ExitStatus(code: status) }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ingest what is new in the sources of pipeline.yaml, analyse it, and regenerate the reports.",
            discussion: """
                Work is kept in the store (pipeline.yaml `store:`, default .slant/slant.sqlite), keyed by content \
                digest, stage version and the digests of the configuration and lexicons: a run with nothing new \
                cleans and tags nothing, one new article costs one article, a lexicon edit re-tags without re-cleaning.
                Exit status: 0 when the reports were written (documents that failed are listed in them), 1 when \
                the run failed, 2 for a usage or configuration error.
                """
        )

        @Option(help: "The pipeline configuration.")
        var config = "pipeline.yaml"

        @Flag(help: "Redo every stage for every document, ignoring cached results.")
        var full = false

        @Flag(help: "Start a new store, keeping the old file as <store>.old (for a damaged or foreign store file).")
        var rebuild = false

        @Option(help: "Worker threads (default: every core this process may use).")
        var jobs: Int?

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let status = PipelineCommand.run(
                configurationPath: config,
                options: RunOptions(full: full, rebuild: rebuild, jobs: jobs ?? Parallel.availableCores),
                output: .standardOutput, errors: .standardError)
            if status != 0 { throw ExitStatus(code: status) }
        }
    }

    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Poll the sources and regenerate the reports when articles arrive, change or go (Ctrl-C stops).",
            discussion: "Also re-runs when pipeline.yaml or a lexicon changes. Each run does only the new work."
        )

        @Option(help: "The pipeline configuration.")
        var config = "pipeline.yaml"

        @Option(help: "Seconds between polls.")
        var interval: Double = 5

        @Option(help: "Worker threads (default: every core this process may use).")
        var jobs: Int?

        func validate() throws {
            if interval < 0.1 { throw ValidationError("--interval must be at least 0.1 seconds") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let status = WatchCommand.run(
                configurationPath: config, interval: interval,
                options: RunOptions(jobs: jobs ?? Parallel.availableCores), output: .standardOutput, errors: .standardError)
            if status != 0 { throw ExitStatus(code: status) }
        }
    }

    struct KWIC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kwic",
            abstract: "Concordance lines from the store: every occurrence of a term, entry or text, in context.",
            discussion: """
                TERM is a lexicon term ("Artsakh"), a loaded-language entry ("bloodshed") or a matched text \
                ("Nagorno Karabakh"), compared without regard to case. Lines come from the corpus of the last \
                `slant run`, grouped by outlet.
                """
        )

        @Argument(help: "The term, entry or text to look up.")
        var term: String

        @Option(help: "Only this outlet.")
        var outlet: String?

        @Option(help: "Only this voice: authorial, authorial-distanced, quoted, attributed or comment.")
        var voice: String?

        @Option(help: "At most this many lines.")
        var limit: Int?

        @Flag(help: "Print JSON Lines.")
        var json = false

        @Option(help: "The pipeline configuration.")
        var config = "pipeline.yaml"

        func validate() throws {
            if let voice, !["authorial", "authorial-distanced", "quoted", "attributed", "comment"].contains(voice) {
                throw ValidationError("--voice must be one of: authorial, authorial-distanced, quoted, attributed, comment")
            }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() throws {
            let status = KWICCommand.run(
                configurationPath: config,
                options: KWICCommand.Options(term: term, outlet: outlet, voice: voice, limit: limit, json: json),
                output: .standardOutput, errors: .standardError)
            if status != 0 { throw ExitStatus(code: status) }
        }
    }

    struct Cite: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a ready citation of one statistic of the latest report.",
            discussion: "IDs are in reports/statistics.json and reports/data/statistics.csv, e.g. loaded-rate/asbarez/authorial."
        )

        @Argument(help: "The statistic's ID.")
        var id: String

        @Option(help: "text, markdown or bibtex.")
        var format: String = "text"

        @Option(help: "The pipeline configuration.")
        var config = "pipeline.yaml"

        func validate() throws {
            if Citation.Format(rawValue: format) == nil { throw ValidationError("--format must be text, markdown or bibtex") }
        }

        func run() throws {
            let status = CiteCommand.run(
                configurationPath: config, id: id, format: Citation.Format(rawValue: format) ?? .text,
                output: .standardOutput, errors: .standardError)
            if status != 0 { throw ExitStatus(code: status) }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-render the reports from the store, without touching the corpus."
        )

        @Option(help: "The pipeline configuration.")
        var config = "pipeline.yaml"

        func run() throws {
            let status = ReportCommand.run(configurationPath: config, output: .standardOutput, errors: .standardError)
            if status != 0 { throw ExitStatus(code: status) }
        }
    }
}

extension Slant {
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Analyse inputs statelessly and print their annotations: terms and loaded language, with voice.",
            discussion: """
                Each INPUT is an HTML, text or JSON Lines file, a directory or a glob. Lexicons come from \
                --lexicon, else from the configuration (--config, else ./pipeline.yaml when present). \
                With --json, one JSON object per document per line; offsets are Unicode code point offsets \
                into the article body (into the comment's text for tags in reader comments).
                Exit status: 0 when every document was analysed, 1 when any failed, 2 for a usage error.
                """
        )

        @Argument(help: "Inputs: files, directories or globs.")
        var inputs: [String]

        @Flag(help: "Print JSON Lines (one object per document).")
        var json = false

        @Option(help: "The pipeline configuration whose lexicons to use (default: ./pipeline.yaml if present).")
        var config: String?

        @Option(name: .customLong("lexicon"), help: "A lexicon file to tag with (repeatable; replaces the configuration's).")
        var lexicons: [String] = []

        @Flag(help: "Add the article body (and comment texts) that the offsets point into.")
        var includeText = false

        @Option(help: "Worker threads (default: every core this process may use).")
        var jobs: Int?

        func validate() throws {
            if inputs.isEmpty { throw ValidationError("give at least one file, directory or glob to analyse") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let loaded: [Lexicon]
            do {
                loaded = try AnalyzeLexicons.resolve(lexicons: lexicons, config: config)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitStatus(code: 2)
            }
            let analysis = Analysis(lexicons: loaded, jobs: jobs ?? Parallel.availableCores, json: json, includeText: includeText)
            let status = analysis.run(arguments: inputs, output: .standardOutput, errors: .standardError)
            if status != 0 { throw ExitStatus(code: status) }
        }
    }

    struct LexiconCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lexicon",
            abstract: "Check lexicon files, or import other dictionaries as lexicons.",
            subcommands: [Check.self, Import.self]
        )

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write a loaded-language lexicon from a LIWC-style dictionary or a word list.",
                discussion: """
                    --liwc FILE.dic reads a LIWC-style dictionary (a `%` header of `number<TAB>name` lines, \
                    then `word<TAB>number...` lines; a `*` ends a prefix). A word of several imported \
                    categories becomes an entry of the first of them only, in the order of --categories \
                    (else of the header), with an `also in:` comment naming the others; with \
                    --all-categories (for non-hierarchical dictionaries such as the Moral Foundations \
                    Dictionary) it is kept in every one of them (`also_in:`), counted in each category's \
                    rate and once in the lexicon's. --words FILE.txt \
                    reads one word or phrase per line, with an optional `<TAB>weight` column; `#` starts a \
                    comment. The lexicon goes to --output or standard output; warnings (FILE:LINE: warning: \
                    ..., the line left out), errors and a summary go to standard error. See lexicons/README.md.
                    Exit status: 0 when the lexicon was written, 1 when the input could not be read or \
                    converted (nothing is written), 2 for a usage error.
                    """
            )

            @Option(name: .customLong("liwc"), help: ArgumentHelp("A LIWC-style dictionary to import.", valueName: "file.dic"))
            var liwc: String?

            @Option(name: .customLong("words"), help: ArgumentHelp("A word list to import.", valueName: "file.txt"))
            var words: String?

            @Option(name: [.short, .long], help: ArgumentHelp("Where to write the lexicon (default: standard output).", valueName: "file.yaml"))
            var output: String?

            @Option(help: "The lexicon id (default: the input file's name without extension).")
            var id: String?

            @Option(help: "The weight of every entry without one of its own.")
            var weight: Double = 1.0

            @Option(help: ArgumentHelp(
                "LIWC: the categories to import, by name or number, comma-separated; a word of several goes to the first listed (default: all, in header order).",
                valueName: "a,b,..."))
            var categories: String?

            @Option(help: "Word list: the name of its category (default: the input file's name without extension).")
            var category: String?

            @Flag(help: "LIWC: keep a word of several imported categories in every one of them (default: the first only).")
            var allCategories = false

            var selectedCategories: [String] {
                (categories ?? "").split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            }

            func validate() throws {
                switch (liwc, words) {
                case (nil, nil): throw ValidationError("give the dictionary to import: --liwc FILE.dic or --words FILE.txt")
                case (.some, .some): throw ValidationError("give either --liwc or --words, not both")
                default: break
                }
                if categories != nil, liwc == nil { throw ValidationError("--categories selects categories of a --liwc dictionary") }
                if categories != nil, selectedCategories.isEmpty { throw ValidationError("--categories is empty") }
                if allCategories, liwc == nil { throw ValidationError("--all-categories applies to a --liwc dictionary") }
                if category != nil, words == nil {
                    throw ValidationError("--category names the category of a --words list (use --categories with --liwc)")
                }
                if !(weight > 0 && weight.isFinite) { throw ValidationError("--weight must be a positive number") }
                if let id, !LexiconImport.isIdentifier(id) {
                    throw ValidationError("--id must be made of letters, digits and dashes")
                }
            }

            func run() throws {
                let input = liwc ?? words ?? ""
                let options = LexiconImport.Options(
                    path: input, id: id, weight: weight, date: LexiconImportCommand.today(), categories: selectedCategories,
                    category: category, allCategories: allCategories)
                let status = LexiconImportCommand.run(
                    format: liwc != nil ? .liwc : .words, input: input, outputPath: output, options: options,
                    output: .standardOutput, errors: .standardError)
                if status != 0 { throw ExitStatus(code: status) }
            }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Validate lexicon files; every problem is printed with file:line:column.",
                discussion: "Exit status: 0 when every file is valid, 1 otherwise."
            )

            @Argument(help: "Lexicon files (YAML).")
            var files: [String]

            func validate() throws {
                if files.isEmpty { throw ValidationError("give at least one lexicon file to check") }
            }

            func run() throws {
                var failed = false
                for file in files {
                    do {
                        let lexicon = try LexiconFiles.load([file]).first
                        if let lexicon { print(LexiconSummary.line(lexicon)) }
                    } catch {
                        failed = true
                        FileHandle.standardError.write(Data("\(error)\n".utf8))
                    }
                }
                if failed { throw ExitStatus(code: 1) }
            }
        }
    }
}
