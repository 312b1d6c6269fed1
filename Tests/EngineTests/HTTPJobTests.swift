import Foundation
import Testing

@testable import Engine

@Suite struct HTTPJobTests {
    @Test func payloadRoundTripsAsSnakeCaseJSON() throws {
        let job = HTTPJob(
            scheduleID: 7, scheduleName: "sync", fireID: 99, scheduledFor: 1_800_000_000_000, trigger: .cron,
            request: .init(
                method: "POST", url: "http://127.0.0.1:9/x", headers: [["X-A", "1"], ["X-A", "2"]], body: Data([0, 255]), timeoutMs: 500),
            expectedStatuses: [200, 202])
        let bytes = try job.encoded()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"schedule_id\":7"))
        #expect(text.contains("\"timeout_ms\":500"))
        #expect(try HTTPJob.decode(bytes) == job)
        #expect(HTTPJob.jobID(scheduleID: 7, scheduledFor: 1_800_000_000_000) == "7:1800000000000")
    }

    @Test func garbageIsRefused() {
        #expect(throws: (any Error).self) { try HTTPJob.decode(Array("not json".utf8)) }
    }
}
