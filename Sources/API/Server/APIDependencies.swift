import Engine
import Prometheus

/// What the API serves from. A route whose dependency is missing answers 503 `unavailable`.
public struct APIDependencies: Sendable {
    /// The queue: stats, pause and resume, job retry and rerun, the event stream.
    public var queue: JobQueue?
    /// Schedules.
    public var schedules: (any ScheduleAPIBackend)?
    /// Execution history.
    public var executions: (any ExecutionAPIBackend)?
    /// Where the API's own mutations are audited.
    public var audit: (any AuditSink)?
    /// What `/readyz` asks.
    public var readiness: [ReadinessCheck]
    /// Why PostgreSQL cannot be used right now (nil while it answers), as the engine's dependency
    /// monitor last saw it: schedule routes then answer 503 at once, without waiting on a database
    /// that may be hung.
    public var postgresFailure: (@Sendable () -> String?)?
    /// What `/metrics` exports.
    public var registry: PrometheusCollectorRegistry
    /// The engine's metrics; `/metrics` refreshes the queue gauges through it before each export.
    public var metrics: EngineMetrics

    /// Creates the dependencies.
    public init(
        queue: JobQueue? = nil, schedules: (any ScheduleAPIBackend)? = nil, executions: (any ExecutionAPIBackend)? = nil,
        audit: (any AuditSink)? = nil, readiness: [ReadinessCheck] = [], postgresFailure: (@Sendable () -> String?)? = nil,
        registry: PrometheusCollectorRegistry, metrics: EngineMetrics
    ) {
        self.queue = queue
        self.schedules = schedules
        self.executions = executions
        self.audit = audit
        self.readiness = readiness
        self.postgresFailure = postgresFailure
        self.registry = registry
        self.metrics = metrics
    }
}
