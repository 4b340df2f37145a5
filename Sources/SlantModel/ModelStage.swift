import SlantCore

/// The model stage: every configured sentence model's predictions for the sentences of a tagged
/// article, counted by voice (``ModelCount``). A pure function of the article and the model files;
/// which model covers which article (by language) is decided at aggregation, as for lexicons.
///
/// Each sentence is read once per voice its words are in (the words of that voice, in order, are
/// the voice's sentence); words in scare quotes in the outlet's own sentence are left out of it
/// (mentioned, not adopted); every sentence of a reader comment is in the comment voice.
public struct ModelStage: Stage {
    public typealias Input = TaggedArticle
    public typealias Output = [ModelCount]

    public static let name = "model"
    public static let version = 1

    public let classifiers: [SentenceClassifier]

    public init(classifiers: [SentenceClassifier]) { self.classifiers = classifiers }

    /// The models' ids and file digests, in configuration order: a changed model file changes the key.
    public var configurationDigest: ContentDigest {
        ContentDigest(ofParts: [Self.name] + classifiers.flatMap { [$0.id, $0.digest.hex] })
    }

    public func process(_ input: TaggedArticle) throws(DocumentError) -> [ModelCount] {
        guard !classifiers.isEmpty else { return [] }
        var parts = Self.voiceSentences(input.segmented.body, comment: false)
        for comment in input.segmented.comments { parts += Self.voiceSentences(comment, comment: true) }
        var counts: [ModelCount] = []
        for classifier in classifiers {
            var tally: [VoiceKey: (sentences: Int, loaded: Int)] = [:]
            for part in parts {
                var entry = tally[part.voice] ?? (0, 0)
                entry.sentences += 1
                if classifier.isLoaded(classifier.probability(words: part.words)) { entry.loaded += 1 }
                tally[part.voice] = entry
            }
            for voice in tally.keys.sorted() {
                guard let entry = tally[voice] else { continue }
                counts.append(ModelCount(model: classifier.id, voice: voice, sentences: entry.sentences, loaded: entry.loaded))
            }
        }
        return counts
    }

    /// One sentence's words in one voice.
    public struct VoiceSentence: Sendable, Hashable {
        public var sentence: Int
        public var voice: VoiceKey
        public var words: [String]
    }

    /// The sentences of a text layer split by voice, in sentence order and, within a sentence, in the
    /// order each voice first occurs. Punctuation is not a word; distanced words are left out.
    public static func voiceSentences(_ layer: TextLayer, comment: Bool) -> [VoiceSentence] {
        var result: [VoiceSentence] = []
        var text = layer.text
        text.withUTF8 { bytes in
            var current: [VoiceKey: Int] = [:]
            var sentence = -1
            for (index, token) in layer.tokens.enumerated() where token.kind != .punctuation {
                if Int(token.sentence) != sentence {
                    sentence = Int(token.sentence)
                    current = [:]
                }
                let tokenVoice = index < layer.voices.count ? layer.voices[index] : .authorial
                if !comment, tokenVoice.voice == .authorial, tokenVoice.distanced { continue }
                let voice = comment ? VoiceKey.comment : VoiceKey(tokenVoice.voice)
                let start = Int(token.start)
                let end = Int(token.end)
                guard start >= 0, start <= end, end <= bytes.count else { continue }
                let word = token.kind == .number
                    ? SentenceFeatures.number : SentenceFeatures.word(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                if let position = current[voice] {
                    result[position].words.append(word)
                } else {
                    current[voice] = result.count
                    result.append(VoiceSentence(sentence: sentence, voice: voice, words: [word]))
                }
            }
        }
        return result
    }
}
