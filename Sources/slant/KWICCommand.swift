import ArgumentParser
import SlantCore
import SlantMeasure
import SlantPipeline

/// `slant kwic TERM`: concordance lines from the store.
struct KWICCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Concordance lines from the store: every occurrence of a term, entry or text, in context.",
        discussion: """
            TERM is a lexicon term ("Artsakh"), a loaded-language entry ("bloodshed") or a matched text \
            ("Nagorno Karabakh"), compared as the matcher compares words (case, hyphens, dashes and \
            possessives aside), or a family, category, stance or lexicon id ("territorial-status", \
            "armenian"). Each place is printed once, with everything that tagged it. Lines come from the \
            corpus of the last `slant run`, grouped by outlet. Sentence and comment numbers are 0-based, as in \
            every output of Slant.
            """
    )

    @Argument(help: "The term, entry or text to look up.")
    var term: String

    @Option(help: "Only this outlet.")
    var outlet: String?

    @Option(help: "Only this voice: authorial (own), authorial-distanced (distanced: in scare quotes or after a qualifier such as “so-called”, “formerly”; old name scare-quoted), quoted, attributed (reported), comment, headline or headline-distanced.")
    var voice: VoiceArgument?

    @Option(help: "At most this many lines.")
    var limit: Int?

    @Flag(help: "Print JSON Lines.")
    var json = false

    @OptionGroup var project: ConfigOption

    /// Characters of context on each side.
    static let width = 50

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let output = OutputStream.standardOutput
        let errors = OutputStream.standardError
        defer {
            output.flush()
            errors.flush()
        }
        let result: Concordance.Result
        do {
            let configuration = try ConfigurationLoader.load(project.config, checkingSources: false)
            result = try Concordance.lookup(
                Concordance.Query(term: term, outlet: outlet, voice: voice?.storedName, limit: limit), configuration: configuration)
        } catch let unknown as Concordance.UnknownOutlet {
            errors.line("slant: \(unknown)")
            throw ExitCode(2)
        } catch {
            errors.line(CommandErrors.message(error, configurationPath: project.config))
            throw ExitCode(CommandErrors.status(error))
        }
        for line in result.lines {
            output.line(json ? Self.json(line) : Self.text(line))
        }
        if !json {
            let shown = result.lines.count
            let articles = result.articles
            errors.line("\(result.total) occurrence\(result.total == 1 ? "" : "s") of “\(term)”\(shown < result.total ? " (showing \(shown))" : "") in \(articles) article(s)")
        }
    }

    static func json(_ line: Concordance.Line) -> String {
        let evidence = line.evidence
        return JSON.object([
            "outlet": .string(line.member.outlet), "article": .string(line.article?.id), "source": .string(line.member.source),
            "published": .string(line.article?.published), "url": .string(line.article?.url),
            "family": .string(evidence.kind == .term ? evidence.group : nil),
            "category": .string(evidence.kind == .loaded ? evidence.group : nil),
            "term": .string(evidence.item), "text": .string(evidence.text),
            "voice": .string(evidence.voice.voice.rawValue), "distanced": .bool(evidence.voice.distanced),
            "speaker": .string(evidence.speaker), "negated": .bool(evidence.negated),
            "comment": .int(evidence.comment), "in": .string(evidence.headlinePart?.rawValue),
            "start": .int(evidence.start), "end": .int(evidence.end),
            "sentence": .string(evidence.sentenceText), "sentence_index": .int(evidence.sentence),
            "lexicon": .string(evidence.lexicon.isEmpty ? nil : evidence.lexicon),
            "tagged_by": .array(line.tags.map { .string($0) }),
        ]).serialized()
    }

    /// `  …the parties to the [Karabakh conflict] to “take steps…   Asbarez 2020-07-09 attributed (Zakharova) · karabakh-terminology conflict-name/Karabakh conflict`.
    static func text(_ line: Concordance.Line) -> String {
        let evidence = line.evidence
        let scalars = Array(evidence.sentenceText.unicodeScalars)
        let start = max(0, min(evidence.matchStart, scalars.count))
        let end = max(start, min(evidence.matchEnd, scalars.count))
        func text(_ range: Range<Int>) -> String {
            String(String.UnicodeScalarView(scalars[range])).replacingOccurrences(of: "\n", with: " ")
        }
        // The sentence as written on each side of the match: brackets mark it, no space is added.
        var left = text(0..<start)
        if left.count > width { left = "…" + left.suffix(width - 1) }
        var right = text(end..<scalars.count)
        if right.count > width { right = right.prefix(width - 1) + "…" }
        let padded = String(repeating: " ", count: max(0, width - left.count)) + left
        var voice = evidence.comment.map { "comment \($0)" } ?? evidence.voice.description
        if evidence.headlinePart == .standfirst { voice += " (standfirst)" }
        if let speaker = evidence.speaker { voice += " (\(speaker))" }
        if evidence.negated { voice += ", negated" }
        let date = line.article?.published ?? "—"
        return "\(padded)[\(text(start..<end))]\(right)   \(line.member.outlet) \(date) \(voice) · \(line.tags.joined(separator: "; "))"
    }
}
