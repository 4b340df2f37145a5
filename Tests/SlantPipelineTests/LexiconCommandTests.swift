import Foundation
import Testing

@Suite struct LexiconCommandTests {
    @Test func theBundledLexiconsAreValid() throws {
        let result = try SlantProcess.run(["lexicon", "check", "lexicons/karabakh.yaml", "lexicons/loaded-language.en.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.count == 2)
        #expect(result.lines[0].hasPrefix("lexicons/karabakh.yaml: ok — terminology `karabakh-terminology`"))
        #expect(result.lines[1].hasPrefix("lexicons/loaded-language.en.yaml: ok — loaded language `loaded-language-en`"))
    }

    @Test func aBadLexiconIsRefusedWithFileLineAndReasonAndTheOthersAreStillChecked() throws {
        let directory = try TemporaryDirectory()
        let bad = try directory.write("bad.yaml", """
            lexicon: bad
            kind: terminology
            version: 1
            stances: {armenian: A}
            families:
              - id: empty
                terms: []
              - id: names
                terms:
                  - term: Artsakh
                    stance: armenain
                    variants: [Artsakh, "*sakh"]
            """)
        let result = try SlantProcess.run(["lexicon", "check", bad.path, "lexicons/karabakh.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.yaml:7:12: error: family `empty` is empty"))
        #expect(result.stderr.contains("bad.yaml:11:17: error: unknown stance `armenain`; declared stances: armenian"))
        #expect(result.stderr.contains("bad.yaml:12:29: error: malformed pattern `*sakh`"))
        #expect(result.stdout.contains("lexicons/karabakh.yaml: ok"))
    }

    @Test func analyzeRefusesABadLexiconWithUsageStatus() throws {
        let directory = try TemporaryDirectory()
        let bad = try directory.write("bad.yaml", "lexicon: x\n")
        let result = try SlantProcess.run(["analyze", "--lexicon", bad.path, "corpus/text/000_09fa5d5743d8f8bc.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.yaml:1:1: error: missing `kind:`"))
    }
}

@Suite struct AnalyzeInputTests {
    @Test func jsonLinesRecordsKeepTheirIdAndOutletAndBadLinesFailAlone() throws {
        let directory = try TemporaryDirectory()
        let feed = try directory.write("feed.jsonl", """
            {"id": "a1", "outlet": "Wire", "url": "https://wire.example/a1", "published": "2020-10-01", "title": "One", "text": "Armenian separatists said the occupied region was calm."}
            {"id": 7, "outlet": "Daily", "html": "<html><body><article><p>Officials in Stepanakert said the shelling of the city went on overnight, and that civilians sheltered in basements.</p></article></body></html>"}
            not json
            """)
        let result = try SlantProcess.run(["analyze", "--json", "--config", "pipeline.yaml", feed.path])
        #expect(result.status == 1)
        let lines = result.lines.map(jsonObject)
        #expect(lines.count == 3)
        #expect(lines[0]["id"] as? String == "a1")
        #expect(lines[0]["outlet"] as? String == "Wire")
        #expect(lines[0]["published"] as? String == "2020-10-01")
        let first = (lines[0]["terms"] as? [[String: Any]] ?? []).map { "\($0["term"] ?? "")/\($0["voice"] ?? "")" }
        #expect(first == ["separatists/authorial", "occupied/attributed"])
        #expect(lines[1]["id"] as? String == "7")
        #expect(lines[1]["outlet"] as? String == "Daily")
        #expect((lines[1]["terms"] as? [[String: Any]])?.first?["term"] as? String == "Stepanakert")
        #expect((lines[2]["source"] as? String)?.hasSuffix("feed.jsonl:3") == true)
        #expect(lines[2]["error_code"] as? String == "malformed-record")
    }
}
