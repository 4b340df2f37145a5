/// Whose words a stretch of text is.
///
/// Framing statistics default to ``authorial``: an outlet that quotes a
/// politician saying "occupied lands" has not adopted the term.
public enum Voice: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    /// The outlet's own narration.
    case authorial
    /// Inside a direct quotation.
    case quoted
    /// Reported speech: "Baku says its forces have captured...", "according to the ministry...".
    case attributed
    /// Reader comments, kept apart from the article.
    case comment
    /// The headline and the standfirst (dek): the outlet's own words where framing is strongest,
    /// analysed as texts of their own and counted apart from the body. Quotations and reported
    /// speech inside a headline stay in this voice, marked distanced (mentioned, not adopted) with
    /// their speaker: they are never the outlet's own headline choice, nor the body's quotations.
    case headline

    public static func < (lhs: Voice, rhs: Voice) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Which text of an article's heading a match is in: the headline, or the standfirst (dek) under it.
/// Matches in the body or in a reader comment have none.
public enum HeadlinePart: String, Sendable, Codable, Hashable, CaseIterable {
    case headline
    case standfirst
}
