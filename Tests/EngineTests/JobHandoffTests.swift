import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Engine

/// Jobs an enqueue hands straight to an idle fetcher, against the real Redis: the offer, the inbox,
/// and every way the offer ends (used, lapsed, paused, retired, its worker gone).
@Suite(.enabled(if: TestServices.enabled))
struct JobHandoffTests {
    /// The raw elements of `worker`'s inbox.
    static func inbox(_ f: QueueFixture, _ worker: String) async throws -> [[UInt8]] {
        try await f.redis.send(RedisCommand("LRANGE", f.queue.keys.inbox(worker), 0, -1)).array?.compactMap(\.bytes) ?? []
    }

    @Test func anIdleFetcherGetsTheNextJobActiveInItsInbox() async throws {
        let clock = ManualQueueClock()
        let f = try QueueFixture(clock: clock)
        defer { Task { await f.tearDown() } }
        let q = f.queue
        let events = q.events(after: "0")
        let none = try await q.fetch(count: 3, worker: "w1", offerUntil: clock.nowMilliseconds() + 5_000)
        #expect(none.jobs.isEmpty)

        #expect(try await q.enqueue(.text("hello", id: "h1")) == .init(id: "h1", duplicate: false, handedOver: true))
        let job = try #require(try await q.job("h1"))
        #expect(job.state == .active)
        #expect(job.worker == "w1")
        #expect(job.attemptsMade == 1)
        #expect(job.startedAt == clock.nowMilliseconds())
        let elements = try await Self.inbox(f, "w1")
        #expect(elements.count == 1)
        let handed = try #require(elements.first.flatMap(HandedJob.init))
        #expect(handed.active.job.id == "h1")
        #expect(handed.active.job.payload == Array("hello".utf8))
        #expect(handed.active.job.state == .active)
        #expect(handed.lockedUntil == clock.nowMilliseconds() + q.options.lockDuration.milliseconds)

        // The offer was used up: the next job joins the line.
        try await q.enqueue(.text("later", id: "h2"))
        #expect(try await q.job("h2")?.state == .waiting)

        // The handed job's token completes it; a fetch by its worker takes it from the inbox too.
        let fetched = try await q.fetch(count: 1, worker: "w1")
        #expect(fetched.jobs.map(\.job.id) == ["h1"])
        #expect(fetched.jobs.first?.token == handed.active.token)
        #expect(try await Self.inbox(f, "w1").isEmpty)
        #expect(try await q.complete(handed.active).accepted)
        #expect(try await q.job("h1")?.state == .completed)

        var kinds: [QueueEvent.Kind] = []
        for try await event in events where event.jobID == "h1" {
            kinds.append(event.kind)
            if kinds.count == 3 { break }
        }
        #expect(kinds == [.enqueued, .active, .completed])
    }

    @Test func noHandoffOnceTheOfferLapsesOrWhilePaused() async throws {
        let clock = ManualQueueClock()
        let f = try QueueFixture(clock: clock)
        defer { Task { await f.tearDown() } }
        let q = f.queue
        _ = try await q.fetch(count: 1, worker: "w1", offerUntil: clock.nowMilliseconds() + 1_000)
        clock.advance(by: .seconds(2))
        try await q.enqueue(.text("x", id: "lapsed"))
        #expect(try await q.job("lapsed")?.state == .waiting)
        #expect(try await q.fetch(count: 1, worker: "w1").jobs.map(\.job.id) == ["lapsed"])

        _ = try await q.fetch(count: 1, worker: "w2", offerUntil: clock.nowMilliseconds() + 5_000)
        try await q.pause()
        try await q.enqueue(.text("x", id: "paused"))
        #expect(try await q.job("paused")?.state == .waiting)
        #expect(try await Self.inbox(f, "w2").isEmpty)

        // A paused queue takes no offers; a delayed job is never handed over.
        try await q.resume()
        _ = try await q.fetch(count: 1, worker: "w3", offerUntil: clock.nowMilliseconds() + 5_000)
        try await q.enqueue(.text("x", id: "delayed", delay: .seconds(5)))
        #expect(try await q.job("delayed")?.state == .delayed)
    }

    @Test func bulkEnqueueHandsOverOnlyWhileNothingWaits() async throws {
        let clock = ManualQueueClock()
        let f = try QueueFixture(clock: clock)
        defer { Task { await f.tearDown() } }
        let q = f.queue
        for worker in ["a", "b"] { _ = try await q.fetch(count: 1, worker: worker, offerUntil: clock.nowMilliseconds() + 5_000) }
        try await q.enqueue((0..<5).map { NewJob.text("\($0)", id: "j\($0)") })
        let states = try await (0..<5).asyncMap { try await q.job("j\($0)")?.state }
        #expect(states == [.active, .active, .waiting, .waiting, .waiting])
        #expect(Set(try await (0..<2).asyncMap { try await q.job("j\($0)")?.worker }) == ["a", "b"])
        // The line keeps its order behind them.
        #expect(try await q.fetch(count: 3, worker: "c").jobs.map(\.job.id) == ["j2", "j3", "j4"])
    }

    @Test func retiringHandsInboxJobsBackAndTheirTokensAreRefused() async throws {
        let clock = ManualQueueClock()
        let f = try QueueFixture(clock: clock)
        defer { Task { await f.tearDown() } }
        let q = f.queue
        _ = try await q.fetch(count: 1, worker: "w1", offerUntil: clock.nowMilliseconds() + 5_000)
        try await q.enqueue(.text("x", id: "r"))
        let handed = try #require(try await Self.inbox(f, "w1").first.flatMap(HandedJob.init))

        #expect(try await q.retire(worker: "w1") == 1)
        let job = try #require(try await q.job("r"))
        #expect(job.state == .waiting)
        #expect(job.attemptsMade == 0)
        #expect(try await Self.inbox(f, "w1") == [[]])  // only the element that wakes its BLPOP
        #expect(try await q.complete(handed.active).accepted == false)
        // No offer is left: the next job joins the line too.
        try await q.enqueue(.text("x", id: "r2"))
        #expect(try await q.job("r2")?.state == .waiting)
        #expect(try await q.fetch(count: 2, worker: "w2").jobs.map(\.job.id) == ["r", "r2"])
    }

    @Test func aJobHandedToAVanishedWorkerIsRecoveredAsStalled() async throws {
        let clock = ManualQueueClock()
        var options = QueueOptions()
        options.lockDuration = .seconds(10)
        let f = try QueueFixture(options: options, clock: clock)
        defer { Task { await f.tearDown() } }
        let q = f.queue
        _ = try await q.fetch(count: 1, worker: "gone", offerUntil: clock.nowMilliseconds() + 5_000)
        try await q.enqueue(.text("x", id: "v"))
        #expect(try await q.job("v")?.state == .active)

        clock.advance(by: .seconds(11))
        #expect(try await q.recoverStalled() == (1, []))
        let second = try #require(try await q.fetch(count: 1, worker: "alive").jobs.first)
        #expect(second.job.id == "v")
        // Should the vanished worker come back, its inbox no longer gives it the job.
        #expect(try await q.fetch(count: 1, worker: "gone").jobs.isEmpty)
        #expect(try await q.complete(second).accepted)
    }

    @Test(arguments: ["", "3:abc", "x:1", "5:ab", "2:10", "2:102:id"])
    func malformedInboxElementsAreIgnored(text: String) {
        #expect(HandedJob(Array(text.utf8)) == nil)
    }

    @Test func anIdlePoolRunsAJobHandedToIt() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let ran = Mutex<[String]>([])
        var options = WorkerPoolOptions()
        options.workerID = "pool-h"
        options.maxIdleBlock = .seconds(30)  // the pool fetches again only when woken
        let pool = WorkerPool(queue: f.queue, options: options) { active in ran.withLock { $0.append(active.job.id) } }
        let running = Task { await pool.run() }
        let offered = try await QueueFixture.eventually {
            try await f.queue.offeringWorkers().contains("pool-h")
        }
        #expect(offered)
        #expect(try await f.queue.enqueue(.text("x", id: "p1")).handedOver)
        #expect(try await QueueFixture.eventually { try await f.queue.job("p1")?.state == .completed })
        // It offers again once the job is taken.
        #expect(
            try await QueueFixture.eventually {
                try await f.queue.offeringWorkers().contains("pool-h")
            })
        pool.stop()
        await running.value
        #expect(ran.withLock { $0 } == ["p1"])
        #expect(try await !f.queue.offeringWorkers().contains("pool-h"))
        #expect(try await f.queue.enqueue(.text("x", id: "p2")).handedOver == false)
        #expect(try await f.queue.job("p2")?.state == .waiting)
    }
}

extension Range where Bound == Int {
    /// Maps in order, awaiting each element.
    fileprivate func asyncMap<T>(_ transform: (Int) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for i in self { out.append(try await transform(i)) }
        return out
    }
}
