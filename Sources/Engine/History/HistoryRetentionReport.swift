/// What one sweep of ``HistoryRetention`` did.
public struct HistoryRetentionReport: Sendable, Equatable {
    /// Rows deleted, by table (`executions`, `fires`, `audit`).
    public var deleted: [String: Int] = [:]
    /// Delete statements run, by table.
    public var statements: [String: Int] = [:]
    /// False when the sweep stopped, or never started, because this process did not lead.
    public var completed = true

    /// An empty report.
    public init() {}

    /// Rows deleted in all tables.
    public var total: Int { deleted.values.reduce(0, +) }
}
