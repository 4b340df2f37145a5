/// Keeps right-to-left text and bidirectional controls in user-supplied strings (outlet names,
/// titles, terms) from reordering the text around them when a report shows them.
///
/// A string with explicit embedding, override or isolate controls has its unpaired closers
/// dropped and its unclosed openers closed at its end; a string with such controls or with
/// right-to-left letters is then wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so
/// that it is laid out on its own. Plain left-to-right text is returned unchanged.
public enum BidiText {
    private static let pdf: Unicode.Scalar = "\u{202C}"
    private static let pdi: Unicode.Scalar = "\u{2069}"
    private static let fsi: Unicode.Scalar = "\u{2068}"

    public static func isolate(_ text: String) -> String {
        var needs = false
        var controls = false
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                controls = true
                needs = true
                break
            }
            if !needs, isRightToLeft(scalar) { needs = true }
        }
        guard needs else { return text }
        var body = text
        if controls { body = balanced(text) }
        var result = String.UnicodeScalarView()
        result.append(fsi)
        result.append(contentsOf: body.unicodeScalars)
        result.append(pdi)
        return String(result)
    }

    /// The text with unpaired closing controls dropped and unclosed openers closed at its end.
    public static func balanced(_ text: String) -> String {
        // The open controls, innermost last: true for an isolate (closed by PDI), false for an
        // embedding or override (closed by PDF).
        var open: [Bool] = []
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x202A, 0x202B, 0x202D, 0x202E:
                open.append(false)
                result.append(scalar)
            case 0x2066, 0x2067, 0x2068:
                open.append(true)
                result.append(scalar)
            case 0x202C:
                // A PDF closes the innermost embedding if no isolate is open inside it.
                if let last = open.last, !last {
                    open.removeLast()
                    result.append(scalar)
                }
            case 0x2069:
                // A PDI closes the innermost isolate and every embedding opened inside it.
                if let isolate = open.lastIndex(of: true) {
                    for _ in isolate..<(open.count - 1) { result.append(pdf) }
                    open.removeSubrange(isolate...)
                    result.append(scalar)
                }
            default:
                result.append(scalar)
            }
        }
        for control in open.reversed() { result.append(control ? pdi : pdf) }
        return String(result)
    }

    /// Whether a scalar is an explicit bidirectional embedding, override or isolate control.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, ... and their
    /// presentation forms), and the right-to-left mark.
    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200F, 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
        default: false
        }
    }
}
