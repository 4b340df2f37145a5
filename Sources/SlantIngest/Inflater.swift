import CZlib

/// One zlib inflate stream (gzip, zlib or raw deflate), owned: `inflateEnd` is called exactly once,
/// when the inflater goes away. The `z_stream` lives at a fixed address (zlib checks that it does not move).
final class Inflater {
    /// What wraps the deflate data.
    enum Wrapping {
        /// A gzip member (RFC 1952).
        case gzip
        /// A zlib stream (RFC 1950) or a gzip member, told apart by their headers.
        case zlibOrGzip
        /// Bare deflate data (RFC 1951), as some servers send for `Content-Encoding: deflate`.
        case raw

        var windowBits: Int32 {
            switch self {
            case .gzip: 15 + 16
            case .zlibOrGzip: 15 + 32
            case .raw: -15
            }
        }
    }

    /// What one call to ``inflate(_:into:)`` did.
    struct Step {
        var consumed: Int
        var produced: Int
        /// The end of the compressed stream (of this gzip member) was reached.
        var ended: Bool
        /// Why the data cannot be inflated, when it cannot.
        var error: String?
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private let initialized: Bool

    init(_ wrapping: Wrapping) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        initialized = slant_inflate_init(stream, wrapping.windowBits) == Z_OK
    }

    deinit {
        if initialized { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates as much of `input` as fits into `output`.
    func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Step {
        guard initialized else { return Step(consumed: 0, produced: 0, ended: false, error: "zlib could not be initialised") }
        guard let outputStart = output.baseAddress, output.count > 0 else {
            return Step(consumed: 0, produced: 0, ended: false, error: nil)
        }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(min(input.count, Int(UInt32.max)))
        stream.pointee.next_out = outputStart.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(min(output.count, Int(UInt32.max)))
        let availableIn = Int(stream.pointee.avail_in)
        let availableOut = Int(stream.pointee.avail_out)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        var step = Step(
            consumed: availableIn - Int(stream.pointee.avail_in), produced: availableOut - Int(stream.pointee.avail_out),
            ended: status == Z_STREAM_END, error: nil)
        switch status {
        case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
            break
        case Z_NEED_DICT:
            step.error = "the deflate stream needs a preset dictionary"
        case Z_MEM_ERROR:
            step.error = "zlib ran out of memory"
        default:
            step.error = stream.pointee.msg.map { String(cString: $0) } ?? "invalid compressed data"
        }
        return step
    }

    /// Starts a new stream with the same wrapping (the next gzip member of a file).
    func reset() {
        if initialized { inflateReset(stream) }
    }
}

/// Whole-buffer inflation of an HTTP body (`Content-Encoding: gzip` or `deflate`), bounded by a limit.
enum BodyInflation {
    enum Outcome: Equatable {
        case inflated([UInt8])
        case tooLarge
        case failed(String)
    }

    /// Inflates `body`; `deflate` bodies are tried as zlib streams, then as bare deflate data (both are
    /// sent under that name). Several gzip members back to back are read one after another.
    static func inflate(_ body: ArraySlice<UInt8>, gzip: Bool, limit: Int) -> Outcome {
        let first = run(body, wrapping: gzip ? .gzip : .zlibOrGzip, limit: limit)
        if case .failed = first, !gzip {
            let raw = run(body, wrapping: .raw, limit: limit)
            if case .inflated = raw { return raw }
        }
        return first
    }

    private static func run(_ body: ArraySlice<UInt8>, wrapping: Inflater.Wrapping, limit: Int) -> Outcome {
        let inflater = Inflater(wrapping)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var position = body.startIndex
        var sawEnd = false
        while true {
            let step = body.withUnsafeBytes { input in
                chunk.withUnsafeMutableBytes { out in
                    inflater.inflate(UnsafeRawBufferPointer(rebasing: input[(position - body.startIndex)...]), into: out)
                }
            }
            if let error = step.error { return .failed(error) }
            position += step.consumed
            output.append(contentsOf: chunk[0..<step.produced])
            if output.count > limit { return .tooLarge }
            if step.ended {
                sawEnd = true
                // Another gzip member may follow; trailing zero bytes (padding) may not be one.
                guard wrapping != .raw, position < body.endIndex, body[position...].contains(where: { $0 != 0 }) else { break }
                inflater.reset()
                continue
            }
            if step.consumed == 0 && step.produced == 0 {
                // No progress: the input ended inside the stream.
                break
            }
        }
        guard sawEnd else {
            return output.isEmpty ? .failed("the compressed body is truncated") : .inflated(output)
        }
        return .inflated(output)
    }
}
