import API
import Engine
import Foundation
import TestSupport
import Testing

/// The schedule routes against a real server, a real queue and PostgreSQL.
@Suite(.enabled(if: TestServices.enabled))
struct ScheduleRouteTests {
    static func withServer(_ body: (APIFixture, SystemFixture, QueueFixture) async throws -> Void) async throws {
        try await SystemFixture.with { fixture in
            let server = try await APIFixture.start { registry in
                APIDependencies(system: fixture.system, registry: registry, metrics: EngineMetrics(factory: nil))
            }
            do {
                try await body(server, fixture, fixture.queue)
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }
    }

    static let nightly =
        #"{"name": "nightly", "cron": "0 3 * * *", "tz": "Europe/Lisbon", "url": "https://example.test/run", "headers": ["Authorization: Bearer x"], "timeout": "10s", "attempts": 3}"#

    /// A schedule read with GET and sent back as it is keeps the secrets the GET masked, whatever
    /// else the body changes; a mask that hides no stored secret is a 400 naming the field, and
    /// changes nothing.
    @Test func aScheduleSentBackAsShownKeepsItsSecrets() async throws {
        try await Self.withServer { server, fixture, _ in
            let body =
                #"{"name": "keys", "cron": "0 3 * * *", "url": "https://user:pw@example.test/run?token=t0k&page=2", "headers": ["Authorization: Bearer real", "X-Trace: 1"]}"#
            let created = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: body)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.object["id"] as? Int)
            let shown = try await server.request("GET", "/api/cron/schedules/\(id)").object
            var sent = shown.filter { ScheduleFields.keys.contains($0.key) && !($0.value is NSNull) }
            sent["cron"] = "0 4 * * *"
            let json = String(decoding: try JSONSerialization.data(withJSONObject: sent), as: UTF8.self)
            #expect(json.contains("***"))
            let changed = try await server.request("PATCH", "/api/cron/schedules/\(id)", token: TestTokens.admin, json: json)
            #expect(changed.status == 200, "\(changed.text)")
            let stored = try await fixture.system.schedule(.id(Int64(id))).definition
            #expect(stored.cron == "0 4 * * *")
            #expect(stored.url == "https://user:pw@example.test/run?token=t0k&page=2")
            #expect(stored.headers == [ScheduleHeader(name: "Authorization", value: "Bearer real"), ScheduleHeader(name: "X-Trace", value: "1")])

            for (patch, field) in [
                (#"{"headers": ["Authorization: ***", "X-Api-Key: ***"]}"#, "headers"), (#"{"url": "https://user:***@example.test/other"}"#, "url"),
            ] {
                let refused = try await server.request("PATCH", "/api/cron/schedules/\(id)", token: TestTokens.admin, json: patch)
                #expect(refused.status == 400)
                #expect(refused.errorField == field, "\(refused.text)")
            }
            #expect(try await fixture.system.schedule(.id(Int64(id))).definition == stored)
        }
    }

    @Test func createShowListAndDelete() async throws {
        try await Self.withServer { server, audit, _ in
            let created = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: Self.nightly)
            #expect(created.status == 201)
            let id = try #require(created.object["id"] as? Int)
            #expect(created.headers["location"] == "/api/cron/schedules/\(id)")
            #expect(created.object["tz"] as? String == "Europe/Lisbon")
            #expect(created.object["timeout_ms"] as? Int == 10_000)
            #expect(created.object["next_fire_at"] is String)
            #expect(created.headers["content-type"] == "application/json")

            let byName = try await server.request("GET", "/api/cron/schedules/nightly")
            #expect(byName.status == 200)
            #expect(byName.object["id"] as? Int == id)
            let list = try await server.request("GET", "/api/cron/schedules", token: TestTokens.reader)
            #expect((list.object["items"] as? [Any])?.count == 1)

            let deleted = try await server.request("DELETE", "/api/cron/schedules/\(id)", token: TestTokens.admin)
            #expect(deleted.status == 200)
            let gone = try await server.request("GET", "/api/cron/schedules/\(id)")
            #expect(gone.status == 404)
            #expect(gone.errorCode == "not_found")
            #expect(try await audit.auditEntries().map(\.action) == ["schedule.create", "schedule.delete"])
            #expect(try await audit.auditEntries().allSatisfy { $0.actor == "ops" })
        }
    }

    @Test(arguments: [
        (#"{"name": "a", "cron": "61 * * * *", "url": "https://x.test/"}"#, "cron"),
        (#"{"name": "a", "cron": "* * * * *", "tz": "Mars/Base", "url": "https://x.test/"}"#, "tz"),
        (#"{"name": "a", "cron": "* * * * *", "url": "ftp://x.test/"}"#, "url"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "method": "BREW"}"#, "method"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "timeout": "2 days"}"#, "timeout"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "attempts": 0}"#, "attempts"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "headers": ["no colon"]}"#, "headers"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "backoff": "sometimes"}"#, "backoff"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "missed": "all"}"#, "missed"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "overlap": "never"}"#, "overlap"),
        (#"{"name": "123", "cron": "* * * * *", "url": "https://x.test/"}"#, "name"),
        (#"{"cron": "* * * * *", "url": "https://x.test/"}"#, "name"),
        (#"{"name": "a", "cron": 5, "url": "https://x.test/"}"#, "cron"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "enabled": "yes"}"#, "enabled"),
        (#"{"name": "a", "cron": "* * * * *", "url": "https://x.test/", "colour": "blue"}"#, "colour"),
    ])
    func badBodiesNameTheField(body: String, field: String) async throws {
        try await Self.withServer { server, audit, _ in
            let response = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: body)
            #expect(response.status == 400)
            #expect(response.errorField == field, "\(response.text)")
            #expect(try await audit.auditEntries().isEmpty)
        }
    }

    @Test func mediaTypeSizeSyntaxAndMethods() async throws {
        try await Self.withServer { server, _, _ in
            let text = try await server.request(
                "POST", "/api/cron/schedules", token: TestTokens.admin, headers: [("Content-Type", "text/plain")], body: Array(Self.nightly.utf8))
            #expect(text.status == 415)
            let big = #"{"name": "big", "cron": "* * * * *", "url": "https://x.test/", "body": ""# + String(repeating: "x", count: 70_000) + "\"}"
            let tooLarge = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: big)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.errorCode == "too_large")
            let malformed = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: "{\"name\": ")
            #expect(malformed.status == 400)
            let array = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: "[]")
            #expect(array.status == 400)
            let put = try await server.request("PUT", "/api/cron/schedules/1", token: TestTokens.admin, json: "{}")
            #expect(put.status == 405)
            #expect(put.headers["allow"] == "DELETE, GET, PATCH")
            let unknown = try await server.request("GET", "/api/cron/nothing")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "not_found")
            let query = try await server.request("GET", "/api/cron/schedules?colour=blue")
            #expect(query.status == 400)
            #expect(query.errorField == "colour")
        }
    }

    @Test func pagesByNameWithCursor() async throws {
        try await Self.withServer { server, _, _ in
            for name in ["e", "a", "d", "c", "b"] {
                let body = #"{"name": "\#(name)", "cron": "*/5 * * * *", "url": "https://x.test/\#(name)"}"#
                #expect(try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: body).status == 201)
            }
            var names: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let path = "/api/cron/schedules?limit=2" + (cursor.map { "&cursor=" + $0 } ?? "")
                let page = try await server.request("GET", path)
                #expect(page.status == 200)
                names += (page.object["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                cursor = page.object["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(names == ["a", "b", "c", "d", "e"])
            #expect(pages == 3)
            let bad = try await server.request("GET", "/api/cron/schedules?limit=0")
            #expect(bad.status == 400)
            #expect(bad.errorField == "limit")
        }
    }

    @Test func patchPauseResumeAndNextFires() async throws {
        try await Self.withServer { server, audit, _ in
            _ = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: Self.nightly)
            let patched = try await server.request(
                "PATCH", "/api/cron/schedules/nightly", token: TestTokens.admin, json: #"{"cron": "*/15 * * * *", "tz": "UTC"}"#)
            #expect(patched.status == 200)
            #expect(patched.object["cron"] as? String == "*/15 * * * *")
            let badPatch = try await server.request("PATCH", "/api/cron/schedules/nightly", token: TestTokens.admin, json: #"{"attempts": 500}"#)
            #expect(badPatch.status == 400)
            #expect(badPatch.errorField == "attempts")
            let empty = try await server.request("PATCH", "/api/cron/schedules/nightly", token: TestTokens.admin, json: "{}")
            #expect(empty.status == 400)
            // Keys of the schedule's JSON that a body may not hold say what to send instead.
            let readOnly = try await server.request(
                "PATCH", "/api/cron/schedules/nightly", token: TestTokens.admin, json: #"{"consecutive_failures": 0}"#)
            #expect(readOnly.status == 400 && readOnly.errorField == "consecutive_failures")
            #expect(readOnly.text.contains("it is kept by the server: leave it out of the body"), "\(readOnly.text)")
            let timeoutMs = try await server.request("PATCH", "/api/cron/schedules/nightly", token: TestTokens.admin, json: #"{"timeout_ms": 5000}"#)
            #expect(timeoutMs.status == 400 && timeoutMs.errorField == "timeout_ms")
            #expect(timeoutMs.text.contains("send timeout, a duration such as 10s or 10000ms"), "\(timeoutMs.text)")

            let paused = try await server.request("POST", "/api/cron/schedules/nightly/pause", token: TestTokens.admin)
            #expect(paused.status == 200)
            #expect(paused.object["changed"] as? Bool == true)
            #expect((paused.object["schedule"] as? [String: Any])?["enabled"] as? Bool == false)
            let again = try await server.request("POST", "/api/cron/schedules/nightly/pause", token: TestTokens.admin)
            #expect(again.object["changed"] as? Bool == false)
            let resumed = try await server.request("POST", "/api/cron/schedules/nightly/resume", token: TestTokens.admin)
            #expect(resumed.object["changed"] as? Bool == true)

            let next = try await server.request("GET", "/api/cron/schedules/nightly/next?count=3")
            #expect(next.status == 200)
            let fires = try #require(next.object["fires"] as? [String])
            #expect(fires.count == 3)
            #expect(fires == fires.sorted())
            #expect(
                fires.allSatisfy {
                    $0.hasSuffix(":00:00.000Z") || $0.hasSuffix(":15:00.000Z") || $0.hasSuffix(":30:00.000Z") || $0.hasSuffix(":45:00.000Z")
                })
            let tooMany = try await server.request("GET", "/api/cron/schedules/nightly/next?count=101")
            #expect(tooMany.errorField == "count")
            #expect(try await audit.auditEntries().map(\.action) == ["schedule.create", "schedule.update", "schedule.pause", "schedule.resume"])
        }
    }

    @Test func runNowEnqueuesAManualJobOnBothRoutes() async throws {
        try await Self.withServer { server, audit, queue in
            let created = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: Self.nightly)
            let id = try #require(created.object["id"] as? Int)
            for path in ["/api/cron/schedules/\(id)/run", "/api/cron/agendamentos/\(id)/run"] {
                let run = try await server.request("POST", path, token: TestTokens.admin)
                #expect(run.status == 202)
                #expect(run.object["schedule_id"] as? Int == id)
                let jobID = try #require(run.object["job_id"] as? String)
                #expect((run.object["trace_id"] as? String)?.count == 32)
                let job = try #require(try await queue.queue.job(jobID))
                #expect(try HTTPJob.decode(job.payload).trigger == .manual)
            }
            let missing = try await server.request("POST", "/api/cron/agendamentos/999/run", token: TestTokens.admin)
            #expect(missing.status == 404)
            #expect(try await audit.auditEntries().filter { $0.action == "schedule.run" }.count == 2)
        }
    }
}
