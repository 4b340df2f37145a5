import Foundation
import Testing

/// `slant kwic` finds what the matcher found however the query is written, by term, text or id,
/// prints each place once with what tagged it, and quotes the sentence as written.
@Suite(.serialized) struct ConcordanceTests {
    nonisolated(unsafe) static let project: TemporaryDirectory? = {
        guard let directory = try? bundledProject(), (try? SlantProcess.run(["run"], in: directory.url))?.status == 0 else { return nil }
        return directory
    }()

    private func kwic(_ arguments: [String]) throws -> SlantProcess.Output {
        let directory = try #require(Self.project)
        let result = try SlantProcess.run(["kwic"] + arguments, in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    @Test func theQueryIsNormalisedAsTheMatcherNormalisesWords() throws {
        let hyphen = try kwic(["Nagorno-Karabakh", "--json"]).lines
        #expect(!hyphen.isEmpty)
        for spelling in ["Nagorno Karabakh", "Nagorno–Karabakh", "nagorno-karabakh", "Nagorno-Karabakh's"] {
            #expect(try kwic([spelling, "--json"]).lines == hyphen, "\(spelling)")
        }
        #expect(try kwic(["Artsakh’s", "--json"]).lines == (try kwic(["Artsakh", "--json"]).lines))
    }

    @Test func familiesCategoriesStancesAndLexiconsAreQueriesToo() throws {
        let family = try kwic(["territorial-status", "--json"]).lines.map(jsonObject)
        #expect(!family.isEmpty)
        #expect(family.allSatisfy { $0["family"] as? String == "territorial-status" })
        let stance = try kwic(["armenian", "--json", "--outlet", "Asbarez"]).lines.map(jsonObject)
        #expect(!stance.isEmpty)
        let lexicon = try kwic(["karabakh-terminology", "--json", "--outlet", "Asbarez"]).lines.map(jsonObject)
        #expect(lexicon.count >= stance.count)
        #expect(lexicon.allSatisfy { $0["lexicon"] as? String == "karabakh-terminology" })
    }

    @Test func eachPlaceIsPrintedOnceWithEverythingThatTaggedIt() throws {
        let lines = try kwic(["karabakh-terminology", "--json"]).lines.map(jsonObject)
        let places = lines.map { "\($0["source"] ?? "") \($0["comment"] ?? "-") \($0["start"] ?? "") \($0["end"] ?? "")" }
        #expect(Set(places).count == places.count)
        #expect(lines.allSatisfy { !(($0["tagged_by"] as? [String]) ?? []).isEmpty })
    }

    @Test func theSentenceIsQuotedAsWrittenWithoutAddedSpaces() throws {
        let line = try #require(try kwic(["occupied", "--voice", "scare-quoted"]).lines.first)
        #expect(line.contains("give up “[occupied]” land"), "\(line)")
        #expect(line.contains("Outlet C 2020-10-14 authorial-distanced · karabakh-terminology territorial-status/occupied"))
    }

    @Test func theReportsVoiceNamesAreAccepted() throws {
        #expect(try kwic(["Artsakh", "--voice", "own", "--json"]).lines == (try kwic(["Artsakh", "--voice", "authorial", "--json"]).lines))
        let comments = try kwic(["Artsakh", "--voice", "comment"]).lines
        #expect(comments.allSatisfy { $0.contains(" comment ") })
    }
}
