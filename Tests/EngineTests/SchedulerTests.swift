import Foundation
import TestSupport
import Testing

@testable import Engine

/// The scheduler against the real Redis and PostgreSQL, with an injected clock the tests move.
@Suite(.enabled(if: TestServices.enabled))
struct SchedulerTests {
    @Test func everySecondScheduleFiresExactlyTenTimesInTenSeconds() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("tick", cron: "* * * * * *")
            let running = try await h.start()
            // Ten seconds in steps of 100 ms, as a real clock would pass them.
            for _ in 0..<100 {
                h.clock.advance(by: .milliseconds(100))
                await running.scheduler.settle()
            }
            await running.stop()
            let fires = try await h.fires(schedule)
            #expect(h.seconds(fires) == Array(1...10))
            #expect(fires.allSatisfy { $0.status == .enqueued && $0.enqueuedAt != nil && $0.reason == nil })
            #expect(fires.allSatisfy { ($0.enqueuedAt ?? .max) - $0.scheduledFor <= 100 })
            #expect(try await h.jobIDs() == Set(fires.map { "\(schedule.id):\($0.scheduledFor)" }))
            let job = try #require(try await h.queue.job(fires[0].jobID ?? ""))
            let payload = try HTTPJob.decode(job.payload)
            #expect(payload.scheduleID == schedule.id && payload.scheduledFor == fires[0].scheduledFor)
            #expect(payload.trigger == .cron && payload.request.url == schedule.definition.url)
            #expect(job.traceID == fires[0].traceID)
        }
    }

    @Test func slotsArePlannedAheadAndClaimedAtTheirInstant() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("tick", cron: "* * * * * *")
            let running = try await h.start()
            let slot = SchedulerHarness.defaultStart + 500
            h.clock.set(slot - 100)
            await running.scheduler.settle()
            #expect(try await h.fires(schedule).isEmpty)
            #expect(try await h.jobIDs().isEmpty)
            h.clock.set(slot)
            await running.scheduler.settle()
            #expect(try await h.jobIDs() == ["\(schedule.id):\(slot)"])
            let recorded = try await h.fires(schedule)
            #expect(recorded.map(\.scheduledFor) == [slot] && recorded[0].enqueuedAt == slot && recorded[0].createdAt == slot)
            // Stopping gracefully claims what is already planned for the next instant.
            h.clock.set(slot + 800)
            await running.scheduler.settle()
            let stopping = Task { await running.stop() }
            h.clock.set(slot + 1_000)  // the stop waits for the instant (or finds it passed)
            await stopping.value
            #expect(try await h.jobIDs().count == 2)
        }
    }

    @Test func missedSlotsAfterDowntimeFollowEachPolicy() async throws {
        try await SchedulerHarness.with { h in
            let skip = try await h.add("skip", cron: "* * * * * *")
            let once = try await h.add("once", cron: "* * * * * *", missed: "run_once")
            let all = try await h.add("all", cron: "* * * * * *", missed: "run_all:3")
            let first = try await h.start()
            await h.run(first.scheduler, for: .seconds(3))
            await first.stop()
            // Ten seconds with no scheduler, then another takes over at 13.5 s: slots 4-11 are more
            // than 2 s late (missed), 12 and 13 are on time.
            h.clock.advance(by: .seconds(10))
            let second = try await h.start()
            await second.stop()
            let enqueued = { (records: [FireRecord]) in records.filter { $0.status == .enqueued } }
            let missed = { (records: [FireRecord]) in records.filter { $0.status == .missed } }
            let catchUps = { (records: [FireRecord]) in records.filter { $0.reason == .catchUp } }
            for schedule in [skip, once, all] {
                let fires = try await h.fires(schedule)
                #expect(h.seconds(fires) == Array(1...13), "every slot recorded once: \(schedule.name)")
                #expect(Set(fires.filter { h.seconds([$0])[0] >= 4 }.map(\.instance)).count == 1)
            }
            let skipFires = try await h.fires(skip)
            #expect(h.seconds(missed(skipFires)) == Array(4...11))
            #expect(h.seconds(enqueued(skipFires)) == [1, 2, 3, 12, 13])
            let onceFires = try await h.fires(once)
            #expect(h.seconds(missed(onceFires)) == Array(4...10))
            #expect(h.seconds(catchUps(onceFires)) == [11])
            #expect(h.seconds(enqueued(onceFires)) == [1, 2, 3, 11, 12, 13])
            let allFires = try await h.fires(all)
            #expect(h.seconds(missed(allFires)) == Array(4...8))
            #expect(h.seconds(catchUps(allFires)) == [9, 10, 11])
            // The queue holds exactly the enqueued slots.
            let expected = Set([skipFires, onceFires, allFires].flatMap(enqueued).map { $0.jobID ?? "" })
            #expect(try await h.jobIDs() == expected)
        }
    }

    @Test func catchUpIsLimitedToTheWindow() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("all", cron: "* * * * * *", missed: "run_all:100")
            let options = SchedulerHarness.options { $0.catchUpWindow = .seconds(5) }
            let first = try await h.start(options)
            await h.run(first.scheduler, for: .seconds(1))
            await first.stop()
            h.clock.advance(by: .seconds(30))
            let second = try await h.start(options)
            await second.stop()
            let fires = try await h.fires(schedule)
            // Only slots of the last 5 s (27-31) are considered; 2-26 are neither run nor recorded.
            #expect(h.seconds(fires) == [1] + Array(27...31))
            #expect(fires.dropFirst().allSatisfy { $0.status == .enqueued })
        }
    }

    @Test func overlapAllowEnqueuesWhileThePreviousRunIsUnfinished() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("allow", cron: "* * * * * *")
            let running = try await h.start()
            await h.run(running.scheduler, for: .seconds(3))
            await running.stop()
            #expect(try await h.fires(schedule).map(\.status) == [.enqueued, .enqueued, .enqueued])
        }
    }

    @Test func overlapSkipRecordsSlotsDueWhileThePreviousRunIsUnfinished() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("skip", cron: "* * * * * *", overlap: "skip")
            let running = try await h.start()
            await h.run(running.scheduler, for: .seconds(3))  // 1 runs (waiting), 2 and 3 overlap it
            #expect(try await h.finishNextJob() == "\(schedule.id):\(SchedulerHarness.defaultStart + 500)")
            await h.run(running.scheduler, for: .seconds(1))  // 4 runs
            await running.stop()
            let fires = try await h.fires(schedule)
            #expect(h.seconds(fires) == [1, 2, 3, 4])
            #expect(fires.map(\.status) == [.enqueued, .skipped, .skipped, .enqueued])
            #expect(fires.map(\.reason) == [nil, .overlap, .overlap, nil])
        }
    }

    @Test func overlapQueueOneHoldsOneSlotUntilThePreviousRunFinishes() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("one", cron: "* * * * * *", overlap: "queue_one")
            let running = try await h.start()
            await h.run(running.scheduler, for: .seconds(3))  // 1 runs, 2 is held, 3 is refused
            #expect(h.seconds(try await h.fires(schedule)) == [1, 3])
            _ = try await h.finishNextJob()
            // The held slot is enqueued as soon as the scheduler sees the job finish.
            let released = try await QueueFixture.eventually {
                await running.scheduler.settle()
                return try await h.fires(schedule).count == 3
            }
            #expect(released)
            await running.stop()
            let fires = try await h.fires(schedule)
            #expect(h.seconds(fires) == [1, 2, 3])
            #expect(fires.map(\.status) == [.enqueued, .enqueued, .skipped])
            #expect(fires.map(\.reason) == [nil, .held, .queueFull])
            #expect(try await h.jobIDs().count == 2)
        }
    }

    @Test func dedupeWindowRefusesASecondFireTooSoon() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("dedupe", cron: "* * * * * *")
            let running = try await h.start(SchedulerHarness.options { $0.dedupeWindow = .milliseconds(2_500) })
            await h.run(running.scheduler, for: .seconds(7))
            await running.stop()
            let fires = try await h.fires(schedule)
            #expect(h.seconds(fires) == Array(1...7))
            #expect(h.seconds(fires.filter { $0.status == .enqueued }) == [1, 4, 7])
            #expect(fires.filter { $0.status == .skipped }.allSatisfy { $0.reason == .dedupe })
        }
    }

    @Test func scheduleIsPausedAfterTooManyFailedJobsInARow() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("flaky", cron: "* * * * * *", pauseAfter: "2")
            let running = try await h.start()
            await h.run(running.scheduler, for: .seconds(3))
            _ = try await h.finishNextJob(failing: true)
            _ = try await h.finishNextJob()  // a success resets the count
            _ = try await h.finishNextJob(failing: true)
            let counted = try await QueueFixture.eventually {
                await running.scheduler.settle()
                return try await h.store.schedule(.id(schedule.id)).consecutiveFailures == 1
            }
            #expect(counted)
            await h.run(running.scheduler, for: .seconds(1))
            _ = try await h.finishNextJob(failing: true)
            let paused = try await QueueFixture.eventually {
                await running.scheduler.settle()
                return try await !h.store.schedule(.id(schedule.id)).definition.enabled
            }
            #expect(paused)
            await h.run(running.scheduler, for: .seconds(3))
            await running.stop()
            #expect(h.seconds(try await h.fires(schedule)) == [1, 2, 3, 4])
            let audit = try await h.service.audit.recent()
            let entry = try #require(audit.first { $0.action == "schedule.auto_pause" })
            #expect(entry.actor == "scheduler" && entry.interface == .scheduler)
            #expect(entry.target == "schedule \(schedule.id) (flaky)")
            #expect(entry.details["consecutive_failures"] == "2")
            #expect(running.scheduler.status.autoPaused == 1)
        }
    }

    @Test func changesTakeEffectWhileItRuns() async throws {
        try await Self.changeLive { took in await QueueFixture.eventually(timeout: .seconds(10)) { await took() } }
    }

    /// Creates, edits, pauses, resumes and deletes a schedule while a scheduler runs; `tookEffect`
    /// says whether each change reached the scheduler (TimingTests also bounds the time it took).
    static func changeLive(_ tookEffect: (@escaping @Sendable () async -> Bool) async -> Bool) async throws {
        try await SchedulerHarness.with { h in
            let running = try await h.start()
            let scheduler = running.scheduler
            let caller = ScheduleService.Caller(actor: "test", interface: .api)
            let start = SchedulerHarness.defaultStart
            let created = try await h.add("live", cron: "*/10 * * * * *")
            #expect(await tookEffect { await scheduler.nextDue(of: created.id) == start + 9_500 })
            _ = try await h.service.update(.id(created.id), with: ScheduleInput(cron: "*/5 * * * * *"), by: caller)
            #expect(await tookEffect { await scheduler.nextDue(of: created.id) == start + 4_500 })
            _ = try await h.service.pause(.id(created.id), by: caller)
            #expect(await tookEffect { await scheduler.nextDue(of: created.id) == nil })
            _ = try await h.service.resume(.id(created.id), by: caller)
            #expect(await tookEffect { await scheduler.nextDue(of: created.id) == start + 4_500 })
            _ = try await h.service.delete(.id(created.id), by: caller)
            #expect(await tookEffect { await scheduler.nextDue(of: created.id) == nil })
            #expect(scheduler.status.schedules == 0)
            await running.stop()
        }
    }

    @Test func aLostChangeIsPickedUpByTheResync() async throws {
        try await SchedulerHarness.with { h in
            let running = try await h.start(SchedulerHarness.options { $0.resyncInterval = .seconds(30) })
            // Written behind the trigger's back: no notification.
            try await h.pool.query("ALTER TABLE schedules DISABLE TRIGGER schedules_notify")
            let schedule = try await h.add("quiet", cron: "* * * * *")
            await running.scheduler.settle()
            #expect(await running.scheduler.nextDue(of: schedule.id) == nil)
            h.clock.advance(by: .seconds(30))
            await running.scheduler.settle()
            #expect(await running.scheduler.nextDue(of: schedule.id) != nil)
            await running.stop()
        }
    }

    @Test func aSlotIsClaimedOnceAndItsLedgerRowWaitsInRedisForAnyScheduler() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("claimed", cron: "0 0 1 1 *")
            let now = h.clock.nowMilliseconds()
            let slot = now - 10_000
            let entry = FireLedger.Entry(scheduleID: schedule.id, scheduledFor: slot, status: .enqueued, traceID: "t1", instance: "gone")
            let job = NewJob(id: HTTPJob.jobID(scheduleID: schedule.id, scheduledFor: slot), payload: Array("{}".utf8), traceID: "t1")
            let claim = JobQueue.FireClaim(scheduleID: schedule.id, slot: slot, row: entry.encoded(quotedInstance: "\"gone\""), job: job)
            // A scheduler that claimed the slot, then vanished before PostgreSQL took its row.
            #expect(try await h.queue.claim([claim]) == JobQueue.ClaimResult(claimed: [true], outboxLength: 1, dropped: 0))
            // Nobody claims it (or an earlier slot) again.
            let earlier = JobQueue.FireClaim(scheduleID: schedule.id, slot: slot - 1_000, row: [], job: nil)
            #expect(try await h.queue.claim([claim, earlier]).claimed == [false, false])
            #expect(try await h.queue.claimedSlots([schedule.id, 999]) == [schedule.id: slot])
            let running = try await h.start()
            await running.scheduler.settle()
            await running.stop()
            let fires = try await h.fires(schedule)
            #expect(fires.count == 1)
            #expect(fires.first?.jobID == job.id && fires.first?.traceID == "t1" && fires.first?.instance == "gone")
            #expect(fires.first?.createdAt == now && fires.first?.enqueuedAt == now)
            #expect(try await h.jobIDs() == [job.id ?? ""])
        }
    }

    @Test func theLedgerBufferInRedisKeepsItsBoundDroppingTheOldestRows() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("bounded", cron: "0 0 1 1 *")
            let claims = (1...3).map { i in
                let entry = FireLedger.Entry(scheduleID: schedule.id, scheduledFor: Int64(i) * 1_000, status: .missed)
                return JobQueue.FireClaim(scheduleID: schedule.id, slot: Int64(i) * 1_000, row: entry.encoded(quotedInstance: "\"t\""), job: nil)
            }
            let result = try await h.queue.claim(claims, outboxBound: 2)
            #expect(result == JobQueue.ClaimResult(claimed: [true, true, true], outboxLength: 2, dropped: 1))
            let rows = try await h.queue.redis.send("LRANGE", h.queue.keys.fireOutbox, 0, -1).array?.compactMap(\.string) ?? []
            #expect(rows.count == 2 && rows[0].contains("\"scheduled_for\":2000") && rows[1].contains("\"scheduled_for\":3000"))
        }
    }

    /// The slots of a fixed-time (`30 2 * * *`) and an interval-like (`*/30 * * * *`) schedule in
    /// Berlin over the three hours from `start`, as local times.
    private func berlinFires(from start: String) async throws -> (fixed: [String], interval: [String]) {
        let start = try #require(CronInstant.parse(start)) * 1_000
        var result: (fixed: [String], interval: [String]) = ([], [])
        try await SchedulerHarness.with(start: start) { h in
            let fixed = try await h.add("fixed", cron: "30 2 * * *", tz: "Europe/Berlin")
            let interval = try await h.add("interval", cron: "*/30 * * * *", tz: "Europe/Berlin")
            let running = try await h.start()
            await h.run(running.scheduler, to: start + 3 * 3_600_000)
            await running.stop()
            let zone = try CronTimeZone(identifier: "Europe/Berlin")
            let local = { (records: [FireRecord]) in records.map { zone.iso8601($0.scheduledFor / 1_000) } }
            #expect(try await (h.fires(fixed) + h.fires(interval)).allSatisfy { $0.status == .enqueued })
            result = (local(try await h.fires(fixed)), local(try await h.fires(interval)))
        }
        return result
    }

    @Test func berlinSpringForwardAsTheSchedulerSeesIt() async throws {
        // 2026-03-29T00:00:00Z is 01:00 in Berlin; at 01:00Z (02:00 local) the clock jumps to 03:00.
        let fires = try await berlinFires(from: "2026-03-29T00:00:00Z")
        #expect(fires.fixed == ["2026-03-29T03:00:00+02:00"])
        #expect(
            fires.interval == [
                "2026-03-29T01:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T03:30:00+02:00", "2026-03-29T04:00:00+02:00",
                "2026-03-29T04:30:00+02:00", "2026-03-29T05:00:00+02:00",
            ])
    }

    @Test func berlinFallBackAsTheSchedulerSeesIt() async throws {
        // 2026-10-24T23:00:00Z is 01:00+02:00 in Berlin; 02:00-03:00 happens twice.
        let fires = try await berlinFires(from: "2026-10-24T23:00:00Z")
        #expect(fires.fixed == ["2026-10-25T02:30:00+02:00"])
        #expect(
            fires.interval == [
                "2026-10-25T01:30:00+02:00", "2026-10-25T02:00:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-25T02:00:00+01:00",
                "2026-10-25T02:30:00+01:00", "2026-10-25T03:00:00+01:00",
            ])
    }

    /// A service group cancels its services when one of them ends out of turn: a leading
    /// scheduler whose task is cancelled, with no shutdown asked for, must end (and give the lease
    /// up) rather than go round its loop with every wait returning at once.
    @Test func aCancelledSchedulerEndsAndGivesTheLeaseUp() async throws {
        try await SchedulerHarness.with { h in
            try await h.add("tick", cron: "* * * * * *")
            let running = try await h.start()
            let ended = EndFlag()
            let watcher = Task {
                await running.task.value
                ended.set()
            }
            running.task.cancel()
            #expect(await QueueFixture.eventually(timeout: .seconds(30)) { ended.isSet }, "the cancelled scheduler did not end")
            #expect(try await h.queue.redis.send("GET", h.queue.keys.leader).string == nil)
            running.scheduler.shutdown()
            watcher.cancel()
        }
    }

    @Test func oneSchedulerLeadsAndAStandbyTakesOverWhenItStops() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("tick", cron: "* * * * * *")
            let a = try await h.start()
            let b = try await h.start(lead: false)
            let never = try await h.start(SchedulerHarness.options { $0.mayLead = false }, lead: false)
            await h.run(a.scheduler, for: .seconds(2))
            await b.scheduler.settle()
            #expect(!b.scheduler.status.isLeader && !never.scheduler.status.isLeader)
            #expect(try await h.queue.redis.send("GET", h.queue.keys.leader).string == a.scheduler.options.instanceID)
            await a.stop()
            // A stopping leader gives the lease up: the standby takes it at its next try.
            let tookOver = try await QueueFixture.eventually(timeout: .seconds(30)) { b.scheduler.status.isLeader }
            #expect(tookOver)
            await b.scheduler.settle()
            await h.run(b.scheduler, for: .seconds(2))
            #expect(!never.scheduler.status.isLeader)
            await b.stop()
            await never.stop()
            let fires = try await h.fires(schedule)
            #expect(h.seconds(fires) == [1, 2, 3, 4])
            #expect(fires.map(\.instance) == [a, a, b, b].map { $0.scheduler.options.instanceID })
        }
    }

    @Test func disabledSchedulerWaitsForShutdownAndNeverLeads() async throws {
        try await SchedulerHarness.with { h in
            let running = try await h.start(SchedulerHarness.options { $0.enabled = false }, lead: false)
            await running.scheduler.settle()  // answered at once: nothing runs
            #expect(await running.scheduler.nextDue(of: 1) == nil)
            #expect(!running.scheduler.status.isLeader)
            #expect(try await h.queue.redis.send("GET", h.queue.keys.leader).isNull)
            await running.stop()
        }
    }

    @Test func runNowEnqueuesAManualJob() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("manual", cron: "0 0 1 1 *")
            let run = try await h.service.runNow(.name("manual"), by: .init(actor: "ana", interface: .dashboard))
            #expect(run.jobID.hasPrefix("\(schedule.id):run:"))
            let job = try #require(try await h.queue.job(run.jobID))
            #expect(job.traceID == run.traceID)
            let payload = try HTTPJob.decode(job.payload)
            #expect(payload.trigger == .manual && payload.scheduleID == schedule.id && payload.request == schedule.request)
            let entry = try #require(try await h.service.audit.recent().first)
            #expect(entry.action == "schedule.run" && entry.actor == "ana" && entry.interface == .dashboard)
            #expect(entry.details["job_id"] == run.jobID && entry.details["trace_id"] == run.traceID)
            #expect(Scheduler.scheduleID(ofJob: run.jobID) == schedule.id)
        }
    }
}

/// Set once, read from any task.
private final class EndFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
