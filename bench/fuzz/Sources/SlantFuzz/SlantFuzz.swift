import SlantCore
import SlantIngest
import SlantMeasure
import SlantPipeline

/// The stages every input goes through, built once from the default configuration (so the size
/// limit, the complexity budget, the metadata caps and the sentence cap are the ones a run uses),
/// with the lexicons bundled in Slant.
let definition = PipelineDefinition(configuration: PipelineConfiguration(), lexicons: LexiconFiles.bundled())

/// The formats an input may be read as, chosen by its first byte.
let formats: [InputFormat] = [.html, .text, .jsonl]

/// libFuzzer's entry point: one input file, whose first byte chooses its format (HTML, text or
/// JSON Lines, by the byte modulo 3) and whose other bytes are the file, through ingest, then each
/// of its documents through clean, segment, tag and measure. A typed error is a correct outcome;
/// a crash, a trap, a sanitizer report or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let file = InputFile(
        source: SourceLocator(path: "fuzz"), format: formats[Int(data[0]) % formats.count],
        bytes: Array(UnsafeBufferPointer(start: data + 1, count: size - 1)))
    guard let documents = try? definition.ingest.process(file) else { return 0 }
    for case let .success(document) in documents {
        analyse(document)
    }
    return 0
}

/// Cleans, segments, tags and measures one document, dropping typed errors, and checks that
/// every offset the stages give points into the text it names (see ``checkOffsets(_:)``).
func analyse(_ document: RawDocument) {
    do throws(DocumentError) {
        let article = try definition.clean.process(document)
        let tagged = try definition.tag.process(try definition.segment.process(article))
        checkOffsets(tagged)
        _ = try definition.measure.process(
            MeasureInput(id: "fuzz", outlet: document.outletHint ?? "", digest: document.digest, tagged: tagged))
    } catch {
        return
    }
}

/// Stops the fuzzer (a finding, saved by libFuzzer as a crash input) when an offset of the
/// segmented layers or of a match does not lie in its text, does not fall on a character boundary,
/// or names a sentence, comment or headline part that does not exist: reports turn these offsets
/// into code point offsets and evidence, so a wrong one is a wrong figure, not only a crash.
func checkOffsets(_ tagged: TaggedArticle) {
    let segmented = tagged.segmented
    let layers = [segmented.body] + segmented.comments + [segmented.headline, segmented.standfirst].compactMap { $0 }
    for layer in layers { checkLayer(layer) }
    for context in tagged.terms.map(\.context) + tagged.loaded.map(\.context) {
        let layer: TextLayer?
        if let comment = context.comment {
            layer = segmented.comments.indices.contains(comment) ? segmented.comments[comment] : nil
        } else if let part = context.headlinePart {
            layer = segmented.layer(part)
        } else {
            layer = segmented.body
        }
        guard let layer else { fail("a match names a text that does not exist: \(context)") }
        check(span: context.start, context.end, in: layer.text, what: "match", nonEmpty: true)
        guard layer.sentences.indices.contains(context.sentence) else {
            fail("a match names sentence \(context.sentence) of \(layer.sentences.count)")
        }
    }
}

/// Checks the spans of one segmented text: paragraphs, sentences, tokens (with their sentence),
/// quotations and attributions, and one voice per token.
func checkLayer(_ layer: TextLayer) {
    for span in layer.paragraphs { check(span: span.start, span.end, in: layer.text, what: "paragraph") }
    for span in layer.sentences { check(span: span.start, span.end, in: layer.text, what: "sentence") }
    for token in layer.tokens {
        check(span: Int(token.start), Int(token.end), in: layer.text, what: "token", nonEmpty: true)
        guard layer.sentences.indices.contains(Int(token.sentence)) else {
            fail("a token names sentence \(token.sentence) of \(layer.sentences.count)")
        }
    }
    for quotation in layer.quotations { check(span: quotation.start, quotation.end, in: layer.text, what: "quotation") }
    for attribution in layer.attributions {
        check(span: attribution.start, attribution.end, in: layer.text, what: "attribution")
    }
    guard layer.voices.count == layer.tokens.count else {
        fail("\(layer.voices.count) voices for \(layer.tokens.count) tokens")
    }
}

/// Checks that `start..<end` lies in `text` and that both ends fall on a character's first byte.
func check(span start: Int, _ end: Int, in text: String, what: String, nonEmpty: Bool = false) {
    let utf8 = text.utf8
    guard 0 <= start, start <= end, end <= utf8.count, !nonEmpty || start < end else {
        fail("\(what) \(start)..<\(end) in a text of \(utf8.count) bytes")
    }
    for offset in [start, end] where offset < utf8.count {
        let byte = utf8[utf8.index(utf8.startIndex, offsetBy: offset)]
        guard byte & 0xC0 != 0x80 else { fail("\(what) \(start)..<\(end) cuts a character at byte \(offset)") }
    }
}

/// Reports a broken invariant and aborts, so that libFuzzer saves the input.
func fail(_ message: String) -> Never {
    fatalError("SlantFuzz: \(message)")
}

/// libFuzzer's driver (linked by `-sanitize=fuzzer`): parses libFuzzer's options and calls the
/// given function with each input.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The program's entry point. SwiftPM links an executable target with `main` defined as
/// `<target>_main`, so libFuzzer's own `main` is not used: this one starts libFuzzer's driver.
@_cdecl("SlantFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
