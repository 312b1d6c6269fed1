import Foundation
import Logging
import TestSupport
import Testing

@testable import Engine

/// Two processes that share a database but disagree on `QUEUE_NAME` each fire the schedules that
/// name no queue into their own default queue: every slot runs twice. That cannot be prevented
/// from one side, but it is seen: the ledger writers find each slot enqueued by another scheduler
/// instance and say so. Real Redis and PostgreSQL, an injected clock.
@Suite(.enabled(if: TestServices.enabled))
struct SharedDatabaseTests {
    @Test func slotsFiredIntoTwoDefaultQueuesAreReportedAsRunTwice() async throws {
        try await SchedulerHarness.with { h in
            let schedule = try await h.add("tick", cron: "* * * * * *")
            let logs = LogCapture()
            let other = h.queue.sibling(named: h.queue.name + "-b")
            var schedulers: [SchedulerHarness.Running] = []
            for (index, queue) in [h.queue, other].enumerated() {
                var options = SchedulerHarness.options()
                options.instanceID = "process-\(index)"
                options.scope = ScheduleScope(queue: queue.name, includesDefault: true)
                let scheduler = Scheduler(queue: queue, database: h.pool, options: options, clock: h.clock, logger: logs.logger(level: .warning))
                schedulers.append(SchedulerHarness.Running(scheduler: scheduler, task: Task { _ = try? await scheduler.run() }))
                let leads = try await QueueFixture.eventually { scheduler.status.isLeader && scheduler.status.listening }
                #expect(leads, "scheduler \(index) leads its queue")
            }
            for _ in 0..<30 {
                h.clock.advance(by: .milliseconds(100))
                for running in schedulers { await running.scheduler.settle() }
            }
            // Both queues ran the slots: the ledger has one row each, and the writers report the others.
            let home = try await h.queue.allJobIDs()
            let away = try await other.allJobIDs()
            #expect(!home.isEmpty && home == away, "each slot in both queues")
            let reported = try await QueueFixture.eventually {
                logs.all.contains { $0.metadata["event"] == "scheduler.slot_doubled" }
            }
            for running in schedulers { await running.stop() }
            try? await other.destroy()
            #expect(reported, "a doubled slot is logged")
            let line = logs.all.first { $0.metadata["event"] == "scheduler.slot_doubled" }
            #expect(line?.level == .error)
            #expect(line?.message.contains("ran twice") == true && line?.message.contains("must share QUEUE_NAME") == true, "\(line?.message ?? "")")
            #expect(line?.metadata["schedule.id"].map { "\($0)" } == String(schedule.id))
            #expect(Set(try await h.fires(schedule).map(\.scheduledFor)).count == home.count, "one ledger row per slot")
        }
    }
}
