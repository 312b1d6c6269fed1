import Engine
import Foundation
import Testing

@testable import CronTUI

/// The dashboard's events come from the queue's lifecycle events, as the engine wrote them.
@Suite struct DashboardEventMappingTests {
    /// The dashboard shows a failure as a timeout from the class the queue recorded, never from
    /// the error's text.
    @Test func theDashboardTakesTheFailureClassFromTheEventNotItsText() {
        let timedOut = QueueEvent(streamID: "1-0", kind: .failed, jobID: "a", attempt: 2, timestamp: 0, detail: "HTTP 504", errorKind: .timeout)
        #expect(EngineDashboardSource.event(timedOut).kind == .timedOut)
        let lookalike = QueueEvent(
            streamID: "2-0", kind: .failed, jobID: "b", attempt: 1, timestamp: 0, detail: "timed out after 5 ms", errorKind: .http)
        #expect(EngineDashboardSource.event(lookalike).kind == .failed)
        let unknown = QueueEvent(streamID: "3-0", kind: .failed, jobID: "c", attempt: 1, timestamp: 0, detail: "timed out after 5 ms")
        #expect(EngineDashboardSource.event(unknown).kind == .failed)
    }

    /// Status, duration, attempts, retry delay and schedule name come from the event's fields; the
    /// job id is kept apart (for `r`), never parsed for a name.
    @Test func theFieldsTheEngineWroteFillTheFeed() {
        let retry = QueueEvent(
            streamID: "4-0", kind: .retrying, jobID: "12:1764424951000", attempt: 1, timestamp: 0, detail: "2000", errorKind: .http,
            maxAttempts: 3, scheduleName: "sync-users", httpStatus: 503, durationMs: 41, retryDelayMs: 2_000)
        let mapped = EngineDashboardSource.event(retry)
        #expect(mapped.kind == .retrying && mapped.job == "sync-users" && mapped.jobID == "12:1764424951000")
        #expect(mapped.httpStatus == 503 && mapped.duration == .milliseconds(41) && mapped.retryIn == .seconds(2))
        #expect(mapped.attempt == 1 && mapped.maxAttempts == 3)

        let timedOutRetry = QueueEvent(
            streamID: "5-0", kind: .retrying, jobID: "x", attempt: 1, timestamp: 0, detail: "1000", errorKind: .timeout, maxAttempts: 2,
            durationMs: 2_000, retryDelayMs: 1_000)
        #expect(EngineDashboardSource.event(timedOutRetry).kind == .timedOut)

        // A job enqueued without a schedule shows its id; a queue-level event, no job.
        #expect(EngineDashboardSource.event(QueueEvent(streamID: "6-0", kind: .active, jobID: "17", attempt: 1, timestamp: 0)).job == "17")
        let paused = EngineDashboardSource.event(QueueEvent(streamID: "7-0", kind: .paused, jobID: "", timestamp: 0))
        #expect(paused.job == nil && paused.jobID == nil)
    }

    /// The feed line of a retry reads `attempt/max in delay`, as history counts attempts.
    @Test func aRetryLineShowsAttemptOfMaxAndTheDelay() throws {
        var state = DashboardFixture.state(size: TerminalSize(columns: 120, rows: 40))
        let retry = QueueEvent(
            streamID: "99999999-0", kind: .retrying, jobID: "12:1", attempt: 1, timestamp: Int64(DashboardFixture.now.timeIntervalSince1970 * 1000),
            detail: "2000", errorKind: .http, maxAttempts: 3, scheduleName: "sync-users", httpStatus: 503, durationMs: 41, retryDelayMs: 2_000)
        _ = state.update(.eventsArrived([EngineDashboardSource.event(retry)]))
        _ = state.update(.key(.char("4")))
        let text = DashboardRenderer.render(state, size: state.size).text
        let line = try #require(text.split(separator: "\n").last { $0.contains("sync-users") && $0.contains("503") })
        #expect(line.contains("41ms"))
        #expect(line.contains("1/3 in 2.0s"))
    }
}
