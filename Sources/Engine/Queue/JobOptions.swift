/// Per-job policies: how many attempts, how long between them, how long one may run.
public struct JobOptions: Sendable, Equatable {
    /// Attempts in all, the first included (default 3).
    public var attempts: Int
    /// Delay between attempts (default exponential from 1 s).
    public var backoff: Backoff
    /// An attempt running longer is cancelled and counts as failed; nil for no limit.
    public var timeout: Duration?

    /// Creates options; the defaults are 3 attempts, ``Backoff/standard`` and no timeout.
    public init(attempts: Int = 3, backoff: Backoff = .standard, timeout: Duration? = nil) {
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.timeout = timeout
    }
}
