#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a WARC file as a stream, read a chunk at a time: as they are for a `.warc` file, inflated
/// for a gzipped one (told by its first bytes, not its name), member after member as Common Crawl writes
/// them (one gzip member per record). Memory stays at two chunks whatever the size of the file.
///
/// Where each gzip member starts is recorded (compressed and inflated offsets), so that a record can be
/// located as tools such as `warcio extract FILE OFFSET` expect. Damaged compressed data is a
/// ``Chunk/broken(_:)`` in the stream; reading goes on at the next gzip member found after it.
final class ArchiveInput {
    /// What one call to ``read(into:)`` gave.
    enum Chunk: Equatable {
        /// This many bytes were appended.
        case bytes(Int)
        /// The end of the file; the `String` says why the last member is incomplete, when it is.
        case end(truncated: String?)
        /// The compressed data is damaged (why); the bytes that follow start a new gzip member.
        case broken(String)
    }

    /// Where a gzip member starts: in the file, and in the inflated stream.
    struct Member: Equatable {
        var compressedOffset: Int64
        var inflatedOffset: Int64
    }

    static let chunkSize = 1 << 20
    static let gzipMagic: [UInt8] = [0x1F, 0x8B, 0x08]

    private let descriptor: Int32
    let isGzip: Bool
    private let inflater: Inflater?
    /// Compressed (or plain) bytes read from the file and not yet used.
    private var input: [UInt8]
    private var inputStart = 0
    private var inputEnd = 0
    /// The file offset of `input[0]`.
    private var inputFileOffset: Int64 = 0
    private var fileEnded = false
    /// Inflated bytes handed out so far.
    private(set) var inflatedTotal: Int64 = 0
    /// Whether the current gzip member has produced its end.
    private var inMember = false
    /// Members started, in order (the reader drops those it no longer needs).
    private(set) var members: [Member] = []

    /// Opens `path`; nil with the system's reason when it cannot be opened.
    static func opening(_ path: String) -> Result<ArchiveInput, ArchiveOpenFailure> {
        let descriptor = posixOpen(path)
        guard descriptor >= 0 else { return .failure(ArchiveOpenFailure(reason: FileSystem.describe(errno: errno))) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = FileSystem.describe(errno: errno)
            close(descriptor)
            return .failure(ArchiveOpenFailure(reason: reason))
        }
        switch FileSystem.status(info).kind {
        case .file: break
        case .directory:
            close(descriptor)
            return .failure(ArchiveOpenFailure(reason: FileSystem.describe(errno: EISDIR)))
        case .other:
            close(descriptor)
            return .failure(ArchiveOpenFailure(reason: "not a regular file (a FIFO, socket or device)"))
        }
        return .success(ArchiveInput(descriptor: descriptor))
    }

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        input = [UInt8](repeating: 0, count: Self.chunkSize)
        var probe = [UInt8](repeating: 0, count: 3)
        let peeked = pread(descriptor, &probe, 3, 0)
        isGzip = peeked == 3 && probe == Self.gzipMagic
        inflater = isGzip ? Inflater(.gzip) : nil
    }

    deinit { close(descriptor) }

    /// Reads the next bytes into `buffer[offset...]` (up to its end), returning what happened.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Chunk {
        while true {
            if inputStart == inputEnd, !fileEnded { refill() }
            guard let inflater else {
                // A plain file: copy.
                if inputStart == inputEnd { return .end(truncated: nil) }
                let count = min(buffer.count, inputEnd - inputStart)
                input.withUnsafeBytes { source in
                    buffer.baseAddress?.copyMemory(from: source.baseAddress! + inputStart, byteCount: count)
                }
                inputStart += count
                inflatedTotal += Int64(count)
                return .bytes(count)
            }
            if inputStart == inputEnd {
                return .end(truncated: inMember ? "the file ends inside a gzip member" : nil)
            }
            if !inMember {
                if input[inputStart] == 0 {
                    // Zero padding after the last member.
                    inputStart += 1
                    continue
                }
                members.append(Member(compressedOffset: inputFileOffset + Int64(inputStart), inflatedOffset: inflatedTotal))
                inMember = true
            }
            let step = input.withUnsafeBytes { source in
                inflater.inflate(UnsafeRawBufferPointer(rebasing: source[inputStart..<inputEnd]), into: buffer)
            }
            inputStart += step.consumed
            inflatedTotal += Int64(step.produced)
            if step.ended {
                inMember = false
                inflater.reset()
            }
            if let error = step.error {
                inflater.reset()
                inMember = false
                resynchronize()
                return .broken("damaged gzip data (\(error))")
            }
            if step.produced > 0 { return .bytes(step.produced) }
            if step.consumed == 0, inputStart < inputEnd {
                // zlib wants more input than the chunk holds from here: keep what is left, read more.
                if fileEnded { return .end(truncated: "the file ends inside a gzip member") }
                compactAndRefill()
            }
        }
    }

    /// Skips to the next gzip header after damaged data (or to the end of the file).
    private func resynchronize() {
        while true {
            if let found = Self.find(Self.gzipMagic, in: input, from: inputStart, to: inputEnd) {
                inputStart = found
                return
            }
            if fileEnded {
                inputStart = inputEnd
                return
            }
            // Keep the last two bytes: a header may straddle the chunks.
            inputStart = max(inputStart, inputEnd - 2)
            compactAndRefill()
        }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        guard end - start >= needle.count else { return nil }
        var position = start
        while position <= end - needle.count {
            if bytes[position] == needle[0], bytes[position + 1] == needle[1], bytes[position + 2] == needle[2] {
                return position
            }
            position += 1
        }
        return nil
    }

    /// Reads the next chunk of the file once the current one is used up.
    private func refill() {
        inputFileOffset += Int64(inputEnd)
        inputStart = 0
        inputEnd = 0
        fill()
    }

    /// Moves what is left of the chunk to its start and reads more after it.
    private func compactAndRefill() {
        let left = inputEnd - inputStart
        if inputStart > 0 {
            input.withUnsafeMutableBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                memmove(base, base + inputStart, left)
            }
            inputFileOffset += Int64(inputStart)
        }
        inputStart = 0
        inputEnd = left
        fill()
    }

    private func fill() {
        while inputEnd < input.count {
            let count = input.withUnsafeMutableBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return posixRead(descriptor, base + inputEnd, bytes.count - inputEnd)
            }
            if count < 0 {
                if errno == EINTR { continue }
                fileEnded = true
                return
            }
            if count == 0 {
                fileEnded = true
                return
            }
            inputEnd += count
            if inputEnd - inputStart >= Self.chunkSize / 2 { return }
        }
    }

    /// The member in which the inflated byte at `offset` lies (nil for a plain file).
    func member(containing offset: Int64) -> Member? {
        guard isGzip else { return nil }
        var found: Member?
        for member in members.reversed() where member.inflatedOffset <= offset {
            found = member
            break
        }
        return found
    }

    /// Forgets the members that end before the inflated byte `offset`.
    func forgetMembers(before offset: Int64) {
        guard members.count > 64 else { return }
        if let keep = members.lastIndex(where: { $0.inflatedOffset <= offset }), keep > 0 {
            members.removeFirst(keep)
        }
    }
}

/// Why an archive could not be opened: the system's reason.
public struct ArchiveOpenFailure: Error, Sendable {
    public var reason: String
}

/// `open(2)` for reading, without waiting for a FIFO's writer.
private func posixOpen(_ path: String) -> Int32 { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }

/// `read(2)`, named apart from ``ArchiveInput/read(into:)``.
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
