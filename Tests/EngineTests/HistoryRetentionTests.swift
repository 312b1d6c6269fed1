import Synchronization
import TestSupport
import Testing

@testable import Engine

/// History retention against the real PostgreSQL: rows with old timestamps go, in batches, only
/// while this process leads; recent rows and each schedule's latest fires stay.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct HistoryRetentionTests {
    static let now: Int64 = 1_800_000_000_000
    static let day: Int64 = 86_400_000

    static func daysAgo(_ days: Int) -> PostgresTimestamp {
        PostgresTimestamp(microsecondsSinceEpoch: (now - Int64(days) * day) * 1_000)
    }

    /// What is left, readable in an expectation.
    struct Survivors: Equatable {
        var executions: [String]
        var fires: [String]
        var audit: [String]
    }

    /// The seeded history: 5 attempts older than 30 days and 2 newer; fires of `busy` (4 old, one
    /// a day ago) and of `rare` (only old ones: its latest slot, missed, and its latest enqueued
    /// slot must stay); 3 audit rows older than 365 days and 1 newer.
    static let seeded = Survivors(
        executions: ["new-1", "new-10", "old-40", "old-41", "old-42", "old-43", "old-44"],
        fires: ["busy@1", "busy@40", "busy@41", "busy@42", "busy@43", "rare@45", "rare@50", "rare@60"],
        audit: ["a-300", "a-400", "a-401", "a-402"])

    /// After one full sweep with the defaults (30 and 365 days).
    static let swept = Survivors(executions: ["new-1", "new-10"], fires: ["busy@1", "rare@45", "rare@50"], audit: ["a-300"])

    static func withHistory(_ body: (PostgresPool) async throws -> Void) async throws {
        try await TestDatabase.withSchema { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().run(on: connection)
            let busy = try await connection.query("INSERT INTO schedules (name, cron, url) VALUES ('busy', '* * * * *', 'http://x/') RETURNING id")
            let rare = try await connection.query("INSERT INTO schedules (name, cron, url) VALUES ('rare', '@yearly', 'http://x/') RETURNING id")
            let ids = ["busy": try busy[0].decode(0, as: Int64.self), "rare": try rare[0].decode(0, as: Int64.self)]
            for (job, days) in [("old-40", 40), ("old-41", 41), ("old-42", 42), ("old-43", 43), ("old-44", 44), ("new-1", 1), ("new-10", 10)] {
                try await connection.query(
                    "INSERT INTO executions (job_id, attempt, max_attempts, started_at) VALUES ($1, 1, 1, $2)", [job, daysAgo(days)])
            }
            let fires = [
                ("busy", 1, "enqueued"), ("busy", 40, "enqueued"), ("busy", 41, "enqueued"), ("busy", 42, "missed"), ("busy", 43, "enqueued"),
                ("rare", 45, "missed"), ("rare", 50, "enqueued"), ("rare", 60, "enqueued"),
            ]
            for (name, days, status) in fires {
                try await connection.query(
                    "INSERT INTO fires (schedule_id, scheduled_for, status) VALUES ($1, $2, $3)", [ids[name], daysAgo(days), status])
            }
            for days in [300, 400, 401, 402] {
                try await connection.query(
                    "INSERT INTO audit (at, actor, interface, action) VALUES ($1, 'ops', 'cli', $2)", [daysAgo(days), "a-\(days)"])
            }
            await connection.close()
            let pool = PostgresPool(endpoint: database.endpoint, size: 2)
            do {
                #expect(try await survivors(pool) == seeded)
                try await body(pool)
            } catch {
                await pool.close()
                throw error
            }
            await pool.close()
        }
    }

    static func survivors(_ pool: PostgresPool) async throws -> Survivors {
        let executions = try await pool.query("SELECT job_id FROM executions ORDER BY job_id").map { try $0.decode(0, as: String.self) }
        let fires = try await pool.query(
            """
            SELECT s.name || '@' || round(extract(epoch FROM ($1 - f.scheduled_for)) / 86400)::int
            FROM fires f JOIN schedules s ON s.id = f.schedule_id ORDER BY 1
            """, [PostgresTimestamp(microsecondsSinceEpoch: now * 1_000)]
        ).map { try $0.decode(0, as: String.self) }
        let audit = try await pool.query("SELECT action FROM audit ORDER BY action").map { try $0.decode(0, as: String.self) }
        return Survivors(executions: executions.sorted(), fires: fires.sorted(), audit: audit.sorted())
    }

    static func retention(
        _ pool: PostgresPool, clock: ManualSchedulerClock = ManualSchedulerClock(now), batch: Int = 2,
        isLeader: @escaping @Sendable () -> Bool = { true }
    ) -> HistoryRetention {
        var options = HistoryRetentionOptions()
        options.batchSize = batch
        options.batchPause = .zero
        return HistoryRetention(pool: pool, options: options, clock: clock, isLeader: isLeader)
    }

    @Test func oldRowsGoInBatchesAndRecentOnesStay() async throws {
        try await Self.withHistory { pool in
            let report = try await Self.retention(pool).sweep()
            #expect(try await Self.survivors(pool) == Self.swept)
            #expect(report.completed)
            #expect(report.deleted == ["executions": 5, "fires": 5, "audit": 3])
            // 5 old attempts in batches of 2; 7 old fires looked at 2 by 2; 3 old audit rows.
            #expect(report.statements == ["executions": 3, "fires": 4, "audit": 2])
            let again = try await Self.retention(pool).sweep()
            #expect(again.total == 0)
            #expect(try await Self.survivors(pool) == Self.swept)
        }
    }

    @Test func theFireLedgerHasAnIndexBySlot() async throws {
        try await Self.withHistory { pool in
            let rows = try await pool.query(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'fires_scheduled_for_idx'")
            #expect(rows.count == 1)
            #expect(try rows.first?.decode(0, as: String.self).contains("(scheduled_for, id)") == true)
        }
    }

    @Test func periodsComeFromTheSettingsAndZeroKeepsForever() async throws {
        try await Self.withHistory { pool in
            var options = HistoryRetentionOptions(
                configuration: try EngineConfiguration.resolve(environment: ["HISTORY_RETENTION": "42d", "AUDIT_RETENTION": "0"]))
            options.batchPause = .zero
            let report = try await HistoryRetention(pool: pool, options: options, clock: ManualSchedulerClock(Self.now), isLeader: { true }).sweep()
            #expect(report.deleted == ["executions": 2, "fires": 2])
            let left = try await Self.survivors(pool)
            #expect(left.executions == ["new-1", "new-10", "old-40", "old-41", "old-42"])
            #expect(left.fires == ["busy@1", "busy@40", "busy@41", "busy@42", "rare@45", "rare@50"])
            #expect(left.audit == Self.seeded.audit)
        }
    }

    @Test func aStandbyDeletesNothing() async throws {
        try await Self.withHistory { pool in
            let report = try await Self.retention(pool, isLeader: { false }).sweep()
            #expect(!report.completed)
            #expect(report.total == 0 && report.statements.isEmpty)
            #expect(try await Self.survivors(pool) == Self.seeded)
        }
    }

    @Test func losingTheLeadStopsTheSweepBeforeTheNextBatch() async throws {
        try await Self.withHistory { pool in
            let asked = Mutex(0)
            let report = try await Self.retention(
                pool,
                isLeader: {
                    asked.withLock {
                        $0 += 1
                        return $0 <= 2
                    }
                }
            ).sweep()
            #expect(!report.completed)
            #expect(report.deleted == ["executions": 4])
            let left = try await Self.survivors(pool)
            #expect(left.executions == ["new-1", "new-10", "old-40"], "the oldest go first")
            #expect(left.fires == Self.seeded.fires && left.audit == Self.seeded.audit)
        }
    }

    @Test func theTimerSweepsOnlyWhileLeading() async throws {
        try await Self.withHistory { pool in
            let clock = ManualSchedulerClock(Self.now)
            let leading = Mutex(false)
            let asked = Mutex(0)
            let retention = Self.retention(
                pool, clock: clock,
                isLeader: {
                    asked.withLock { $0 += 1 }
                    return leading.withLock { $0 }
                })
            let running = Task { try await retention.run() }
            // Nothing happens before the clock moves; once it does, a standby is asked and declines.
            #expect(asked.withLock { $0 } == 0)
            let consulted = await QueueFixture.eventually(timeout: .seconds(20)) {
                clock.advance(by: .seconds(60))
                return asked.withLock { $0 } > 0
            }
            #expect(consulted)
            #expect(try await Self.survivors(pool) == Self.seeded)
            leading.withLock { $0 = true }
            let swept = try await QueueFixture.eventually(timeout: .seconds(20)) {
                clock.advance(by: .seconds(60))
                return try await Self.survivors(pool) == Self.swept
            }
            #expect(swept)
            retention.shutdown()
            try await running.value
        }
    }
}
