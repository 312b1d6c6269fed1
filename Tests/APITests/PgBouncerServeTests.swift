import Engine
import Foundation
import TestSupport
import Testing

/// `crontui serve` (the real binary) with `DATABASE_URL` through PgBouncer in transaction mode
/// (`scripts/services.sh pgbouncer up`), statements unnamed (`DATABASE_PREPARED_STATEMENTS=false`)
/// and `LISTEN` on a direct connection (`DATABASE_LISTEN_URL`): it migrates a fresh database, a
/// schedule created over HTTP fires, its jobs run and their attempts are recorded.
@Suite(.enabled(if: TestServices.pgbouncerEnabled && TestDatabaseURL.enabled))
struct PgBouncerServeTests {
    @Test func serveRunsSchedulesThroughPgBouncerInTransactionMode() async throws {
        let bouncer = try TestServices.pgbouncerURL()
        let direct = try #require(ProcessInfo.processInfo.environment["DATABASE_URL"], "DATABASE_URL is not set")
        let queueName = TestServices.uniqueName("pgbouncer")
        let databaseName = queueName
        let admin = try await PostgresConnection.connect(to: PostgresEndpoint(url: direct))
        try await admin.query("CREATE DATABASE \(databaseName)")
        do {
            try await ScriptedTarget.with({ _, _ in .json(200, #"{"ok":true}"#) }) { target, base in
                try await Self.serve(
                    database: try Self.url(bouncer, database: databaseName), listen: try Self.url(direct, database: databaseName),
                    queueName: queueName, target: target, base: base)
            }
        } catch {
            _ = try? await admin.query("DROP DATABASE \(databaseName) WITH (FORCE)")
            await admin.close()
            throw error
        }
        // PgBouncer keeps its server connections to the database: FORCE ends them.
        try await admin.query("DROP DATABASE \(databaseName) WITH (FORCE)")
        await admin.close()
        let redis = RedisClient(endpoint: try TestServices.redisEndpoint())
        try await JobQueue(name: queueName, redis: redis).destroy()
        redis.close()
    }

    private static func serve(database: String, listen: String, queueName: String, target: ScriptedTarget, base: String) async throws {
        let environment: [String: String?] = [
            "DATABASE_URL": database, "DATABASE_LISTEN_URL": listen, "DATABASE_PREPARED_STATEMENTS": "false", "QUEUE_NAME": queueName,
        ]
        try await ServeProcess.with(name: queueName, arguments: ["--concurrency", "4", "--grace-period", "5"], environment: environment) { serve in
            let log = serve.log
            let tick = #"{"name": "bounced", "cron": "* * * * * *", "url": "\#(base)/tick"}"#
            let created = try await serve.request("POST", "/api/cron/schedules", json: tick)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.object["id"] as? Int)

            // The schedule is new after start-up: the scheduler learns of it from its LISTEN (the
            // periodic resync comes only after 60 s, past this deadline; a LISTEN through the pooler
            // never hears it). Every fire, claim and attempt record then goes through the pooler,
            // many short transactions on few server connections. Three attempts recorded as
            // succeeded, each its own job.
            let items = try await serve.succeededAttempts(of: "bounced", atLeast: 3)
            #expect(items.count >= 3, "fewer than 3 recorded attempts of the schedule: \(items); see \(log)")
            #expect(items.allSatisfy { $0["schedule_id"] as? Int == id && $0["http_status"] as? Int == 200 })
            #expect(Set(items.compactMap { $0["job_id"] as? String }).count == items.count)
            #expect(target.received.count >= items.count)

            #expect(try await serve.stop() == 0, "see \(log)")
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(!text.contains("prepared statement"), "a prepared statement failed through PgBouncer; see \(log)")
            #expect(!text.contains("scheduler.listen_error"), "LISTEN failed on DATABASE_LISTEN_URL; see \(log)")
        }
    }

    /// `url` with its database replaced by `database`.
    private static func url(_ url: String, database: String) throws -> String {
        var components = try #require(URLComponents(string: url), "not a URL: \(url)")
        components.path = "/" + database
        return try #require(components.string)
    }
}
