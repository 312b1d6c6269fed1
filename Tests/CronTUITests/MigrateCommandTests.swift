import Engine
import Foundation
import TestSupport
import Testing

/// `crontui migrate` as an operator runs it, against the real PostgreSQL.
@Suite(.enabled(if: TestDatabaseURL.enabled)) struct MigrateCommandTests {
    @Test func concurrentRunsBothSucceedWithOneSchema() async throws {
        try await TestDatabaseURL.withSchema(migrated: false) { url in
            let results = try await withThrowingTaskGroup(of: ProcessRunner.Result.self) { group in
                for _ in 0..<2 {
                    group.addTask { try await Self.migrate(databaseURL: url) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for result in results {
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stderr.isEmpty)
            }
            // With several migrations the two runs may share the work (each takes the lock per
            // migration): together they apply every migration exactly once.
            let version = Migrations.latestVersion
            let applied = results.flatMap { result in
                result.stdout.split(separator: "\n").compactMap { line -> Int? in
                    guard line.hasPrefix("applied migration ") else { return nil }
                    return Int(line.dropFirst("applied migration ".count).prefix { $0.isNumber })
                }
            }
            #expect(applied.sorted() == Array(1...version))
            for result in results {
                let summary = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
                #expect(summary.hasSuffix("(schema version \(version))") || summary == "schema is up to date (version \(version))")
            }
            let again = try await Self.migrate(databaseURL: url)
            #expect(again.status == 0)
            #expect(again.stdout == "schema is up to date (version \(version))\n")
        }
    }

    /// Commands other than `migrate`, `serve` and the dashboard do not migrate: on a schema that is
    /// behind they say, in one line, what to run, and change nothing.
    @Test func commandsOnASchemaBehindSayToMigrate() async throws {
        try await TestDatabaseURL.withSchema(migrated: false) { url in
            for arguments in [["schedule", "list"], ["history"], ["job", "retry", "x"]] {
                let result = try await Self.run(arguments, databaseURL: url)
                #expect(result.status == 1, "\(arguments)")
                #expect(result.stderr.contains("run `crontui migrate`"), "\(arguments): \(result.stderr)")
                #expect(result.stderr.filter { $0 == "\n" }.count == 1)
            }
            #expect(try await Self.migrate(databaseURL: url).status == 0)
            let listed = try await Self.run(["schedule", "list"], databaseURL: url)
            #expect(listed.status == 0, "\(listed.stderr)")
        }
    }

    @Test func unreachableServerIsOneLineNamingTheVariable() async throws {
        let result = try await Self.migrate(databaseURL: "postgres://crontui@127.0.0.1:1/crontui")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: DATABASE_URL: cannot reach PostgreSQL"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func connectionStringLibpqRejectsIsABadValue() async throws {
        let result = try await Self.migrate(
            databaseURL: "postgres://crontui@127.0.0.1:1/crontui?bogus=1")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: DATABASE_URL: "))
        #expect(result.stderr.contains("bogus"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    /// Runs `crontui migrate` on a thread of its own (waiting for a child blocks), so parallel runs
    /// never hold the cooperative pool.
    static func migrate(databaseURL: String) async throws -> ProcessRunner.Result {
        try await run(["migrate"], databaseURL: databaseURL)
    }

    /// Runs `crontui <arguments>` against `databaseURL` on a thread of its own.
    static func run(_ arguments: [String], databaseURL: String) async throws -> ProcessRunner.Result {
        let environment = ["DATABASE_URL": databaseURL, "REDIS_URL": ProcessInfo.processInfo.environment["REDIS_URL"] ?? ""]
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(arguments, environment: environment) })
            }
        }
    }
}
