import Foundation
import SlantCore

/// `slant init [DIR]`: a new project — a commented `pipeline.yaml`, a `corpus/` folder with a
/// README, and starter lexicons (copies of the bundled ones, and a small commented template for a
/// new topic). Nothing that exists is overwritten.
public enum ProjectScaffold {
    /// Why a project could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Creates the project in `directory` (made if needed); gives back the files written, relative to it.
    public static func create(in directory: String) throws(Failure) -> [String] {
        let manager = FileManager.default
        let configuration = (directory as NSString).appendingPathComponent("pipeline.yaml")
        if manager.fileExists(atPath: configuration) {
            throw Failure(description: "\(configuration) already exists; `slant init` does not overwrite a project (run `slant run` there)")
        }
        var files: [(String, String)] = [("pipeline.yaml", pipelineYAML), ("corpus/README.md", corpusReadme)]
        for lexicon in LexiconFiles.bundledFiles {
            files.append(("lexicons/" + lexicon.name, lexicon.text))
        }
        files.append(("lexicons/my-topic.yaml", topicTemplate))
        var written: [String] = []
        for (name, text) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            if manager.fileExists(atPath: path) { continue }
            do {
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch {
                throw Failure(description: "cannot create \((path as NSString).deletingLastPathComponent): \(error.localizedDescription)")
            }
            guard manager.createFile(atPath: path, contents: Data(text.utf8)) else {
                throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written.append(name)
        }
        return written
    }

    /// The bundled lexicons a new project tags with: the terminology lexicons and the English loaded
    /// ones (measured against expert coding, README "Measured"); the others are listed but commented
    /// out, since their headers say they have not been validated.
    static var lexiconList: String {
        LexiconFiles.bundled().map { lexicon in
            let name = lexicon.path.replacingOccurrences(of: "bundled:", with: "")
            return LexiconFiles.isDefault(lexicon)
                ? "  - lexicons/\(name)"
                : "  # - lexicons/\(name)    # \(lexicon.languages.joined(separator: ", ")): not validated yet, see its header"
        }.joined(separator: "\n")
    }

    static var pipelineYAML: String {
        """
        # Slant pipeline: what to read, which lexicons to tag with, where to keep work and reports.
        # Paths are relative to this file, wherever `slant` is run from. Every key is documented in
        # Slant's README ("Configuration").

        sources:
          # One entry per outlet: a file, a directory or a glob (`**` = any depth), and the outlet's name.
          # Put each outlet's pages (.html, .txt or .jsonl) in its own folder under corpus/.
          - path: corpus/**/*.html
            # outlet: Example Outlet     # without it: the page's og:site_name, else its domain, else its folder
            # exclude: [drafts/*]        # globs relative to this file; a name without `/` matches at any depth
          - path: corpus/**/*.txt
          - path: corpus/**/*.jsonl

        lexicons:
          # Terminology (names and their stances) and loaded language (categories and weights).
          # Check a lexicon with `slant lexicon check FILE`; my-topic.yaml is a template to start from.
        \(lexiconList)

        # models:                      # sentence classifiers trained on your coders' labels, each an extra measure
        #   - models/bias.json         # `slant model train labels.csv -o models/bias.json` (see README, "Sentence models")

        store: .slant/slant.sqlite     # the incremental store (SQLite)
        reports: reports               # where index.html, report.md and data/ are written

        # Every setting below is shown with its default; uncomment to change it.
        # limits:
        #   max_document_bytes: 67108864   # larger documents are refused with a clear error
        #   min_article_words: 10          # a page with a shorter article is excluded as "no article"
        #   max_sentence_tokens: 300       # a longer "sentence" (a table, a list) is cut, with a warning
        #   max_metadata_chars: 2000       # every metadata field (title, byline, ...) is cut to this, with a warning
        #   max_elements: 1000000          # a page with more elements is refused as "too-complex", unparsed
        #   max_attributes_per_element: 1000  # ... or with an element carrying more attributes
        #   max_attributes: 2000000        # ... or with more attributes in all
        # statistics:
        #   resamples: 2000                # Poisson bootstrap replicates over the articles
        #   min_articles: 3                # fewer articles: no interval, figure marked as too thin
        #   min_occurrences: 5             # fewer occurrences of a family: share marked as too thin
        #   evidence_per_statistic: 50     # evidence references kept per statistic
        #   keyness:
        #     min_frequency: 5
        #     min_g2: 3.84
        #     words: 25
        # report:
        #   evidence_rows: 12              # sentences shown per figure in index.html
        # origin:                          # own writing, republished text, agency copy
        #   count: own                     # own: outlet figures count own writing; all: everything published
        #   shingle_words: 5               # words per shingle
        #   min_share: 0.5                 # a later article is a copy when this share of it is in an earlier one
        #   window_days: 30                # candidate pairs at most this many days apart
        #   min_words: 40                  # shorter articles are never taken for copies
        #   agencies:                      # replaces the bundled list (AP, Reuters, AFP, TASS, Anadolu, ...)
        #     - name: Reuters
        #       marks: ["(Reuters)", Reuters]

        """
    }

    static let corpusReadme = """
        # Corpus

        Put the pages to analyse here, one folder per outlet (`corpus/outlet-name/*.html`), as the
        sites serve them (HTML), as plain text (`.txt`), or as JSON Lines (`.jsonl`: one article a line
        with `id`, `outlet`, `url`, `published`, `title`, and `html` or `text`). Then run `slant run`
        in the folder that holds `pipeline.yaml`; new or changed files are the only work a run does.

        """

    static let topicTemplate = """
        # A terminology lexicon for a new topic: a template. Replace the ids, stances and terms, then
        # check it with `slant lexicon check lexicons/my-topic.yaml` and add it to pipeline.yaml.
        # The format is described in Slant's lexicons/README.md.

        lexicon: my-topic            # letters, digits and dashes
        kind: terminology
        version: 1                   # bump on every change of substance: reports name the version
        language: [en]
        description: >
          What the lexicon is for, in a sentence or two.
        stances:                     # whose naming each term is
          side-a: Usage of side A
          side-b: Usage of side B
          neutral: International / neutral usage
        stance_index:                # the two stances the stance index opposes (−1 … +1)
          negative: side-a
          positive: side-b
        families:
          - id: place-name           # one question per family: the terms compete for the same thing
            question: What does the outlet call the place?
            terms:
              - term: Name A
                stance: side-a
                variants: [Name A, "Republic of Name A"]
                source: Where the stance assignment comes from (an official text, a style guide).
              - term: Name B
                stance: side-b
                variants: [Name B]
                source: ...
              - term: Neutral name
                stance: neutral
                variants: [Neutral name]
                source: ...

        """
}
