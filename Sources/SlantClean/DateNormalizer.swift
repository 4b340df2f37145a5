/// Reads the many ways pages write a publication date and gives ISO 8601 (`2020-07-09`).
///
/// Ambiguous numeric forms such as `09/07/2020` are refused rather than guessed.
enum DateNormalizer {
    private static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
        "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
        "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    /// The ISO date in `text`, if it holds a recognisable one.
    static func isoDate(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars.prefix(200))
        if let date = numericDate(scalars) { return date }
        return wordDate(text)
    }

    /// `2020-07-09…`, `2020/07/09`, `2020.07.09`, `20200709`.
    private static func numericDate(_ scalars: [Unicode.Scalar]) -> String? {
        var index = 0
        while index < scalars.count, !isDigit(scalars[index]) { index += 1 }
        guard index + 8 <= scalars.count else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= scalars.count else { return nil }
            var value = 0
            for offset in 0..<length {
                guard isDigit(scalars[start + offset]) else { return nil }
                value = value * 10 + Int(scalars[start + offset].value - 48)
            }
            return value
        }
        guard let year = number(index, 4) else { return nil }
        if index + 10 <= scalars.count, ["-", "/", "."].contains(scalars[index + 4]),
            scalars[index + 7] == scalars[index + 4], let month = number(index + 5, 2), let day = number(index + 8, 2)
        {
            return format(year: year, month: month, day: day)
        }
        if let month = number(index + 4, 2), let day = number(index + 6, 2),
            index + 8 == scalars.count || !isDigit(scalars[index + 8])
        {
            return format(year: year, month: month, day: day)
        }
        return nil
    }

    /// `July 9, 2020`, `9 July 2020`, `Thu, 09 Jul 2020 10:00:00 GMT`, `Oct 21 2020`.
    private static func wordDate(_ text: String) -> String? {
        var words: [String] = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars.prefix(200) {
            if scalar.properties.isAlphabetic || isDigit(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        for (position, word) in words.enumerated() {
            guard let month = months[word] else { continue }
            var day: Int?
            var year: Int?
            if position + 1 < words.count, let value = Int(stripOrdinal(words[position + 1])), value <= 31 {
                day = value
                if position + 2 < words.count, let value = Int(words[position + 2]), value > 1000 { year = value }
            }
            if day == nil || year == nil, position >= 1, let value = Int(stripOrdinal(words[position - 1])),
                value <= 31
            {
                day = value
                if position + 1 < words.count, let value = Int(words[position + 1]), value > 1000 { year = value }
            }
            if let day, let year { return format(year: year, month: month, day: day) }
        }
        return nil
    }

    private static func stripOrdinal(_ word: String) -> String {
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) { return String(word.dropLast(2)) }
        return word
    }

    private static func format(year: Int, month: Int, day: Int) -> String? {
        guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        let monthText = month < 10 ? "0\(month)" : "\(month)"
        let dayText = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(monthText)-\(dayText)"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }

    /// A date written into a URL path: `/2020/07/09/` or `/2020-07-09/`.
    static func dateInURL(_ url: String) -> String? {
        let parts = url.split(separator: "/").map(String.init)
        for (index, part) in parts.enumerated() {
            guard part.count == 4, let year = Int(part), (1990...2100).contains(year) else {
                if part.count >= 10, let date = numericDate(Array(part.unicodeScalars.prefix(10))),
                    part.prefix(4).allSatisfy(\.isNumber)
                {
                    return date
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
}
