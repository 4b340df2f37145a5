import Foundation
import SlantClean
import SlantCore

/// Paths of the package and of `../shared`, found from this file's location.
enum Paths {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shared = package.deletingLastPathComponent().appendingPathComponent("shared")
    static let fixtures = package.appendingPathComponent("Tests/Fixtures")
    static let corpus = package.appendingPathComponent("corpus")
}

/// Cleans HTML given as a string (or bytes) the way the pipeline does.
func clean(html: String, path: String = "page.html") throws(DocumentError) -> Article {
    try clean(bytes: Array(html.utf8), path: path)
}

func clean(bytes: [UInt8], path: String = "page.html", format: DocumentFormat = .html) throws(DocumentError) -> Article {
    try CleanStage().process(RawDocument(source: SourceLocator(path: path), format: format, bytes: bytes))
}

/// White space as a reader sees it: runs (no-break spaces included) collapsed.
func normalized(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{00A0}", with: " ").split(whereSeparator: { $0 == " " || $0 == "\n" })
        .joined(separator: " ")
}
