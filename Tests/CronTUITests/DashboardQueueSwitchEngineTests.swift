import Engine
import Foundation
import TestSupport
import Testing

@testable import CronTUI

/// `Q` on real data: an in-process engine on the real Redis and PostgreSQL works two queues, each
/// with a schedule against a local target; after the switch the dashboard's header, stats and
/// feed are the other queue's, and the first queue's jobs no longer show.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct DashboardQueueSwitchEngineTests {
    @Test func switchingMakesTheFeedShowTheOtherQueuesJobs() async throws {
        let other = TestServices.uniqueName("away")
        try await ScriptedTarget.with({ _, _ in .json(200, #"{"ok":true}"#) }) { target, base in
            try await EngineFixture.withEngine(queuePrefix: "home", alsoWorking: [other]) { engine in
                let home = engine.system.queueName
                let caller = ScheduleService.Caller(actor: "test", interface: .cli)
                let homeSchedule = try await engine.schedules.create(
                    ScheduleInput(name: "home-job", cron: "0 0 1 1 *", url: base + "/home", attempts: "1"), by: caller)
                let awaySchedule = try await engine.schedules.create(
                    ScheduleInput(name: "away-job", cron: "0 0 1 1 *", url: base + "/away", attempts: "1", queue: other), by: caller)
                #expect(try await engine.system.queuesInSight() == [home, other])
                // The other queue has a leader and workers of its own, which its snapshot reports.
                let staffed = try await QueueFixture.eventually {
                    let leader = try await engine.system.leader(queue: other)
                    let workers = try await engine.system.liveWorkers(queue: other)
                    return leader != nil && !workers.isEmpty
                }
                #expect(staffed)
                let awaySnapshot = try await DashboardEngineFeedRealTimeTests.source(engine).snapshot(queue: other)
                #expect(awaySnapshot.queueName == other && awaySnapshot.leader != nil && awaySnapshot.workersAlive > 0)
                let unworked = try await DashboardEngineFeedRealTimeTests.source(engine).snapshot(queue: other + "-unworked")
                #expect(unworked.leader == nil && unworked.workersAlive == 0, "a queue nobody works has no leader or workers")

                let terminal = FakeTerminal(size: TerminalSize(columns: 140, rows: 40))
                let dashboard = terminal.runDashboard(source: DashboardEngineFeedRealTimeTests.source(engine), view: .events)
                #expect(await terminal.waitForFrame { $0.contains("queue \(home) (1/2)") })

                // The default queue first: its job shows, done.
                let first = try await engine.schedules.runNow(.id(homeSchedule.id), by: caller)
                _ = try await engine.finishedAttempts(ofJob: first.jobID, count: 1)
                #expect(await terminal.waitForFrame { Self.feedLines($0, job: "home-job", kind: "done") > 0 })

                terminal.press(.char("Q"))
                #expect(
                    await terminal.waitForFrame { text in
                        text.contains("queue \(other) (2/2)") && text.contains("WAIT ") && !text.contains("home-job")
                    })

                // Jobs of both queues run: only the other queue's show from now on.
                let second = try await engine.schedules.runNow(.id(homeSchedule.id), by: caller)
                let away = try await engine.schedules.runNow(.id(awaySchedule.id), by: caller)
                _ = try await engine.finishedAttempts(ofJob: second.jobID, count: 1)
                _ = try await engine.finishedAttempts(ofJob: away.jobID, count: 1)
                #expect(target.received.count == 3)
                #expect(await terminal.waitForFrame { Self.feedLines($0, job: "away-job", kind: "done") > 0 })
                // Both of the other queue's events of the job are there, and nothing of the first queue.
                let screen = terminal.frames.last?.text ?? ""
                #expect(!screen.contains("home-job"))
                #expect(try await engine.queue.sibling(named: other).recentEvents(limit: 10).allSatisfy { $0.jobID == away.jobID })

                // r on the newest event reruns its job in the queue followed, not the default one.
                terminal.press(.char("r"))
                #expect(await terminal.waitForFrame { $0.contains("[y/N]") })
                terminal.press(.char("y"))
                #expect(await terminal.waitForFrame { $0.contains("Rerun of job \(away.jobID) queued as job") })

                // And back: the first queue's feed again, from its own stream's tail.
                terminal.press(.char("Q"))
                #expect(
                    await terminal.waitForFrame { text in
                        text.contains("queue \(home) (1/2)") && text.contains("home-job") && !text.contains("away-job")
                    })
                terminal.press(.char("q"))
                _ = await dashboard.value

                // Enabled schedules in a queue nobody works and no scheduler leads are reported
                // (what serve warns of); the queues this engine works are not.
                #expect(try await engine.system.unledScheduleQueues().isEmpty)
                let nobody = other + "-nobody"
                for name in ["lost-1", "lost-2"] {
                    _ = try await engine.schedules.create(
                        ScheduleInput(name: name, cron: "0 0 1 1 *", url: base + "/lost", queue: nobody), by: caller)
                }
                let unled = try await engine.system.unledScheduleQueues()
                #expect(unled.map(\.queue) == [nobody] && unled.map(\.schedules) == [2])
            }
        }
    }

    /// How many lines of `screen` are feed lines of `job` whose status reads `kind`.
    static func feedLines(_ screen: String, job: String, kind: String) -> Int {
        screen.split(separator: "\n").filter { $0.contains(job) && $0.contains(kind) }.count
    }
}
