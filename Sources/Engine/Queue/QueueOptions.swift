/// Queue-wide policies.
public struct QueueOptions: Sendable {
    /// How long a worker's lock on a job lasts without renewal (default 30 s).
    public var lockDuration: Duration = .seconds(30)
    /// Times a job may stall (its worker vanished) before it fails with reason `stalled` (default 1).
    public var maxStalls: Int = 1
    /// Completed jobs kept (default 1,000); -1 keeps all.
    public var keepCompleted: Int = 1_000
    /// Failed jobs kept (default 5,000); -1 keeps all.
    public var keepFailed: Int = 5_000
    /// Completed jobs older than this are removed; nil keeps them regardless of age.
    public var maxAgeCompleted: Duration?
    /// Failed jobs older than this are removed; nil keeps them regardless of age.
    public var maxAgeFailed: Duration?

    /// The defaults.
    public init() {}
}
