import CoreMetrics
import Engine
import Prometheus
import Synchronization

/// The process's Prometheus registry, bootstrapped into swift-metrics once: every `Counter`,
/// `Timer` and `Gauge` made afterwards (the engine's, Hummingbird's) is exported at `/metrics`.
public enum PrometheusMetrics {
    private static let bootstrapped = Mutex<PrometheusCollectorRegistry?>(nil)

    /// The registry, bootstrapping the metrics system on the first call.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        bootstrapped.withLock { registry in
            if let registry { return registry }
            let made = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: made)
            factory.defaultDurationHistogramBuckets = [
                .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
            ]
            factory.durationHistogramBuckets[EngineMetricNames.fireLag] = EngineMetrics.fireLagBuckets
            MetricsSystem.bootstrap(factory)
            registry = made
            return made
        }
    }
}
