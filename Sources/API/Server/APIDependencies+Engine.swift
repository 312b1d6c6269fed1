import Engine
import Prometheus

extension APIDependencies {
    /// What `crontui serve` and `crontui api` serve from: `system`, and readiness of Redis and
    /// PostgreSQL as `monitor` last saw them when given (else probed at request time).
    public static func engine(
        _ system: CronSystem, registry: PrometheusCollectorRegistry, metrics: EngineMetrics = EngineMetrics(), monitor: DependencyMonitor? = nil
    ) -> APIDependencies {
        var readiness: [ReadinessCheck] = [.redis(system), .postgres(system)]
        var postgresFailure: (@Sendable () -> String?)?
        if let monitor {
            readiness = [.monitor(monitor, .redis), .monitor(monitor, .postgres)]
            postgresFailure = { monitor.failure(.postgres) }
        }
        return APIDependencies(system: system, readiness: readiness, postgresFailure: postgresFailure, registry: registry, metrics: metrics)
    }
}
