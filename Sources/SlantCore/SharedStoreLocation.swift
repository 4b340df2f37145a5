/// `store:` naming a PostgreSQL server (`postgres://…` or `postgresql://…`) rather than an SQLite file:
/// the shared store and work queue of `slant queue`, `slant worker` and `slant report` (README,
/// "PostgreSQL: many workers, one store").
extension PipelineConfiguration {
    /// The URL of `store:` when it names a PostgreSQL server, else nil.
    public var sharedStoreURL: String? {
        let lower = store.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") ? store : nil
    }
}
