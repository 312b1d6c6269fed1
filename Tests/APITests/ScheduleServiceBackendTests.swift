import API
import Engine
import Foundation
import TestSupport
import Testing

/// The schedule routes over the engine's `ScheduleService` and PostgreSQL: the engine's validators
/// answer with the API's field names, a name in use is 409, secrets are masked, every change is in
/// the `audit` table with the token's name and interface `api`.
@Suite(.enabled(if: TestServices.enabled))
struct ScheduleServiceBackendTests {
    static func withServer(_ body: (APIFixture, AuditStore, QueueFixture) async throws -> Void) async throws {
        try await TestDatabase.withSchema { database in
            let pool = PostgresPool(endpoint: database.endpoint, size: 2)
            try await pool.withConnection { _ = try await MigrationRunner().run(on: $0) }
            let queue = try QueueFixture()
            let service = ScheduleService(database: pool, queue: queue.queue)
            let system = try queue.system(database: database.endpoint)
            let server = try await APIFixture.start { registry in
                APIDependencies(system: system, registry: registry, metrics: EngineMetrics(factory: nil))
            }
            var failure: (any Error)?
            do { try await body(server, service.audit, queue) } catch { failure = error }
            await server.stop()
            await queue.tearDown()
            await pool.close()
            if let failure { throw failure }
        }
    }

    @Test func createShowChangeRunAndDeleteAreAudited() async throws {
        try await Self.withServer { server, audit, queue in
            let body =
                #"{"name": "nightly", "cron": "0 3 * * *", "tz": "Europe/Lisbon", "url": "https://user:pw@example.test/run", "headers": ["Authorization: Bearer x", "Accept: text/plain"], "timeout": "10s", "attempts": 3, "pause_after_failures": "5"}"#
            let created = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: body)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.object["id"] as? Int)
            #expect(created.object["headers"] as? [String] == ["Authorization: ***", "Accept: text/plain"])
            #expect(created.object["url"] as? String == "https://user:***@example.test/run")
            #expect(created.object["timeout_ms"] as? Int == 10_000)
            #expect(created.object["attempts"] as? Int == 3)
            #expect(created.object["pause_after_failures"] as? Int == 5)
            #expect(created.object["next_fire_at"] is String)

            let byName = try await server.request("GET", "/api/cron/schedules/nightly")
            #expect(byName.object["id"] as? Int == id)
            let patched = try await server.request("PATCH", "/api/cron/schedules/\(id)", token: TestTokens.admin, json: #"{"cron": "*/15 * * * *"}"#)
            #expect(patched.status == 200)
            #expect(patched.object["cron"] as? String == "*/15 * * * *")
            // The same change again changes nothing, and is not audited.
            let again = try await server.request("PATCH", "/api/cron/schedules/\(id)", token: TestTokens.admin, json: #"{"cron": "*/15 * * * *"}"#)
            #expect(again.status == 200)
            let paused = try await server.request("POST", "/api/cron/schedules/nightly/pause", token: TestTokens.admin)
            #expect(paused.object["changed"] as? Bool == true)
            #expect((paused.object["schedule"] as? [String: Any])?["next_fire_at"] is NSNull)
            let run = try await server.request("POST", "/api/cron/agendamentos/\(id)/run", token: TestTokens.admin)
            #expect(run.status == 202)
            let jobID = try #require(run.object["job_id"] as? String)
            #expect(try await queue.queue.job(jobID) != nil)
            let deleted = try await server.request("DELETE", "/api/cron/schedules/nightly", token: TestTokens.admin)
            #expect(deleted.status == 200)
            #expect(try await server.request("GET", "/api/cron/schedules/\(id)").status == 404)
            #expect(try await server.request("POST", "/api/cron/schedules/\(id)/run", token: TestTokens.admin).status == 404)

            let entries = try await audit.recent(limit: 10).reversed()
            #expect(entries.map(\.action) == ["schedule.create", "schedule.update", "schedule.pause", "schedule.run", "schedule.delete"])
            #expect(entries.allSatisfy { $0.actor == "ops" && $0.interface == .api })
        }
    }

    @Test(arguments: [
        (#"{"name": "a", "cron": "61 * * * *", "url": "https://x.test/"}"#, "cron"),
        (#"{"name": "a", "cron": "* * * * *", "tz": "Mars/Base", "url": "https://x.test/"}"#, "tz"),
        (#"{"name": "a", "cron": "* * * * *", "url": "ftp://x.test/"}"#, "url"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "method": "BREW"}"#, "method"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "headers": ["no colon"]}"#, "headers"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "timeout": "2 days"}"#, "timeout"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "attempts": 0}"#, "attempts"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "backoff": "sometimes"}"#, "backoff"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "missed": "all"}"#, "missed"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "overlap": "never"}"#, "overlap"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "pause_after_failures": "lots"}"#, "pause_after_failures"),
        (#"{"name": "123", "cron": "* * * * *", "url": "https://x.test/"}"#, "name"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "queue": "a b"}"#, "queue"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "queue": 7}"#, "queue"),
    ])
    func badFieldsAreNamedAsTheJSONSpellsThem(body: String, field: String) async throws {
        try await Self.withServer { server, audit, _ in
            let response = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: body)
            #expect(response.status == 400)
            #expect(response.errorField == field, "\(response.text)")
            #expect(try await audit.recent(limit: 10).isEmpty)
        }
    }

    /// A schedule created with only the required fields gets the product's defaults: 3 attempts,
    /// exponential backoff from 1 s capped at 5 min, as stored and as its jobs are enqueued.
    @Test func aScheduleWithNoPoliciesHasThreeAttemptsAndExponentialBackoff() async throws {
        try await Self.withServer { server, _, queue in
            let body = #"{"name": "plain", "cron": "0 0 1 1 *", "url": "https://x.test/"}"#
            let created = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: body)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.object["attempts"] as? Int == 3)
            #expect(created.object["backoff"] as? String == "exponential:1s:5m")
            let run = try await server.request("POST", "/api/cron/schedules/plain/run", token: TestTokens.admin)
            let jobID = try #require(run.object["job_id"] as? String)
            let job = try #require(try await queue.queue.job(jobID))
            #expect(job.options.attempts == 3 && job.options.backoff == .standard)
        }
    }

    /// A schedule's `queue` is written back as given, `null` moves it to the default queue, and a
    /// run enqueues into the schedule's queue, not the system's.
    @Test func aRunGoesToTheSchedulesQueue() async throws {
        try await Self.withServer { server, _, queue in
            let other = JobQueue(name: queue.queue.name + "-other", redis: queue.queue.redis)
            var failure: (any Error)?
            do { try await Self.runInto(other, server, queue) } catch { failure = error }
            try? await other.destroy()
            if let failure { throw failure }
        }
    }

    static func runInto(_ other: JobQueue, _ server: APIFixture, _ queue: QueueFixture) async throws {
        let body = #"{"name": "elsewhere", "cron": "0 0 1 1 *", "url": "https://x.test/", "queue": "\#(other.name)"}"#
        let created = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: body)
        #expect(created.status == 201, "\(created.text)")
        #expect(created.object["queue"] as? String == other.name)
        let run = try await server.request("POST", "/api/cron/schedules/elsewhere/run", token: TestTokens.admin)
        let jobID = try #require(run.object["job_id"] as? String)
        #expect(try await other.job(jobID) != nil)
        #expect(try await queue.queue.job(jobID) == nil)
        let back = try await server.request("PATCH", "/api/cron/schedules/elsewhere", token: TestTokens.admin, json: #"{"queue": null}"#)
        #expect(back.status == 200, "\(back.text)")
        #expect(back.object.keys.contains("queue") && back.object["queue"] is NSNull)
        let again = try await server.request("POST", "/api/cron/schedules/elsewhere/run", token: TestTokens.admin)
        let second = try #require(again.object["job_id"] as? String)
        #expect(try await queue.queue.job(second) != nil)
    }

    @Test func aNameInUseIsAConflict() async throws {
        try await Self.withServer { server, _, _ in
            for name in ["a", "b"] {
                let body = #"{"name": "\#(name)", "cron": "* * * * *", "url": "https://x.test/"}"#
                #expect(try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: body).status == 201)
            }
            let again = try await server.request(
                "POST", "/api/cron/schedules", token: TestTokens.admin, json: #"{"name": "a", "cron": "* * * * *", "url": "https://x.test/"}"#)
            #expect(again.status == 409)
            #expect(again.errorField == "name")
            let rename = try await server.request("PATCH", "/api/cron/schedules/b", token: TestTokens.admin, json: #"{"name": "a"}"#)
            #expect(rename.status == 409)
            #expect(rename.errorField == "name")
            let list = try await server.request("GET", "/api/cron/schedules?limit=1")
            #expect(list.object["next_cursor"] as? String == "a")
            let rest = try await server.request("GET", "/api/cron/schedules?cursor=a")
            #expect((rest.object["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["b"])
        }
    }
}
