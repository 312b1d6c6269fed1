import Engine
import Foundation
import Logging
import TestSupport
import Testing

@testable import CronTUI

/// With PostgreSQL stopped (the fault-test PostgreSQL, stopped and started for real), the dashboard
/// still shows the queue's figures as Redis has them, keeps the schedules it last read, and says
/// that PostgreSQL is down rather than "disconnected".
@Suite(.enabled(if: FaultRedis.enabled && TestServices.enabled), .serialized)
struct DashboardPostgresOutageTests {
    @Test func theQueuesFiguresStayLiveWhilePostgreSQLIsStopped() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let base = environment["FAULT_DATABASE_URL"], let script = environment["CRONTUI_SERVICES"] else {
            Issue.record("FAULT_DATABASE_URL or CRONTUI_SERVICES is not set: run the tests with `make test`")
            return
        }
        try await FaultServices.exclusive { try await Self.check(base: base, script: script) }
    }

    private static func check(base: String, script: String) async throws {
        func postgres(_ action: String) async throws {
            let result = try await ProcessRunner.detached { try ProcessRunner.run(["fault", action, "postgres"], executable: script) }
            guard result.status == 0 else { throw FaultRedisError(description: "services.sh fault \(action) postgres: \(result.stderr)") }
        }
        let schema = "dash_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let admin = try await PostgresConnection.connect(to: PostgresEndpoint(url: base))
        try await admin.query("CREATE SCHEMA \(schema)")
        await admin.close()
        var configuration = try EngineConfiguration.resolve(environment: [
            "REDIS_URL": try TestServices.redisEndpoint().description, "QUEUE_NAME": TestServices.uniqueName("dash-pg"),
        ])
        configuration.database = try PostgresEndpoint(url: base + (base.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema)
        let engine = CronSystem(configuration: configuration, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })).engine()
        let system = engine.system
        var failure: (any Error)?
        do {
            _ = try await system.migrate()
            let caller = CronSystem.Caller(actor: "test", interface: .dashboard)
            _ = try await system.createSchedule(ScheduleInput(name: "nightly", cron: "0 3 * * *", url: "http://127.0.0.1:1/x"), by: caller)
            let source = EngineDashboardSource(system: system, readonly: true, caller: caller, target: "test")
            let start = Date()
            var state = DashboardState(options: DashboardOptions(), size: TerminalSize(columns: 160, rows: 40), now: start)
            _ = state.update(.snapshotLoaded(try await source.snapshot(queue: nil), at: start))
            #expect(state.snapshot?.schedules.map(\.schedule.definition.name) == ["nightly"])

            try await postgres("stop")
            try await engine.queue.enqueue(NewJob(id: "waiting-1", payload: [], schedule: "nightly"))
            let during = try await source.snapshot(queue: nil)
            #expect(during.databaseProblem != nil)
            #expect(during.stats.waiting == 1)
            _ = state.update(.snapshotLoaded(during, at: start.addingTimeInterval(2)))
            _ = state.update(.tick(start.addingTimeInterval(3)))
            #expect(state.snapshot?.stats.waiting == 1)
            #expect(state.snapshot?.schedules.map(\.schedule.definition.name) == ["nightly"])
            guard case .withoutDatabase = StateLine(state).kind else {
                Issue.record("the header says \(StateLine(state).kind)")
                throw CancellationError()
            }

            try await postgres("start")
            let back = await QueueFixture.eventually(timeout: .seconds(30)) { (try? await source.snapshot(queue: nil))?.databaseProblem == nil }
            #expect(back)
            _ = state.update(.snapshotLoaded(try await source.snapshot(queue: nil), at: start.addingTimeInterval(4)))
            #expect(StateLine(state).kind == .live)
        } catch { failure = error }
        try? await postgres("start")
        try? await engine.queue.destroy()
        await engine.close()
        if let cleanup = try? await PostgresConnection.connect(to: PostgresEndpoint(url: base)) {
            _ = try? await cleanup.query("DROP SCHEMA \(schema) CASCADE")
            await cleanup.close()
        }
        if let failure { throw failure }
    }
}
