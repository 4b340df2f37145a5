/// What one sentence model (`models:` in pipeline.yaml) predicted in one voice of one article: how
/// many sentences it read in that voice, and how many of them it predicted loaded.
///
/// A sentence is read once per voice its words are in: the words of one voice (in order) are that
/// voice's sentence, so that a loaded quotation inside an outlet's sentence counts for the quoted
/// voice, not for the outlet. Words in scare quotes in the outlet's own sentence (distanced) are
/// mentioned, not adopted, and are left out of the outlet's sentence.
public struct ModelCount: Sendable, Hashable, Codable {
    /// The model's id.
    public var model: String
    public var voice: VoiceKey
    /// Sentences with at least one word in this voice.
    public var sentences: Int
    /// Of those, the ones predicted loaded.
    public var loaded: Int

    public init(model: String, voice: VoiceKey, sentences: Int, loaded: Int) {
        self.model = model
        self.voice = voice
        self.sentences = sentences
        self.loaded = loaded
    }
}

extension ArticleMeasures {
    /// The sentence models' counts, by model and voice (empty when the configuration names no model).
    public var modelCounts: [ModelCount] {
        get { storedModelCounts ?? [] }
        set { storedModelCounts = newValue.isEmpty ? nil : newValue }
    }
}
