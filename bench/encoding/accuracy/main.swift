// Detection accuracy on the samples make_samples.py writes: per language,
// encoding and size, how often the encoding is named right and how often the
// decoded text is exactly right (two Central European encodings may give the
// same text). Prints the groups that are not perfect, then the totals.
import Glibc
import SlantClean

let directory = CommandLine.arguments.dropFirst().first ?? "samples"
guard let listing = opendir(directory) else {
    print("cannot open \(directory)")
    exit(2)
}
var groups = [String: (named: Int, exact: Int, all: Int)]()
while let entry = readdir(listing) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    guard name.hasSuffix(".bin") else { continue }
    // language.encoding.size.trial.kind.bin; kind is txt, html or htmllang (with <html lang>)
    let parts = name.split(separator: ".").map(String.init)
    guard parts.count == 6 else { continue }
    let decoded = TextDecoding.decode(read("\(directory)/\(name)"), isHTML: parts[4] != "txt")
    let expected = read("\(directory)/\(name.dropLast(4)).expected")
    let key = "\(parts[0]) \(parts[1]) \(parts[2])\(parts[4] == "htmllang" ? " lang" : "")"
    var group = groups[key] ?? (0, 0, 0)
    group.all += 1
    if decoded.decision.name == parts[1] { group.named += 1 }
    if decoded.utf8 == expected { group.exact += 1 }
    groups[key] = group
}
closedir(listing)
for (key, group) in groups.sorted(by: { $0.key < $1.key }) where group.exact < group.all {
    print("\(key)\tnamed \(group.named)/\(group.all)\ttext exact \(group.exact)/\(group.all)")
}
let total = groups.values.reduce((0, 0, 0)) { ($0.0 + $1.named, $0.1 + $1.exact, $0.2 + $1.all) }
print("total\tnamed \(total.0)/\(total.2)\ttext exact \(total.1)/\(total.2)")
