import API
import Engine
import Foundation
import TestSupport
import Testing

/// One vocabulary: the same rows read through `crontui history --json` and `GET /api/cron/jobs`
/// are the same objects, key for key, `null` written for what is absent in both.
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
                url: "http://127.0.0.1:9/run", worker: "w1", traceID: TraceID.random())
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
            await server.stop()
            let cli = try await ProcessRunner.runDetached(
                ["history", "--json", "--limit", "10"],
                environment: ["DATABASE_URL": url, "REDIS_URL": TestServices.environment["REDIS_URL"], "QUEUE_NAME": queue.queue.name])
            await system.close()
            await queue.tearDown()

            #expect(api.status == 200)
            #expect(cli.status == 0, "\(cli.stderr)")
            let apiItems = try #require(api.object["items"] as? [[String: Any]])
            let cliItems = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [[String: Any]])
            #expect(apiItems.count == 3)
            #expect(cliItems.count == apiItems.count)
            for (a, c) in zip(apiItems, cliItems) {
                #expect(Set(a.keys) == Set(c.keys))
                for key in a.keys.sorted() {
                    #expect(NSDictionary(dictionary: [key: a[key] as Any]) == NSDictionary(dictionary: [key: c[key] as Any]), "\(key)")
                }
            }
            // Absent values are written, as null, in both.
            let runningRow = try #require(cliItems.first { $0["job_id"] as? String == "manual-2" })
            #expect(runningRow["finished_at"] is NSNull && runningRow["http_status"] is NSNull && runningRow["error"] is NSNull)
            #expect(cliItems.map { $0["status"] as? String } == ["running", "failed", "succeeded"])
            #expect(cliItems.last?["started_at"] as? String == "2027-01-15T08:00:00.002Z")
        }
    }
}
