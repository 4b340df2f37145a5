import SlantCore

// Temporary stand-in until the voice branch lands.
public enum Negation {
    public static func isNegated(_ layer: TextLayer, tokenRange: Range<Int>) -> Bool { false }
}
