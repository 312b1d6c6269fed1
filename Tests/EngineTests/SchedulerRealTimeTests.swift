import Foundation
import Logging
import TestSupport
import Testing

@testable import Engine

/// The scheduler on the system clock, in real time.
// "RealTimeTests" in the name: `make test` runs it after the rest, one test at a time.
@Suite(.enabled(if: TestServices.enabled))
struct SchedulerRealTimeTests {
    @Test func everySecondScheduleFiresTenTimesInTenRealSeconds() async throws {
        try await TestDatabase.withSchema { database in
            let pool = PostgresPool(endpoint: database.endpoint, size: 4)
            try await pool.withConnection { _ = try await MigrationRunner().run(on: $0) }
            let fixture = try QueueFixture()
            let service = ScheduleService(database: pool, queue: fixture.queue)
            let schedule = try await service.create(
                ScheduleInput(name: "tick", cron: "* * * * * *", url: "http://127.0.0.1:9/"), by: .init(actor: "test", interface: .cli))
            var logger = Logger(label: "test.scheduler")
            logger.logLevel = .warning
            let scheduler = Scheduler(queue: fixture.queue, database: pool, logger: logger)
            let task = Task { try? await scheduler.run() }
            #expect(try await QueueFixture.eventually { scheduler.status.isLeader })
            // The ten whole seconds starting at the next one.
            let first = (SystemQueueClock().nowMilliseconds() / 1_000 + 1) * 1_000
            let last = first + 9_000
            let done = try await QueueFixture.eventually(timeout: .seconds(15)) {
                try await FireLedger(pool: pool).fires(scheduleID: schedule.id, limit: 1).first.map { $0.scheduledFor > last && $0.enqueuedAt != nil }
                    ?? false
            }
            scheduler.shutdown()
            await task.value
            #expect(done)
            let fires = try await FireLedger(pool: pool).fires(scheduleID: schedule.id, limit: 1_000).filter {
                (first...last).contains($0.scheduledFor)
            }
            #expect(fires.count == 10)
            #expect(fires.allSatisfy { $0.status == .enqueued && $0.enqueuedAt != nil })
            for fire in fires { #expect(try await fixture.queue.job(fire.jobID ?? "") != nil) }
            await fixture.tearDown()
            await pool.close()
        }
    }
}
