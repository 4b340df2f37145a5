/// A date read from text: the calendar date as written, and the full timestamp when the text gives
/// a time.
struct ParsedDate: Equatable, Sendable {
    /// `YYYY-MM-DD`, the date as the source wrote it (not converted to UTC).
    var date: String
    /// `YYYY-MM-DDTHH:MM:SS`, with the offset (`Z`, `+02:00`) when the source gives one.
    var timestamp: String?
}

/// Reads the many ways pages, feeds and people write a date.
///
/// Understood, anywhere in the first 200 characters of the text:
/// - ISO 8601 dates and timestamps (`2020-07-09`, `2020-07-09T10:00:00+03:00`, `20200709`), and
///   other year-first forms (`2020/07/09`, `2020.07.09`);
/// - RFC 2822 and its kin (`Thu, 09 Jul 2020 10:00:00 GMT`, `Thu Jul 09 10:00:00 CEST 2020`);
/// - written dates with the month's name in English, German, French, Spanish, Italian, Portuguese,
///   Dutch, Russian, Ukrainian, Polish, Turkish, Azerbaijani and Armenian (`June 5, 2024`,
///   `5 June 2024`, `5. Juni 2024`, `5 de junio de 2024`, `5 июня 2024 г.`), and `2024年6月5日`;
/// - numeric day-first dates with dots (`05.06.2024` is 5 June: dots are written day.month.year);
/// - numeric dates with slashes or dashes and the year last, when the order is certain: `25/12/2020`
///   is day/month (25 is no month), `12/25/2020` month/day; `05/06/2024` could be either and is
///   refused rather than guessed.
///
/// Years outside 1900–2100 and impossible dates (`2024-13-45`, `2023-02-29`) are refused; so is
/// text with no date (`yesterday`).
enum DateNormalizer {
    /// The first date in `text`, if it holds one.
    static func parse(_ text: String) -> ParsedDate? {
        let tokens = tokenize(text)
        return yearFirst(tokens) ?? chinese(tokens) ?? written(tokens) ?? dayFirst(tokens) ?? yearLast(tokens)
    }

    /// The ISO date (`YYYY-MM-DD`) in `text`, if it holds one.
    static func isoDate(_ text: String) -> String? { parse(text)?.date }

    /// A date written into a URL path: `/2020/07/09/` or `/2020-07-09/`.
    static func dateInURL(_ url: String) -> String? {
        let parts = url.split(separator: "/").map(String.init)
        for (index, part) in parts.enumerated() {
            guard part.count == 4, let year = Int(part), (1990...2100).contains(year) else {
                if part.count >= 10, part.prefix(4).allSatisfy(\.isNumber), let date = yearFirst(tokenize(String(part.prefix(10)))) {
                    return date.date
                }
                continue
            }
            guard index + 2 < parts.count, parts[index + 1].count <= 2, let month = Int(parts[index + 1]),
                let day = Int(parts[index + 2].prefix(2)), parts[index + 2].prefix(2).allSatisfy(\.isNumber)
            else { continue }
            return format(year: year, month: month, day: day)
        }
        return nil
    }

    // MARK: - Tokens

    private enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case mark(Unicode.Scalar)
    }

    /// Runs of digits, runs of letters (lower-cased), and single other non-space characters.
    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var digits = 0
        var value = 0
        var word = String.UnicodeScalarView()
        func flush() {
            if digits > 0 { tokens.append(.number(digits > 9 ? Int.max : value, digits: digits)) }
            if !word.isEmpty { tokens.append(.word(String(word).lowercased())) }
            digits = 0
            value = 0
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars.prefix(200) {
            if scalar.value >= 48 && scalar.value <= 57 {
                if !word.isEmpty { flush() }
                if digits < 10 { value = value * 10 + Int(scalar.value - 48) }
                digits += 1
            } else if scalar.properties.isAlphabetic {
                if digits > 0 { flush() }
                word.append(scalar)
            } else {
                flush()
                if !scalar.properties.isWhitespace { tokens.append(.mark(scalar)) }
            }
        }
        flush()
        return tokens
    }

    private static func number(_ tokens: [Token], _ index: Int) -> (value: Int, digits: Int)? {
        guard index >= 0, index < tokens.count, case .number(let value, let digits) = tokens[index] else { return nil }
        return (value, digits)
    }

    private static func mark(_ tokens: [Token], _ index: Int) -> Unicode.Scalar? {
        guard index >= 0, index < tokens.count, case .mark(let scalar) = tokens[index] else { return nil }
        return scalar
    }

    private static func word(_ tokens: [Token], _ index: Int) -> String? {
        guard index >= 0, index < tokens.count, case .word(let word) = tokens[index] else { return nil }
        return word
    }

    // MARK: - Forms

    /// `2020-07-09`, `2020/07/09`, `2020.07.09`, `20200709`, each with an optional time.
    private static func yearFirst(_ tokens: [Token]) -> ParsedDate? {
        for index in tokens.indices {
            guard let year = number(tokens, index) else { continue }
            if year.digits == 4, let separator = mark(tokens, index + 1), "-/.".unicodeScalars.contains(separator),
                let month = number(tokens, index + 2), month.digits <= 2, mark(tokens, index + 3) == separator,
                let day = number(tokens, index + 4), day.digits <= 2
            {
                guard let date = format(year: year.value, month: month.value, day: day.value) else { return nil }
                return ParsedDate(date: date, timestamp: time(tokens, from: index + 5, date: date))
            }
            if year.digits == 8 {
                let value = year.value
                guard let date = format(year: value / 10_000, month: value / 100 % 100, day: value % 100) else { continue }
                return ParsedDate(date: date, timestamp: time(tokens, from: index + 1, date: date))
            }
        }
        return nil
    }

    /// `2024年6月5日`.
    private static func chinese(_ tokens: [Token]) -> ParsedDate? {
        for index in tokens.indices {
            guard let year = number(tokens, index), year.digits == 4, word(tokens, index + 1) == "年",
                let month = number(tokens, index + 2), word(tokens, index + 3) == "月", let day = number(tokens, index + 4)
            else { continue }
            return format(year: year.value, month: month.value, day: day.value).map { ParsedDate(date: $0) }
        }
        return nil
    }

    /// A month's name with a day next to it and a year soon after (or, in `Thu Jul 09 10:00:00 CEST
    /// 2020`, after the time).
    private static func written(_ tokens: [Token]) -> ParsedDate? {
        for index in tokens.indices {
            guard let name = word(tokens, index), let month = months[name] ?? months[String(name.prefix(3))].flatMap({
                name.count <= 4 || name.hasPrefix("sept") ? $0 : nil
            }) else { continue }
            // The day: just before the name (`5 June`, `5. Juni`, `5 de junio`, `5th of June`) or just after it.
            var day: Int?
            var after = index + 1
            var back = index - 1
            while let filler = word(tokens, back), ["de", "of", "the", "th", "st", "nd", "rd"].contains(filler) { back -= 1 }
            if mark(tokens, back) == "." { back -= 1 }
            if let value = number(tokens, back), value.digits <= 2, (1...31).contains(value.value) { day = value.value }
            if let value = number(tokens, after), value.digits <= 2, (1...31).contains(value.value) {
                if day == nil { day = value.value }
                after += 1
            }
            guard let day else { continue }
            // The year: the first four-digit number among the next few tokens (past a time, if any).
            var year: Int?
            var yearIndex = after
            var timeStart: Int?
            while yearIndex < min(tokens.count, after + 12) {
                if let value = number(tokens, yearIndex), value.digits == 4 {
                    year = value.value
                    break
                }
                if timeStart == nil, number(tokens, yearIndex) != nil, mark(tokens, yearIndex + 1) == ":" {
                    timeStart = yearIndex
                }
                yearIndex += 1
            }
            guard let year, let date = format(year: year, month: month, day: day) else { continue }
            let timestamp = time(tokens, from: yearIndex + 1, date: date)
                ?? timeStart.flatMap { start in time(tokens, from: start, date: date, zoneAfterYear: yearIndex) }
            return ParsedDate(date: date, timestamp: timestamp)
        }
        return nil
    }

    /// `05.06.2024`: dots are written day.month.year.
    private static func dayFirst(_ tokens: [Token]) -> ParsedDate? {
        for index in tokens.indices {
            guard let day = number(tokens, index), day.digits <= 2, mark(tokens, index + 1) == ".",
                let month = number(tokens, index + 2), month.digits <= 2, mark(tokens, index + 3) == ".",
                let year = number(tokens, index + 4), year.digits == 4
            else { continue }
            guard let date = format(year: year.value, month: month.value, day: day.value) else { return nil }
            return ParsedDate(date: date, timestamp: time(tokens, from: index + 5, date: date))
        }
        return nil
    }

    /// `25/12/2020`, `12-25-2020`: the order is taken only when one of the two numbers cannot be a month.
    private static func yearLast(_ tokens: [Token]) -> ParsedDate? {
        for index in tokens.indices {
            guard let first = number(tokens, index), first.digits <= 2, let separator = mark(tokens, index + 1),
                "/-".unicodeScalars.contains(separator), let second = number(tokens, index + 2), second.digits <= 2,
                mark(tokens, index + 3) == separator, let year = number(tokens, index + 4), year.digits == 4
            else { continue }
            let (day, month): (Int, Int)
            if first.value > 12, second.value <= 12 {
                (day, month) = (first.value, second.value)
            } else if second.value > 12, first.value <= 12 {
                (day, month) = (second.value, first.value)
            } else {
                return nil
            }
            guard let date = format(year: year.value, month: month, day: day) else { return nil }
            return ParsedDate(date: date, timestamp: time(tokens, from: index + 5, date: date))
        }
        return nil
    }

    // MARK: - Time of day

    /// Offsets of the zone names RFC 2822 defines, and of the European ones pages print.
    private static let zones: [String: String] = [
        "z": "Z", "ut": "Z", "utc": "Z", "gmt": "Z", "est": "-05:00", "edt": "-04:00", "cst": "-06:00",
        "cdt": "-05:00", "mst": "-07:00", "mdt": "-06:00", "pst": "-08:00", "pdt": "-07:00", "cet": "+01:00",
        "cest": "+02:00", "eet": "+02:00", "eest": "+03:00", "msk": "+03:00", "wet": "Z", "west": "+01:00",
    ]

    /// `HH:MM[:SS[.fff]] [am|pm] [zone]` starting at `index` (after an optional `T`, `,` or `at`).
    private static func time(_ tokens: [Token], from start: Int, date: String, zoneAfterYear: Int? = nil) -> String? {
        var index = start
        if let word = word(tokens, index), ["t", "at", "um", "à", "a", "las", "в"].contains(word) { index += 1 }
        if mark(tokens, index) == "," || mark(tokens, index) == "|" { index += 1 }
        if let word = word(tokens, index), ["at", "um", "à", "a", "las", "в"].contains(word) { index += 1 }
        guard let hours = number(tokens, index), hours.digits <= 2, mark(tokens, index + 1) == ":",
            let minute = number(tokens, index + 2), minute.digits == 2
        else { return nil }
        var hour = hours.value
        var second = 0
        index += 3
        if mark(tokens, index) == ":", let value = number(tokens, index + 1), value.digits == 2 {
            second = value.value
            index += 2
            if mark(tokens, index) == ".", number(tokens, index + 1) != nil { index += 2 }
        }
        if let word = word(tokens, index), word == "am" || word == "pm" {
            guard (1...12).contains(hour) else { return nil }
            if word == "pm", hour < 12 { hour += 12 }
            if word == "am", hour == 12 { hour = 0 }
            index += 1
        }
        guard hour <= 23, minute.value <= 59, second <= 60 else { return nil }
        var zone = ""
        if let word = word(tokens, index), let offset = zones[word] {
            zone = offset
        } else if let sign = mark(tokens, index), sign == "+" || sign == "-" || sign == "−",
            let hours = number(tokens, index + 1)
        {
            let signText = sign == "+" ? "+" : "-"
            if hours.digits == 4 {
                zone = signText + two(hours.value / 100) + ":" + two(hours.value % 100)
            } else if hours.digits <= 2, mark(tokens, index + 2) == ":", let minutes = number(tokens, index + 3) {
                zone = signText + two(hours.value) + ":" + two(minutes.value)
            } else if hours.digits <= 2 {
                zone = signText + two(hours.value) + ":00"
            }
        } else if let yearIndex = zoneAfterYear, let word = word(tokens, yearIndex - 1), let offset = zones[word] {
            zone = offset
        }
        return "\(date)T\(two(hour)):\(two(minute.value)):\(two(second))\(zone)"
    }

    // MARK: - Calendar

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `YYYY-MM-DD` when the date exists (leap years included) and the year is 1900–2100.
    static func format(year: Int, month: Int, day: Int) -> String? {
        guard (1900...2100).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// Month names, lower case, full and in their common short forms (Latin-script three-letter
    /// abbreviations are matched by prefix).
    private static let months: [String: Int] = {
        let names: [[String]] = [
            // English, German, French, Spanish, Italian, Portuguese, Dutch
            ["january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari"],
            ["february", "feb", "februar", "février", "fevrier", "févr", "fév", "febrero", "febbraio", "fevereiro", "fev", "februari"],
            ["march", "mar", "märz", "maerz", "mär", "mars", "marzo", "março", "marco", "maart", "mrt"],
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile"],
            ["may", "mai", "mayo", "maggio", "mag", "maio", "mei"],
            ["june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho"],
            ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"],
            ["august", "aug", "août", "aout", "agosto", "ago", "augustus"],
            ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro"],
            ["october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"],
            ["november", "nov", "novembre", "noviembre", "novembro"],
            ["december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre", "dezembro"],
        ]
        let other: [[String]] = [
            // Russian (nominative, genitive, short), Ukrainian (genitive), Polish (genitive), Turkish, Azerbaijani, Armenian
            ["январь", "января", "янв", "січня", "stycznia", "styczeń", "ocak", "yanvar", "հունվար", "հունվարի"],
            ["февраль", "февраля", "фев", "лютого", "lutego", "luty", "şubat", "fevral", "փետրվար", "փետրվարի"],
            ["март", "марта", "мар", "березня", "marca", "marzec", "mart", "մարտ", "մարտի"],
            ["апрель", "апреля", "апр", "квітня", "kwietnia", "kwiecień", "nisan", "aprel", "ապրիլ", "ապրիլի"],
            ["май", "мая", "травня", "maja", "maj", "mayıs", "մայիս", "մայիսի"],
            ["июнь", "июня", "июн", "червня", "czerwca", "czerwiec", "haziran", "iyun", "հունիս", "հունիսի"],
            ["июль", "июля", "июл", "липня", "lipca", "lipiec", "temmuz", "iyul", "հուլիս", "հուլիսի"],
            ["август", "августа", "авг", "серпня", "sierpnia", "sierpień", "ağustos", "avqust", "օգոստոս", "օգոստոսի"],
            ["сентябрь", "сентября", "сен", "вересня", "września", "wrzesień", "eylül", "sentyabr", "սեպտեմբեր", "սեպտեմբերի"],
            ["октябрь", "октября", "окт", "жовтня", "października", "październik", "ekim", "oktyabr", "հոկտեմբեր", "հոկտեմբերի"],
            ["ноябрь", "ноября", "ноя", "листопада", "listopada", "listopad", "kasım", "noyabr", "նոյեմբեր", "նոյեմբերի"],
            ["декабрь", "декабря", "дек", "грудня", "grudnia", "grudzień", "aralık", "dekabr", "դեկտեմբեր", "դեկտեմբերի"],
        ]
        var table: [String: Int] = [:]
        for (index, forms) in names.enumerated() { for form in forms { table[form] = index + 1 } }
        for (index, forms) in other.enumerated() { for form in forms { table[form] = index + 1 } }
        return table
    }()
}
