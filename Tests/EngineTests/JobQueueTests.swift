import TestSupport
import Testing

@testable import Engine

/// Every transition of the queue, one call at a time, against the real Redis, with a manual clock.
@Suite(.enabled(if: TestServices.enabled))
struct JobQueueTests {
    @Test func lifecycleOfOneJob() async throws {
        let clock = ManualQueueClock()
        let f = try QueueFixture(clock: clock)
        defer { Task { await f.tearDown() } }
        let q = f.queue
        let events = q.events(after: "0")
        let added = try await q.enqueue(.text("hello", id: "a1"))
        #expect(added == .init(id: "a1", duplicate: false))
        #expect(try await q.job("a1")?.state == .waiting)

        let handoff = try await q.fetch(count: 5, worker: "w1")
        #expect(handoff.jobs.count == 1)
        let active = try #require(handoff.jobs.first)
        #expect(active.job.payload == Array("hello".utf8))
        #expect(active.job.attemptsMade == 1)
        #expect(active.job.worker == "w1")
        #expect(try await q.job("a1")?.state == .active)

        clock.advance(by: .milliseconds(250))
        let done = try await q.complete(active)
        #expect(done.accepted)
        let job = try #require(try await q.job("a1"))
        #expect(job.state == .completed)
        #expect(job.finishedAt == clock.nowMilliseconds())

        var kinds: [QueueEvent.Kind] = []
        for try await event in events {
            #expect(event.jobID == "a1")
            kinds.append(event.kind)
            if kinds.count == 3 { break }
        }
        #expect(kinds == [.enqueued, .active, .completed])
    }

    @Test func enqueueWithTheSameIDIsIdempotent() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let first = try await f.queue.enqueue(.text("one", id: "fire:42"))
        let second = try await f.queue.enqueue(.text("two", id: "fire:42"))
        #expect(!first.duplicate)
        #expect(second.duplicate)
        let stats = try await f.queue.stats()
        #expect(stats.waiting == 1)
        #expect(try await f.queue.job("fire:42")?.payload == Array("one".utf8))
    }

    @Test func bulkEnqueueNumbersJobsAndReportsDuplicates() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        var jobs = (0..<2_500).map { NewJob.text("\($0)") }
        jobs.append(.text("x", id: "dup"))
        jobs.append(.text("y", id: "dup"))
        let results = try await f.queue.enqueue(jobs)
        #expect(results.count == 2_502)
        #expect(Set(results.map(\.id)).count == 2_501)
        #expect(results.filter(\.duplicate).map(\.id) == ["dup"])
        #expect(try await f.queue.stats().waiting == 2_501)
        // The three calls went back to back, yet the jobs wait in the order given.
        let taken = try await f.queue.fetch(count: 3_000, worker: "w").jobs.map(\.job.id)
        #expect(taken == results.filter { !$0.duplicate }.map(\.id))
    }

    @Test(arguments: ["", "a b", "a{b}", String(repeating: "x", count: 201), "tab\there"])
    func badJobIDsAreRefused(id: String) async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        await #expect(throws: QueueError.self) { try await f.queue.enqueue(.text("x", id: id)) }
        #expect(try await f.queue.stats().waiting == 0)
    }

    @Test func delayedJobsWaitForTheirDueTime() async throws {
        let clock = ManualQueueClock()
        let f = try QueueFixture(clock: clock)
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue(.text("later", id: "d", delay: .seconds(5)))
        #expect(try await f.queue.job("d")?.state == .delayed)
        var handoff = try await f.queue.fetch(count: 1, worker: "w")
        #expect(handoff.jobs.isEmpty)
        #expect(handoff.nextDue == clock.nowMilliseconds() + 5_000)
        clock.advance(by: .milliseconds(4_999))
        #expect(try await f.queue.fetch(count: 1, worker: "w").jobs.isEmpty)
        clock.advance(by: .milliseconds(1))
        handoff = try await f.queue.fetch(count: 1, worker: "w")
        #expect(handoff.jobs.map(\.job.id) == ["d"])
        #expect(handoff.nextDue == nil)
    }

    @Test func failedAttemptsRetryThenFailForGood() async throws {
        let clock = ManualQueueClock()
        let f = try QueueFixture(clock: clock)
        defer { Task { await f.tearDown() } }
        let q = f.queue
        try await q.enqueue(.text("flaky", id: "r", options: JobOptions(attempts: 2, backoff: .fixed(.seconds(3)))))
        var active = try #require(try await q.fetch(count: 1, worker: "w").jobs.first)
        var handoff = try await q.fail(active, error: "HTTP 503", retryDelay: .seconds(3))
        #expect(handoff.accepted)
        var job = try #require(try await q.job("r"))
        #expect(job.state == .delayed)
        #expect(job.lastError == "HTTP 503")
        #expect(job.attemptsMade == 1)

        clock.advance(by: .seconds(3))
        active = try #require(try await q.fetch(count: 1, worker: "w").jobs.first)
        #expect(active.job.attemptsMade == 2)
        handoff = try await q.fail(active, error: "HTTP 503 again", retryDelay: nil)
        #expect(handoff.accepted)
        job = try #require(try await q.job("r"))
        #expect(job.state == .failed)
        let stats = try await q.stats()
        #expect(stats.failed == 1)
        #expect(stats.failedTotal == 1)
        #expect(stats.failedPerMinute.last == 1)
    }

    @Test func zeroDelayRetryGoesBackInLine() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue(.text("x", id: "z"))
        let active = try #require(try await f.queue.fetch(count: 1, worker: "w").jobs.first)
        // Fail and take the next job in one call: the retried job itself comes back.
        let handoff = try await f.queue.fail(active, error: "boom", retryDelay: .zero, fetch: 1, worker: "w")
        #expect(handoff.jobs.map(\.job.id) == ["z"])
        #expect(handoff.jobs.first?.job.attemptsMade == 2)
    }

    @Test func completionWithAStaleTokenIsRefused() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue(.text("x", id: "t"))
        let active = try #require(try await f.queue.fetch(count: 1, worker: "w").jobs.first)
        let forged = ActiveJob(job: active.job, token: "not-the-token")
        #expect(try await f.queue.complete(forged).accepted == false)
        #expect(try await f.queue.fail(forged, error: "x", retryDelay: nil).accepted == false)
        #expect(try await f.queue.job("t")?.state == .active)
        #expect(try await f.queue.complete(active).accepted)
    }

    @Test func stalledJobsReturnAndTheLateWorkerIsRefused() async throws {
        let clock = ManualQueueClock()
        var options = QueueOptions()
        options.lockDuration = .seconds(10)
        options.maxStalls = 1
        let f = try QueueFixture(options: options, clock: clock)
        defer { Task { await f.tearDown() } }
        let q = f.queue
        try await q.enqueue(.text("x", id: "s"))
        let first = try #require(try await q.fetch(count: 1, worker: "slow").jobs.first)

        clock.advance(by: .seconds(5))
        #expect(try await q.extendLocks([first]).isEmpty)
        clock.advance(by: .seconds(9))
        #expect(try await q.recoverStalled() == (0, []))  // renewed: not stalled yet
        clock.advance(by: .seconds(2))
        #expect(try await q.recoverStalled() == (1, []))
        var job = try #require(try await q.job("s"))
        #expect(job.state == .waiting)
        #expect(job.stalls == 1)
        #expect(job.attemptsMade == 0)

        let second = try #require(try await q.fetch(count: 1, worker: "fast").jobs.first)
        #expect(try await q.complete(first).accepted == false)
        #expect(try await q.extendLocks([first]) == ["s"])
        #expect(try await q.complete(second).accepted)
        job = try #require(try await q.job("s"))
        #expect(job.state == .completed)
        #expect(job.worker == "fast")
    }

    @Test func jobsThatStallTooOftenFail() async throws {
        let clock = ManualQueueClock()
        var options = QueueOptions()
        options.lockDuration = .seconds(1)
        options.maxStalls = 1
        let f = try QueueFixture(options: options, clock: clock)
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue(.text("x", id: "s2"))
        for expected in [(1, [String]()), (0, ["s2"])] {
            _ = try #require(try await f.queue.fetch(count: 1, worker: "w").jobs.first)
            clock.advance(by: .seconds(2))
            #expect(try await f.queue.recoverStalled() == expected)
        }
        let job = try #require(try await f.queue.job("s2"))
        #expect(job.state == .failed)
        #expect(job.lastError == "stalled")
        #expect(try await f.queue.stats().stalledTotal == 2)
    }

    @Test func pauseStopsFetchingAndResumeRestartsIt() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue(.text("x", id: "p"))
        #expect(try await f.queue.pause())
        #expect(try await f.queue.pause() == false)
        let paused = try await f.queue.fetch(count: 1, worker: "w")
        #expect(paused.paused)
        #expect(paused.jobs.isEmpty)
        #expect(try await f.queue.stats().paused)
        #expect(try await f.queue.resume())
        #expect(try await f.queue.fetch(count: 1, worker: "w").jobs.map(\.job.id) == ["p"])
    }

    @Test func retentionByCountDeletesTheOldest() async throws {
        let clock = ManualQueueClock()
        var options = QueueOptions()
        options.keepCompleted = 5
        let f = try QueueFixture(options: options, clock: clock)
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue((0..<10).map { NewJob.text("\($0)", id: "k\($0)") })
        for _ in 0..<10 {
            let active = try #require(try await f.queue.fetch(count: 1, worker: "w").jobs.first)
            clock.advance(by: .milliseconds(1))
            _ = try await f.queue.complete(active)
        }
        let (total, kept) = try await f.queue.jobs(in: .completed)
        #expect(total == 5)
        #expect(kept.map(\.id) == ["k9", "k8", "k7", "k6", "k5"])
        #expect(try await f.queue.job("k0") == nil)
        #expect(try await f.queue.stats().completedTotal == 10)
    }

    @Test func retentionByAgeCleansAnIdleQueue() async throws {
        let clock = ManualQueueClock()
        var options = QueueOptions()
        options.maxAgeCompleted = .seconds(60)
        options.maxAgeFailed = .seconds(60)
        let f = try QueueFixture(options: options, clock: clock)
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue([.text("a", id: "old"), .text("b", id: "bad")])
        let jobs = try await f.queue.fetch(count: 2, worker: "w").jobs
        for active in jobs {
            if active.job.id == "old" {
                _ = try await f.queue.complete(active)
            } else {
                _ = try await f.queue.fail(active, error: "x", retryDelay: nil)
            }
        }
        clock.advance(by: .seconds(59))
        #expect(try await f.queue.clean() == (1, 1))
        clock.advance(by: .seconds(2))
        #expect(try await f.queue.clean() == (0, 0))
        #expect(try await f.queue.job("old") == nil)
        #expect(try await f.queue.job("bad") == nil)
    }

    @Test func statsCountStatesThroughputAndOldestWait() async throws {
        let clock = ManualQueueClock(1_800_000_000_000)  // a minute boundary
        let f = try QueueFixture(clock: clock)
        defer { Task { await f.tearDown() } }
        let q = f.queue
        try await q.enqueue((0..<4).map { NewJob.text("\($0)") })
        try await q.enqueue(.text("later", delay: .seconds(600)))
        for _ in 0..<2 {
            _ = try await q.complete(try #require(try await q.fetch(count: 1, worker: "w").jobs.first))
        }
        clock.advance(by: .seconds(61))
        _ = try await q.complete(try #require(try await q.fetch(count: 1, worker: "w").jobs.first))
        _ = try #require(try await q.fetch(count: 1, worker: "w").jobs.first)  // stays active
        try await q.enqueue(.text("fresh"))
        clock.advance(by: .seconds(3))

        let stats = try await q.stats()
        #expect(stats.waiting == 1)
        #expect(stats.active == 1)
        #expect(stats.delayed == 1)
        #expect(stats.completed == 3)
        #expect(stats.failed == 0)
        #expect(stats.completedTotal == 3)
        #expect(stats.completedPerMinute.suffix(2) == [2, 1])
        #expect(stats.completedPerMinute.reduce(0, +) == 3)
        #expect(stats.oldestWaiting == .seconds(3))
    }

    @Test func operatorActions() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let q = f.queue
        try await q.enqueue([.text("a", id: "ok"), .text("b", id: "ko", options: JobOptions(attempts: 1))])
        for active in try await q.fetch(count: 2, worker: "w").jobs {
            if active.job.id == "ok" { _ = try await q.complete(active) } else { _ = try await q.fail(active, error: "x", retryDelay: nil) }
        }
        // retry: only failed jobs, from attempt 1
        await #expect(throws: QueueError.self) { try await q.retry("ok") }
        try await q.retry("ko")
        var job = try #require(try await q.job("ko"))
        #expect(job.state == .waiting)
        #expect(job.attemptsMade == 0)
        // rerun: a new job linked to the original
        let newID = try await q.rerun("ok", traceID: "trace-1")
        let copy = try #require(try await q.job(newID))
        #expect(copy.rerunOf == "ok")
        #expect(copy.payload == Array("a".utf8))
        #expect(copy.traceID == "trace-1")
        #expect(copy.state == .waiting)
        // Rerun ids name what the original's id names first, and never repeat (in any queue).
        #expect(newID.hasPrefix("ok:rerun:"))
        let second = try await q.rerun("ok")
        #expect(second != newID && second.hasPrefix("ok:rerun:"))
        try await q.remove(second)
        #expect(JobQueue.rerunID(of: "17:1796646510000").hasPrefix("17:rerun:"))
        await #expect(throws: QueueError.self) { try await q.rerun("ko") }  // waiting, not finished
        // remove
        try await q.remove("ko")
        #expect(try await q.job("ko") == nil)
        await #expect(throws: QueueError.self) { try await q.remove("ko") }
        job = try #require(try await q.job("ok"))
        #expect(job.state == .completed)
        let waiting = try await q.jobs(in: .waiting)
        #expect(waiting.total == 1)
        #expect(waiting.jobs.map(\.id) == [newID])
    }

    @Test func listingPagesThroughAState() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue((0..<25).map { NewJob.text("\($0)", id: "j\($0)") })
        var seen: [String] = []
        var offset = 0
        while true {
            let page = try await f.queue.jobs(in: .waiting, offset: offset, limit: 10)
            #expect(page.total == 25)
            if page.jobs.isEmpty { break }
            seen += page.jobs.map(\.id)
            offset += page.jobs.count
        }
        #expect(seen == (0..<25).map { "j\($0)" })  // next to run first
    }

    @Test func eventsResumeAfterTheLastSeenID() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue([.text("a", id: "e1"), .text("b", id: "e2"), .text("c", id: "e3")])
        var firstTwo: [QueueEvent] = []
        for try await event in f.queue.events(after: "0") {
            firstTwo.append(event)
            if firstTwo.count == 2 { break }
        }
        #expect(firstTwo.map(\.jobID) == ["e1", "e2"])
        var rest: [String] = []
        for try await event in f.queue.events(after: firstTwo[1].streamID) {
            rest.append(event.jobID)
            break
        }
        #expect(rest == ["e3"])
    }
}
