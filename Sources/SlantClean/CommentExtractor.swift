import SlantCore

/// Finds reader comments and their authors, apart from the article.
///
/// Works on the shared structure of comment systems (WordPress comment lists,
/// wpDiscuz, Disqus-style threads and their kin): a comment area named as such
/// in `class`/`id`; in it, each comment holds an author element (`fn`,
/// `comment-author`, `username`, ...) followed by its text (`comment-content`,
/// `post-message`, ... or plain paragraphs); replies nest inside the comment
/// they answer, after its text. Metadata (dates, reply links, votes) is left out.
struct CommentExtractor {
    let dom: DOMIndex

    func comments() -> [Comment] {
        let regions = commentRegions()
        guard !regions.isEmpty else { return [] }
        let emitter = BlockEmitter(dom: dom)
        var comments: [Comment] = []
        for region in regions {
            var itemsSeen = Set<Int>()
            var authorIndex = region
            let regionEnd = Int(dom[region].end)
            var authors: [Int] = []
            while authorIndex < regionEnd {
                let node = dom[authorIndex]
                if node.flags.contains(.dropped) || node.tag == .form {
                    authorIndex = Int(node.end)
                    continue
                }
                if node.tag != .text, isAuthorElement(node), node.textLength > 0 {
                    authors.append(authorIndex)
                    authorIndex = Int(node.end)
                    continue
                }
                authorIndex += 1
            }
            // Whether the comment system marks comment text apart from the author (a `comment-body`
            // that wraps the author too does not count).
            let markedText = (region..<regionEnd).contains { index in
                dom[index].tag != .text && dom[index].hints.contains(.commentText)
                    && !authors.contains { dom.isInside($0, index) }
            }
            for (position, author) in authors.enumerated() {
                let nextAuthor = position + 1 < authors.count ? authors[position + 1] : regionEnd
                guard let item = commentItem(for: author, region: region, nextAuthor: nextAuthor, markedText: markedText),
                    itemsSeen.insert(item).inserted
                else { continue }
                let text = commentText(item: item, author: author, nextAuthor: nextAuthor, emitter: emitter)
                guard !text.isEmpty else { continue }
                comments.append(Comment(author: authorName(author), text: text))
            }
        }
        return comments
    }

    /// The outermost elements named as comment areas.
    private func commentRegions() -> [Int] {
        var regions: [Int] = []
        var index = 0
        while index < dom.count {
            let node = dom[index]
            if node.tag != .text, !node.flags.contains(.dropped), node.hints.contains(.comment), node.textLength > 0,
                !node.hints.contains(.commentMeta) || node.hints.contains(.commentText) == false
            {
                if containsAuthor(index) {
                    regions.append(index)
                    index = Int(node.end)
                    continue
                }
            }
            index += 1
        }
        return regions
    }

    private func containsAuthor(_ region: Int) -> Bool {
        for index in (region + 1)..<Int(dom[region].end) where isAuthorElement(dom[index]) { return true }
        return false
    }

    private func isAuthorElement(_ node: DOMNode) -> Bool {
        guard node.tag != .text, node.textLength > 0, node.textLength < 120 else { return false }
        if node.hints.contains(.commentText) { return false }
        if node.hints.contains(.author) { return true }
        return false
    }

    /// The element that holds one comment: the nearest ancestor of its author that also holds its text
    /// (an element marked as comment text when the comment system marks them, else plain text that is
    /// not a link, such as an "in reply to" label).
    private func commentItem(for author: Int, region: Int, nextAuthor: Int, markedText: Bool) -> Int? {
        var candidate = Int(dom[author].parent)
        while candidate >= region {
            if hasText(after: author, in: candidate, before: nextAuthor, marked: markedText) { return candidate }
            if candidate == region { break }
            candidate = Int(dom[candidate].parent)
        }
        return nil
    }

    private func hasText(after author: Int, in container: Int, before nextAuthor: Int, marked: Bool) -> Bool {
        var index = Int(dom[author].end)
        let end = min(Int(dom[container].end), nextAuthor)
        while index < end {
            let node = dom[index]
            if node.flags.contains(.dropped) || isMetadata(node) {
                index = Int(node.end)
                continue
            }
            if marked {
                if node.tag != .text, node.hints.contains(.commentText), node.textLength > 0 { return true }
            } else if node.tag == .text, node.textLength > 1, !node.flags.contains(.inLink) {
                return true
            }
            index += 1
        }
        return false
    }

    private func isMetadata(_ node: DOMNode) -> Bool {
        node.tag != .text && (node.hints.contains(.commentMeta) || node.tag == .form || node.tag == .time)
            && !node.hints.contains(.commentText)
    }

    /// The comment's paragraphs: its text element if it has one, else the text between its author and the
    /// next comment, leaving out metadata.
    private func commentText(item: Int, author: Int, nextAuthor: Int, emitter: BlockEmitter) -> String {
        let end = min(Int(dom[item].end), nextAuthor)
        var index = Int(dom[author].end)
        while index < end {
            let node = dom[index]
            if node.tag != .text, node.hints.contains(.commentText), !node.flags.contains(.dropped) {
                var excluded = [Bool](repeating: false, count: dom.count)
                markMetadata(in: index, excluded: &excluded)
                return emitter.blocks(roots: [index], excluded: excluded).map(\.1).joined(separator: "\n\n")
            }
            index += 1
        }
        var excluded = [Bool](repeating: false, count: dom.count)
        for inside in author..<Int(dom[author].end) { excluded[inside] = true }
        if nextAuthor < Int(dom[item].end) {
            for inside in nextAuthor..<Int(dom[item].end) { excluded[inside] = true }
        }
        for inside in item..<author where !dom.isInside(author, inside) { excluded[inside] = true }
        markMetadata(in: item, excluded: &excluded)
        // Leave out the nested reply that the next author opens, whatever element encloses it.
        if nextAuthor < Int(dom[item].end) {
            var enclosing = Int(dom[nextAuthor].parent)
            while enclosing > item, Int(dom[enclosing].parent) > item, !dom.isInside(author, Int(dom[enclosing].parent)) {
                enclosing = Int(dom[enclosing].parent)
            }
            if enclosing > item, !dom.isInside(author, enclosing) {
                for inside in enclosing..<Int(dom[enclosing].end) { excluded[inside] = true }
            }
        }
        return emitter.blocks(roots: [item], excluded: excluded).map(\.1).joined(separator: "\n\n")
    }

    private func markMetadata(in root: Int, excluded: inout [Bool]) {
        var index = root + 1
        while index < Int(dom[root].end) {
            let node = dom[index]
            if isMetadata(node) || (node.tag == .a && node.textLength < 30 && node.hints.contains(.commentMeta)) {
                for inside in index..<Int(node.end) { excluded[inside] = true }
                index = Int(node.end)
                continue
            }
            index += 1
        }
    }

    /// The author's name, without "said:"/"says:" and the like.
    private func authorName(_ author: Int) -> String? {
        var excluded = [Bool](repeating: false, count: dom.count)
        markMetadata(in: author, excluded: &excluded)
        var name = BlockEmitter(dom: dom).text(of: author, excluded: excluded)
        for suffix in [" said:", " says:", " said", " says", " wrote:", ":"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        name = TextNormalizer.collapsedWhitespace(name)
        return name.isEmpty ? nil : name
    }
}
