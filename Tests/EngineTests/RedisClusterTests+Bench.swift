import Foundation
import TestSupport
import Testing

@testable import Engine

/// `crontui bench queue --queues N`, run as the real binary against the cluster and the single
/// server: the jobs spread over the queues' masters and every one is drained.
extension RedisClusterTests {
    /// Runs `bench queue` with `arguments` and reads its JSON line.
    static func spread(_ arguments: [String]) async throws -> [String: Any] {
        let result = try await ProcessRunner.runDetached(["bench", "queue", "--json"] + arguments)
        try #require(result.status == 0, "bench queue failed: \(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").last)
        return try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func benchSpreadsQueuesOverTheMastersAndDrainsThemFromWorkerProcesses() async throws {
        defer { client.close() }
        let url = try #require(ProcessInfo.processInfo.environment["CRONTUI_CLUSTER_URL"])
        let figures = try await Self.spread(["--queues", "6", "--jobs", "600", "--processes", "2", "--redis-url", url])
        #expect(figures["masters"] as? Int == 3)
        #expect(figures["processes"] as? Int == 2)
        let byMaster = try #require(figures["jobs_by_master"] as? [Int])
        #expect(byMaster == [200, 200, 200], "the queue names are chosen to fall evenly on the masters")
        #expect((figures["drain_per_s"] as? Int ?? 0) > 0)
        #expect((figures["redis_cpu_us_per_job"] as? Double ?? 0) > 0)
        // The benchmark's queues are gone afterwards, on every master.
        for master in try await admin.nodes() where master.isMaster && !master.failed {
            let keys = try await admin.send(master.address, "KEYS", "*bench-*").array ?? []
            #expect(keys.isEmpty, "left behind on \(master.address): \(keys.prefix(3))")
        }
    }

    @Test func benchSpreadRunsOnOneServerAndRefusesAClusterWithoutQueues() async throws {
        defer { client.close() }
        let figures = try await Self.spread(["--queues", "2", "--jobs", "200"])
        #expect(figures["masters"] as? Int == 1)
        #expect(figures["jobs_by_master"] as? [Int] == [200])

        let url = try #require(ProcessInfo.processInfo.environment["CRONTUI_CLUSTER_URL"])
        let refused = try await ProcessRunner.runDetached(["bench", "queue", "--redis-url", url])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--redis-url: a cluster URL needs --queues"))
        let zero = try await ProcessRunner.runDetached(["bench", "queue", "--queues", "0"])
        #expect(zero.status == 2 && zero.stderr.contains("--queues: must be in 1-1000"))
    }
}
