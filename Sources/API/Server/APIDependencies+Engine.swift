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
        let readiness: [ReadinessCheck] = monitor.map { [.monitor($0, .redis), .monitor($0, .postgres)] } ?? [.redis(redis), .postgres(database)]
        return APIDependencies(
            queue: queue, schedules: ScheduleServiceAPIBackend(service: ScheduleService(database: database, queue: queue)),
            executions: ExecutionStoreAPIBackend(store: PostgresExecutionStore(pool: database)), audit: PostgresAuditSink(pool: database),
            readiness: readiness, registry: registry, metrics: metrics)
    }
}
