import Engine
import Foundation
import TestSupport
import Testing

/// `crontui serve --queues <home>,<other>:2` (the real binary), `QUEUE_NAME` the home queue: a
/// scheduler per queue fires each schedule into the queue it names (schedules naming none into the
/// default queue), each queue's workers run them, every attempt is recorded, no slot is enqueued
/// into two queues, every attempt records the queue that ran it (`history --queue` and the API's
/// `?queue=` read one queue's), and a schedule moved by `schedule edit --job-queue` moves its jobs.
@Suite(.enabled(if: TestServices.enabled && TestDatabaseURL.enabled))
struct QueuesServeTests {
    @Test func eachScheduleFiresIntoItsQueue() async throws {
        try await Self.serve(redis: RedisClient(endpoint: try TestServices.redisEndpoint()), url: nil)
    }

    /// Runs the test with `redis` (the Redis that `serve` uses, at `url`, or the environment's
    /// `REDIS_URL` when nil).
    static func serve(redis: any RedisClientProtocol, url: String?) async throws {
        let home = TestServices.uniqueName("home")
        let other = TestServices.uniqueName("other")
        let queues = (home: JobQueue(name: home, redis: redis), other: JobQueue(name: other, redis: redis))
        var failure: (any Error)?
        do {
            try await TestDatabase.withSchema { database in
                try await ScriptedTarget.with({ _, _ in .json(200, #"{"ok":true}"#) }) { _, base in
                    var environment: [String: String?] = [
                        "DATABASE_URL": database.endpoint.conninfo, "QUEUE_NAME": home, "QUEUES": nil,
                    ]
                    if let url { environment["REDIS_URL"] = url }
                    try await ServeProcess.with(
                        name: home, arguments: ["--queues", "\(home),\(other):2", "--concurrency", "3", "--grace-period", "5"],
                        environment: environment
                    ) { serve in
                        try await Self.check(serve, queues: queues, base: base, database: database)
                    }
                }
            }
        } catch {
            failure = error
        }
        try? await queues.home.destroy()
        try? await queues.other.destroy()
        redis.close()
        if let failure { throw failure }
    }

    private static func check(
        _ serve: ServeProcess, queues: (home: JobQueue, other: JobQueue), base: String, database: TestDatabase
    ) async throws {
        let log = serve.log
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(text.contains("serving queues \(queues.home.name) (1 worker), \(queues.other.name) (2 workers)"), "see \(log)")
        for (name, queue) in [("to-other", queues.other.name), ("to-home", queues.home.name), ("to-none", nil)] {
            let field = queue.map { #", "queue": "\#($0)""# } ?? ""
            let body = #"{"name": "\#(name)", "cron": "* * * * * *", "url": "\#(base)/\#(name)"\#(field)}"#
            let created = try await serve.request("POST", "/api/cron/schedules", json: body)
            #expect(created.status == 201, "\(created.text)")
        }
        // Each schedule's jobs are in its queue and not in the other one.
        let expected = ["to-other": queues.other, "to-home": queues.home, "to-none": queues.home]
        var jobs: [String: [String]] = [:]
        for (name, queue) in expected {
            let items = try await serve.succeededAttempts(of: name, atLeast: 3)
            #expect(items.count >= 3, "fewer than 3 recorded attempts of \(name): \(items); see \(log)")
            let ids = items.compactMap { $0["job_id"] as? String }
            jobs[name] = ids
            let recorded = items.map { $0["queue"] as? String }
            #expect(recorded.allSatisfy { $0 == queue.name }, "attempts of \(name) name queues \(recorded), not \(queue.name)")
            #expect(Set(ids).count == ids.count, "a job of \(name) ran twice: \(ids)")
            let elsewhere = queue.name == queues.home.name ? queues.other : queues.home
            for id in ids {
                #expect(try await queue.job(id) != nil, "job \(id) of \(name) is not in queue \(queue.name)")
                #expect(try await elsewhere.job(id) == nil, "job \(id) of \(name) is in queue \(elsewhere.name) too")
            }
        }
        try await Self.checkHistoryByQueue(serve, queues: queues, database: database)

        // The ledger: one row per (schedule, slot), each with its own job.
        let pool = PostgresPool(endpoint: database.endpoint, size: 1)
        let rows = try await pool.query(
            "SELECT count(*), count(DISTINCT (schedule_id, scheduled_for)), count(DISTINCT job_id) FROM fires WHERE status = 'enqueued'")
        let (all, slots, jobIDs) = (try rows[0].decode(0, as: Int.self), try rows[0].decode(1, as: Int.self), try rows[0].decode(2, as: Int.self))
        #expect(all >= 9 && all == slots && slots == jobIDs, "fires: \(all) rows, \(slots) slots, \(jobIDs) jobs")

        // Each queue's workers and figures have their own series.
        let metrics = try await serve.request("GET", "/metrics").text.split(separator: "\n")
        for queue in [queues.home.name, queues.other.name] {
            let series = metrics.filter { $0.hasPrefix("crontui_jobs_completed_total{") && $0.contains("queue=\"\(queue)\"") }
            #expect(!series.isEmpty, "no completed series of queue \(queue)")
            #expect(metrics.contains { $0.hasPrefix("crontui_queue_jobs{queue=\"\(queue)\",state=\"waiting\"}") }, "no depth gauge of queue \(queue)")
            let stats = try await serve.request("GET", "/api/cron/queue/stats?queue=\(queue)")
            #expect(stats.object["queue"] as? String == queue && (stats.object["completed_total"] as? Int ?? 0) >= 3, "\(stats.text)")
        }

        // Moved to the home queue, the schedule's next jobs go there.
        let edited = try await ProcessRunner.runDetached(
            ["schedule", "edit", "to-other", "--job-queue", queues.home.name],
            environment: ["DATABASE_URL": database.endpoint.conninfo, "QUEUE_NAME": queues.home.name])
        #expect(edited.status == 0, "\(edited.stderr)")
        let before = Set(jobs["to-other"] ?? [])
        var moved: [String] = []
        let arrived = try await QueueFixture.eventually(timeout: .seconds(30)) {
            let items = try await serve.request("GET", "/api/cron/jobs?schedule=to-other&status=succeeded").object["items"] as? [[String: Any]] ?? []
            moved = []
            for id in items.compactMap({ $0["job_id"] as? String }) where !before.contains(id) {
                if try await queues.home.job(id) != nil { moved.append(id) }
            }
            return moved.count >= 2
        }
        #expect(arrived, "no job of the moved schedule ran on queue \(queues.home.name); see \(log)")
        // The old queue's scheduler let go of it: a slot enqueued into both queues runs twice under
        // one job id. Only the slot due in the instant the change was heard may have.
        let attempts = try await serve.request("GET", "/api/cron/jobs?schedule=to-other&status=succeeded").object["items"] as? [[String: Any]] ?? []
        let ids = attempts.compactMap { $0["job_id"] as? String }
        #expect(ids.count - Set(ids).count <= 1, "jobs of the moved schedule ran in both queues: \(ids.sorted()); see \(log)")
        let after = try await pool.query(
            "SELECT count(*), count(DISTINCT (schedule_id, scheduled_for)) FROM fires f JOIN schedules s ON s.id = f.schedule_id WHERE s.name = 'to-other'"
        )
        #expect(try after[0].decode(0, as: Int.self) == after[0].decode(1, as: Int.self))
        await pool.close()
        #expect(try await serve.stop() == 0, "see \(log)")
    }
}

extension QueuesServeTests {
    /// `crontui history --queue NAME` and `GET /api/cron/jobs?queue=NAME` list the attempts of that
    /// queue only: the other queue's schedule in one, the home queue's two schedules in the other.
    private static func checkHistoryByQueue(
        _ serve: ServeProcess, queues: (home: JobQueue, other: JobQueue), database: TestDatabase
    ) async throws {
        let environment: [String: String?] = ["DATABASE_URL": database.endpoint.conninfo, "QUEUE_NAME": queues.home.name]
        for (queue, schedules) in [(queues.other.name, Set(["to-other"])), (queues.home.name, Set(["to-home", "to-none"]))] {
            let cli = try await ProcessRunner.runDetached(["history", "--json", "--limit", "1000", "--queue", queue], environment: environment)
            #expect(cli.status == 0, "\(cli.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count >= 3 * schedules.count, "history --queue \(queue): \(rows.count) rows")
            #expect(rows.allSatisfy { $0["queue"] as? String == queue }, "history --queue \(queue) lists other queues' attempts")
            #expect(Set(rows.compactMap { $0["schedule_name"] as? String }) == schedules, "history --queue \(queue)")
            let api = try await serve.request("GET", "/api/cron/jobs?limit=1000&queue=\(queue)")
            let items = try #require(api.object["items"] as? [[String: Any]], "\(api.text)")
            #expect(!items.isEmpty && items.allSatisfy { $0["queue"] as? String == queue }, "GET /api/cron/jobs?queue=\(queue)")
            #expect(Set(items.compactMap { $0["schedule_name"] as? String }) == schedules, "GET /api/cron/jobs?queue=\(queue)")
        }
    }
}

/// The same on the test Redis Cluster (`redis+cluster://…`): each queue, its leader lease and its
/// claims on the master of its own slot.
@Suite(.enabled(if: TestServices.clusterEnabled && TestDatabaseURL.enabled))
struct QueuesClusterServeTests {
    @Test func eachScheduleFiresIntoItsQueueOnACluster() async throws {
        let cluster = try #require(ProcessInfo.processInfo.environment["CRONTUI_CLUSTER_URL"], "CRONTUI_CLUSTER_URL is not set")
        try await ClusterExclusive.run {
            try await QueuesServeTests.serve(redis: RedisClusterClient(endpoint: try TestServices.clusterEndpoint()), url: cluster)
        }
    }
}
