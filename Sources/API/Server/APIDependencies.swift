import Engine
import Prometheus

/// What the API serves from. A route whose dependency is missing answers 503 `unavailable`.
public struct APIDependencies: Sendable {
    /// The system behind the routes, through its façade: the queue (stats, pause and resume, job
    /// retry and rerun, the event stream), schedules, history, and the audit log of every change.
    public var system: CronSystem?
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
        system: CronSystem? = nil, readiness: [ReadinessCheck] = [], postgresFailure: (@Sendable () -> String?)? = nil,
        registry: PrometheusCollectorRegistry, metrics: EngineMetrics
    ) {
        self.system = system
        self.readiness = readiness
        self.postgresFailure = postgresFailure
        self.registry = registry
        self.metrics = metrics
    }
}
