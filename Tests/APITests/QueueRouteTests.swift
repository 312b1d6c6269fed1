import API
import Engine
import Foundation
import TestSupport
import Testing

/// Queue routes against a real server, Redis, and the audit table in PostgreSQL.
@Suite(.enabled(if: TestServices.enabled))
struct QueueRouteTests {
    @Test func statsHasTheSeedShape() async throws {
        let queue = try QueueFixture()
        let server = try await APIFixture.start { APIDependencies(system: try queue.system(), registry: $0, metrics: EngineMetrics()) }
        defer {
            Task {
                await server.stop()
                await queue.tearDown()
            }
        }
        try await queue.queue.enqueue([NewJob(payload: [1]), NewJob(payload: [2]), NewJob(payload: [3], delay: .seconds(60))])
        let stats = try await server.request("GET", "/api/cron/queue/stats")
        #expect(stats.status == 200)
        let o = stats.object
        #expect(o["waiting"] as? Int == 2)
        #expect(o["delayed"] as? Int == 1)
        for key in ["active", "completed", "failed", "completed_total", "failed_total", "stalled_total", "throughput_per_minute"] {
            #expect(o[key] is Int, "\(key)")
        }
        #expect(o["paused"] as? Bool == false)
        #expect(o["queue"] as? String == queue.queue.name)
        #expect((o["completed_per_minute"] as? [Int])?.count == 60)
        #expect(o["oldest_waiting_ms"] is Int)
    }

    /// `?queue=` reads another queue on the same Redis; a name no queue may have is refused.
    @Test func statsOfAnotherQueueByName() async throws {
        let (queue, other, server) = try await APIFixture.startWithTwoQueues()
        defer { Task { await APIFixture.stop(server, queues: queue, other) } }
        try await other.enqueue([NewJob(payload: [1]), NewJob(payload: [2])])
        let stats = try await server.request("GET", "/api/cron/queue/stats?queue=\(other.name)")
        #expect(stats.status == 200)
        #expect(stats.object["queue"] as? String == other.name)
        #expect(stats.object["waiting"] as? Int == 2)
        #expect(try await server.request("GET", "/api/cron/queue/stats").object["waiting"] as? Int == 0)
        let refused = try await server.request("GET", "/api/cron/queue/stats?queue=a%20b")
        #expect(refused.status == 400 && refused.errorField == "queue", "\(refused.text)")
    }

    @Test func pauseResumeRetryRerunAreAuditedInPostgres() async throws {
        try await TestDatabase.withSchema { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().run(on: connection)
            let pool = PostgresPool(endpoint: database.endpoint, size: 2)
            let queue = try QueueFixture()
            let system = try queue.system(database: database.endpoint)
            let server = try await APIFixture.start {
                APIDependencies(system: system, registry: $0, metrics: EngineMetrics())
            }
            let pause = try await server.request("POST", "/api/cron/queue/pause", token: TestTokens.admin)
            #expect(pause.status == 200)
            #expect(pause.object["changed"] as? Bool == true)
            #expect(try await queue.queue.stats().paused)
            let again = try await server.request("POST", "/api/cron/queue/pause", token: TestTokens.admin)
            #expect(again.object["changed"] as? Bool == false)
            #expect(try await server.request("POST", "/api/cron/queue/resume", token: TestTokens.admin).status == 200)
            #expect(try await !queue.queue.stats().paused)

            // A failed job, and a completed one.
            try await queue.queue.enqueue(NewJob(id: "job-a", payload: [], options: JobOptions(attempts: 1)))
            try await queue.queue.enqueue(NewJob(id: "job-b", payload: []))
            var handoff = try await queue.queue.fetch(count: 2, worker: "test")
            for active in handoff.jobs {
                if active.job.id == "job-a" {
                    handoff = try await queue.queue.fail(active, error: "boom", retryDelay: nil)
                } else {
                    handoff = try await queue.queue.complete(active)
                }
            }
            let wrongState = try await server.request("POST", "/api/cron/jobs/job-b/retry", token: TestTokens.admin)
            #expect(wrongState.status == 409)
            let retry = try await server.request("POST", "/api/cron/jobs/job-a/retry", token: TestTokens.admin)
            #expect(retry.status == 202)
            #expect(try await queue.queue.job("job-a")?.state == .waiting)
            let rerun = try await server.request("POST", "/api/cron/jobs/job-b/rerun", token: TestTokens.admin)
            #expect(rerun.status == 202)
            let newID = try #require(rerun.object["job_id"] as? String)
            #expect(try await queue.queue.job(newID)?.rerunOf == "job-b")
            let missing = try await server.request("POST", "/api/cron/jobs/nope/retry", token: TestTokens.admin)
            #expect(missing.status == 404)
            let bad = try await server.request("POST", "/api/cron/jobs/a%20b/retry", token: TestTokens.admin)
            #expect(bad.status == 400 || bad.status == 404)

            let rows = try await connection.query("SELECT actor, interface, action, target FROM audit ORDER BY id")
            let audit = try rows.map {
                "\(try $0.decode(0, as: String.self)) \(try $0.decode(1, as: String.self)) \(try $0.decode(2, as: String.self))"
            }
            #expect(audit == ["ops api queue.pause", "ops api queue.resume", "ops api job.retry", "ops api job.rerun"])
            await server.stop()
            await queue.tearDown()
            await pool.close()
            await connection.close()
        }
    }

    /// Pause, resume, retry and rerun act on another queue by `?queue=`. Without it they act on the
    /// default queue, and a job that queue lacks is looked for in the queue history says ran it (not
    /// found when history has none). A bad name is refused naming `queue`.
    @Test func pauseRetryAndRerunActOnAnotherQueueByName() async throws {
        try await TestDatabase.withSchema { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().run(on: connection)
            await connection.close()
            let queue = try QueueFixture()
            let other = queue.queue.sibling(named: queue.queue.name + "-other")
            let system = try queue.system(database: database.endpoint)
            let server = try await APIFixture.start { APIDependencies(system: system, registry: $0, metrics: EngineMetrics()) }
            defer { Task { await APIFixture.stop(server, queues: queue, other) } }
            let pause = try await server.request("POST", "/api/cron/queue/pause?queue=\(other.name)", token: TestTokens.admin)
            #expect(pause.status == 200 && pause.object["queue"] as? String == other.name && pause.object["changed"] as? Bool == true)
            #expect(try await other.stats().paused)
            #expect(try await !queue.queue.stats().paused)
            #expect(try await server.request("POST", "/api/cron/queue/resume?queue=\(other.name)", token: TestTokens.admin).status == 200)
            #expect(try await !other.stats().paused)

            try await other.enqueue(NewJob(id: "job-a", payload: [], options: JobOptions(attempts: 1)))
            try await other.enqueue(NewJob(id: "job-b", payload: []))
            var handoff = try await other.fetch(count: 2, worker: "test")
            for active in handoff.jobs {
                handoff = active.job.id == "job-a" ? try await other.fail(active, error: "boom", retryDelay: nil) : try await other.complete(active)
            }
            let elsewhere = try await server.request("POST", "/api/cron/jobs/job-a/retry", token: TestTokens.admin)
            #expect(elsewhere.status == 404, "the default queue has no job-a")
            let retry = try await server.request("POST", "/api/cron/jobs/job-a/retry?queue=\(other.name)", token: TestTokens.admin)
            #expect(retry.status == 202, "\(retry.text)")
            #expect(try await other.job("job-a")?.state == .waiting)
            let rerun = try await server.request("POST", "/api/cron/jobs/job-b/rerun?queue=\(other.name)", token: TestTokens.admin)
            #expect(rerun.status == 202, "\(rerun.text)")
            let newID = try #require(rerun.object["job_id"] as? String)
            #expect(try await other.job(newID)?.rerunOf == "job-b")
            #expect(try await queue.queue.job(newID) == nil)
            // With no queue named, a job the default queue lacks is looked for in the queue that
            // history says ran it.
            let db = try await database.connect()
            try await db.query(
                """
                INSERT INTO executions (job_id, attempt, max_attempts, trigger, started_at, finished_at, outcome, status, queue)
                VALUES ($1, 1, 1, 'manual', now(), now(), 'success', 'succeeded', $2)
                """, ["job-b", other.name])
            await db.close()
            let found = try await server.request("POST", "/api/cron/jobs/job-b/rerun", token: TestTokens.admin)
            #expect(found.status == 202, "\(found.text)")
            let foundID = try #require(found.object["job_id"] as? String)
            #expect(try await other.job(foundID)?.rerunOf == "job-b")
            for path in ["/api/cron/queue/pause", "/api/cron/jobs/job-a/retry", "/api/cron/jobs/job-b/rerun"] {
                let refused = try await server.request("POST", path + "?queue=a%20b", token: TestTokens.admin)
                #expect(refused.status == 400 && refused.errorField == "queue", "\(path): \(refused.text)")
            }
        }
    }
}
