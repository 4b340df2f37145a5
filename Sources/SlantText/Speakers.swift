/// A speaker as the text names it.
struct SpeakerName: Equatable {
    /// The name as written, without titles and descriptions: "Nikol Pashinyan", "the Armenian government".
    var text: String
    /// Names a person (so that "he" or "she" can refer back to it).
    var isPerson: Bool
}

/// How the subject of a verb of saying was found, reading backwards from the verb.
enum SubjectReading {
    /// A noun phrase before the verb: "the Armenian government said".
    case phrase(Range<Int>)
    /// The verb is coordinated with an earlier one ("She offered … and added that"): the subject is the clause's.
    case coordinated
    /// "…, who called it …": the subject is the noun phrase before "who".
    case relative(Range<Int>)
    /// Nothing before the verb but a closing quotation mark, a comma or a dash: the subject follows ("said Peskov").
    case inverted
    /// No subject (a passive, a relative "that", an infinitive).
    case none
}

/// Reads noun phrases around verbs of saying and turns them into speaker names.
///
/// Heuristics, not a parser:
/// - A subject read backwards from a verb runs over words, possessives, initials and the
///   prepositions "of" and "for" (the Ministry of Defense of Azerbaijan), and stops at
///   other prepositions, conjunctions, auxiliaries, adverbs, other verbs, punctuation and
///   quotation marks; an appositive set off by commas ("Dmitry Peskov, a spokesman for
///   …, replied") is skipped.
/// - A name is what follows the last title, organisation or office word when that is a run of
///   capitalized words ("Armenian Prime Minister Nikol Pashinyan" → "Nikol Pashinyan",
///   "the spokesperson for the Russian Foreign Ministry Zakharova" → "Zakharova", "US
///   Secretary of State Mike Pompeo" → "Mike Pompeo"), or what follows a possessive
///   ("Armenia's Pashinyan" → "Pashinyan"); otherwise the whole phrase as written ("the
///   Armenian government", "the statement", "Azerbaijan's foreign ministry"). A participle
///   phrase after the head is dropped ("A Telegram channel affiliated with …" → "A Telegram
///   channel").
/// - A person is a name found after a title, or a run of one to four capitalized words that
///   are not places, organisations or acronyms.
struct SpeakerReader {
    let text: VoiceText
    /// Top-level quotation of each token, -1 outside quotations.
    let topQuote: [Int32]

    /// Longest subject read backwards.
    static let maximumPhrase = 12
    /// Longest appositive skipped between commas.
    static let maximumAppositive = 20

    @inline(__always) private func quoted(_ index: Int) -> Bool { topQuote[index] >= 0 }

    // MARK: - Subjects

    /// The subject of the verb of saying at `verb`, read backwards.
    func subject(ofVerb verb: Int) -> SubjectReading {
        let first = text.sentenceBounds(of: verb).first
        var index = verb - 1
        var skipped = 0
        // Auxiliaries, adverbs and time phrases between subject and verb: "has also said", "firmly
        // rejected", "last night accused", "on Monday accused", "earlier this month said".
        while index >= first, skipped < 6, !quoted(index), text.isWord(index) || text.is(index, .number) {
            if let start = timePhraseStart(endingAt: index, first: first) {
                skipped += index - start
                index = start
            } else if text.has(index, [.auxiliary, .adverb]) || (text.is(index, .endsWithLy) && text.isLowercaseWord(index))
                || text.is(index, .negativeContraction)
            {
                // A passive ("was widely reported") names no speaker.
                if text.has(index, .be), !text.has(verb, .ingForm) { return .none }
            } else {
                break
            }
            index -= 1
            skipped += 1
        }
        guard index >= first else { return .none }
        if quoted(index) || text.isQuoteMark(index) { return .inverted }
        if text.is(index, .dash) { return .inverted }
        if text.is(index, .comma) {
            if index - 1 >= first, text.isQuoteMark(index - 1) || quoted(index - 1) { return .inverted }
            if let phrase = appositiveSkipped(before: index, first: first) { return .phrase(phrase) }
            return .inverted
        }
        guard text.isWordOrNumber(index) else { return .none }
        if text.has(index, .conjunction) { return .coordinated }
        if text.has(index, .relativeWho) {
            var antecedent = index - 1
            if antecedent >= first, text.is(antecedent, .comma) { antecedent -= 1 }
            guard antecedent >= first, let phrase = phraseBackwards(endingAt: antecedent, first: first) else { return .none }
            return .phrase(phrase).relativeForm
        }
        if text.has(index, [.subordinator, .preposition, .nounPreposition, .to, .auxiliary, .speech, .determiner])
            && !text.has(index, [.personPronoun, .itPronoun, .theyPronoun, .otherPronoun])
        {
            return .none
        }
        guard let phrase = phraseBackwards(endingAt: index, first: first) else { return .none }
        return .phrase(phrase)
    }

    /// The first token of a time phrase that ends at `index` ("last night", "on Monday", "this
    /// week", "on 12 March"), or nil when `index` is not the end of one.
    func timePhraseStart(endingAt index: Int, first: Int) -> Int? {
        guard text.has(index, .temporal) || (text.is(index, .number) && index - 1 >= first && text.has(index - 1, .temporal))
        else { return nil }
        var start = index
        while start - 1 >= first, !quoted(start - 1), start > index - 4,
            text.has(start - 1, [.timeModifier, .temporal]) || text.is(start - 1, .number)
        {
            start -= 1
        }
        return start
    }

    /// A word that can head a subject followed by a prepositional phrase: "Officials in Yerevan",
    /// "the ministry in Baku", "Residents near the front".
    private func headsPrepositionalSubject(_ index: Int) -> Bool {
        guard text.isWord(index), !text.is(index, .possessive) else { return false }
        if text.has(index, [.title, .organisation, .pluralNoun]) { return true }
        return text.is(index, .endsWithS) && !text.has(index, [.auxiliary, .speech, .commonVerb, .preposition, .determiner])
    }

    /// "X, a spokesman for Y, said": the phrase before an appositive that ends at the comma `comma`.
    private func appositiveSkipped(before comma: Int, first: Int) -> Range<Int>? {
        var index = comma - 1
        let limit = max(first, comma - Self.maximumAppositive)
        while index >= limit, !quoted(index), !text.isQuoteMark(index) {
            if text.is(index, .comma) {
                let opening = index + 1
                guard opening < comma else { return nil }
                let isAppositive =
                    text.has(opening, [.determiner, .relativeWho]) || text.isLowercaseWord(opening)
                    || (opening..<comma).contains { text.has($0, .title) }
                if isAppositive {
                    guard index - 1 >= first else { return nil }
                    return phraseBackwards(endingAt: index - 1, first: first)
                }
                // "the republic's president, Arayik Harutyunyan, said": the name is the appositive.
                if index - 1 >= first, text.isWord(index - 1), text.has(index - 1, .title), isNameRun(opening..<comma) {
                    return opening..<comma
                }
                return nil
            }
            if text.is(index, [.terminal, .colon, .semicolon]) { return nil }
            index -= 1
        }
        return nil
    }

    /// A noun phrase ending at `last` (inclusive), read backwards.
    func phraseBackwards(endingAt last: Int, first: Int) -> Range<Int>? {
        var start = last + 1
        var index = last
        var length = 0
        var crossedPreposition = false
        while index >= first, length < Self.maximumPhrase, !quoted(index) {
            if text.isWord(index) {
                if text.has(index, [.personPronoun, .itPronoun, .theyPronoun, .otherPronoun]) {
                    if length == 0 { start = index }
                    break
                }
                if text.has(index, .nounPreposition) {
                    // inside: "Ministry of Defense"
                } else if isAndBetweenNames(index, first: first, start: start) {
                    // "Armenia and Azerbaijan have accused each other"
                } else if text.has(index, .preposition) {
                    // "affiliated with", "based in": a participle phrase inside the noun phrase;
                    // "Officials in Armenia's capital Yerevan": a head noun and its prepositional phrase.
                    guard index - 1 >= first,
                        (text.is(index - 1, .endsWithEd) && text.isLowercaseWord(index - 1))
                            || (!crossedPreposition && headsPrepositionalSubject(index - 1))
                    else { break }
                    crossedPreposition = true
                } else if text.has(index, [.conjunction, .subordinator, .auxiliary, .to, .commonVerb, .adverb, .sentenceAdverb])
                    && !text.has(index, [.determiner, .title, .organisation])
                {
                    break
                } else if text.has(index, .speech), !text.has(index, .baseForm), !text.is(index, .endsWithS) {
                    break
                } else if text.is(index, .endsWithEd), text.isLowercaseWord(index),
                    !(index - 1 >= first && text.has(index - 1, .determiner)),
                    !(index + 1 <= last && text.has(index + 1, .preposition))
                {
                    break
                }
                start = index
            } else if text.is(index, .number) {
                start = index
            } else if index - 1 >= first, isAbbreviationPeriod(index) {
                start = index  // Sergei V. Lavrov, Dr. Smith
            } else if text.glyph[index] == .rightSingle || text.glyph[index] == .straightSingle,
                index - 1 >= first, text.is(index, .joinedToPrevious), text.is(index - 1, .endsWithS)
            {
                start = index  // the Azerbaijanis’ ministry
            } else {
                break
            }
            index -= 1
            length += 1
        }
        // A phrase does not start with a preposition.
        while start <= last, text.has(start, [.nounPreposition, .preposition]) || !text.isWordOrNumber(start) { start += 1 }
        return start <= last ? start..<(last + 1) : nil
    }

    /// The period of an initial or a short title inside a name: "Sergei V. Lavrov", "Dr. Smith".
    private func isAbbreviationPeriod(_ index: Int) -> Bool {
        guard index > 0, text.is(index, .period), text.joined(index - 1), text.isWord(index - 1),
            index < text.sentenceBounds(of: index).last
        else { return false }
        let previous = text.tokens[index - 1]
        return text.is(index - 1, .initial) || (text.has(index - 1, .title) && previous.end - previous.start <= 4)
    }

    /// "and" between two capitalized words, the second already in the phrase.
    private func isAndBetweenNames(_ index: Int, first: Int, start: Int) -> Bool {
        guard start == index + 1, index - 1 >= first, text.has(index, .conjunction), text.is(start, .capitalized),
            text.isWord(index - 1), text.is(index - 1, .capitalized)
        else { return false }
        let token = text.tokens[index]
        return token.end - token.start == 3 && text.bytes[Int(token.start)] == 0x61  // "and"
    }

    /// A noun phrase starting at `start`, read forwards ("said the ministry", "according to the Armenian MoD").
    func phraseForwards(from start: Int, limit: Int = 10) -> Range<Int>? {
        guard start < text.count else { return nil }
        let last = text.sentenceBounds(of: start).last
        var index = start
        while index <= last, index - start < limit, !quoted(index) {
            if text.isWord(index) {
                if text.has(index, [.personPronoun, .itPronoun, .theyPronoun, .otherPronoun]) {
                    if index == start { index += 1 }
                    break
                }
                if text.has(index, .nounPreposition) {
                } else if text.has(index, [.preposition, .conjunction, .subordinator, .auxiliary, .to, .commonVerb, .adverb])
                    && !text.has(index, [.determiner, .title, .organisation])
                {
                    break
                } else if text.has(index, .speech), !text.has(index, .baseForm),
                    !(index > start && text.is(index, .endsWithS) && text.isLowercaseWord(index) && !text.has(index - 1, .speech))
                {
                    break  // "said Peskov": a verb; "according to Azerbaijani estimates": a plural noun.
                }
            } else if text.is(index, .number) {
            } else if index > start, isAbbreviationPeriod(index) {
            } else {
                break
            }
            index += 1
        }
        // Drop trailing prepositions ("the Ministry of").
        while index > start, text.has(index - 1, .nounPreposition) { index -= 1 }
        return index > start ? start..<index : nil
    }

    /// The subject of the sentence of token `index`, read forwards from its start and ending before `limit`.
    func sentenceSubject(ofSentenceAt index: Int, before limit: Int) -> Range<Int>? {
        let bounds = text.sentenceBounds(of: index)
        let last = min(bounds.last, limit - 1)
        var position = bounds.first
        // Bullets, dashes, list numbers.
        while position <= last, !text.isWord(position) {
            if text.isQuoteMark(position) || quoted(position) { return nil }
            position += 1
        }
        guard position <= last else { return nil }
        // Sentence adverbs: However, Moreover, And.
        var adverbs = 0
        while position <= last, adverbs < 3, text.has(position, .sentenceAdverb), !text.has(position, .determiner) {
            position += 1
            adverbs += 1
            if position <= last, text.is(position, .comma) { position += 1 }
        }
        guard position <= last else { return nil }
        // A fronted phrase: "In a statement released on March 26, the Russian MoD said".
        if text.has(position, [.frontingWord, .subordinator]), !text.has(position, .determiner) {
            var comma = position + 1
            let end = min(last, position + 25)
            while comma <= end, !text.is(comma, .comma) {
                if quoted(comma) { return nil }
                comma += 1
            }
            guard comma <= end else { return nil }
            position = comma + 1
        }
        let start = position
        var length = 0
        while position <= last, length < 10, !quoted(position) {
            if text.isWord(position) {
                if text.has(position, [.personPronoun, .itPronoun, .theyPronoun, .otherPronoun]) {
                    if position == start { position += 1 }
                    break
                }
                if text.has(position, .nounPreposition) {
                } else if text.has(position, .preposition) {
                    guard position > start, text.is(position - 1, .endsWithEd), text.isLowercaseWord(position - 1) else {
                        break
                    }
                } else if text.has(position, [.auxiliary, .commonVerb, .conjunction, .subordinator, .adverb, .to])
                    && !text.has(position, [.determiner, .title, .organisation])
                {
                    break
                } else if text.has(position, .speech), position > start, !text.has(position - 1, .determiner) {
                    break  // "Reports say": the first word is the subject's, a later one the verb.
                } else if text.is(position, .endsWithEd), text.isLowercaseWord(position),
                    !(position > start && text.has(position - 1, .determiner))
                {
                    break
                }
            } else if text.is(position, .number) {
            } else if position > start, isAbbreviationPeriod(position) {
            } else if text.glyph[position] == .rightSingle, position > start, text.is(position - 1, .endsWithS) {
            } else {
                break
            }
            position += 1
            length += 1
        }
        while position > start, text.has(position - 1, .nounPreposition) { position -= 1 }
        return position > start ? start..<position : nil
    }

    // MARK: - Names

    /// The pronoun class of a one-token phrase, if it is a pronoun.
    func pronoun(_ range: Range<Int>) -> WordClass? {
        guard range.count == 1 else { return nil }
        let classes = text.lex[range.lowerBound].intersection([.personPronoun, .itPronoun, .theyPronoun, .otherPronoun])
        return classes.isEmpty ? nil : classes
    }

    /// The speaker name a noun phrase gives.
    func name(of phrase: Range<Int>) -> SpeakerName {
        var lower = phrase.lowerBound
        var upper = phrase.upperBound
        // Only the head: cut at a comma or at a participle phrase ("channel affiliated with …").
        var index = lower
        while index < upper {
            if text.is(index, .comma) { upper = index; break }
            if index > lower, text.is(index, .endsWithEd), text.isLowercaseWord(index), index + 1 < upper,
                text.has(index + 1, .preposition)
            {
                upper = index
                break
            }
            // The head before a prepositional phrase: "Officials in Armenia's capital Yerevan" → "Officials".
            if index > lower, text.isWord(index), text.has(index, .preposition), !text.has(index, [.nounPreposition, .determiner]),
                headsPrepositionalSubject(index - 1)
            {
                upper = index
                break
            }
            index += 1
        }
        while lower < upper, !text.isWordOrNumber(lower) { lower += 1 }
        while upper > lower, !text.isWordOrNumber(upper - 1), !text.is(upper - 1, .period) { upper -= 1 }
        guard lower < upper else { return SpeakerName(text: text.text(phrase), isPerson: false) }

        // The name after the last title, organisation or office word.
        var lastRole: Int?
        var hasTitle = false
        for position in lower..<upper where text.has(position, [.title, .organisation, .office]) {
            lastRole = position
            if text.has(position, .title) { hasTitle = true }
        }
        if let role = lastRole, role + 1 < upper, isNameRun((role + 1)..<upper) {
            return SpeakerName(text: text.text((role + 1)..<upper), isPerson: true)
        }
        // The name after a possessive: Armenia's Pashinyan.
        if let possessive = (lower..<upper).last(where: { text.is($0, .possessive) }), possessive + 1 < upper,
            isNameRun((possessive + 1)..<upper)
        {
            return SpeakerName(text: text.text((possessive + 1)..<upper), isPerson: true)
        }
        let range = lower..<upper
        let isPerson: Bool
        if lastRole != nil {
            // "the spokesman": a person without a name; "the Armenian government": not a person.
            isPerson = hasTitle && !range.contains { text.has($0, .organisation) } && !text.is(upper - 1, .endsWithS)
        } else {
            isPerson = isNameRun(range) && !range.contains { text.has($0, .place) || text.is($0, .allCaps) }
        }
        return SpeakerName(text: text.text(range), isPerson: isPerson)
    }

    /// One to five capitalized words (initials with their periods allowed), no title, organisation or determiner.
    func isNameRun(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.count <= 6 else { return false }
        var words = 0
        for position in range {
            if text.isWord(position) {
                guard text.is(position, .capitalized),
                    !text.has(position, [.title, .organisation, .office, .determiner, .nounPreposition, .personPronoun,
                                         .itPronoun, .theyPronoun, .otherPronoun])
                else { return false }
                words += 1
            } else if text.is(position, .period), position > range.lowerBound, text.is(position - 1, .initial) {
            } else {
                return false
            }
        }
        return words >= 1 && words <= 5
    }
}

extension SubjectReading {
    /// A phrase found as the antecedent of "who".
    fileprivate var relativeForm: SubjectReading {
        if case .phrase(let range) = self { return .relative(range) }
        return self
    }
}

/// Who has been speaking lately, to resolve "he said", "she added", "it says".
///
/// "he"/"she" resolve, first that applies, to: the subject of their own sentence when that is a
/// person named before the pronoun ("Aliyev told reporters that he …"); the nearest person
/// named as a speaker before the pronoun in the same paragraph or the one before (in news copy
/// "she added" continues the last person quoted, not the last person mentioned); a person who
/// is the subject of the sentence before, in the same paragraph or the one before. "it"
/// resolves to the subject of its own sentence, else to the nearest non-person speaker of the
/// same or the previous paragraph; "they" to the subject of its own sentence. A pronoun that
/// resolves to nothing (the speaker was named further back) is kept as written.
struct Discourse {
    private(set) var lastPerson: (name: SpeakerName, at: Int)?
    private(set) var lastOther: (name: SpeakerName, at: Int)?

    mutating func note(_ name: SpeakerName, at position: Int) {
        if name.isPerson { lastPerson = (name, position) } else { lastOther = (name, position) }
    }

    /// Whether a speaker noted at `earlier` is close enough to token `position`: same paragraph or the one before.
    private static func isNear(_ earlier: Int, _ position: Int, _ text: VoiceText) -> Bool {
        earlier < position && text.paragraph(of: position) - text.paragraph(of: earlier) <= 1
    }

    func resolve(pronoun position: Int, classes: WordClass, reader: SpeakerReader) -> SpeakerName {
        let text = reader.text
        let written = SpeakerName(text: text.text(position..<(position + 1)), isPerson: classes.contains(.personPronoun))
        if classes.contains(.otherPronoun) { return written }
        // The subject of the pronoun's own sentence, named before it.
        if let subject = reader.sentenceSubject(ofSentenceAt: position, before: position), reader.pronoun(subject) == nil {
            let name = reader.name(of: subject)
            if name.isPerson == classes.contains(.personPronoun) { return name }
        }
        if classes.contains(.personPronoun) {
            if let last = lastPerson, Self.isNear(last.at, position, text) { return last.name }
            // A person who is the subject of the sentence before.
            let sentence = Int(text.sentence[position]) - 1
            guard sentence >= 0 else { return written }
            let first = Int(text.sentenceFirst[sentence])
            guard Self.isNear(first, position, text),
                let subject = reader.sentenceSubject(ofSentenceAt: first, before: Int(text.sentenceLast[sentence]) + 1),
                reader.pronoun(subject) == nil
            else { return written }
            let name = reader.name(of: subject)
            return name.isPerson ? name : written
        }
        if classes.contains(.itPronoun), let other = lastOther, Self.isNear(other.at, position, text) { return other.name }
        return written
    }
}
