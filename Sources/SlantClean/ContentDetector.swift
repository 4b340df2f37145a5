/// Finds the main content of a page: general rules only, no per-site knowledge.
///
/// The method follows the density-and-structure scoring of Mozilla Readability:
/// every paragraph of running text votes for its ancestors (more for commas and
/// length, less the further up), votes are discounted by link density and
/// weighted by what `class`/`id` say, the best container wins and takes along
/// siblings that look like more of the same; boilerplate inside it is then
/// pruned by link density, structure and hints. When that leaves too little
/// text, it tries again with fewer rules, as Readability does.
///
/// Two steps widen the choice, for the pages Readability's single container
/// misses part of: the chosen block grows to the ancestors whose additional text
/// is mostly running prose (an article split into several wrappers with boxes
/// between them), never counting teasers (a small block whose heading, or last
/// text, links elsewhere); and the article's standfirst is taken along when it
/// sits apart from the body (a paragraph named as a lead, or in the article's
/// `<header>`, after the title). Pruning then keeps what is mostly prose whatever
/// its name or pictures, and drops lists of teasers, short paragraphs that are
/// mostly a link, and headings left with nothing under them.
struct ContentDetector {
    /// Rules that can be relaxed when the strict pass finds too little.
    struct Rules: OptionSet {
        let rawValue: UInt8
        static let stripUnlikely = Rules(rawValue: 1 << 0)
        static let weighClasses = Rules(rawValue: 1 << 1)
        static let cleanConditionally = Rules(rawValue: 1 << 2)
        static let all: Rules = [.stripUnlikely, .weighClasses, .cleanConditionally]
    }

    /// What was chosen: article subtrees in document order and the nodes to leave out of them.
    struct Selection {
        var roots: [Int]
        /// `excluded[i]`: node `i` and its subtree are not article text.
        var excluded: [Bool]
        /// Visible characters of the selection (an estimate before emission).
        var textLength: Int
    }

    let dom: DOMIndex
    /// Text at least this long is accepted without relaxing the rules.
    var sufficientLength = 500

    init(dom: DOMIndex) { self.dom = dom }

    /// The best selection, relaxing rules until enough text is found.
    func detect() -> Selection? {
        var best: Selection?
        for rules in [Rules.all, [.weighClasses, .cleanConditionally], [.cleanConditionally], []] {
            guard let selection = select(rules: rules) else { continue }
            if selection.textLength >= sufficientLength { return selection }
            if selection.textLength > best?.textLength ?? -1 { best = selection }
        }
        return best
    }

    // MARK: - Selection under one set of rules

    func select(rules: Rules) -> Selection? {
        guard dom.count > 0 else { return nil }
        let removed = structuralRemovals(rules: rules)
        var scores = [Double](repeating: 0, count: dom.count)
        var isCandidate = [Bool](repeating: false, count: dom.count)
        scoreParagraphs(removed: removed, rules: rules, scores: &scores, isCandidate: &isCandidate)

        var candidates: [Int] = []
        for index in 0..<dom.count where isCandidate[index] {
            scores[index] *= 1 - dom[index].linkDensity
            candidates.append(index)
        }
        candidates.sort { scores[$0] > scores[$1] }
        let body = dom.body
        let measures = measure(removed: removed)
        guard var top = candidates.first, top != body else {
            return finish(roots: [body], removed: removed, scores: scores, rules: rules, measures: measures, protected: [])
        }
        top = promoteToCommonAncestor(top, candidates: candidates, scores: scores)
        top = climbWhileScoreGrows(top, scores: scores, isCandidate: isCandidate)
        while dom[top].parent >= 0, Int(dom[top].parent) != body, onlyElementChild(top) {
            top = Int(dom[top].parent)
        }
        // The block the scores chose, and what holds it, are never pruned from a widened selection.
        var protected: Set<Int> = []
        var chosen = top
        top = expandWhileProseGrows(top, measures: measures)
        while chosen != top, chosen >= 0 {
            protected.insert(chosen)
            chosen = Int(dom[chosen].parent)
        }
        let roots = gatherSiblings(of: top, scores: scores, isCandidate: isCandidate, removed: removed)
        let leads = roots.first.map { leadBlocks(before: $0) } ?? []
        return finish(
            roots: leads + roots, removed: removed, scores: scores, rules: rules, measures: measures, protected: protected,
            leads: leads)
    }

    /// What the selection rules measure in each subtree, leaving out what was removed before scoring.
    struct Measures {
        /// Characters of running prose: text of paragraphs that are not link lists, outside teasers.
        var prose: [Int32]
        /// Characters of all visible text.
        var text: [Int32]
        /// Whether the node is a teaser: a small block with one heading that links elsewhere (a linked
        /// heading, or a closing "read more" link): the headline and snippet of another article.
        var isTeaser: [Bool]
    }

    /// The measures of every node; a teaser holds no prose, however well its snippet reads.
    private func measure(removed: [Bool]) -> Measures {
        let count = dom.count
        var prose = [Int32](repeating: 0, count: count)
        var text = [Int32](repeating: 0, count: count)
        var headings = [Int32](repeating: 0, count: count)
        var linkedHeadings = [Int32](repeating: 0, count: count)
        for index in stride(from: count - 1, through: 0, by: -1) where !removed[index] {
            let node = dom[index]
            if node.tag == .text { text[index] = node.textLength }
            if node.tag.isHeading, node.textLength > 0 {
                headings[index] += 1
                if node.linkTextLength > 0 { linkedHeadings[index] += 1 }
            }
            let parent = Int(node.parent)
            guard parent >= 0 else { continue }
            text[parent] += text[index]
            headings[parent] += headings[index]
            linkedHeadings[parent] += linkedHeadings[index]
        }
        var isTeaser = [Bool](repeating: false, count: count)
        var nearestBlock = [Int32](repeating: -1, count: count)
        var inTeaser = [Bool](repeating: false, count: count)
        for index in 0..<count {
            let node = dom[index]
            let parent = Int(node.parent)
            if parent >= 0 {
                nearestBlock[index] = dom[parent].tag.isInline ? nearestBlock[parent] : Int32(parent)
                inTeaser[index] = inTeaser[parent]
            }
            if !inTeaser[index], headings[index] == 1, text[index] < 800, !node.tag.isHeading, node.tag != .text,
                linkedHeadings[index] == 1 || endsWithLink(index, removed: removed)
            {
                isTeaser[index] = true
                inTeaser[index] = true
            }
            guard node.tag == .text, !removed[index], !inTeaser[index], !node.flags.contains(.inLink) else { continue }
            let block = Int(nearestBlock[index])
            guard block >= 0 else { continue }
            let container = dom[block]
            let isParagraph = container.tag.isScoredParagraph
                || (isParagraphLikeContainer(container) && !container.flags.contains(.hasBlockChild))
            if isParagraph, container.textLength >= 40, container.linkDensity < 0.3 { prose[index] = node.textLength }
        }
        for index in stride(from: count - 1, through: 1, by: -1) where !removed[index] {
            let parent = Int(dom[index].parent)
            if parent >= 0 { prose[parent] += prose[index] }
        }
        return Measures(prose: prose, text: text, isTeaser: isTeaser)
    }

    /// Whether the last visible text of a subtree is a link ("Read more", "Mehr lesen…").
    private func endsWithLink(_ index: Int, removed: [Bool]) -> Bool {
        var last = Int(dom[index].end) - 1
        while last > index {
            let node = dom[last]
            if node.tag == .text, node.textLength > 0, !removed[last] { return node.flags.contains(.inLink) }
            last -= 1
        }
        return false
    }

    /// Widens the chosen block to its ancestors while what each adds is mostly running prose: an
    /// article split into several wrappers, a standfirst beside the body, paragraphs around a box.
    private func expandWhileProseGrows(_ start: Int, measures: Measures) -> Int {
        let prose = measures.prose
        let text = measures.text
        var top = start
        // Wrappers that add nothing are climbed through, but the selection only grows to an ancestor
        // that added prose: sibling gathering then looks at the siblings of what was really chosen.
        var widest = start
        while case let parent = Int(dom[top].parent), parent >= 0, parent != dom.body, dom[parent].tag != .html {
            let extraText = text[parent] - text[top]
            let extraProse = prose[parent] - prose[top]
            guard extraText == 0 || (extraProse > 0 && extraProse * 2 >= extraText) else { break }
            top = parent
            if extraText > 0 { widest = parent }
        }
        return widest
    }

    /// The standfirst (and subtitle) of the article when they sit apart from its body: the nearest
    /// paragraphs before the chosen block, after the title, inside the same `<article>` (or `<main>`,
    /// or a few levels up), that are named as a lead (`lead`, `intro`, `excerpt`, `standfirst`, …) or
    /// sit in the article's `<header>`; short, not links, in document order.
    private func leadBlocks(before root: Int) -> [Int] {
        var scope = Int(dom[root].parent)
        var levels = 0
        while scope > 0, dom[scope].tag != .article, dom[scope].tag != .main, dom[scope].tag != .body, levels < 4 {
            scope = Int(dom[scope].parent)
            levels += 1
        }
        guard scope >= 0 else { return [] }
        var leads: [Int] = []
        var index = root - 1
        var passed = 0
        var acceptedStart = root
        while index > scope, leads.count < 2, passed < 2000 {
            let node = dom[index]
            defer { index -= 1 }
            if Int(node.end) > acceptedStart { continue }  // an ancestor of the root or of a lead
            // Not `removed`: a header named `entry-header` is stripped as unlikely, and the lead sits in it.
            if node.tag == .text {
                passed += Int(node.textLength)
                continue
            }
            if node.tag == .h1 { break }
            guard isLeadCandidate(index, scope: scope) else { continue }
            leads.insert(index, at: 0)
            acceptedStart = index
        }
        return leads
    }

    private func isLeadCandidate(_ index: Int, scope: Int) -> Bool {
        let node = dom[index]
        let isBlock = node.tag == .p || (isParagraphLikeContainer(node) && !node.flags.contains(.hasBlockChild))
        guard isBlock, node.textLength >= 40, node.textLength <= 1500, node.linkDensity < 0.2, endsLikeSentence(index)
        else { return false }
        let unwanted: Hints = [.junk, .byline, .caption, .comment, .hidden]
        var ancestor = index
        var named = false
        var inHeader = false
        while ancestor > scope {
            let hints = dom[ancestor].hints
            let element = dom[ancestor]
            if !hints.isDisjoint(with: unwanted) || element.flags.contains(.dropped) || element.flags.contains(.furnitureRole)
                || element.tag.isFurniture
            {
                return false
            }
            if hints.contains(.lead) { named = true }
            if dom[ancestor].tag == .header { inHeader = true }
            ancestor = Int(dom[ancestor].parent)
        }
        return named || inHeader
    }

    /// Nodes removed before scoring: never-text elements, furniture, unlikely candidates.
    private func structuralRemovals(rules: Rules) -> [Bool] {
        var removed = [Bool](repeating: false, count: dom.count)
        var index = 0
        while index < dom.count {
            let node = dom[index]
            if isRemovedBeforeScoring(node, rules: rules) {
                let end = Int(node.end)
                for inside in index..<end { removed[inside] = true }
                index = end
                continue
            }
            index += 1
        }
        return removed
    }

    private func isRemovedBeforeScoring(_ node: DOMNode, rules: Rules) -> Bool {
        if node.tag == .text { return false }
        if node.flags.contains(.dropped) { return true }
        if node.flags.contains(.articleBodyMarkup) || node.tag == .body || node.tag == .html { return false }
        if node.tag == .nav || node.tag == .aside || node.tag == .menu || node.tag == .footer { return true }
        if node.flags.contains(.furnitureRole) { return true }
        if node.hints.contains(.comment), !node.hints.contains(.maybeArticle) { return true }
        if rules.contains(.stripUnlikely) {
            if node.hints.contains(.unlikely), !node.hints.contains(.maybeArticle), node.tag != .a { return true }
        }
        return false
    }

    /// The weight of an element's `class`/`id`.
    func classWeight(_ node: DOMNode, rules: Rules) -> Double {
        guard rules.contains(.weighClasses) else { return 0 }
        var weight = 0.0
        if node.hints.contains(.negative) { weight -= 25 }
        if node.hints.contains(.positive) { weight += 25 }
        if node.flags.contains(.articleBodyMarkup) { weight += 50 }
        return weight
    }

    private func initialScore(_ node: DOMNode, rules: Rules) -> Double {
        var score: Double
        switch node.tag {
        case .div, .article, .main: score = 5
        case .pre, .td, .blockquote: score = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score = -5
        default: score = 0
        }
        return score + classWeight(node, rules: rules)
    }

    /// Each paragraph of running text votes for its ancestors.
    private func scoreParagraphs(removed: [Bool], rules: Rules, scores: inout [Double], isCandidate: inout [Bool]) {
        // Inline text sitting directly in a container forms paragraphs of that container.
        var looseText = [Int32](repeating: 0, count: dom.count)
        var looseCommas = [Int32](repeating: 0, count: dom.count)
        for index in 0..<dom.count where !removed[index] {
            let node = dom[index]
            let parent = Int(node.parent)
            guard parent >= 0, node.tag.isInline, !dom[parent].tag.isInline else { continue }
            looseText[parent] += node.textLength
            looseCommas[parent] += node.commas
        }
        for index in 0..<dom.count where !removed[index] {
            let node = dom[index]
            guard node.tag != .text else { continue }
            let length: Int32
            let commas: Int32
            var firstAncestor: Int
            if node.tag.isScoredParagraph || (isParagraphLikeContainer(node) && !node.flags.contains(.hasBlockChild)) {
                length = node.textLength
                commas = node.commas
                firstAncestor = Int(node.parent)
            } else if !node.tag.isInline, looseText[index] >= 25 {
                length = looseText[index]
                commas = looseCommas[index]
                firstAncestor = index
            } else {
                continue
            }
            guard length >= 25, firstAncestor >= 0 else { continue }
            let score = 1 + Double(commas) + min(Double(length) / 100, 3).rounded(.down)
            var ancestor = firstAncestor
            var level = 0
            while ancestor >= 0, level < 5 {
                let ancestorNode = dom[ancestor]
                if ancestorNode.tag == .html { break }
                if !isCandidate[ancestor] {
                    isCandidate[ancestor] = true
                    scores[ancestor] = initialScore(ancestorNode, rules: rules)
                }
                let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level) * 3
                scores[ancestor] += score / divider
                ancestor = Int(ancestorNode.parent)
                level += 1
            }
        }
    }

    private func isParagraphLikeContainer(_ node: DOMNode) -> Bool {
        switch node.tag {
        case .div, .section, .article, .main, .center, .other, .span: true
        default: false
        }
    }

    /// Readability's rule: when several of the best candidates share an ancestor, the ancestor is the article.
    private func promoteToCommonAncestor(_ top: Int, candidates: [Int], scores: [Double]) -> Int {
        let topScore = scores[top]
        guard topScore > 0 else { return top }
        let alternatives = candidates.prefix(5).dropFirst().filter { scores[$0] / topScore >= 0.75 }
        guard alternatives.count >= 3 else { return top }
        var parent = Int(dom[top].parent)
        while parent >= 0, dom[parent].tag != .body, dom[parent].tag != .html {
            let containing = alternatives.filter { dom.isInside($0, parent) }.count
            if containing >= 3 { return parent }
            parent = Int(dom[parent].parent)
        }
        return top
    }

    private func climbWhileScoreGrows(_ start: Int, scores: [Double], isCandidate: [Bool]) -> Int {
        var top = start
        var lastScore = scores[top]
        let threshold = lastScore / 3
        var parent = Int(dom[top].parent)
        while parent >= 0, dom[parent].tag != .body, dom[parent].tag != .html {
            if !isCandidate[parent] {
                parent = Int(dom[parent].parent)
                continue
            }
            let parentScore = scores[parent]
            if parentScore < threshold { break }
            if parentScore > lastScore {
                top = parent
                break
            }
            lastScore = parentScore
            parent = Int(dom[parent].parent)
        }
        return top
    }

    private func onlyElementChild(_ index: Int) -> Bool {
        let parent = Int(dom[index].parent)
        var child = parent + 1
        var elements = 0
        while child < Int(dom[parent].end) {
            let node = dom[child]
            if node.tag != .text {
                elements += 1
                if elements > 1 { return false }
            } else if node.textLength > 0 {
                return false
            }
            child = Int(node.end)
        }
        return elements == 1
    }

    /// The top candidate and those of its siblings that look like more of the article.
    private func gatherSiblings(of top: Int, scores: [Double], isCandidate: [Bool], removed: [Bool]) -> [Int] {
        let parent = Int(dom[top].parent)
        guard parent >= 0 else { return [top] }
        let topScore = scores[top]
        let threshold = max(10, topScore * 0.2)
        let topClass = XMLNode.attribute(dom[top].pointer, "class")
        var roots: [Int] = []
        var child = parent + 1
        while child < Int(dom[parent].end) {
            let node = dom[child]
            defer { child = Int(node.end) }
            if child == top {
                roots.append(child)
                continue
            }
            guard node.tag != .text, !removed[child] else { continue }
            var bonus = 0.0
            if let topClass, topClass.count > 0, let siblingClass = XMLNode.attribute(node.pointer, "class"),
                topClass.elementsEqual(siblingClass)
            {
                bonus = topScore * 0.2
            }
            if isCandidate[child], scores[child] + bonus >= threshold {
                roots.append(child)
            } else if node.tag == .p || (isParagraphLikeContainer(node) && !node.flags.contains(.hasBlockChild)) {
                let density = node.linkDensity
                let length = node.textLength
                if length > 80, density < 0.25 {
                    roots.append(child)
                } else if length > 0, length <= 80, density == 0, endsLikeSentence(child) {
                    roots.append(child)
                }
            }
        }
        return roots
    }

    /// Whether the text of a node ends with sentence punctuation (a short paragraph, not a label).
    private func endsLikeSentence(_ index: Int) -> Bool {
        var last = Int(dom[index].end) - 1
        while last >= index {
            let node = dom[last]
            if node.tag == .text, node.textLength > 0 {
                var end = node.text.count - 1
                while end >= 0, node.text[end] == 0x20 || node.text[end] == 0x0A || node.text[end] == 0x09 {
                    end -= 1
                }
                guard end >= 0 else { return false }
                let byte = node.text[end]
                // The last byte of `.`, `!`, `?`, `"`, `)`, ” (E2 80 9D), … (E2 80 A6), » (C2 BB), 。 (E3 80 82).
                return byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
                    || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: ")") || byte == 0x9D || byte == 0xA6
                    || byte == 0xBB || (byte == 0x82 && end >= 2 && node.text[end - 2] == 0xE3)
            }
            last -= 1
        }
        return false
    }

    // MARK: - Pruning inside the selection

    private func finish(
        roots: [Int], removed: [Bool], scores: [Double], rules: Rules, measures: Measures,
        protected: Set<Int>, leads: [Int] = []
    ) -> Selection {
        var excluded = removed
        // A lead may sit in a header stripped as unlikely: only what is never text stays out of it.
        for lead in leads {
            for inside in lead..<Int(dom[lead].end) { excluded[inside] = dom[inside].flags.contains(.dropped) }
        }
        var textLength = 0
        for root in roots {
            // A root is never pruned away as a whole; what is inside it may be.
            excluded[root] = false
            prune(root: root, excluded: &excluded, scores: scores, rules: rules, measures: measures, protected: protected)
        }
        dropHeadingsWithoutText(roots: roots, excluded: &excluded)
        for root in roots { textLength += keptText(root: root, excluded: excluded) }
        return Selection(roots: roots, excluded: excluded, textLength: textLength)
    }

    /// Headings left with nothing to head: the title of a box that was pruned ("Related", "Mehr zum
    /// Thema", "Tags"), or a heading after the last kept text of the selection.
    private func dropHeadingsWithoutText(roots: [Int], excluded: inout [Bool]) {
        // Each kept heading, with the kept text before it (over all roots, in order).
        var headings: [(index: Int, keptBefore: Int)] = []
        var kept = 0
        for root in roots {
            var index = root
            while index < Int(dom[root].end) {
                let node = dom[index]
                if excluded[index] {
                    index = Int(node.end)
                    continue
                }
                if node.tag.isHeading { headings.append((index, kept)) }
                if node.tag == .text { kept += Int(node.textLength) }
                index += 1
            }
        }
        for (heading, keptBefore) in headings {
            let node = dom[heading]
            let isLast = keptBefore + Int(node.textLength) >= kept
            if isLast || titlesAPrunedBox(heading, excluded: excluded) {
                for inside in heading..<Int(node.end) { excluded[inside] = true }
            }
        }
    }

    /// Whether all that follows the heading in its parent was pruned (and there was something).
    private func titlesAPrunedBox(_ heading: Int, excluded: [Bool]) -> Bool {
        let parent = Int(dom[heading].parent)
        guard parent >= 0 else { return false }
        var sibling = Int(dom[heading].end)
        var prunedText = 0
        while sibling < Int(dom[parent].end) {
            let node = dom[sibling]
            if excluded[sibling] {
                prunedText += Int(node.textLength)
            } else if node.textLength > 0 {
                return false
            }
            sibling = Int(node.end)
        }
        return prunedText > 0
    }

    private func keptText(root: Int, excluded: [Bool]) -> Int {
        var total = 0
        var index = root
        let end = Int(dom[root].end)
        while index < end {
            let node = dom[index]
            if excluded[index] {
                index = Int(node.end)
                continue
            }
            if node.tag == .text { total += Int(node.textLength) }
            index += 1
        }
        return total
    }

    private func prune(root: Int, excluded: inout [Bool], scores: [Double], rules: Rules, measures: Measures, protected: Set<Int>) {
        let rootLength = max(1, Int(dom[root].textLength))
        var index = root + 1
        let end = Int(dom[root].end)
        while index < end {
            let node = dom[index]
            if excluded[index]
                || (node.tag != .text && !protected.contains(index)
                    && shouldPrune(index, rootLength: rootLength, scores: scores, rules: rules, measures: measures))
            {
                for inside in index..<Int(node.end) { excluded[inside] = true }
                index = Int(node.end)
                continue
            }
            index += 1
        }
    }

    private func shouldPrune(_ index: Int, rootLength: Int, scores: [Double], rules: Rules, measures: Measures) -> Bool {
        let node = dom[index]
        let prose = measures.prose
        if holdsTeasers(index, measures: measures) { return true }
        switch node.tag {
        case .h1, .form, .footer, .aside, .nav, .menu, .figcaption: return true
        // A table's caption; outside a table the element is only someone's paragraph.
        case .caption where node.parent >= 0 && dom[Int(node.parent)].tag == .table: return true
        // A figure is an image and its caption, unless it holds much more (a table, a quoted passage).
        case .figure where node.textLength < 500: return true
        // A header holds the title, byline and date, which are not body text; but a standfirst sits there too.
        case .header: return prose[index] < 100
        default: break
        }
        // A block holding most of the selection is the article, whatever its class says.
        let holdsMost = Int(node.textLength) * 2 > rootLength
        if node.hints.contains(.junk), !holdsMost { return true }
        if node.hints.contains(.hidden), node.textLength < 200 { return true }
        if node.hints.contains(.caption), node.textLength < 300, !holdsMost { return true }
        if node.hints.contains(.byline), node.textLength < 120, !holdsMost { return true }
        if node.tag.isHeading, classWeight(node, rules: rules) < 0 { return true }
        // A short paragraph that is mostly a link is a pointer elsewhere ("Auch lesen: …", "Read more: …").
        if node.tag == .p, node.textLength < 300, node.linkTextLength * 2 >= node.textLength { return true }
        guard rules.contains(.cleanConditionally), !holdsMost else { return false }
        switch node.tag {
        case .table, .ul, .ol, .div, .section, .dl:
            return failsConditionalClean(node, score: scores[index], rules: rules, prose: Int(prose[index]))
        default:
            return false
        }
    }

    /// A list of teasers: two or more teaser children holding most of the block's text.
    private func holdsTeasers(_ index: Int, measures: Measures) -> Bool {
        let total = measures.text[index]
        guard total > 0 else { return false }
        var teasers = 0
        var teaserText: Int32 = 0
        var child = index + 1
        while child < Int(dom[index].end) {
            if measures.isTeaser[child] {
                teasers += 1
                teaserText += measures.text[child]
            }
            child = Int(dom[child].end)
        }
        return teasers >= 2 && teaserText * 10 >= total * 7
    }

    /// Readability's conditional clean: blocks of links, images, or form controls rather than prose.
    private func failsConditionalClean(_ node: DOMNode, score: Double, rules: Rules, prose: Int) -> Bool {
        let weight = classWeight(node, rules: rules)
        // A block that is mostly running prose is the article's, whatever its name (a lead paragraph
        // named `teaser`), its images (a forum post with smileys) or its form controls (a recipe's
        // check boxes) say.
        if node.textLength >= 150, prose * 10 >= Int(node.textLength) * 6, node.linkDensity < 0.3 { return false }
        if weight + score < 0 { return true }
        guard node.commas < 10 else { return false }
        let isList = node.tag == .ul || node.tag == .ol || node.tag == .dl
        let paragraphs = Double(node.paragraphs)
        let images = Double(node.images)
        let listItems = Double(node.listItems) - 100
        let inputs = Double(node.inputs)
        let length = Double(node.textLength)
        let density = node.linkDensity
        // Images with little text around them: a gallery or a strip of thumbnails, not prose with pictures.
        if images > 1, paragraphs / images < 0.5, length < images * 150 { return true }
        if !isList, listItems > paragraphs { return true }
        if inputs > (paragraphs / 3).rounded(.down) { return true }
        if !isList, length < 25, images == 0 || images > 2 { return true }
        if !isList, weight < 25, density > 0.2 { return true }
        if weight >= 25, density > 0.5 { return true }
        if isList, density > 0.5 { return true }
        return false
    }
}
