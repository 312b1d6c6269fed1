import Testing

@testable import Engine

@Suite struct ConfigurationTests {
    @Test func defaultsPointAtTheLocalServices() throws {
        let config = try EngineConfiguration.resolve(environment: [:])
        #expect(config.redis == RedisEndpoint(host: "127.0.0.1", port: 6390))
        #expect(config.workerConcurrency == 5)
        #expect(config.queueName == "default")
    }

    @Test func flagsOverrideEnvironment() throws {
        let config = try EngineConfiguration.resolve(
            environment: ["REDIS_URL": "redis://a:1/2", "WORKER_CONCURRENCY": "7"],
            flags: .init(redisURL: "redis://b:3/4"))
        #expect(config.redis == RedisEndpoint(host: "b", port: 3, database: 4))
        #expect(config.workerConcurrency == 7)
    }

    @Test func postgresBehindAPoolerInTransactionMode() async throws {
        let plain = try EngineConfiguration.resolve(environment: ["DATABASE_URL": "postgres://u@bouncer:6432/d"])
        #expect(plain.database.preparedStatements)
        #expect(plain.database.listening.conninfo == "postgres://u@bouncer:6432/d")
        #expect(plain.databasePoolSize == nil)
        let pooled = try EngineConfiguration.resolve(environment: [
            "DATABASE_URL": "postgres://u@bouncer:6432/d", "DATABASE_PREPARED_STATEMENTS": "false",
            "DATABASE_LISTEN_URL": "postgres://u@db:5432/d", "DATABASE_POOL_SIZE": "3",
        ])
        #expect(!pooled.database.preparedStatements)
        #expect(pooled.database.conninfo == "postgres://u@bouncer:6432/d")
        #expect(pooled.database.listening.conninfo == "postgres://u@db:5432/d")
        #expect(!pooled.database.listening.preparedStatements)
        #expect(pooled.databasePoolSize == 3)
        let server = CronSystem(configuration: pooled, connections: .server)
        #expect(server.database.size == 3)
        let command = CronSystem(configuration: pooled, connections: .command)
        #expect(command.database.size == 1)
        await server.close()
        await command.close()
    }

    @Test func classicHostAndPort() throws {
        let config = try EngineConfiguration.resolve(environment: ["REDIS_HOST": "redis.local", "REDIS_PORT": "7000"])
        #expect(config.redis == RedisEndpoint(host: "redis.local", port: 7000))
    }

    @Test func redisURLForms() throws {
        #expect(try RedisEndpoint(url: "redis://:s3cret@h:1/3") == RedisEndpoint(host: "h", port: 1, password: "s3cret", database: 3))
        #expect(try RedisEndpoint(url: "redis://u:p%40ss@h") == RedisEndpoint(host: "h", username: "u", password: "p@ss"))
        #expect(try RedisEndpoint(url: "unix:///tmp/r.sock?db=2") == RedisEndpoint(socketPath: "/tmp/r.sock", database: 2))
        #expect(try RedisEndpoint(url: "redis://[::1]:6380") == RedisEndpoint(host: "::1", port: 6380))
        #expect(try RedisEndpoint(url: "redis://:pw@h:1/0").description == "redis://:***@h:1/0")
    }

    @Test(arguments: [
        (["REDIS_PORT": "abc"], "REDIS_PORT: port 'abc' is not a number in 1-65535"),
        (["REDIS_URL": "http://x"], "REDIS_URL: unknown URL scheme 'http' (use redis://, redis+cluster:// or unix://)"),
        (["REDIS_URL": "redis://h:99999"], "REDIS_URL: port '99999' is not a number in 1-65535"),
        (["DATABASE_URL": "mysql://x/y"], "DATABASE_URL: unknown URL scheme 'mysql' (use postgres://)"),
        (["DATABASE_URL": "postgres://u:pw@h:x/y"], "DATABASE_URL: port 'x' is not a number in 1-65535"),
        (["WORKER_CONCURRENCY": "0"], "WORKER_CONCURRENCY: '0' is not a whole number in 1-1000"),
        (["SCHEDULER_ENABLED": "maybe"], "SCHEDULER_ENABLED: 'maybe' is not a boolean (true/false)"),
        (["QUEUE_NAME": "a{b}"], "QUEUE_NAME: 'a{b}' must be 1-64 characters of A-Z a-z 0-9 . _ -"),
        (["LOG_FORMAT": "xml"], "LOG_FORMAT: 'xml' is not json or text"),
        (["LOG_LEVEL": "loud"], "LOG_LEVEL: 'loud' is not one of trace, debug, info, notice, warning, error, critical"),
        (["RESPONSE_BODY_LIMIT": "-5"], "RESPONSE_BODY_LIMIT: '-5' is not a whole number in 1-16777216"),
        (["SENSITIVE_HEADERS": "X-Token, Bad Name"], "SENSITIVE_HEADERS: 'X-Token, Bad Name' is not a comma-separated list of header names"),
        (["DEMO_TARGET_PORT": "70000"], "DEMO_TARGET_PORT: '70000' is not a whole number in 1-65535"),
        (["HISTORY_RETENTION": "30 days"], "HISTORY_RETENTION: '30 days' is not 0 (keep) or a duration from 1h to 3650d (e.g. 12h, 30d)"),
        (["HISTORY_RETENTION": "10m"], "HISTORY_RETENTION: '10m' is not 0 (keep) or a duration from 1h to 3650d (e.g. 12h, 30d)"),
        (["AUDIT_RETENTION": "4000d"], "AUDIT_RETENTION: '4000d' is not 0 (keep) or a duration from 1h to 3650d (e.g. 12h, 30d)"),
        (["QUEUE_COMPLETED_MAX_AGE": "-1h"], "QUEUE_COMPLETED_MAX_AGE: '-1h' is not 0 (keep) or a duration from 1s to 3650d (e.g. 12h, 30d)"),
        (["QUEUE_FAILED_MAX_AGE": "1.0005s"], "QUEUE_FAILED_MAX_AGE: '1.0005s' is not 0 (keep) or a duration from 1s to 3650d (e.g. 12h, 30d)"),
        (["QUEUE_KEEP_COMPLETED": "-1"], "QUEUE_KEEP_COMPLETED: '-1' is not a whole number in 0-10000000"),
        (["QUEUE_KEEP_FAILED": "lots"], "QUEUE_KEEP_FAILED: 'lots' is not a whole number in 0-10000000"),
        (["OUTBOX_MAX_RECORDS": "0"], "OUTBOX_MAX_RECORDS: '0' is not a whole number in 1-10000000"),
        (["DATABASE_POOL_SIZE": "101"], "DATABASE_POOL_SIZE: '101' is not a whole number in 1-100"),
        (["DATABASE_PREPARED_STATEMENTS": "sometimes"], "DATABASE_PREPARED_STATEMENTS: 'sometimes' is not a boolean (true/false)"),
        (["DATABASE_LISTEN_URL": "mysql://x/y"], "DATABASE_LISTEN_URL: unknown URL scheme 'mysql' (use postgres://)"),
    ])
    func badValuesNameTheirVariable(environment: [String: String], message: String) {
        #expect(throws: ConfigurationError.self) { try EngineConfiguration.resolve(environment: environment) }
        do {
            _ = try EngineConfiguration.resolve(environment: environment)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func loggingAndRecordingSettings() throws {
        let config = try EngineConfiguration.resolve(environment: [
            "LOG_FORMAT": "JSON", "LOG_FILE": "/tmp/crontui.log", "LOG_LEVEL": "debug", "SENSITIVE_HEADERS": "X-Token, X-Other",
            "RESPONSE_BODY_LIMIT": "1024", "DEMO_TARGET_PORT": "8077",
        ])
        #expect(config.logFormat == .json)
        #expect(config.logFile == "/tmp/crontui.log")
        #expect(config.logLevel == .debug)
        #expect(config.sensitiveHeaders == ["X-Token", "X-Other"])
        #expect(config.responseBodyLimit == 1024)
        #expect(config.demoTargetPort == 8077)
        let defaults = try EngineConfiguration.resolve(environment: [:])
        #expect(defaults.logFormat == .text && defaults.logFile == nil && defaults.logLevel == .info && defaults.demoTargetPort == nil)
        #expect(defaults.responseBodyLimit == 65_536)
    }

    @Test func passwordsNeverAppearInErrors() {
        do {
            _ = try RedisEndpoint(url: "ftp://user:hunter2@host")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func dedupeWindowIsADuration() throws {
        #expect(try EngineConfiguration.resolve(environment: [:]).dedupeWindow == .zero)
        #expect(try EngineConfiguration.resolve(environment: ["DEDUPE_WINDOW": "90s"]).dedupeWindow == .seconds(90))
        #expect(try EngineConfiguration.resolve(environment: ["DEDUPE_WINDOW": "250ms"]).dedupeWindow == .milliseconds(250))
        #expect(try EngineConfiguration.resolve(environment: ["DEDUPE_WINDOW": "1.5s"]).dedupeWindow == .milliseconds(1_500))
        for bad in ["-1s", "1.0005s", "10x", "25h", "soon"] {
            #expect(throws: ConfigurationError.self) { try EngineConfiguration.resolve(environment: ["DEDUPE_WINDOW": bad]) }
            do {
                _ = try EngineConfiguration.resolve(environment: ["DEDUPE_WINDOW": bad])
            } catch {
                #expect(error.field == "DEDUPE_WINDOW")
            }
        }
    }

    @Test func retentionSettingsAndTheirDefaults() throws {
        let defaults = try EngineConfiguration.resolve(environment: [:])
        #expect(defaults.historyRetention == .seconds(30 * 86_400))
        #expect(defaults.auditRetention == .seconds(365 * 86_400))
        #expect(defaults.keepCompleted == 1_000 && defaults.keepFailed == 5_000)
        #expect(defaults.completedMaxAge == .seconds(3_600) && defaults.failedMaxAge == .seconds(7 * 86_400))
        #expect(defaults.outboxMaxRecords == 100_000)
        let config = try EngineConfiguration.resolve(environment: [
            "HISTORY_RETENTION": "14d", "AUDIT_RETENTION": "off", "QUEUE_KEEP_COMPLETED": "0", "QUEUE_KEEP_FAILED": "250",
            "QUEUE_COMPLETED_MAX_AGE": "90m", "QUEUE_FAILED_MAX_AGE": "0", "OUTBOX_MAX_RECORDS": "5000",
        ])
        #expect(config.historyRetention == .seconds(14 * 86_400))
        #expect(config.auditRetention == nil)
        #expect(config.keepCompleted == 0 && config.keepFailed == 250)
        #expect(config.completedMaxAge == .seconds(5_400) && config.failedMaxAge == nil)
        #expect(config.outboxMaxRecords == 5_000)
        #expect(try EngineConfiguration.resolve(environment: ["HISTORY_RETENTION": "0"]).historyRetention == nil)
        #expect(try EngineConfiguration.resolve(environment: ["AUDIT_RETENTION": "3650d"]).auditRetention == .seconds(3_650 * 86_400))
        #expect(DurationText.milliseconds("2d") == 172_800_000)
        #expect(DurationText.milliseconds("101d") == nil, "beyond 100 days unless a longer bound is given")
    }
}
