import TestSupport
import Testing

@testable import Engine

/// Retention of finished jobs in Redis, by age and by count, in bounded batches, and on the worker
/// pool's timer when nothing finishes: against the real Redis, with a manual queue clock.
@Suite(.enabled(if: TestServices.enabled))
struct QueueRetentionTests {
    /// Enqueues `ids`, takes them, and completes them (or fails them for good).
    static func finish(_ queue: JobQueue, _ ids: [String], failing: Bool = false) async throws {
        try await queue.enqueue(ids.map { NewJob.text($0, id: $0) })
        let jobs = try await queue.fetch(count: ids.count, worker: "w").jobs
        #expect(jobs.count == ids.count)
        for job in jobs {
            if failing {
                _ = try await queue.fail(job, error: "x", retryDelay: nil)
            } else {
                _ = try await queue.complete(job)
            }
        }
    }

    /// Ids of `queue`'s jobs whose hash is still there.
    static func hashes(_ queue: JobQueue, _ ids: [String]) async throws -> [String] {
        var left: [String] = []
        for id in ids {
            if try await queue.redis.send(RedisCommand("EXISTS", queue.keys.job(id))).int == 1 { left.append(id) }
        }
        return left
    }

    @Test func theDefaultsAreAnHourForCompletedJobsAndAWeekForFailedOnes() throws {
        let options = QueueOptions()
        #expect(options.maxAgeCompleted == .seconds(3_600) && options.keepCompleted == 1_000)
        #expect(options.maxAgeFailed == .seconds(7 * 86_400) && options.keepFailed == 5_000)
        let configured = QueueOptions(
            configuration: try EngineConfiguration.resolve(environment: [
                "QUEUE_KEEP_COMPLETED": "10", "QUEUE_KEEP_FAILED": "20", "QUEUE_COMPLETED_MAX_AGE": "0", "QUEUE_FAILED_MAX_AGE": "2d",
            ]))
        #expect(configured.keepCompleted == 10 && configured.keepFailed == 20)
        #expect(configured.maxAgeCompleted == nil && configured.maxAgeFailed == .seconds(2 * 86_400))
    }

    @Test func eachCallRemovesAtMostOneBatchPerStateByAge() async throws {
        let clock = ManualQueueClock()
        var options = QueueOptions()
        options.maxAgeFailed = .seconds(3_600)
        options.retentionBatch = 3
        let f = try QueueFixture(options: options, clock: clock)
        defer { Task { await f.tearDown() } }
        let done = (0..<7).map { "c\($0)" }
        let failed = (0..<4).map { "f\($0)" }
        try await Self.finish(f.queue, done)
        try await Self.finish(f.queue, failed, failing: true)
        clock.advance(by: .seconds(3_599))
        #expect(
            try await f.queue.removeExpired()
                == QueueRetentionPass(removedCompleted: 0, removedFailed: 0, completed: 7, failed: 4, mayHaveMore: false))
        clock.advance(by: .seconds(2))
        #expect(
            try await f.queue.removeExpired() == QueueRetentionPass(removedCompleted: 3, removedFailed: 3, completed: 4, failed: 1, mayHaveMore: true)
        )
        #expect(
            try await f.queue.removeExpired() == QueueRetentionPass(removedCompleted: 3, removedFailed: 1, completed: 1, failed: 0, mayHaveMore: true)
        )
        #expect(
            try await f.queue.removeExpired()
                == QueueRetentionPass(removedCompleted: 1, removedFailed: 0, completed: 0, failed: 0, mayHaveMore: false))
        #expect(try await Self.hashes(f.queue, done + failed).isEmpty)
    }

    @Test func beyondTheCountKeptTheOldestGoInBatches() async throws {
        let clock = ManualQueueClock()
        var keepAll = QueueOptions()
        keepAll.keepCompleted = -1
        let f = try QueueFixture(options: keepAll, clock: clock)
        defer { Task { await f.tearDown() } }
        let ids = (0..<7).map { "c\($0)" }
        for id in ids {
            try await Self.finish(f.queue, [id])
            clock.advance(by: .seconds(1))
        }
        var options = QueueOptions()
        options.keepCompleted = 2
        options.maxAgeCompleted = nil
        options.retentionBatch = 3
        let queue = JobQueue(name: f.queue.name, redis: f.redis, options: options, clock: clock)
        #expect(
            try await queue.removeExpired() == QueueRetentionPass(removedCompleted: 3, removedFailed: 0, completed: 4, failed: 0, mayHaveMore: true))
        #expect(try await Self.hashes(queue, ids) == ["c3", "c4", "c5", "c6"])
        #expect(try await queue.clean() == (2, 0))
        #expect(try await Self.hashes(queue, ids) == ["c5", "c6"])
        #expect(try await queue.allJobIDs(in: [.completed]) == ["c5", "c6"])
    }

    @Test func theWorkerPoolsTimerEmptiesAnIdleQueueOfOldJobs() async throws {
        let clock = ManualQueueClock()
        let f = try QueueFixture(clock: clock)
        defer { Task { await f.tearDown() } }
        try await Self.finish(f.queue, ["done-1", "done-2"])
        try await Self.finish(f.queue, ["failed-1", "failed-2"], failing: true)
        var options = WorkerPoolOptions()
        options.cleanInterval = .milliseconds(20)
        let pool = WorkerPool(queue: f.queue, options: options) { _ in Issue.record("no job should run") }
        let running = Task { await pool.run() }
        defer { pool.stop() }

        clock.advance(by: .seconds(3_601))
        let completedGone = try await QueueFixture.eventually(timeout: .seconds(20)) {
            let stats = try await f.queue.stats()
            return stats.completed == 0
        }
        #expect(completedGone)
        #expect(try await f.queue.stats().failed == 2, "failed jobs stay for a week")
        #expect(try await Self.hashes(f.queue, ["done-1", "done-2", "failed-1", "failed-2"]) == ["failed-1", "failed-2"])

        clock.advance(by: .seconds(7 * 86_400))
        let failedGone = try await QueueFixture.eventually(timeout: .seconds(20)) { try await f.queue.stats().failed == 0 }
        #expect(failedGone)
        #expect(try await Self.hashes(f.queue, ["failed-1", "failed-2"]).isEmpty)
        pool.stop()
        await running.value
    }
}
