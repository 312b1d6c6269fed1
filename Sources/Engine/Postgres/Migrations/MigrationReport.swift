/// What a run of the ``MigrationRunner`` did.
public struct MigrationReport: Hashable, Sendable {
    /// The migrations this run applied, in order (empty if the schema was up to date, or another
    /// process applied them first).
    public var applied: [Migration]
    /// The schema version afterwards: the highest version recorded in the database (0 if none).
    public var version: Int

    /// A report of `applied` migrations, ending at `version`.
    public init(applied: [Migration], version: Int) {
        self.applied = applied
        self.version = version
    }
}
