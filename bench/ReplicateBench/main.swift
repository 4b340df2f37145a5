// The Poisson bootstrap's kept sums at scale: how long one new article takes to fold into the
// replicate sums of a corpus of N synthetic articles, and how long the aggregate (every statistic
// and interval of the report) takes from the kept sums, against building them from the measures.
//
// usage: swift run -c release slant-replicate-bench [N ...]   (default: 100000 1000000)
//
// The articles are synthetic: 8 outlets, dates over 12 months, a terminology lexicon of 22 families
// (4 terms each, 3 stances) and a loaded-language lexicon of 15 categories; each article has about
// 6 term counts and 8 loaded counts in its voices, with one evidence item per count.
import Foundation
import SlantCore
import SlantMeasure

func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.filter(\.isNumber)
        return (Double(digits) ?? 0) / 1024
    }
    return 0
}

func seconds(_ work: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let stances = ["armenian", "azerbaijani", "neutral"]
let terminology = LexiconFacts.Lexicon(
    id: "terms", measure: .terminology, languages: ["en"], stances: stances,
    stanceIndex: LexiconFacts.StanceSides(negative: "armenian", positive: "azerbaijani"))
let loaded = LexiconFacts.Lexicon(id: "loaded", measure: .loadedLanguage, languages: ["en"])
let facts = LexiconFacts(lexicons: [terminology, loaded])
let voices: [VoiceKey] = [.authorial, .authorial, .authorial, .quoted, .attributed, .comment]

func article(_ index: Int, generator: inout SeededGenerator) -> (ArticleMeasures, [Evidence]) {
    let outlet = "Outlet \(index % 8)"
    let month = 1 + generator.index(below: 12)
    var terms: [TermCount] = []
    var evidence: [Evidence] = []
    for _ in 0..<6 {
        let family = generator.index(below: 22)
        let term = generator.index(below: 4)
        let voice = voices[generator.index(below: voices.count)]
        terms.append(TermCount(lexicon: "terms", family: "family-\(family)", term: "term-\(family)-\(term)", stance: stances[term % 3], voice: voice, count: 1 + generator.index(below: 3)))
        evidence.append(Evidence(kind: .term, group: "family-\(family)", item: "term-\(family)-\(term)", stance: stances[term % 3], weight: nil, text: "x", voice: voice, speaker: nil, negated: false, comment: nil, sentence: 0, start: 0, end: 1, sentenceText: "x", matchStart: 0, matchEnd: 1, lexicon: "terms"))
    }
    var counts: [LoadedCount] = []
    for _ in 0..<8 {
        let category = "category-\(generator.index(below: 15))"
        let voice = voices[generator.index(below: voices.count)]
        let hits = 1 + generator.index(below: 3)
        counts.append(LoadedCount(lexicon: "loaded", category: category, voice: voice, hits: hits, weight: Double(hits) * 1.5))
        evidence.append(Evidence(kind: .loaded, group: category, item: "entry", stance: nil, weight: 1.5, text: "x", voice: voice, speaker: nil, negated: false, comment: nil, sentence: 0, start: 0, end: 1, sentenceText: "x", matchStart: 0, matchEnd: 1, lexicon: "loaded"))
    }
    let authorial = 300 + generator.index(below: 1200)
    let measures = ArticleMeasures(
        id: "a\(index)", outlet: outlet, source: "s\(index).html", digest: "d\(index)", title: "t", url: nil,
        published: String(format: "2024-%02d-15", month), language: "en", tokens: authorial + 200,
        voiceTokens: [.authorial: authorial, .quoted: 120, .attributed: 80, .comment: 50], sentences: 20, paragraphs: 6,
        comments: 1, commentTokens: 50, warnings: [], termCounts: terms, loadedCounts: counts)
    return (measures, evidence)
}

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
for size in sizes.isEmpty ? [100_000, 1_000_000] : sizes {
    var generator = SeededGenerator(seedText: "replicate-bench")
    var measures: [ArticleMeasures] = []
    var classes = EvidenceClasses()
    measures.reserveCapacity(size)
    for index in 0..<size {
        let (item, evidence) = article(index, generator: &generator)
        classes.add(evidence, article: item.id)
        measures.append(item)
    }
    let contributions = measures.map { ArticleContribution($0, facts: facts) }
    var kept = ReplicateAccumulator(replicates: 2000)
    let build = seconds { kept = ReplicateAccumulator.build(contributions, replicates: 2000) }
    let groups = kept.sums.count
    let quantities = kept.sums.values.reduce(0) { $0 + $1.count }
    let (newcomer, newEvidence) = article(size, generator: &generator)
    let newContribution = ArticleContribution(newcomer, facts: facts)
    let add = seconds { kept.add(newContribution) }
    measures.append(newcomer)
    classes.add(newEvidence, article: newcomer.id)
    let stage = AggregateStage()
    var statistics = 0
    let aggregate = seconds {
        let tables = try? stage.process(AggregateStage.Input(measures: measures, excluded: [], facts: facts, evidence: classes, replicates: kept))
        statistics = tables?.statistics.count ?? 0
    }
    print(String(
        format: "%8d articles: kept sums built in %.2f s (%d groups, %d quantities, %.0f MB); one new article folded in %.3f ms; aggregate from the kept sums %.2f s (%d statistics); peak resident %.0f MB",
        size, build, groups, quantities, Double(quantities * 2000 * 8) / 1e6, add * 1000, aggregate, statistics, residentMegabytes()))
}
