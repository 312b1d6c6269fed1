import Engine
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

    @Test func unknownFlagIsAUsageError() async throws {
        let result = try await ProcessRunner.runDetached(["migrate", "--bogus"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--bogus"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }
}
