// The cost of near-duplicate detection as the corpus grows: `swift run -c release origin-bench 10000 100000`.
//
// For each size N it builds N synthetic signatures (600 shingles each, publication dates over a year,
// one article in ten a copy of an earlier one, run up to 3 days after it, with a fifth of its shingles
// changed), then times the
// corpus-level step every run does: candidate pairs from the LSH index (date window 30 days) and the
// origins of all articles (each candidate pair checked on its exact shingles). It also times the
// per-article signature (segmenting and shingling a 600-word text), the work a new article adds.
import Foundation
import SlantCore
import SlantMeasure
import SlantOrigin
import SlantText

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func corpus(_ count: Int) -> (articles: [OriginArticle], signatures: [OriginSignature?], copies: Int) {
    var generator = SeededGenerator(seed: UInt64(count))
    var articles: [OriginArticle] = []
    var signatures: [OriginSignature?] = []
    var fulls: [[UInt64]] = []
    var copies = 0
    var days: [Int] = []
    for index in 0..<count {
        var shingles: [UInt64]
        var day = generator.index(below: 365)
        if index > 10, generator.index(below: 10) == 0 {
            // A copy of an earlier article, run up to 3 days after it.
            let original = generator.index(below: index)
            shingles = fulls[original].map { generator.index(below: 5) == 0 ? generator.next() : $0 }
            day = min(364, days[original] + generator.index(below: 4))
            // Copies within one outlet are duplicates, not republication: only the others count.
            if original % 20 != index % 20 { copies += 1 }
        } else {
            shingles = (0..<600).map { _ in generator.next() }
        }
        fulls.append(shingles)
        days.append(day)
        let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: day, to: Date(timeIntervalSince1970: 1_704_067_200)) ?? Date()
        let text = ISO8601DateFormatter().string(from: date).prefix(10)
        articles.append(OriginArticle(id: "a\(index)", outlet: "outlet-\(index % 20)", published: String(text), rank: index))
        let ends = stride(from: 20, through: 600, by: 20).map { UInt32($0) }
        signatures.append(OriginSignature(
            words: 604, minhash: OriginSignatureStage.minhash(of: shingles), shingles: shingles.map { UInt32(truncatingIfNeeded: $0) },
            sentenceEnds: ends, byline: nil, lead: "", tail: ""))
    }
    return (articles, signatures, copies)
}

let sizes = CommandLine.arguments.dropFirst().compactMap(Int.init)
print("articles  cross-outlet copies  pairs  found  pairs s  origins s  total s  µs/article")
var runs: [(Int, Double)] = []
for size in sizes.isEmpty ? [10_000, 100_000] : sizes {
    let (articles, signatures, copies) = corpus(size)
    var times: [Double] = []
    var pairCount = 0
    var found = 0
    var pairTimes: [Double] = []
    var originTimes: [Double] = []
    for _ in 0..<3 {
        var pairs: [(Int, Int)] = []
        let pairTime = seconds { pairs = NearDuplicates.candidatePairs(signatures.map { $0?.minhash ?? [] }, days: articles.map(\.day), windowDays: 30) }
        var origins: [ArticleOrigin] = []
        let originTime = seconds { origins = NearDuplicates.origins(articles, signatures: signatures, pairs: pairs, settings: OriginSettings()) }
        pairCount = pairs.count
        found = origins.filter { $0.kind == .republished }.count
        pairTimes.append(pairTime)
        originTimes.append(originTime)
        times.append(pairTime + originTime)
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    let total = median(times)
    runs.append((size, total))
    print(String(format: "%8d  %20d  %6d  %5d  %7.3f  %9.3f  %7.3f  %10.1f", size, copies, pairCount, found, median(pairTimes), median(originTimes), total, total / Double(size) * 1e6))
}
if runs.count >= 2, let first = runs.first, let last = runs.last {
    print(String(format: "cost ratio %.2f for %.0f× the articles (linear: %.0f)", last.1 / first.1, Double(last.0) / Double(first.0), Double(last.0) / Double(first.0)))
}

// One article's signature: segment and shingle a 600-word text.
var generator = SeededGenerator(seed: 7)
let vocabulary = (0..<5_000).map { "w\($0)x" }
let texts = (0..<500).map { _ in
    (0..<30).map { _ in (0..<20).map { _ in vocabulary[generator.index(below: vocabulary.count)] }.joined(separator: " ") + "." }.joined(separator: " ")
}
let stage = OriginSignatureStage()
var articlesSegmented: [SegmentedArticle] = []
for text in texts {
    let (body, blocks) = Article.assemble([(.paragraph, text)])
    if let segmented = try? SegmentStage().process(Article(source: SourceLocator(path: "x"), metadata: DocumentMetadata(), body: body, blocks: blocks)) {
        articlesSegmented.append(segmented)
    }
}
let signatureTime = seconds { for article in articlesSegmented { _ = try? stage.process(article) } }
print(String(format: "signature of one 600-word article (shingles + MinHash, segmenting apart): %.0f µs", signatureTime / Double(articlesSegmented.count) * 1e6))
