import Foundation
import SlantCore
import SlantMeasure

/// The stop lists of a run: the bundled Snowball lists, each replaced (or removed, with `none`)
/// by the configuration's `statistics.keyness.stopwords` entry for its language, plus lists for other languages.
public enum StopListFiles {
    /// Why a configured stop list could not be read.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(for configuration: PipelineConfiguration) throws(Failure) -> [StopList] {
        var lists = Dictionary(StopList.bundled.map { ($0.language, $0) }, uniquingKeysWith: { first, _ in first })
        for configured in configuration.settings.statistics.stopwords {
            let language = LanguageCode.primary(configured.language)
            guard let path = configured.path else {
                lists[language] = nil
                continue
            }
            let resolved = configuration.resolve(path)
            guard let data = FileManager.default.contents(atPath: resolved), let text = String(data: data, encoding: .utf8) else {
                throw Failure(description: "\(configured.location): error: cannot read the stop list `\(path)` (no such file, not readable, or not UTF-8)")
            }
            lists[language] = StopList(language: language, source: path, words: StopList.words(inSnowballFormat: text))
        }
        return lists.values.sorted { $0.language < $1.language }
    }
}
