import Engine
import Foundation
import Logging
import TestSupport
import Testing

@testable import CronTUI

/// The dashboard's event feed on real data shows what the engine recorded: an in-process engine
/// (workers, scheduler, recorder) on the real Redis and PostgreSQL runs a schedule against a real
/// HTTP target on 127.0.0.1, and the feed fills HTTP, TOOK, EXEC and `attempt/max` from its events.
// "RealTimeTests" in the name: `make test` runs it after the rest, one test at a time.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct DashboardEngineFeedRealTimeTests {
    /// The engine of `crontui` on a schema and a queue of their own, running while `body` runs.
    static func withEngine(_ body: (ProcessEngine) async throws -> Void) async throws {
        try await EngineFixture.withEngine(queuePrefix: "feed", environment: ["WORKER_CONCURRENCY": "2"], body)
    }

    static func source(_ engine: ProcessEngine) -> EngineDashboardSource {
        EngineDashboardSource(system: engine.system, readonly: false, caller: CronSystem.Caller(actor: "test", interface: .dashboard), target: "test")
    }

    /// The first request gets 503, the others 200 after 30 ms: one retry, then a success.
    @Test func theFeedShowsTheHTTPStatusDurationExecutionAndAttemptsOfARealJob() async throws {
        try await ScriptedTarget.with({ n, _ in n == 0 ? .json(503, #"{"busy":true}"#) : .json(200, #"{"ok":true}"#, delay: .milliseconds(30)) }) {
            target, base in
            try await Self.withEngine { engine in
                let caller = ScheduleService.Caller(actor: "test", interface: .cli)
                let schedule = try await engine.schedules.create(
                    ScheduleInput(name: "sync-users", cron: "0 0 1 1 *", url: base + "/sync", attempts: "3", backoff: "fixed:200ms"), by: caller)
                let source = Self.source(engine)
                let feed = LockedValue<[DashboardEvent]>([])
                let following = Task {
                    // From the start of this fresh queue's stream: nothing can slip past.
                    for try await event in source.events(after: "0", queue: nil) { feed.withLock { $0.append(event) } }
                }
                defer { following.cancel() }
                let terminal = FakeTerminal(size: TerminalSize(columns: 120, rows: 40))
                let dashboard = terminal.runDashboard(source: source, view: .events)
                #expect(await terminal.waitForFrame { $0.contains("Events") })

                let run = try await engine.schedules.runNow(.id(schedule.id), by: caller)
                #expect(
                    await QueueFixture.eventually(timeout: .seconds(30)) {
                        feed.get().contains { $0.jobID == run.jobID && $0.kind == .succeeded }
                    })
                // The recorder writes every 50 ms: wait for both attempts' final records.
                let rows = try await engine.finishedAttempts(ofJob: run.jobID, count: 2)
                #expect(rows.count == 2 && rows.allSatisfy { $0.outcome != nil })
                #expect(rows.map(\.attempt) == [1, 2])
                #expect(rows.map(\.maxAttempts) == [3, 3])
                let events = feed.get().filter { $0.jobID == run.jobID }
                #expect(events.map(\.kind) == [.queued, .started, .retrying, .started, .succeeded])
                #expect(events.allSatisfy { $0.job == "sync-users" && $0.maxAttempts == 3 })

                let retry = try #require(events.first { $0.kind == .retrying })
                #expect(retry.attempt == 1 && retry.httpStatus == 503 && retry.retryIn == .milliseconds(200))
                #expect(retry.duration != nil)
                #expect(retry.executionID == rows.first?.id)
                let done = try #require(events.last)
                #expect(done.attempt == 2 && done.httpStatus == 200)
                #expect((done.duration ?? .zero) >= .milliseconds(30))
                #expect(done.executionID == rows.last?.id)
                // The same attempt's duration as history recorded it.
                #expect(done.duration == rows.last?.durationMs.map { .milliseconds($0) })

                // On screen: EXEC, HTTP and TOOK of the success, `1/3 in 200ms` on the retry.
                let doneID = try #require(done.executionID)
                #expect(
                    await terminal.waitForFrame { text in
                        let lines = text.split(separator: "\n")
                        return lines.contains { $0.contains("sync-users") && $0.contains("#\(doneID)") && $0.contains(" 200 ") && $0.contains("ms") }
                            && lines.contains { $0.contains("sync-users") && $0.contains(" 503 ") && $0.contains("1/3 in 200ms") }
                    })

                // `r` on the newest row reruns it; the rerun's events name its schedule, not its number.
                terminal.press(.char("r"))
                #expect(await terminal.waitForFrame { $0.contains("Rerun \"sync-users\" (from exec #\(doneID)) now? [y/N]") })
                terminal.press(.char("y"))
                #expect(await terminal.waitForFrame { $0.contains("queued as job") })
                #expect(
                    await QueueFixture.eventually(timeout: .seconds(30)) {
                        feed.get().contains { $0.jobID != run.jobID && $0.kind == .succeeded && $0.job == "sync-users" && $0.httpStatus == 200 }
                    })
                #expect(target.received.count == 3)

                // And from an event whose execution is not known: the job itself.
                let again = await EffectPerformer(source: source, clock: SystemDashboardClock()).answer(.perform(.rerunJob(jobID: run.jobID)))
                guard case .commandSucceeded(_, let message) = again else {
                    Issue.record("rerun of the job: \(String(describing: again))")
                    return
                }
                #expect(message.hasPrefix("Rerun of job \(run.jobID) queued as job "))
                terminal.press(.char("q"))
                _ = await dashboard.value
            }
        }
    }
}
