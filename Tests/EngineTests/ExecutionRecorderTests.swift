import Foundation
import Synchronization
import Testing

@testable import Engine

/// The recorder's batching, without a database: a store that remembers what it was given.
@Suite struct ExecutionRecorderTests {
    final class MemoryStore: ExecutionStore {
        let batches = Mutex<[[ExecutionRecord]]>([])
        let poison: String?

        init(poison: String? = nil) { self.poison = poison }

        func write(_ records: [ExecutionRecord]) async throws(PostgresError) -> Int {
            if let poison, records.contains(where: { $0.jobID == poison }) {
                throw PostgresError(code: .server, message: "invalid input", sqlState: "22P02")
            }
            batches.withLock { $0.append(records) }
            return records.count
        }

        var all: [ExecutionRecord] { batches.withLock { $0.flatMap { $0 } } }
    }

    static func record(_ job: String) -> ExecutionRecord {
        ExecutionRecord(jobID: job, attempt: 1, maxAttempts: 1, trigger: .manual, startedAt: 0, method: "GET", url: "http://x/", traceID: "t")
    }

    @Test func aStartAndItsEndWaitingTogetherAreOneWrite() async {
        let store = MemoryStore()
        let recorder = ExecutionRecorder(store: store, outbox: nil)
        var start = Self.record("a")
        recorder.record(start)
        start.outcome = .success
        recorder.record(start)
        let running = Task { await recorder.run() }
        await recorder.flush()
        recorder.stop()
        await running.value
        #expect(store.all.count == 1)
        #expect(store.all.first?.outcome == .success)
    }

    @Test func fullBatchesAreWrittenAtOnceAndTheRestOnStop() async {
        let store = MemoryStore()
        var options = ExecutionRecorderOptions()
        options.batchSize = 10
        options.flushInterval = .seconds(60)
        let recorder = ExecutionRecorder(store: store, outbox: nil, options: options)
        let running = Task { await recorder.run() }
        for i in 0..<25 { recorder.record(Self.record("r\(i)")) }
        #expect(await QueueFixtureFree.eventually { store.batches.withLock { $0.count } >= 2 })
        recorder.stop()
        await running.value
        #expect(store.all.count == 25)
        #expect(store.batches.withLock { $0.map(\.count) }.allSatisfy { $0 <= 10 })
    }

    @Test func aRecordTheServerRefusesIsSkippedAndTheOthersWritten() async {
        let store = MemoryStore(poison: "bad")
        let recorder = ExecutionRecorder(store: store, outbox: nil)
        for job in ["a", "b", "bad", "c", "d"] { recorder.record(Self.record(job)) }
        let running = Task { await recorder.run() }
        await recorder.flush()
        recorder.stop()
        await running.value
        #expect(Set(store.all.map(\.jobID)) == ["a", "b", "c", "d"])
        #expect(recorder.statistics.rejected == 1)
    }
}

/// Polling with a deadline for tests that need no services.
enum QueueFixtureFree {
    static func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }
}
