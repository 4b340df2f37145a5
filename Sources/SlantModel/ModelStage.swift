import SlantCore

/// The model stage: every configured sentence model's predictions for the sentences of a tagged
/// article, counted by voice (``ModelCount``). A pure function of the article and the model files;
/// which model covers which article (by language) is decided at aggregation, as for lexicons.
///
/// Each sentence is read once per voice its words are in (the words of that voice, in order, are
/// the voice's sentence); words in scare quotes in the outlet's own sentence are left out of it
/// (mentioned, not adopted); every sentence of a reader comment is in the comment voice; the
/// headline's and the standfirst's sentences are in the headline voice, with only the outlet's own
/// words (their quotations, reported speech and scare quotes are never its headline choice).
public struct ModelStage: Stage {
    public typealias Input = TaggedArticle
    public typealias Output = [ModelCount]

    public static let name = "model"
    /// 2: the headline and standfirst read, in voice `headline`.
    public static let version = 2

    public let classifiers: [SentenceClassifier]

    public init(classifiers: [SentenceClassifier]) { self.classifiers = classifiers }

    /// The models' ids and file digests, in configuration order: a changed model file changes the key.
    public var configurationDigest: ContentDigest {
        ContentDigest(ofParts: [Self.name] + classifiers.flatMap { [$0.id, $0.digest.hex] })
    }

    public func process(_ input: TaggedArticle) throws(DocumentError) -> [ModelCount] {
        guard !classifiers.isEmpty else { return [] }
        let segmented = input.segmented
        var parts = Self.voiceSentences(segmented.body, in: .body)
        for comment in segmented.comments { parts += Self.voiceSentences(comment, in: .comment) }
        for part in HeadlinePart.allCases {
            guard let layer = segmented.layer(part) else { continue }
            parts += Self.voiceSentences(layer, in: .heading)
        }
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

    /// Which text of an article a layer is, for the voice its sentences are read in.
    public enum Place: Sendable {
        /// The body: each word in its own voice.
        case body
        /// A reader comment: every word in the comment voice.
        case comment
        /// The headline or the standfirst: the outlet's own words, in the headline voice.
        case heading
    }

    /// The sentences of a text layer split by voice, in sentence order and, within a sentence, in the
    /// order each voice first occurs. Punctuation is not a word; distanced words are left out of the
    /// outlet's own sentences, and a headline keeps only the outlet's own words.
    public static func voiceSentences(_ layer: TextLayer, in place: Place) -> [VoiceSentence] {
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
                let voice: VoiceKey
                switch place {
                case .comment:
                    voice = .comment
                case .body:
                    if tokenVoice.voice == .authorial, tokenVoice.distanced { continue }
                    voice = VoiceKey(tokenVoice.voice)
                case .heading:
                    guard tokenVoice.voice == .authorial, !tokenVoice.distanced else { continue }
                    voice = .headline
                }
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
