import Foundation
import TestSupport
import Testing

@testable import Engine

/// Lifecycle events carry what a reader needs, written where the outcome is decided: the worker's
/// HTTP status and duration, the queue's attempts, attempts in all and retry delay, and the
/// schedule's name the job was enqueued with (kept by its reruns).
@Suite(.enabled(if: TestServices.enabled))
struct QueueEventFieldsTests {
    @Test func failCompleteAndRerunEventsCarryTheirFields() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let options = JobOptions(attempts: 3, backoff: .fixed(.milliseconds(10)))
        try await f.queue.enqueue(NewJob(id: "n1", payload: Array("{}".utf8), options: options, schedule: "nightly"))

        let first = try #require(try await f.queue.fetch(count: 1, worker: "w").jobs.first)
        #expect(first.job.schedule == "nightly")
        _ = try await f.queue.fail(
            first, error: "HTTP 503", errorKind: .http, retryDelay: .milliseconds(250),
            report: AttemptReport(httpStatus: 503, duration: .milliseconds(41)))
        // The retry is due in 250 ms; take it once it is.
        var second: ActiveJob?
        #expect(
            try await QueueFixture.eventually(timeout: .seconds(10)) {
                second = try await f.queue.fetch(count: 1, worker: "w").jobs.first
                return second != nil
            })
        _ = try await f.queue.complete(try #require(second), report: AttemptReport(httpStatus: 200, duration: .milliseconds(12)))
        let rerun = try await f.queue.rerun("n1")

        let events = try await f.queue.recentEvents(limit: 100)
        let mine = events.filter { $0.jobID == "n1" }
        #expect(mine.map(\.kind) == [.enqueued, .active, .retrying, .active, .completed])
        #expect(mine.allSatisfy { $0.maxAttempts == 3 && $0.scheduleName == "nightly" })
        let retrying = try #require(mine.first { $0.kind == .retrying })
        #expect(retrying.attempt == 1 && retrying.httpStatus == 503 && retrying.durationMs == 41)
        #expect(retrying.retryDelayMs == 250 && retrying.errorKind == .http)
        let completed = try #require(mine.last)
        #expect(completed.attempt == 2 && completed.httpStatus == 200 && completed.durationMs == 12 && completed.retryDelayMs == nil)
        #expect(mine.filter { $0.kind == .enqueued || $0.kind == .active }.allSatisfy { $0.httpStatus == nil && $0.durationMs == nil })

        // A rerun keeps the schedule's name: its events say whose job it is, not just its number.
        let copy = try #require(events.first { $0.jobID == rerun })
        #expect(copy.kind == .enqueued && copy.scheduleName == "nightly" && copy.maxAttempts == 3)
    }

    /// A job's final failure carries the status and duration too; a job without a schedule has
    /// none in its events.
    @Test func aFinalFailureCarriesItsStatusAndAJobWithoutScheduleHasNoName() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        try await f.queue.enqueue(NewJob(id: "x", payload: [], options: JobOptions(attempts: 1)))
        let held = try #require(try await f.queue.fetch(count: 1, worker: "w").jobs.first)
        _ = try await f.queue.fail(
            held, error: "HTTP 404", errorKind: .http, retryDelay: nil, report: AttemptReport(httpStatus: 404, duration: .milliseconds(7)))
        let failed = try #require(try await f.queue.recentEvents(limit: 10).last)
        #expect(failed.kind == .failed && failed.httpStatus == 404 && failed.durationMs == 7 && failed.maxAttempts == 1)
        #expect(failed.scheduleName == nil && failed.retryDelayMs == nil && failed.detail == "HTTP 404")
    }

    /// Entries written before events carried these fields still decode: the new ones are nil, and
    /// a retry's delay is read from its detail as it used to be.
    @Test func entriesWithoutTheNewFieldsStillDecode() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        _ = try await f.redis.send(
            RedisCommand("XADD", f.queue.keys.events, "*", "type", "retrying", "job", "old", "attempt", "1", "ts", "1000", "detail", "2500"))
        _ = try await f.redis.send(RedisCommand("XADD", f.queue.keys.events, "*", "type", "completed", "job", "old", "attempt", "2", "ts", "2000"))
        let events = try await f.queue.recentEvents(limit: 10)
        #expect(events.map(\.kind) == [.retrying, .completed])
        #expect(events[0].retryDelayMs == 2_500 && events[0].maxAttempts == nil && events[0].scheduleName == nil && events[0].httpStatus == nil)
        #expect(events[1].retryDelayMs == nil && events[1].durationMs == nil && events[1].attempt == 2)
    }
}
