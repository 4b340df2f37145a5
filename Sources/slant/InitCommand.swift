import ArgumentParser
import SlantPipeline

/// `slant init [DIR]`: a new project to run Slant in.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new project: a commented pipeline.yaml, a corpus/ folder and starter lexicons.",
        discussion: """
            The lexicons are copies of the ones bundled with Slant, plus lexicons/my-topic.yaml, a commented \
            template for a lexicon of your own. Nothing that exists is overwritten.
            Exit status: 0 when the project was made, 1 when it could not be (pipeline.yaml exists already).
            """
    )

    @Argument(help: "The project's directory (made if needed; default: the current directory).")
    var directory = "."

    func run() throws {
        let output = OutputStream.standardOutput
        let errors = OutputStream.standardError
        defer {
            output.flush()
            errors.flush()
        }
        let written: [String]
        do {
            written = try ProjectScaffold.create(in: directory)
        } catch {
            errors.line("slant: \(error)")
            throw ExitCode(1)
        }
        for file in written { output.line("created \(directory == "." ? file : directory + "/" + file)") }
        output.line("")
        output.line("Next: put each outlet's pages in a folder under \(directory == "." ? "" : directory + "/")corpus/ and name the outlets in pipeline.yaml, then")
        if directory != "." { output.line("  cd \(directory)") }
        output.line("  slant run                 # analyse the corpus and write reports/index.html")
        output.line("  slant analyze FILE.html   # or look at one page's tags first")
    }
}
