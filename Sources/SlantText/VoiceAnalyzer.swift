import SlantCore

/// Finds quotations, their speakers, reported speech and scare quotes, and gives every token its voice.
///
/// The pass, linear in the number of tokens (every look-around is bounded):
/// 1. ``QuotationFinder`` pairs quotation marks into quotations (nested, over paragraphs,
///    unbalanced ones cut at the end of their line).
/// 2. ``ReportedSpeechFinder`` finds verbs of saying and "according to" in the outlet's own
///    text, with their speakers (titles stripped, pronouns resolved) and reported content.
/// 3. Each top-level quotation gets a speaker, first rule that applies:
///    - after it: `“…,” Zakharova said`, `“…,” said Peskov`, `«…», — заявил Песков`, `“…” - WS`;
///    - before it: `X said: “…”`, `X added that “…”`, `X said “…”`, `X called for “…”`,
///      `according to X, “…”`, `X told parliament, “…”` after `“…,” X told parliament`,
///      `Erdogan: “…”`, and a label verb with a short object, `X called it “…”` (the word is
///      X's: quoted, not scare);
///    - around it: inside reported content, the reporter's speaker
///      (`the ministry said only that its diplomat travelled 'for consultations'`,
///      `The Armenian military denied that this statement was a “cynic lie.”`);
///    - a quotation that opens the sentence right after an attributed quotation continues that
///      speaker (`“…,” Erdogan said. “Just give them …”`).
///    Failing all of these, a quotation of at most three words in a sentence that has words of
///    the outlet's own is a scare quote (`called for Armenia to give up “occupied” land`): its
///    words stay authorial, marked distanced, with no speaker. Anything longer is quoted with no
///    speaker.
/// 4. Voices: tokens of a quotation (marks included) are `quoted` with its speaker, or
///    `authorial` and distanced for a scare quote; tokens of reported content outside
///    quotations are `attributed`; everything else is `authorial`. Nested quotations take the
///    voice and speaker of the outermost one (the words are that speaker's).
///
/// Judgement calls:
/// - Headlines follow the body's rules: in "Azerbaijan Calls Russian Statement … ‘One-Sided’"
///   the label verb makes the word Azerbaijan's (quoted), as in "who called it “one-sided”".
/// - When an attribution follows a quotation (`“…,” X said`), the outlet's words before the
///   quotation in the same clause are reported by X too ("Russia called on the parties to the
///   Karabakh conflict to “…,” Zakharova told reporters"); the attribution itself ("X said")
///   and what follows are authorial.
/// - A quotation right after a verb of saying and its preposition (`called for “restraint”`)
///   is the speaker's word; inside a paraphrase of the outlet's own
///   (`called for Armenia to give up “occupied” land`) it is distanced.
/// - A quotation that a verb introduces is the whole content: `said “we will win” and left`
///   leaves "and left" authorial.
/// - Unresolved pronouns are kept as written ("he").
public enum VoiceAnalyzer {
    /// Longest quotation, in words, that can be a scare quote.
    static let maximumScareWords = 3

    /// Fills `quotations`, `attributions`, `voices` and `speakers` of a segmented layer.
    public static func annotate(_ layer: inout TextLayer) {
        layer.quotations = []
        layer.attributions = []
        layer.speakers = []
        layer.voices = Array(repeating: .authorial, count: layer.tokens.count)
        guard !layer.tokens.isEmpty else { return }
        let string = layer.text
        if string.utf8.withContiguousStorageIfAvailable({ bytes in annotate(&layer, bytes) }) == nil {
            let bytes = Array(string.utf8)
            bytes.withUnsafeBufferPointer { annotate(&layer, $0) }
        }
    }

    private static func annotate(_ layer: inout TextLayer, _ bytes: UnsafeBufferPointer<UInt8>) {
        let sentences = layer.sentences
        guard
            let text = VoiceText(
                bytes: bytes, tokens: layer.tokens,
                paragraphOfSentence: { index in
                    let index = Int(index)
                    return index >= 0 && index < sentences.count ? sentences[index].paragraph : -1
                })
        else { return }
        var analysis = Analysis(text: text)
        analysis.run()
        layer.quotations = analysis.quotations
        layer.attributions = analysis.attributions
        layer.voices = analysis.voices
        layer.speakers = analysis.speakers
    }
}

/// One text's voice analysis.
private struct Analysis {
    let text: VoiceText
    let quotes: [QuoteSpan]
    let topQuote: [Int32]
    var cues: [SpeechCue] = []

    var quotations: [Quotation] = []
    var attributions: [Attribution] = []
    var voices: [TokenVoice]
    var speakers: [String] = []
    private var speakerIndex: [String: Int32] = [:]

    init(text: VoiceText) {
        self.text = text
        quotes = QuotationFinder.find(text)
        var topQuote = [Int32](repeating: -1, count: text.count)
        for (index, quote) in quotes.enumerated() where !quote.isNested {
            for token in quote.all { topQuote[token] = Int32(index) }
        }
        self.topQuote = topQuote
        voices = Array(repeating: .authorial, count: text.count)
    }

    private mutating func speakerID(_ name: SpeakerName?) -> Int32 {
        guard let name = name?.text, !name.isEmpty else { return -1 }
        if let id = speakerIndex[name] { return id }
        let id = Int32(speakers.count)
        speakers.append(name)
        speakerIndex[name] = id
        return id
    }

    mutating func run() {
        let finder = ReportedSpeechFinder(text: text, quotes: quotes, topQuote: topQuote)
        cues = finder.find()
        let count = text.count

        // Token → cue lookups, and the cue whose content holds each token (later cues win).
        var cueAtVerb = [Int32](repeating: -1, count: count)
        var cueAtSubject = [Int32](repeating: -1, count: count)
        var cueIntroducing = [Int32](repeating: -1, count: count)
        var attributedBy = [Int32](repeating: -1, count: count)
        for (index, cue) in cues.enumerated() {
            let id = Int32(index)
            cueAtVerb[cue.cue.lowerBound] = id
            if let subject = cue.subject, cue.followsQuote { cueAtSubject[subject.lowerBound] = id }
            if let open = cue.introducedQuote { cueIntroducing[open] = id }
            if let content = cue.content {
                for token in content { attributedBy[token] = id }
            }
        }

        // Speakers of top-level quotations.
        let reader = SpeakerReader(text: text, topQuote: topQuote)
        var quoteSpeaker = [SpeakerName?](repeating: nil, count: quotes.count)
        var quoteIsScare = [Bool](repeating: false, count: quotes.count)
        var previousAttributed: (speaker: SpeakerName, sentence: Int32)?
        for (index, quote) in quotes.enumerated() where !quote.isNested {
            var speaker: SpeakerName?
            var attributionSentence = text.sentence[quote.close]
            // After: “…,” X said / said X / — X.
            if quote.isBalanced {
                var next = quote.close + 1
                var skipped = 0
                while next < count, skipped < 2, topQuote[next] < 0, text.is(next, [.comma, .dash]) {
                    next += 1
                    skipped += 1
                }
                if next < count, !text.is(next, .lineStart) {
                    var cue = cueAtSubject[next]
                    if cue < 0, cueAtVerb[next] >= 0, cues[Int(cueAtVerb[next])].followsQuote { cue = cueAtVerb[next] }
                    if cue >= 0 {
                        speaker = cues[Int(cue)].speaker
                        attributionSentence = text.sentence[cues[Int(cue)].cue.lowerBound]
                    } else if skipped > 0, text.is(next - 1, .dash) {
                        speaker = dashSignature(from: next, reader: reader)
                    }
                }
            }
            // Before: X said: “…” / X added that “…” / according to X, “…” / X called it “…”.
            if speaker == nil, cueIntroducing[quote.open] >= 0 {
                speaker = cues[Int(cueIntroducing[quote.open])].speaker
            }
            if speaker == nil { speaker = headlineSpeaker(quote, reader: reader) }
            // Around: inside reported content.
            if speaker == nil, attributedBy[quote.open] >= 0 {
                speaker = cues[Int(attributedBy[quote.open])].speaker
            }
            // Continuing: the sentence before attributed a quotation.
            let sentence = text.sentence[quote.open]
            if speaker == nil, let previous = previousAttributed, previous.sentence == sentence - 1 || previous.sentence == sentence,
                opensSentence(quote.open)
            {
                speaker = previous.speaker
            }
            if let speaker {
                quoteSpeaker[index] = speaker
                previousAttributed = (speaker, attributionSentence)
            } else if text.wordCount(quote.inner) <= VoiceAnalyzer.maximumScareWords, hasOwnWords(around: quote) {
                quoteIsScare[index] = true
            }
        }

        // Voices: reported content first, quotations over it.
        for cue in cues {
            guard let content = cue.content else { continue }
            let id = speakerID(cue.speaker)
            var unquotedWords = 0
            for token in content where topQuote[token] < 0 {
                voices[token] = TokenVoice(voice: .attributed, speaker: id, sourced: cue.sourced)
                if text.isWordOrNumber(token) { unquotedWords += 1 }
            }
            if unquotedWords > 0 {
                attributions.append(
                    Attribution(
                        start: Int(text.tokens[content.lowerBound].start), end: Int(text.tokens[content.upperBound - 1].end),
                        speaker: cue.speaker?.text, cue: text.text(cue.cue.lowerBound..<(cue.cue.upperBound + 1))))
            }
        }
        for (index, quote) in quotes.enumerated() {
            let top = quote.isNested ? Int(topQuote[quote.open]) : index
            let speaker = top >= 0 ? quoteSpeaker[top] : nil
            let isScare = !quote.isNested && quoteIsScare[index]
            quotations.append(
                Quotation(
                    start: Int(text.tokens[quote.open].start), end: Int(text.tokens[quote.close].end), speaker: speaker?.text,
                    isScare: isScare, isBalanced: quote.isBalanced))
            guard !quote.isNested else { continue }
            let voice =
                isScare
                ? TokenVoice(voice: .authorial, speaker: -1, distanced: true)
                : TokenVoice(voice: .quoted, speaker: speakerID(speaker))
            for token in quote.all { voices[token] = voice }
        }
    }

    /// `“…” - WS`: a short capitalized signature after a dash, ending its line or sentence.
    private func dashSignature(from start: Int, reader: SpeakerReader) -> SpeakerName? {
        var index = start
        while index < text.count, index - start < 5, !text.is(index, .lineStart) || index == start,
            topQuote[index] < 0, text.isWord(index), text.is(index, .capitalized)
        {
            index += 1
        }
        guard index > start, index - start <= 4 else { return nil }
        guard index == text.count || text.is(index, [.lineStart, .terminal]) else { return nil }
        return reader.name(of: start..<index)
    }

    /// `Erdogan: “…”`: a name alone before a colon at the start of the sentence.
    private func headlineSpeaker(_ quote: QuoteSpan, reader: SpeakerReader) -> SpeakerName? {
        let colon = quote.open - 1
        guard colon > 0, topQuote[colon] < 0, text.is(colon, .colon) else { return nil }
        let first = text.sentenceBounds(of: colon).first
        guard colon - first >= 1, colon - first <= 4 else { return nil }
        for index in first..<colon where !(text.isWord(index) && text.is(index, .capitalized)) { return nil }
        let name = reader.name(of: first..<colon)
        return name.isPerson ? name : nil
    }

    /// Whether the quotation opens its sentence (only punctuation before it).
    private func opensSentence(_ open: Int) -> Bool {
        let first = text.sentenceBounds(of: open).first
        return text.wordCount(first..<open) == 0
    }

    /// Whether the sentences of a quotation hold words of the outlet's own outside it.
    private func hasOwnWords(around quote: QuoteSpan) -> Bool {
        let first = text.sentenceBounds(of: quote.open).first
        let last = text.sentenceBounds(of: quote.close).last
        return text.wordCount(first..<(last + 1)) > text.wordCount(quote.open..<(quote.close + 1))
    }
}
