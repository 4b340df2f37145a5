// Decoding speed: each page is repeated or cut to exactly 200 KB (at a
// character boundary), decoded 2,000 times, best of five rounds, one core.
import Glibc
import SlantClean

func seconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let size = 200 * 1024, iterations = 2000
for path in CommandLine.arguments.dropFirst() {
    let original = read(path)
    guard !original.isEmpty else { continue }
    var page = [UInt8]()
    while page.count < size { page += original }
    page = Array(page.prefix(size))
    while let last = page.last, last >= 0x80 { page.removeLast() }  // no character cut in two
    var sink = 0
    for _ in 0 ..< 50 { sink &+= TextDecoding.decode(page, isHTML: true).utf8.count }
    var best = Double.infinity
    for _ in 0 ..< 5 {
        let start = seconds()
        for _ in 0 ..< iterations { sink &+= TextDecoding.decode(page, isHTML: true).utf8.count }
        best = min(best, (seconds() - start) / Double(iterations))
    }
    let decision = TextDecoding.decode(page, isHTML: true).decision
    let micros = (best * 1e7).rounded() / 10
    let name = path.split(separator: "/").last.map(String.init) ?? path
    print("\(name.prefix(24))\t\(page.count) bytes\t\(decision.name) (\(decision.evidence))\t\(micros) µs/page",
          sink == 0 ? "" : "")
}
