import API
import Engine
import Foundation
import TestSupport
import Testing

/// One vocabulary: the same rows read through `crontui history --json` and `GET /api/cron/jobs`
/// are the same objects, key for key, `null` written for what is absent in both; so are schedules
/// (`schedule list --json`, `GET /api/cron/schedules`) and the queue's stats.
@Suite(.enabled(if: TestServices.enabled))
struct VocabularyParityTests {
    @Test func historyJSONAndTheAPIShowTheSameRows() async throws {
        try await TestDatabaseURL.withSchema { url in
            let queue = try QueueFixture()
            let system = try queue.system(database: try PostgresEndpoint(url: url))
            let schedule = try await system.createSchedule(
                ScheduleInput(name: "nightly", cron: "0 3 * * *", url: "http://127.0.0.1:9/run"), by: .init(actor: "test", interface: .cli))
            // A success with a response, a failure without one, an attempt still running.
            var ok = ExecutionRecord(
                jobID: "\(schedule.id):1", attempt: 1, maxAttempts: 3, trigger: .cron, scheduleID: schedule.id, scheduleName: "nightly",
                scheduledFor: 1_800_000_000_000, enqueuedAt: 1_800_000_000_001, startedAt: 1_800_000_000_002, method: "GET",
                url: "http://127.0.0.1:9/run", worker: "w1", queue: "nightly-q", traceID: TraceID.random())
            ok.finishedAt = 1_800_000_000_050
            ok.durationMs = 48
            ok.httpStatus = 200
            ok.outcome = .success
            ok.responseSize = 2
            var failed = ExecutionRecord(
                jobID: "manual-1", attempt: 2, maxAttempts: 2, trigger: .retry, startedAt: 1_800_000_001_000, method: "POST",
                url: "http://127.0.0.1:9/x", traceID: TraceID.random())
            failed.finishedAt = 1_800_000_001_010
            failed.outcome = .permanent
            failed.errorKind = .connection
            failed.error = "connection refused"
            let running = ExecutionRecord(
                jobID: "manual-2", attempt: 1, maxAttempts: 1, trigger: .manual, startedAt: 1_800_000_002_000, method: "GET",
                url: "http://127.0.0.1:9/y", traceID: TraceID.random())
            _ = try await PostgresExecutionStore(pool: PostgresPool(endpoint: try PostgresEndpoint(url: url), size: 1)).write([ok, failed, running])

            let server = try await APIFixture.start { APIDependencies(system: system, registry: $0, metrics: EngineMetrics()) }
            let api = try await server.request("GET", "/api/cron/jobs?limit=10")
            let apiSchedules = try await server.request("GET", "/api/cron/schedules")
            let apiStats = try await server.request("GET", "/api/cron/queue/stats")
            await server.stop()
            let environment = ["DATABASE_URL": url, "REDIS_URL": TestServices.environment["REDIS_URL"], "QUEUE_NAME": queue.queue.name]
            let cli = try await ProcessRunner.runDetached(["history", "--json", "--limit", "10"], environment: environment)
            let cliSchedules = try await ProcessRunner.runDetached(["schedule", "list", "--json"], environment: environment)
            let cliStats = try await ProcessRunner.runDetached(["stats", "--json"], environment: environment)
            await system.close()
            await queue.tearDown()

            // Schedules: the list's items, key for key (the same instant, so the same next fire).
            let scheduleItems = try #require(apiSchedules.object["items"] as? [[String: Any]])
            let cliScheduleItems = try #require(try JSONSerialization.jsonObject(with: Data(cliSchedules.stdout.utf8)) as? [[String: Any]])
            #expect(scheduleItems.count == 1 && cliScheduleItems.count == 1)
            for (a, c) in zip(scheduleItems, cliScheduleItems) { Self.expectSame(a, c) }
            // Stats: every key of the API's object, with the CLI's workers and leader besides.
            let cliStatsObject = try #require(try JSONSerialization.jsonObject(with: Data(cliStats.stdout.utf8)) as? [String: Any])
            #expect(Set(cliStatsObject.keys) == Set(apiStats.object.keys).union(["workers", "worker_ids", "leader"]))
            #expect(cliStatsObject["queue"] as? String == queue.queue.name && apiStats.object["queue"] as? String == queue.queue.name)

            #expect(api.status == 200)
            #expect(cli.status == 0, "\(cli.stderr)")
            let apiItems = try #require(api.object["items"] as? [[String: Any]])
            let cliItems = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [[String: Any]])
            #expect(apiItems.count == 3)
            #expect(cliItems.count == apiItems.count)
            for (a, c) in zip(apiItems, cliItems) { Self.expectSame(a, c) }
            // Absent values are written, as null, in both.
            let runningRow = try #require(cliItems.first { $0["job_id"] as? String == "manual-2" })
            #expect(runningRow["finished_at"] is NSNull && runningRow["http_status"] is NSNull && runningRow["error"] is NSNull)
            // The queue that ran an attempt; null for one recorded without (as before queues were).
            #expect(runningRow["queue"] is NSNull)
            #expect(cliItems.first { $0["job_id"] as? String == "\(schedule.id):1" }?["queue"] as? String == "nightly-q")
            #expect(cliItems.map { $0["status"] as? String } == ["running", "failed", "succeeded"])
            #expect(cliItems.last?["started_at"] as? String == "2027-01-15T08:00:00.002Z")
        }
    }

    /// The same keys, each with the same value.
    static func expectSame(_ a: [String: Any], _ c: [String: Any]) {
        #expect(Set(a.keys) == Set(c.keys))
        for key in a.keys.sorted() {
            #expect(NSDictionary(dictionary: [key: a[key] as Any]) == NSDictionary(dictionary: [key: c[key] as Any]), "\(key)")
        }
    }
}
