/// How ``HistoryRetention`` runs.
public struct HistoryRetentionOptions: Sendable {
    /// Attempts and fire-ledger rows older than this are deleted (default 30 days,
    /// `HISTORY_RETENTION`); nil keeps them.
    public var history: Duration? = .seconds(30 * 86_400)
    /// Audit rows older than this are deleted (default 365 days, `AUDIT_RETENTION`); nil keeps them.
    public var audit: Duration? = .seconds(365 * 86_400)
    /// Rows one statement deletes at most (default 1,000), so no statement holds locks for long.
    public var batchSize = 1_000
    /// The pause between two statements (default 100 ms), so retention leaves room for the writes
    /// of the workers and the scheduler.
    public var batchPause: Duration = .milliseconds(100)
    /// How long after start the first sweep runs (default 1 min: after leadership has settled).
    public var initialDelay: Duration = .seconds(60)
    /// How often a sweep runs after that (default 10 min).
    public var interval: Duration = .seconds(600)
    /// Where rows deleted are counted.
    public var metrics = EngineMetrics()

    /// The defaults.
    public init() {}

    /// The defaults with `HISTORY_RETENTION` and `AUDIT_RETENTION` from `configuration`.
    public init(configuration: EngineConfiguration) {
        history = configuration.historyRetention
        audit = configuration.auditRetention
    }
}
