import Engine
import Foundation
import Prometheus
import TestSupport
import Testing

/// What retention and the outbox's bound report at `/metrics`, read from the Prometheus text.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct RetentionMetricsTests {
    @Test func theOutboxReportsItsSizeAndItsDrops() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let registry = PrometheusCollectorRegistry()
        let metrics = EngineMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let outbox = ExecutionOutbox(queue: f.queue, maxRecords: 4, metrics: metrics, logger: LogCapture().logger())
        let records = (0..<6).map {
            ExecutionRecord(
                jobID: "r\($0)", attempt: 1, maxAttempts: 1, trigger: .manual, startedAt: 0, method: "GET", url: "http://x/", traceID: "t")
        }
        try await outbox.push(Array(records[..<3]))
        var samples = MetricsAndHealthTests.samples(registry.emitToString())
        #expect(samples[#"crontui_outbox_size{queue="\#(f.queue.name)"}"#] == 3)
        try await outbox.push(Array(records[3...]))
        samples = MetricsAndHealthTests.samples(registry.emitToString())
        #expect(samples[#"crontui_outbox_size{queue="\#(f.queue.name)"}"#] == 4)
        #expect(samples[#"crontui_outbox_dropped_total{queue="\#(f.queue.name)"}"#] == 2)
    }

    @Test func historyRetentionCountsRowsPerTable() async throws {
        try await TestDatabase.withSchema { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().run(on: connection)
            let now: Int64 = 1_800_000_000_000
            let old = PostgresTimestamp(microsecondsSinceEpoch: (now - 40 * 86_400_000) * 1_000)
            for job in ["a", "b", "c"] {
                try await connection.query("INSERT INTO executions (job_id, attempt, max_attempts, started_at) VALUES ($1, 1, 1, $2)", [job, old])
            }
            await connection.close()
            let pool = PostgresPool(endpoint: database.endpoint, size: 1)
            let registry = PrometheusCollectorRegistry()
            var options = HistoryRetentionOptions()
            options.metrics = EngineMetrics(factory: PrometheusMetricsFactory(registry: registry))
            options.batchSize = 2
            options.batchPause = .zero
            let retention = HistoryRetention(pool: pool, options: options, clock: ManualSchedulerClock(now), isLeader: { true })
            let report = try await retention.sweep()
            await pool.close()
            #expect(report.deleted["executions"] == 3)
            let samples = MetricsAndHealthTests.samples(registry.emitToString())
            #expect(samples["crontui_retention_rows_deleted_total{table=\"executions\"}"] == 3)
            #expect(samples["crontui_retention_rows_deleted_total{table=\"fires\"}"] == nil, "nothing to count there")
        }
    }

    @Test func queueRemovalsAreCountedPerState() {
        let registry = PrometheusCollectorRegistry()
        let metrics = EngineMetrics(factory: PrometheusMetricsFactory(registry: registry))
        metrics.jobsRemoved(queue: "q", completed: 3, failed: 0)
        metrics.jobsRemoved(queue: "q", completed: 2, failed: 1)
        let samples = MetricsAndHealthTests.samples(registry.emitToString())
        #expect(samples["crontui_queue_jobs_removed_total{queue=\"q\",state=\"completed\"}"] == 5)
        #expect(samples["crontui_queue_jobs_removed_total{queue=\"q\",state=\"failed\"}"] == 1)
    }
}
