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

    public static func < (lhs: Voice, rhs: Voice) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
