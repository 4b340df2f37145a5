import Foundation
import SlantClean
import SlantCore

public enum DevExtract {
    public static func run(_ paths: [String]) -> Int32 {
        var failed = false
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { failed = true; continue }
            let document = RawDocument(source: SourceLocator(path: path), format: .html, bytes: [UInt8](data))
            var object: [String: Any] = ["source": path]
            do {
                let article = try CleanStage().process(document)
                object["text"] = article.body
                object["title"] = article.metadata.title ?? NSNull()
                object["published"] = article.metadata.published ?? NSNull()
                object["byline"] = article.metadata.byline ?? NSNull()
                object["site"] = article.metadata.site ?? NSNull()
                object["url"] = article.metadata.url ?? NSNull()
                object["language"] = article.metadata.language ?? NSNull()
                object["comments"] = article.comments.map { ["author": ($0.author as Any?) ?? NSNull(), "text": $0.text] as [String: Any] }
                object["error"] = NSNull()
            } catch {
                object["error"] = error.description
                failed = true
            }
            if let line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                FileHandle.standardOutput.write(line)
                FileHandle.standardOutput.write(Data("\n".utf8))
            }
        }
        return failed ? 1 : 0
    }
}
