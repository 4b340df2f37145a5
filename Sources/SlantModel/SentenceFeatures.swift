import SlantCore
import SlantText

/// The features a sentence model reads: the sentence's words and word pairs.
///
/// Words are the word and number tokens of Slant's own tokenizer (``Tokenizer``, the one the segment
/// stage uses, so that a sentence labelled in a CSV file and the same sentence in an article give the
/// same features), lower-cased, with typographic apostrophes and hyphens written as `'` and `-`;
/// every number token is the one word `<number>`. The features are each distinct word and each
/// distinct pair of adjacent words (`"radical left"`, written with one space); punctuation is not a
/// word, so a pair can span it ("war, not" gives `war not`). A feature counts once per sentence
/// however often it occurs (binary features).
public enum SentenceFeatures {
    /// The word every number token stands for.
    public static let number = "<number>"

    /// The words of a sentence given as text (tokenized as the segment stage tokenizes).
    public static func words(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            let tokens = Tokenizer.tokenize(bytes)
            return words(bytes, tokens: tokens[...])
        }
    }

    /// The words of tokens of a text (their UTF-8 bytes in `bytes`); punctuation is skipped.
    public static func words(_ bytes: UnsafeBufferPointer<UInt8>, tokens: ArraySlice<Token>) -> [String] {
        var words: [String] = []
        words.reserveCapacity(tokens.count)
        for token in tokens {
            switch token.kind {
            case .punctuation: continue
            case .number: words.append(number)
            case .word: words.append(word(UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])))
            }
        }
        return words
    }

    /// One word token as a feature word: lower case, `’`/`ʼ` as `'`, `‐`/`‑` as `-`.
    static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if !bytes.contains(where: { $0 >= 0x80 }) {
            guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(decoding: bytes, as: UTF8.self) }
            return String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in String(decoding: bytes, as: UTF8.self).lowercased().unicodeScalars {
            switch scalar {
            case "\u{2019}", "\u{02BC}": scalars.append("'")
            case "\u{2010}", "\u{2011}": scalars.append("-")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The distinct words and adjacent word pairs, in order of first appearance.
    public static func features(_ words: [String]) -> [String] {
        var seen = Set<String>()
        var features: [String] = []
        features.reserveCapacity(words.count * 2)
        for word in words where seen.insert(word).inserted { features.append(word) }
        for index in words.indices.dropLast() {
            let pair = words[index] + " " + words[index + 1]
            if seen.insert(pair).inserted { features.append(pair) }
        }
        return features
    }

    /// The features of a sentence given as text.
    public static func features(of text: String) -> [String] { features(words(of: text)) }
}
