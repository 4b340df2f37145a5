// Guessing the single-byte encoding of text that is not UTF-8 and declares
// nothing (or declares something the bytes plainly contradict).
//
// Two steps, both on the bytes above 0x7F of the text (HTML tags skipped):
//
// 1. Script. Cyrillic words are written entirely in high bytes, so a high byte
//    in Cyrillic text mostly follows another one; in Latin-script text high
//    bytes are accented letters scattered among ASCII letters. Compare the two,
//    and ask for real Cyrillic words besides: letters in runs of three or more
//    (``HighByteStatistics/minimumCyrillicLetters`` of them, at least half the
//    high bytes). A few stray bytes in an English page (a windows-1252 quote
//    or dash pasted in) never make such runs, however they sit.
// 2. Encoding within the script.
//    - Cyrillic (windows-1251 or KOI8-R): the likelihood of the decoded text
//      under Russian letter frequencies and the case patterns of words (mostly
//      lowercase, some capitalised, few in capitals). The two encodings put
//      lowercase and uppercase in opposite halves of 0xC0...0xFF, so the wrong
//      one reads running text as rare letters in capitals.
//    - Latin (windows-1252, windows-1250, ISO-8859-2): how well one language's
//      alphabet (French, Czech, Polish, ...) explains the letters decoded
//      inside words, less penalties for bytes the encoding leaves undefined or
//      that decode to symbols inside words (Polish "ł" read as "³").
//      windows-1252 wins unless a Central European reading is clearly better.
//
// The decoding tables are not written out here: they are the transcoder's
// (``TextDecoding/SingleByteTable``), read from iconv once per process, so the
// detector and the transcoder cannot disagree.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TextDecoding {
    /// Where the bytes above 0x7F of a text fall, and what is around them.
    struct HighByteStatistics: Sendable {
        /// Occurrences of each byte 0x80...0xFF (index byte - 0x80).
        var counts = [Int](repeating: 0, count: 128)
        /// Occurrences with a letter or high byte on both sides: inside a word.
        var inWord = [Int](repeating: 0, count: 128)
        /// All high bytes.
        var total = 0
        /// High bytes that follow another high byte.
        var afterHigh = 0
        /// High bytes next to an ASCII letter.
        var besideASCIILetter = 0
        /// Per Cyrillic candidate (in ``DetectorTables/cyrillic`` order), how many
        /// words of each ``WordCase`` the text has when read in it.
        var wordCases: [[Int]] = []
        /// Per Cyrillic candidate, the letters of the words of ``WordCaseTracker/longWordLength``
        /// letters or more read in it: what real Cyrillic words give and stray bytes do not.
        var lettersInLongWords: [Int] = []

        /// Letters in long words below which the high bytes are too few to be Cyrillic text, unless
        /// the page says it is in a Cyrillic language: one short word (`Путин`) and more.
        static let minimumCyrillicLetters = 4

        /// High bytes after which the statistics stop: far more than the
        /// guess needs, and it bounds the cost on large pages.
        static let highByteLimit = 16384

        /// Gathers the statistics of the first ``highByteLimit`` high bytes;
        /// for HTML, bytes inside tags are skipped. With `skippingUTF8`, well-formed
        /// UTF-8 sequences are skipped too (each stands like a space): they are UTF-8
        /// characters, no evidence of a single-byte encoding, and what is left is
        /// the damage to explain.
        init(_ bytes: UnsafeBufferPointer<UInt8>, isHTML: Bool, skippingUTF8: Bool = false,
             tables: DetectorTables = .shared) {
            let count = bytes.count
            // What each candidate reads each high byte as, candidate after candidate.
            let letterCases = tables.cyrillic.flatMap(\.letterCase)
            var words = Array(repeating: WordCaseTracker(), count: tables.cyrillic.count)
            var inHighRun = false  // the trackers may be inside a word
            var total = 0, afterHigh = 0, besideASCIILetter = 0
            var inTag = false
            var previous: UInt8 = 0x20
            var index = 0
            counts.withUnsafeMutableBufferPointer { counts in
                inWord.withUnsafeMutableBufferPointer { inWord in
                    while index < count, total < HighByteStatistics.highByteLimit {
                        let byte = bytes[index]
                        index += 1
                        if isHTML {
                            if inTag {
                                if byte == UInt8(ascii: ">") {
                                    inTag = false
                                    previous = 0x20
                                }
                                continue
                            }
                            if byte == UInt8(ascii: "<"), index < count {
                                let next = bytes[index]
                                if TextDecoding.isASCIILetter(next) || next == UInt8(ascii: "/")
                                    || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                                    inTag = true
                                }
                            }
                        }
                        if byte >= 0x80, skippingUTF8, let base = bytes.baseAddress {
                            let length = TextDecoding.utf8Sequence(base, index &- 1, count, lead: byte)
                            if length > 0 {
                                index &+= length &- 1
                                if inHighRun {
                                    inHighRun = false
                                    for candidate in words.indices { words[candidate].add(.none) }
                                }
                                previous = 0x20
                                continue
                            }
                        }
                        guard byte >= 0x80 else {
                            if inHighRun {  // an ASCII byte ends every candidate's word
                                inHighRun = false
                                for candidate in words.indices { words[candidate].add(.none) }
                            }
                            previous = byte
                            continue
                        }
                        let slot = Int(byte &- 0x80)
                        inHighRun = true
                        for candidate in words.indices { words[candidate].add(letterCases[candidate &* 128 &+ slot]) }
                        let next: UInt8 = index < count ? bytes[index] : 0x20
                        total += 1
                        counts[slot] += 1
                        if previous >= 0x80 { afterHigh += 1 }
                        if TextDecoding.isASCIILetter(previous) || TextDecoding.isASCIILetter(next) { besideASCIILetter += 1 }
                        if (previous >= 0x80 || TextDecoding.isASCIILetter(previous))
                            && (next >= 0x80 || TextDecoding.isASCIILetter(next)) {
                            inWord[slot] += 1
                        }
                        previous = byte
                    }
                }
            }
            for candidate in words.indices { words[candidate].add(.none) }
            self.total = total
            self.afterHigh = afterHigh
            self.besideASCIILetter = besideASCIILetter
            self.wordCases = words.map(\.counts)
            self.lettersInLongWords = words.map(\.lettersInLongWords)
        }

        /// How many words of each ``WordCase`` the text has read in a Cyrillic candidate.
        func wordCases(readAs charset: Charset, tables: DetectorTables = .shared) -> [Int]? {
            tables.cyrillic.firstIndex { $0.charset == charset }.flatMap { $0 < wordCases.count ? wordCases[$0] : nil }
        }

        /// Whether the high bytes read as Cyrillic words rather than as accents:
        /// they mostly follow one another, and make words of several letters in a
        /// Cyrillic encoding, enough of them to be text and not a stray byte or two.
        var looksCyrillic: Bool {
            let letters = lettersInLongWords.max() ?? 0
            return afterHigh > besideASCIILetter && letters >= Self.minimumCyrillicLetters && 2 * letters >= total
        }

        /// Cyrillic beyond doubt: enough text, and runs of high bytes far more
        /// common than high bytes among ASCII letters. Strong enough to overrule
        /// a page that declares a Latin-script encoding.
        var isClearlyCyrillic: Bool { total >= 16 && afterHigh >= 12 && afterHigh >= 3 * besideASCIILetter }
    }

    /// The case pattern of a word. Running text is mostly lowercase words, some
    /// capitalised, a few in capitals; read in the wrong Cyrillic encoding,
    /// lowercase words turn to capitals and capitalised ones to a jumble.
    enum WordCase: Int, CaseIterable, Sendable {
        case lower, capitalized, allCaps, mixed

        /// The log-probability of a word having this pattern.
        var logProbability: Double {
            switch self {
            case .lower: log(0.80)
            case .capitalized: log(0.15)
            case .allCaps: log(0.04)
            case .mixed: log(0.01)
            }
        }
    }

    /// The case of what a byte decodes to.
    enum LetterCase: Sendable {
        case none, lower, upper
    }

    /// Follows the letters of a text's words, one at a time, and counts the
    /// words of each ``WordCase``.
    struct WordCaseTracker {
        /// Words seen so far, indexed by ``WordCase/rawValue``.
        private(set) var counts = [Int](repeating: 0, count: WordCase.allCases.count)
        /// Letters of the words of ``longWordLength`` letters or more seen so far.
        private(set) var lettersInLongWords = 0
        /// Words this long are Cyrillic text; stray high bytes make runs of one or two.
        static let longWordLength = 3
        private var length = 0
        private var uppercase = 0
        private var firstIsUpper = false
        private var lastIsLower = false
        private var upperAfterLower = false

        /// Adds what a byte decodes to; a non-letter ends the word, if one is open.
        mutating func add(_ letterCase: LetterCase) {
            switch letterCase {
            case .none:
                guard length > 0 else { return }
                let pattern: WordCase =
                    if upperAfterLower { .mixed }
                    else if uppercase == 0 { .lower }
                    else if firstIsUpper && uppercase == 1 { .capitalized }
                    else if uppercase == length { .allCaps }
                    else { .mixed }
                counts[pattern.rawValue] += 1
                if length >= Self.longWordLength { lettersInLongWords += length }
                length = 0
                uppercase = 0
                lastIsLower = false
                upperAfterLower = false
            case .lower, .upper:
                let isUpper = letterCase == .upper
                if length == 0 { firstIsUpper = isUpper }
                if isUpper && lastIsLower { upperAfterLower = true }
                if isUpper { uppercase += 1 }
                lastIsLower = !isUpper
                length += 1
            }
        }
    }

    /// A guessed encoding and why.
    struct Detection: Sendable {
        var charset: Charset
        /// What the guess rests on, for the warning ("Cyrillic letter statistics").
        var reason: String
    }

    /// Guesses the encoding of text that is not UTF-8.
    static func detect(_ statistics: HighByteStatistics, hint: LanguageHint?) -> Detection {
        if case .specific(let charset) = hint {
            return Detection(charset: charset, reason: "the page's language")
        }
        let tables = DetectorTables.shared
        if statistics.looksCyrillic
            || (hint == .cyrillic && statistics.total > 0 && statistics.afterHigh >= statistics.besideASCIILetter) {
            if let ranked = tables.rankCyrillic(statistics).first {
                return Detection(charset: ranked.charset, reason: "Cyrillic letter statistics")
            }
        }
        let charset = tables.chooseLatin(statistics, centralEuropeanHint: hint == .centralEuropean)
        return Detection(charset: charset, reason: "Latin letter statistics")
    }

    /// Decoding tables of the candidate encodings, built with iconv once.
    struct DetectorTables: Sendable {
        static let shared = DetectorTables()

        /// Per Cyrillic candidate: the log-likelihood of each byte 0x80...0xFF
        /// (the letter's frequency, whatever its case) and the case it decodes to.
        let cyrillic: [(charset: Charset, logLikelihood: [Double], letterCase: [LetterCase])]
        /// Per Latin candidate: the class of each byte and the languages whose
        /// alphabet holds the letter it decodes to (bit mask over `latinAlphabets`).
        let latin: [(charset: Charset, classes: [ByteClass], alphabets: [UInt32])]

        enum ByteClass: Sendable {
            case letter
            /// Apostrophes, soft hyphen, middle dot: at home inside words.
            case wordPunctuation
            case symbol
            /// Undefined in the encoding, or a C1 control code.
            case undefined
        }

        private init() {
            cyrillic = [Charset.windows1251, .koi8r].compactMap { charset in
                SingleByteTable.tables[charset].map(\.scalars).map { scalars in
                    let cases = scalars.map { value -> LetterCase in
                        switch value {
                        case 0x400 ... 0x42F: .upper
                        case 0x430 ... 0x45F: .lower
                        default: .none
                        }
                    }
                    return (charset, scalars.map(DetectorTables.cyrillicLogLikelihood), cases)
                }
            }
            let alphabets = DetectorTables.latinAlphabets.map { Set($0.unicodeScalars.map(\.value)) }
            latin = [Charset.windows1252, .windows1250, .iso8859_2].compactMap { charset in
                SingleByteTable.tables[charset].map(\.scalars).map { scalars in
                    let classes = scalars.map(DetectorTables.latinClass)
                    let masks = scalars.map { value -> UInt32 in
                        guard let scalar = Unicode.Scalar(value),
                              let lower = scalar.properties.lowercaseMapping.unicodeScalars.first?.value
                        else { return 0 }
                        var mask: UInt32 = 0
                        for (bit, alphabet) in alphabets.enumerated() where alphabet.contains(lower) {
                            mask |= 1 << UInt32(bit)
                        }
                        return mask
                    }
                    return (charset, classes, masks)
                }
            }
        }

        /// The Cyrillic candidates, most likely first (windows-1251 first on a tie).
        func rankCyrillic(_ statistics: HighByteStatistics) -> [(charset: Charset, score: Double)] {
            let scored = cyrillic.enumerated().map { number, candidate in
                var score = 0.0
                for slot in 0 ..< 128 where statistics.counts[slot] > 0 {
                    score += Double(statistics.counts[slot]) * candidate.logLikelihood[slot]
                }
                if number < statistics.wordCases.count {
                    for pattern in WordCase.allCases {
                        score += Double(statistics.wordCases[number][pattern.rawValue]) * pattern.logProbability
                    }
                }
                return (charset: candidate.charset, score: score)
            }
            // A stable sort keeps the listed order (windows-1251 first) on a tie.
            return scored.enumerated().sorted { a, b in
                a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
            }.map(\.element)
        }

        /// The Latin-script encoding the bytes fit best. windows-1252 unless a
        /// Central European encoding beats it by a clear margin (by any margin
        /// when the page's language is Central European).
        ///
        /// Each encoding is scored by the alphabet that fits its reading best:
        /// per occurrence inside a word, +1 for a letter of the alphabet, -1
        /// for a letter outside it or a symbol; -2 per byte the encoding leaves
        /// undefined, wherever it stands. Bytes between spaces (guillemets,
        /// dashes, the Italian "è") say little about the alphabet and are left out.
        func chooseLatin(_ statistics: HighByteStatistics, centralEuropeanHint: Bool) -> Charset {
            var scores = [Charset: Int]()
            for candidate in latin {
                var fit = [Int](repeating: 0, count: DetectorTables.latinAlphabets.count)
                var penalty = 0
                for slot in 0 ..< 128 where statistics.counts[slot] > 0 {
                    let inWord = statistics.inWord[slot]
                    switch candidate.classes[slot] {
                    case .undefined:
                        penalty += 2 * statistics.counts[slot]
                    case .symbol:
                        penalty += inWord
                    case .wordPunctuation:
                        break
                    case .letter:
                        let alphabets = candidate.alphabets[slot]
                        for language in fit.indices {
                            fit[language] += alphabets & (1 << UInt32(language)) != 0 ? inWord : -inWord
                        }
                    }
                }
                scores[candidate.charset] = (fit.max() ?? 0) - penalty
            }
            guard let western = scores[.windows1252] else { return .windows1252 }
            let windows1250 = scores[.windows1250] ?? .min
            let iso8859_2 = scores[.iso8859_2] ?? .min
            let inWord = statistics.inWord.reduce(0, +)
            let margin = centralEuropeanHint ? 0 : max(2, inWord / 20)
            guard max(windows1250, iso8859_2) > western + margin
                || (centralEuropeanHint && max(windows1250, iso8859_2) >= western) else { return .windows1252 }
            return iso8859_2 > windows1250 + max(1, inWord / 40) ? .iso8859_2 : .windows1250
        }

        private static func cyrillicLogLikelihood(_ scalar: UInt32) -> Double {
            switch scalar {
            case 0x400 ... 0x45F:
                let lower = scalar < 0x410 ? scalar + 0x50 : scalar < 0x430 ? scalar + 0x20 : scalar
                return log(russianLetterFrequency[lower] ?? 0.004)
            case 0xFFFD:
                return log(0.00001)
            default:
                return textPunctuation.contains(scalar) ? log(0.01) : log(0.0001)
            }
        }

        private static func latinClass(_ value: UInt32) -> ByteClass {
            guard value != 0xFFFD, !(0x80 ... 0x9F).contains(value), let scalar = Unicode.Scalar(value) else {
                return .undefined
            }
            if scalar.properties.isAlphabetic { return .letter }
            return [0x2019, 0x2018, 0x02BC, 0x00AD, 0x00B7, 0x2010, 0x2011].contains(value) ? .wordPunctuation : .symbol
        }

        /// Punctuation that running text uses (no-break space, guillemets,
        /// dashes, quotes, ellipsis, №, ©, °), as against box drawing and the like.
        private static let textPunctuation: Set<UInt32> = [
            0x00A0, 0x00AB, 0x00BB, 0x2013, 0x2014, 0x2026, 0x201C, 0x201D, 0x201E, 0x2018, 0x2019,
            0x201A, 0x2116, 0x00A9, 0x00AE, 0x00B0, 0x00A7, 0x00B7, 0x2022, 0x00B1, 0x00AD, 0x20AC, 0x2122,
        ]

        /// Letter frequencies of Russian (share of letters); other Cyrillic
        /// letters (Ukrainian і, Serbian ђ, ...) count as 0.4%.
        private static let russianLetterFrequency: [UInt32: Double] = {
            let table: [(Character, Double)] = [
                ("о", 0.1097), ("е", 0.0845), ("а", 0.0801), ("и", 0.0735), ("н", 0.0670), ("т", 0.0626),
                ("с", 0.0547), ("р", 0.0473), ("в", 0.0454), ("л", 0.0440), ("к", 0.0349), ("м", 0.0321),
                ("д", 0.0298), ("п", 0.0281), ("у", 0.0262), ("я", 0.0201), ("ы", 0.0190), ("ь", 0.0174),
                ("г", 0.0170), ("з", 0.0165), ("б", 0.0159), ("ч", 0.0144), ("й", 0.0121), ("х", 0.0097),
                ("ж", 0.0094), ("ш", 0.0073), ("ю", 0.0064), ("ц", 0.0048), ("щ", 0.0036), ("э", 0.0032),
                ("ф", 0.0026), ("ъ", 0.0004), ("ё", 0.0004),
            ]
            var frequencies = [UInt32: Double]()
            for (letter, frequency) in table {
                if let scalar = letter.unicodeScalars.first { frequencies[scalar.value] = frequency }
            }
            return frequencies
        }()

        /// The letters beyond ASCII of Latin-script alphabets, lowercase.
        static let latinAlphabets: [String] = [
            "àâæçéèêëîïôœùûüÿ",  // French
            "äöüß",  // German
            "áéíñóúü",  // Spanish
            "áàâãçéêíóôõú",  // Portuguese
            "àèéìíîòóùú",  // Italian
            "àçèéíïòóúü",  // Catalan
            "éèëïöü",  // Dutch
            "åäöéšž",  // Swedish, Finnish
            "æøåéóê",  // Danish, Norwegian
            "áðéíóúýþæö",  // Icelandic
            "áčďéěíňóřšťúůýž",  // Czech
            "áäčďéíĺľňóôŕšťúýž",  // Slovak
            "ąćęłńóśźż",  // Polish
            "áéíóöőúüű",  // Hungarian
            "čćđšž",  // Slovene, Croatian, Bosnian
            "ăâîșțşţ",  // Romanian
        ]
    }
}
