import Engine
import Foundation
import TestSupport
import Testing

/// `crontui serve` (the real binary) with `REDIS_URL` naming the test Redis Cluster
/// (`redis+cluster://…`): the leader lease, the fire claims, the queue, the event stream and the
/// execution outbox all on the master of the queue's slot. A schedule created over HTTP fires, its
/// jobs run, their attempts are recorded, and the queue's figures read back through the API.
@Suite(.enabled(if: TestServices.clusterEnabled && TestDatabaseURL.enabled))
struct ClusterServeTests {
    @Test func serveRunsSchedulesOnARedisCluster() async throws {
        let cluster = try #require(ProcessInfo.processInfo.environment["CRONTUI_CLUSTER_URL"], "CRONTUI_CLUSTER_URL is not set")
        let queueName = TestServices.uniqueName("clusterserve")
        try await TestDatabase.withSchema { database in
            try await ClusterExclusive.run {
                try await ScriptedTarget.with({ _, _ in .json(200, #"{"ok":true}"#) }) { target, base in
                    let environment: [String: String?] = ["REDIS_URL": cluster, "DATABASE_URL": database.endpoint.conninfo, "QUEUE_NAME": queueName]
                    try await ServeProcess.with(name: queueName, arguments: ["--concurrency", "4", "--grace-period", "5"], environment: environment) {
                        serve in
                        let tick = #"{"name": "clustered", "cron": "* * * * * *", "url": "\#(base)/tick"}"#
                        let created = try await serve.request("POST", "/api/cron/schedules", json: tick)
                        #expect(created.status == 201, "\(created.text)")
                        let items = try await serve.succeededAttempts(of: "clustered", atLeast: 3)
                        #expect(items.count >= 3, "fewer than 3 recorded attempts of the schedule: \(items); see \(serve.log)")
                        #expect(Set(items.compactMap { $0["job_id"] as? String }).count == items.count)
                        #expect(target.received.count >= items.count)
                        let stats = try await serve.request("GET", "/api/cron/queue/stats")
                        #expect(stats.status == 200)
                        #expect(stats.object["queue"] as? String == queueName)
                        #expect((stats.object["completed_total"] as? Int ?? 0) >= items.count, "\(stats.text)")
                        #expect(try await serve.stop() == 0, "see \(serve.log)")
                    }
                }
            }
        }
        let redis = RedisClusterClient(endpoint: try TestServices.clusterEndpoint())
        try await JobQueue(name: queueName, redis: redis).destroy()
        redis.close()
    }
}
