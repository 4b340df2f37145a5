import Foundation
import Testing

/// Prints the seeds marked up by voice (set VOICE_DUMP=1 to run).
@Test(.enabled(if: ProcessInfo.processInfo.environment["VOICE_DUMP"] != nil))
func dumpSeedVoices() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let layer = segmented(seed(prefix))
        print("=== \(prefix)\n\(layer.markedUp())\n")
        for quotation in layer.quotations {
            let bytes = Array(layer.text.utf8)
            let text = String(decoding: bytes[quotation.start..<min(quotation.end, quotation.start + 60)], as: UTF8.self)
            print("Q speaker=\(quotation.speaker ?? "-") scare=\(quotation.isScare) balanced=\(quotation.isBalanced): \(text)")
        }
        for attribution in layer.attributions {
            let bytes = Array(layer.text.utf8)
            let text = String(decoding: bytes[attribution.start..<min(attribution.end, attribution.start + 60)], as: UTF8.self)
            print("A speaker=\(attribution.speaker ?? "-") cue=\(attribution.cue): \(text)")
        }
    }
}
