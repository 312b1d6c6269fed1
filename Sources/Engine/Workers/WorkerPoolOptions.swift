/// How a ``WorkerPool`` runs.
package struct WorkerPoolOptions: Sendable {
    /// Jobs run at once (default 5, `WORKER_CONCURRENCY`).
    package var concurrency: Int = 5
    /// This pool's name in job records and logs: `host:pid:random` by default.
    package var workerID: String = WorkerPoolOptions.defaultWorkerID()
    /// On ``WorkerPool/stop()``, how long in-flight jobs may still run before they are cancelled and
    /// handed back to the queue (default 30 s).
    package var gracePeriod: Duration = .seconds(30)
    /// How often the pool looks for jobs whose worker vanished (default 5 s).
    package var stalledCheckInterval: Duration = .seconds(5)
    /// How often retention runs even when no job finishes (default 60 s): finished jobs past their
    /// age or count limits (``QueueOptions``) are removed in batches.
    package var cleanInterval: Duration = .seconds(60)
    /// The pause between two retention batches of one run (default 20 ms), so a large backlog never
    /// holds Redis for long.
    package var retentionPause: Duration = .milliseconds(20)
    /// How often the pool announces itself to `crontui stats` (default 5 s); it counts as alive for
    /// three intervals.
    package var heartbeatInterval: Duration = .seconds(5)
    /// The longest an idle fetcher blocks before it looks again (default 1 s).
    package var maxIdleBlock: Duration = .seconds(1)
    /// Decides whether a failed attempt may be retried. By default a ``JobFailure`` says so itself and
    /// any other error is retryable.
    package var isRetryable: @Sendable (any Error) -> Bool = { error in
        (error as? JobFailure)?.retryable ?? true
    }

    /// Told the ids of the jobs this pool's stalled check failed for good, their worker having
    /// vanished too often (see ``QueueOptions/maxStalls``); the engine closes their last attempt in
    /// the history with it.
    package var onStalledFailure: (@Sendable ([String]) async -> Void)?

    /// Where attempts, outcomes, durations and stalled recoveries are counted (the process-wide
    /// metrics system by default).
    package var metrics = EngineMetrics()

    /// The defaults.
    package init() {}

    /// `host:pid:xxxx`.
    package static func defaultWorkerID() -> String {
        InstanceID.make()
    }
}
