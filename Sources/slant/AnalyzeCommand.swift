import ArgumentParser
import Foundation
import SlantCore
import SlantIngest
import SlantPipeline
import SlantTag

/// `slant analyze`: stateless analysis of inputs, printing their annotations.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse inputs statelessly and print their annotations: terms and loaded language, with voice.",
        discussion: """
            Each INPUT is an HTML, text or JSON Lines file, a directory or a glob. Lexicons come from \
            --lexicon, else from the configuration (--config, else ./pipeline.yaml when present), else \
            the lexicons bundled with Slant; standard error says which were used. The configuration's \
            settings (limits) apply. With --json, one JSON object per document per line; offsets are \
            Unicode code point offsets into the article body (into the comment's text for tags in reader comments).
            Exit status: 0 when every document was analysed, 1 when any failed, 2 for a usage error.
            """
    )

    @Argument(help: "Inputs: files, directories or globs.")
    var inputs: [String]

    @Flag(help: "Print JSON Lines (one object per document).")
    var json = false

    @Option(help: "The pipeline configuration whose lexicons and settings to use (default: ./pipeline.yaml if present).")
    var config: String?

    @Option(name: .customLong("lexicon"), help: "A lexicon file to tag with (repeatable; replaces the configuration's or the bundled ones).")
    var lexicons: [String] = []

    @Flag(help: "Add the article body (and comment texts) that the offsets point into.")
    var includeText = false

    @OptionGroup var jobs: JobsOption

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one file, directory or glob to analyse") }
    }

    func run() throws {
        let output = OutputStream.standardOutput
        let errors = OutputStream.standardError
        defer {
            output.flush()
            errors.flush()
        }
        let definition: PipelineDefinition
        let origin: AnalysisSetup.LexiconOrigin
        do {
            (definition, origin) = try AnalysisSetup.resolve(lexicons: lexicons, config: config)
        } catch {
            let hints = lexicons.compactMap(ForeignLexicon.hint)
            errors.line(hints.isEmpty ? error.description : hints.joined(separator: "\n"))
            throw ExitCode(error.status)
        }
        errors.line("slant: " + Self.describe(definition, origin: origin))
        let analysis = Analysis(definition: definition)
        let measures = analysis.measures
        let json = self.json
        let includeText = self.includeText
        let render = { @Sendable (document: AnalysedDocument) -> String in
            json ? AnalysisJSON.line(document, includeText: includeText, measures: measures) + "\n" : AnalysisText.describe(document, measures: measures)
        }
        try PrintedDocuments(json: json, jobs: jobs.count, output: output, errors: errors).print(
            inputs,
            render: { file in analysis.analyse(file).map { $0.map(render) } },
            renderDocument: { raw in analysis.analyse(raw).map(render) },
            archiveIngest: definition.archiveIngest(for: nil))
    }

    /// `tagging with the bundled lexicons: karabakh-terminology v1, loaded-language-en v3`.
    static func describe(_ definition: PipelineDefinition, origin: AnalysisSetup.LexiconOrigin) -> String {
        let names = definition.lexicons.map { "\($0.id) v\($0.version)" }.joined(separator: ", ")
        let from: String
        switch origin {
        case .files: from = "the lexicons given"
        case .configuration(let path): from = "the lexicons of \(path)"
        case .bundled: from = "the bundled lexicons"
        }
        return definition.lexicons.isEmpty ? "tagging with no lexicon (\(from) name none)" : "tagging with \(from): \(names)"
    }
}

/// The human-readable form of `slant analyze`: who says which terms, where.
enum AnalysisText {
    static func describe(_ document: AnalysedDocument, measures: [String: Lexicon.Measure] = [:]) -> String {
        let article = document.cleaned.article
        let tagged = document.tagged
        var lines = ["== \(article.source)  [\(document.cleaned.outlet)]"]
        if let title = article.metadata.title { lines.append(title) }
        let voices = [Voice.authorial, .quoted, .attributed].map { "\($0.rawValue) \(tagged.voiceTokens[$0] ?? 0)" }
        lines.append("\(tagged.segmented.body.wordCount) tokens (\(voices.joined(separator: ", "))); \(article.comments.count) reader comments, \(tagged.commentTokens) tokens")
        if !tagged.terms.isEmpty {
            lines.append("")
            lines.append("Terms:")
            for match in tagged.terms {
                lines.append("  \(match.family) / \(match.term) [\(match.stance)]  “\(match.text)”  \(describe(match.context))")
            }
        }
        for (measure, title) in [(Lexicon.Measure.loadedLanguage, "Loaded language"), (.epistemicFraming, "Epistemic framing"), (.labels, "Labels")] {
            let hits = tagged.loaded.filter { (measures[$0.lexicon] ?? .loadedLanguage) == measure }
            guard !hits.isEmpty else { continue }
            lines.append("")
            lines.append("\(title):")
            for match in hits {
                let categories = ([match.category] + match.alsoIn).joined(separator: ", ")
                lines.append("  \(categories) / \(match.entry) ×\(match.weight)  “\(match.text)”  \(describe(match.context))  [\(match.lexicon)]")
            }
        }
        lines.append("")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ context: MatchContext) -> String {
        var parts = [context.voice.rawValue]
        if let speaker = context.speaker { parts.append("speaker: \(speaker)") }
        if context.distanced { parts.append("distanced") }
        if context.negated { parts.append("negated") }
        if let comment = context.comment { parts.append("comment \(comment)") }
        parts.append("sentence \(context.sentence)")
        return "(" + parts.joined(separator: ", ") + ")"
    }
}

/// A `--lexicon` file that is another tool's dictionary rather than a Slant lexicon (YAML): a
/// LIWC-style `.dic` or a plain word list. Asked only when loading failed, so a valid lexicon is never
/// second-guessed; the hint names the `slant lexicon import` command that converts it.
enum ForeignLexicon {
    enum Kind: Equatable {
        case liwc
        case wordList
    }

    /// LIWC: a `.dic` file, or one whose first non-blank line is `%` (the category block's opening).
    /// Word list: a `.txt` file, or one in which no line outside `#` comments has a colon (every YAML
    /// lexicon has `id:` and `entries:`).
    static func kind(path: String, text: String) -> Kind? {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let lowered = path.lowercased()
        if lowered.hasSuffix(".dic") || lines.first == "%" { return .liwc }
        if lowered.hasSuffix(".txt") || lines.allSatisfy({ $0.hasPrefix("#") || !$0.contains(":") }) { return .wordList }
        return nil
    }

    /// "words.txt: error: this is a plain word list, not a Slant lexicon (YAML); convert it with …".
    static func hint(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              let kind = kind(path: path, text: String(decoding: data, as: UTF8.self)) else { return nil }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let (what, flag) = switch kind {
        case .liwc: ("a LIWC-style dictionary (.dic)", "--liwc")
        case .wordList: ("a plain word list", "--words")
        }
        return "\(path): error: this is \(what), not a Slant lexicon (YAML); convert it with `slant lexicon import \(flag) \(path) -o \(name).yaml` and pass \(name).yaml to --lexicon"
    }
}
