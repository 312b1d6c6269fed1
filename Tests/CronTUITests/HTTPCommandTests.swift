import Engine
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `history`, `stats`, `job` and `serve` as an operator runs them, against the real services.
// One test at a time: each starts servers, clients and schemas (and some spawn the binary), and
// run all at once they starve the timing-sensitive suites on a 2-core machine.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct HTTPCommandTests {
    /// Runs `crontui arguments` off the cooperative pool (waiting for a child blocks).
    static func crontui(_ arguments: [String], environment: [String: String?]) async throws -> ProcessRunner.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(arguments, environment: environment) })
            }
        }
    }

    /// A migrated schema and a queue name of their own.
    static func withServices(_ body: (_ env: [String: String?], _ store: PostgresExecutionStore, _ queue: JobQueue) async throws -> Void) async throws
    {
        try await TestDatabaseURL.withSchema { url in
            let queueName = TestServices.uniqueName("cli")
            let env: [String: String?] = ["DATABASE_URL": url, "QUEUE_NAME": queueName, "LOG_FORMAT": "json", "LOG_LEVEL": "info"]
            let migrated = try await crontui(["migrate"], environment: env)
            try #require(migrated.status == 0, "\(migrated.stderr)")
            let pool = PostgresPool(endpoint: try PostgresEndpoint(url: url), size: 2)
            let redis = RedisClient(endpoint: try TestServices.redisEndpoint())
            let queue = JobQueue(name: queueName, redis: redis)
            var failure: (any Error)?
            do { try await body(env, PostgresExecutionStore(pool: pool), queue) } catch { failure = error }
            try? await queue.destroy()
            redis.close()
            await pool.close()
            if let failure { throw failure }
        }
    }

    static func record(
        job: String, attempt: Int = 1, of max: Int = 1, startedAt: Int64, schedule: String?, trace: String = TraceID.random(),
        outcome: ExecutionOutcome, status: Int?, willRetry: Bool = false, kind: ExecutionErrorKind? = nil, queue: String? = nil
    ) -> ExecutionRecord {
        var r = ExecutionRecord(
            jobID: job, attempt: attempt, maxAttempts: max, trigger: attempt > 1 ? .retry : .cron, scheduleName: schedule,
            startedAt: startedAt, method: "GET", url: "http://127.0.0.1:9/x", worker: "w1", queue: queue, traceID: trace)
        r.finishedAt = startedAt + 12
        r.durationMs = 12
        r.httpStatus = status
        r.outcome = outcome
        r.errorKind = kind ?? (outcome == .success ? nil : .http)
        r.error = outcome == .success ? nil : "HTTP \(status ?? 0)"
        r.willRetry = willRetry
        r.responseBody = Data("{\"ok\":1}\u{1b}[2J".utf8)
        r.responseSize = 12
        r.responseHeaders = [["Content-Type", "application/json"]]
        return r
    }

    /// A JSON array of objects, each value as text (numbers and strings as they read, `null` as
    /// "null"), so it stays `Sendable`.
    static func jsonArray(_ text: String) throws -> [[String: String]] {
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        return objects.map { $0.mapValues(Self.text) }
    }

    static func jsonObject(_ text: String) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return object.mapValues(Self.text)
    }

    static func text(_ value: Any) -> String {
        switch value {
        case is NSNull: "null"
        case let s as String: s
        case let n as NSNumber: n.stringValue
        default: (try? JSONSerialization.data(withJSONObject: value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        }
    }

    @Test func historyPrintsJSONFiltersAndKeysetPages() async throws {
        try await Self.withServices { env, store, _ in try await Self.checkHistory(env: env, store: store) }
    }

    static func checkHistory(env: [String: String?], store: PostgresExecutionStore) async throws {
        let t0: Int64 = 1_800_000_000_000
        let trace = TraceID.random()
        let records = [
            Self.record(job: "a", startedAt: t0, schedule: "alpha", outcome: .success, status: 200, queue: "one"),
            Self.record(
                job: "b", attempt: 1, of: 2, startedAt: t0 + 1_000, schedule: "beta", trace: trace, outcome: .retryable, status: 500, willRetry: true,
                queue: "two"),
            Self.record(
                job: "b", attempt: 2, of: 2, startedAt: t0 + 2_000, schedule: "beta", trace: trace, outcome: .retryable, status: 500, queue: "two"),
            Self.record(job: "c", startedAt: t0 + 3_000, schedule: "alpha", outcome: .retryable, status: nil, kind: .timeout, queue: "one"),
            Self.record(job: "d", startedAt: t0 + 4_000, schedule: "alpha", outcome: .success, status: 204, queue: "one"),
        ]
        _ = try await store.write(records)
        var running = ExecutionRecord(
            jobID: "e", attempt: 1, maxAttempts: 1, trigger: .manual, startedAt: t0 + 5_000, method: "GET", url: "http://x/",
            traceID: TraceID.random())
        running.worker = "w1"
        _ = try await store.write([running])

        let all = try await Self.crontui(["history", "--json"], environment: env)
        #expect(all.status == 0, "\(all.stderr)")
        let rows = try Self.jsonArray(all.stdout)
        #expect(rows.map { $0["job_id"] } == ["e", "d", "c", "b", "b", "a"])
        #expect(rows.map { $0["status"] } == ["running", "succeeded", "timed_out", "failed", "retrying", "succeeded"])
        let d = rows[1]
        for key in [
            "id", "trace_id", "attempt", "max_attempts", "status", "http_status", "duration_ms", "started_at", "finished_at", "schedule_name",
            "trigger", "cursor", "error",
        ] {
            #expect(d[key] != nil, "missing \(key)")
        }
        #expect(d["http_status"] == "204")
        #expect(d["duration_ms"] == "12")
        #expect(!all.stdout.contains("\u{1b}"), "escape sequences from targets are escaped in JSON")
        // The response itself, as `GET /api/cron/executions/:id` has it, with --detail.
        let detailed = try Self.jsonArray(try await Self.crontui(["history", "--json", "--detail", "--job", "d"], environment: env).stdout)
        #expect(detailed.first?["response_body"] != nil && detailed.first?["response_headers"] != nil)
        #expect(!all.stdout.contains("response_body"))

        let failed = try Self.jsonArray(try await Self.crontui(["history", "--json", "--status", "failed"], environment: env).stdout)
        #expect(failed.map { $0["job_id"] } == ["b"])
        let beta = try Self.jsonArray(try await Self.crontui(["history", "--json", "--schedule", "beta"], environment: env).stdout)
        #expect(beta.map { $0["attempt"] } == ["2", "1"])
        let traced = try Self.jsonArray(try await Self.crontui(["history", "--json", "--trace", trace], environment: env).stdout)
        #expect(traced.count == 2 && traced.allSatisfy { $0["trace_id"] == trace })
        let since = try Self.jsonArray(try await Self.crontui(["history", "--json", "--since", "2027-01-15T08:00:03Z"], environment: env).stdout)
        #expect(since.map { $0["job_id"] } == ["e", "d", "c"])
        // By queue: the attempt recorded with none (as before queues were) is in no queue's.
        #expect(rows.map { $0["queue"] } == ["null", "one", "one", "two", "two", "one"])
        let one = try Self.jsonArray(try await Self.crontui(["history", "--json", "--queue", "one"], environment: env).stdout)
        #expect(one.map { $0["job_id"] } == ["d", "c", "a"])
        let two = try Self.jsonArray(try await Self.crontui(["history", "--json", "--queue", "two", "--status", "failed"], environment: env).stdout)
        #expect(two.map { $0["job_id"] } == ["b"])

        // Keyset pages of 2 cover everything once, in order.
        var seen: [String] = []
        var after: String?
        for _ in 0..<5 {
            let result = try await Self.crontui(["history", "--json", "--limit", "2"] + (after.map { ["--after", $0] } ?? []), environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            let page = try Self.jsonArray(result.stdout)
            seen += page.compactMap { $0["record_id"] }
            // Each row carries its cursor; the page says where the next one starts.
            #expect(page.last?["cursor"] != nil)
            after = result.stderr.split(separator: "\n").first { $0.hasPrefix("more: --after ") }.map { String($0.dropFirst("more: --after ".count)) }
            if after == nil { break }
            #expect(page.last?["cursor"] == after)
        }
        #expect(seen.count == 6 && Set(seen).count == 6)

        let text = try await Self.crontui(["history", "--schedule", "alpha"], environment: env)
        #expect(text.status == 0)
        #expect(text.stdout.contains("timed_out"))
    }

    @Test func statsPrintsCountsWorkersAndLeader() async throws {
        try await Self.withServices { env, _, queue in
            try await queue.enqueue((0..<3).map { _ in NewJob(payload: Array("{}".utf8)) })
            try await queue.heartbeat(worker: "host:1:ab", ttl: .seconds(30))
            try await queue.redis.send("SET", queue.keys.leader, "scheduler-7", "PX", 30_000)
            let result = try await Self.crontui(["stats", "--json"], environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            let stats = try Self.jsonObject(result.stdout)
            #expect(stats["waiting"] == "3")
            #expect(stats["workers"] == "1")
            #expect(stats["leader"] == "scheduler-7")
            #expect(stats["completed_per_minute"]?.split(separator: ",").count == 60)
            #expect(stats["oldest_waiting_ms"].map { $0 != "null" } == true)
            try await queue.redis.send("DEL", queue.keys.leader)
            let text = try await Self.crontui(["stats"], environment: env)
            #expect(text.stdout.contains("leader: none"))
        }
    }

    /// `--all-queues`: the default queue and every queue a schedule names, each with its own
    /// figures (with `--json`, an array of the objects `stats --json` prints).
    @Test func statsOfAllQueuesListsTheQueuesSchedulesName() async throws {
        try await Self.withServices { env, _, queue in
            let other = queue.sibling(named: queue.name + "-other")
            defer { Task { try? await other.destroy() } }
            let added = try await Self.crontui(
                ["schedule", "add", "--name", "o", "--cron", "0 0 1 1 *", "--url", "https://example.com", "--job-queue", other.name], environment: env
            )
            #expect(added.status == 0, "\(added.stderr)")
            try await queue.enqueue(NewJob(payload: Array("{}".utf8)))
            try await other.enqueue((0..<2).map { _ in NewJob(payload: Array("{}".utf8)) })
            try await other.redis.send("SET", other.keys.leader, "scheduler-o", "PX", 30_000)
            let result = try await Self.crontui(["stats", "--all-queues", "--json"], environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            #expect(array.map { $0["queue"] as? String } == [queue.name, other.name])
            #expect(array.map { $0["waiting"] as? Int } == [1, 2])
            #expect(array.map { $0["leader"] as? String } == ["none", "scheduler-o"])
            let text = try await Self.crontui(["stats", "--all-queues"], environment: env)
            #expect(text.stdout.contains("queue \(queue.name)\n") && text.stdout.contains("queue \(other.name)\n"), "\(text.stdout)")
            // Without the flag, the default queue alone, as before.
            #expect(try Self.jsonObject(try await Self.crontui(["stats", "--json"], environment: env).stdout)["waiting"] == "1")
            // With PostgreSQL away, stats still answer, for the queues the configuration names.
            var away = env
            away["DATABASE_URL"] = "postgres://crontui@127.0.0.1:1/crontui"
            let outage = try await Self.crontui(["stats", "--all-queues", "--json"], environment: away)
            #expect(outage.status == 0, "\(outage.stderr)")
            #expect(outage.stderr.contains("PostgreSQL cannot say which queues schedules name"), "\(outage.stderr)")
            let configured = try #require(try JSONSerialization.jsonObject(with: Data(outage.stdout.utf8)) as? [[String: Any]])
            #expect(configured.map { $0["queue"] as? String } == [queue.name])
        }
    }

    @Test func jobRerunMakesALinkedJobAndRetryRequeues() async throws {
        try await Self.withServices { env, _, queue in
            try await queue.enqueue(NewJob(id: "orig", payload: Array("{}".utf8), options: JobOptions(attempts: 1)))
            try await queue.enqueue(NewJob(id: "bad", payload: Array("{}".utf8), options: JobOptions(attempts: 1)))
            let held = try await queue.fetch(count: 2, worker: "t").jobs
            for job in held {
                if job.job.id == "orig" { _ = try await queue.complete(job) } else { _ = try await queue.fail(job, error: "x", retryDelay: nil) }
            }
            let rerun = try await Self.crontui(["job", "rerun", "orig"], environment: env)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            let lines = rerun.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 2 && lines[0].hasPrefix("job orig:rerun:") && lines[1].hasPrefix("trace "), "\(rerun.stdout)")
            let copy = try #require(try await queue.job(String(lines[0].dropFirst(4))))
            #expect(copy.rerunOf == "orig" && copy.traceID == String(lines[1].dropFirst(6)))
            let retry = try await Self.crontui(["job", "retry", "bad"], environment: env)
            #expect(retry.status == 0, "\(retry.stderr)")
            #expect(try await queue.job("bad")?.state == .waiting)
            let missing = try await Self.crontui(["job", "rerun", "nope"], environment: env)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("not found"))
        }
    }

    @Test(arguments: [
        (["history", "--status", "bogus"], "--status"),
        (["history", "--limit", "0"], "--limit"),
        (["history", "--since", "yesterday"], "--since"),
        (["history", "--trace", "xyz"], "--trace"),
        (["history", "--after", "nope"], "--after"),
        (["history", "--queue", "a b"], "--queue"),
        (["history", "--queue", ""], "--queue"),
        (["history", "--bogus"], "--bogus"),
        (["history", "--detail"], "--detail"),
        (["stats", "--bogus"], "--bogus"),
        (["serve", "--grace-period", "-1"], "--grace-period"),
        (["demo", "--port", "0"], "--port"),
    ])
    func badFlagsAreOneLineAndExitTwo(arguments: [String], flag: String) async throws {
        let result = try await Self.crontui(arguments, environment: [:])
        #expect(result.status == 2)
        #expect(result.stderr.contains(flag))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(result.stdout.isEmpty)
    }

    /// A port something already listens on is refused in one line, before anything starts.
    @Test func aPortInUseIsRefusedBeforeAnythingStarts() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}") }) { _, base in
            let port = try #require(base.split(separator: ":").last.map(String.init))
            for command in [["serve"], ["api"]] {
                let result = try await Self.crontui(command + ["--api-port", port], environment: [:])
                #expect(result.status == 2)
                #expect(result.stderr == "error: --api-port: 127.0.0.1:\(port) is already in use\n", "\(result.stderr)")
                #expect(result.stdout.isEmpty)
            }
        }
    }

    @Test func serveDrainsOnSIGTERMAndLosesNoJob() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}", delay: .milliseconds(200)) }) { _, base in
            try await Self.withServices { env, store, queue in
                let jobs = try (0..<200).map { i in
                    NewJob(
                        id: "s\(i)", payload: try HTTPJob(trigger: .manual, request: .init(url: base + "/work")).encoded(),
                        options: JobOptions(attempts: 1))
                }
                try await queue.enqueue(jobs)
                let (pid, log) = try Self.spawnServe(["serve", "--concurrency", "4", "--grace-period", "20"], env: env)
                #expect(try await QueueFixture.eventually { try await queue.stats().completed >= 8 })
                kill(pid, SIGTERM)
                let status = await ProcessRunner.waitDetached(pid)
                let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                #expect(status == 0, "\(output)")
                let stats = try await queue.stats()
                #expect(stats.active == 0)
                #expect(stats.completed + stats.waiting == 200, "every job finished or is still waiting")
                #expect(stats.completed < 200, "SIGTERM came while jobs were left")
                #expect(try await store.count() == stats.completed, "one finished row per completed job")
                #expect(try await store.page(ExecutionQuery(status: .succeeded, limit: 1_000)).records.count == stats.completed)
                #expect(output.contains("\"event\":\"serve.stopped\""))
            }
        }
    }

    @Test func anIdleServeTakesJobsFromTheEnqueueAndWithdrawsItsOfferOnSIGTERM() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}") }) { _, base in
            try await Self.withServices { env, store, queue in
                let (pid, log) = try Self.spawnServe(["serve", "--concurrency", "2"], env: env)
                func offers() async throws -> Int { try await queue.offeringWorkers().count }
                #expect(try await QueueFixture.eventually { try await offers() == 1 })
                let job = NewJob(id: "idle1", payload: try HTTPJob(trigger: .manual, request: .init(url: base + "/x")).encoded())
                #expect(try await queue.enqueue(job).handedOver)
                #expect(try await QueueFixture.eventually { try await store.page(ExecutionQuery(status: .succeeded)).records.count == 1 })
                #expect(try await QueueFixture.eventually { try await offers() == 1 }, "it offers again")
                kill(pid, SIGTERM)
                let status = await ProcessRunner.waitDetached(pid)
                #expect(status == 0, "\((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
                #expect(try await offers() == 0)
                let after = NewJob(id: "idle2", payload: try HTTPJob(trigger: .manual, request: .init(url: base + "/x")).encoded())
                #expect(try await queue.enqueue(after).handedOver == false)
                #expect(try await queue.job("idle2")?.state == .waiting)
            }
        }
    }

    @Test func serveHandsBackJobsThatOutliveTheGracePeriod() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}", delay: .seconds(30)) }) { target, base in
            try await Self.withServices { env, store, queue in
                let jobs = try (0..<3).map { i in
                    NewJob(id: "h\(i)", payload: try HTTPJob(trigger: .manual, request: .init(url: base + "/hang", timeoutMs: 60_000)).encoded())
                }
                try await queue.enqueue(jobs)
                let (pid, log) = try Self.spawnServe(["serve", "--concurrency", "3", "--grace-period", "1"], env: env)
                #expect(await QueueFixture.eventually { target.received.count == 3 })
                kill(pid, SIGTERM)
                let status = await ProcessRunner.waitDetached(pid)
                #expect(status == 0, "\((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
                let stats = try await queue.stats()
                #expect(stats.active == 0)
                #expect(stats.waiting == 3, "handed back to the queue")
                for i in 0..<3 { #expect(try await queue.job("h\(i)")?.attemptsMade == 0, "an interrupted attempt does not count") }
                let rows = try await store.page(ExecutionQuery(limit: 100)).records
                #expect(rows.count == 3)
                #expect(rows.allSatisfy { $0.outcome == .interrupted && $0.status == .retrying })
            }
        }
    }

    /// Starts `crontui serve` with its output in a temporary file; returns its pid and the file.
    static func spawnServe(_ arguments: [String], env: [String: String?]) throws -> (pid_t, String) {
        let path = NSTemporaryDirectory() + "serve-\(UInt32.random(in: 0...UInt32.max)).log"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        let pid = try ProcessRunner.spawn(arguments, environment: env, stdout: fd, stderr: fd)
        return (pid, path)
    }
}
