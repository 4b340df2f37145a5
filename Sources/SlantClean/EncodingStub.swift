import SlantCore
// Temporary stand-in until the encoding branch lands.
public enum EncodingEvidence: String, Sendable { case byteOrderMark = "bom", declared, detected, assumed }
public struct EncodingDecision: Sendable, Equatable {
    public var name: String
    public var evidence: EncodingEvidence
    public var declared: String?
}
public struct DecodedText: Sendable {
    public var utf8: [UInt8]
    public var decision: EncodingDecision
    public var warnings: [DocumentWarning]
}
public enum TextDecoding {
    public static func decode(_ bytes: [UInt8], isHTML: Bool) -> DecodedText {
        DecodedText(utf8: bytes, decision: EncodingDecision(name: "UTF-8", evidence: .assumed, declared: nil), warnings: [])
    }
}
