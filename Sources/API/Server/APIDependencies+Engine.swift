import Engine
import Prometheus

extension APIDependencies {
    /// What `crontui serve` and `crontui api` serve from: schedules through the engine's
    /// `ScheduleService` (run now on `queue`), history from its execution store, the audit log,
    /// and readiness of Redis and PostgreSQL.
    public static func engine(
        queue: JobQueue, redis: RedisClient, database: PostgresPool, registry: PrometheusCollectorRegistry, metrics: EngineMetrics = EngineMetrics()
    ) -> APIDependencies {
        APIDependencies(
            queue: queue, schedules: ScheduleServiceAPIBackend(service: ScheduleService(database: database, queue: queue)),
            executions: ExecutionStoreAPIBackend(store: PostgresExecutionStore(pool: database)), audit: PostgresAuditSink(pool: database),
            readiness: [.redis(redis), .postgres(database)], registry: registry, metrics: metrics)
    }
}
