import Logging
import TestSupport
import Testing

@testable import Engine

/// The execution outbox's bound against the real Redis: past it the oldest records go, and the
/// drops and the filling are logged, each at most once per 30 s of the injected clock.
@Suite(.enabled(if: TestServices.enabled))
struct ExecutionOutboxTests {
    static func records(_ range: Range<Int>) -> [ExecutionRecord] {
        range.map {
            ExecutionRecord(
                jobID: "r\($0)", attempt: 1, maxAttempts: 1, trigger: .manual, startedAt: 0, method: "GET", url: "http://x/", traceID: "t")
        }
    }

    @Test func pastItsBoundTheOldestRecordsAreDroppedAndReported() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let logs = LogCapture()
        let clock = ManualQueueClock()
        let outbox = ExecutionOutbox(queue: f.queue, maxRecords: 5, logger: logs.logger(), clock: clock)
        func lines(_ level: Logger.Level) -> [String] { logs.all.filter { $0.level == level }.map(\.message) }

        #expect(try await outbox.push(Self.records(0..<2)) == 0)
        #expect(logs.all.isEmpty, "2 of 5 is no concern")
        #expect(try await outbox.push(Self.records(2..<3)) == 0)
        #expect(lines(.warning) == ["the outbox holds 3 entries, more than half its bound of 5"])

        #expect(try await outbox.push(Self.records(3..<7)) == 2)
        #expect(try await outbox.count() == 5)
        #expect(try await outbox.peek(10).map { $0.record?.jobID } == ["r2", "r3", "r4", "r5", "r6"])
        #expect(lines(.error) == ["the outbox is full (5 of 5): its 2 oldest entries were dropped"])
        #expect(lines(.warning).count == 1, "one warning per 30 s")

        #expect(try await outbox.push(Self.records(7..<8)) == 1)
        #expect(lines(.error).count == 1, "drops within 30 s wait for the next line")
        clock.advance(by: .seconds(30))
        #expect(try await outbox.push(Self.records(8..<9)) == 1)
        #expect(lines(.error).last == "the outbox is full (5 of 5): its 2 oldest entries were dropped")
        #expect(lines(.warning).count == 2)
        #expect(try await outbox.peek(10).map { $0.record?.jobID } == ["r4", "r5", "r6", "r7", "r8"])
    }

    @Test func aDrainAfterDropsStillTrimsWhatItRead() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let outbox = ExecutionOutbox(queue: f.queue, maxRecords: 3, logger: LogCapture().logger())
        try await outbox.push(Self.records(0..<3))
        let read = try await outbox.peek(2)
        // A push that drops the head the drainer read: its trim then changes nothing.
        #expect(try await outbox.push(Self.records(3..<4)) == 1)
        #expect(try await !outbox.trim(first: read[0].raw, last: read[1].raw, count: 2))
        #expect(try await outbox.peek(10).map { $0.record?.jobID } == ["r1", "r2", "r3"])
        let again = try await outbox.peek(2)
        #expect(try await outbox.trim(first: again[0].raw, last: again[1].raw, count: 2))
        #expect(try await outbox.peek(10).map { $0.record?.jobID } == ["r3"])
    }
}
