import Engine
import Foundation
import TestSupport
import Testing

/// `crontui --watch --queue NAME`: the real binary, on the real Redis and PostgreSQL, starts on
/// NAME while the system's default queue stays `QUEUE_NAME`.
@Suite(.enabled(if: TestServices.enabled))
struct DashboardStartQueueTests {
    @Test func watchingStartsOnTheQueueGivenAndKeepsTheDefaultQueue() async throws {
        try await TestDatabase.withSchema { database in
            let migrator = try await database.connect()
            _ = try await MigrationRunner().run(on: migrator)
            await migrator.close()
            let fixture = try QueueFixture()
            let other = fixture.queue.sibling(named: fixture.queue.name + "-b")
            let pool = PostgresPool(endpoint: database.endpoint, size: 1)
            let service = ScheduleService(database: pool, queue: fixture.queue)
            let caller = ScheduleService.Caller(actor: "test", interface: .cli)
            let url = "http://127.0.0.1:9/"
            _ = try await service.create(ScheduleInput(name: "at-home", cron: "0 0 1 1 *", url: url), by: caller)
            _ = try await service.create(ScheduleInput(name: "elsewhere", cron: "0 0 1 1 *", url: url, queue: other.name), by: caller)
            try await other.enqueue([NewJob(payload: []), NewJob(payload: []), NewJob(payload: [])])
            let environment: [String: String?] = [
                "REDIS_URL": try TestServices.redisEndpoint().description, "DATABASE_URL": database.endpoint.conninfo,
                "QUEUE_NAME": fixture.queue.name, "QUEUES": nil, "COLUMNS": "160", "LINES": "30",
                "LOG_FILE": "/tmp/\(fixture.queue.name).log",
            ]
            let result = try await ProcessRunner.runDetached(
                ["--watch", "--once", "--view", "schedules", "--queue", other.name], environment: environment)
            await pool.close()
            try? await other.destroy()
            await fixture.tearDown()
            try? FileManager.default.removeItem(atPath: "/tmp/\(fixture.queue.name).log")

            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.contains("queue \(other.name) (2/2)") == true)
            #expect(lines.contains { $0.contains("WAIT 3") })
            // The schedule naming no queue is the default queue's, not the one started on.
            #expect(lines.contains { $0.contains("at-home") && $0.contains(fixture.queue.name + " ") })
            #expect(lines.contains { $0.contains("elsewhere") && $0.contains(other.name) })
        }
    }
}
