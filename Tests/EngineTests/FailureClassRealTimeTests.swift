import Foundation
import Logging
import TestSupport
import Testing

@testable import Engine

/// A failure is classified once, by the executor, and every reader takes that class: the history,
/// the queue's job and events, the metrics. Run against the real engine (the wiring of
/// `crontui serve`), the real services and a real local HTTP target.
// One test at a time: it runs a whole engine and waits on real timeouts.
// "RealTimeTests" in the name: `make test` runs it after the rest, one test at a time.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct FailureClassRealTimeTests {
    /// The engine of `crontui serve` on a schema and a queue of their own, its scheduler off, running
    /// while `body` runs.
    static func withEngine(_ body: (ProcessEngine) async throws -> Void) async throws {
        try await EngineFixture.withEngine(queuePrefix: "class", environment: ["SCHEDULER_ENABLED": "false", "WORKER_CONCURRENCY": "2"], body)
    }

    /// The reproduction from the issue: a target that answers after 3 s, a schedule with
    /// `--timeout 1s --attempts 2`. Both attempts are `timed_out` (never `interrupted`: the worker
    /// did not stop), and the job fails after its 2 attempts.
    @Test func requestOutlivingItsTimeoutIsTimedOutOnEveryAttempt() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}", delay: .seconds(3)) }) { target, base in
            try await Self.withEngine { engine in
                let caller = ScheduleService.Caller(actor: "test", interface: .cli)
                let schedule = try await engine.schedules.create(
                    ScheduleInput(
                        name: "slow", cron: "0 0 1 1 *", url: base + "/slow", timeout: "1s", attempts: "2", backoff: "fixed:100ms"),
                    by: caller)
                #expect(schedule.jobOptions.timeout == .seconds(1) + Schedule.poolTimeoutMargin)
                let run = try await engine.schedules.runNow(.id(schedule.id), by: caller)

                #expect(try await QueueFixture.eventually(timeout: .seconds(30)) { try await engine.queue.job(run.jobID)?.state == .failed })
                let job = try #require(try await engine.queue.job(run.jobID))
                #expect(job.attemptsMade == 2)
                #expect(job.lastErrorKind == .timeout)

                let rows = try await engine.finishedAttempts(ofJob: run.jobID, count: 2)
                #expect(rows.count == 2 && rows.allSatisfy { $0.outcome != nil })
                #expect(rows.map(\.attempt) == [1, 2])
                #expect(rows.map(\.status) == [.timedOut, .timedOut])
                #expect(rows.map(\.errorKind) == [.timeout, .timeout])
                #expect(rows.map(\.outcome) == [.retryable, .retryable])
                #expect(rows.map(\.willRetry) == [true, false])
                #expect(rows.allSatisfy { $0.error == "timed out after 1000 ms" })
                #expect(rows.allSatisfy { ($0.durationMs ?? 0) >= 1_000 && ($0.durationMs ?? 0) < 2_900 })

                // The queue's events carry the same class: what the dashboard and the API read.
                let events = try await engine.queue.recentEvents(limit: 1_000).filter { $0.jobID == run.jobID }
                let failures = events.filter { $0.kind == .retrying || $0.kind == .failed }
                #expect(failures.map(\.kind) == [.retrying, .failed])
                #expect(failures.map(\.errorKind) == [.timeout, .timeout])
                #expect(target.received.count == 2)
            }
        }
    }

    /// A failure's class reaches the job and its event as the handler gave it; a failure without
    /// one carries none, whatever its text says.
    @Test func theQueueKeepsTheClassItIsGivenAndNeverReadsTheText() async throws {
        let fixture = try QueueFixture()
        var failure: (any Error)?
        do { try await Self.checkClasses(on: fixture.queue) } catch { failure = error }
        await fixture.tearDown()
        if let failure { throw failure }
    }

    static func checkClasses(on queue: JobQueue) async throws {
        try await queue.enqueue(NewJob.text("x", id: "classified", options: JobOptions(attempts: 2, backoff: .none)))
        try await queue.enqueue(NewJob.text("y", id: "unclassified", options: JobOptions(attempts: 1)))
        let held = try await queue.fetch(count: 2, worker: "w").jobs
        #expect(held.count == 2)
        for active in held {
            if active.job.id == "classified" {
                _ = try await queue.fail(active, error: "HTTP 503", errorKind: .http, retryDelay: .zero)
            } else {
                _ = try await queue.fail(active, error: "timed out after 5 ms", retryDelay: nil)
            }
        }
        #expect(try await queue.job("classified")?.lastErrorKind == .http)
        #expect(try await queue.job("unclassified")?.lastErrorKind == nil)
        let events = try await queue.recentEvents(limit: 100)
        #expect(events.first { $0.jobID == "classified" && $0.kind == .retrying }?.errorKind == .http)
        let unclassified = try #require(events.first { $0.jobID == "unclassified" && $0.kind == .failed })
        #expect(unclassified.errorKind == nil)
        #expect(unclassified.detail == "timed out after 5 ms")
    }
}
