import Foundation
import Testing

/// `slant lexicon import`, run as users run it. The dictionaries are made up for the tests.
@Suite struct LexiconImportCommandTests {
    static let dictionary = """
        %
        1\tposemo
        2\tnegemo
        3\tanger
        4\tswear
        %
        happy\t1
        lov*\t1
        hate*\t2\t3
        damn*\t3\t4
        furious\t3
        kind* of\t1
        *gloom\t1

        """

    static let article = "The furious crowd hated the plan. Damn it, said one man, who loved it, kind of, and left happy.\n"

    /// The `loaded` matches of `slant analyze --json` as `category/entry=text`.
    func loaded(_ lexicon: URL, _ text: URL) throws -> [String] {
        let result = try SlantProcess.run(["analyze", "--json", "--lexicon", lexicon.path, text.path])
        #expect(result.status == 0, "\(result.stderr)")
        let line = jsonObject(result.lines.first ?? "")
        return (line["loaded"] as? [[String: Any]] ?? []).map { "\($0["category"] ?? "")/\($0["entry"] ?? "")=\($0["text"] ?? "")" }
    }

    @Test func aLIWCDictionaryIsWrittenCheckedAndUsedByAnalyze() throws {
        let directory = try TemporaryDirectory()
        let dictionary = try directory.write("mini.dic", Self.dictionary)
        let output = directory.url.appendingPathComponent("mini.yaml")
        let result = try SlantProcess.run([
            "lexicon", "import", "--liwc", dictionary.path, "--output", output.path, "--categories", "anger,posemo,swear",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").map(String.init) == [
            "\(dictionary.path):5: warning: category swear (4) is left out: its word is an entry of an earlier category (choose the order with --categories)",
            "\(dictionary.path):13: warning: `*gloom` is not a valid pattern: `*` must end a word (as in `separatis*`); line skipped",
            "slant: \(dictionary.path): imported 6 entries in 2 categories; 1 line skipped, 2 warnings; 1 word of several categories kept in the first only → \(output.path)",
        ])

        let yaml = try String(contentsOf: output, encoding: .utf8)
        #expect(yaml.contains("lexicon: mini\nkind: loaded\nversion: 1\n"))
        #expect(yaml.range(of: #"basis: "Imported from mini\.dic \(LIWC-style dictionary\) on \d{4}-\d{2}-\d{2}; original category: anger \(number 3\)\.""#, options: .regularExpression) != nil)
        #expect(yaml.contains("      - damn*  # also in: swear (4)\n"))

        let check = try SlantProcess.run(["lexicon", "check", output.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("\(output.path): ok — loaded language `mini` v1: 2 categories, 6 entries"))

        let text = try directory.write("article.txt", Self.article)
        #expect(try loaded(output, text) == [
            "anger/furious=furious", "anger/hate*=hated", "anger/damn*=Damn", "posemo/lov*=loved", "posemo/kind* of=kind of",
            "posemo/happy=happy",
        ])
    }

    @Test func aWordListGoesToStandardOutput() throws {
        let directory = try TemporaryDirectory()
        let list = try directory.write("labels.txt", """
            # loaded labels
            thugs\t2
            slammed
            rogue state\t1.5  # with a weight

            """)
        let result = try SlantProcess.run(["lexicon", "import", "--words", list.path, "--category", "Loaded labels", "--id", "my-labels"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "slant: \(list.path): imported 3 entries in 1 category; 0 lines skipped, 0 warnings\n")
        #expect(result.stdout.contains("""
              - id: loaded-labels
                label: Loaded labels
            """))
        #expect(result.stdout.contains("""
                entries:
                  - entry: thugs
                    weight: 2.0
                  - slammed
                  - entry: rogue state
                    weight: 1.5

            """))
        let yaml = try directory.write("labels.yaml", result.stdout)
        let text = try directory.write("article.txt", "Officials slammed the rogue state and its thugs.\n")
        #expect(try loaded(yaml, text) == ["loaded-labels/slammed=slammed", "loaded-labels/rogue state=rogue state", "loaded-labels/thugs=thugs"])
    }

    @Test func aFatalProblemExitsOneAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let dictionary = try directory.write("bad.dic", Self.dictionary + "lonely\t7\n")
        let output = directory.url.appendingPathComponent("bad.yaml")
        let result = try SlantProcess.run(["lexicon", "import", "--liwc", dictionary.path, "-o", output.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(dictionary.path):14: error: category 7 of `lonely` is not declared in the header\n"))
        #expect(result.stderr.hasSuffix("slant: \(dictionary.path): nothing imported: 1 error, 1 warning\n"))
        #expect(!FileManager.default.fileExists(atPath: output.path))

        let header = try directory.write("header.dic", "1\tposemo\n%\nhappy\t1\n")
        let malformed = try SlantProcess.run(["lexicon", "import", "--liwc", header.path])
        #expect(malformed.status == 1)
        #expect(malformed.stderr.hasPrefix("\(header.path):1: error: malformed header: a LIWC dictionary starts with a line holding only `%`"))

        let empty = try directory.write("empty.txt", "# nothing yet\n")
        let none = try SlantProcess.run(["lexicon", "import", "--words", empty.path])
        #expect(none.status == 1)
        #expect(none.stderr.hasPrefix("\(empty.path): error: the word list has no words\n"))
    }

    @Test func aMissingFileExitsOne() throws {
        let result = try SlantProcess.run(["lexicon", "import", "--liwc", "no/such/file.dic"])
        #expect(result.status == 1)
        #expect(result.stderr == "no/such/file.dic: error: cannot read the file (no such file, or not readable)\n")
        let directory = try TemporaryDirectory()
        let folder = try SlantProcess.run(["lexicon", "import", "--words", directory.url.path])
        #expect(folder.status == 1)
        #expect(folder.stderr == "\(directory.url.path): error: is a directory, not a dictionary file\n")
    }

    @Test func aWindows1252DictionaryIsReadWithAWarning() throws {
        let directory = try TemporaryDirectory()
        // "café" in Windows-1252: é is the byte E9.
        let list = try directory.write("latin.txt", Data([0x63, 0x61, 0x66, 0xE9, 0x0A]))
        let result = try SlantProcess.run(["lexicon", "import", "--words", list.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("\(list.path): warning: not UTF-8 text; read as Windows-1252"))
        #expect(result.stdout.contains("      - café\n"))
        #expect(result.stderr.hasSuffix("imported 1 entry in 1 category; 0 lines skipped, 1 warning\n"))
    }

    @Test func usageErrorsExitTwo() throws {
        let directory = try TemporaryDirectory()
        let dictionary = try directory.write("mini.dic", Self.dictionary)
        let cases: [([String], String)] = [
            ([], "give the dictionary to import: --liwc FILE.dic or --words FILE.txt"),
            (["--liwc", dictionary.path, "--words", dictionary.path], "give either --liwc or --words, not both"),
            (["--words", dictionary.path, "--categories", "anger"], "--categories selects categories of a --liwc dictionary"),
            (["--liwc", dictionary.path, "--category", "anger"], "--category names the category of a --words list"),
            (["--liwc", dictionary.path, "--weight", "0"], "--weight must be a positive number"),
            (["--liwc", dictionary.path, "--id", "my lexicon"], "--id must be made of letters, digits and dashes"),
            (["--liwc", dictionary.path, "--categories", "anger,rage"],
             "slant lexicon import: --categories: `rage` is not a category of \(dictionary.path) (its categories: 1 posemo, 2 negemo, 3 anger, 4 swear)"),
            (["--liwc", dictionary.path, "--output", dictionary.path], "would overwrite the dictionary it reads"),
        ]
        for (arguments, message) in cases {
            let result = try SlantProcess.run(["lexicon", "import"] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(try String(contentsOf: dictionary, encoding: .utf8) == Self.dictionary)
    }
}
