import Foundation
import SlantClean
import SlantCore
import SlantMeasure
import SlantPipeline
import SlantTag
import SlantText

/// The stages every document goes through, built once: cleaning with the default settings and
/// tagging with the lexicons bundled in Slant.
let definition = PipelineDefinition(configuration: PipelineConfiguration(), lexicons: LexiconFiles.bundled())

/// libFuzzer's entry point: one input, as a page (first byte even) or as plain text (odd), through
/// clean, segment, tag and measure. A typed error is a correct outcome; a crash, a trap, a leak or
/// a hang is a finding.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let format: DocumentFormat = data[0] & 1 == 0 ? .html : .text
    let raw = RawDocument(source: SourceLocator(path: "fuzz.html"), format: format, bytes: bytes)
    do {
        let article = try definition.clean.process(raw)
        let tagged = try definition.tag.process(try definition.segment.process(article))
        _ = try definition.measure.process(MeasureInput(id: "fuzz", outlet: "", digest: raw.digest, tagged: tagged))
    } catch {
        return 0
    }
    return 0
}

/// libFuzzer's driver (from `libclang_rt.fuzzer_no_main`, linked by the build command in README.md):
/// it parses libFuzzer's options and calls `fuzz` with each input.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

var count = CommandLine.argc
var arguments = CommandLine.unsafeArgv
exit(runDriver(&count, &arguments) { data, size in fuzz(data, size) })
