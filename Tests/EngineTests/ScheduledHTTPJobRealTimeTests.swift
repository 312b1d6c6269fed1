import Engine
import Foundation
import TestSupport
import Testing

/// The whole path: a schedule fires every second, the scheduler enqueues each slot, workers make the
/// request, and every attempt is recorded with the trace id the target received in `traceparent`.
// "RealTimeTests" in the name: `make test` runs it after the rest, one test at a time.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct ScheduledHTTPJobRealTimeTests {
    @Test func everySecondScheduleForTenSecondsRecordsTenExecutions() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, #"{"ok":true}"#) }) { target, base in
            try await HTTPHarness.run { h in
                let service = ScheduleService(database: h.pool, queue: h.queue)
                let caller = ScheduleService.Caller(actor: "test", interface: .cli)
                let schedule = try await service.create(
                    ScheduleInput(name: "every-second", cron: "* * * * * *", url: base + "/tick"), by: caller)
                var options = SchedulerOptions()
                options.instanceID = "test-scheduler"
                let scheduler = Scheduler(queue: h.queue, database: h.pool, options: options, logger: h.logs.logger(label: "scheduler"))
                let scheduling = Task { try await scheduler.run() }
                // Ten whole seconds of slots, starting after the first slot the scheduler recorded: on a
                // loaded machine its first load may take longer than any fixed head start.
                var started: Int64?
                _ = try await QueueFixture.eventually(timeout: .seconds(30)) {
                    let page = try await h.store.page(ExecutionQuery(scheduleName: "every-second", limit: 200))
                    started = page.records.compactMap(\.scheduledFor).max()
                    return started != nil
                }
                let first = try #require(started) + 2_000
                let slots = Set((0..<10).map { first + Int64($0) * 1_000 })
                var rows: [ExecutionRecord] = []
                let recorded = try await QueueFixture.eventually(timeout: .seconds(40)) {
                    let page = try await h.store.page(ExecutionQuery(scheduleName: "every-second", limit: 200))
                    rows = page.records.filter { $0.finishedAt != nil && slots.contains($0.scheduledFor ?? -1) }
                    return Set(rows.compactMap(\.scheduledFor)) == slots
                }
                scheduler.shutdown()
                _ = try? await scheduling.value
                #expect(recorded)
                #expect(rows.count == 10)  // one attempt per slot: none fired twice
                #expect(rows.allSatisfy { $0.scheduleID == schedule.id && $0.trigger == .cron && $0.httpStatus == 200 })
                // The trace id of each row is the one its request carried, and the one its log lines carry.
                let sent = Set(target.received.compactMap { $0.request.header("traceparent").flatMap(TraceParent.traceID(in:)) })
                for row in rows {
                    #expect(sent.contains(row.traceID))
                    let lines = h.logs.all.filter { $0.metadata["job_id"]?.description == row.jobID }
                    #expect(!lines.isEmpty)
                    #expect(lines.allSatisfy { $0.metadata["trace_id"]?.description == row.traceID })
                }
            }
        }
    }
}
