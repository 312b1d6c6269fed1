import Engine
import Foundation
import TestSupport
import Testing

/// The real binary in tmux, with its engine in-process, against the real Redis, PostgreSQL and a
/// local HTTP target: what it shows is what the system holds, and its commands change the system.
@Suite(.serialized, .enabled(if: Tmux.available && TestServices.enabled, "needs tmux and the services"))
struct DashboardEndToEndTests {
    @Test func showsFiltersDetailsRerunsAndPausesAgainstTheRealSystem() async throws {
        try await ScriptedTarget.with({ _, request in request.path.hasPrefix("/fail") ? .json(500, "{}") : .json(200, "{}") }) { _, base in
            try await TestDatabase.withSchema { database in
                let migrator = try await database.connect()
                _ = try await MigrationRunner().run(on: migrator)
                await migrator.close()
                let fixture = try QueueFixture()
                let pool = PostgresPool(endpoint: database.endpoint, size: 2)
                let store = PostgresExecutionStore(pool: pool)
                let service = ScheduleService(database: pool, queue: fixture.queue)
                let caller = ScheduleService.Caller(actor: "test", interface: .cli)
                // Yearly schedules: they only run when told to.
                for (name, path) in [("e2e-fail", "/fail"), ("e2e-ok", "/ok")] {
                    _ = try await service.create(ScheduleInput(name: name, cron: "0 0 1 1 *", url: base + path, attempts: "1"), by: caller)
                    _ = try await service.runNow(ScheduleReference(name), by: caller)
                }
                let environment = [
                    "REDIS_URL": try TestServices.redisEndpoint().description, "DATABASE_URL": database.endpoint.conninfo,
                    "QUEUE_NAME": fixture.queue.name, "LOG_FILE": "/tmp/\(fixture.queue.name).log",
                ]
                let tmux = try Tmux(columns: 140, rows: 40)
                defer {
                    tmux.kill()
                    try? FileManager.default.removeItem(atPath: "/tmp/\(fixture.queue.name).log")
                }
                try await tmux.waitFor("the shell prompt") { $0.contains("$") }
                let assignments = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
                try tmux.send("\(assignments) \(ProcessRunner.binary) dashboard --refresh 250ms", "Enter")

                // The in-process workers run both jobs; the history shows them.
                try tmux.send("3")
                try await tmux.waitFor("both executions", timeout: 60) { $0.contains("e2e-fail") && $0.contains("e2e-ok") && $0.contains("✗ 500") }
                // The stats bar says what `crontui stats --json` says.
                let stats = try await ProcessRunner.runDetached(["stats", "--json"], environment: environment.mapValues { $0 })
                let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
                let failed = try #require(json["failed_total"] as? Int)
                try await tmux.waitFor("the stats bar") { $0.contains("FAILED \(failed)") }

                // `]` cycles the status filter to Problems: only the failed execution stays.
                try tmux.send("]")
                try await tmux.waitFor("the problems filter") {
                    $0.contains("status: problems (failed, timed out)") && $0.contains("e2e-fail") && !$0.contains("e2e-ok ")
                }
                // Enter opens the detail.
                try tmux.send("Enter")
                try await tmux.waitFor("the detail") { $0.contains("Execution #") && $0.contains("HTTP 500") && $0.contains("/fail") }
                // r, then y: a rerun, recorded in PostgreSQL as a new execution linked to the original.
                try tmux.send("r")
                try await tmux.waitFor("the confirmation") { $0.contains("[y/N]") }
                try tmux.send("y")
                let rerun = try await QueueFixture.eventually(timeout: .seconds(30)) {
                    let page = try await store.page(ExecutionQuery(scheduleName: "e2e-fail", limit: 10))
                    return page.records.contains { $0.trigger == .rerun && $0.rerunOf != nil && $0.finishedAt != nil }
                }
                #expect(rerun)

                // p on the first schedule (e2e-fail: failing ones come first), then y: it is paused in PostgreSQL.
                try tmux.send("q")
                try tmux.send("2")
                try await tmux.waitFor("the schedules") { $0.contains("[2 Schedules]") && $0.contains("e2e-fail") }
                try tmux.send("p")
                try await tmux.waitFor("the pause confirmation") { $0.contains("[y/N]") }
                try tmux.send("y")
                let paused = try await QueueFixture.eventually(timeout: .seconds(30)) {
                    try await service.store.schedule(ScheduleReference("e2e-fail")).definition.enabled == false
                }
                #expect(paused)

                // Resizing re-lays the screen; q leaves the prompt as it was.
                try tmux.resize(columns: 90, rows: 30)
                try await tmux.waitFor("the narrower layout") { screen in
                    screen.split(separator: "\n").first.map { $0.count <= 90 } ?? false && screen.contains("Schedules")
                }
                try tmux.send("q")
                try await tmux.waitFor("the prompt after quitting", timeout: 40) { screen in
                    screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.last == "$"
                }
                await pool.close()
                await fixture.tearDown()
            }
        }
    }
}
