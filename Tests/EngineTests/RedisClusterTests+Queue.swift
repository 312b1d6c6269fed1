import TestSupport
import Testing

@testable import Engine

/// The queue over the cluster client: the same calls as on one server, each queue on the master
/// of its hash tag's slot.
extension RedisClusterTests {
    /// A queue of its own on the cluster, deleted by `body`'s end.
    func withQueue(
        _ name: String = TestServices.uniqueName("cq"), options: QueueOptions = QueueOptions(), _ body: (JobQueue) async throws -> Void
    ) async throws {
        let queue = JobQueue(name: name, redis: client, options: options)
        do {
            try await body(queue)
        } catch {
            try? await queue.destroy()
            throw error
        }
        try await queue.destroy()
    }

    @Test func aQueueEnqueuesFetchesCompletesAndRetriesOnTheCluster() async throws {
        defer { client.close() }
        try await withQueue { queue in
            let events = queue.events(after: "0")
            #expect(try await queue.enqueue(.text("one", id: "a")) == .init(id: "a", duplicate: false))
            #expect(try await queue.enqueue(.text("again", id: "a")).duplicate)
            // More than one call's worth: sent back to back to the queue's master.
            let bulk = try await queue.enqueue((0..<2_100).map { NewJob.text("\($0)") })
            #expect(bulk.count == 2_100 && bulk.allSatisfy { !$0.duplicate })
            #expect(try await queue.stats().waiting == 2_101)

            let first = try await queue.fetch(count: 2, worker: "w1")
            #expect(first.jobs.map(\.job.id).contains("a"))
            let a = try #require(first.jobs.first { $0.job.id == "a" })
            let other = try #require(first.jobs.first { $0.job.id != "a" })
            #expect(try await queue.extendLocks([a]) == [])
            #expect(try await queue.extendLocks([ActiveJob(job: a.job, token: "stale")]) == ["a"])
            #expect(try await queue.complete(a).accepted)
            #expect(try await queue.fail(other, error: "boom", retryDelay: .zero).accepted)
            #expect(try await queue.job("a")?.state == .completed)
            let stats = try await queue.stats()
            #expect(stats.completed == 1 && stats.waiting + stats.delayed == 2_100)

            var kinds: [QueueEvent.Kind] = []
            for try await event in events where event.jobID == "a" {
                kinds.append(event.kind)
                if kinds.count == 3 { break }
            }
            #expect(kinds == [.enqueued, .active, .completed])
            // Every key of the queue is on the master of its tag's slot.
            let owner = try await admin.master(ofSlot: RedisHashSlot.of(queue.keys.wait))
            #expect(try await admin.send(owner.address, "HGET", queue.keys.job("a"), "state").string == "completed")
        }
    }

    @Test func theSchedulersClaimsAndLeaseWorkOnTheCluster() async throws {
        defer { client.close() }
        try await withQueue { queue in
            let claims = (1...3).map { slot in
                JobQueue.FireClaim(
                    scheduleID: 7, slot: Int64(slot) * 1_000, row: Array("{\"slot\":\(slot)}".utf8), job: .text("fire", id: "7:\(slot)"))
            }
            let first = try await queue.claim(claims)
            #expect(first.claimed == [true, true, true])
            #expect(first.outboxLength == 3)
            // A second scheduler claiming the same slots gets none of them.
            #expect(try await queue.claim(claims).claimed == [false, false, false])
            #expect(try await queue.claimedSlots([7]) == [7: 3_000])
            #expect(try await queue.stats().waiting == 3)

            #expect(try await queue.acquireLeadership("a", ttl: .seconds(10)) == nil)
            #expect(try await queue.acquireLeadership("b", ttl: .seconds(10)) != nil)
            #expect(try await queue.renewLeadership("a", ttl: .seconds(10)))
            #expect(try await queue.leader() == "a")
            try await queue.releaseLeadership("a")
            #expect(try await queue.leader() == nil)
        }
    }

    @Test func workerPoolsDrainQueuesOnEveryMaster() async throws {
        defer { client.close() }
        // One queue per master: names whose tags' slots the three masters serve.
        let masters = try await admin.nodes().filter { $0.isMaster && !$0.failed && !$0.slots.isEmpty }
        var names: [String: String] = [:]
        var index = 0
        while names.count < masters.count, index < 10_000 {
            let name = "\(prefix)-\(index)"
            if let owner = masters.first(where: { master in master.slots.contains { $0.contains(RedisHashSlot.of(name)) } }),
                names[owner.id] == nil
            {
                names[owner.id] = name
            }
            index += 1
        }
        #expect(names.count == 3)
        let done = WorkerPoolTests.Runs()
        var options = QueueOptions()
        options.keepCompleted = -1
        let queues = names.values.map { JobQueue(name: $0, redis: client, options: options) }
        let pools = queues.map { queue in
            var o = WorkerPoolOptions()
            o.concurrency = 4
            return WorkerPool(queue: queue, options: o) { done.record("\(queue.name)/\($0.job.id)") }
        }
        let running = pools.map { pool in Task { await pool.run() } }
        for queue in queues { try await queue.enqueue((0..<200).map { NewJob.text("\($0)", id: "j\($0)") }) }
        let drained = try await QueueFixture.eventually(timeout: .seconds(60)) {
            var completed = 0
            for queue in queues { completed += try await queue.stats().completed }
            return completed == 600
        }
        // An idle pool wakes for a new job (its fetcher blocks on the master of its queue's slot).
        for queue in queues { try await queue.enqueue(.text("late", id: "late")) }
        let woke = await QueueFixture.eventually(timeout: .seconds(10)) { done.snapshot.keys.filter { $0.hasSuffix("/late") }.count == 3 }
        for pool in pools { pool.stop() }
        for task in running { await task.value }
        for queue in queues { try await queue.destroy() }
        #expect(drained)
        #expect(woke)
        #expect(done.snapshot.count == 603)
        #expect(done.snapshot.values.allSatisfy { $0 == 1 })
    }
}
