import Engine
import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// "On time, and nothing lost", against real outages: the real `crontui serve` on the fault pair of
/// services (see ``FaultLab``), which each test stops, hangs (SIGSTOP) or restarts. Each prints a
/// `fault:` line with what it measured.
///
/// One at a time: they share the fault services, and each runs a `serve` or two.
@Suite(.enabled(if: FaultLab.enabled), .serialized)
struct FaultTests {
    static let outage: Int64 = 20_000

    @Test(arguments: [false, true])
    func firingGoesOnThroughAPostgreSQLOutage(hung: Bool) async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}") }) { target, base in
            try await FaultLab.with { lab in
                var schedules: [Schedule] = []
                for i in 0..<5 { schedules.append(try await lab.everySecond("tick\(i)", url: base + "/tick\(i)")) }
                let serve = try lab.serve(["--concurrency", "5", "--grace-period", "5"])
                let ready = await QueueFixture.eventually(timeout: .seconds(30)) { (try? await serve.get("/readyz"))?.status == 200 }
                try #require(ready, "serve did not become ready:\n\(serve.output)")
                #expect(await QueueFixture.eventually(timeout: .seconds(30)) { target.received.count >= 10 })

                let kind = hung ? "hung" : "stopped"
                let outageStart = FaultLab.now()
                let outageBegan = ContinuousClock.now
                try await lab.act(hung ? "hang" : "stop", "postgres")
                let unready = await QueueFixture.eventually(timeout: .seconds(15)) { (try? await serve.get("/readyz"))?.status == 503 }
                #expect(unready, "readyz did not turn 503 with PostgreSQL \(kind)")
                Self.expectOneLineFailure(of: "postgres", in: try await serve.get("/readyz"))
                let metrics = MetricsAndHealthTests.samples((try? await serve.get("/metrics"))?.text ?? "")
                #expect(metrics[#"crontui_dependency_up{dependency="postgres"}"#] == 0)
                #expect(metrics[#"crontui_dependency_up{dependency="redis"}"#] == 1)
                // Schedule changes are refused, in one line, by the CLI and (503, JSON) by the API.
                let refusing = ContinuousClock.now
                let refused = try await Self.crontui(
                    ["schedule", "add", "--name", "late", "--cron", "* * * * *", "--url", base + "/late"],
                    environment: ["DATABASE_URL": lab.databaseURL])
                #expect(refused.status != 0 && refused.stderr.contains("cannot be read or changed now"), "\(refused.stderr)")
                #expect(refused.stderr.filter { $0 == "\n" }.count == 1, "\(refused.stderr)")
                let posted = try await HTTPTestClient.request(
                    port: serve.apiPort, "POST", "/api/cron/schedules", token: TestTokens.admin,
                    json: #"{"name": "late", "cron": "* * * * *", "url": "\#(base)/late"}"#)
                #expect(posted.status == 503 && posted.text.contains("\"error\""), "\(posted.status) \(posted.text)")
                let refusals = ContinuousClock.now - refusing
                // The outage lasts 20 s.
                while FaultLab.now() < outageStart + Self.outage { try await Task.sleep(for: .milliseconds(200)) }
                let outageEnd = FaultLab.now()
                let outageEnded = ContinuousClock.now
                try await lab.act(hung ? "resume" : "start", "postgres")
                let backAt = FaultLab.now()

                // Every whole slot of the outage window: enqueued on time, then in the ledger.
                let window = (outageStart / 1_000 + 1) * 1_000...(outageEnd / 1_000) * 1_000
                let slotsPerSchedule = Int((window.upperBound - window.lowerBound) / 1_000) + 1
                var fires: [FireRecord] = []
                let complete = try await QueueFixture.eventually(timeout: .seconds(60)) {
                    guard try await lab.backlog() == 0 else { return false }
                    fires = []
                    for schedule in schedules { fires += try await lab.fires(schedule, in: window) }
                    return fires.count == schedules.count * slotsPerSchedule
                }
                let ledgerCompleteAfter = FaultLab.now() - backAt
                #expect(complete, "the ledger holds \(fires.count) of \(schedules.count * slotsPerSchedule) slots of the outage")
                #expect(fires.allSatisfy { $0.status == .enqueued })
                let lags = fires.map { ($0.enqueuedAt ?? .max) - $0.scheduledFor }
                let onTime = lags.filter { (0...1_000).contains($0) }.count
                #expect(onTime * 100 >= fires.count * 95, "only \(onTime) of \(fires.count) slots enqueued within 1 s: \(lags.sorted().suffix(10))")
                #expect(await QueueFixture.eventually(timeout: .seconds(15)) { (try? await serve.get("/readyz"))?.status == 200 })
                let announced = await QueueFixture.eventually(timeout: .seconds(45)) {
                    serve.events("dependency.postgres").contains { $0.contains("PostgreSQL is back") }
                }
                #expect(announced, "no line says PostgreSQL is back:\n\(serve.output)")

                #expect(await serve.stop() == 0, "\(serve.output)")

                // Every request the target saw has exactly one execution row; no slot ran twice.
                let rows = try await lab.executions()
                var rowsByTrace: [String: Int] = [:]
                for row in rows { rowsByTrace[row.trace, default: 0] += 1 }
                let traces = FaultLab.traces(target)
                #expect(Set(traces).count == traces.count, "a job ran twice")
                #expect(
                    traces.allSatisfy { rowsByTrace[$0] == 1 }, "\(traces.filter { rowsByTrace[$0] != 1 }.count) requests without exactly one row")
                #expect(rows.count == traces.count)
                let jobs = rows.map(\.job)
                #expect(Set(jobs).count == jobs.count)
                // Quiet: one line when it went away, one when it came back, reminders at most every 30 s.
                let lines = serve.events("dependency.postgres")
                #expect(lines.filter { $0.contains("PostgreSQL is unreachable") }.count == 1, "\(lines)")
                #expect(lines.filter { $0.contains("PostgreSQL is back") }.count == 1, "\(lines)")
                let noisy = serve.output.split(separator: "\n").filter { $0.contains(#""level":"warning""#) || $0.contains(#""level":"error""#) }
                #expect(noisy.count <= 10, "\(noisy.count) warnings and errors for a 20 s outage:\n\(noisy.joined(separator: "\n"))")
                let during = target.received.filter { (outageBegan...outageEnded).contains($0.at) }.count
                #expect(during >= schedules.count * (slotsPerSchedule - 2), "only \(during) requests reached the target during the outage")
                print(
                    """
                    fault: PostgreSQL \(kind) for \(Double(outageEnd - outageStart) / 1_000) s under 5 every-second schedules: \
                    \(onTime) of \(fires.count) slots enqueued within 1 s (max lag \(lags.max() ?? 0) ms), \(during) requests made during it, \
                    ledger complete \(Double(ledgerCompleteAfter) / 1_000) s after it was back, \(rows.count) execution rows for \(traces.count) \
                    requests, \(noisy.count) warning/error lines; the CLI and the API refused a schedule change within \(refusals)
                    """)
            }
        }
    }

    @Test func aStandbyTakesTheLeadDuringAPostgreSQLOutageAndFiresFromTheSnapshot() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}") }) { target, base in
            try await FaultLab.with { lab in
                var schedules: [Schedule] = []
                for i in 0..<3 { schedules.append(try await lab.everySecond("tick\(i)", url: base + "/tick\(i)")) }
                let serves = try (0..<2).map { _ in try lab.serve(["--concurrency", "3"]) }
                func leader() async throws -> pid_t? {
                    guard let holder = try await lab.redis.send("GET", lab.queue.keys.leader).string else { return nil }
                    let parts = holder.split(separator: ":")
                    return parts.count >= 3 ? pid_t(parts[parts.count - 2]) : nil
                }
                let firstSlot = FaultLab.now() / 1_000 * 1_000 + 1_000
                try #require(
                    try await QueueFixture.eventually(timeout: .seconds(30)) {
                        try await lab.redis.send("HLEN", lab.queue.keys.scheduleSnapshot).int == 3 && target.received.count >= 6
                    }, "the leader did not fire or keep its snapshot")
                let leading = try #require(try await leader())
                let first = try #require(serves.first { $0.pid == leading })
                let standby = try #require(serves.first { $0.pid != leading })
                try await lab.act("stop", "postgres")
                #expect(await QueueFixture.eventually(timeout: .seconds(15)) { (try? await standby.get("/readyz"))?.status == 503 })
                #expect(await first.stop(SIGKILL) == 128 + SIGKILL)
                let killedAt = ContinuousClock.now
                let tookOver = try await QueueFixture.eventually(timeout: .seconds(30)) { try await leader() == standby.pid }
                #expect(tookOver, "the standby did not take the lead:\n\(standby.output)")
                let before = target.received.count
                let firing = await QueueFixture.eventually(timeout: .seconds(15)) { target.received.count >= before + 9 }
                let firingAfter = ContinuousClock.now - killedAt
                #expect(firing, "the new leader does not fire with PostgreSQL down:\n\(standby.output)")
                #expect(standby.output.contains("from the snapshot in Redis"), "\(standby.output)")
                try await lab.act("start", "postgres")
                let lastSlot = FaultLab.now() / 1_000 * 1_000 - 1_000
                var fires: [FireRecord] = []
                let expected = Int((lastSlot - firstSlot) / 1_000) + 1
                let complete = try await QueueFixture.eventually(timeout: .seconds(60)) {
                    fires = []
                    for schedule in schedules { fires += try await lab.fires(schedule, in: firstSlot...lastSlot) }
                    return fires.count == schedules.count * expected
                }
                #expect(complete, "\(fires.count) of \(schedules.count * expected) slots in the ledger")
                #expect(await standby.stop() == 0, "\(standby.output)")
                // Each slot ran at most once: its job once in the queue, its request once at the target.
                let traces = FaultLab.traces(target)
                #expect(Set(traces).count == traces.count, "a slot ran twice")
                let enqueued = fires.filter { $0.status == .enqueued }
                let missed = fires.count - enqueued.count
                print(
                    """
                    fault: leader killed during a PostgreSQL outage: the standby led from the snapshot in Redis and fired again \
                    \(firingAfter) after the kill (lease 10 s); \(enqueued.count) slots enqueued and \(missed) recorded missed (the hand-over) of \
                    \(fires.count), none twice
                    """)
            }
        }
    }

    /// A move to another queue hands the schedule's claims over in Redis; with Redis stopped it is
    /// refused, the schedule still names its queue, and once Redis is back its claims there are as
    /// they were (not marked moved away), so it fires on in its queue.
    @Test func aMoveBetweenQueuesIsRefusedWhileRedisIsDownAndChangesNothing() async throws {
        try await FaultLab.with { lab in
            let schedule = try await lab.everySecond("mover", url: "http://127.0.0.1:9/")
            let slot = FaultLab.now() - 1_000
            let claimed = try await lab.queue.claim([JobQueue.FireClaim(scheduleID: schedule.id, slot: slot, row: Array("{}".utf8), job: nil)])
            #expect(claimed.claimed == [true])
            try await lab.act("stop", "redis")
            let caller = ScheduleService.Caller(actor: "test", interface: .cli)
            do throws(ScheduleError) {
                _ = try await lab.service.update(.id(schedule.id), with: ScheduleInput(queue: lab.queueName + "-other"), by: caller)
                Issue.record("the move was made while Redis was down")
            } catch {
                #expect(error.code == .queue && error.message.contains("cannot move the schedule to queue"), "\(error)")
            }
            #expect(try await lab.service.store.schedule(.id(schedule.id)).definition.queue == nil)
            try await lab.act("start", "redis")
            let marks = try await lab.queue.claimMarks([schedule.id])
            #expect(marks.latest == [schedule.id: slot] && marks.movedAway.isEmpty)
            // And with Redis back, the move is made.
            let moved = try await lab.service.update(.id(schedule.id), with: ScheduleInput(queue: lab.queueName + "-other"), by: caller)
            #expect(moved.definition.queue == lab.queueName + "-other")
            #expect(try await lab.queue.claimMarks([schedule.id]).movedAway == [schedule.id: slot])
            let other = lab.queue.sibling(named: lab.queueName + "-other")
            #expect(try await other.claimedSlots([schedule.id]) == [schedule.id: slot])
            try? await other.destroy()
        }
    }

    @Test func serveRecoversFromARedisRestartAndLosesNoJob() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}", delay: .milliseconds(50)) }) { target, base in
            try await FaultLab.with { lab in
                try await lab.everySecond("tick", url: base + "/tick")
                let count = 300
                let jobs = try (0..<count).map { i in
                    NewJob(id: "job\(i)", payload: try HTTPJob(trigger: .manual, request: .init(url: base + "/job/\(i)")).encoded())
                }
                try await lab.queue.enqueue(jobs)
                let serve = try lab.serve(["--concurrency", "2", "--grace-period", "5"])
                try #require(await QueueFixture.eventually(timeout: .seconds(30)) { target.received.count >= 40 }, "\(serve.output)")
                try await lab.act("stop", "redis")
                let stoppedAt = ContinuousClock.now
                try await lab.act("start", "redis")
                let restartedAt = ContinuousClock.now
                let before = target.received.count
                let recovered = await QueueFixture.eventually(timeout: .seconds(15)) { target.received.count > before + 2 }
                let recovery = ContinuousClock.now - restartedAt
                #expect(recovered && recovery <= .seconds(5), "took \(recovery) to run jobs again:\n\(serve.output)")
                let paths = { target.received.map(\.request.path).filter { $0.hasPrefix("/job/") } }
                let all = await QueueFixture.eventually(timeout: .seconds(120)) { Set(paths()).count == count }
                #expect(all, "\(count - Set(paths()).count) jobs never ran")
                #expect(await serve.stop() == 0, "\(serve.output)")
                // A job may run twice only if it was running when Redis went away (at most the
                // concurrency): its finish could not be recorded, so its lock ran out and it ran again.
                var runs: [String: Int] = [:]
                for path in paths() { runs[path, default: 0] += 1 }
                let twice = runs.filter { $0.value > 1 }
                #expect(twice.count <= 2 && twice.values.allSatisfy { $0 == 2 }, "\(twice)")
                for i in 0..<count { #expect(try await lab.queue.job("job\(i)")?.state == .completed, "job\(i)") }
                print(
                    """
                    fault: Redis restarted (down \(restartedAt - stoppedAt)) with \(count) jobs queued: running again \(recovery) after it \
                    was back, all \(count) ran, \(twice.count) ran twice (running at the restart)
                    """)
            }
        }
    }

    @Test func serveRidesOutAHungRedisAndLosesNoSlot() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}") }) { target, base in
            try await FaultLab.with { lab in
                let schedules = [try await lab.everySecond("tick0", url: base + "/tick"), try await lab.everySecond("tick1", url: base + "/tick")]
                let serve = try lab.serve(["--concurrency", "2", "--grace-period", "5"])
                try #require(await QueueFixture.eventually(timeout: .seconds(30)) { target.received.count >= 4 }, "\(serve.output)")
                let hangStart = FaultLab.now()
                try await lab.act("hang", "redis")
                let unready = await QueueFixture.eventually(timeout: .seconds(15)) { (try? await serve.get("/readyz"))?.status == 503 }
                #expect(unready, "readyz did not turn 503 with Redis hung")
                Self.expectOneLineFailure(of: "redis", in: try await serve.get("/readyz"))
                while FaultLab.now() < hangStart + 10_000 { try await Task.sleep(for: .milliseconds(200)) }
                let hangEnd = FaultLab.now()
                try await lab.act("resume", "redis")
                let resumed = ContinuousClock.now
                let before = target.received.count
                let recovered = await QueueFixture.eventually(timeout: .seconds(20)) { target.received.count > before + 2 }
                let recovery = ContinuousClock.now - resumed
                #expect(recovered && recovery <= .seconds(10), "took \(recovery):\n\(serve.output)")
                // The slots of the hang were claimed late, once Redis answered: none is missing.
                let window = (hangStart / 1_000 + 1) * 1_000...(hangEnd / 1_000) * 1_000
                let expected = Int((window.upperBound - window.lowerBound) / 1_000) + 1
                var fires: [FireRecord] = []
                let complete = try await QueueFixture.eventually(timeout: .seconds(30)) {
                    fires = []
                    for schedule in schedules { fires += try await lab.fires(schedule, in: window) }
                    return fires.count == schedules.count * expected
                }
                #expect(complete, "\(fires.count) of \(schedules.count * expected) slots of the hang in the ledger")
                #expect(await serve.stop() == 0, "\(serve.output)")
                let traces = FaultLab.traces(target)
                #expect(Set(traces).count == traces.count, "a job ran twice")
                let lines = serve.events("dependency.redis")
                #expect(lines.filter { $0.contains("Redis is unreachable") }.count == 1, "\(lines)")
                #expect(lines.filter { $0.contains("Redis is back") }.count == 1, "\(lines)")
                print(
                    """
                    fault: Redis hung (SIGSTOP) for \(Double(hangEnd - hangStart) / 1_000) s under 2 every-second schedules: requests again \
                    \(recovery) after it answered, \(fires.filter { $0.status == .enqueued }.count) of \(fires.count) slots of the hang enqueued late, none lost
                    """)
            }
        }
    }

    @Test func aKilledServesAttemptIsClosedAsAbandonedAndItsJobRunsAgain() async throws {
        let slowCalls = CallCounter()
        try await ScriptedTarget.with({ _, request in
            request.path == "/slow" && slowCalls.next() == 0 ? .json(200, "{}", delay: .seconds(20)) : .json(200, "{}")
        }) { target, base in
            try await FaultLab.with { lab in
                let ticks = [try await lab.everySecond("tick0", url: base + "/tick"), try await lab.everySecond("tick1", url: base + "/tick")]
                let first = try lab.serve(["--concurrency", "2"])
                try #require(await QueueFixture.eventually(timeout: .seconds(30)) { target.received.count >= 4 }, "\(first.output)")
                let firstSlot = FaultLab.now() / 1_000 * 1_000 - 1_000
                let job = NewJob(id: "slow", payload: try HTTPJob(trigger: .manual, request: .init(url: base + "/slow", timeoutMs: 60_000)).encoded())
                try await lab.queue.enqueue(job)
                try #require(await QueueFixture.eventually(timeout: .seconds(15)) { target.received.contains { $0.request.path == "/slow" } })
                let second = try lab.serve(["--concurrency", "2"])
                try #require(await QueueFixture.eventually(timeout: .seconds(30)) { (try? await second.get("/readyz"))?.status == 200 })
                let killedAt = ContinuousClock.now
                #expect(await first.stop(SIGKILL) == 128 + SIGKILL)

                var rows: [(job: String, attempt: Int, trace: String, status: String, errorKind: String?)] = []
                let ranAgain = try await QueueFixture.eventually(timeout: .seconds(60)) {
                    rows = try await lab.executions().filter { $0.job == "slow" }
                    return rows.count == 2 && rows.contains { $0.status == "succeeded" }
                }
                let rerunAfter = ContinuousClock.now - killedAt
                #expect(ranAgain, "\(rows)\n\(second.output)")
                #expect(rows.first?.status == "retrying" && rows.first?.errorKind == "abandoned", "\(rows)")
                // An attempt abandoned by a vanished worker does not count: the job's attempts are its own.
                #expect(rows.last?.status == "succeeded" && rows.map(\.attempt) == [1, 1], "\(rows)")
                #expect(target.received.filter { $0.request.path == "/slow" }.count == 2)

                // The standby took the lead: every slot since the first serve started is in the ledger
                // (enqueued, or missed during the hand-over), none twice.
                let lastSlot = FaultLab.now() / 1_000 * 1_000 + 2_000
                let took = try await QueueFixture.eventually(timeout: .seconds(30)) {
                    try await lab.fires(ticks[0], in: lastSlot...lastSlot + 5_000).count > 0
                }
                #expect(took, "no fire after the hand-over:\n\(second.output)")
                #expect(await second.stop() == 0, "\(second.output)")
                var missed = 0
                for tick in ticks {
                    let fires = try await lab.fires(tick, in: firstSlot...lastSlot)
                    let slots = fires.map(\.scheduledFor)
                    #expect(slots == Array(stride(from: firstSlot, through: lastSlot, by: 1_000)), "gaps in \(tick.name): \(slots)")
                    missed += fires.filter { $0.status == .missed }.count
                }
                print(
                    """
                    fault: serve killed with SIGKILL mid-request beside a second serve: the job ran again \(rerunAfter) later (3 s lock), \
                    its first attempt closed as abandoned; the standby led on, \(missed) slots recorded missed in the hand-over, none lost
                    """)
            }
        }
    }

    @Test func sigtermLetsARequestInFlightFinish() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}", delay: .seconds(2)) }) { target, base in
            try await FaultLab.with { lab in
                let serve = try lab.serve(["--concurrency", "1", "--grace-period", "10"])
                try #require(await QueueFixture.eventually(timeout: .seconds(30)) { (try? await serve.get("/readyz"))?.status == 200 })
                let job = NewJob(id: "inflight", payload: try HTTPJob(trigger: .manual, request: .init(url: base + "/slow")).encoded())
                try await lab.queue.enqueue(job)
                try #require(await QueueFixture.eventually(timeout: .seconds(15)) { target.received.count == 1 })
                let signalled = ContinuousClock.now
                #expect(await serve.stop() == 0, "\(serve.output)")
                let stopped = ContinuousClock.now - signalled
                let rows = try await lab.executions()
                #expect(rows.count == 1 && rows.first?.status == "succeeded", "\(rows)")
                #expect(try await lab.queue.stats().completed == 1)
                print("fault: SIGTERM with a 2 s request in flight: it finished and was recorded succeeded; exit 0 after \(stopped)")
            }
        }
    }
}

extension FaultTests {
    /// Runs `crontui arguments` off the cooperative pool (waiting for a child blocks).
    static func crontui(_ arguments: [String], environment: [String: String?]) async throws -> ProcessRunner.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(arguments, environment: environment) })
            }
        }
    }

    /// `/readyz` names what failed for `dependency` in one line a person reads.
    static func expectOneLineFailure(of dependency: String, in response: TestResponse) {
        let said = (response.object["checks"] as? [String: String])?[dependency] ?? ""
        #expect(said.hasPrefix("error: ") && said.count > 12, "\(response.text)")
        #expect(!said.contains("\n") && !said.contains("APIError("), "\(response.text)")
    }
}

/// Counts calls across threads.
final class CallCounter: Sendable {
    private let value = Mutex(0)
    /// The number of calls before this one.
    func next() -> Int {
        value.withLock { v in
            defer { v += 1 }
            return v
        }
    }
}
