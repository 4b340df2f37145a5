import Foundation
import SlantCore
import SlantText
import Testing

/// Times voice annotation on the seeds (set VOICE_BENCH=1; meaningful in release:
/// `VOICE_BENCH=1 swift test -c release --filter voiceAnnotationSpeed`).
@Test(.enabled(if: ProcessInfo.processInfo.environment["VOICE_BENCH"] != nil))
func voiceAnnotationSpeed() {
    let layers = ["000", "001", "002", "003", "004"].map { segmented(seed($0)) }
    let tokens = layers.reduce(0) { $0 + $1.tokens.count }
    let sentences = layers.reduce(0) { $0 + $1.sentences.count }
    let rounds = 300
    let clock = ContinuousClock()
    var best = Duration.seconds(1_000)
    var checksum = 0
    for _ in 0..<3 {
        let start = clock.now
        for _ in 0..<rounds {
            for layer in layers {
                var copy = layer
                VoiceAnalyzer.annotate(&copy)
                checksum &+= copy.quotations.count
            }
        }
        best = min(best, clock.now - start)
    }
    let perRound = best / rounds
    let nanoseconds = Double(perRound.components.attoseconds) / 1e9 + Double(perRound.components.seconds) * 1e9
    var segmentBest = Duration.seconds(1_000)
    let texts = ["000", "001", "002", "003", "004"].map(seed)
    for _ in 0..<3 {
        let start = clock.now
        for _ in 0..<(rounds / 4) {
            for text in texts { checksum &+= segmented(text).tokens.count }
        }
        segmentBest = min(segmentBest, clock.now - start)
    }
    let segmentRound = segmentBest / (rounds / 4)
    let segmentNanoseconds = Double(segmentRound.components.attoseconds) / 1e9 + Double(segmentRound.components.seconds) * 1e9
    print(
        """
        voice annotation: \(tokens) tokens, \(sentences) sentences per round (5 seeds, comments included)
          \(String(format: "%.1f", nanoseconds / 1_000)) µs per round, \
        \(String(format: "%.2f", nanoseconds / Double(tokens))) µs per 1,000 tokens, \
        \(String(format: "%.2f", nanoseconds / Double(sentences) / 1_000)) µs per sentence
          whole segmentation (tokens, sentences, voice): \
        \(String(format: "%.2f", segmentNanoseconds / Double(tokens))) µs per 1,000 tokens (checksum \(checksum))
        """)
}
