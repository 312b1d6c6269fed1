/// Queue-wide policies.
package struct QueueOptions: Sendable {
    /// How long a worker's lock on a job lasts without renewal (default 30 s).
    package var lockDuration: Duration = .seconds(30)
    /// Times a job may stall (its worker vanished) before it fails with reason `stalled` (default 1).
    package var maxStalls: Int = 1
    /// Completed jobs kept (default 1,000, `QUEUE_KEEP_COMPLETED`); -1 keeps all.
    package var keepCompleted: Int = 1_000
    /// Failed jobs kept (default 5,000, `QUEUE_KEEP_FAILED`); -1 keeps all.
    package var keepFailed: Int = 5_000
    /// Completed jobs older than this are removed (default 1 h, `QUEUE_COMPLETED_MAX_AGE`); nil keeps
    /// them regardless of age.
    package var maxAgeCompleted: Duration? = .seconds(3_600)
    /// Failed jobs older than this are removed (default 7 days, `QUEUE_FAILED_MAX_AGE`); nil keeps
    /// them regardless of age.
    package var maxAgeFailed: Duration? = .seconds(7 * 86_400)
    /// Finished jobs one retention call removes at most, per state (default 1,000): the timer makes
    /// as many calls as it takes, so no single call holds Redis for long.
    package var retentionBatch: Int = 1_000

    /// The defaults.
    package init() {}

    /// The defaults with the retention settings of `configuration`.
    package init(configuration: EngineConfiguration) {
        keepCompleted = configuration.keepCompleted
        keepFailed = configuration.keepFailed
        maxAgeCompleted = configuration.completedMaxAge
        maxAgeFailed = configuration.failedMaxAge
        lockDuration = configuration.jobLockTTL
    }
}
