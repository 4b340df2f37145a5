// A stand-in for the one SlantCore type the encoding sources use, so that the
// benchmark compiles them alone with `swiftc -O` instead of building the whole
// package (swift-crypto included) in release. Keep in step with
// Sources/SlantCore/Errors.swift.
public struct DocumentWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { "\(code): \(message)" }
}
