// Character encoding of raw pages: which encoding a page is in, and its text
// as UTF-8. The first thing the clean stage does with a page's bytes.

import SlantCore

/// How the encoding of a document was decided.
public enum EncodingEvidence: String, Sendable, Hashable, Codable {
    /// A byte order mark at the start of the bytes.
    case byteOrderMark = "bom"
    /// The document's own declaration (`<meta charset>`, `http-equiv`, XML declaration), checked against the bytes.
    case declared
    /// Statistics of the bytes: valid UTF-8 with multi-byte characters, or a guess among legacy encodings.
    case detected
    /// Nothing to go on: pure ASCII read as UTF-8.
    case assumed
}

/// The encoding chosen for a document.
public struct EncodingDecision: Sendable, Hashable, Codable {
    /// The canonical WHATWG name of the encoding the bytes were read as: `UTF-8`,
    /// `windows-1251`, `windows-1252`, `KOI8-R`, `ISO-8859-2`, `UTF-16LE`, ...
    public var name: String
    public var evidence: EncodingEvidence
    /// The encoding the document itself declared, by its canonical name; `nil`
    /// if it declared none or only a label that names no known encoding.
    public var declared: String?

    public init(name: String, evidence: EncodingEvidence, declared: String? = nil) {
        self.name = name
        self.evidence = evidence
        self.declared = declared
    }
}

/// The result of decoding: valid UTF-8 bytes, the decision and any warnings.
public struct DecodedText: Sendable, Equatable {
    /// The text as UTF-8, always well formed, without a byte order mark.
    public var utf8: [UInt8]
    public var decision: EncodingDecision
    /// What was odd about the bytes: see ``TextDecoding`` for the codes.
    public var warnings: [DocumentWarning]

    public init(utf8: [UInt8], decision: EncodingDecision, warnings: [DocumentWarning] = []) {
        self.utf8 = utf8
        self.decision = decision
        self.warnings = warnings
    }
}

/// Decoding of raw document bytes to UTF-8.
///
/// The order of evidence: a byte order mark; for HTML, the declaration found
/// by a WHATWG-style prescan of the first 4096 bytes, checked against the
/// bytes; otherwise UTF-8 if the bytes are UTF-8 (or UTF-8 with a little damage
/// that does not read as Cyrillic words, repaired), else a statistical guess
/// among windows-1251, KOI8-R, windows-1252, windows-1250 and ISO-8859-2.
///
/// Warning codes:
/// - `encoding-mismatch`: the declaration contradicts the bytes (declared
///   UTF-8 but not UTF-8; declared a legacy encoding but valid UTF-8 with
///   multi-byte characters; declared a Latin-script encoding over Cyrillic
///   text, or windows-1251 over KOI8-R text and the reverse); the bytes win.
/// - `encoding-guessed`: nothing usable was declared and the bytes are not
///   UTF-8; the encoding was guessed.
/// - `unknown-encoding`: the page declares a label that names no encoding.
/// - `unsupported-encoding`: iconv cannot read the encoding; read as windows-1252.
/// - `windows-1252-bytes`: in text read as UTF-8, stray bytes (an ill-formed sequence of one byte
///   between well-formed text, as a windows-1252 quote or accent pasted in) read as windows-1252.
/// - `invalid-utf8`: the other ill-formed UTF-8 sequences replaced with U+FFFD.
/// - `undecodable-bytes`: bytes not valid in the legacy encoding replaced with U+FFFD.
public enum TextDecoding {
    /// Decodes an HTML page (isHTML: true) or a plain-text file to UTF-8.
    ///
    /// Never fails: whatever the bytes, the output is well-formed UTF-8. For a
    /// page that is already UTF-8 without a byte order mark, the output shares
    /// storage with the input.
    ///
    /// `transportCharset` is the encoding the transport declared (an archived HTTP response's
    /// `charset`): as in browsers it comes before the page's own declaration, and is checked against
    /// the bytes in the same way. A label that names no ASCII-compatible encoding is ignored.
    public static func decode(_ bytes: [UInt8], isHTML: Bool, transportCharset: String? = nil) -> DecodedText {
        guard !bytes.isEmpty else {
            return DecodedText(utf8: [], decision: EncodingDecision(name: Charset.utf8.rawValue, evidence: .assumed))
        }
        let transport = transportCharset.flatMap { Charset.forLabel(Array($0.utf8)) }.flatMap { $0.isASCIICompatible ? $0 : nil }
        return bytes.withUnsafeBufferPointer { buffer in
            if let (charset, length) = byteOrderMark(buffer) {
                let body = UnsafeBufferPointer(rebasing: buffer[length...])
                return decodeMarked(body, as: charset, isHTML: isHTML)
            }
            return decodeUnmarked(bytes, buffer, isHTML: isHTML, transport: transport)
        }
    }

    // MARK: Byte order mark

    private static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> (Charset, length: Int)? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return (.utf8, 3) }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return (.utf16LE, 2) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    /// A byte order mark settles the encoding, whatever the page declares.
    private static func decodeMarked(_ body: UnsafeBufferPointer<UInt8>, as charset: Charset, isHTML: Bool) -> DecodedText {
        var warnings = [DocumentWarning]()
        // The declaration is only recorded; it cannot be read from UTF-16 bytes.
        let declared = charset == .utf8 && isHTML ? prescan(body).declared : nil
        let (utf8, actual) = read(body, as: charset, warnings: &warnings)
        let decision = EncodingDecision(name: actual.rawValue, evidence: .byteOrderMark, declared: declared?.rawValue)
        return DecodedText(utf8: utf8, decision: decision, warnings: warnings)
    }

    // MARK: Declaration and detection

    private static func decodeUnmarked(
        _ bytes: [UInt8], _ buffer: UnsafeBufferPointer<UInt8>, isHTML: Bool, transport: Charset? = nil
    ) -> DecodedText {
        var found = isHTML ? prescan(buffer) : Prescan()
        if let transport { found.declared = transport }
        var warnings = [DocumentWarning]()
        if let label = found.unknownLabel {
            warnings.append(DocumentWarning(
                code: "unknown-encoding",
                message: "the page declares the encoding \"\(label)\", which is not a known encoding; ignored"))
        }
        let declared = found.declared
        let scan = scanUTF8(buffer)

        func result(_ charset: Charset, _ evidence: EncodingEvidence, _ utf8: [UInt8]) -> DecodedText {
            DecodedText(utf8: utf8, decision: EncodingDecision(name: charset.rawValue, evidence: evidence,
                                                               declared: declared?.rawValue), warnings: warnings)
        }
        func mismatch(_ message: String) {
            warnings.append(DocumentWarning(code: "encoding-mismatch", message: message))
        }

        guard let declared, declared != .utf8 else {
            // Declared UTF-8, or nothing.
            if scan.isValid {
                let evidence: EncodingEvidence = declared != nil ? .declared : scan.isASCII ? .assumed : .detected
                return result(.utf8, evidence, bytes)
            }
            // UTF-8 with some damage (a truncated page, a stray byte) stays UTF-8
            // when well-formed multi-byte characters outnumber the damage; a
            // declaration of UTF-8 is given the benefit of the doubt on a tie.
            let valid = scan.multibyteSequences, invalid = scan.invalidSequences
            if valid > 0, declared == .utf8 ? valid >= invalid : valid >= 2 * invalid {
                let (utf8, actual) = read(buffer, as: .utf8, warnings: &warnings)
                return result(actual, declared == .utf8 ? .declared : .detected, utf8)
            }
            // What needs explaining is the bytes that are not UTF-8: the well-formed
            // sequences are left out of the statistics. Damage that does not read as
            // Cyrillic words in UTF-8 holding at least as many well-formed characters
            // is repaired, not taken for a single-byte encoding.
            let statistics = HighByteStatistics(buffer, isHTML: isHTML, skippingUTF8: valid > 0)
            if valid > 0, valid >= invalid, found.languageHint != .cyrillic, !statistics.looksCyrillic {
                let (utf8, actual) = read(buffer, as: .utf8, warnings: &warnings)
                return result(actual, declared == .utf8 ? .declared : .detected, utf8)
            }
            let detection = detect(statistics, hint: found.languageHint)
            if declared == .utf8 {
                mismatch("declared UTF-8, but the bytes are not valid UTF-8; read as \(detection.charset.rawValue)")
            } else {
                warnings.append(DocumentWarning(
                    code: "encoding-guessed",
                    message: "no encoding declared and the bytes are not valid UTF-8; "
                        + "guessed \(detection.charset.rawValue) from \(detection.reason)"))
            }
            let (utf8, actual) = read(buffer, as: detection.charset, warnings: &warnings)
            return result(actual, .detected, utf8)
        }

        // A legacy encoding is declared.
        if declared.isASCIICompatible, scan.isValid {
            if scan.multibyteSequences >= 3 || scan.longSequences >= 1 {
                mismatch("declared \(declared.rawValue), but the bytes are valid UTF-8 with "
                    + "\(scan.multibyteSequences) multi-byte characters; read as UTF-8")
                return result(.utf8, .detected, bytes)
            }
            if scan.isASCII { return result(declared, .declared, bytes) }
        }
        if let override = contradiction(of: declared, buffer, isHTML: isHTML) {
            mismatch("declared \(declared.rawValue), but \(override.reason); read as \(override.charset.rawValue)")
            let (utf8, actual) = read(buffer, as: override.charset, warnings: &warnings)
            return result(actual, .detected, utf8)
        }
        let (utf8, actual) = read(buffer, as: declared, warnings: &warnings)
        return result(actual, .declared, utf8)
    }

    /// The encoding the bytes plainly are when a declared legacy encoding is
    /// wrong in a way statistics can show beyond doubt: Cyrillic text under a
    /// Latin-script declaration, or windows-1251 and KOI8-R swapped.
    private static func contradiction(
        of declared: Charset, _ buffer: UnsafeBufferPointer<UInt8>, isHTML: Bool
    ) -> Detection? {
        guard declared.isLatinSingleByte || declared == .windows1251 || declared == .koi8r else { return nil }
        let statistics = HighByteStatistics(buffer, isHTML: isHTML)
        guard statistics.isClearlyCyrillic else { return nil }
        let ranked = DetectorTables.shared.rankCyrillic(statistics)
        guard let best = ranked.first, best.charset != declared else { return nil }
        if declared.isLatinSingleByte {
            return Detection(charset: best.charset, reason: "the text is Cyrillic")
        }
        // windows-1251 against KOI8-R: only over enough text, when the declared
        // reading turns most words into capitals or a jumble of cases and is far
        // less likely overall (by a factor of e^0.5 per high byte).
        guard let other = ranked.first(where: { $0.charset == declared }), statistics.total >= 32,
              (best.score - other.score) / Double(statistics.total) >= 0.5,
              let cases = statistics.wordCases(readAs: declared) else { return nil }
        let words = cases.reduce(0, +)
        let odd = cases[WordCase.allCaps.rawValue] + cases[WordCase.mixed.rawValue]
        guard words >= 8, 2 * odd >= words else { return nil }
        return Detection(
            charset: best.charset,
            reason: "read that way most words come out in capitals or mixed case, as \(best.charset.rawValue) text does")
    }

    // MARK: Transcoding

    /// The bytes as UTF-8 read in `charset`, and the encoding actually used:
    /// windows-1252 when iconv cannot read `charset`.
    private static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, as charset: Charset, warnings: inout [DocumentWarning]
    ) -> (utf8: [UInt8], charset: Charset) {
        if charset == .utf8 {
            // The block check stops at the first damage; short input goes to repair, which copies it as it is.
            if validUTF8Blocks(bytes) != nil { return (Array(bytes), .utf8) }
            let (utf8, replaced, windows1252) = repairUTF8(bytes, strayBytesAsWindows1252: true)
            if windows1252 > 0 {
                warnings.append(DocumentWarning(
                    code: "windows-1252-bytes",
                    message: "\(windows1252) stray \(windows1252 == 1 ? "byte" : "bytes") not valid in UTF-8 "
                        + "read as windows-1252"))
            }
            if replaced > 0 {
                warnings.append(DocumentWarning(
                    code: "invalid-utf8",
                    message: "\(replaced) invalid UTF-8 \(replaced == 1 ? "sequence" : "sequences") "
                        + "replaced with U+FFFD"))
            }
            return (utf8, .utf8)
        }
        var actual = charset
        var decoded = transcode(bytes, from: charset)
        if decoded == nil {
            warnings.append(DocumentWarning(
                code: "unsupported-encoding",
                message: "cannot convert from \(charset.rawValue) on this system; read as windows-1252 instead"))
            actual = .windows1252
            decoded = transcode(bytes, from: .windows1252)
        }
        let (utf8, replaced) = decoded ?? decodeWindows1252(bytes)
        if replaced > 0 {
            warnings.append(DocumentWarning(
                code: "undecodable-bytes",
                message: "\(replaced) \(replaced == 1 ? "byte sequence" : "byte sequences") not valid in "
                    + "\(actual.rawValue) replaced with U+FFFD"))
        }
        return (utf8, actual)
    }
}
