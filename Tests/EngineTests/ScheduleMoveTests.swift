import Foundation
import Logging
import TestSupport
import Testing

@testable import Engine

/// A schedule moved between queues, against the real Redis and PostgreSQL, with two schedulers
/// (one per queue) and an injected clock: every slot is claimed in one queue only, none is lost,
/// and a move that stopped half-way is undone by the old queue's scheduler.
@Suite(.enabled(if: TestServices.enabled))
struct ScheduleMoveTests {
    /// The default queue's scheduler and another queue's, on the harness's clock and database.
    struct Pair {
        let home: SchedulerHarness.Running
        let away: SchedulerHarness.Running
        let awayQueue: JobQueue

        func stop() async {
            await home.stop()
            await away.stop()
        }
    }

    static func start(_ h: SchedulerHarness) async throws -> Pair {
        let home = try await h.start(SchedulerHarness.options { $0.scope = ScheduleScope(queue: h.queue.name, includesDefault: true) })
        let awayQueue = h.queue.sibling(named: h.queue.name + "-away")
        var logger = Logger(label: "test.scheduler.away")
        logger.logLevel = .warning
        var options = SchedulerHarness.options()
        options.scope = ScheduleScope(queue: awayQueue.name, includesDefault: false)
        let scheduler = Scheduler(queue: awayQueue, database: h.pool, options: options, clock: h.clock, logger: logger)
        let away = SchedulerHarness.Running(scheduler: scheduler, task: Task { _ = try? await scheduler.run() })
        let leads = try await QueueFixture.eventually { scheduler.status.isLeader && scheduler.status.listening }
        #expect(leads, "the other queue's scheduler took the lead")
        await scheduler.settle()
        return Pair(home: home, away: away, awayQueue: awayQueue)
    }

    /// Moves the clock to `target` in steps of 100 ms, letting both schedulers act at each step.
    static func run(_ pair: Pair, _ h: SchedulerHarness, to target: Int64) async {
        while h.clock.nowMilliseconds() < target {
            h.clock.set(min(target, h.clock.nowMilliseconds() + 100))
            await pair.home.scheduler.settle()
            await pair.away.scheduler.settle()
        }
    }

    /// Moving an every-second schedule back and forth, each time half a second before a slot
    /// whose claim the old queue's scheduler already planned: each slot's job is in exactly one
    /// queue, and the ledger has every second once. Before claims moved with the schedule, the old
    /// queue claimed that slot (it had not heard of the move yet) and the new queue claimed it too.
    @Test func aMovedScheduleRunsEverySlotInOneQueueOnly() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("tick", cron: "* * * * * *")
            let pair = try await Self.start(h)
            let start = SchedulerHarness.defaultStart
            await Self.run(pair, h, to: start + 2_000)
            var destinations: [(at: Int64, queue: String)] = []
            for (step, name) in [pair.awayQueue.name, "", pair.awayQueue.name].enumerated() {
                let at = start + 2_000 + Int64(step) * 3_000
                // Half a second after a slot: the old queue's scheduler has planned the next one.
                _ = try await h.service.update(.id(schedule.id), with: ScheduleInput(queue: name), by: .init(actor: "test", interface: .cli))
                destinations.append((at, name.isEmpty ? h.queue.name : name))
                // The next instant comes before the old queue's scheduler may have heard of the move.
                h.clock.set(at + 500)
                await pair.home.scheduler.settle()
                await pair.away.scheduler.settle()
                let (new, old) = name.isEmpty ? (pair.home, pair.away) : (pair.away, pair.home)
                let heard = try await QueueFixture.eventually {
                    let joined = await new.scheduler.nextDue(of: schedule.id) != nil
                    let left = await old.scheduler.nextDue(of: schedule.id) == nil
                    return joined && left
                }
                #expect(heard, "both schedulers heard of move \(step + 1)")
                await Self.run(pair, h, to: at + 3_000)
            }
            // Once the old queue's scheduler has dropped the schedule, its moved-away mark is cleared;
            // the new queue holds the latest claimed slot.
            let cleared = try await QueueFixture.eventually {
                await pair.home.scheduler.settle()
                return try await h.queue.claimMarks([schedule.id]) == JobQueue.ClaimMarks()
            }
            let left = try await h.queue.claimMarks([schedule.id])
            #expect(cleared, "\(left)")
            #expect(try await pair.awayQueue.claimMarks([schedule.id]).movedAway.isEmpty)
            await pair.stop()
            let fires = try await h.fires(schedule)
            let seconds = Array(Int64(1)...(h.clock.nowMilliseconds() - start + 500) / 1_000)
            #expect(h.seconds(fires) == seconds, "every second's slot once in the ledger")
            #expect(fires.allSatisfy { $0.status == .enqueued })
            let home = try await h.queue.allJobIDs()
            let away = try await pair.awayQueue.allJobIDs()
            try? await pair.awayQueue.destroy()
            #expect(home.isDisjoint(with: away), "slots run in both queues: \(home.intersection(away).sorted())")
            #expect(home.union(away) == Set(fires.map { "\(schedule.id):\($0.scheduledFor)" }))
            // Each slot ran in the queue the schedule named at its instant.
            for fire in fires {
                let named = destinations.last { $0.at < fire.scheduledFor }?.queue ?? h.queue.name
                let id = "\(schedule.id):\(fire.scheduledFor)"
                #expect((named == h.queue.name ? home : away).contains(id), "slot \(h.seconds([fire])[0]) ran in \(named)")
            }
        }
    }

    /// A move whose process died after the old queue handed the claims off, before the change was
    /// committed: the schedule still names the old queue, which finds it marked moved away, lifts
    /// the mark and fires it again, from the slot after the last it claimed.
    @Test func aMoveThatStoppedHalfWayIsUndoneByTheOldQueue() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("tick", cron: "* * * * * *")
            let first = try await h.start()
            await h.run(first.scheduler, for: .seconds(2))
            await first.stop()
            let handover = try await h.queue.handOff(schedule.id)
            #expect(handover.latest == SchedulerHarness.defaultStart + 1_500)
            #expect(try await h.queue.claimedSlots([schedule.id]).isEmpty, "marked moved away")
            let second = try await h.start()
            await h.run(second.scheduler, for: .seconds(2))
            await second.stop()
            #expect(h.seconds(try await h.fires(schedule)) == [1, 2, 3, 4])
            #expect(try await h.queue.claimedSlots([schedule.id]) == [schedule.id: SchedulerHarness.defaultStart + 3_500])
        }
    }
}
