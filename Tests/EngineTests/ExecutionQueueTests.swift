import Foundation
import TestSupport
import Testing

@testable import Engine

/// The queue of an attempt: stored and read back, filtered through its own index, and carried by
/// the outbox, where an entry written before it (no `queue` key) still reads.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct ExecutionQueueTests {
    static func record(_ job: String, at: Int64, queue: String?) -> ExecutionRecord {
        var r = ExecutionRecord(
            jobID: job, attempt: 1, maxAttempts: 1, trigger: .manual, startedAt: at, method: "GET", url: "http://127.0.0.1/", queue: queue,
            traceID: TraceID.random())
        r.finishedAt = at + 5
        r.outcome = .success
        r.httpStatus = 200
        return r
    }

    @Test func historyByQueueReadsOneQueuesAttemptsInPagesThroughItsIndex() async throws {
        try await ExecutionStoreTests.withStore { store in
            // Ten attempts a second apart on queues a, b and none, in turn.
            let queues: [String?] = ["a", "b", nil]
            let records = (0..<10).map { Self.record("j\($0)", at: 1_000_000 + Int64($0) * 1_000, queue: queues[$0 % 3]) }
            #expect(try await store.write(records) == 10)

            var query = ExecutionQuery(limit: 2, queue: "a")
            var seen: [ExecutionRecord] = []
            for _ in 0..<5 {
                let page = try await store.page(query)
                seen += page.records
                guard let next = page.next else { break }
                query.after = next
            }
            #expect(seen.map(\.jobID) == ["j9", "j6", "j3", "j0"])
            #expect(seen.allSatisfy { $0.queue == "a" })
            #expect(try await store.page(ExecutionQuery(queue: "b")).records.map(\.jobID) == ["j7", "j4", "j1"])
            // No queue matches the attempts that name none; unfiltered, they read back without one.
            #expect(try await store.page(ExecutionQuery(queue: "c")).records.isEmpty)
            let all = try await store.page(ExecutionQuery()).records
            #expect(all.count == 10 && all.filter { $0.queue == nil }.map(\.jobID) == ["j8", "j5", "j2"])

            // The filtered page reads the queue's index in its order: no sort, no scan of history.
            let plan = try await store.pool.withConnection { connection in
                try await connection.query("SET enable_seqscan = off")
                let rows = try await connection.query(
                    """
                    EXPLAIN SELECT id FROM \(StoreTables.executions) WHERE queue = 'a' AND (started_at, id) < (now(), 1000)
                    ORDER BY started_at DESC, id DESC LIMIT 3
                    """)
                return try rows.map { try $0.decode(0, as: String.self) }.joined(separator: "\n")
            }
            #expect(plan.contains("executions_queue_idx"), "\(plan)")
            #expect(!plan.contains("Sort"), "\(plan)")
        }
    }

    @Test func theOutboxCarriesTheQueueAndReadsEntriesWrittenWithoutOne() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let outbox = ExecutionOutbox(queue: f.queue, maxRecords: 10, logger: LogCapture().logger())
        try await outbox.push([Self.record("new", at: 1_000, queue: "a")])
        // An entry parked by a version that did not record queues: the same object without `queue`.
        let encoded = try JSONEncoder().encode(Self.record("old", at: 2_000, queue: "dropped"))
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object.removeValue(forKey: "queue") as? String == "dropped")
        _ = try await f.queue.executionOutbox(maxLength: 10).append([Array(try JSONSerialization.data(withJSONObject: object))])

        let entries = try await outbox.peek(10)
        #expect(entries.map { $0.record?.jobID } == ["new", "old"])
        #expect(entries[0].record?.queue == "a")
        #expect(entries[1].record != nil && entries[1].record?.queue == nil)
    }
}
