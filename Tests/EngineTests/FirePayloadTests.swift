import Foundation
import Testing

@testable import Engine

/// The scheduler's hand-built payloads read back as the HTTP job they describe.
@Suite struct FirePayloadTests {
    @Test(arguments: [nil, Data("{\"quote\":\"\\\" é ✓\"}".utf8), Data([0, 255, 10])])
    func decodesToTheHTTPJob(body: Data?) throws {
        let definition = ScheduleDefinition(
            name: "report \"daily\" \\ é", cron: "* * * * *", method: "POST", url: "https://example.com/a?b=c&d=\"e\"",
            headers: [ScheduleHeader(name: "Authorization", value: "Bearer x\ty"), ScheduleHeader(name: "X-A", value: "")], body: body,
            timeoutMs: 1_234)
        let schedule = Schedule(id: 42, definition: definition, createdAt: 0, updatedAt: 0, activeSince: 0)
        let bytes = FirePayload(schedule: schedule).bytes(scheduledFor: 1_800_000_000_000)
        let job = try HTTPJob.decode(bytes)
        #expect(
            job
                == HTTPJob(
                    scheduleID: 42, scheduleName: definition.name, scheduledFor: 1_800_000_000_000, trigger: .cron,
                    request: schedule.request))
        #expect(job.request.headers == [["Authorization", "Bearer x\ty"], ["X-A", ""]])
        #expect(job.request.body == body)
    }
}
