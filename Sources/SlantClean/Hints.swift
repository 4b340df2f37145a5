/// What the words in an element's `class` and `id` say about it.
///
/// Sites name their blocks in a shared vocabulary (`article-body`, `related-posts`,
/// `share-buttons`, `comment-list`); these hints are general rules, never keyed
/// to one site.
struct Hints: OptionSet, Hashable {
    let rawValue: UInt32

    /// Probably not the article: navigation, sidebars, banners, comments, pagination.
    static let unlikely = Hints(rawValue: 1 << 0)
    /// Overrides `unlikely` for containers that may hold the article (`content`, `main`, `article`).
    static let maybeArticle = Hints(rawValue: 1 << 1)
    /// Positive evidence of article text (`article`, `entry`, `story`, `post-body`).
    static let positive = Hints(rawValue: 1 << 2)
    /// Negative evidence (`share`, `related`, `promo`, `widget`, `meta`).
    static let negative = Hints(rawValue: 1 << 3)
    /// Blocks that are never article text, wherever they sit: share bars, related boxes, ads, newsletters.
    static let junk = Hints(rawValue: 1 << 4)
    /// Reader comment areas and items.
    static let comment = Hints(rawValue: 1 << 5)
    /// The author of a comment (or a byline).
    static let author = Hints(rawValue: 1 << 6)
    /// The text of a comment.
    static let commentText = Hints(rawValue: 1 << 7)
    /// A byline (`byline`, `author`).
    static let byline = Hints(rawValue: 1 << 8)
    /// Hidden blocks (`hidden`, `sr-only`, `visually-hidden`).
    static let hidden = Hints(rawValue: 1 << 9)
    /// Captions and credits.
    static let caption = Hints(rawValue: 1 << 10)
    /// Comment metadata: dates, reply links, votes.
    static let commentMeta = Hints(rawValue: 1 << 11)
    /// A standfirst: the lead paragraph before the body (`lead`, `intro`, `excerpt`, `standfirst`, `dek`).
    static let lead = Hints(rawValue: 1 << 12)

    /// The vocabulary: each pattern is matched as a substring of the lower-cased
    /// `class` and `id` text, padded with a space at each end so that a pattern
    /// with spaces (` ad `) matches whole words only.
    static let vocabulary: [(String, Hints)] = [
        // Unlikely candidates (after Mozilla Readability's list).
        ("-ad-", [.unlikely, .negative]), ("ai2html", .unlikely), ("banner", [.unlikely, .negative]),
        ("breadcrumb", [.unlikely, .junk]), ("combx", .unlikely), ("comment", [.unlikely, .negative, .comment]),
        ("community", .unlikely), ("cover-wrap", .unlikely), ("disqus", [.unlikely, .comment]),
        ("extra", .unlikely), ("footer", [.unlikely, .negative]), ("gdpr", [.unlikely, .junk]),
        ("header", .unlikely), ("legends", .unlikely), ("menu", [.unlikely, .junk]),
        ("related", [.unlikely, .negative, .junk]), ("remark", .unlikely), ("replies", [.unlikely, .comment]),
        ("rss", .unlikely), ("shoutbox", .unlikely), ("sidebar", [.unlikely, .negative]),
        ("skyscraper", .unlikely), ("social", [.unlikely, .junk]), ("sponsor", [.unlikely, .negative, .junk]),
        ("supplemental", .unlikely), ("ad-break", .unlikely), ("agegate", .unlikely),
        ("pagination", .unlikely), ("pager", .unlikely), ("popup", [.unlikely, .junk]),
        ("yom-remote", .unlikely), ("cookie", [.unlikely, .junk]), ("newsletter", [.unlikely, .junk]),
        ("subscribe", [.unlikely, .junk]), ("signup", [.unlikely, .junk]), ("donat", [.unlikely, .junk]),
        ("wpdiscuz", [.unlikely, .comment]), ("wpdcom", [.unlikely, .comment]), ("wpd-", .comment),
        // Containers that may hold the article.
        ("and", .maybeArticle), ("article", [.maybeArticle, .positive]), ("body", [.maybeArticle, .positive]),
        ("column", .maybeArticle), ("content", [.maybeArticle, .positive]), ("main", [.maybeArticle, .positive]),
        ("shadow", .maybeArticle),
        // Positive.
        ("entry", .positive), ("hentry", .positive), ("h-entry", .positive), ("page", .positive),
        ("post", .positive), ("text", .positive), ("blog", .positive), ("story", .positive),
        // Negative.
        (" hidden ", [.negative, .hidden]), ("is-hidden", [.negative, .hidden]), (" d-none ", .hidden), (" hid ", .negative), ("com-", .negative), ("contact", .negative),
        ("foot", .negative), ("footnote", .negative), ("masthead", .negative), ("media", .negative),
        ("meta", .negative), ("outbrain", [.negative, .junk]), ("taboola", [.negative, .junk]),
        ("promo", [.negative, .junk]), ("scroll", .negative), ("share", [.negative, .junk]),
        ("sharing", [.negative, .junk]), ("shopping", .negative), ("tags", .negative), ("tool", .negative),
        ("widget", .negative), ("recommend", [.negative, .junk]), ("read-more", .negative),
        ("readmore", .negative), ("more-stories", [.negative, .junk]), ("most-read", [.negative, .junk]),
        ("mostread", [.negative, .junk]), ("most-popular", [.negative, .junk]), ("trending", [.negative, .junk]),
        ("advert", [.negative, .junk]), (" ad ", [.negative, .junk]), (" ads ", [.negative, .junk]),
        ("-ads", [.negative, .junk]), ("ad-slot", [.negative, .junk]), ("adslot", [.negative, .junk]),
        ("dfp", [.negative, .junk]), ("byline", [.negative, .byline]), ("author", [.negative, .author, .byline]),
        ("sr-only", .hidden), ("visually-hidden", .hidden), ("screen-reader", .hidden),
        ("caption", .caption), ("credit", .caption), ("legend", .caption),
        ("consent", [.negative, .junk]), ("disclaimer", [.negative, .junk]), ("disclosure", [.negative, .junk]),
        ("rating", [.negative, .junk]), ("crumb", [.unlikely, .junk]), (" toc ", [.negative, .junk]),
        ("toc_", [.negative, .junk]), ("toc-", [.negative, .junk]), ("popular", [.negative, .junk]),
        ("kommentar", [.unlikely, .negative, .comment]), ("forum", [.unlikely, .negative, .comment]), ("notice", .negative), ("print", .negative), (" nav ", .negative), ("nav-", .negative), ("-nav", .negative), ("_nav", .negative),
        ("navbar", .negative), ("navigation", .negative),
        ("follow", [.negative, .junk]), ("you-may", [.negative, .junk]), ("also-like", [.negative, .junk]),
        ("more-from", [.negative, .junk]), ("author-box", [.negative, .junk]), ("authorbox", [.negative, .junk]),
        ("author-bio", [.negative, .junk]), ("authorbio", [.negative, .junk]), ("about-author", [.negative, .junk]),
        ("post-author", [.negative, .junk]), ("author-info", [.negative, .junk]), ("autor", [.negative, .byline]),
        ("autorbox", [.negative, .junk]), ("autoren", [.negative, .junk]), ("auteur", [.negative, .byline]),
        ("reading-time", [.negative, .junk]), ("readingtime", [.negative, .junk]), ("read-time", [.negative, .junk]),
        ("-cta", [.negative, .junk]), ("cta-", [.negative, .junk]), (" cta ", [.negative, .junk]),
        ("copyright", [.negative, .junk]), ("licence", [.negative, .junk]), ("license", [.negative, .junk]), ("teaser", [.negative, .lead]), (" lead ", .lead), ("-lead", .lead), ("lead-", .lead), ("_lead", .lead),
        ("intro", .lead), ("excerpt", .lead), ("standfirst", .lead), (" dek ", .lead), ("-dek", .lead), ("deck", .lead),
        ("summary", .lead), ("abstract", .lead), ("chapo", .lead), ("bajada", .lead), ("subtitle", .lead),
        ("subheadline", .lead), ("sub-headline", .lead), ("subhead", .lead), ("anriss", .lead), ("vorspann", .lead),
        ("description", .lead), ("entradilla", .lead), ("sommario", .lead), ("chapeau", .lead), ("breaking", .negative), ("ticker", .negative),
        // Comment structure.
        ("respond", .comment), ("discussion", .comment), (" fn ", .author), ("username", .author),
        ("user-name", .author), ("nickname", .author), ("commenter", .author), ("poster", .author),
        ("comment-content", .commentText), ("comment-text", .commentText), ("comment-body", .commentText),
        ("comment_content", .commentText), ("comment_text", .commentText), ("commenttext", .commentText),
        ("post-message", .commentText), ("comment-message", .commentText), (" message ", .commentText),
        ("comment-meta", .commentMeta), ("commentmeta", .commentMeta), ("comment-date", .commentMeta),
        ("reply", .commentMeta), ("vote", .commentMeta), ("says", .commentMeta), ("last-edit", .commentMeta),
        ("post-meta", .commentMeta), ("wpd-comment-footer", .commentMeta), ("wpd-comment-header", .commentMeta),
        ("wpd-comment-last-edited", .commentMeta),
    ]

    /// The compiled matcher for ``vocabulary``.
    static let matcher = KeywordMatcher(vocabulary.map { (Array($0.0.utf8), $0.1.rawValue) })

    /// The hints in a `class` or `id` value.
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> Hints {
        Hints(rawValue: matcher.flags(in: bytes))
    }
}

/// A multi-pattern substring matcher (Aho–Corasick over a small byte alphabet).
///
/// Input is lower-cased; every byte outside `a–z`, `0–9`, `-` and `_` counts as a
/// space, and the text is padded with one space at each end. One pass over the
/// text finds every pattern, whatever the number of patterns.
struct KeywordMatcher: Sendable {
    private static let alphabetSize = 39
    /// Next state for (state, symbol), with failure links already folded in.
    private var transitions: [Int32]
    /// Flags of every pattern that ends in a state (including through failure links).
    private var output: [UInt32]

    init(_ patterns: [([UInt8], UInt32)]) {
        var goto: [[Int32]] = [Array(repeating: -1, count: Self.alphabetSize)]
        var output: [UInt32] = [0]
        for (pattern, flags) in patterns {
            var state = 0
            for byte in pattern {
                let symbol = Int(Self.symbol(byte))
                if goto[state][symbol] < 0 {
                    goto.append(Array(repeating: -1, count: Self.alphabetSize))
                    output.append(0)
                    goto[state][symbol] = Int32(goto.count - 1)
                }
                state = Int(goto[state][symbol])
            }
            output[state] |= flags
        }
        var failure = Array(repeating: 0, count: goto.count)
        var queue: [Int] = []
        for symbol in 0..<Self.alphabetSize {
            let next = goto[0][symbol]
            if next < 0 {
                goto[0][symbol] = 0
            } else {
                failure[Int(next)] = 0
                queue.append(Int(next))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            output[state] |= output[failure[state]]
            for symbol in 0..<Self.alphabetSize {
                let next = goto[state][symbol]
                if next < 0 {
                    goto[state][symbol] = goto[failure[state]][symbol]
                } else {
                    failure[Int(next)] = Int(goto[failure[state]][symbol])
                    queue.append(Int(next))
                }
            }
        }
        transitions = goto.flatMap { $0 }
        self.output = output
    }

    @inline(__always)
    private static func symbol(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 1
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A") + 1
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 27
        case UInt8(ascii: "-"): 37
        case UInt8(ascii: "_"): 38
        default: 0
        }
    }

    /// The union of the flags of every pattern found in `text`.
    func flags(in text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var state = Int(transitions[0])
        var found = output[state]
        for byte in text {
            state = Int(transitions[state * Self.alphabetSize + Int(Self.symbol(byte))])
            found |= output[state]
        }
        state = Int(transitions[state * Self.alphabetSize])
        return found | output[state]
    }
}
