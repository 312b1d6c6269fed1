import Engine
import Foundation
import TestSupport
import Testing

/// The command line's contract for bad input: one line on stderr naming the field, exit code 2.
@Suite struct CommandLineTests {
    @Test func versionPrintsTheVersion() async throws {
        let result = try await ProcessRunner.runDetached(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == CrontuiVersion.string + "\n")
    }

    @Test(arguments: [
        (["REDIS_PORT": "abc"], "REDIS_PORT"),
        (["REDIS_URL": "http://localhost"], "REDIS_URL"),
        (["DATABASE_URL": "mysql://x/y"], "DATABASE_URL"),
        // libpq refuses the value before it connects: a bad setting, not an outage.
        (["DATABASE_URL": "postgres://crontui@127.0.0.1:1/crontui?sslmode=bogus"], "DATABASE_URL"),
    ])
    func badEnvironmentStopsWithOneLine(environment: [String: String], field: String) async throws {
        var env: [String: String?] = ["REDIS_URL": nil, "REDIS_HOST": nil, "REDIS_PORT": nil, "DATABASE_URL": nil]
        for (k, v) in environment { env[k] = v }
        let result = try await ProcessRunner.runDetached(["migrate"], environment: env)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: \(field): "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    /// A backup that fails leaves nothing behind, not even the folder it made.
    @Test func aFailedBackupLeavesNoFolder() async throws {
        let directory = NSTemporaryDirectory() + "crontui-failed-backup-\(UInt32.random(in: 0...UInt32.max))"
        let result = try await ProcessRunner.runDetached(
            ["backup", directory], environment: ["DATABASE_URL": "postgres://crontui@127.0.0.1:1/crontui?sslmode=bogus"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: DATABASE_URL: "), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    /// An integer flag out of its range: the same words for every command, naming the flag and
    /// its range, before anything connects.
    @Test(arguments: [
        (["history", "--limit", "0"], "--limit: must be in 1-1000"),
        (["serve", "--demo-target-port", "70000"], "--demo-target-port: must be in 1-65535"),
        (["demo", "target", "--port", "70000"], "--port: must be in 0-65535"),
        (["bench", "queue", "--jobs", "99"], "--jobs: must be in 100-10000000"),
        (["bench", "queue", "--producers", "1001"], "--producers: must be in 1-1000"),
        (["bench", "queue", "--queues", "0"], "--queues: must be in 1-1000"),
        (["bench", "queue", "--processes", "65"], "--processes: must be in 1-64"),
        (["bench", "http", "--target-ms", "10001"], "--target-ms: must be in 0-10000"),
        (["bench", "redis", "--requests", "9999"], "--requests: must be in 10000-10000000"),
        (["bench", "worker", "--lock-ms", "99"], "--lock-ms: must be in 100-3600000"),
        (["bench", "scheduler", "--lag-seconds", "0"], "--lag-seconds: must be in 1-600"),
        (["scheduler", "--lease-ttl-ms", "1"], "--lease-ttl-ms: must be in 300-600000"),
        (["scheduler", "--log-level", "loud"], "--log-level: unknown level 'loud'"),
    ])
    func integerFlagOutOfRangeNamesItsRange(arguments: [String], message: String) async throws {
        let result = try await ProcessRunner.runDetached(arguments, environment: ["REDIS_URL": "redis://127.0.0.1:1", "DATABASE_URL": nil])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: \(message)\n")
    }

    /// `serve --queues` and `QUEUES`: a bad name, weight or repeat stops `serve` with one line
    /// naming where it came from, before anything connects.
    @Test(arguments: [
        (["--queues", "a,b:0"], [:], "--queues: the weight of queue b, '0', is not a whole number in 1-1000"),
        (["--queues", "a,{b}"], [:], "--queues: queue '{b}' must be 1-64 characters of A-Z a-z 0-9 . _ -"),
        ([], ["QUEUES": "a,b,a"], "QUEUES: queue a is listed twice"),
    ])
    func badQueuesStopServeWithOneLine(arguments: [String], environment: [String: String], message: String) async throws {
        var env: [String: String?] = ["REDIS_URL": "redis://127.0.0.1:1", "DATABASE_URL": nil, "QUEUES": nil]
        for (k, v) in environment { env[k] = v }
        let result = try await ProcessRunner.runDetached(["serve", "--no-api"] + arguments, environment: env)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: \(message)\n")
    }

    /// The dashboard's starting queue: a name no queue may have stops it with one line naming
    /// `--queue`, before anything connects or the terminal is taken.
    @Test(arguments: [["--queue", "a b"], ["--watch", "--queue", "a{b}"], ["dashboard", "--watch", "--once", "--queue", ""]])
    func badStartingQueueStopsTheDashboard(arguments: [String]) async throws {
        let result = try await ProcessRunner.runDetached(arguments, environment: ["REDIS_URL": "redis://127.0.0.1:1", "DATABASE_URL": nil])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: --queue: "))
        #expect(result.stderr.hasSuffix("must be 1-64 characters of A-Z a-z 0-9 . _ -\n"))
    }

    @Test func unknownFlagIsAUsageError() async throws {
        let result = try await ProcessRunner.runDetached(["migrate", "--bogus"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--bogus"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }
}
