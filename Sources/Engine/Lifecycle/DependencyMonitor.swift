import Logging
import Synchronization

/// Watches Redis and PostgreSQL: asks each every second, over a connection of its own with a short
/// deadline, whether it answers. It is what `/readyz` and `crontui_dependency_up` report, and the
/// one voice of an outage in the logs: one line when a dependency goes away, a reminder at most
/// every 30 s while it stays away, and one line when it is back, with how long it was gone and how
/// many execution records and fire ledger rows waited in Redis meanwhile and were replayed. (The
/// components that retry meanwhile log their own failures once per 30 s at most.)
public final class DependencyMonitor: Sendable {
    /// What it watches.
    public enum Dependency: String, Sendable, CaseIterable {
        /// The queue.
        case redis
        /// History, schedules and the fire ledger.
        case postgres
    }

    /// What is waiting in Redis for PostgreSQL.
    public struct Backlog: Sendable, Equatable {
        /// Execution records in the outbox.
        public var records: Int
        /// Fire ledger rows.
        public var fires: Int
    }

    /// How it watches.
    public struct Options: Sendable {
        /// Time between two probes of one dependency (default 1 s).
        public var interval: Duration = .seconds(1)
        /// How long a probe may take before the dependency counts as away (default 2 s).
        public var probeTimeout: Duration = .seconds(2)
        /// Time between two reminders of an outage (default 30 s).
        public var reminder: Duration = .seconds(30)
        /// How long a "back" line waits for the replay to finish (default 30 s).
        public var replayWait: Duration = .seconds(30)
        /// A dependency that refuses the login from the start (a wrong user or password) for this
        /// long ends ``DependencyMonitor/run()`` with a ``ConfigurationError``, so that `serve` exits
        /// (`LOGIN_DEADLINE`, default 60 s). Meanwhile it is asked again with a growing pause, up to
        /// 30 s.
        public var loginDeadline: Duration = .seconds(60)
        /// The variables (or flags) that name Redis and PostgreSQL, for the lines that blame them.
        public var redisField = "REDIS_URL"
        /// See ``redisField``.
        public var databaseField = "DATABASE_URL"

        /// The defaults.
        package init() {}
    }

    /// One probe's failure: what it said, and whether the server refused the login.
    private struct Failure {
        var message: String
        var loginRefused: Bool
    }

    private struct Watch {
        var up = true
        /// Answered at least once since start.
        var everUp = false
        /// The login was refused since this instant (nil: it was not, at the last probe).
        var refusedSince: ContinuousClock.Instant?
        var since = ContinuousClock.now
        var lastReminder = ContinuousClock.now
        var lastError = ""
        var peak = Backlog(records: 0, fires: 0)
    }

    private let redis: any RedisCommands
    /// The cluster client whose map ``redis`` follows, on a cluster.
    private let cluster: RedisClusterClient?
    private let database: PostgresEndpoint
    private let keys: QueueKeys
    private let options: Options
    private let metrics: EngineMetrics
    private let logger: Logger
    private let state = Mutex([Dependency: Watch]())
    private let stopping = Wakeup()
    private let stopped = Mutex(false)

    /// A monitor of the Redis at `redis` (the queue whose keys are `keys`) and the PostgreSQL at
    /// `database`.
    package init(
        redis: RedisEndpoint, database: PostgresEndpoint, keys: QueueKeys, options: Options = Options(), metrics: EngineMetrics = EngineMetrics(),
        logger: Logger = Logger(label: "crontui.dependencies")
    ) {
        var connection = RedisConnectionOptions()
        connection.commandTimeout = options.probeTimeout
        connection.connectTimeout = options.probeTimeout
        connection.reconnectWindow = .zero
        connection.name = "redis-probe"
        if redis.isCluster {
            // The master of the queue's slot, wherever a failover takes it.
            connection.failoverWindow = options.probeTimeout
            let cluster = RedisClusterClient(endpoint: redis, poolSize: 1, options: connection)
            self.cluster = cluster
            self.redis = cluster.dedicatedConnection(name: connection.name, forKey: keys.wait)
        } else {
            self.cluster = nil
            self.redis = RedisConnection(endpoint: redis, options: connection)
        }
        self.database = database
        self.keys = keys
        self.options = options
        self.metrics = metrics
        self.logger = logger
    }

    /// Whether `dependency` answered the last probe (true before the first).
    public func isUp(_ dependency: Dependency) -> Bool {
        state.withLock { $0[dependency]?.up ?? true }
    }

    /// The last probe's error of a dependency that is away; nil while it answers.
    public func failure(_ dependency: Dependency) -> String? {
        state.withLock { s in s[dependency].flatMap { $0.up ? nil : $0.lastError } }
    }

    /// Probes until ``shutdown()``.
    public func run() async throws {
        for dependency in Dependency.allCases { metrics.dependency(dependency.rawValue, up: true) }
        let started = ContinuousClock.now
        var postgres: PostgresConnection?
        var pause = options.interval
        defer {
            redis.close()
            cluster?.close()
        }
        while !stopped.withLock({ $0 }), !Task.isCancelled {
            let redisFailure = await probeRedis()
            let postgresFailure: Failure?
            (postgres, postgresFailure) = await probePostgres(postgres)
            await note(.redis, failure: redisFailure)
            await note(.postgres, failure: postgresFailure)
            // A refused login is a configuration error: ask again less and less often, and give up
            // once it has been refused from the start for the login deadline.
            let refused = [(Dependency.redis, redisFailure), (.postgres, postgresFailure)].filter { $0.1?.loginRefused == true }
            if let (dependency, failure) = refused.first(where: { !isEverUp($0.0) }),
                ContinuousClock.now - started >= options.loginDeadline, let failure
            {
                await postgres?.close()
                throw ConfigurationError(
                    field: field(dependency),
                    reason: "\(name(dependency)) refused the login for \(Self.seconds(options.loginDeadline)): \(failure.message)")
            }
            pause = refused.isEmpty ? options.interval : min(pause * 2, .seconds(30))
            await stopping.wait(for: pause)
        }
        await postgres?.close()
    }

    private func isEverUp(_ dependency: Dependency) -> Bool {
        state.withLock { $0[dependency]?.everUp ?? false }
    }

    private func field(_ dependency: Dependency) -> String {
        dependency == .redis ? options.redisField : options.databaseField
    }

    /// Stops probing; ``run()`` returns within a probe.
    public func shutdown() {
        stopped.withLock { $0 = true }
        stopping.wake()
    }

    private func probeRedis() async -> Failure? {
        do {
            let reply = try await redis.send(RedisCommand("PING"))
            return reply.string == "PONG" ? nil : Failure(message: "unexpected reply to PING", loginRefused: false)
        } catch {
            return Failure(message: error.description, loginRefused: error.code == .authentication)
        }
    }

    /// Probes over `connection`, opening one first when there is none; returns the connection to
    /// use next time (nil after a failure: the next probe connects anew, within the deadline).
    private func probePostgres(_ connection: PostgresConnection?) async -> (PostgresConnection?, Failure?) {
        do {
            let db: PostgresConnection
            if let connection {
                db = connection
            } else {
                db = try await PostgresConnection.connect(to: database)
                await db.setStatementTimeout(options.probeTimeout)
            }
            try await db.query("SELECT 1")
            return (db, nil)
        } catch {
            await connection?.close()
            return (nil, Failure(message: Redaction.message(error.description), loginRefused: Self.isLoginRefusal(error.message)))
        }
    }

    /// Whether PostgreSQL's connection error says the login was refused (a wrong user, password or
    /// database, or no `pg_hba.conf` entry), rather than that it could not be reached.
    static func isLoginRefusal(_ message: String) -> Bool {
        ["password authentication failed", "pg_hba.conf", "does not exist", "authentication failed"].contains { message.contains($0) }
    }

    /// Redis's count of what waits for PostgreSQL; nil when Redis cannot say.
    private func backlog() async -> Backlog? {
        guard let lengths = try? await JobQueue.backlog(of: keys, on: redis) else { return nil }
        return Backlog(records: lengths.records, fires: lengths.fires)
    }

    private func name(_ dependency: Dependency) -> String {
        dependency == .redis ? "Redis" : "PostgreSQL"
    }

    /// Takes in one probe's result: logs and reports the changes.
    private func note(_ dependency: Dependency, failure: Failure?) async {
        let now = ContinuousClock.now
        let previous = state.withLock { $0[dependency] ?? Watch() }
        var watch = previous
        let metadata: Logger.Metadata = ["event": "dependency.\(dependency.rawValue)", "dependency": .string(dependency.rawValue)]
        watch.refusedSince = failure?.loginRefused == true ? (previous.refusedSince ?? now) : nil
        if let failure {
            let error = failure.message
            watch.lastError = error
            if failure.loginRefused, previous.refusedSince == nil {
                watch.up = false
                watch.lastReminder = now
                if previous.up { watch.since = now }
                metrics.dependency(dependency.rawValue, up: false)
                logger.error(
                    """
                    \(field(dependency)): \(name(dependency)) refused the login (check the user and password there): \(error); asked \
                    again with a growing pause\(previous.everUp ? "" : ", and given up after \(Self.seconds(options.loginDeadline))")
                    """, metadata: metadata)
            } else if previous.up {
                watch.up = false
                watch.since = now
                watch.lastReminder = now
                watch.peak = Backlog(records: 0, fires: 0)
                metrics.dependency(dependency.rawValue, up: false)
                logger.error("\(name(dependency)) is unreachable: \(error)\(consequence(dependency))", metadata: metadata)
            } else if now - previous.lastReminder >= options.reminder {
                watch.lastReminder = now
                var waiting = ""
                if dependency == .postgres, let backlog = await backlog() {
                    waiting = "; waiting in Redis: \(backlog.records) execution records, \(backlog.fires) fire ledger rows"
                }
                logger.warning(
                    "\(name(dependency)) still unreachable after \(Self.seconds(now - previous.since))\(waiting): \(error)", metadata: metadata)
            }
            if dependency == .postgres, let backlog = await backlog() {
                watch.peak = Backlog(records: max(watch.peak.records, backlog.records), fires: max(watch.peak.fires, backlog.fires))
            }
        } else if !previous.up {
            watch.up = true
            watch.everUp = true
            metrics.dependency(dependency.rawValue, up: true)
            let gone = now - previous.since
            state.withLock { $0[dependency] = watch }
            if dependency == .postgres {
                // Say what was buffered once the replay is done (or has had its time), without
                // holding up the probes meanwhile.
                let peak = previous.peak
                Task { await self.reportReplay(after: gone, peak: peak, metadata: metadata) }
            } else {
                logger.notice("Redis is back after \(Self.seconds(gone))", metadata: metadata)
            }
            return
        }
        if failure == nil { watch.everUp = true }
        state.withLock { $0[dependency] = watch }
    }

    /// The line that PostgreSQL is back: once what waited in Redis is replayed, or after
    /// ``Options/replayWait``.
    private func reportReplay(after gone: Duration, peak: Backlog, metadata: Logger.Metadata) async {
        let deadline = ContinuousClock.now + options.replayWait
        var left = await backlog()
        while let l = left, l.records + l.fires > 0, ContinuousClock.now < deadline, !stopped.withLock({ $0 }) {
            try? await Task.sleep(for: .milliseconds(200))
            left = await backlog()
        }
        let remaining = left ?? Backlog(records: 0, fires: 0)
        let replay =
            remaining.records + remaining.fires == 0
            ? "all replayed" : "\(remaining.records) records and \(remaining.fires) rows still replaying"
        logger.notice(
            """
            PostgreSQL is back after \(Self.seconds(gone)); buffered in Redis meanwhile: \(peak.records) execution records and \
            \(peak.fires) fire ledger rows, \(replay)
            """, metadata: metadata)
    }

    private func consequence(_ dependency: Dependency) -> String {
        switch dependency {
        case .postgres:
            "; jobs keep running and firing goes on, execution records and fire ledger rows wait in Redis, schedule changes are refused"
        case .redis:
            "; no job can be enqueued or taken until it is back, attempt records wait in memory"
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let tenths = attoseconds / 100_000_000_000_000_000
        return "\(seconds).\(tenths) s"
    }
}
