import API
import Engine
import Foundation
import Prometheus
import TestSupport
import Testing

/// `/healthz`, `/readyz`, and `/metrics` moving when a worker pool runs jobs.
@Suite(.enabled(if: TestServices.enabled))
struct MetricsAndHealthTests {
    /// Checks every line is Prometheus text: a comment, or `name{labels} value`.
    static func samples(_ text: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") { continue }
            let parts = line.split(separator: " ")
            #expect(parts.count == 2, "not a sample line: \(line)")
            let name = parts[0]
            let metric = name.prefix { $0 != "{" }
            #expect(metric.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }, "bad metric name: \(line)")
            if name.contains("{") { #expect(name.hasSuffix("}"), "bad labels: \(line)") }
            guard parts.count == 2, let value = Double(parts[1]) ?? (parts[1] == "+Inf" ? .infinity : nil) else {
                Issue.record("bad value: \(line)")
                continue
            }
            out[String(name)] = value
        }
        return out
    }

    @Test func countersMoveWhenJobsRun() async throws {
        let queue = try QueueFixture()
        let system = try queue.system()
        let registry = PrometheusCollectorRegistry()
        let metrics = EngineMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let server = try await APIFixture.start { _ in
            APIDependencies(system: system, readiness: [.redis(system)], registry: registry, metrics: metrics)
        }
        defer {
            Task {
                await server.stop()
                await queue.tearDown()
            }
        }
        let name = queue.queue.name

        var options = WorkerPoolOptions()
        options.concurrency = 2
        options.metrics = metrics
        options.isRetryable = { _ in false }
        let pool = WorkerPool(queue: queue.queue, options: options) { active in
            if active.job.id.hasPrefix("bad") { throw JobFailure("no", retryable: false) }
        }
        let running = Task { await pool.run() }
        try await queue.queue.enqueue([
            NewJob(id: "ok-1", payload: []), NewJob(id: "ok-2", payload: []), NewJob(id: "bad-1", payload: [], options: JobOptions(attempts: 1)),
        ])
        let done = try await QueueFixture.eventually {
            let s = try await queue.queue.stats()
            return s.completed == 2 && s.failed == 1
        }
        #expect(done)
        pool.stop()
        await running.value

        let response = try await server.request("GET", "/metrics")
        #expect(response.status == 200)
        #expect(response.headers["content-type"]?.hasPrefix("text/plain") == true)
        let samples = Self.samples(response.text)
        #expect(samples["crontui_jobs_completed_total{queue=\"\(name)\"}"] == 2)
        #expect(samples["crontui_jobs_failed_total{queue=\"\(name)\"}"] == 1)
        #expect(samples["crontui_job_attempts_total{queue=\"\(name)\"}"] == 3)
        #expect(samples["crontui_job_duration_seconds_count{queue=\"\(name)\",outcome=\"completed\"}"] == 2)
        #expect(samples["crontui_queue_jobs{queue=\"\(name)\",state=\"completed\"}"] == 2)
        #expect(samples["crontui_queue_paused{queue=\"\(name)\"}"] == 0)

        let health = try await server.request("GET", "/healthz")
        #expect(health.status == 200 && health.object["status"] as? String == "ok")
        let ready = try await server.request("GET", "/readyz")
        #expect(ready.status == 200)
        #expect((ready.object["checks"] as? [String: String])?["redis"] == "ok")
    }

    @Test func readinessFailsWhenADependencyDoesNot() async throws {
        // The timeout is generous so that a busy machine cannot make the healthy check look slow; the pool is
        // connected first so the check measures a query, not a connection set-up.
        let system = try QueueFixture().system()
        try await system.pingPostgres()
        let server = try await APIFixture.start(readinessTimeout: .seconds(3)) {
            APIDependencies(
                readiness: [.postgres(system), ReadinessCheck(name: "slow") { try await Task.sleep(for: .seconds(30)) }], registry: $0,
                metrics: EngineMetrics())
        }
        defer {
            Task {
                await server.stop()
                await system.close()
            }
        }
        let ready = try await server.request("GET", "/readyz")
        #expect(ready.status == 503)
        #expect(ready.object["status"] as? String == "unready")
        let checks = try #require(ready.object["checks"] as? [String: String])
        #expect(checks["postgres"] == "ok")
        #expect(checks["slow"]?.hasPrefix("error:") == true)
    }

    @Test func engineMetricNamesAndClasses() {
        #expect(EngineMetrics.statusClass(204) == "2xx")
        #expect(EngineMetrics.statusClass(503) == "5xx")
        #expect(EngineMetrics.statusClass(nil) == "error")
        let registry = PrometheusCollectorRegistry()
        let metrics = EngineMetrics(factory: PrometheusMetricsFactory(registry: registry))
        metrics.fired(schedule: "nightly", queue: "q", lag: .milliseconds(40))
        metrics.firesMissed(schedule: "nightly", queue: "q", 2)
        metrics.firesSkipped(schedule: "gone", queue: "q")
        metrics.firesMissed(schedule: "gone", queue: "q", 1)
        metrics.leadership(true, queue: "q")
        metrics.leadership(false, queue: "other")
        metrics.httpResponse(schedule: "nightly", queue: "q", status: 404)
        metrics.httpResponse(schedule: "gone", queue: "q", status: 500)
        metrics.bufferSize(gauge: EngineMetricNames.outboxSize, queue: "q", 7)
        metrics.stalledRecovered(queue: "q", recovered: 1, failed: 0)
        var samples = Self.samples(registry.emitToString())
        #expect(samples[#"crontui_fire_lag_seconds_count{schedule="nightly",queue="q"}"#] == 1)
        #expect(samples[#"crontui_fires_missed_total{schedule="nightly",queue="q"}"#] == 2)
        #expect(samples[#"crontui_fires_skipped_total{schedule="gone",queue="q"}"#] == 1)
        // A schedule that stops firing (deleted, paused) takes its series with it.
        metrics.forgetSchedule("gone", queue: "q")
        samples = Self.samples(registry.emitToString())
        #expect(samples[#"crontui_fires_skipped_total{schedule="gone",queue="q"}"#] == nil)
        #expect(samples[#"crontui_fires_missed_total{schedule="gone",queue="q"}"#] == nil)
        #expect(samples[#"crontui_http_responses_total{schedule="gone",queue="q",class="5xx"}"#] == nil)
        #expect(samples[#"crontui_fires_missed_total{schedule="nightly",queue="q"}"#] == 2)
        // Each queue's scheduler has its own leader series.
        #expect(samples[#"crontui_leader_changes_total{queue="q"}"#] == 1)
        #expect(samples[#"crontui_scheduler_leader{queue="q"}"#] == 1)
        #expect(samples[#"crontui_scheduler_leader{queue="other"}"#] == 0)
        #expect(samples[#"crontui_http_responses_total{schedule="nightly",queue="q",class="4xx"}"#] == 1)
        #expect(samples[#"crontui_outbox_size{queue="q"}"#] == 7)
        #expect(samples["crontui_stalled_recoveries_total{queue=\"q\",result=\"recovered\"}"] == 1)
    }
}
