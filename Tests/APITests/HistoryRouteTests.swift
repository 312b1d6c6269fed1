import API
import Engine
import Foundation
import TestSupport
import Testing

/// `GET /api/cron/jobs` and `GET /api/cron/executions/:id` against PostgreSQL.
@Suite(.enabled(if: TestServices.enabled))
struct HistoryRouteTests {
    static let trace = String(repeating: "ab", count: 16)

    static func withHistory(_ body: (APIFixture, PostgresConnection) async throws -> Void) async throws {
        try await TestDatabase.withSchema { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().run(on: connection)
            _ = try await connection.query("INSERT INTO schedules (name, cron, url) VALUES ('nightly', '0 3 * * *', 'https://x.test/')")
            // Seven attempts a minute apart, the newest at 12:07; the odd ones succeeded. The first
            // five ran on queue `a` (odd) or `b` (even); the last two were recorded before queues were.
            _ = try await connection.query(
                """
                INSERT INTO executions (schedule_id, schedule_name, job_id, attempt, max_attempts, trigger, started_at, finished_at, duration_ms,
                  http_status, outcome, status, trace_id, response_body, response_headers, queue)
                SELECT CASE WHEN g <= 3 THEN (SELECT id FROM schedules) END, CASE WHEN g <= 3 THEN 'nightly' END, 'job-' || g, 1, 1, 'cron',
                  timestamptz '2026-05-01 12:00:00+00' + g * interval '1 minute', timestamptz '2026-05-01 12:00:01+00' + g * interval '1 minute',
                  1000, CASE WHEN g % 2 = 1 THEN 200 ELSE 500 END, CASE WHEN g % 2 = 1 THEN 'success' ELSE 'permanent' END,
                  CASE WHEN g % 2 = 1 THEN 'succeeded' ELSE 'failed' END,
                  CASE WHEN g = 7 THEN '\(trace)' ELSE md5(g::text) END, convert_to('hello ' || g, 'UTF8'), '[["content-type", "text/plain"]]'::jsonb,
                  CASE WHEN g <= 5 THEN CASE WHEN g % 2 = 1 THEN 'a' ELSE 'b' END END
                FROM generate_series(1, 7) AS g
                """)
            let system = try QueueFixture().system(database: database.endpoint)
            let server = try await APIFixture.start {
                APIDependencies(system: system, registry: $0, metrics: EngineMetrics())
            }
            do {
                try await body(server, connection)
            } catch {
                await server.stop()
                await system.close()
                await connection.close()
                throw error
            }
            await server.stop()
            await system.close()
            await connection.close()
        }
    }

    static func jobs(_ server: APIFixture, _ path: String) async throws -> [String] {
        jobs(try await server.request("GET", path))
    }

    static func jobs(_ response: TestResponse) -> [String] {
        (response.object["items"] as? [[String: Any]] ?? []).compactMap { $0["job_id"] as? String }
    }

    @Test func pagesWalkEveryRowOnceNewestFirst() async throws {
        try await Self.withHistory { server, _ in
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let response = try await server.request("GET", "/api/cron/jobs?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(response.status == 200)
                seen += Self.jobs(response)
                cursor = response.object["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == (1...7).reversed().map { "job-\($0)" })
            #expect(pages == 3)
            let first = try await server.request("GET", "/api/cron/jobs?limit=1")
            let item = try #require((first.object["items"] as? [[String: Any]])?.first)
            #expect(item["started_at"] as? String == "2026-05-01T12:07:00.000Z")
            #expect(item["status"] as? String == "succeeded")
            #expect(item["http_status"] as? Int == 200)
            #expect(item["response_body"] == nil)
            for key in ["id", "cursor", "job_id", "attempt", "max_attempts", "trigger", "status", "duration_ms", "trace_id", "finished_at"] {
                #expect(item[key] != nil, "\(key)")
            }
        }
    }

    @Test func filters() async throws {
        try await Self.withHistory { server, connection in
            let found1 = try await Self.jobs(server, "/api/cron/jobs?status=failed")
            #expect(found1 == ["job-6", "job-4", "job-2"])
            let found2 = try await Self.jobs(server, "/api/cron/jobs?status=succeeded&limit=2")
            #expect(found2 == ["job-7", "job-5"])
            let found3 = try await Self.jobs(server, "/api/cron/jobs?schedule=nightly")
            #expect(found3 == ["job-3", "job-2", "job-1"])
            let scheduleID = try await connection.query("SELECT id FROM schedules")[0].decode(0, as: Int64.self)
            let found3ByID = try await Self.jobs(server, "/api/cron/jobs?schedule=\(scheduleID)")
            #expect(found3ByID == ["job-3", "job-2", "job-1"])
            let found4 = try await Self.jobs(server, "/api/cron/jobs?trace=\(Self.trace.uppercased())")
            #expect(found4 == ["job-7"])
            let found5 = try await Self.jobs(server, "/api/cron/jobs?job=job-4")
            #expect(found5 == ["job-4"])
            let found6 = try await Self.jobs(server, "/api/cron/jobs?since=2026-05-01T12:06:00Z")
            #expect(found6 == ["job-7", "job-6"])
            // A duration counts back from now: the rows are months old.
            #expect(try await Self.jobs(server, "/api/cron/jobs?since=15m") == [])
            #expect(try await Self.jobs(server, "/api/cron/jobs?since=36500d").count == 7)
            let found7 = try await Self.jobs(server, "/api/cron/jobs?status=running")
            #expect(found7 == [])
            let queueA = try await server.request("GET", "/api/cron/jobs?queue=a")
            #expect(Self.jobs(queueA) == ["job-5", "job-3", "job-1"])
            #expect((queueA.object["items"] as? [[String: Any]])?.allSatisfy { $0["queue"] as? String == "a" } == true)
            let found8 = try await Self.jobs(server, "/api/cron/jobs?queue=b&status=failed")
            #expect(found8 == ["job-4", "job-2"])
            let found9 = try await Self.jobs(server, "/api/cron/jobs?queue=a&status=failed")
            #expect(found9 == [])
            // No queue matches the attempts recorded before queues were; they show none.
            let found10 = try await Self.jobs(server, "/api/cron/jobs?queue=default")
            #expect(found10 == [])
            let old = try await server.request("GET", "/api/cron/jobs?limit=1")
            #expect((old.object["items"] as? [[String: Any]])?.first?["queue"] is NSNull)
        }
    }

    @Test(arguments: [
        ("status=broken", "status"), ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=x", "limit"), ("cursor=abc", "cursor"),
        ("cursor=-4104198124312821244.04940", "cursor"), ("since=99999999999999999", "since"),
        ("trace=xyz", "trace"), ("since=yesterday", "since"), ("page=2", "page"), ("queue=", "queue"), ("queue=a%20b", "queue"),
        ("queue=\(String(repeating: "q", count: 65))", "queue"),
    ])
    func badParametersNameTheField(query: String, field: String) async throws {
        try await Self.withHistory { server, _ in
            let response = try await server.request("GET", "/api/cron/jobs?" + query)
            #expect(response.status == 400)
            #expect(response.errorField == field)
        }
    }

    @Test func oneExecutionWithItsResponse() async throws {
        try await Self.withHistory { server, connection in
            let id = try await connection.query("SELECT id FROM executions WHERE job_id = 'job-5'")[0].decode(0, as: Int64.self)
            let response = try await server.request("GET", "/api/cron/executions/\(id)")
            #expect(response.status == 200)
            #expect(response.object["response_body"] as? String == "hello 5")
            #expect(response.object["response_headers"] as? [[String]] == [["content-type", "text/plain"]])
            #expect(try await server.request("GET", "/api/cron/executions/999999").status == 404)
            let bad = try await server.request("GET", "/api/cron/executions/abc")
            #expect(bad.status == 400)
            #expect(bad.errorField == "id")
        }
    }
}
