import CoreMetrics

/// What the engine reports to swift-metrics, in one place: the worker pool, the scheduler, the HTTP
/// executor and the outbox call these methods, and the app exports them (Prometheus at `/metrics`).
///
/// Handles come from the given factory, or else from the process-wide metrics system as it is at the
/// time of each call (so a default value made before bootstrapping still reports); without a
/// bootstrapped system they go nowhere. A test gives its own factory so its figures are its own.
///
/// ```swift
/// let metrics = EngineMetrics(factory: PrometheusMetricsFactory(registry: registry))
/// metrics.attemptFinished(queue: "default", outcome: .completed, duration: .milliseconds(120))
/// ```
public struct EngineMetrics: Sendable {
    /// How an attempt ended, as the job metrics count it.
    public enum AttemptOutcome: String, Sendable, CaseIterable {
        /// The job completed.
        case completed
        /// The job failed for good.
        case failed
        /// The attempt failed and the job runs again.
        case retrying
    }

    private let fixedFactory: (any MetricsFactory)?

    /// Metrics made by `factory`; nil: by the process-wide metrics system.
    public init(factory: (any MetricsFactory)? = nil) {
        self.fixedFactory = factory
    }

    /// Where handles come from.
    public var factory: any MetricsFactory { fixedFactory ?? MetricsSystem.factory }

    // MARK: - Queue

    /// Sets the queue gauges from one read of the queue's figures.
    public func record(queue: String, waiting: Int, active: Int, delayed: Int, completed: Int, failed: Int, paused: Bool, oldestWaiting: Duration?) {
        let states = [("waiting", waiting), ("active", active), ("delayed", delayed), ("completed", completed), ("failed", failed)]
        for (state, count) in states {
            Gauge(label: EngineMetricNames.queueJobs, dimensions: [("queue", queue), ("state", state)], factory: factory).record(count)
        }
        Gauge(label: EngineMetricNames.queuePaused, dimensions: [("queue", queue)], factory: factory).record(paused ? 1 : 0)
        let oldest = oldestWaiting.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? 0
        Gauge(label: EngineMetricNames.queueOldestWaiting, dimensions: [("queue", queue)], factory: factory).record(oldest)
    }

    /// Retention removed `completed` and `failed` finished jobs from `queue`.
    public func jobsRemoved(queue: String, completed: Int, failed: Int) {
        for (state, count) in [("completed", completed), ("failed", failed)] where count > 0 {
            Counter(label: EngineMetricNames.queueJobsRemoved, dimensions: [("queue", queue), ("state", state)], factory: factory)
                .increment(by: count)
        }
    }

    // MARK: - Workers

    /// An attempt started.
    public func attemptStarted(queue: String) {
        Counter(label: EngineMetricNames.attempts, dimensions: [("queue", queue)], factory: factory).increment()
    }

    /// An attempt ended with `outcome` after `duration`.
    public func attemptFinished(queue: String, outcome: AttemptOutcome, duration: Duration) {
        let counter: String
        switch outcome {
        case .completed: counter = EngineMetricNames.jobsCompleted
        case .failed: counter = EngineMetricNames.jobsFailed
        case .retrying: counter = EngineMetricNames.jobsRetried
        }
        Counter(label: counter, dimensions: [("queue", queue)], factory: factory).increment()
        Timer(label: EngineMetricNames.jobDuration, dimensions: [("queue", queue), ("outcome", outcome.rawValue)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    /// An attempt failed with the class `kind` (nil: the handler did not say; counted as `other`).
    public func attemptFailed(queue: String, kind: ExecutionErrorKind?) {
        Counter(
            label: EngineMetricNames.attemptFailures, dimensions: [("queue", queue), ("class", (kind ?? .other).rawValue)], factory: factory
        ).increment()
    }

    /// The stalled-job check returned `recovered` jobs to waiting and failed `failed`.
    public func stalledRecovered(queue: String, recovered: Int, failed: Int) {
        if recovered > 0 {
            Counter(label: EngineMetricNames.stalledRecoveries, dimensions: [("queue", queue), ("result", "recovered")], factory: factory)
                .increment(by: recovered)
        }
        if failed > 0 {
            Counter(label: EngineMetricNames.stalledRecoveries, dimensions: [("queue", queue), ("result", "failed")], factory: factory)
                .increment(by: failed)
        }
    }

    // MARK: - Scheduler

    /// `count` fires of `schedule` (its name) on `queue` were enqueued `lag` after their slot.
    public func fired(schedule: String, queue: String, lag: Duration, count: Int = 1) {
        let timer = Timer(label: EngineMetricNames.fireLag, dimensions: Self.fire(schedule, queue), factory: factory)
        let nanoseconds = Self.nanoseconds(max(.zero, lag))
        for _ in 0..<max(0, count) { timer.recordNanoseconds(nanoseconds) }
    }

    /// `count` slots of `schedule` on `queue` were missed (the scheduler was away).
    public func firesMissed(schedule: String, queue: String, _ count: Int = 1) {
        Counter(label: EngineMetricNames.firesMissed, dimensions: Self.fire(schedule, queue), factory: factory).increment(by: count)
    }

    /// `count` slots of `schedule` on `queue` were skipped (the previous run was unfinished).
    public func firesSkipped(schedule: String, queue: String, _ count: Int = 1) {
        Counter(label: EngineMetricNames.firesSkipped, dimensions: Self.fire(schedule, queue), factory: factory).increment(by: count)
    }

    /// `count` enqueued slots written to the ledger from `queue`'s buffer had been enqueued by
    /// another scheduler instance too (see ``EngineMetricNames/firesDoubled``).
    public func firesDoubled(queue: String, _ count: Int) {
        Counter(label: EngineMetricNames.firesDoubled, dimensions: [("queue", queue)], factory: factory).increment(by: count)
    }

    /// Drops the fire series of `schedule` on `queue` (it was deleted or paused): the cardinality
    /// follows the schedules that fire.
    public func forgetSchedule(_ schedule: String, queue: String) {
        let dimensions = Self.fire(schedule, queue)
        Timer(label: EngineMetricNames.fireLag, dimensions: dimensions, factory: factory).destroy()
        Counter(label: EngineMetricNames.firesMissed, dimensions: dimensions, factory: factory).destroy()
        Counter(label: EngineMetricNames.firesSkipped, dimensions: dimensions, factory: factory).destroy()
        for status in ["1xx", "2xx", "3xx", "4xx", "5xx", "error"] {
            Counter(label: EngineMetricNames.httpResponses, dimensions: dimensions + [("class", status)], factory: factory).destroy()
        }
    }

    private static func fire(_ schedule: String, _ queue: String) -> [(String, String)] {
        [("schedule", schedule), ("queue", queue)]
    }

    /// Fire lag buckets, 1 ms to 10 s.
    public static let fireLagBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
    ]

    /// This process's scheduler of `queue` became (`true`) or stopped being (`false`) its leader.
    public func leadership(_ leading: Bool, queue: String) {
        Counter(label: EngineMetricNames.leaderChanges, dimensions: [("queue", queue)], factory: factory).increment()
        Gauge(label: EngineMetricNames.leader, dimensions: [("queue", queue)], factory: factory).record(leading ? 1 : 0)
    }

    // MARK: - Executor and outbox

    /// A target answered `status` (nil: no response: a timeout, a connection or DNS error).
    public func httpResponse(schedule: String?, queue: String, status: Int?) {
        Counter(
            label: EngineMetricNames.httpResponses,
            dimensions: [("schedule", schedule ?? ""), ("queue", queue), ("class", Self.statusClass(status))],
            factory: factory
        ).increment()
    }

    /// `dependency` (`redis`, `postgres`) answers (`true`) or not.
    public func dependency(_ dependency: String, up: Bool) {
        Gauge(label: EngineMetricNames.dependencyUp, dimensions: [("dependency", dependency)], factory: factory).record(up ? 1 : 0)
    }

    /// The bounded buffer of `queue` whose size gauge is `gauge` holds `count` entries (see
    /// ``BoundedBufferMonitor``).
    public func bufferSize(gauge: String, queue: String, _ count: Int) {
        Gauge(label: gauge, dimensions: [("queue", queue)], factory: factory).record(count)
    }

    /// `count` entries were dropped from a full bounded buffer of `queue`, counted by `counter`.
    public func bufferDropped(counter: String, queue: String, _ count: Int) {
        guard count > 0 else { return }
        Counter(label: counter, dimensions: [("queue", queue)], factory: factory).increment(by: count)
    }

    // MARK: - History retention

    /// History retention deleted `count` rows of `table`.
    public func rowsDeleted(table: String, _ count: Int) {
        guard count > 0 else { return }
        Counter(label: EngineMetricNames.retentionRowsDeleted, dimensions: [("table", table)], factory: factory).increment(by: count)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// `1xx` to `5xx`, or `error` for no response or a status outside 100-599.
    public static func statusClass(_ status: Int?) -> String {
        guard let status, (200...599).contains(status) else { return status.map { (100...199).contains($0) ? "1xx" : "error" } ?? "error" }
        return "\(status / 100)xx"
    }
}
