import ArgumentParser
import Foundation
import SlantCore
import SlantPipeline
import SlantTag

/// `slant lexicon check | import`: validate lexicon files, or import other dictionaries as lexicons.
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
                    path: input, id: id, weight: weight, date: LexiconImporting.today(), categories: selectedCategories,
                    category: category, allCategories: allCategories)
                let outcome = LexiconImporting.run(
                    format: liwc != nil ? .liwc : .words, input: input, outputPath: output, options: options)
                let standardOutput = OutputStream.standardOutput
                let standardError = OutputStream.standardError
                if let yaml = outcome.yaml { standardOutput.write(yaml) }
                for message in outcome.messages { standardError.line(message) }
                standardOutput.flush()
                standardError.flush()
                if outcome.status != 0 { throw ExitCode(outcome.status) }
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
                let output = OutputStream.standardOutput
                let errors = OutputStream.standardError
                defer {
                    output.flush()
                    errors.flush()
                }
                var failed = false
                for file in files {
                    do {
                        if let lexicon = try LexiconFiles.load([file]).first { output.line(LexiconSummary.line(lexicon)) }
                    } catch {
                        failed = true
                        errors.line(error.description)
                    }
                }
                if failed { throw ExitCode(1) }
            }
        }
}
