/// The language of a text, from the text itself: its script, then, for scripts that several
/// languages share, the most frequent function words of each language (and the letters only one of
/// them uses: Azerbaijani `ə`, Turkish dotless `ı`, Ukrainian `ї`).
///
/// A page's declared language (`<html lang>`, `Content-Language`, a feed's or front matter's
/// `language`) is a hint that is checked, not trusted: it is taken when it fits the script and
/// the words do not point to another language (a short text, a list of names), and set aside when
/// they do (`lang="en"` on a Russian article). When neither the text nor a fitting hint settles it,
/// the answer is nil: lexicons are chosen by this language, and a wrong one is worse than none.
enum LanguageGuess {
    /// The scripts told apart, by Unicode block.
    enum Script: Int, CaseIterable {
        case latin, cyrillic, armenian, georgian, greek, arabic, hebrew, han, kana, hangul, devanagari, thai
    }

    /// Scripts written by one language only (in news text): the script settles it.
    private static let scriptLanguage: [Script: String] = [
        .armenian: "hy", .georgian: "ka", .greek: "el", .hebrew: "he", .hangul: "ko", .thai: "th", .kana: "ja",
    ]

    /// The script each language is written in (for checking a declared language).
    private static func script(of language: String) -> Script? {
        switch language {
        case "ru", "uk", "bg", "sr", "be", "kk", "mk", "mn", "ky", "tg": .cyrillic
        case "hy": .armenian
        case "ka": .georgian
        case "el": .greek
        case "ar", "fa", "ur", "ps", "ku": .arabic
        case "he", "yi": .hebrew
        case "zh": .han
        case "ja": .kana
        case "ko": .hangul
        case "hi", "mr", "ne": .devanagari
        case "th": .thai
        default: language.count == 2 || language.count == 3 ? .latin : nil
        }
    }

    /// The most frequent function words of each language sharing a script (conjunctions,
    /// prepositions, articles, pronouns, auxiliaries), lower case.
    static let profiles: [(language: String, words: Set<String>)] = [
        ("en", ["the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "as", "it", "by", "at",
                "from", "has", "have", "be", "are", "this", "said", "its", "his", "her", "were", "not", "but", "which",
                "they", "an", "or", "had", "will", "would", "their", "been", "who", "after"]),
        ("de", ["der", "die", "und", "das", "den", "ist", "nicht", "von", "mit", "sich", "des", "auf", "für", "im", "in", "dass",
                "dem", "ein", "eine", "auch", "es", "an", "als", "wie", "bei", "sie", "er", "wird", "hat", "aus",
                "nach", "zu", "noch", "einer", "werden", "über", "sind", "aber", "wurde", "oder", "vor"]),
        ("fr", ["le", "la", "les", "de", "des", "et", "en", "du", "un", "une", "est", "que", "qui", "dans", "pour",
                "pas", "sur", "au", "par", "avec", "il", "elle", "ce", "ne", "se", "aux", "sont", "mais", "ont",
                "leur", "cette", "été", "plus", "comme", "nous", "vous"]),
        ("es", ["el", "la", "de", "que", "y", "en", "los", "del", "las", "un", "por", "con", "una", "para", "es",
                "se", "no", "al", "lo", "como", "más", "pero", "sus", "su", "fue", "este", "ha", "entre", "sobre",
                "también", "desde", "han", "muy", "son"]),
        ("it", ["il", "di", "che", "e", "la", "per", "un", "in", "del", "della", "non", "una", "sono", "è", "con",
                "le", "dei", "gli", "si", "da", "anche", "nel", "alla", "al", "più", "come", "ma", "questo", "delle",
                "ha", "lo", "ai", "nella"]),
        ("pt", ["o", "a", "de", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma", "os", "no",
                "se", "na", "por", "mais", "as", "dos", "como", "mas", "foi", "ao", "ele", "das", "tem", "à", "seu",
                "sua", "ou", "ser", "também", "pelo", "pela"]),
        ("nl", ["de", "het", "een", "en", "van", "is", "dat", "op", "te", "in", "zijn", "voor", "met", "niet", "aan",
                "er", "die", "ook", "om", "maar", "wordt", "bij", "als", "nog", "ze", "hij", "dan", "naar", "werd",
                "heeft", "uit", "worden", "kan"]),
        ("tr", ["ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "olan", "gibi", "daha", "çok", "en", "ne",
                "ki", "ama", "sonra", "kadar", "her", "değil", "var", "olduğu", "ise", "veya", "şu", "tarafından",
                "ancak", "yeni", "göre", "bin", "milyon", "mı", "mi"]),
        ("az", ["və", "bir", "bu", "da", "də", "üçün", "ilə", "olan", "kimi", "daha", "çox", "ki", "amma", "sonra",
                "qədər", "hər", "deyil", "var", "olduğu", "isə", "tərəfindən", "lakin", "yeni", "görə",
                "edib", "etdi", "olub", "bildirib", "ölkə", "ərazi"]),
        ("pl", ["i", "w", "nie", "na", "się", "z", "do", "to", "że", "jest", "o", "jak", "po", "co", "tak", "za",
                "od", "przez", "ale", "jego", "dla", "oraz", "czy", "być", "był", "była", "są", "ich", "tym", "już"]),
        ("cs", ["a", "se", "na", "je", "v", "že", "to", "s", "z", "do", "o", "jako", "ale", "by", "pro", "jsou",
                "byl", "jeho", "ve", "za", "po", "od", "nebo", "také", "tak", "jak", "které", "který"]),
        ("sv", ["och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "inte",
                "om", "ett", "de", "var", "jag", "sig", "men", "från", "vi", "så", "kan", "när", "han", "hon"]),
        ("da", ["og", "at", "det", "som", "en", "på", "er", "af", "for", "med", "til", "den", "har", "ikke", "om",
                "et", "de", "var", "jeg", "sig", "men", "fra", "vi", "så", "kan", "når", "han", "hun", "blev", "efter",
                "også", "være", "bliver", "hvor", "nogle"]),
        ("no", ["og", "at", "det", "som", "en", "på", "er", "av", "for", "med", "til", "den", "har", "ikke", "om",
                "et", "de", "var", "jeg", "seg", "men", "fra", "vi", "så", "kan", "når", "han", "hun", "ble", "etter",
                "også", "være", "blir", "hvor", "noen"]),
        ("fi", ["ja", "on", "ei", "että", "se", "oli", "hän", "mutta", "kun", "myös", "tai", "ovat", "joka", "sen",
                "niin", "kuin", "mukaan", "jo", "nyt", "vain", "ole", "olla"]),
        ("hu", ["a", "az", "és", "hogy", "nem", "is", "egy", "meg", "de", "van", "volt", "már", "csak", "még",
                "ez", "azt", "mint", "el", "ki", "be", "fel", "vagy", "után", "kell", "lesz"]),
        ("ro", ["și", "de", "la", "în", "a", "cu", "care", "pe", "nu", "din", "o", "un", "să", "este", "pentru",
                "mai", "au", "ca", "se", "sau", "dar", "fost", "sunt", "lui", "prin", "acest"]),
        ("id", ["yang", "dan", "di", "itu", "dengan", "untuk", "tidak", "ini", "dari", "dalam", "akan", "pada",
                "juga", "ke", "karena", "ada", "oleh", "adalah", "mereka", "bisa", "atau", "sudah"]),
        ("ru", ["и", "в", "не", "на", "что", "с", "по", "как", "это", "к", "из", "от", "за", "о", "для", "его",
                "но", "он", "она", "также", "были", "был", "была", "который", "которые", "после", "при", "до",
                "уже", "так", "же", "или", "ее", "их", "будет", "только", "есть"]),
        ("uk", ["і", "в", "не", "на", "що", "з", "у", "до", "та", "як", "це", "за", "від", "по", "для", "його",
                "але", "він", "вона", "також", "було", "був", "була", "який", "які", "після", "при", "вже", "так",
                "або", "її", "їх", "буде", "тільки", "є", "щоб"]),
        ("bg", ["и", "в", "на", "да", "се", "е", "за", "не", "от", "че", "с", "по", "са", "това", "като", "но",
                "той", "тя", "който", "които", "след", "при", "до", "вече", "или", "ще", "бъде", "има", "този"]),
        ("sr", ["и", "у", "је", "да", "на", "се", "за", "не", "од", "са", "који", "су", "као", "то", "што",
                "али", "он", "она", "из", "до", "после", "при", "или", "ће", "био", "била"]),
    ]

    /// Each function word of the profiles, with the profiles (bit `i` for `profiles[i]`) that list it:
    /// one look-up per word of the text instead of one per profile.
    private static let functionWords: ByteWordTable = {
        var table: [String: UInt32] = [:]
        for (index, profile) in profiles.enumerated() {
            for word in profile.words { table[word, default: 0] |= 1 << UInt32(index) }
        }
        return ByteWordTable(table)
    }()

    /// The longest function word, in Unicode scalars: a longer word of the text cannot be one (lower
    /// casing never shortens a word), so it is counted but not looked up.
    private static let longestProfileWord = profiles.flatMap(\.words).map(\.unicodeScalars.count).max() ?? 0

    /// How many Unicode scalars of the text are read.
    static let scalarsRead = 6000

    /// What the first ``scalarsRead`` scalars of a text hold: letters by script, words, function-word
    /// hits by profile, and the letters that tell languages of one script apart.
    struct Tally: Equatable {
        var scripts = [Int](repeating: 0, count: Script.allCases.count)
        var letters = 0
        var wordCount = 0
        var profileHits = [Int](repeating: 0, count: LanguageGuess.profiles.count)
        var azerbaijaniLetters = 0, dotlessI = 0, ukrainianLetters = 0, russianLetters = 0
    }

    /// Counts the text's letters and words, walking its UTF-8 bytes.
    ///
    /// A word is a run of letters (ASCII `A`–`Z`, `a`–`z`, and every other alphabetic scalar): an
    /// apostrophe or hyphen ends it ("l'armée" splits, as French does). Only the first 1,500 words are
    /// counted and looked up, and only words no longer than the longest function word are looked up:
    /// ASCII letters folded to lower case on the fly; a word with other letters as it is when it is
    /// already in lower case, else after `String.lowercased()` (so `Für` and `ОН` find `für` and `он`).
    static func tally(_ bytes: UnsafeBufferPointer<UInt8>) -> Tally {
        var tally = Tally()
        let table = functionWords
        let longest = longestProfileWord
        let count = bytes.count
        var index = 0
        var scalars = 0
        var wordStart = 0
        var wordScalars = 0
        var wordIsASCII = true
        // Set when a non-ASCII letter of the word may change when lower-cased.
        var wordMayHaveCapitals = false
        var wordHash = ByteWordTable.emptyHash
        func endWord(at end: Int) {
            defer {
                wordScalars = 0
                wordIsASCII = true
                wordMayHaveCapitals = false
                wordHash = ByteWordTable.emptyHash
            }
            guard wordScalars > 0, tally.wordCount < 1500 else { return }
            tally.wordCount += 1
            guard wordScalars <= longest else { return }
            let word = UnsafeBufferPointer(rebasing: bytes[wordStart..<end])
            var mask = table.value(of: word, hash: wordHash)
            if mask == 0, !wordIsASCII, wordMayHaveCapitals {
                var lowered = String(decoding: word, as: UTF8.self).lowercased()
                mask = lowered.withUTF8 { table.value(of: $0) }
            }
            while mask != 0 {
                tally.profileHits[mask.trailingZeroBitCount] += 1
                mask &= mask - 1
            }
        }
        while index < count, scalars < scalarsRead {
            let lead = bytes[index]
            if lead < 0x80 {
                scalars += 1
                let folded = lead | 0x20
                guard folded >= UInt8(ascii: "a"), folded <= UInt8(ascii: "z") else {
                    endWord(at: index)
                    index += 1
                    continue
                }
                if wordScalars == 0 { wordStart = index }
                tally.letters += 1
                wordScalars += 1
                if wordScalars <= longest { wordHash = ByteWordTable.hash(wordHash, folded) }
                tally.scripts[Script.latin.rawValue] += 1
                index += 1
                continue
            }
            guard let (value, length) = Letters.scalar(in: bytes, at: index) else { break }
            scalars += 1
            guard Letters.isAlphabetic(value) else {
                endWord(at: index)
                index += length
                continue
            }
            if wordScalars == 0 { wordStart = index }
            tally.letters += 1
            wordScalars += 1
            if wordScalars <= longest {
                for offset in 0..<length { wordHash = ByteWordTable.hash(wordHash, bytes[index + offset]) }
                if !Letters.isLowerCase(value) { wordMayHaveCapitals = true }
            }
            wordIsASCII = false
            if let script = script(of: value) { tally.scripts[script.rawValue] += 1 }
            switch value {
            case 0x259, 0x18F: tally.azerbaijaniLetters += 1  // ə Ə: Azerbaijani only
            case 0x131: tally.dotlessI += 1  // ı dotless i: Turkish and Azerbaijani
            case 0x456, 0x457, 0x454, 0x491: tally.ukrainianLetters += 1  // і ї є ґ: Ukrainian, not Russian
            case 0x44B, 0x44D, 0x451: tally.russianLetters += 1  // ы э ё: Russian, not Ukrainian or Bulgarian
            default: break
            }
            index += length
        }
        endWord(at: index)
        return tally
    }

    /// The language of `text` (its first ``scalarsRead`` Unicode scalars), checking the `declared` hint.
    static func language(of text: String, declared: String? = nil) -> String? {
        var text = text
        let tally = text.withUTF8 { Self.tally($0) }
        let (scripts, letters, wordCount, profileHits) = (tally.scripts, tally.letters, tally.wordCount, tally.profileHits)
        let (azerbaijaniLetters, dotlessI, ukrainianLetters, russianLetters) =
            (tally.azerbaijaniLetters, tally.dotlessI, tally.ukrainianLetters, tally.russianLetters)
        let declaredLanguage = declared.flatMap(primary)
        // A strict majority of the letters: at most one script has it.
        guard letters > 0, let majority = scripts.firstIndex(where: { $0 * 2 > letters }), let dominant = Script(rawValue: majority) else {
            return nil
        }
        let count = scripts[majority]
        let hint = declaredLanguage.flatMap { script(of: $0) == dominant || (dominant == .han && $0 == "ja") ? $0 : nil }

        switch dominant {
        case .han:
            // Japanese mixes kana into its kanji; Chinese has none.
            if scripts[Script.kana.rawValue] * 20 >= count { return "ja" }
            return letters >= 4 ? "zh" : hint
        case .arabic:
            return hint ?? (letters >= 20 ? "ar" : nil)
        case .devanagari:
            return hint ?? (letters >= 20 ? "hi" : nil)
        case .latin, .cyrillic:
            break
        default:
            return scriptLanguage[dominant]
        }

        // Latin and Cyrillic: function words decide, with the letters only one language uses.
        var scores: [String: Double] = [:]
        for (index, hits) in profileHits.enumerated() where hits > 0 { scores[profiles[index].language] = Double(hits) }
        if dominant == .latin {
            if azerbaijaniLetters >= 2 {
                scores["az", default: 0] += Double(azerbaijaniLetters)
                scores["tr"] = (scores["tr"] ?? 0) / 2
            } else if dotlessI >= 2 {
                scores["tr", default: 0] += Double(dotlessI) / 2
            }
        } else {
            if ukrainianLetters >= 1 { scores["uk", default: 0] += Double(ukrainianLetters) }
            if russianLetters >= 1 { scores["ru", default: 0] += Double(russianLetters) }
        }
        let ranked = scores.filter { script(of: $0.key) == dominant }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        if let best = ranked.first {
            let second = ranked.dropFirst().first?.value ?? 0
            let clear = best.value >= 3 && best.value >= second * 1.5 + 1 && best.value * 12 >= Double(wordCount)
            if clear {
                // The hint stands when the words do not point elsewhere: a close second that is the hint wins.
                if let hint, hint != best.key, let hinted = scores[hint], hinted * 1.25 >= best.value { return hint }
                return best.key
            }
            // Unclear words: the hint, when they do not contradict it.
            if let hint {
                let hinted = scores[hint] ?? 0
                return best.value >= 3 && hinted * 2 < best.value ? nil : hint
            }
            return nil
        }
        return hint
    }

    /// The script of a letter, for the scripts told apart.
    static func script(of value: UInt32) -> Script? {
        switch value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: .latin
        case 0x400...0x52F: .cyrillic
        case 0x530...0x58F, 0xFB13...0xFB17: .armenian
        case 0x10A0...0x10FF, 0x2D00...0x2D2F: .georgian
        case 0x370...0x3FF, 0x1F00...0x1FFF: .greek
        case 0x600...0x6FF, 0x750...0x77F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: .arabic
        case 0x590...0x5FF: .hebrew
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: .han
        case 0x3040...0x30FF: .kana
        case 0xAC00...0xD7AF, 0x1100...0x11FF: .hangul
        case 0x900...0x97F: .devanagari
        case 0xE00...0xE7F: .thai
        default: nil
        }
    }

    /// `en-GB` → `en`; nil when not a language tag.
    private static func primary(_ tag: String) -> String? {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() }
        guard let primary, (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return primary
    }
}
