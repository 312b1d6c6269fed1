import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Engine

/// The worker pool against the real Redis, in real time (deadlines, never fixed sleeps).
@Suite(.enabled(if: TestServices.enabled))
struct WorkerPoolTests {
    /// Counts how many times each job id ran.
    final class Runs: Sendable {
        let counts = Mutex<[String: Int]>([:])
        func record(_ id: String) { counts.withLock { $0[id, default: 0] += 1 } }
        var snapshot: [String: Int] { counts.withLock { $0 } }
    }

    static func options(_ configure: (inout WorkerPoolOptions) -> Void = { _ in }) -> WorkerPoolOptions {
        var o = WorkerPoolOptions()
        o.stalledCheckInterval = .milliseconds(100)
        configure(&o)
        return o
    }

    @Test func runsEveryJobOnce() async throws {
        var qo = QueueOptions()
        qo.keepCompleted = -1
        let f = try QueueFixture(options: qo)
        defer { Task { await f.tearDown() } }
        let runs = Runs()
        let pool = WorkerPool(queue: f.queue, options: Self.options { $0.concurrency = 5 }) { runs.record($0.job.id) }
        let running = Task { await pool.run() }
        try await f.queue.enqueue((0..<500).map { NewJob.text("\($0)") })
        #expect(try await QueueFixture.eventually(timeout: .seconds(60)) { try await f.queue.stats().completed == 500 })
        pool.stop()
        await running.value
        #expect(runs.snapshot.count == 500)
        #expect(runs.snapshot.values.allSatisfy { $0 == 1 })
    }

    @Test func exponentialBackoffDoublesAndRetryAfterWins() {
        let backoff = Backoff.exponential(base: .seconds(1), cap: .seconds(10), jitter: 0)
        #expect((1...6).map { backoff.delay(afterAttempt: $0, random: 0.5) } == [1, 2, 4, 8, 10, 10].map { Duration.seconds($0) })
        let jittered = Backoff.exponential(base: .seconds(1), cap: .seconds(100), jitter: 0.5)
        #expect(jittered.delay(afterAttempt: 3, random: 0) == .seconds(2))
        #expect(jittered.delay(afterAttempt: 3, random: 0.999_999) >= .milliseconds(5_999))
        #expect(Backoff(stored: backoff.description) == backoff)
        #expect(Backoff(stored: "fixed:-1") == nil)
        let pool = WorkerPool(queue: JobQueue(name: "unused", redis: RedisClient(endpoint: RedisEndpoint(host: "127.0.0.1")))) { _ in }
        var job = Job(id: "x", fields: [.bulk(Array("state".utf8)), .bulk(Array("active".utf8))])!
        job.options = JobOptions(attempts: 3, backoff: backoff)
        job.attemptsMade = 1
        #expect(pool.retryDelay(for: job, after: JobFailure("429", retryAfter: .seconds(7))) == .seconds(7))
        #expect(pool.retryDelay(for: job, after: JobFailure("500")) == .seconds(1))
        #expect(pool.retryDelay(for: job, after: JobFailure("404", retryable: false)) == nil)
        job.attemptsMade = 3
        #expect(pool.retryDelay(for: job, after: JobFailure("500")) == nil)
    }

    @Test func permanentFailureIsNotRetried() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let pool = WorkerPool(queue: f.queue, options: Self.options()) { _ in throw JobFailure("HTTP 404", retryable: false) }
        let running = Task { await pool.run() }
        try await f.queue.enqueue(.text("x", id: "p", options: JobOptions(attempts: 5)))
        #expect(try await QueueFixture.eventually { try await f.queue.job("p")?.state == .failed })
        pool.stop()
        await running.value
        let job = try #require(try await f.queue.job("p"))
        #expect(job.attemptsMade == 1)
        #expect(job.lastError == "HTTP 404")
    }

    @Test func attemptsPastTheirTimeoutAreCancelledAndFail() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let cancelled = Mutex(false)
        let pool = WorkerPool(queue: f.queue, options: Self.options()) { _ in
            do {
                try await Task.sleep(for: .seconds(30))
            } catch {
                cancelled.withLock { $0 = true }
                throw error
            }
        }
        let running = Task { await pool.run() }
        try await f.queue.enqueue(.text("x", id: "slow", options: JobOptions(attempts: 1, timeout: .milliseconds(100))))
        #expect(try await QueueFixture.eventually { try await f.queue.job("slow")?.state == .failed })
        pool.stop()
        await running.value
        #expect(try await f.queue.job("slow")?.lastError == "timed out after 100 ms")
        #expect(cancelled.withLock { $0 })
    }

    @Test func stalledJobCompletesElsewhereAndTheLateWorkerIsRefused() async throws {
        var qo = QueueOptions()
        qo.lockDuration = .milliseconds(300)
        let f = try QueueFixture(options: qo)
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue(.text("x", id: "lost"))
        // A worker takes the job, then stops renewing (it hangs, or its process died).
        let abandoned = try #require(try await f.queue.fetch(count: 1, worker: "vanished").jobs.first)
        // The rescuer takes its own locks for longer, so a loaded machine cannot make its attempt
        // stall too (a second stall would fail the job).
        var rescuerOptions = qo
        rescuerOptions.lockDuration = .seconds(10)
        let rescuerQueue = JobQueue(name: f.queue.name, redis: f.redis, options: rescuerOptions)
        let pool = WorkerPool(queue: rescuerQueue, options: Self.options { $0.workerID = "rescuer" }) { _ in }
        let running = Task { await pool.run() }
        #expect(try await QueueFixture.eventually { try await f.queue.job("lost")?.state == .completed })
        pool.stop()
        await running.value
        #expect(try await f.queue.job("lost")?.worker == "rescuer")
        #expect(try await f.queue.complete(abandoned).accepted == false)
        #expect(try await f.queue.stats().stalledTotal == 1)
    }

    @Test func thePoolReportsJobsItsStalledCheckFailed() async throws {
        var qo = QueueOptions()
        qo.lockDuration = .milliseconds(200)
        qo.maxStalls = 0
        let f = try QueueFixture(options: qo)
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue(.text("x", id: "gone"))
        _ = try #require(try await f.queue.fetch(count: 1, worker: "vanished").jobs.first)
        let reported = Mutex<[String]>([])
        let pool = WorkerPool(queue: f.queue, options: Self.options { $0.onStalledFailure = { ids in reported.withLock { $0 += ids } } }) { _ in }
        let running = Task { await pool.run() }
        #expect(try await QueueFixture.eventually { reported.withLock { $0 } == ["gone"] })
        pool.stop()
        await running.value
        #expect(try await f.queue.job("gone")?.state == .failed)
        #expect(try await f.queue.job("gone")?.lastError == "stalled")
    }

    @Test func gracefulStopHandsUnfinishedJobsBack() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let started = Mutex(0)
        let pool = WorkerPool(queue: f.queue, options: Self.options { $0.gracePeriod = .milliseconds(200) }) { active in
            started.withLock { $0 += 1 }
            if active.job.id != "quick" { try await Task.sleep(for: .seconds(60)) }
        }
        let running = Task { await pool.run() }
        try await f.queue.enqueue([.text("a", id: "quick"), .text("b", id: "stuck1"), .text("c", id: "stuck2")])
        #expect(try await QueueFixture.eventually { started.withLock { n in n == 3 } })
        pool.stop()
        await running.value
        #expect(try await f.queue.job("quick")?.state == .completed)
        for id in ["stuck1", "stuck2"] {
            let job = try #require(try await f.queue.job(id))
            #expect(job.state == .waiting)
            #expect(job.attemptsMade == 0)
        }
        #expect(pool.running == 0)
    }

    @Test func pausedQueueRunsNothingUntilResumed() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let runs = Runs()
        let pool = WorkerPool(queue: f.queue, options: Self.options()) { runs.record($0.job.id) }
        try await f.queue.pause()
        try await f.queue.enqueue(.text("x", id: "held"))
        let running = Task { await pool.run() }
        // The pool's first fetch sees the pause; the job must still be waiting after it.
        let events = f.queue.events(after: "0")
        try await f.queue.resume()
        #expect(try await QueueFixture.eventually { runs.snapshot["held"] == 1 })
        var kinds: [QueueEvent.Kind] = []
        for try await event in events {
            kinds.append(event.kind)
            if event.kind == .completed { break }
        }
        // No job became active before the queue was resumed.
        #expect(kinds.firstIndex(of: .resumed)! < kinds.firstIndex(of: .active)!)
        pool.stop()
        await running.value
    }

    @Test func twoPoolsRaceForTenThousandJobs() async throws {
        var qo = QueueOptions()
        qo.keepCompleted = -1
        let f = try QueueFixture(options: qo)
        defer { Task { await f.tearDown() } }
        let runs = Runs()
        let pools = (0..<2).map { i in
            WorkerPool(
                queue: f.queue,
                options: Self.options {
                    $0.concurrency = 10
                    $0.workerID = "pool\(i)"
                }
            ) { runs.record($0.job.id) }
        }
        let running = pools.map { pool in Task { await pool.run() } }
        try await f.queue.enqueue((0..<10_000).map { NewJob.text("\($0)", id: "r\($0)") })
        #expect(try await QueueFixture.eventually(timeout: .seconds(120)) { try await f.queue.stats().completed == 10_000 })
        pools.forEach { $0.stop() }
        for task in running { await task.value }
        let counts = runs.snapshot
        #expect(counts.count == 10_000)
        #expect(counts.values.allSatisfy { $0 == 1 })
        let stats = try await f.queue.stats()
        let leftovers: [Int] = [stats.waiting, stats.active, stats.delayed, stats.failed]
        #expect(leftovers == [0, 0, 0, 0])
        #expect(stats.completed == 10_000)
        let (_, done) = try await f.queue.jobs(in: .completed, limit: 1_000)
        let workers = Set(done.compactMap(\.worker))
        #expect(workers == ["pool0", "pool1"])
    }
}
