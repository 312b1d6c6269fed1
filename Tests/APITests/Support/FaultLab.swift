import Engine
import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The fault tests' own Redis and PostgreSQL (`FAULT_REDIS_URL`, `FAULT_DATABASE_URL`, started by
/// `scripts/services.sh up`), which they stop, hang and restart through that script, and the real
/// `crontui serve` processes they run against them: a schema and a queue of their own per test.
struct FaultLab: Sendable {
    let databaseURL: String
    let redisURL: String
    let queueName: String
    let pool: PostgresPool
    let redis: RedisClient
    let queue: JobQueue
    let service: ScheduleService
    let script: String
    /// The `serve` processes still running, ended when the test is done.
    let running = Running()

    /// Process ids, shared between a test and its lab.
    final class Running: Sendable {
        let pids = Mutex(Set<pid_t>())
    }

    /// The lock of every job in the lab (`JOB_LOCK_TTL` of its `serve`s).
    static let lockTTL: Duration = .seconds(3)

    /// True when the fault services are configured, and always in CI (where missing ones fail).
    static var enabled: Bool {
        TestServices.isCI || ProcessInfo.processInfo.environment["FAULT_DATABASE_URL"] != nil
    }

    /// Runs `body` with a fresh schema and queue on the fault services; afterwards both services
    /// are running and answering again, whatever the test did to them. No other test uses the fault
    /// services meanwhile.
    static func with(_ body: (FaultLab) async throws -> Void) async throws {
        try await FaultServices.exclusive { try await withLab(body) }
    }

    private static func withLab(_ body: (FaultLab) async throws -> Void) async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let base = environment["FAULT_DATABASE_URL"], let redisURL = environment["FAULT_REDIS_URL"],
            let script = environment["CRONTUI_SERVICES"]
        else {
            Issue.record("FAULT_DATABASE_URL, FAULT_REDIS_URL or CRONTUI_SERVICES is not set: run the tests with `make test`")
            return
        }
        let schema = "fault_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let admin = try await PostgresConnection.connect(to: PostgresEndpoint(url: base))
        try await admin.query("CREATE SCHEMA \(schema)")
        await admin.close()
        let url = base + (base.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema
        let pool = PostgresPool(endpoint: try PostgresEndpoint(url: url), size: 2)
        try await pool.withConnection { _ = try await MigrationRunner().run(on: $0) }
        let redis = RedisClient(endpoint: try RedisEndpoint(url: redisURL))
        // Jobs handed straight to an idle worker carry the enqueuer's lock until the worker's first
        // renewal: the same short lock everywhere, so a killed worker's job runs again within seconds.
        var options = QueueOptions()
        options.lockDuration = Self.lockTTL
        let queue = JobQueue(name: TestServices.uniqueName("fault"), redis: redis, options: options)
        let lab = FaultLab(
            databaseURL: url, redisURL: redisURL, queueName: queue.name, pool: pool, redis: redis, queue: queue,
            service: ScheduleService(database: pool, queue: queue), script: script)
        var failure: (any Error)?
        do { try await body(lab) } catch { failure = error }
        for pid in lab.running.pids.withLock({ $0 }) {
            kill(pid, SIGKILL)
            _ = await ProcessRunner.waitDetached(pid)
        }
        for service in ["redis", "postgres"] {
            _ = try? await lab.act("resume", service)
            _ = try? await lab.act("start", service)
        }
        try? await queue.destroy()
        redis.close()
        await pool.close()
        if let cleanup = try? await PostgresConnection.connect(to: PostgresEndpoint(url: base)) {
            _ = try? await cleanup.query("DROP SCHEMA \(schema) CASCADE")
            await cleanup.close()
        }
        if let failure { throw failure }
    }

    /// `scripts/services.sh fault <action> <service>` (stop, start, hang, resume; redis, postgres).
    func act(_ action: String, _ service: String) async throws {
        let result = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(["fault", action, service], executable: script) })
            }
        }
        guard result.status == 0 else { throw FaultLabError("services.sh fault \(action) \(service): \(result.stderr)") }
    }

    /// A `crontui serve` on the fault services, its output in a file.
    final class Serve: Sendable {
        let pid: pid_t
        let log: String
        let apiPort: Int
        private let running: Running

        init(pid: pid_t, log: String, apiPort: Int, running: Running) {
            self.pid = pid
            self.log = log
            self.apiPort = apiPort
            self.running = running
            running.pids.withLock { _ = $0.insert(pid) }
        }

        /// Sends `signal` and waits for the process to end; its exit status (128 + the signal that
        /// ended it).
        func stop(_ signal: Int32 = SIGTERM) async -> Int32 {
            kill(pid, signal)
            let status = await ProcessRunner.waitDetached(pid)
            running.pids.withLock { _ = $0.remove(pid) }
            return status
        }

        /// Everything it logged so far.
        var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

        /// Its JSON log lines whose `event` is `event`.
        func events(_ event: String) -> [String] {
            output.split(separator: "\n").map(String.init).filter { $0.contains("\"event\":\"\(event)\"") }
        }

        /// `GET path` on its API.
        func get(_ path: String) async throws -> TestResponse {
            try await HTTPTestClient.request(port: apiPort, "GET", path)
        }
    }

    /// Starts `crontui serve` with `arguments` and `environment` added to the lab's.
    func serve(_ arguments: [String] = [], environment: [String: String?] = [:]) throws -> Serve {
        let port = try ServeAPITests.freePort()
        let log = NSTemporaryDirectory() + "\(queueName)-\(UInt32.random(in: 0...UInt32.max)).log"
        let fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        var env: [String: String?] = [
            "DATABASE_URL": databaseURL, "REDIS_URL": redisURL, "REDIS_HOST": nil, "REDIS_PORT": nil, "QUEUE_NAME": queueName,
            "LOG_FORMAT": "json", "LOG_LEVEL": "info", "API_HOST": nil, "API_PORT": nil, "API_TOKEN": TestTokens.admin, "API_TOKENS_FILE": nil,
            "JOB_LOCK_TTL": "\(Self.lockTTL.components.seconds)s",
        ]
        for (key, value) in environment { env[key] = value }
        let pid = try ProcessRunner.spawn(["serve", "--api-port", String(port)] + arguments, environment: env, stdout: fd, stderr: fd)
        return Serve(pid: pid, log: log, apiPort: port, running: running)
    }

    /// Creates an every-second schedule calling `url`.
    @discardableResult
    func everySecond(_ name: String, url: String, attempts: String? = "1") async throws -> Schedule {
        try await service.create(
            ScheduleInput(name: name, cron: "* * * * * *", url: url, attempts: attempts), by: .init(actor: "test", interface: .cli))
    }

    /// The ledger rows of `schedule` with a slot in `range` (epoch ms): slot, status, enqueue time.
    func fires(_ schedule: Schedule, in range: ClosedRange<Int64>) async throws -> [FireRecord] {
        try await FireLedger(pool: pool).fires(scheduleID: schedule.id, limit: 10_000).filter { range.contains($0.scheduledFor) }.reversed()
    }

    /// Execution rows: (job id, attempt, trace id, status).
    func executions() async throws -> [(job: String, attempt: Int, trace: String, status: String, errorKind: String?)] {
        try await pool.query("SELECT job_id, attempt, trace_id, status, error_kind FROM executions ORDER BY id").map {
            (try $0.decode(0), try $0.decode(1), try $0.decode(2), try $0.decode(3), try $0.decode(4))
        }
    }

    /// What waits in Redis for PostgreSQL: execution records and fire ledger rows.
    func backlog() async throws -> Int {
        let replies = try await redis.pipeline([RedisCommand("LLEN", queue.keys.outbox), RedisCommand("LLEN", queue.keys.fireOutbox)])
        return (replies[0].int ?? 0) + (replies[1].int ?? 0)
    }

    /// The trace id of each request `target` received.
    static func traces(_ target: ScriptedTarget) -> [String] {
        target.received.compactMap { $0.request.header(TraceParent.headerName).flatMap(TraceParent.traceID(in:)) }
    }

    /// Now, epoch milliseconds.
    static func now() -> Int64 { SystemQueueClock().nowMilliseconds() }
}

struct FaultLabError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
