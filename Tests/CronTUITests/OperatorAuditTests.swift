import Demo
import Engine
import Foundation
import Logging
import TestSupport
import Testing

@testable import CronTUI

/// Every operator action is audited from every interface, with the actor and the interface:
/// the CLI's `job retry|rerun` and `demo seed` (the built binary, `USER` unset), and the
/// dashboard's `r`, `p` and `P` (its effect performer over the real engine), against the real
/// PostgreSQL and Redis.
// One test at a time: they spawn the binary, which competes with the timing-sensitive suites.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct OperatorAuditTests {
    /// The name the account database gives this process's effective user, read by `id -un`.
    static func accountName() async throws -> String {
        let result = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(["-un"], executable: "/usr/bin/id") })
            }
        }
        try #require(result.status == 0)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `body`'s value, computed on a thread of its own: the account lookup may block, and must not
    /// on the cooperative pool.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: body()) }
        }
    }

    /// The audit log of the schema at `url`, oldest first.
    static func auditEntries(_ url: String) async throws -> [AuditEntry] {
        let pool = PostgresPool(endpoint: try PostgresEndpoint(url: url), size: 1)
        let entries = try await AuditStore(pool: pool).recent(limit: 100)
        await pool.close()
        return entries.reversed()
    }

    @Test func jobRetryAndRerunFromTheCommandLineAreAuditedWithTheAccountWhenUSERIsUnset() async throws {
        let account = try await Self.accountName()
        #expect(!account.isEmpty && account != "unknown")
        try await TestDatabaseURL.withSchema { url in
            let queueName = TestServices.uniqueName("audit")
            let env: [String: String?] = ["DATABASE_URL": url, "QUEUE_NAME": queueName, "USER": nil]
            let redis = RedisClient(endpoint: try TestServices.redisEndpoint())
            let queue = JobQueue(name: queueName, redis: redis)
            var failure: (any Error)?
            do {
                try await queue.enqueue(NewJob(id: "orig", payload: Array("{}".utf8), options: JobOptions(attempts: 1)))
                try await queue.enqueue(NewJob(id: "bad", payload: Array("{}".utf8), options: JobOptions(attempts: 1)))
                for job in try await queue.fetch(count: 2, worker: "t").jobs {
                    if job.job.id == "orig" { _ = try await queue.complete(job) } else { _ = try await queue.fail(job, error: "x", retryDelay: nil) }
                }
                let rerun = try await ProcessRunner.runDetached(["job", "rerun", "orig"], environment: env)
                #expect(rerun.status == 0, "\(rerun.stderr)")
                let newID = String(rerun.stdout.prefix { $0 != "\n" }.dropFirst("job ".count))
                #expect(try await queue.job(newID)?.rerunOf == "orig")
                let retry = try await ProcessRunner.runDetached(["job", "retry", "bad"], environment: env)
                #expect(retry.status == 0, "\(retry.stderr)")
                #expect(try await queue.job("bad")?.state == .waiting)
                // Refused actions change nothing and are not audited.
                let missing = try await ProcessRunner.runDetached(["job", "retry", "nope"], environment: env)
                #expect(missing.status == 1)

                let entries = try await Self.auditEntries(url)
                #expect(entries.map(\.action) == ["job.rerun", "job.retry"])
                #expect(entries.map(\.target) == ["job orig", "job bad"])
                #expect(entries.allSatisfy { $0.actor == account && $0.interface == .cli })
                #expect(entries.first?.details["job_id"] == newID)
            } catch {
                failure = error
            }
            try? await queue.destroy()
            redis.close()
            if let failure { throw failure }
        }
    }

    @Test func demoSeedGoesThroughValidationAndTheAuditLog() async throws {
        let account = try await Self.accountName()
        try await TestDatabaseURL.withSchema { url in
            let env: [String: String?] = ["DATABASE_URL": url, "USER": nil]
            let first = try await ProcessRunner.runDetached(["demo", "seed", "--port", "18077"], environment: env)
            #expect(first.status == 0, "\(first.stderr)")
            var entries = try await Self.auditEntries(url)
            #expect(entries.count == DemoSchedules.all.count)
            #expect(entries.allSatisfy { $0.action == "schedule.create" && $0.actor == account && $0.interface == .cli })
            #expect(
                Set(entries.compactMap(\.target).map { $0.split(separator: "(").last.map { String($0.dropLast()) } ?? "" })
                    == Set(DemoSchedules.all.map(\.name)))

            // Seeding again with the same target changes nothing and records nothing.
            let again = try await ProcessRunner.runDetached(["demo", "seed", "--port", "18077"], environment: env)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try await Self.auditEntries(url).count == entries.count)

            // Another port points the schedules at it: each change is an audited update.
            let moved = try await ProcessRunner.runDetached(["demo", "seed", "--port", "18078"], environment: env)
            #expect(moved.status == 0, "\(moved.stderr)")
            entries = try await Self.auditEntries(url)
            #expect(entries.count == 2 * DemoSchedules.all.count)
            #expect(entries.suffix(DemoSchedules.all.count).allSatisfy { $0.action == "schedule.update" && $0.details["changed"] == "url" })

            let list = try await ProcessRunner.runDetached(["schedule", "list", "--json"], environment: env)
            let schedules = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            #expect(schedules.count == DemoSchedules.all.count)
            #expect(schedules.allSatisfy { ($0["url"] as? String)?.hasPrefix("http://127.0.0.1:18078/") == true })
            let slow = try #require(schedules.first { $0["name"] as? String == "demo-slow" })
            #expect(slow["timeout_ms"] as? Int == 2_000 && slow["attempts"] as? Int == 2 && slow["backoff"] as? String == "exponential:1s:10s")
        }
    }

    @Test func dashboardRerunPauseAndQueuePauseAreAuditedAsTheDashboard() async throws {
        try await TestDatabase.withSchema { database in
            let migrator = try await database.connect()
            _ = try await MigrationRunner().run(on: migrator)
            await migrator.close()
            var configuration = try EngineConfiguration.resolve(environment: [
                "REDIS_URL": try #require(TestServices.environment["REDIS_URL"]), "QUEUE_NAME": TestServices.uniqueName("dash"),
            ])
            configuration.database = database.endpoint
            let system = CronSystem(configuration: configuration, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            let engine = system.engine()
            var failure: (any Error)?
            do { try await Self.checkDashboardActions(engine, system) } catch { failure = error }
            try? await engine.queue.destroy()
            await engine.close()
            if let failure { throw failure }
        }
    }

    static func checkDashboardActions(_ engine: ProcessEngine, _ system: CronSystem) async throws {
        let schedule = try await engine.schedules.create(
            ScheduleInput(name: "nightly", cron: "0 0 1 1 *", url: "http://127.0.0.1:9/x"),
            by: ScheduleService.Caller(actor: "setup", interface: .cli))
        // A finished job with its recorded attempt: what `r` on a history row reruns.
        try await engine.queue.enqueue(NewJob(id: "done", payload: Array("{}".utf8), options: JobOptions(attempts: 1)))
        let held = try #require(try await engine.queue.fetch(count: 1, worker: "t").jobs.first)
        _ = try await engine.queue.complete(held)
        var record = ExecutionRecord(
            jobID: "done", attempt: 1, maxAttempts: 1, trigger: .manual, scheduleID: schedule.id, scheduleName: schedule.name, startedAt: 1_000,
            method: "GET", url: "http://127.0.0.1:9/x", traceID: TraceID.random())
        record.finishedAt = 1_010
        record.outcome = .success
        _ = try await engine.store.write([record])
        let executionID = try #require(try await engine.store.page(ExecutionQuery(jobID: "done", limit: 1)).records.first?.id)

        await Self.onThread { OperatorIdentity.resolve() }
        let source = EngineDashboardSource(system: system, readonly: false, caller: OperatorIdentity.dashboardCaller, target: "test")
        let performer = EffectPerformer(source: source, clock: SystemDashboardClock())
        let commands: [OperatorCommand] = [
            .rerun(executionID: executionID), .setQueuePaused(true), .setQueuePaused(false),
            .setSchedulePaused(scheduleID: String(schedule.id), paused: true), .setSchedulePaused(scheduleID: String(schedule.id), paused: false),
            .runNow(scheduleID: String(schedule.id)),
        ]
        for command in commands {
            let answer = await performer.answer(.perform(command))
            guard case .commandSucceeded = answer else {
                Issue.record("\(command): \(String(describing: answer))")
                continue
            }
            if command == .setQueuePaused(true) { #expect(try await engine.queue.stats().paused) }
        }
        #expect(try await engine.queue.stats().paused == false)
        #expect(try await engine.schedules.store.schedule(.id(schedule.id)).definition.enabled)

        let entries = try await AuditStore(pool: engine.database).recent(limit: 50).reversed().filter { $0.interface == .dashboard }
        #expect(entries.map(\.action) == ["job.rerun", "queue.pause", "queue.resume", "schedule.pause", "schedule.resume", "schedule.run"])
        let actor = await Self.onThread { OperatorIdentity.name }
        #expect(!actor.isEmpty && actor != "unknown" && actor != "operator")
        #expect(entries.allSatisfy { $0.actor == actor })
        #expect(entries.first?.target == "job done")
        #expect(entries.dropFirst().first?.target == "queue \(engine.queue.name)")
    }

    @Test func theOperatorIsUSEROrElseTheProcessAccountNeverUnknown() async throws {
        let account = try await Self.accountName()
        let names = await Self.onThread {
            [["USER": "ana"], [:], ["USER": ""], ["USER": " \t"]].map { OperatorIdentity.account(environment: $0) }
        }
        #expect(names == ["ana", account, account, account])
    }
}
