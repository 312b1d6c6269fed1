import Engine
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `crontui backup` then `crontui restore` into emptied services: schedules, history, audit,
/// waiting, delayed and failed jobs are all there, and the restored system runs them.
@Suite(.enabled(if: TestServices.enabled && TestDatabaseURL.enabled), .serialized)
struct BackupRestoreTests {
    static func crontui(_ arguments: [String], _ environment: [String: String?]) async throws -> ProcessRunner.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(arguments, environment: environment) })
            }
        }
    }

    @Test func aBackupRestoresIntoEmptyServicesAndRuns() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}") }) { target, base in
            try await TestDatabaseURL.withSchema { url in
                let queueName = TestServices.uniqueName("backup")
                let env: [String: String?] = ["DATABASE_URL": url, "QUEUE_NAME": queueName, "LOG_FORMAT": "json"]
                #expect(try await Self.crontui(["migrate"], env).status == 0)
                let pool = PostgresPool(endpoint: try PostgresEndpoint(url: url), size: 1)
                let redis = RedisClient(endpoint: try TestServices.redisEndpoint())
                let queue = JobQueue(name: queueName, redis: redis)
                defer { redis.close() }
                let service = ScheduleService(database: pool, queue: queue)
                _ = try await service.create(
                    ScheduleInput(name: "nightly", cron: "0 3 * * *", url: base + "/nightly"), by: .init(actor: "test", interface: .cli))
                var record = ExecutionRecord(
                    jobID: "old", attempt: 1, maxAttempts: 1, trigger: .manual, startedAt: 1_800_000_000_000, method: "GET", url: base + "/old",
                    traceID: TraceID.random())
                record.outcome = .success
                record.finishedAt = 1_800_000_000_010
                _ = try await PostgresExecutionStore(pool: pool).write([record])
                func job(_ id: String, delay: Duration = .zero) throws -> NewJob {
                    NewJob(id: id, payload: try HTTPJob(trigger: .manual, request: .init(url: base + "/" + id)).encoded(), delay: delay)
                }
                try await queue.enqueue([try job("waiting"), try job("delayed", delay: .seconds(2)), try job("failing")])
                let held = try await queue.fetch(count: 1, worker: "test")
                #expect(held.jobs.map(\.job.id) == ["waiting"])
                _ = try await queue.release(held.jobs)
                // Make "failing" a failed job: take the line until it comes, fail it, put the others back.
                var taken: [ActiveJob] = []
                while let next = try await queue.fetch(count: 1, worker: "test").jobs.first {
                    if next.job.id == "failing" {
                        _ = try await queue.fail(next, error: "boom", retryDelay: nil)
                        break
                    }
                    taken.append(next)
                }
                _ = try await queue.release(taken)
                let before = try await Self.counts(pool)
                #expect(try await queue.job("failing")?.state == .failed)

                let directory = NSTemporaryDirectory() + "crontui-backup-\(UInt32.random(in: 0...UInt32.max))"
                defer { try? FileManager.default.removeItem(atPath: directory) }
                let backup = try await Self.crontui(["backup", directory], env)
                #expect(backup.status == 0, "\(backup.stderr)")
                // The files hold the schedules' secrets: the owner alone reads them, and the new folder.
                for name in ["", "/postgres.dump", "/redis.dump", "/backup.json"] {
                    let mode = try FileManager.default.attributesOfItem(atPath: directory + name)[.posixPermissions] as? Int
                    #expect(mode.map { $0 & 0o077 } == 0, "\(directory + name) has mode \(String(mode ?? -1, radix: 8))")
                }

                // Empty services: the schema without its tables, the queue without its keys.
                let schema = try await pool.query("SELECT current_schema()")[0].decode(0, as: String.self)
                await pool.close()
                let admin = try await PostgresConnection.connect(
                    to: PostgresEndpoint(url: try #require(ProcessInfo.processInfo.environment["DATABASE_URL"])))
                try await admin.query("DROP SCHEMA \(schema) CASCADE")
                try await admin.query("CREATE SCHEMA \(schema)")
                await admin.close()
                try await queue.destroy()

                let restore = try await Self.crontui(["restore", directory], env)
                #expect(restore.status == 0, "\(restore.stderr)")
                let again = try await Self.crontui(["restore", directory], env)
                #expect(again.status != 0 && again.stderr.contains("already holds"), "\(again.stderr)")
                let restoredPool = PostgresPool(endpoint: try PostgresEndpoint(url: url), size: 1)
                #expect(try await Self.counts(restoredPool) == before)
                await restoredPool.close()
                #expect(try await queue.job("waiting")?.state == .waiting)
                #expect([.delayed, .waiting].contains(try await queue.job("delayed")?.state))
                #expect(try await queue.job("failing")?.state == .failed)

                // The restored system runs them: the waiting and delayed jobs, and the failed one retried.
                #expect(try await Self.crontui(["job", "retry", "failing"], env).status == 0)
                let log = directory + ".serve.log"
                let fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                defer {
                    close(fd)
                    unlink(log)
                }
                let pid = try ProcessRunner.spawn(["serve", "--no-api", "--concurrency", "2"], environment: env, stdout: fd, stderr: fd)
                let ran = await QueueFixture.eventually(timeout: .seconds(30)) {
                    Set(target.received.map(\.request.path)).isSuperset(of: ["/waiting", "/delayed", "/failing"])
                }
                kill(pid, SIGTERM)
                _ = await ProcessRunner.waitDetached(pid)
                #expect(ran, "\((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
                try await queue.destroy()
            }
        }
    }

    /// Rows per table: schedules, executions, audit.
    static func counts(_ pool: PostgresPool) async throws -> [Int] {
        var counts: [Int] = []
        for table in ["schedules", "executions", "audit"] {
            counts.append(try await pool.query("SELECT count(*)::int FROM \(table)")[0].decode(0, as: Int.self))
        }
        return counts
    }
}
