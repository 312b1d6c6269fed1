import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Engine

/// Promises about time: blocking C calls never hold up the cooperative pool, and delayed jobs start
/// on time. `make test` runs this suite on its own, after the others, so the rest of the suite
/// competing for two cores does not blur what it measures.
@Suite(.serialized, .enabled(if: TestServices.enabled))
struct TimingTests {
    /// An actor pinned to a thread of its own, making a blocking call.
    private actor Blocker {
        let executor: DedicatedThreadExecutor
        nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
        init(name: String) { executor = DedicatedThreadExecutor(name: name) }
        func block(milliseconds: UInt32) { usleep(milliseconds * 1000) }
    }

    @Test func blockingActorsLeaveTheCooperativePoolFree() async throws {
        let blockers = (0..<5).map { Blocker(name: "blocker-\($0)") }
        defer { blockers.forEach { $0.executor.shutdown() } }
        let (lateness, elapsed) = try await TickerProbe.run(
            every: .milliseconds(50), ticks: 12,
            while: blockers.map { b in { await b.block(milliseconds: 800) } })
        // Blocking the pool's two threads would make the ticker at least 800 ms late.
        #expect(lateness < .milliseconds(50))
        #expect(elapsed < .milliseconds(1_500))  // the five blocked side by side
    }

    @Test func tickerStaysOnTimeWhileFiveRedisConnectionsBlock() async throws {
        let endpoint = try TestServices.redisEndpoint()
        let prefix = TestServices.uniqueName("test:timing")
        let blockers = (0..<5).map { _ in RedisConnection(endpoint: endpoint) }
        defer { blockers.forEach { $0.close() } }
        let (lateness, elapsed) = try await TickerProbe.run(
            every: .milliseconds(100), ticks: 20,
            while: blockers.enumerated().map { i, blocker in
                { @Sendable () async throws -> Void in
                    var command = RedisCommand("BLMOVE", "\(prefix):empty\(i)", "\(prefix):dest\(i)", "LEFT", "RIGHT", 2)
                    command.blockingTimeout = .seconds(2)
                    let reply = try await blocker.send(command)
                    #expect(reply == .null)
                }
            })
        #expect(lateness < .milliseconds(50))
        #expect(elapsed >= .milliseconds(2_000))
        #expect(elapsed < .milliseconds(3_000))  // the five blocked side by side
    }

    @Test func tickerStaysOnTimeWhilePostgresConnectionsSleep() async throws {
        try await TestDatabase.withSchema { database in
            let pool = PostgresPool(endpoint: database.endpoint, size: 4)
            // Open the connections first, so only the sleeps are measured.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { _ = try await pool.withConnection { db in try await db.query("SELECT 1") } } }
                try await group.waitForAll()
            }
            let (lateness, elapsed) = try await TickerProbe.run(
                every: .milliseconds(100), ticks: 12,
                while: (0..<4).map { _ in { _ = try await pool.query("SELECT pg_sleep(1)") } })
            #expect(lateness < .milliseconds(50))
            #expect(elapsed < .milliseconds(1_900))  // the four sleeps ran side by side
            await pool.close()
        }
    }

    @Test func delayedJobsRunWithinFiftyMillisecondsOfTheirDueTime() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let started = Mutex<[String: Int64]>([:])
        let clock = SystemQueueClock()
        let pool = WorkerPool(queue: f.queue) { active in
            started.withLock { $0[active.job.id] = clock.nowMilliseconds() }
        }
        let running = Task { await pool.run() }
        // A first job proves the pool is up and has gone back to blocking on the marker list.
        try await f.queue.enqueue(.text("warm", id: "warm"))
        #expect(try await QueueFixture.eventually { started.withLock { $0["warm"] != nil } })
        var due: [String: Int64] = [:]
        for (i, delay) in [300, 700, 1_100].enumerated() {
            let id = "d\(i)"
            due[id] = clock.nowMilliseconds() + Int64(delay)
            try await f.queue.enqueue(.text("x", id: id, delay: .milliseconds(delay)))
        }
        #expect(try await QueueFixture.eventually { started.withLock { s in s.count == 4 } })
        pool.stop()
        await running.value
        for (id, dueAt) in due {
            let at = try #require(started.withLock { $0[id] })
            #expect(at >= dueAt, "\(id) ran early")
            #expect(at - dueAt <= 50, "\(id) ran \(at - dueAt) ms late")
        }
    }

    @Test func retriesWithBackoffUntilItSucceeds() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let starts = Mutex<[ContinuousClock.Instant]>([])
        let pool = WorkerPool(queue: f.queue, options: WorkerPoolTests.options()) { active in
            let n = starts.withLock {
                $0.append(ContinuousClock.now)
                return $0.count
            }
            if n < 3 { throw JobFailure("HTTP 503") }
        }
        let running = Task { await pool.run() }
        try await f.queue.enqueue(.text("x", id: "b", options: JobOptions(attempts: 3, backoff: .fixed(.milliseconds(200)))))
        #expect(try await QueueFixture.eventually { try await f.queue.job("b")?.state == .completed })
        pool.stop()
        await running.value
        let times = starts.withLock { $0 }
        #expect(times.count == 3)
        for i in 1..<times.count {
            let gap = times[i] - times[i - 1]
            #expect(gap >= .milliseconds(200))
            #expect(gap < .milliseconds(200 + 150))
        }
        #expect(try await f.queue.job("b")?.attemptsMade == 3)
    }

    @Test func locksAreRenewedWhileAJobRuns() async throws {
        var qo = QueueOptions()
        qo.lockDuration = .milliseconds(300)
        let f = try QueueFixture(options: qo)
        defer { Task { await f.tearDown() } }
        let pool = WorkerPool(queue: f.queue, options: WorkerPoolTests.options()) { _ in try await Task.sleep(for: .milliseconds(1_000)) }
        let running = Task { await pool.run() }
        try await f.queue.enqueue(.text("x", id: "long"))
        #expect(try await QueueFixture.eventually { try await f.queue.job("long")?.state == .completed })
        pool.stop()
        await running.value
        let job = try #require(try await f.queue.job("long"))
        #expect(job.stalls == 0)
        #expect(job.attemptsMade == 1)
    }

    @Test func scheduledFiresAreEnqueuedWithinFiftyMillisecondsOfTheirSlot() async throws {
        let lags = try await Self.fireLags(schedules: 20, seconds: 3)
        #expect(lags.count == 20 * 3)
        #expect(lags.allSatisfy { (0...50).contains($0) }, "lags \(lags.sorted())")
    }

    /// The scheduler runs on a thread of its own: work that holds every thread of the cooperative
    /// pool for seconds (here, more tasks than it has threads, each blocking 3 s) does not make a
    /// slot late. On the pool, each slot of those seconds would be up to 3 s late, and counted missed.
    @Test func scheduledFiresStayOnTimeWhileTheCooperativePoolIsBusy() async throws {
        let lags = try await Self.fireLags(schedules: 5, seconds: 3) {
            for _ in 0..<(2 * ProcessInfo.processInfo.activeProcessorCount) {
                Task.detached { usleep(3_000_000) }
            }
        }
        #expect(lags.count == 5 * 3)
        #expect(lags.allSatisfy { (0...100).contains($0) }, "lags \(lags.sorted())")
    }

    /// The timer under the scheduler's clock: a task on a dedicated thread, sleeping on that thread's
    /// timer, wakes on time while every thread of the pool is held, and at once when cancelled.
    @Test func aDedicatedThreadsTimerWakesOnTimeWhileThePoolIsHeld() async throws {
        let executor = DedicatedThreadExecutor(name: "timer-test")
        defer { executor.shutdown() }
        let sleeper = Task(executorPreference: executor) {
            try await DedicatedThreadExecutor.$current.withValue(executor) {
                let due = ContinuousClock.now + .milliseconds(500)
                try await DedicatedThreadExecutor.sleep(for: .milliseconds(500))
                return ContinuousClock.now - due
            }
        }
        for _ in 0..<(2 * ProcessInfo.processInfo.activeProcessorCount) {
            Task.detached { usleep(1_500_000) }
        }
        let lateness = try await sleeper.value
        #expect(lateness >= .zero && lateness < .milliseconds(100), "woke \(lateness) late")

        let long = Task(executorPreference: executor) {
            try await DedicatedThreadExecutor.$current.withValue(executor) {
                try await DedicatedThreadExecutor.sleep(for: .seconds(60))
            }
        }
        let cancelled = ContinuousClock.now
        long.cancel()
        await #expect(throws: CancellationError.self) { try await long.value }
        #expect(ContinuousClock.now - cancelled < .seconds(2))
    }

    /// `schedules` every-second schedules on a real scheduler; the enqueue lag (ms) of each of their
    /// slots in the `seconds` whole seconds after it leads, `meanwhile` started as the first begins.
    static func fireLags(schedules: Int, seconds: Int64, meanwhile: @Sendable () -> Void = {}) async throws -> [Int64] {
        try await TestDatabase.withSchema { database in
            let pool = PostgresPool(endpoint: database.endpoint, size: 4)
            try await pool.withConnection { _ = try await MigrationRunner().run(on: $0) }
            let f = try QueueFixture()
            let service = ScheduleService(database: pool, queue: f.queue)
            var ids: [Int64] = []
            for i in 0..<schedules {
                let input = ScheduleInput(name: "t\(i)", cron: "* * * * * *", url: "http://127.0.0.1:9/")
                ids.append(try await service.create(input, by: .init(actor: "test", interface: .cli)).id)
            }
            let scheduler = Scheduler(queue: f.queue, database: pool)
            let task = Task { try? await scheduler.run() }
            #expect(try await QueueFixture.eventually { scheduler.status.isLeader && scheduler.status.schedules == schedules })
            let clock = SystemQueueClock()
            let from = (clock.nowMilliseconds() / 1_000 + 1) * 1_000
            let to = from + seconds * 1_000
            try await Task.sleep(for: .milliseconds(from - clock.nowMilliseconds()))
            meanwhile()
            let last = try #require(ids.last)
            #expect(
                try await QueueFixture.eventually {
                    try await FireLedger(pool: pool).fires(scheduleID: last, limit: 1).first.map { $0.scheduledFor >= to && $0.enqueuedAt != nil }
                        ?? false
                })
            scheduler.shutdown()
            await task.value
            var lags: [Int64] = []
            for id in ids {
                for fire in try await FireLedger(pool: pool).fires(scheduleID: id, limit: 100) where (from..<to).contains(fire.scheduledFor) {
                    lags.append((fire.enqueuedAt ?? .max) - fire.scheduledFor)
                }
            }
            await f.tearDown()
            await pool.close()
            return lags
        }
    }

    @Test func scheduleChangesTakeEffectWithinASecond() async throws {
        try await SchedulerTests.changeLive { took in
            let started = ContinuousClock.now
            let held = await QueueFixture.eventually(timeout: .seconds(5)) { await took() }
            return held && ContinuousClock.now - started < .seconds(1)
        }
    }
}
