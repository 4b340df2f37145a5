/// A verb of saying (or "according to") in the outlet's own text, with its speaker and what it reports.
struct SpeechCue {
    /// First and last token of the cue ("says"; "according to").
    var cue: ClosedRange<Int>
    /// The tokens that name the speaker.
    var subject: Range<Int>?
    var speaker: SpeakerName?
    /// Reported content: tokens whose voice is the speaker's (quotations inside keep their own).
    var content: Range<Int>?
    /// The opening mark of a quotation the cue introduces: `said: “`, `said that “`, `called it “`.
    var introducedQuote: Int?
    /// The subject (or, inverted, the verb) comes right after a closing quotation mark: `“…,” Zakharova said`.
    var followsQuote: Bool = false
    /// A trailing "…, according to X" at the end of its sentence: the content is X's information in
    /// the outlet's own words (its names and labels stay the outlet's).
    var sourced: Bool = false
}

/// Finds reported speech: verbs of saying with their speakers and content.
///
/// Rules:
/// - A cue is a verb of saying outside quotations with a subject (read backwards, see
///   ``SpeakerReader``), or after a closing quotation mark or a comma with the subject after
///   it (`“…,” said Peskov`). A base form (say, claim) counts only after a pronoun, a plural
///   or a modal; a form right after a determiner or a preposition is a noun ("the claims",
///   "reports of"); a passive ("was condemned") has no speaker and is skipped.
/// - Content after the verb: a quotation right after it (`said “…”`, `said: “…”`, `called for “…”`),
///   which is then the whole content; what follows "that" or a colon, where only a short preamble may
///   stand between the verb and it ("said in a statement on Thursday that", "told reporters:");
///   or, for verbs that take a bare clause (say, claim, insist, argue, vow, …), the clause
///   right after the verb when it starts like one (a determiner, a pronoun, "there", a name,
///   a number: "Baku says its forces …"); or, for "accuse", everything after the verb when
///   "of" follows ("accused Armenian forces of …"). Content runs to the end of the sentence,
///   cut before ";" and ", but" (unless "but that"), without the final stop.
/// - Trailing attributions: "…, the statement said." and "…, said X." report the clause
///   before the comma (from the sentence start or the last ";" or ":").
/// - "according to X, …" reports what follows the comma after X when it opens the sentence,
///   and the clause before it otherwise ("…, according to X."). Russian "по словам X" alike.
/// - "called it “one-sided”" (call, dub, term, label, brand, describe … as) introduces the
///   quotation after a short object; "called for", "called on" do not.
/// - -ing forms ("…, emphasizing that", "after claiming") take the subject of their clause:
///   the last speaker of the same sentence, else the sentence's subject.
/// - Request verbs (ask, urge, call) report no bare clause: "asked them to respect …" stays
///   the outlet's.
struct ReportedSpeechFinder {
    let text: VoiceText
    let quotes: [QuoteSpan]
    let topQuote: [Int32]
    let reader: SpeakerReader

    /// Longest preamble between a verb and "that".
    static let maximumPreamble = 10
    /// Longest object between a label verb and its quotation.
    static let maximumLabelObject = 8
    /// Longest reported content, in tokens.
    static let maximumContent = 200

    init(text: VoiceText, quotes: [QuoteSpan], topQuote: [Int32]) {
        self.text = text
        self.quotes = quotes
        self.topQuote = topQuote
        self.reader = SpeakerReader(text: text, topQuote: topQuote)
    }

    @inline(__always) private func quoted(_ index: Int) -> Bool { topQuote[index] >= 0 }

    /// The token opens a top-level quotation.
    @inline(__always) private func opensQuotation(_ index: Int) -> Bool {
        index < text.count && topQuote[index] >= 0 && quotes[Int(topQuote[index])].open == index
    }

    /// All cues of the text, in order, with pronouns resolved as they come.
    func find() -> [SpeechCue] {
        var cues: [SpeechCue] = []
        var discourse = Discourse()
        var index = 0
        let count = text.count
        while index < count {
            defer { index += 1 }
            guard !quoted(index), text.isWord(index) else { continue }
            let classes = text.lex[index]
            var found: SpeechCue?
            if classes.contains(.according) {
                found = according(index)
            } else if !classes.isDisjoint(with: [.speech, .label]) {
                found = verbCue(index, cues: cues)
            }
            guard var cue = found else { continue }
            // Resolve the speaker.
            if cue.speaker == nil, let subject = cue.subject {
                if let pronoun = reader.pronoun(subject) {
                    cue.speaker = discourse.resolve(pronoun: subject.lowerBound, classes: pronoun, reader: reader)
                } else {
                    cue.speaker = reader.name(of: subject)
                }
            }
            guard let speaker = cue.speaker else { continue }
            discourse.note(speaker, at: cue.subject?.lowerBound ?? index)
            cues.append(cue)
            index = cue.cue.upperBound
        }
        return cues
    }

    // MARK: - Verbs of saying

    private func verbCue(_ verb: Int, cues: [SpeechCue]) -> SpeechCue? {
        let classes = text.lex[verb]
        let (first, last) = text.sentenceBounds(of: verb)
        let previous = verb - 1 >= first && !quoted(verb - 1) ? verb - 1 : nil
        if let previous, text.isWord(previous) {
            // A noun: "the claims", "reports of", "a call" (but "after claiming", "by saying" are verbs).
            let nounMarkers: WordClass = classes.contains(.ingForm) ? .determiner : [.determiner, .preposition, .nounPreposition]
            if text.has(previous, nounMarkers), !text.has(previous, .to) { return nil }
            // A passive: "was condemned", "were reported", "They stand accused".
            if text.has(previous, [.be, .passiveMarker]), !classes.contains(.ingForm), !classes.contains(.baseForm) { return nil }
        }
        // A passive participle: "a claim denied by Armenia".
        if verb + 1 <= last, !classes.contains(.ingForm), !quoted(verb + 1), text.isWord(verb + 1), isBy(verb + 1) {
            return nil
        }
        if classes.contains(.baseForm), !isPresentOrInfinitive(verb, first: first) { return nil }
        var cue = SpeechCue(cue: verb...verb)

        // Who speaks.
        let reading = reader.subject(ofVerb: verb)
        var inverted = false
        switch reading {
        case .phrase(let range), .relative(let range):
            cue.subject = range
            cue.followsQuote = followsClosingMark(range.lowerBound, first: first)
        case .coordinated:
            cue.subject = reader.sentenceSubject(ofSentenceAt: verb, before: verb)
        case .inverted:
            if classes.contains(.ingForm) {
                cue.speaker = lastSpeaker(in: cues, sentenceOf: verb)
                if cue.speaker == nil { cue.subject = reader.sentenceSubject(ofSentenceAt: verb, before: verb) }
            } else {
                inverted = true
                cue.subject = reader.phraseForwards(from: verb + 1)
                cue.followsQuote = followsClosingMark(verb, first: first)
            }
        case .none:
            guard classes.contains(.ingForm) else { return nil }
            cue.speaker = lastSpeaker(in: cues, sentenceOf: verb)
            if cue.speaker == nil { cue.subject = reader.sentenceSubject(ofSentenceAt: verb, before: verb) }
        }
        guard cue.subject != nil || cue.speaker != nil else { return nil }
        // Time words and verbs are never speakers ("last night accused", "They stand accused").
        if let subject = cue.subject, !subject.contains(where: { isNamingWord($0) }) { return nil }

        if cue.followsQuote {
            // "Russia called on the parties to “…,” Zakharova told reporters": the words before the
            // quotation in its sentence are reported too.
            cue.content = leadIn(toQuotationBefore: inverted ? verb : cue.subject?.lowerBound ?? verb, first: first)
            // "“…,” Pashinyan told parliament, “and neither is Armenia.”": a split quotation.
            let after = inverted ? (cue.subject?.upperBound ?? verb + 1) - 1 : verb
            if let start = contentAfterPreamble(after, last: last, bare: false), opensQuotation(start) {
                cue.introducedQuote = start
            }
            return cue
        }
        if inverted {
            // "…, said X." reports the clause before the comma.
            if !cue.followsQuote, verb - 1 >= first, text.is(verb - 1, .comma), let subject = cue.subject,
                subject.upperBound > last || isTrailing(from: subject.upperBound, last: last)
            {
                let start = clauseStart(before: verb - 1, first: first)
                if start < verb - 1 { cue.content = start..<(verb - 1) }
            }
            return cue
        }

        // A label: "called it “one-sided”".
        if classes.contains(.label), let open = labelledQuotation(after: verb, last: last) {
            cue.introducedQuote = open
            return cue
        }
        // Content after "that", a colon or a quotation mark.
        if let start = contentAfterPreamble(verb, last: last, bare: classes.contains(.bareClause)) {
            introduce(start, into: &cue)
            return cue
        }
        // Accusations: "accused Armenian forces of carrying out an attack".
        if classes.contains(.accuse), hasOf(after: verb, last: last), verb + 1 <= last {
            cue.content = (verb + 1)..<contentEnd(from: verb + 1)
            return cue
        }
        // A bare clause: "Baku says its forces have captured …".
        if classes.contains(.bareClause), let start = bareClause(after: verb, last: last) {
            introduce(start, into: &cue)
            return cue
        }
        // A bare clause opened by a subject pronoun, or after the addressee of "told": "stated he was",
        // "told reporters he would", "told journalists the separatists must …".
        if !classes.contains(.requestVerb), let start = clauseAfterAddressee(verb, last: last) {
            introduce(start, into: &cue)
            return cue
        }
        // A trailing attribution: "…, the statement said."
        if let subject = cue.subject, !cue.followsQuote, subject.lowerBound - 1 > first,
            text.is(subject.lowerBound - 1, .comma), !quoted(subject.lowerBound - 2), !text.isQuoteMark(subject.lowerBound - 2),
            isTrailing(from: verb + 1, last: last)
        {
            let comma = subject.lowerBound - 1
            let start = clauseStart(before: comma, first: first)
            if start < comma { cue.content = start..<comma }
        }
        return cue
    }

    /// Content starting at `start`; a quotation there is the content itself, and what follows
    /// it is the outlet's again ("said “we will win” and left").
    ///
    /// A short quotation (at most three words) that the clause goes on after ("said “terrorist”
    /// attacks continued") is part of the reported content, which runs on over it.
    private func introduce(_ start: Int, into cue: inout SpeechCue) {
        if opensQuotation(start), !isShortQuotationInsideClause(start) {
            cue.introducedQuote = start
        } else {
            cue.content = start..<contentEnd(from: start)
        }
    }

    /// A balanced quotation of at most three words opening at `open`, followed in its sentence by a
    /// word that carries the clause on (not a conjunction, a subordinator or punctuation).
    private func isShortQuotationInsideClause(_ open: Int) -> Bool {
        let quote = quotes[Int(topQuote[open])]
        guard quote.isBalanced, text.wordCount(quote.inner) <= VoiceAnalyzer.maximumScareWords else { return false }
        let next = quote.close + 1
        guard next < text.count, text.sentence[next] == text.sentence[open], !quoted(next), text.isWordOrNumber(next) else {
            return false
        }
        return !text.has(next, [.conjunction, .subordinator, .speech])
    }

    /// A base form ("say", "claim") is a verb of the present tense or an infinitive after a
    /// pronoun, a modal or "to", after a plural subject ("officials claim", "Residents of
    /// Stepanakert say", "Russia and Turkey say"), with adverbs and "do not" between allowed.
    private func isPresentOrInfinitive(_ verb: Int, first: Int) -> Bool {
        var previous = verb - 1
        var skipped = 0
        while previous >= first, skipped < 3, !quoted(previous), text.isWord(previous),
            text.has(previous, .adverb) && !text.has(previous, [.modal, .otherPronoun, .theyPronoun])
        {
            previous -= 1
            skipped += 1
        }
        guard previous >= first, !quoted(previous), text.isWord(previous) else { return false }
        if text.has(previous, [.otherPronoun, .theyPronoun, .modal, .pluralNoun]) { return true }
        if text.is(previous, .endsWithS), !text.is(previous, .possessive), !text.has(previous, [.be, .auxiliary]) { return true }
        // A plural subject read backwards: "Russia and Turkey", "Residents of Stepanakert".
        guard text.is(previous, .capitalized), let phrase = reader.phraseBackwards(endingAt: previous, first: first) else {
            return false
        }
        for index in phrase {
            if text.has(index, .conjunction) { return true }
            if text.has(index, [.nounPreposition, .preposition]), index > phrase.lowerBound {
                return text.is(index - 1, .endsWithS) || text.has(index - 1, .pluralNoun)
            }
        }
        return false
    }

    /// A word that can name a speaker: not a time word, a verb or an auxiliary.
    private func isNamingWord(_ index: Int) -> Bool {
        guard text.isWord(index) else { return text.is(index, .number) }
        if text.is(index, .capitalized), !text.has(index, [.temporal, .passiveMarker]) { return true }
        return !text.has(index, [.temporal, .auxiliary, .passiveMarker, .commonVerb, .timeModifier, .adverb])
    }

    /// The start of a clause after a verb of saying that an earlier rule did not take: a subject
    /// pronoun (or "there") followed by a verb ("stated he was", "warned they would"), after at
    /// most a few words of preamble; for "tell", also a clause after the addressee ("told
    /// journalists the separatists must …", "told Reuters Armenia would …").
    private func clauseAfterAddressee(_ verb: Int, last: Int) -> Int? {
        var index = verb + 1
        let limit = min(last, verb + Self.maximumPreamble)
        let isTell = text.has(verb, .tell)
        var sawAddressee = false
        while index <= limit, !quoted(index), text.isWord(index) {
            if text.has(index, [.personPronoun, .itPronoun, .theyPronoun, .otherPronoun, .there]),
                !text.has(index, .objectPronoun) || text.has(index, .itPronoun)
            {
                return opensClause(atPronoun: index, last: last) ? index : nil
            }
            if isTell, sawAddressee, text.has(index, .determiner) || text.is(index, .capitalized),
                !text.has(index, [.temporal, .adverb]), !text.has(index - 1, [.preposition, .nounPreposition])
            {
                return index + 1 <= last && text.isWord(index + 1) ? index : nil
            }
            let addressee = text.has(index, [.preambleNoun, .objectPronoun]) || text.is(index, .capitalized)
            guard addressee || text.has(index, [.adverb, .preposition, .determiner]) || text.is(index, .endsWithLy) else {
                return nil
            }
            if addressee { sawAddressee = true }
            index += 1
        }
        return nil
    }

    /// A subject pronoun followed by a verb form: "he was", "they would", "it had", "there is", "she wants".
    private func opensClause(atPronoun index: Int, last: Int) -> Bool {
        let next = index + 1
        guard next <= last, !quoted(next), text.isWord(next) else { return false }
        return text.has(next, [.auxiliary, .be, .modal, .speech, .commonVerb, .adverb])
            || (text.isLowercaseWord(next) && text.is(next, [.endsWithEd, .endsWithS]))
    }

    /// The outlet's words before a quotation that closes right before `index` (comma or dash
    /// between), from the start of the clause, when the quotation opens in the same sentence.
    private func leadIn(toQuotationBefore index: Int, first: Int) -> Range<Int>? {
        var before = index - 1
        while before >= first, !quoted(before), text.is(before, [.comma, .dash]) { before -= 1 }
        guard before >= first, topQuote[before] >= 0 else { return nil }
        let open = quotes[Int(topQuote[before])].open
        guard open > first, text.sentence[open] == text.sentence[index] else { return nil }
        let start = clauseStart(before: open, first: first)
        guard start < open, text.wordCount(start..<open) > 0 else { return nil }
        var end = open
        while end > start, text.is(end - 1, [.comma, .dash, .colon]) { end -= 1 }
        return end > start ? start..<end : nil
    }

    @inline(__always) private func isBy(_ index: Int) -> Bool {
        let token = text.tokens[index]
        guard token.end - token.start == 2 else { return false }
        return text.bytes[Int(token.start)] | 0x20 == 0x62 && text.bytes[Int(token.start) + 1] | 0x20 == 0x79
    }

    /// Whether a closing quotation mark stands right before `index`, with at most a comma and a dash between:
    /// `“…,” Zakharova said`, `«…», — заявил Песков`.
    private func followsClosingMark(_ index: Int, first: Int) -> Bool {
        var before = index - 1
        var skipped = 0
        while before >= first, skipped < 2, !quoted(before), text.is(before, [.comma, .dash]) {
            before -= 1
            skipped += 1
        }
        return before >= first && quoted(before) && text.isQuoteMark(before)
    }

    /// The last speaker of a cue in the sentence of `index`.
    private func lastSpeaker(in cues: [SpeechCue], sentenceOf index: Int) -> SpeakerName? {
        guard let cue = cues.last, text.sentence[cue.cue.lowerBound] == text.sentence[index] else { return nil }
        return cue.speaker
    }

    /// Nothing but a short adverbial tail from `start` to the end of the sentence ("in a statement released on March 27.").
    private func isTrailing(from start: Int, last: Int) -> Bool {
        guard start <= last else { return true }
        guard last - start < 12 else { return false }
        for index in start...last where quoted(index) || text.has(index, .that) || text.is(index, [.colon, .semicolon]) {
            return false
        }
        return true
    }

    /// The start of the clause that ends before `end`: after the last ";" or ":" of the sentence.
    private func clauseStart(before end: Int, first: Int) -> Int {
        var index = end - 1
        let limit = max(first, end - Self.maximumContent)
        while index >= limit {
            if !quoted(index), text.is(index, [.semicolon, .colon]) { return index + 1 }
            index -= 1
        }
        var start = limit
        // Leave out leading bullets and dashes, and a dateline ("MOSCOW—").
        while start < end, !quoted(start), !text.isWordOrNumber(start), !text.isQuoteMark(start) { start += 1 }
        if start + 1 < end, text.is(start, .allCaps), text.is(start + 1, .dash) { start += 2 }
        return start
    }

    /// Where content starting at `start` ends (exclusive).
    private func contentEnd(from start: Int) -> Int {
        let last = text.sentenceBounds(of: start).last
        let limit = min(last, start + Self.maximumContent - 1)
        var index = start
        var end = limit + 1
        while index <= limit {
            if !quoted(index) {
                if text.is(index, .semicolon) { end = index; break }
                if text.is(index, .comma), index + 1 <= limit, text.has(index + 1, .clauseBoundary),
                    text.has(index + 1, .conjunction), !(index + 2 <= limit && text.has(index + 2, .that))
                {
                    end = index
                    break
                }
            }
            index += 1
        }
        while end > start + 1, !quoted(end - 1), text.is(end - 1, [.terminal, .comma, .dash]) { end -= 1 }
        return end
    }

    /// The token after "that", a colon or at an opening quotation mark, within a short preamble after `verb`
    /// (for a verb that takes a bare clause, a name right after it opens that clause instead).
    private func contentAfterPreamble(_ verb: Int, last: Int, bare: Bool) -> Int? {
        var index = verb + 1
        let limit = min(last, verb + Self.maximumPreamble)
        while index <= limit {
            if opensQuotation(index) { return index }
            if quoted(index) { return nil }
            if text.is(index, .colon) {
                // "X said:" may end its sentence or paragraph when a quotation follows.
                guard index + 1 < text.count else { return nil }
                return index + 1 <= last || opensQuotation(index + 1) ? index + 1 : nil
            }
            if text.is(index, .comma) {
                index += 1
                continue
            }
            guard text.isWordOrNumber(index) else { return nil }
            if text.has(index, .that) { return index + 1 <= last ? index + 1 : nil }
            // "հայտարարել է, որ …": an auxiliary right after the participle.
            if index == verb + 1, text.has(index, .auxiliary), text.bytes[Int(text.tokens[index].start)] >= 0x80 {
                index += 1
                continue
            }
            let preamble =
                text.has(index, [.preposition, .nounPreposition, .determiner, .adverb, .preambleNoun, .only])
                || text.is(index, .capitalized) || text.is(index, .number) || text.is(index, .endsWithLy)
            guard preamble, !text.has(index, [.there, .itPronoun, .theyPronoun, .otherPronoun, .personPronoun]),
                !text.is(index, .possessive)
            else {
                return nil
            }
            // "said its forces …", "says Azerbaijan's …": a bare clause, not a preamble.
            if bare, index == verb + 1, text.has(index, .determiner) || text.is(index, .capitalized),
                !text.has(index, [.adverb, .preposition])
            {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// The start of a bare clause right after `verb` (skipping adverbs), if one starts there.
    private func bareClause(after verb: Int, last: Int) -> Int? {
        var index = verb + 1
        while index <= last, !quoted(index), text.isWord(index), text.has(index, [.adverb, .only]),
            !text.has(index, .determiner)
        {
            index += 1
        }
        guard index <= last else { return nil }
        if opensQuotation(index) { return index }
        if text.is(index, .number) { return index }
        guard text.isWord(index), !quoted(index) else { return nil }
        if text.has(index, [.preposition, .nounPreposition, .to, .conjunction, .auxiliary]) && !text.has(index, .determiner) {
            return nil
        }
        if text.has(verb, .requestVerb) { return nil }
        // "claimed the lives of", "claimed responsibility".
        if text.lex[verb].contains(.bareClause), text.has(index, .claimObject)
            || (index + 1 <= last && text.has(index, .determiner) && text.has(index + 1, .claimObject))
        {
            return nil
        }
        let starts =
            text.has(index, [.determiner, .there, .itPronoun, .theyPronoun, .personPronoun, .otherPronoun])
            || text.is(index, .capitalized)
        return starts ? index : nil
    }

    /// "accused X of": "of" within the next few words.
    private func hasOf(after verb: Int, last: Int) -> Bool {
        var index = verb + 1
        let limit = min(last, verb + 10)
        while index <= limit, !quoted(index), text.isWordOrNumber(index) {
            if text.has(index, .nounPreposition), isOf(index) { return true }
            index += 1
        }
        return false
    }

    @inline(__always) private func isOf(_ index: Int) -> Bool {
        let token = text.tokens[index]
        guard token.end - token.start == 2 else { return false }
        let a = text.bytes[Int(token.start)] | 0x20
        let b = text.bytes[Int(token.start) + 1] | 0x20
        return a == 0x6F && b == 0x66
    }

    /// "called it “one-sided”", "Calls Russian Statement … ‘One-Sided’": the quotation after a short object.
    private func labelledQuotation(after verb: Int, last: Int) -> Int? {
        var index = verb + 1
        let limit = min(last, verb + Self.maximumLabelObject + 1)
        while index <= limit {
            if opensQuotation(index) { return index }
            guard !quoted(index), text.isWordOrNumber(index) else { return nil }
            if index == verb + 1, text.has(index, [.preposition, .nounPreposition, .to]) { return nil }
            if text.has(index, [.to, .that, .conjunction, .auxiliary]) { return nil }
            index += 1
        }
        return nil
    }

    // MARK: - According to

    private func according(_ index: Int) -> SpeechCue? {
        let (first, last) = text.sentenceBounds(of: index)
        let cueEnd: Int
        let isRussian: Bool
        if index + 1 <= last, text.has(index + 1, .to), !quoted(index + 1) {
            cueEnd = index + 1
            isRussian = false
        } else if index - 1 >= first, text.has(index - 1, .po) {
            cueEnd = index
            isRussian = true
        } else {
            return nil
        }
        let cueStart = isRussian ? index - 1 : index
        guard let source = reader.phraseForwards(from: cueEnd + 1) else { return nil }
        var cue = SpeechCue(cue: cueStart...cueEnd, subject: source)
        cue.speaker = reader.name(of: source)
        // Does the cue open its clause ("According to X, …", "Moreover, according to X, …")?
        var before = cueStart - 1
        while before >= first, !quoted(before), text.isWord(before), text.has(before, [.sentenceAdverb, .conjunction]) {
            before -= 1
        }
        let opensClause: Bool
        if before < first {
            opensClause = true
        } else if quoted(before) || text.isWordOrNumber(before) {
            opensClause = false
        } else if text.is(before, .comma) {
            // "Moreover, according to X, …": only sentence adverbs and conjunctions before the comma.
            var prior = before - 1
            while prior >= first, !quoted(prior), text.isWord(prior), text.has(prior, [.sentenceAdverb, .conjunction]) {
                prior -= 1
            }
            opensClause = prior < first || (prior < before - 1 && !text.isWordOrNumber(prior) && !quoted(prior))
        } else {
            opensClause = true  // After ";", ":", a bullet, a dash, a bracket.
        }
        if opensClause {
            var start = source.upperBound
            if start <= last, !quoted(start), text.is(start, .comma) { start += 1 }
            guard start <= last else { return cue }
            introduce(start, into: &cue)
        } else {
            let end = text.is(cueStart - 1, .comma) ? cueStart - 1 : cueStart
            let start = clauseStart(before: end, first: first)
            if start < end { cue.content = start..<end }
            // At the end of its sentence, "according to X" sources the outlet's own sentence.
            var after = source.upperBound
            while after <= last, !text.isWordOrNumber(after), !text.isQuoteMark(after) { after += 1 }
            cue.sourced = after > last
        }
        return cue
    }
}
