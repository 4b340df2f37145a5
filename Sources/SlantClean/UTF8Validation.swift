// UTF-8 validation (the hot path: one pass over every page) and repair.
//
// Both follow the Unicode "maximal subpart" practice that WHATWG's decoder and
// Swift's `String(decoding:)` follow too: a lead byte and the continuation bytes
// that may follow it form one ill-formed sequence, replaced by one U+FFFD.

extension TextDecoding {
    /// What one pass over bytes found about them as UTF-8.
    struct UTF8Scan: Equatable, Sendable {
        /// Well-formed sequences of two to four bytes.
        var multibyteSequences = 0
        /// Of these, the three- and four-byte ones (strong evidence of UTF-8:
        /// they seldom happen by chance in a single-byte encoding).
        var longSequences = 0
        /// Ill-formed sequences, each of which becomes one U+FFFD.
        var invalidSequences = 0

        var isValid: Bool { invalidSequences == 0 }
        /// No byte above 0x7F at all.
        var isASCII: Bool { isValid && multibyteSequences == 0 }
    }

    /// The length of the UTF-8 sequence starting with the non-ASCII byte
    /// `lead` at `index`, if it is well formed; else minus the length of its
    /// maximal ill-formed subpart (the bytes one U+FFFD replaces).
    @inline(__always)
    static func utf8Sequence(_ base: UnsafePointer<UInt8>, _ index: Int, _ count: Int, lead: UInt8) -> Int {
        @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            index &+ offset < count && base[index &+ offset] &- low <= high &- low
        }
        switch lead {
        case 0xC2 ... 0xDF:
            return continuation(1) ? 2 : -1
        case 0xE0 ... 0xEF:
            // E0: no overlong forms; ED: no surrogates.
            guard continuation(1, lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF) else { return -1 }
            return continuation(2) ? 3 : -2
        case 0xF0 ... 0xF4:
            // F0: no overlong forms; F4: nothing above U+10FFFF.
            guard continuation(1, lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF) else { return -1 }
            guard continuation(2) else { return -2 }
            return continuation(3) ? 4 : -3
        default:
            return -1  // 0x80...0xC1, 0xF5...0xFF never start a sequence
        }
    }

    /// Validates UTF-8 in one pass: sixteen bytes at a time while the bytes
    /// are valid; sequence by sequence from the start (to count the damage)
    /// once they turn out not to be.
    static func scanUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Scan {
        validUTF8Blocks(bytes) ?? scanUTF8Sequences(bytes)
    }

    private typealias Block = SIMD16<UInt8>

    /// The vectors the block check compares with, built once per scan. The
    /// operators that take a scalar (`block .>= 0xC0`) build their vector on
    /// every use, which made the check two orders of magnitude slower.
    private struct BlockConstants {
        let x80 = Block(repeating: 0x80), xC0 = Block(repeating: 0xC0), xE0 = Block(repeating: 0xE0)
        let xF0 = Block(repeating: 0xF0), xF5 = Block(repeating: 0xF5), xED = Block(repeating: 0xED)
        let xF4 = Block(repeating: 0xF4), xA0 = Block(repeating: 0xA0), x90 = Block(repeating: 0x90)
        let xFF = Block(repeating: 0xFF), two = Block(repeating: 2), one = Block(repeating: 1)
    }

    /// Whether no lane has a bit set. (`any(_:)` on a mask is much slower.)
    @inline(__always)
    private static func isZero(_ block: Block) -> Bool {
        let words = unsafeBitCast(block, to: SIMD2<UInt64>.self)
        return words[0] | words[1] == 0
    }

    /// The scan of valid UTF-8, checked sixteen bytes at a time; `nil` if the
    /// bytes are not valid UTF-8 (or too short to bother).
    ///
    /// A byte must be a continuation byte exactly when the byte before it
    /// starts a sequence (>= 0xC0), or the one two before starts a sequence of
    /// three or four bytes (>= 0xE0), or the one three before a sequence of
    /// four (>= 0xF0). Loading the block again one, two and three bytes back
    /// gives those bytes lane by lane. Add the bytes that never occur (0xC0,
    /// 0xC1, 0xF5...0xFF) and the second-byte ranges after 0xE0, 0xED, 0xF0
    /// and 0xF4, and that is all of UTF-8's well-formedness.
    static func validUTF8Blocks(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Scan? {
        guard let base = bytes.baseAddress, bytes.count >= 64 else { return nil }
        let count = bytes.count
        var scan = UTF8Scan()

        // The head sequence by sequence, so that the blocks start on a
        // sequence boundary with three bytes of history before them.
        var index = 0
        guard scanSequences(base, count, from: &index, to: 16, into: &scan, stoppingAtError: true) else { return nil }

        let constants = BlockConstants()
        var leads = Block.zero, longLeads = Block.zero
        var blocksSinceFlush = 0
        while index &+ 16 <= count {
            let block = UnsafeRawPointer(base + index)
            let current = block.loadUnaligned(as: Block.self)
            let back3 = block.loadUnaligned(fromByteOffset: -3, as: Block.self)
            index &+= 16
            // All ASCII, and the three bytes before too: nothing to check.
            if isZero((current | back3) & constants.x80) { continue }
            let errors = blockErrors(block, current, back3, constants, &leads, &longLeads)
            guard isZero(errors) else { return nil }
            blocksSinceFlush &+= 1
            if blocksSinceFlush == 255 {  // the lane counters are bytes
                flush(&leads, &longLeads, into: &scan)
                blocksSinceFlush = 0
            }
        }
        flush(&leads, &longLeads, into: &scan)

        // The tail sequence by sequence, from the start of a sequence that the
        // last block began but did not finish (even if the input ends there):
        // its lead, counted already, is taken back so as not to count it twice.
        var tail = index
        for back in 1 ... 3 {
            let lead = base[index - back]
            if lead < 0x80 { break }
            if lead < 0xC0 { continue }  // a continuation byte: look further back
            if back < (lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2) {
                tail = index - back
                scan.multibyteSequences -= 1
                if lead >= 0xE0 { scan.longSequences -= 1 }
            }
            break
        }
        guard scanSequences(base, count, from: &tail, to: count, into: &scan, stoppingAtError: true) else { return nil }
        return scan
    }

    /// Lanes of 0xFF where the block breaks UTF-8; counts lead bytes per lane.
    @inline(__always)
    private static func blockErrors(
        _ block: UnsafeRawPointer, _ current: Block, _ back3: Block, _ k: BlockConstants,
        _ leads: inout Block, _ longLeads: inout Block
    ) -> Block {
        let back1 = block.loadUnaligned(fromByteOffset: -1, as: Block.self)
        let back2 = block.loadUnaligned(fromByteOffset: -2, as: Block.self)
        let isContinuation = (current & k.xC0) .== k.x80
        let mustBeContinuation = (back1 .>= k.xC0) .| (back2 .>= k.xE0) .| (back3 .>= k.xF0)
        var errors = isContinuation .^ mustBeContinuation
        errors = errors .| ((current &- k.xC0) .< k.two)  // 0xC0, 0xC1: overlong two-byte forms
        errors = errors .| (current .>= k.xF5)  // beyond U+10FFFF
        errors = errors .| ((back1 .== k.xE0) .& (current .< k.xA0))  // overlong three-byte forms
        errors = errors .| ((back1 .== k.xED) .& (current .>= k.xA0))  // surrogates
        errors = errors .| ((back1 .== k.xF0) .& (current .< k.x90))  // overlong four-byte forms
        errors = errors .| ((back1 .== k.xF4) .& (current .>= k.x90))  // beyond U+10FFFF
        leads &+= Block.zero.replacing(with: k.one, where: current .>= k.xC0)
        longLeads &+= Block.zero.replacing(with: k.one, where: current .>= k.xE0)
        return Block.zero.replacing(with: k.xFF, where: errors)
    }

    private static func flush(_ leads: inout Block, _ longLeads: inout Block, into scan: inout UTF8Scan) {
        for lane in leads.indices {
            scan.multibyteSequences &+= Int(leads[lane])
            scan.longSequences &+= Int(longLeads[lane])
        }
        leads = .zero
        longLeads = .zero
    }

    /// Scans sequence by sequence; counts ill-formed sequences the way
    /// ``repairUTF8(_:)`` replaces them.
    ///
    /// Counting stops, and the counts are those of the bytes so far, once
    /// ill-formed sequences are many and outnumber well-formed ones four to one:
    /// the bytes are then not UTF-8, whatever the rest holds, and counting every
    /// byte of a page in windows-1251 would cost more than reading it.
    static func scanUTF8Sequences(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Scan {
        var scan = UTF8Scan()
        guard let base = bytes.baseAddress else { return scan }
        var index = 0
        _ = scanSequences(base, bytes.count, from: &index, to: bytes.count, into: &scan, stoppingAtError: false)
        return scan
    }

    /// Ill-formed sequences past which a scan that already finds them four
    /// times as common as well-formed ones stops counting.
    static let damageEnoughToStop = 256

    /// Scans whole sequences from `index` until at least `limit`, counting them
    /// into `scan`; `false` at the first ill-formed one if `stoppingAtError`.
    /// Runs of ASCII go eight bytes at a time.
    @inline(__always)
    private static func scanSequences(
        _ base: UnsafePointer<UInt8>, _ count: Int, from index: inout Int, to limit: Int,
        into scan: inout UTF8Scan, stoppingAtError: Bool
    ) -> Bool {
        let raw = UnsafeRawPointer(base)
        while index < limit {
            let lead = base[index]
            if lead < 0x80 {
                index &+= 1
                while index &+ 8 <= limit,
                      UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                      & 0x8080_8080_8080_8080 == 0 {
                    index &+= 8
                }
                continue
            }
            let length = utf8Sequence(base, index, count, lead: lead)
            if length > 0 {
                scan.multibyteSequences &+= 1
                if length > 2 { scan.longSequences &+= 1 }
                index &+= length
            } else {
                if stoppingAtError { return false }
                scan.invalidSequences &+= 1
                index &-= length
                if scan.invalidSequences >= damageEnoughToStop, scan.invalidSequences > 4 &* scan.multibyteSequences {
                    return true
                }
            }
        }
        return true
    }

    /// The bytes with every ill-formed sequence replaced by U+FFFD, and how
    /// many were replaced.
    static func repairUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> (utf8: [UInt8], replaced: Int) {
        let repaired = repairUTF8(bytes, strayBytesAsWindows1252: false)
        return (repaired.utf8, repaired.replaced)
    }

    /// The bytes with every ill-formed sequence replaced by U+FFFD, and how many were replaced; with
    /// `strayBytesAsWindows1252`, a stray byte is read as its windows-1252 character instead (and
    /// counted apart, in `windows1252`).
    ///
    /// A byte is stray when it is an ill-formed sequence of its own (it cannot start a sequence, or
    /// the byte after it cannot continue the one it starts) between bytes that are not ill-formed:
    /// a curly quote (0x93, 0x94), a dash (0x96) or an accented letter (0xE9 before a space) pasted
    /// from windows-1252 into UTF-8 text. Damage of any other shape stays U+FFFD, as UTF-8 damage
    /// and not windows-1252 text: a sequence cut short (`E2 80`, or a lead byte that ends the input),
    /// an overlong form or a surrogate (two or three bad bytes in a row), a run of bad bytes, and the
    /// five bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
    static func repairUTF8(
        _ bytes: UnsafeBufferPointer<UInt8>, strayBytesAsWindows1252: Bool
    ) -> (utf8: [UInt8], replaced: Int, windows1252: Int) {
        guard let base = bytes.baseAddress else { return ([], 0, 0) }
        let count = bytes.count
        var output = [UInt8]()
        output.reserveCapacity(count + count / 8)
        var replaced = 0
        var windows1252 = 0
        var runStart = 0
        var index = 0
        // Where the last ill-formed sequence ended: a bad byte right after it is not stray.
        var badEnd = -1
        while index < count {
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length = utf8Sequence(base, index, count, lead: lead)
            if length > 0 {
                index += length
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            if strayBytesAsWindows1252, length == -1, badEnd != index, isStray(base, index, count),
               appendWindows1252(lead, to: &output) {
                windows1252 += 1
            } else {
                output.append(contentsOf: replacementCharacter)
                replaced += 1
            }
            index -= length
            runStart = index
            badEnd = index
        }
        output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        return (output, replaced, windows1252)
    }

    /// Whether the one-byte ill-formed sequence at `index` is followed by a byte that is not itself
    /// ill-formed, and is not a lead byte the input ends on (a sequence cut short by the end).
    @inline(__always)
    private static func isStray(_ base: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> Bool {
        let next = index + 1
        guard next < count else { return base[index] < 0xC2 || base[index] > 0xF4 }
        let following = base[next]
        return following < 0x80 || utf8Sequence(base, next, count, lead: following) > 0
    }

    /// Appends `byte` read as windows-1252, in UTF-8; false (nothing appended) for the five bytes it
    /// leaves undefined.
    @inline(__always)
    private static func appendWindows1252(_ byte: UInt8, to output: inout [UInt8]) -> Bool {
        let scalar = byte < 0xA0 ? windows1252C1[Int(byte) &- 0x80] : UInt32(byte)
        if scalar == 0xFFFD { return false }
        if scalar < 0x800 {
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
        return true
    }

    /// U+FFFD REPLACEMENT CHARACTER in UTF-8.
    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]
}
