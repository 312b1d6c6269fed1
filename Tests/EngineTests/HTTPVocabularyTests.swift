import Foundation
import Logging
import Testing

@testable import Engine

/// The pure parts of HTTP jobs: Retry-After, traceparent, the status mapping, redaction, log lines.
@Suite struct HTTPVocabularyTests {
    let now: Int64 = 1_445_412_480_000  // Wed, 21 Oct 2015 07:28:00 GMT

    @Test func retryAfterReadsSecondsAndHTTPDates() {
        #expect(RetryAfter.delay(from: "120", now: now) == .seconds(120))
        #expect(RetryAfter.delay(from: " 0 ", now: now) == .zero)
        #expect(RetryAfter.delay(from: "Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.delay(from: "Wednesday, 21-Oct-15 07:29:00 GMT", now: now) == .seconds(60))
        #expect(RetryAfter.delay(from: "Wed Oct 21 07:28:10 2015", now: now) == .seconds(10))
        #expect(RetryAfter.delay(from: "Tue, 20 Oct 2015 07:28:00 GMT", now: now) == .zero, "a date in the past means now")
        #expect(RetryAfter.delay(from: "99999999999999999999", now: now) == RetryAfter.maximum)
        #expect(RetryAfter.delay(from: "soon", now: now) == nil)
        #expect(RetryAfter.delay(from: "-5", now: now) == nil)
    }

    @Test func traceparentCarriesTheTraceID() {
        let trace = "4bf92f3577b34da6a3ce929d0e0e4736"
        let value = TraceParent.value(traceID: trace, spanID: "00f067aa0ba902b7")
        #expect(value == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        #expect(TraceParent.traceID(in: value) == trace)
        let repaired = TraceParent.value(traceID: "not-a-trace")
        #expect(TraceParent.traceID(in: repaired) != nil)
        #expect(TraceParent.traceID(in: "01-x-y-z") == nil)
        #expect(TraceParent.randomSpanID().count == 16)
    }

    @Test func statusFollowsOutcomeAndWhatComesNext() {
        #expect(ExecutionStatus(outcome: nil, errorKind: nil, willRetry: false) == .running)
        #expect(ExecutionStatus(outcome: .success, errorKind: nil, willRetry: false) == .succeeded)
        #expect(ExecutionStatus(outcome: .retryable, errorKind: .http, willRetry: true) == .retrying)
        // A timeout reads `timed_out` on every attempt, whether or not the job retries.
        #expect(ExecutionStatus(outcome: .retryable, errorKind: .timeout, willRetry: true) == .timedOut)
        #expect(ExecutionStatus(outcome: .retryable, errorKind: .timeout, willRetry: false) == .timedOut)
        #expect(ExecutionStatus(outcome: .retryable, errorKind: .connection, willRetry: false) == .failed)
        #expect(ExecutionStatus(outcome: .permanent, errorKind: .http, willRetry: false) == .failed)
        #expect(ExecutionStatus(outcome: .interrupted, errorKind: .interrupted, willRetry: true) == .retrying)
    }

    /// The request's timeout is the one that classifies a slow attempt: the pool's limit on a
    /// schedule's job is longer by a margin, so it never cuts the request short first.
    @Test func scheduleJobsGiveThePoolAMarginOverTheRequestTimeout() {
        let schedule = Schedule(
            id: 1, definition: ScheduleDefinition(name: "a", cron: "* * * * *", url: "https://x.test/", timeoutMs: 1_000), createdAt: 0,
            updatedAt: 0, activeSince: 0)
        #expect(schedule.request.timeoutMs == 1_000)
        #expect(schedule.jobOptions.timeout == .milliseconds(1_000) + Schedule.poolTimeoutMargin)
        #expect(Schedule.poolTimeoutMargin >= .seconds(1))
        #expect(schedule.jobOptions.backoff == .standard)
        #expect(JobFailure.timedOut(after: .seconds(1)).kind == .timeout)
    }

    @Test func redactionMasksSecretsAndMakesTextStorable() {
        let redaction = Redaction(extraSensitiveHeaders: ["X-Token"])
        let headers = redaction.headers([
            (name: "Authorization", value: "Bearer a"), (name: "x-token", value: "b"), (name: "Accept", value: "*/*"), (name: "Cookie", value: "c=d"),
        ])
        #expect(headers == [["Authorization", "***"], ["x-token", "***"], ["Accept", "*/*"], ["Cookie", "***"]])
        #expect(redaction.url("https://user:pw@example.com/a?b=c") == "https://***@example.com/a?b=c")
        #expect(redaction.url("https://example.com/a@b") == "https://example.com/a@b")
        #expect(Redaction.storable("a\u{0}b\nc\u{1b}[2J") == "a\u{FFFD}b c [2J")
        #expect(Redaction.storable(String(repeating: "x", count: 50), limit: 10) == String(repeating: "x", count: 10) + "…")
    }

    @Test func jsonLinesAreOneLineWithJobFieldsOnTop() throws {
        let line = LineLogHandler.line(
            format: .json, timestamp: "2024-01-01T00:00:00.000Z", level: .info, label: "crontui.http", message: "evil\n\u{1b}[2J \"quoted\"",
            metadata: ["trace_id": "abc", "attempt": .stringConvertible(2), "event": "job.succeeded", "job_id": "j1", "schedule_id": "7"])
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        #expect(!line.contains("\u{1b}"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["msg"] as? String == "evil\n\u{1b}[2J \"quoted\"")
        #expect(object["trace_id"] as? String == "abc")
        #expect(object["attempt"] as? Int == 2)
        #expect(object["event"] as? String == "job.succeeded")
        #expect(object["level"] as? String == "info")
        let text = LineLogHandler.line(
            format: .text, timestamp: "T", level: .warning, label: "l", message: "m\u{1b}x", metadata: ["k": "a b"])
        #expect(text == "T warning l: m x k=\"a b\"\n")
    }
}
