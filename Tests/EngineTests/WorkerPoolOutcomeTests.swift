import TestSupport
import Testing

@testable import Engine

/// A worker pool whose outcome Redis did not answer (the request lost on its way, or the reply
/// lost after it ran, as when a master dies) sends it again while the job's lock lasts, so the job
/// completes once, without waiting for its lock to lapse and running again.
@Suite(.enabled(if: TestServices.enabled))
struct WorkerPoolOutcomeTests {
    @Test(arguments: [OutcomeWitness.Loss.request, .reply])
    func anOutcomeWithoutAnAnswerIsSentAgainAndTheJobRunsOnce(loss: OutcomeWitness.Loss) async throws {
        let redis = RedisClient(endpoint: try TestServices.redisEndpoint())
        let witness = OutcomeWitness(redis)
        var options = QueueOptions()
        options.keepCompleted = -1
        let queue = JobQueue(name: TestServices.uniqueName("q"), redis: witness, options: options)
        let runs = WorkerPoolTests.Runs()
        let logs = LogCapture()
        witness.lose([loss])
        let pool = WorkerPool(queue: queue, options: WorkerPoolTests.options(), logger: logs.logger(level: .notice)) { runs.record($0.job.id) }
        let running = Task { await pool.run() }
        try await queue.enqueue(.text("once", id: "a"))
        // Well within the lock's 30 s: sent again, not recovered as stalled after the lock lapsed.
        let completed = try await QueueFixture.eventually(timeout: .seconds(10)) { try await queue.job("a")?.state == .completed }
        // A lost request: the second try records the outcome. A lost reply: the first try did, and the
        // second is refused.
        let answered = await QueueFixture.eventually(timeout: .seconds(10)) {
            switch loss {
            case .request: witness.acknowledged("a") != nil
            case .reply: logs.all.contains { $0.message.hasPrefix("the outcome was refused when sent again") }
            }
        }
        pool.stop()
        await running.value
        let stats = try await queue.stats()
        try await queue.destroy()
        redis.close()
        #expect(completed)
        #expect(answered)
        #expect(runs.snapshot == ["a": 1])
        #expect(stats.completed == 1 && stats.stalledTotal == 0 && stats.active == 0)
        #expect(logs.all.contains { $0.message.hasPrefix("recording the job's outcome failed; trying again") })
        #expect(!logs.all.contains { $0.message.hasPrefix("lock lost") })
    }
}
