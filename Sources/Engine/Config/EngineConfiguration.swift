import Foundation
import Logging

/// The settings every mode of crontui shares, resolved as: flags override environment, environment
/// overrides defaults. A bad value raises a ``ConfigurationError`` naming the variable or flag.
public struct EngineConfiguration: Sendable, Equatable {
    /// The Redis server that holds the queue.
    public var redis: RedisEndpoint
    /// The PostgreSQL database that holds schedules and history (`DATABASE_URL`, with
    /// `DATABASE_PREPARED_STATEMENTS` and `DATABASE_LISTEN_URL`).
    public var database: PostgresEndpoint
    /// The most pooled PostgreSQL connections a long-running process (`serve`, `api`, the dashboard)
    /// opens (`DATABASE_POOL_SIZE`, 1 to 100); nil: its built-in size (8 for `serve`).
    public var databasePoolSize: Int?
    /// Name of the queue; every Redis key of the queue shares the hash tag `{name}`. It is also the
    /// default queue: the one of every schedule that names none.
    public var queueName: String
    /// The queues `serve` works, with their weights (`QUEUES` or `--queues`: `a,b:3,c`); unset: the
    /// one queue ``queueName``.
    public var queues: [WorkedQueue]
    /// A second fire of a schedule this soon after its previous one is refused and recorded as
    /// skipped (`DEDUPE_WINDOW`: `0` (off, the default), `500ms`, `30s`, `5m`, up to 24 h).
    public var dedupeWindow: Duration = .zero
    /// How many jobs one process runs at once (`WORKER_CONCURRENCY`, default 5).
    public var workerConcurrency: Int
    /// Whether this process runs a scheduler at all (`SCHEDULER_ENABLED`).
    public var schedulerEnabled: Bool
    /// Whether this process's scheduler may lead (`SCHEDULER_LEADER`).
    public var schedulerLeader: Bool
    /// How log lines are written (`LOG_FORMAT`: `json` or `text`, default `text`).
    public var logFormat: LogFormat = .text
    /// Where log lines go (`LOG_FILE`); nil for standard error.
    public var logFile: String?
    /// The lowest level logged (`LOG_LEVEL`: trace, debug, info, notice, warning, error, critical;
    /// default info).
    public var logLevel: Logger.Level = .info
    /// Header names stored and logged as `***` besides the built-in ones (`SENSITIVE_HEADERS`,
    /// comma-separated).
    public var sensitiveHeaders: [String] = []
    /// Response-body bytes kept per attempt (`RESPONSE_BODY_LIMIT`, default 65536).
    public var responseBodyLimit: Int = 64 * 1024
    /// Serve the demo target on 127.0.0.1 at this port in-process (`DEMO_TARGET_PORT`); nil: not.
    public var demoTargetPort: Int?
    /// How long a worker's hold on a job lasts without renewal (`JOB_LOCK_TTL`, default 30 s, 1 s to
    /// 1 h): a job whose worker vanished runs again this long after its last renewal.
    public var jobLockTTL: Duration = .seconds(30)
    /// How long `serve` keeps asking a Redis or PostgreSQL that refuses its login from the start
    /// before it gives up and exits (`LOGIN_DEADLINE`, default 60 s, 1 s to 1 h).
    public var loginDeadline: Duration = .seconds(60)
    /// Attempts (`executions`) and fire-ledger rows (`fires`) older than this are deleted by the
    /// leading scheduler (`HISTORY_RETENTION`, default 30 days); nil keeps them forever (`0`).
    public var historyRetention: Duration? = .seconds(30 * 86_400)
    /// Audit rows older than this are deleted by the leading scheduler (`AUDIT_RETENTION`, default
    /// 365 days); nil keeps them forever (`0`).
    public var auditRetention: Duration? = .seconds(365 * 86_400)
    /// Completed jobs kept in Redis beyond their age limit (`QUEUE_KEEP_COMPLETED`, default 1,000).
    public var keepCompleted: Int = 1_000
    /// Failed jobs kept in Redis beyond their age limit (`QUEUE_KEEP_FAILED`, default 5,000).
    public var keepFailed: Int = 5_000
    /// Completed jobs older than this leave Redis (`QUEUE_COMPLETED_MAX_AGE`, default 1 h); nil: no
    /// age limit (`0`).
    public var completedMaxAge: Duration? = .seconds(3_600)
    /// Failed jobs older than this leave Redis (`QUEUE_FAILED_MAX_AGE`, default 7 days); nil: no age
    /// limit (`0`).
    public var failedMaxAge: Duration? = .seconds(7 * 86_400)
    /// Execution records the Redis outbox holds at most while PostgreSQL is away
    /// (`OUTBOX_MAX_RECORDS`, default 100,000); past it the oldest are dropped.
    public var outboxMaxRecords: Int = 100_000
    /// Fire ledger rows Redis holds at most while PostgreSQL is away (`FIRE_OUTBOX_MAX_ROWS`,
    /// default 1,000,000: some 11 days of one every-second schedule); past it the oldest are dropped.
    public var fireOutboxMaxRows: Int = 1_000_000

    /// Values given as command-line flags; nil means "not given".
    public struct Flags: Sendable, Equatable {
        public var redisURL: String?
        public var databaseURL: String?
        public var queueName: String?
        public var workerConcurrency: String?
        public var queues: String?
        /// Creates an empty set of flags.
        public init(
            redisURL: String? = nil, databaseURL: String? = nil, queueName: String? = nil, workerConcurrency: String? = nil, queues: String? = nil
        ) {
            self.redisURL = redisURL
            self.databaseURL = databaseURL
            self.queueName = queueName
            self.workerConcurrency = workerConcurrency
            self.queues = queues
        }
    }

    /// Local defaults: what `scripts/services.sh up` starts.
    public static let defaultRedisURL = "redis://127.0.0.1:6390/0"
    /// Local defaults: what `scripts/services.sh up` starts.
    public static let defaultDatabaseURL = "postgres://crontui@127.0.0.1:5440/crontui"

    /// Resolves the configuration from `environment` and `flags`.
    public static func resolve(
        environment: [String: String], flags: Flags = Flags()
    ) throws(ConfigurationError) -> EngineConfiguration {
        func env(_ key: String) -> String? {
            guard let v = environment[key], !v.isEmpty else { return nil }
            return v
        }
        let redis: RedisEndpoint
        if let url = flags.redisURL {
            redis = try RedisEndpoint(url: url, field: "--redis-url")
        } else if let url = env("REDIS_URL") {
            redis = try RedisEndpoint(url: url, field: "REDIS_URL")
        } else if let host = env("REDIS_HOST") {
            redis = try RedisEndpoint(host: host, portText: env("REDIS_PORT"))
        } else if let port = env("REDIS_PORT") {
            redis = try RedisEndpoint(host: "127.0.0.1", portText: port)
        } else {
            redis = try RedisEndpoint(url: defaultRedisURL)
        }
        var database: PostgresEndpoint
        if let url = flags.databaseURL {
            database = try PostgresEndpoint(url: url, field: "--database-url")
        } else {
            database = try PostgresEndpoint(url: env("DATABASE_URL") ?? defaultDatabaseURL)
        }
        database.preparedStatements = try bool(env("DATABASE_PREPARED_STATEMENTS"), field: "DATABASE_PREPARED_STATEMENTS", default: true)
        if let url = env("DATABASE_LISTEN_URL") {
            database.listenConninfo = try PostgresEndpoint(url: url, field: "DATABASE_LISTEN_URL").conninfo
        }
        let queueName = try queueNameValue(flags.queueName.map { ($0, "--queue") } ?? env("QUEUE_NAME").map { ($0, "QUEUE_NAME") })
        let concurrency = try positiveInt(
            flags.workerConcurrency.map { ($0, "--concurrency") } ?? env("WORKER_CONCURRENCY").map { ($0, "WORKER_CONCURRENCY") },
            default: 5, max: 1000)
        let queues =
            try WorkedQueue.list(flags.queues.map { ($0, "--queues") } ?? env("QUEUES").map { ($0, "QUEUES") }) ?? [
                WorkedQueue(name: queueName)
            ]
        var configuration = EngineConfiguration(
            redis: redis, database: database, queueName: queueName, queues: queues, workerConcurrency: concurrency,
            schedulerEnabled: try bool(env("SCHEDULER_ENABLED"), field: "SCHEDULER_ENABLED", default: true),
            schedulerLeader: try bool(env("SCHEDULER_LEADER"), field: "SCHEDULER_LEADER", default: true))
        if let text = env("LOG_FORMAT") {
            guard let format = LogFormat(rawValue: text.lowercased()) else {
                throw ConfigurationError(field: "LOG_FORMAT", reason: "'\(text)' is not json or text")
            }
            configuration.logFormat = format
        }
        configuration.logFile = env("LOG_FILE")
        if let text = env("LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw ConfigurationError(field: "LOG_LEVEL", reason: "'\(text)' is not one of trace, debug, info, notice, warning, error, critical")
            }
            configuration.logLevel = level
        }
        if let text = env("SENSITIVE_HEADERS") {
            let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard names.allSatisfy({ $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x3A } }) else {
                throw ConfigurationError(field: "SENSITIVE_HEADERS", reason: "'\(text)' is not a comma-separated list of header names")
            }
            configuration.sensitiveHeaders = names
        }
        configuration.responseBodyLimit = try positiveInt(
            env("RESPONSE_BODY_LIMIT").map { ($0, "RESPONSE_BODY_LIMIT") }, default: 64 * 1024, max: 16 * 1024 * 1024)
        if let text = env("DEMO_TARGET_PORT") {
            configuration.demoTargetPort = try positiveInt((text, "DEMO_TARGET_PORT"), default: 0, max: 65_535)
        }
        configuration.dedupeWindow = try dedupeWindowValue(env("DEDUPE_WINDOW"))
        if let text = env("JOB_LOCK_TTL") {
            configuration.jobLockTTL = try duration(text, field: "JOB_LOCK_TTL", .jobLockTTL)
        }
        if let text = env("LOGIN_DEADLINE") {
            configuration.loginDeadline = try duration(text, field: "LOGIN_DEADLINE", .loginDeadline)
        }
        if let text = env("DATABASE_POOL_SIZE") {
            configuration.databasePoolSize = try positiveInt((text, "DATABASE_POOL_SIZE"), default: 8, max: 100)
        }
        try configuration.resolveRetention(env)
        return configuration
    }

    /// The retention and buffer bounds: `HISTORY_RETENTION`, `AUDIT_RETENTION`,
    /// `QUEUE_KEEP_COMPLETED`, `QUEUE_KEEP_FAILED`, `QUEUE_COMPLETED_MAX_AGE`, `QUEUE_FAILED_MAX_AGE`,
    /// `OUTBOX_MAX_RECORDS`, `FIRE_OUTBOX_MAX_ROWS`.
    private mutating func resolveRetention(_ env: (String) -> String?) throws(ConfigurationError) {
        historyRetention = try Self.retention(env("HISTORY_RETENTION"), field: "HISTORY_RETENTION", default: historyRetention, min: 3_600_000)
        auditRetention = try Self.retention(env("AUDIT_RETENTION"), field: "AUDIT_RETENTION", default: auditRetention, min: 3_600_000)
        completedMaxAge = try Self.retention(env("QUEUE_COMPLETED_MAX_AGE"), field: "QUEUE_COMPLETED_MAX_AGE", default: completedMaxAge, min: 1_000)
        failedMaxAge = try Self.retention(env("QUEUE_FAILED_MAX_AGE"), field: "QUEUE_FAILED_MAX_AGE", default: failedMaxAge, min: 1_000)
        keepCompleted = try Self.count(env("QUEUE_KEEP_COMPLETED"), field: "QUEUE_KEEP_COMPLETED", default: keepCompleted, range: 0...10_000_000)
        keepFailed = try Self.count(env("QUEUE_KEEP_FAILED"), field: "QUEUE_KEEP_FAILED", default: keepFailed, range: 0...10_000_000)
        outboxMaxRecords = try Self.count(env("OUTBOX_MAX_RECORDS"), field: "OUTBOX_MAX_RECORDS", default: outboxMaxRecords, range: 1...10_000_000)
        fireOutboxMaxRows = try Self.count(
            env("FIRE_OUTBOX_MAX_ROWS"), field: "FIRE_OUTBOX_MAX_ROWS", default: fireOutboxMaxRows, range: 1...100_000_000)
    }

    /// A retention period: `0` (or `off`) keeps for ever (nil), else a duration from `min` to 10 years
    /// (`12h`, `30d`, `365d`).
    private static func retention(_ text: String?, field: String, default value: Duration?, min: Int64) throws(ConfigurationError) -> Duration? {
        guard let text else { return value }
        if text.trimmingBlanks().lowercased() == "off" { return nil }
        let limits = DurationField.retention(least: min)
        if DurationText.milliseconds(text) == 0 { return nil }
        guard let ms = limits.milliseconds(text) else {
            throw ConfigurationError(field: field, reason: "\(ErrorText.quote(text)) is not 0 (keep) or \(limits.expectation)")
        }
        return .milliseconds(ms)
    }

    /// The duration of variable `field`, within `limits`.
    private static func duration(_ text: String, field: String, _ limits: DurationField) throws(ConfigurationError) -> Duration {
        guard let ms = limits.milliseconds(text) else { throw ConfigurationError(field: field, reason: limits.reason(text)) }
        return .milliseconds(ms)
    }

    private static func count(_ text: String?, field: String, default value: Int, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let text else { return value }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text), range.contains(n) else {
            throw ConfigurationError(field: field, reason: "'\(text)' is not a whole number in \(range.lowerBound)-\(range.upperBound)")
        }
        return n
    }

    private static func dedupeWindowValue(_ text: String?) throws(ConfigurationError) -> Duration {
        guard let text else { return .zero }
        return try duration(text, field: "DEDUPE_WINDOW", .dedupeWindow)
    }

    /// Parses a boolean variable: true/false, 1/0, yes/no, on/off.
    public static func bool(_ text: String?, field: String, default value: Bool) throws(ConfigurationError) -> Bool {
        guard let text else { return value }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(field: field, reason: "'\(text)' is not a boolean (true/false)")
        }
    }

    private static func positiveInt(_ value: (String, String)?, default d: Int, max: Int) throws(ConfigurationError) -> Int {
        guard let (text, field) = value else { return d }
        guard let n = Int(text), text.allSatisfy(\.isASCII), (1...max).contains(n) else {
            throw ConfigurationError(field: field, reason: "'\(text)' is not a whole number in 1-\(max)")
        }
        return n
    }

    private static func queueNameValue(_ value: (String, String)?) throws(ConfigurationError) -> String {
        guard let (text, field) = value else { return QueueName.standard }
        if let problem = QueueName.problem(text) { throw ConfigurationError(field: field, reason: problem) }
        return text
    }
}
