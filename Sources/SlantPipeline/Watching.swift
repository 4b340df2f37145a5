import Foundation
import SlantCore
import SlantIngest

/// What `slant watch` polls: the size and modification time of every source file, of the
/// configuration and of the lexicons. A poll only lists and `stat`s files, so it is cheap; the
/// command runs the pipeline when the snapshot changes (and again after a run that failed).
public enum Watching {
    public static func snapshot(_ configuration: PipelineConfiguration, configurationPath: String) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        let discovery = (try? FileDiscovery().files(for: configuration)) ?? Discovery()
        for file in discovery.files { stamps[file.absolutePath] = FileStamp.of(file.absolutePath) }
        stamps[configurationPath] = FileStamp.of(configurationPath)
        for lexicon in configuration.lexicons {
            let path = configuration.resolve(lexicon.path)
            stamps[path] = FileStamp.of(path)
        }
        return stamps
    }
}
