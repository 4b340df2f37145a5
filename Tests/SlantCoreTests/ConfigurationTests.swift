import SlantCore
import Testing

@Suite struct ConfigurationTests {
    @Test func theDigestLeavesOutWhereTheStoreIs() throws {
        func digest(_ yaml: String) throws -> String {
            try PipelineConfiguration.parse(yaml: yaml, file: "pipeline.yaml", baseDirectory: "/p").fileDigest.hex
        }
        let sqlite = try digest("sources: [corpus/*.html]\nstore: .slant/slant.sqlite # local\nreports: out\n")
        let postgres = try digest("sources: [corpus/*.html]\nstore: postgres://ana:s3cret@db.example/news\nreports: out\n")
        let continued = try digest("sources: [corpus/*.html]\nstore:\n  postgres://ana:other@db.example/news\nreports: out\n")
        #expect(sqlite == postgres)
        #expect(sqlite == continued)
        #expect(sqlite == ContentDigest(of: Array("sources: [corpus/*.html]\nstore:\nreports: out\n".utf8)).hex)
        // Everything else is digested as written.
        #expect(try digest("sources: [corpus/*.html]\nstore: x\nreports: other\n") != sqlite)
        #expect(try digest("sources: [corpus/*.html]\n# store: y\nstore: x\nreports: out\n") != sqlite)
    }

    @Test func readsSourcesLexiconsAndPaths() throws {
        let yaml = """
            sources:
              - path: corpus/asbarez/*.html
                outlet: Asbarez
              - corpus/other/**/*.html
              - path: feeds/today.jsonl
                format: jsonl
                exclude: [drafts/*]
            lexicons: [lexicons/karabakh.yaml]
            store: work/slant.sqlite
            reports: out
            limits:
              max_document_bytes: 1_000_000
              min_article_words: 40
              max_metadata_chars: 500
              max_elements: 20_000
              max_attributes_per_element: 64
              max_attributes: 100000
            """
        let configuration = try PipelineConfiguration.parse(yaml: yaml, file: "pipeline.yaml", baseDirectory: "/p")
        #expect(configuration.sources.count == 3)
        #expect(configuration.sources[0].pattern == "corpus/asbarez/*.html")
        #expect(configuration.sources[0].outlet == "Asbarez")
        #expect(configuration.sources[0].location == ConfigurationLocation(file: "pipeline.yaml", line: 2, column: 11))
        #expect(configuration.sources[1].pattern == "corpus/other/**/*.html")
        #expect(configuration.sources[1].outlet == nil)
        #expect(configuration.sources[2].format == .jsonl)
        #expect(configuration.sources[2].exclude == ["drafts/*"])
        #expect(configuration.lexicons.map(\.path) == ["lexicons/karabakh.yaml"])
        #expect(configuration.store == "work/slant.sqlite")
        #expect(configuration.reports == "out")
        #expect(configuration.settings.ingest.maxDocumentBytes == 1_000_000)
        #expect(configuration.settings.clean.minimumArticleWords == 40)
        #expect(configuration.settings.clean == CleanSettings(
            minimumArticleWords: 40, maxMetadataCharacters: 500, maxElements: 20_000, maxAttributesPerElement: 64, maxAttributes: 100_000))
        #expect(configuration.baseDirectory == "/p")
    }

    @Test func defaultsApplyWhenOnlySourcesAreGiven() throws {
        let configuration = try PipelineConfiguration.parse(yaml: "sources: [corpus]", file: "p.yaml", baseDirectory: ".")
        #expect(configuration.store == ".slant/slant.sqlite")
        #expect(configuration.reports == "reports")
        #expect(configuration.lexicons.isEmpty)
    }

    /// Every problem is reported at once, each at its line and column.
    private func errors(_ yaml: String) -> [String] {
        do {
            _ = try PipelineConfiguration.parse(yaml: yaml, file: "pipeline.yaml", baseDirectory: ".")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func unknownKeyIsRefusedWithItsPlaceAndASuggestion() {
        #expect(errors("sorces:\n  - corpus\n") == [
            "pipeline.yaml:1:1: error: unknown key `sorces` in the configuration (did you mean `sources`?); expected one of: sources, lexicons, models, store, reports, limits, statistics, report, origin",
        ])
    }

    @Test func unknownKeyInsideASourceIsRefused() {
        #expect(errors("sources:\n  - path: corpus\n    outlett: X\n") == [
            "pipeline.yaml:3:5: error: unknown key `outlett` in a source (did you mean `outlet`?); expected one of: path, outlet, format, exclude, filter",
        ])
    }

    @Test func wrongTypesAreRefused() {
        #expect(errors("sources: [corpus]\nstore: [a, b]\n") == [
            "pipeline.yaml:2:8: error: `store` must be a string; found a list",
        ])
        #expect(errors("sources: [corpus]\nlimits:\n  max_document_bytes: lots\n") == [
            "pipeline.yaml:3:23: error: `max_document_bytes` must be a positive whole number; found the scalar `lots`",
        ])
        #expect(errors("sources: [corpus]\nlimits:\n  max_metadata_chars: 20\n  max_attributes: 0\n") == [
            "pipeline.yaml:3:23: error: `max_metadata_chars` must be at least 100: shorter would cut ordinary titles and URLs",
            "pipeline.yaml:4:19: error: `max_attributes` must be a positive whole number; found the scalar `0`",
        ])
        #expect(errors("sources:\n  - path: corpus\n    format: pdf\n") == [
            "pipeline.yaml:3:13: error: unknown format `pdf`; expected one of: html, text, jsonl, warc",
        ])
    }

    @Test func missingSourcesAndEmptyFilesAreRefused() {
        #expect(errors("store: x.sqlite\n") == [
            "pipeline.yaml:1:1: error: missing `sources:`; expected a list of paths or globs, e.g. `sources: [corpus/**/*.html]`",
        ])
        #expect(errors("") == [
            "pipeline.yaml:1:1: error: the configuration is empty; expected a mapping with at least `sources:`",
        ])
        #expect(errors("sources:\n  - outlet: X\n") == ["pipeline.yaml:2:5: error: a source needs `path:` (a file, directory or glob)"])
    }

    @Test func invalidYAMLGivesTheParserPosition() {
        let messages = errors("sources:\n  - path: [unclosed\n")
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("pipeline.yaml:3:1: error: invalid YAML") == true)
    }

    @Test func severalProblemsAreAllReported() {
        #expect(errors("sources: [corpus]\nstore: [a]\nreport: out\n").count == 2)
    }
}
