import SlantCore
import SlantTag
import SlantText
import Testing

/// The converters of `slant lexicon import`: LIWC-style dictionaries and word lists to loaded-language lexicons.
/// The dictionaries here are made up for the tests (LIWC's own dictionaries are proprietary).
@Suite struct LexiconImportTests {
    static let date = "2025-06-01"

    /// A small LIWC-style dictionary: four invented categories, prefixes, a multiword entry,
    /// words in two categories.
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
        gloom*\t2

        """

    func liwc(_ text: String, file: String = "mini.dic", categories: [String] = [], weight: Double = 1.0, id: String? = nil)
        -> LexiconImport.Outcome
    {
        LexiconImport.liwc(text, options: .init(path: file, id: id, weight: weight, date: Self.date, categories: categories))
    }

    func words(_ text: String, file: String = "words.txt", category: String? = nil, weight: Double = 1.0) -> LexiconImport.Outcome {
        LexiconImport.wordList(text, options: .init(path: file, weight: weight, date: Self.date, category: category))
    }

    /// Category id → entry names of a lexicon read back from the YAML.
    func entries(_ outcome: LexiconImport.Outcome) throws -> [String: [String]] {
        let yaml = try #require(outcome.yaml, "\(outcome.diagnostics)")
        let lexicon = try LexiconLoader.parse(yaml: yaml, path: "imported.yaml")
        return Dictionary(uniqueKeysWithValues: lexicon.categories.map { ($0.id, $0.entries.map(\.entry)) })
    }

    func messages(_ outcome: LexiconImport.Outcome) -> [String] { outcome.diagnostics.map(\.description) }

    // MARK: - LIWC

    @Test func aLIWCDictionaryBecomesThisYAML() throws {
        let outcome = liwc(Self.dictionary)
        // swear's only word is also an anger word, and anger comes first in the header.
        #expect(messages(outcome) == [
            "mini.dic:5: warning: category swear (4) is left out: its word is an entry of an earlier category (choose the order with --categories)"
        ])
        #expect(outcome.yaml == """
            # Imported by `slant lexicon import --liwc` from mini.dic on 2025-06-01.
            # A word of several imported categories is an entry of the first of them only (in the
            # order of --categories, else of the header), so that it is not counted twice; an
            # `also in:` comment names the others. Check with `slant lexicon check`.

            lexicon: mini
            kind: loaded
            version: 1
            description: "Imported from mini.dic (LIWC-style dictionary) on 2025-06-01 by slant lexicon import: 7 entries in 3 categories, each of weight 1.0."
            categories:

              - id: posemo
                label: posemo
                description: "Words of category posemo, number 1, of mini.dic."
                basis: "Imported from mini.dic (LIWC-style dictionary) on 2025-06-01; original category: posemo (number 1)."
                default_weight: 1.0
                entries:
                  - happy
                  - lov*
                  - kind* of

              - id: negemo
                label: negemo
                description: "Words of category negemo, number 2, of mini.dic."
                basis: "Imported from mini.dic (LIWC-style dictionary) on 2025-06-01; original category: negemo (number 2)."
                default_weight: 1.0
                entries:
                  - hate*  # also in: anger (3)
                  - gloom*

              - id: anger
                label: anger
                description: "Words of category anger, number 3, of mini.dic."
                basis: "Imported from mini.dic (LIWC-style dictionary) on 2025-06-01; original category: anger (number 3)."
                default_weight: 1.0
                entries:
                  - damn*  # also in: swear (4)
                  - furious

            """)
        #expect(outcome.wordsInSeveralCategories == 2)
        #expect(outcome.summary == "mini.dic: imported 7 entries in 3 categories; 0 lines skipped, 1 warning; 2 words of several categories kept in the first only")
    }

    @Test func theImportedLexiconLoadsWithPrefixAndMultiwordPatterns() throws {
        let outcome = liwc(Self.dictionary)
        let lexicon = try LexiconLoader.parse(yaml: try #require(outcome.yaml), path: "mini.yaml")
        #expect(lexicon.id == "mini")
        #expect(lexicon.kind == .loaded)
        #expect(lexicon.version == 1)
        #expect(lexicon.categories.map(\.id) == ["posemo", "negemo", "anger"])
        let posemo = try #require(lexicon.categories.first)
        #expect(posemo.label == "posemo")
        #expect(posemo.basis == "Imported from mini.dic (LIWC-style dictionary) on 2025-06-01; original category: posemo (number 1).")
        #expect(posemo.entries.map(\.variants).map { $0.map(\.words) } == [
            [[PatternWord("happy")]],
            [[PatternWord("lov", isPrefix: true)]],
            [[PatternWord("kind", isPrefix: true), PatternWord("of")]],
        ])
        #expect(posemo.entries.allSatisfy { $0.weight == 1.0 })
        // The converter reads back what it wrote.
        #expect(outcome.lexicon?.categories.map(\.id) == lexicon.categories.map(\.id))
    }

    @Test func aWordInTwoCategoriesGoesToTheFirstSelectedOnly() throws {
        // Header order: hate* (negemo, anger) goes to negemo.
        #expect(try entries(liwc(Self.dictionary))["negemo"] == ["hate*", "gloom*"])
        #expect(try entries(liwc(Self.dictionary))["anger"] == ["damn*", "furious"])
        // --categories order decides: anger first takes hate* and damn*; swear gets nothing and is left out.
        let angerFirst = liwc(Self.dictionary, categories: ["anger", "negemo", "swear"])
        #expect(try entries(angerFirst) == ["anger": ["hate*", "damn*", "furious"], "negemo": ["gloom*"]])
        #expect(try #require(angerFirst.yaml).contains("  - hate*  # also in: negemo (2)\n"))
        #expect(messages(angerFirst) == [
            "mini.dic:5: warning: category swear (4) is left out: its word is an entry of an earlier category (choose the order with --categories)"
        ])
        // The categories are written in the order asked for.
        #expect(angerFirst.lexicon?.categories.map(\.id) == ["anger", "negemo"])
        // swear before anger: damn* is a swear word.
        #expect(try entries(liwc(Self.dictionary, categories: ["4", "3"])) == ["swear": ["damn*"], "anger": ["hate*", "furious"]])
    }

    @Test func categoriesAreSelectedByNameOrNumber() throws {
        let one = liwc(Self.dictionary, categories: ["ANGER"])
        #expect(try entries(one) == ["anger": ["hate*", "damn*", "furious"]])
        // A single category: no word has another category to be counted in, so no comments.
        #expect(try #require(one.yaml).contains("# also in") == false)
        #expect(one.wordsInSeveralCategories == 0)
        #expect(try entries(liwc(Self.dictionary, categories: ["1", "negemo", "1"])) == [
            "posemo": ["happy", "lov*", "kind* of"], "negemo": ["hate*", "gloom*"],
        ])
        let unknown = liwc(Self.dictionary, categories: ["anger", "rage"])
        #expect(unknown.yaml == nil)
        #expect(unknown.usageError == "--categories: `rage` is not a category of mini.dic (its categories: 1 posemo, 2 negemo, 3 anger, 4 swear)")
        #expect(liwc(Self.dictionary, categories: ["9"]).usageError?.hasPrefix("--categories: `9` is not a category") == true)
    }

    @Test func weightIdAndCategoryIds() throws {
        let dictionary = """
            %
            10 Positive Feelings
            20\tneg-emo\tnegative emotion words
            %
            glad 10
            grim\t20

            """
        let outcome = liwc(dictionary, file: "dicts/My Dict.v2.dic", weight: 0.5, id: "custom-id")
        let lexicon = try #require(outcome.lexicon, "\(outcome.diagnostics)")
        #expect(lexicon.id == "custom-id")
        #expect(lexicon.categories.map(\.id) == ["positive-feelings", "neg-emo"])
        #expect(lexicon.categories.map(\.label) == ["Positive Feelings", "neg-emo"])
        #expect(lexicon.categories[1].description == "Words of category neg-emo (negative emotion words), number 20, of My Dict.v2.dic.")
        #expect(lexicon.categories.flatMap(\.entries).map(\.weight) == [0.5, 0.5])
        #expect(try #require(outcome.yaml).contains("    default_weight: 0.5\n"))
        // Without --id, the file's name without extension, as an identifier.
        #expect(liwc(dictionary, file: "dicts/My Dict.v2.dic").lexicon?.id == "my-dict-v2")
    }

    @Test func spaceSeparatedLinesAndMultiwordEntries() throws {
        let dictionary = "%\n1 posemo\n2 negemo\n%\nkind of 1\nfed up  with 2\nsad 02 2\n"
        #expect(try entries(liwc(dictionary)) == ["posemo": ["kind of"], "negemo": ["fed up with", "sad"]])
    }

    @Test func windowsLineEndsAndAByteOrderMark() throws {
        let dictionary = "\u{FEFF}%\r\n1\tposemo\r\n%\r\nhappy\t1\r\n"
        #expect(try entries(liwc(dictionary)) == ["posemo": ["happy"]])
    }

    // MARK: - LIWC problems

    @Test func aMalformedHeaderIsAnErrorAtItsLine() {
        let noPercent = liwc("1\tposemo\n%\nhappy\t1\n")
        #expect(noPercent.yaml == nil)
        #expect(messages(noPercent) == [
            "mini.dic:1: error: malformed header: a LIWC dictionary starts with a line holding only `%`, then one `number<TAB>name` line per category, then `%`"
        ])
        #expect(messages(liwc("%\n1\tposemo\nhappy\t1\n")) == [
            "mini.dic:1: error: malformed header: the `%` line that opens the category header has no closing `%` line"
        ])
        #expect(messages(liwc("%\n1\tposemo\nnegemo\n%\nhappy\t1\n")) == [
            "mini.dic:3: error: malformed header line `negemo`: expected a category number and a name (`1<TAB>posemo`)"
        ])
        #expect(messages(liwc("%\n1\tposemo\n1\tnegemo\n%\nhappy\t1\n")) == [
            "mini.dic:3: error: category number 1 is declared twice (first on line 2)"
        ])
        #expect(messages(liwc("%\n1\tposemo\n2\tPosEmo\n%\nhappy\t1\n")) == [
            "mini.dic:3: error: category name `PosEmo` is declared twice (first on line 2)"
        ])
        #expect(messages(liwc("\n%\n%\nhappy\t1\n")) == [
            "mini.dic:2: error: malformed header: no categories between the two `%` lines"
        ])
    }

    @Test func anEmptyDictionaryIsAnError() {
        #expect(messages(liwc("")) == ["mini.dic: error: the dictionary is empty"])
        #expect(messages(liwc(" \n\n")) == ["mini.dic: error: the dictionary is empty"])
        let headerOnly = liwc("%\n1\tposemo\n%\n\n")
        #expect(headerOnly.yaml == nil)
        #expect(messages(headerOnly) == ["mini.dic: error: the dictionary has no words after its category header"])
        #expect(headerOnly.summary == "mini.dic: nothing imported: 1 error, 0 warnings")
    }

    @Test func anUnknownCategoryNumberIsAnErrorAndNothingIsWritten() {
        let outcome = liwc(Self.dictionary + "lonely\t2\t7\nangst\t9\n")
        #expect(outcome.yaml == nil)
        #expect(outcome.document == nil)
        #expect(messages(outcome) == [
            "mini.dic:14: error: category 7 of `lonely` is not declared in the header",
            "mini.dic:15: error: category 9 of `angst` is not declared in the header",
        ])
    }

    @Test func skippableLinesAreWarningsAndTheRestIsImported() throws {
        let outcome = liwc(
            Self.dictionary + """
                alone
                *foo\t2
                a*b\t2
                x*\t2
                :)\t1
                \t1
                grr\tanger
                (discrep) like*\t2
                like\t(02 134)125/464\t1
                sort of\t125/464

                """)
        #expect(messages(outcome) == [
            "mini.dic:5: warning: category swear (4) is left out: its word is an entry of an earlier category (choose the order with --categories)",
            "mini.dic:14: warning: `alone` has no categories; line skipped",
            "mini.dic:15: warning: `*foo` is not a valid pattern: `*` must end a word (as in `separatis*`); line skipped",
            "mini.dic:16: warning: `a*b` is not a valid pattern: `*` must end a word (as in `separatis*`); line skipped",
            "mini.dic:17: warning: `x*` is not a valid pattern: a prefix needs at least two letters before `*`; line skipped",
            "mini.dic:18: warning: `:)` is not a valid pattern: unexpected `:` (patterns are words, with `*` only at the end of a word and `[...]` around context words); line skipped",
            "mini.dic:19: warning: no word before the category numbers; line skipped",
            "mini.dic:20: warning: `anger` is not a category number; line skipped",
            "mini.dic:21: warning: `(discrep) like*` depends on the words around it (a LIWC context rule), which a lexicon entry cannot express; line skipped",
            "mini.dic:22: warning: `like`: the conditional category `(02 134)125/464` (chosen by the word before it) left out; its other categories are kept",
            "mini.dic:23: warning: `sort of` has only conditional categories (`125/464`, chosen by the word before it), which a lexicon entry cannot express; line skipped",
        ])
        #expect(outcome.skippedLines == 9)
        #expect(try entries(outcome)["posemo"] == ["happy", "lov*", "kind* of", "like"])
        #expect(outcome.summary.hasPrefix("mini.dic: imported 8 entries in 3 categories; 9 lines skipped, 11 warnings"))
    }

    @Test func problemsOfCategoriesNotImportedAreNotReported() throws {
        let outcome = liwc(Self.dictionary + "*foo\t1\n:)\t1\n", categories: ["anger"])
        #expect(outcome.diagnostics.isEmpty)
        #expect(try entries(outcome) == ["anger": ["hate*", "damn*", "furious"]])
    }

    @Test func aDuplicateWordIsOneEntryWithTheCategoriesOfBothLines() throws {
        let outcome = liwc(Self.dictionary + "furious\t4\nfed up\t2\nFed-up\t3\n", categories: ["swear", "anger", "negemo"])
        #expect(messages(outcome) == [
            "mini.dic:14: warning: `furious` is listed twice (first on line 11): the categories of both lines are merged",
            "mini.dic:16: warning: `Fed-up` is the same pattern as `fed up` (first on line 15): the categories of both lines are merged",
        ])
        // furious (anger, then swear) is now first a swear word; fed up (negemo, then anger) an anger one; entries stay unique.
        #expect(try entries(outcome) == ["swear": ["damn*", "furious"], "anger": ["hate*", "fed up"], "negemo": ["gloom*"]])
        #expect(outcome.skippedLines == 0)
    }

    @Test func noWordOfTheSelectedCategoriesIsAnError() {
        let outcome = liwc("%\n1\tposemo\n2\tswear\n%\nhappy\t1\n", categories: ["swear"])
        #expect(messages(outcome) == [
            "mini.dic:3: warning: category swear (2) has no words; left out",
            "mini.dic: error: no words to import: no word line belongs to the selected categories",
        ])
        #expect(outcome.yaml == nil)
    }

    @Test func badOptionsAreUsageErrors() {
        #expect(liwc(Self.dictionary, id: "no spaces").usageError == "--id: `no spaces` is not an identifier (letters, digits and dashes)")
        #expect(liwc(Self.dictionary, weight: 0).usageError == "--weight must be a positive number")
        #expect(liwc(Self.dictionary, file: "!!!.dic").usageError == "cannot make a lexicon id of the file name `!!!.dic`: give one with --id")
    }

    // MARK: - Word lists

    static let wordList = """
        # Loaded labels, collected by hand
        thugs\t2
        slammed

        rogue state\t1.5   # a phrase with a weight and a comment
        fear-monger*
        # the end

        """

    @Test func aWordListWithWeightsAndComments() throws {
        let outcome = words(Self.wordList, category: "Loaded labels", weight: 0.5)
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.yaml == """
            # Imported by `slant lexicon import --words` from words.txt on 2025-06-01. Check with `slant lexicon check`.

            lexicon: words
            kind: loaded
            version: 1
            description: "Imported from words.txt (word list) on 2025-06-01 by slant lexicon import: 4 entries, weights from the file's second column, 0.5 for words without one."
            categories:

              - id: loaded-labels
                label: Loaded labels
                description: Words and phrases of the word list words.txt.
                basis: "Imported from words.txt (word list) on 2025-06-01."
                default_weight: 0.5
                entries:
                  - entry: thugs
                    weight: 2.0
                  - slammed
                  - entry: rogue state
                    weight: 1.5
                  - fear-monger*

            """)
        let lexicon = try #require(outcome.lexicon)
        #expect(lexicon.categories[0].entries.map(\.weight) == [2.0, 0.5, 1.5, 0.5])
        #expect(lexicon.categories[0].entries[3].variants[0].words == [PatternWord("fear"), PatternWord("monger", isPrefix: true)])
        // Without --category, the category is named after the file.
        #expect(words("slammed\n", file: "lists/loaded_verbs.txt").lexicon?.categories.map(\.id) == ["loaded-verbs"])
    }

    @Test func wordListProblems() throws {
        let outcome = words("""
            thugs
            bad weight\t-1
            worse weight\tabc
            three\tcolumns\there
            C# developer
            *foo
            Thugs
            rogue-state
            rogue state
            top 10

            """)
        #expect(messages(outcome) == [
            "words.txt:2: warning: the weight `-1` of `bad weight` is not a positive number; line skipped",
            "words.txt:3: warning: the weight `abc` of `worse weight` is not a positive number; line skipped",
            "words.txt:4: warning: more than two columns (a word or phrase, then a weight); line skipped",
            "words.txt:5: warning: `C# developer` is not a valid pattern: unexpected `#` (patterns are words, with `*` only at the end of a word and `[...]` around context words); line skipped",
            "words.txt:6: warning: `*foo` is not a valid pattern: `*` must end a word (as in `separatis*`); line skipped",
            "words.txt:7: warning: `Thugs` is the same pattern as `thugs` (first on line 1); line skipped",
            "words.txt:9: warning: `rogue state` is the same pattern as `rogue-state` (first on line 8); line skipped",
            "words.txt:10: warning: `top 10` ends in a number, kept as a phrase; if the number is a weight, separate it from the word with a tab",
        ])
        #expect(try entries(outcome) == ["words": ["thugs", "rogue-state", "top 10"]])
        #expect(outcome.skippedLines == 7)
    }

    @Test func anEmptyWordListIsAnError() {
        #expect(messages(words("# only a comment\n\n")) == ["words.txt: error: the word list has no words"])
        #expect(messages(words("*foo\n")) == [
            "words.txt:1: warning: `*foo` is not a valid pattern: `*` must end a word (as in `separatis*`); line skipped",
            "words.txt: error: no usable words in the word list",
        ])
        #expect(words("").yaml == nil)
    }

    // MARK: - YAML

    @Test func scalarsAreQuotedWhenTheyCouldBeMisread() {
        #expect(LexiconYAML.scalar("loaded") == "loaded")
        #expect(LexiconYAML.scalar("don't") == "don't")
        #expect(LexiconYAML.scalar("kind* of") == "kind* of")
        #expect(LexiconYAML.scalar("Нагорн* Карабах*") == "Нагорн* Карабах*")
        #expect(LexiconYAML.scalar("*foo") == "\"*foo\"")
        #expect(LexiconYAML.scalar("a: b") == "\"a: b\"")
        #expect(LexiconYAML.scalar("yes") == "\"yes\"")
        #expect(LexiconYAML.scalar("No") == "\"No\"")
        #expect(LexiconYAML.scalar("12") == "\"12\"")
        #expect(LexiconYAML.scalar("say \"no\"") == "\"say \\\"no\\\"\"")
        #expect(LexiconYAML.scalar("tab\there\nand\\") == "\"tab\\there\\nand\\\\\"")
        #expect(LexiconYAML.scalar("bell\u{7}") == "\"bell\\u0007\"")
    }

    @Test func awkwardTextsSurviveTheRoundTrip() throws {
        let texts = [
            "a: b # not a comment", "#hashtag", "\"quoted\"", "'single'", "back\\slash", "*star", "- dash", "? question",
            "yes", "null", "~", "123", "1.5", "[flow]", "{map}", "&anchor", "!tag", "%percent", "@at", "`tick`", "a | b",
            "> folded", "ünïcödé", "emoji 😀", "line\nbreak", "tab\tinside", "para\u{2028}sep", "trailing:",
        ]
        let document = ImportedLexicon(
            id: "awkward", description: "A: description # with \"everything\"", headerComments: ["a comment\nwith a line break"],
            categories: texts.enumerated().map { index, text in
                ImportedLexicon.Category(
                    id: "c\(index)", label: text, description: text, basis: text, defaultWeight: 1,
                    entries: [ImportedLexicon.Entry(text: "word\(index)", comment: text)])
            })
        let lexicon = try LexiconLoader.parse(yaml: document.yaml, path: "awkward.yaml")
        #expect(lexicon.description == "A: description # with \"everything\"")
        #expect(lexicon.categories.map { $0.label ?? "" } == texts)
        #expect(lexicon.categories.map { $0.basis ?? "" } == texts)
        #expect(lexicon.categories.flatMap(\.entries).map(\.entry) == texts.indices.map { "word\($0)" })
    }

    // MARK: - Round trip

    @Test func importParseAndTagASentence() throws {
        let outcome = liwc(Self.dictionary, categories: ["anger", "posemo"])
        let lexicon = try LexiconLoader.parse(yaml: try #require(outcome.yaml), path: "mini.yaml")
        let text = "The furious crowd hated the plan. Damn it, they loved it, kind of, and left happy."
        let layer = SegmentStage.segment(text, blocks: SegmentStage.paragraphRanges(text))
        let article = Article(source: SourceLocator(path: "t"), metadata: DocumentMetadata(), body: text, blocks: [])
        let tagged = try TagStage(lexicons: [lexicon]).process(SegmentedArticle(article: article, body: layer, comments: []))
        let found = tagged.loaded.map { "\($0.category)/\($0.entry)=\($0.text)" }
        #expect(found == [
            "anger/furious=furious", "anger/hate*=hated", "anger/damn*=Damn", "posemo/lov*=loved", "posemo/kind* of=kind of",
            "posemo/happy=happy",
        ])
        #expect(tagged.loaded.allSatisfy { $0.weight == 1.0 })
    }

    @Test func wordListWeightsReachTheMatches() throws {
        let outcome = words(Self.wordList, category: "labels")
        let lexicon = try LexiconLoader.parse(yaml: try #require(outcome.yaml), path: "words.yaml")
        let text = "Officials slammed the rogue state and its fear-mongering thugs."
        let layer = SegmentStage.segment(text, blocks: SegmentStage.paragraphRanges(text))
        let article = Article(source: SourceLocator(path: "t"), metadata: DocumentMetadata(), body: text, blocks: [])
        let tagged = try TagStage(lexicons: [lexicon]).process(SegmentedArticle(article: article, body: layer, comments: []))
        #expect(tagged.loaded.map { "\($0.entry)=\($0.text)@\($0.weight)" } == [
            "slammed=slammed@1.0", "rogue state=rogue state@1.5", "fear-monger*=fear-mongering@1.0", "thugs=thugs@2.0",
        ])
    }
}

/// `--all-categories`: a word of several categories kept in each (an entry of the first, `also_in:` the others).
@Suite struct LexiconImportAllCategoriesTests {
    /// Non-hierarchical categories, as in the Moral Foundations Dictionary: words shared between foundations.
    static let dictionary = """
        %
        1\tcare
        2\tfairness
        3\tloyalty
        %
        protect*\t1
        brutal\t1\t2
        justice\t2
        unfair*\t2\t1
        betray*\t3\t2
        traitor\t3\t2

        """

    func outcome(_ all: Bool, categories: [String] = []) -> LexiconImport.Outcome {
        LexiconImport.liwc(
            Self.dictionary,
            options: .init(path: "mfd.dic", date: "2025-06-01", categories: categories, allCategories: all))
    }

    @Test func everyWordIsKeptInEveryCategoryItBelongsTo() throws {
        let outcome = outcome(true)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        let yaml = try #require(outcome.yaml)
        #expect(yaml.contains("      - entry: brutal\n        also_in: [fairness]\n"))
        #expect(yaml.contains("      - entry: unfair*\n        also_in: [fairness]\n"))
        // loyalty's words are both fairness words too (fairness comes first): one of them moves home to loyalty.
        #expect(yaml.contains("      - entry: betray*\n        also_in: [fairness]\n"))
        #expect(yaml.contains("      - entry: traitor\n        also_in: [loyalty]\n"))
        #expect(outcome.summary == "mfd.dic: imported 6 entries in 3 categories; 0 lines skipped, 0 warnings; 4 words of several categories kept in all of them (also_in)")
        let lexicon = try #require(outcome.lexicon)
        let entries = lexicon.categories.flatMap { category in category.entries.map { (category.id, $0.entry, $0.alsoIn) } }
        #expect(entries.map { "\($0.0)/\($0.1)/\($0.2.joined(separator: "+"))" } == [
            "care/protect*/", "care/brutal/fairness", "care/unfair*/fairness", "fairness/justice/", "fairness/traitor/loyalty",
            "loyalty/betray*/fairness",
        ])
    }

    @Test func withoutTheFlagAWordGoesToItsFirstCategoryOnly() throws {
        let yaml = try #require(outcome(false).yaml)
        #expect(!yaml.contains("also_in"))
        #expect(yaml.contains("      - brutal  # also in: fairness (2)\n"))
    }

    @Test func aCategoryWhoseWordsAreAllSharedStillGetsOne() throws {
        // With fairness first, loyalty's two words are both fairness words: one moves home to loyalty.
        let outcome = outcome(true, categories: ["fairness", "loyalty"])
        let lexicon = try #require(outcome.lexicon, "\(outcome.diagnostics)")
        #expect(lexicon.categories.map(\.id) == ["fairness", "loyalty"])
        let loyalty = try #require(lexicon.categories.last)
        #expect(loyalty.entries.map(\.entry) == ["betray*"])
        #expect(loyalty.entries.first?.alsoIn == ["fairness"])
    }

    @Test func alsoInMustNameAnotherCategoryOfTheLexicon() {
        let yaml = """
            lexicon: x
            kind: loaded
            version: 1
            categories:
              - id: a
                entries:
                  - entry: one
                    also_in: [b, a, nowhere]
              - id: b
                entries: [two]
            """
        do {
            _ = try LexiconLoader.parse(yaml: yaml, path: "x.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.description) == [
                "x.yaml:8:22: error: `one` is an entry of `a` already; `also_in` lists the other categories it belongs to",
                "x.yaml:8:25: error: unknown category `nowhere` in `also_in` of `one`; categories: a, b",
            ])
        }
    }
}
