import Foundation
@testable import SlantPipeline
import Testing

/// The lexicons compiled into the binary are the files of `lexicons/`, byte for byte.
@Suite struct BundledLexiconTests {
    @Test func theBinaryCarriesEveryLexiconFileAsItIs() throws {
        let directory = SlantProcess.package.appendingPathComponent("lexicons")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(LexiconFiles.bundledFiles.map(\.name) == names, "run scripts/embed-lexicons")
        for file in LexiconFiles.bundledFiles {
            let text = try String(contentsOf: directory.appendingPathComponent(file.name), encoding: .utf8)
            #expect(file.text == text, "lexicons/\(file.name) differs from its bundled copy: run scripts/embed-lexicons")
        }
    }

    @Test func theBundledLexiconsLoadWithTheDigestsOfTheirFiles() throws {
        let bundled = LexiconFiles.bundled()
        #expect(bundled.count == LexiconFiles.bundledFiles.count)
        let directory = SlantProcess.package.appendingPathComponent("lexicons")
        let files = try LexiconFiles.load(LexiconFiles.bundledFiles.map { directory.appendingPathComponent($0.name).path })
        #expect(bundled.map(\.digest) == files.map(\.digest))
        #expect(bundled.map(\.path) == LexiconFiles.bundledFiles.map { "bundled:" + $0.name })
    }
}
