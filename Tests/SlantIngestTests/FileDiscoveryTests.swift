import Foundation
import SlantCore
import Testing

@testable import SlantIngest

/// A small corpus:
///
///     corpus/a.html  corpus/feed.jsonl  corpus/notes.md
///     corpus/x/b.html  corpus/x/.f.html  corpus/x/y/c.htm  corpus/x/y/d.txt
///     corpus/.hidden/e.html
func makeCorpus() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    for file in [
        "corpus/a.html", "corpus/feed.jsonl", "corpus/notes.md", "corpus/x/b.html", "corpus/x/.f.html",
        "corpus/x/y/c.htm", "corpus/x/y/d.txt", "corpus/.hidden/e.html",
    ] {
        try directory.write(file)
    }
    return directory
}

/// Discovers `sources` in `directory`, which is also the current directory.
func discover(_ directory: TemporaryDirectory, _ sources: [SourceSpecification]) throws -> Discovery {
    try FileDiscovery(currentDirectory: directory.path).files(for: directory.configuration(sources))
}

@Suite struct GlobDiscoveryTests {
    @Test func doubleStarMatchesAnyDepthIncludingNone() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        #expect(paths(try discover(directory, [source("corpus/**/*.html")])) == ["corpus/a.html", "corpus/x/b.html"])
        #expect(paths(try discover(directory, [source("**/*.txt")])) == ["corpus/x/y/d.txt"])
        #expect(
            paths(try discover(directory, [source("corpus/**/y/*")])) == ["corpus/x/y/c.htm", "corpus/x/y/d.txt"])
        #expect(paths(try discover(directory, [source("corpus/**/**/b.html")])) == ["corpus/x/b.html"])
        // A trailing `**` is every readable file below.
        #expect(
            paths(try discover(directory, [source("corpus/**")])) == [
                "corpus/a.html", "corpus/feed.jsonl", "corpus/x/b.html", "corpus/x/y/c.htm", "corpus/x/y/d.txt",
            ])
    }

    @Test func discoveredFileFields() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        let discovery = try discover(
            directory, [source("corpus/x/y/*.txt", outlet: "Asbarez"), source("corpus/*.jsonl")])
        #expect(
            discovery.files == [
                DiscoveredFile(
                    path: "corpus/feed.jsonl", absolutePath: directory.absolute("corpus/feed.jsonl"), format: .jsonl,
                    outlet: nil, specificationIndex: 1),
                DiscoveredFile(
                    path: "corpus/x/y/d.txt", absolutePath: directory.absolute("corpus/x/y/d.txt"), format: .text,
                    outlet: "Asbarez", specificationIndex: 0),
            ])
        #expect(discovery.warnings.isEmpty)
        #expect(discovery.failures.isEmpty)
    }

    @Test func characterClassesAndQuestionMark() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for name in ["page-1.html", "page-2.html", "page-a.html", "page-10.html", "page-b.htm"] {
            try directory.write("pages/" + name)
        }
        #expect(
            paths(try discover(directory, [source("pages/page-[12].html")])) == [
                "pages/page-1.html", "pages/page-2.html",
            ])
        #expect(
            paths(try discover(directory, [source("pages/page-?.html")])) == [
                "pages/page-1.html", "pages/page-2.html", "pages/page-a.html",
            ])
        #expect(paths(try discover(directory, [source("pages/page-[!0-9].html")])) == ["pages/page-a.html"])
        #expect(
            paths(try discover(directory, [source("pages/page-[0-9]*.html")])) == [
                "pages/page-1.html", "pages/page-10.html", "pages/page-2.html",
            ])
        #expect(
            paths(try discover(directory, [source("pages/page-[a-z].ht*")])) == [
                "pages/page-a.html", "pages/page-b.htm",
            ])
    }

    @Test func directoryIsEveryReadableFileBelowIt() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        let expected = [
            "corpus/a.html", "corpus/feed.jsonl", "corpus/x/b.html", "corpus/x/y/c.htm", "corpus/x/y/d.txt",
        ]
        let discovery = try discover(directory, [source("corpus")])
        #expect(paths(discovery) == expected)
        #expect(discovery.files.map(\.format) == [.html, .jsonl, .html, .html, .text])
        #expect(paths(try discover(directory, [source("corpus/")])) == expected)
        #expect(paths(try discover(directory, [source("./corpus/x/..")])) == expected)
        // `corpus/*` matches `a.html` and the directory `x`, which is walked; `notes.md` is skipped.
        #expect(paths(try discover(directory, [source("corpus/*")])) == expected)
    }

    @Test func formatOverrideReadsEveryFile() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        let discovery = try discover(
            directory, [source("corpus/x", format: .text), source("corpus/*.md", format: .html)])
        #expect(paths(discovery) == ["corpus/notes.md", "corpus/x/b.html", "corpus/x/y/c.htm", "corpus/x/y/d.txt"])
        #expect(discovery.files.map(\.format) == [.html, .text, .text, .text])
    }

    @Test func literalPaths() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        let discovery = try discover(
            directory,
            [
                source("corpus/x/y/d.txt"), source("corpus/notes.md"), source("corpus/.hidden/e.html"),
                source(directory.absolute("corpus/a.html")),
            ])
        #expect(paths(discovery) == ["corpus/.hidden/e.html", "corpus/a.html", "corpus/x/y/d.txt"])
        #expect(
            discovery.failures == [
                DocumentError(
                    source: SourceLocator(path: "corpus/notes.md"), stage: "ingest",
                    reason: .unsupportedFormat(
                        "`notes.md` has no known extension (Slant reads .html, .htm, .txt, .jsonl, .warc and .warc.gz)"))
            ])
        // Entries are sorted by path, failures among files.
        #expect(discovery.entries.count == 4)
        if case .failure(let error) = discovery.entries[2] {
            #expect(error.source.path == "corpus/notes.md")
        } else {
            Issue.record("expected the failure of corpus/notes.md third")
        }
        // With `format:` a literal file of any extension is read.
        #expect(paths(try discover(directory, [source("corpus/notes.md", format: .text)])) == ["corpus/notes.md"])
    }

    @Test func missingPathsAreConfigurationErrorsAtTheSourceLocation() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        let sources = [
            source("corpus/asbarz/*.html", line: 3), source("corpus/missing.html", line: 4),
            source("corpus/a.html", line: 5), source("nowhere/**/*.txt", line: 6),
            source("corpus/a.html/*.html", line: 7),
        ]
        do {
            _ = try discover(directory, sources)
            Issue.record("expected configuration errors")
        } catch let errors as ConfigurationErrors {
            #expect(
                errors.errors == [
                    ConfigurationError(
                        ConfigurationLocation(file: "pipeline.yaml", line: 3, column: 5),
                        "`corpus/asbarz/*.html`: no such directory `corpus/asbarz`"),
                    ConfigurationError(
                        ConfigurationLocation(file: "pipeline.yaml", line: 4, column: 5),
                        "`corpus/missing.html`: no such file or directory"),
                    ConfigurationError(
                        ConfigurationLocation(file: "pipeline.yaml", line: 6, column: 5),
                        "`nowhere/**/*.txt`: no such directory `nowhere`"),
                    ConfigurationError(
                        ConfigurationLocation(file: "pipeline.yaml", line: 7, column: 5),
                        "`corpus/a.html/*.html`: `corpus/a.html` is not a directory"),
                ])
            #expect(
                errors.errors.first?.description
                    == "pipeline.yaml:3:5: error: `corpus/asbarz/*.html`: no such directory `corpus/asbarz`")
        }
    }

    @Test func globMatchingNothingIsAWarning() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        let discovery = try discover(
            directory,
            [
                source("corpus/x/*.jsonl", line: 3), source("corpus/*.md", line: 4), source("corpus/a.html", line: 5),
                source("corpus/x/y", exclude: ["*.txt", "corpus/x/y/c.htm"], line: 6),
            ])
        #expect(paths(discovery) == ["corpus/a.html"])
        let location = { (line: Int) in ConfigurationLocation(file: "pipeline.yaml", line: line, column: 5) }
        #expect(
            discovery.warnings == [
                DiscoveryWarning(
                    location: location(3), pattern: "corpus/x/*.jsonl", message: "`corpus/x/*.jsonl` matches no file"),
                DiscoveryWarning(
                    location: location(4), pattern: "corpus/*.md",
                    message:
                        "`corpus/*.md` matches no file (1 file with an extension Slant does not read; set `format:` to read them)"
                ),
                DiscoveryWarning(
                    location: location(6), pattern: "corpus/x/y",
                    message: "`corpus/x/y` matches no file (2 left out by `exclude`)"),
            ])
        #expect(discovery.warnings[0].description == "pipeline.yaml:3:5: warning: `corpus/x/*.jsonl` matches no file")
    }

    @Test func firstSourceGivesTheOutlet() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        let discovery = try discover(
            directory, [source("corpus/x/**", outlet: "A"), source("corpus/**/*.html", outlet: "B")])
        #expect(paths(discovery) == ["corpus/a.html", "corpus/x/b.html", "corpus/x/y/c.htm", "corpus/x/y/d.txt"])
        #expect(discovery.files.map(\.outlet) == ["B", "A", "A", "A"])
        #expect(discovery.files.map(\.specificationIndex) == [1, 0, 0, 0])
    }

    @Test func hiddenNamesOnlyWhenThePatternNamesThem() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        #expect(paths(try discover(directory, [source("corpus/*/*.html")])) == ["corpus/x/b.html"])
        #expect(paths(try discover(directory, [source("corpus/.*/*.html")])) == ["corpus/.hidden/e.html"])
        #expect(paths(try discover(directory, [source("corpus/x/.*.html")])) == ["corpus/x/.f.html"])
        #expect(paths(try discover(directory, [source("corpus/.hidden")])) == ["corpus/.hidden/e.html"])
        #expect(paths(try discover(directory, [source("**/e.html")])) == [])
    }

    @Test func exclusions() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        // A pattern with `/` is relative to the base directory and leaves out a directory's contents;
        // one without matches a name at any depth.
        let discovery = try discover(directory, [source("corpus", exclude: ["corpus/x/y", "*.jsonl"])])
        #expect(paths(discovery) == ["corpus/a.html", "corpus/x/b.html"])
        #expect(discovery.warnings.isEmpty)
        #expect(
            paths(try discover(directory, [source("corpus/**/*", exclude: ["**/b.*"])])) == [
                "corpus/a.html", "corpus/feed.jsonl", "corpus/x/y/c.htm", "corpus/x/y/d.txt",
            ])
        // An absolute pattern; a left-out directory counts once.
        let none = try discover(directory, [source("corpus/x", exclude: [directory.absolute("corpus/x/*.html"), "y"])])
        #expect(paths(none) == [])
        #expect(none.warnings.map(\.message) == ["`corpus/x` matches no file (2 left out by `exclude`)"])
    }

    @Test func duplicatesOnceAndSorted() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        let discovery = try discover(
            directory,
            [
                source("corpus/x/y/d.txt"), source("corpus/a.html"), source("corpus/**/*.txt"),
                source("corpus/x/../a.html"),
            ])
        #expect(paths(discovery) == ["corpus/a.html", "corpus/x/y/d.txt"])
        #expect(discovery.files.map(\.specificationIndex) == [1, 0])
    }

    /// A corpus is the same wherever the command is run from: paths are relative to the
    /// configuration's directory, and absolute for files outside it.
    @Test func pathsAreRelativeToTheConfigurationWhereverTheCommandRuns() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        try directory.makeDirectory("elsewhere")
        let configuration = directory.configuration([source("corpus/x/*.html")])
        let outside = try FileDiscovery(currentDirectory: directory.absolute("elsewhere")).files(for: configuration)
        #expect(paths(outside) == ["corpus/x/b.html"])
        let inside = try FileDiscovery(currentDirectory: directory.path).files(for: configuration)
        #expect(paths(inside) == ["corpus/x/b.html"])

        // A relative base directory is resolved against the current directory; a file outside it is absolute.
        var relative = configuration
        relative.baseDirectory = "corpus"
        relative.sources = [source("x/*.html"), source("../corpus/a.html"), source("../other.html")]
        try directory.write("other.html")
        let nested = try FileDiscovery(currentDirectory: directory.path).files(for: relative)
        #expect(paths(nested) == [directory.absolute("other.html"), "a.html", "x/b.html"])
    }

    @Test func symbolicLinkLoopsAreWalkedOnce() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: directory.absolute("corpus/x/loop"), withDestinationPath: directory.absolute("corpus"))
        #expect(
            paths(try discover(directory, [source("corpus")])) == [
                "corpus/a.html", "corpus/feed.jsonl", "corpus/x/b.html", "corpus/x/y/c.htm", "corpus/x/y/d.txt",
            ])
        #expect(paths(try discover(directory, [source("corpus/**/b.html")])) == ["corpus/x/b.html"])
    }

    @Test func brokenLinkToAPageIsAFailure() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: directory.absolute("corpus/x/gone.html"), withDestinationPath: directory.absolute("nowhere.html"))
        let discovery = try discover(directory, [source("corpus/x/*.html")])
        #expect(paths(discovery) == ["corpus/x/b.html"])
        #expect(
            discovery.failures == [
                DocumentError(
                    source: SourceLocator(path: "corpus/x/gone.html"), stage: "ingest",
                    reason: .unreadable("No such file or directory"))
            ])
    }

    @Test(.enabled(if: getuid() != 0, "root lists directories whatever their permissions"))
    func unlistableDirectoryIsAFailureAndTheRestGoesOn() throws {
        let directory = try makeCorpus()
        defer {
            chmod(directory.absolute("corpus/x/y"), 0o755)
            directory.remove()
        }
        #expect(chmod(directory.absolute("corpus/x/y"), 0) == 0)
        let discovery = try discover(directory, [source("corpus/x")])
        #expect(paths(discovery) == ["corpus/x/b.html"])
        #expect(
            discovery.failures == [
                DocumentError(
                    source: SourceLocator(path: "corpus/x/y"), stage: "ingest",
                    reason: .unreadable("cannot list the directory: Permission denied"))
            ])
    }
}

@Suite struct ArgumentDiscoveryTests {
    @Test func eachArgumentInOrderWithPerInputErrors() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        let discovery = FileDiscovery(currentDirectory: directory.path).files(forArguments: [
            "corpus/a.html", "nope.html", "corpus/x", "corpus/*.zzz", "corpus/notes.md", "corpus/a.html",
            "nowhere/*.html", "corpus/*.md",
        ])
        func failure(_ path: String, _ reason: DocumentFailure) -> Result<DiscoveredFile, DocumentError> {
            .failure(DocumentError(source: SourceLocator(path: path), stage: "ingest", reason: reason))
        }
        func file(_ path: String, _ format: InputFormat, _ index: Int) -> Result<DiscoveredFile, DocumentError> {
            .success(
                DiscoveredFile(
                    path: path, absolutePath: directory.absolute(path), format: format, outlet: nil,
                    specificationIndex: index))
        }
        #expect(
            discovery.entries == [
                file("corpus/a.html", .html, 0),
                failure("nope.html", .unreadable("no such file")),
                file("corpus/x/b.html", .html, 2),
                file("corpus/x/y/c.htm", .html, 2),
                file("corpus/x/y/d.txt", .text, 2),
                failure("corpus/*.zzz", .unreadable("no file matches the pattern")),
                failure(
                    "corpus/notes.md",
                    .unsupportedFormat("`notes.md` has no known extension (Slant reads .html, .htm, .txt, .jsonl, .warc and .warc.gz)")),
                failure("nowhere/*.html", .unreadable("no such directory `nowhere`")),
                failure(
                    "corpus/*.md",
                    .unreadable("no file matches the pattern (1 file with an extension Slant does not read)")),
            ])
        #expect(discovery.warnings.isEmpty)
    }

    @Test func existingNameWithGlobCharactersIsTakenLiterally() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        try directory.write("corpus/odd[1].html")
        let discovery = FileDiscovery(currentDirectory: directory.path).files(forArguments: ["corpus/odd[1].html"])
        #expect(paths(discovery) == ["corpus/odd[1].html"])
    }

    @Test func formatOverrideAndEmptyDirectory() throws {
        let directory = try makeCorpus()
        defer { directory.remove() }
        try directory.makeDirectory("empty")
        let discovery = FileDiscovery(currentDirectory: directory.path).files(
            forArguments: ["corpus/notes.md", "empty"], format: .text)
        #expect(paths(discovery) == ["corpus/notes.md"])
        #expect(discovery.files.first?.format == .text)
        #expect(
            discovery.warnings == [
                DiscoveryWarning(location: nil, pattern: "empty", message: "`empty` matches no file")
            ])
        #expect(discovery.warnings.first?.description == "warning: `empty` matches no file")
    }
}

@Suite struct GlobMatcherTests {
    @Test func namePatterns() {
        let cases: [(String, String, Bool)] = [
            ("*.html", "a.html", true), ("*.html", "a.htm", false), ("*.html", ".a.html", false),
            (".*.html", ".a.html", true), ("*", "", true), ("a*b*c", "aXbYbZc", true), ("a*b*c", "aXbYbZ", false),
            ("??", "ab", true), ("??", "a", false), ("[abc]", "b", true), ("[abc]", "d", false),
            ("[!abc]", "d", true), ("[^abc]", "a", false), ("[a-c]x", "bx", true), ("[]]", "]", true),
            ("[a-]", "-", true), ("[", "[", true), ("a\\*", "a*", true), ("a\\*", "ab", false),
            ("Арцах*", "Арцах-1.html", true), ("*.HTML", "a.html", false),
        ]
        for (pattern, name, expected) in cases {
            #expect(NamePattern(Substring(pattern)).matches(name) == expected, "\(pattern) ~ \(name)")
        }
    }

    @Test func segments() {
        let glob = Glob("/data/./corpus/**/**/*.html")
        #expect(glob.isAbsolute)
        #expect(glob.segments.count == 4)
        #expect(glob.segments[2] == .anyDepth)
        #expect(glob.writtenPrefix == "/data/corpus")
        #expect(Glob("a\\*b").hasWildcards == false)
        #expect(Glob("a\\*b").segments == [.literal("a*b")])
        #expect(Glob("*.html").writtenPrefix == ".")
    }

    @Test func wholePathMatching() {
        let glob = Glob("corpus/**/*.html")
        #expect(glob.matches(["corpus", "a.html"]))
        #expect(glob.matches(["corpus", "x", "y", "a.html"]))
        #expect(!glob.matches(["corpus", "x", "a.txt"]))
        #expect(!glob.matches(["other", "a.html"]))
        #expect(Glob("**").matches([]))
    }
}
