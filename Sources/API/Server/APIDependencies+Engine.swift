import Engine
import Prometheus

extension APIDependencies {
    /// What `crontui serve` and `crontui api` serve from: schedules through the engine's
    /// `ScheduleService` (run now on `queue`), history from its execution store, the audit log,
    /// and readiness of Redis and PostgreSQL (as `monitor` last saw them, when given; else probed).
    public static func engine(
        queue: JobQueue, redis: RedisClient, database: PostgresPool, registry: PrometheusCollectorRegistry, metrics: EngineMetrics = EngineMetrics(),
        monitor: DependencyMonitor? = nil
    ) -> APIDependencies {
        var readiness: [ReadinessCheck] = [.redis(redis), .postgres(database)]
        var postgresFailure: (@Sendable () -> String?)?
        if let monitor {
            readiness = [.monitor(monitor, .redis), .monitor(monitor, .postgres)]
            postgresFailure = { monitor.failure(.postgres) }
        }
        return APIDependencies(
            queue: queue, schedules: ScheduleServiceAPIBackend(service: ScheduleService(database: database, queue: queue)),
            executions: ExecutionStoreAPIBackend(store: PostgresExecutionStore(pool: database)), audit: PostgresAuditSink(pool: database),
            readiness: readiness, postgresFailure: postgresFailure, registry: registry, metrics: metrics)
    }
}
