import TestSupport
import Testing

@testable import Engine

/// The migration runner against the real PostgreSQL.
@Suite(.enabled(if: TestServices.enabled)) struct MigrationRunnerTests {
    @Test func migrationListIsWellFormed() {
        #expect(Migrations.all.map(\.version) == Array(1...Migrations.all.count))
        #expect(Migrations.latestVersion == Migrations.all.count)
        #expect(Migrations.all.allSatisfy { !$0.name.isEmpty && !$0.statements.isEmpty })
    }

    @Test func createsTheSchemaAndIsIdempotent() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            let first = try await MigrationRunner().run(on: db)
            #expect(first.applied.map(\.version) == Migrations.all.map(\.version))
            #expect(first.version == Migrations.latestVersion)
            let second = try await MigrationRunner().run(on: db)
            #expect(second.applied.isEmpty)
            #expect(second.version == Migrations.latestVersion)
            let tables = try await db.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1",
                [database.schema])
            #expect(
                try tables.map { try $0.decode(0, as: String.self) }
                    == ["audit", "executions", "fires", "schedules", "schema_migrations"])
            let recorded = try await db.query("SELECT version, name, applied_at FROM schema_migrations")
            #expect(recorded.count == Migrations.all.count)
            #expect(try recorded[0].decode("applied_at", as: PostgresTimestamp?.self) != nil)
        }
    }

    /// Migration 4 changes the default of `schedules.attempts` to 3 and nothing else: a schedule
    /// written before it keeps its attempts.
    @Test func defaultAttemptsMigrationKeepsExistingRows() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            let before = MigrationRunner(migrations: Migrations.all.filter { $0.version < Migrations.defaultAttempts.version })
            _ = try await before.run(on: db)
            try await db.query("INSERT INTO schedules (name, cron, url) VALUES ('old', '* * * * *', 'https://x.test/')")
            let report = try await MigrationRunner().run(on: db)
            #expect(report.applied.map(\.version).contains(Migrations.defaultAttempts.version))
            try await db.query("INSERT INTO schedules (name, cron, url) VALUES ('new', '* * * * *', 'https://x.test/')")
            let rows = try await db.query("SELECT name, attempts, backoff->>'kind' FROM schedules ORDER BY id")
            #expect(try rows.map { try $0.decode(0, as: String.self) } == ["old", "new"])
            #expect(try rows.map { try $0.decode(1, as: Int.self) } == [1, 3])
            #expect(try rows.map { try $0.decode(2, as: String.self) } == ["exponential", "exponential"])
            await db.close()
        }
    }

    /// Migration 7 adds `executions.queue`: rows written before it keep NULL (their queue is not
    /// known), rows after it name theirs, and the partial index by queue holds only those.
    @Test func executionQueuesMigrationLeavesEarlierRowsWithoutAQueue() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            let before = MigrationRunner(migrations: Migrations.all.filter { $0.version < Migrations.executionQueues.version })
            _ = try await before.run(on: db)
            let insert = "INSERT INTO executions (job_id, attempt, max_attempts, trigger, started_at) VALUES ($1, 1, 1, 'manual', now())"
            try await db.query(insert, ["old"])
            let report = try await MigrationRunner().run(on: db)
            #expect(report.applied.map(\.version) == [Migrations.executionQueues.version])
            try await db.query(
                "INSERT INTO executions (job_id, attempt, max_attempts, trigger, started_at, queue) VALUES ('new', 1, 1, 'manual', now(), 'a')")
            let rows = try await db.query("SELECT job_id, queue FROM executions ORDER BY id")
            #expect(try rows.map { try $0.decode(0, as: String.self) } == ["old", "new"])
            #expect(try rows.map { try $0.decode(1, as: String?.self) } == [nil, "a"])
            let index = try await db.query(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'executions_queue_idx'", [database.schema])
            let definition = try #require(try index.first?.decode(0, as: String.self))
            #expect(definition.contains("(queue, started_at DESC, id DESC) WHERE (queue IS NOT NULL)"), "\(definition)")
            await db.close()
        }
    }

    @Test func concurrentRunsBothSucceedWithOneSchema() async throws {
        try await TestDatabase.withSchema { database in
            let a = try await database.connect()
            let b = try await database.connect()
            async let first = MigrationRunner().run(on: a)
            async let second = MigrationRunner().run(on: b)
            let reports = try await [first, second]
            #expect(reports.map(\.applied.count).reduce(0, +) == Migrations.all.count)
            #expect(reports.allSatisfy { $0.version == Migrations.latestVersion })
            let count = try await a.query("SELECT count(*) FROM schema_migrations")
            #expect(try count[0].decode(0, as: Int.self) == Migrations.all.count)
        }
    }

    @Test func appliesOnlyNewMigrationsInTheirOwnTransactions() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            let one = Migration(version: 1, name: "one", statements: ["CREATE TABLE one (v int)"])
            let two = Migration(version: 2, name: "two", statements: ["CREATE TABLE two (v int)"])
            let broken = Migration(
                version: 3, name: "broken",
                statements: ["CREATE TABLE three (v int)", "CREATE TABLE three (v int)"])
            _ = try await MigrationRunner(migrations: [one]).run(on: db)
            await #expect(throws: PostgresError.self) {
                try await MigrationRunner(migrations: [one, two, broken]).run(on: db)
            }
            // Migration 2 stays applied; the failed migration 3 left nothing behind.
            let versions = try await db.query("SELECT version FROM schema_migrations ORDER BY 1")
            #expect(try versions.map { try $0.decode(0, as: Int.self) } == [1, 2])
            let three = try await db.query("SELECT to_regclass('three') IS NULL")
            #expect(try three[0].decode(0, as: Bool.self))
        }
    }

    @Test func initialSchemaEnforcesTheFireLedger() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            _ = try await MigrationRunner().run(on: db)
            let id = try await db.query(
                """
                INSERT INTO schedules (name, cron, url, headers, body) VALUES ($1, $2, $3, $4, $5)
                RETURNING id, tz, enabled, created_at
                """,
                [
                    "nightly", "0 3 * * *", "https://example.com/hook", PostgresJSON(#"{"X-A": "1"}"#),
                    [UInt8]([0, 1]),
                ]
            )[0].decode("id", as: Int64.self)
            let at = PostgresTimestamp(microsecondsSinceEpoch: 1_704_164_645_000_000)
            let insertFire =
                "INSERT INTO fires (schedule_id, scheduled_for, status) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"
            #expect(try await db.query(insertFire, [id, at, "enqueued"]).affectedRows == 1)
            #expect(try await db.query(insertFire, [id, at, "enqueued"]).affectedRows == 0)
            let error = await #expect(throws: PostgresError.self) {
                try await db.query(insertFire, [id, PostgresTimestamp(microsecondsSinceEpoch: 0), "bogus"])
            }
            #expect(error?.sqlState == "23514")
        }
    }
}
