import Foundation
import TestSupport
import Testing

@testable import Engine

/// Schedules, the fire ledger and the audit log in the real PostgreSQL.
@Suite(.enabled(if: TestServices.enabled))
struct ScheduleStoreTests {
    static func withStore(_ body: (ScheduleStore, PostgresPool) async throws -> Void) async throws {
        try await TestDatabase.withSchema { database in
            let pool = PostgresPool(endpoint: database.endpoint, size: 2)
            try await pool.withConnection { _ = try await MigrationRunner().run(on: $0) }
            do {
                try await body(ScheduleStore(pool: pool, clock: ManualQueueClock(1_800_000_000_000)), pool)
            } catch {
                await pool.close()
                throw error
            }
            await pool.close()
        }
    }

    static let definition = ScheduleDefinition(
        name: "report", cron: "30 2 * * *", timeZone: "Europe/Berlin", method: "POST", url: "https://example.com/hook",
        headers: [ScheduleHeader(name: "Authorization", value: "Bearer s3cret"), ScheduleHeader(name: "X-Trace", value: "a,b")],
        body: Data([0, 1, 2, 255]), timeoutMs: 5_000, attempts: 3, backoff: .fixed(.seconds(2)), missed: .runAll(cap: 4), overlap: .queueOne,
        pauseAfterFailures: 5)

    @Test func createsAndReadsBackEveryField() async throws {
        try await Self.withStore { store, _ in
            let created = try await store.create(Self.definition)
            #expect(created.definition == Self.definition)
            #expect(created.createdAt == 1_800_000_000_000 && created.updatedAt == created.createdAt && created.activeSince == created.createdAt)
            #expect(try await store.schedule(.id(created.id)) == created)
            #expect(try await store.schedule(.name("report")) == created)
            #expect(try await store.list().map(\.id) == [created.id])
            #expect(try await store.enabled().map(\.id) == [created.id])
        }
    }

    @Test func readsSchedulesWrittenWithTheDefaultsOfMigrationOne() async throws {
        try await Self.withStore { store, pool in
            try await pool.query(
                "INSERT INTO schedules (name, cron, url, headers) VALUES ('raw', '* * * * *', 'https://x', '{\"X-A\": \"1\"}')")
            let schedule = try await store.schedule(.name("raw"))
            #expect(schedule.definition.headers == [ScheduleHeader(name: "X-A", value: "1")])
            // The column defaults as migration 4 left them: 3 attempts, exponential backoff.
            #expect(schedule.definition.backoff == .standard && schedule.definition.attempts == 3)
        }
    }

    @Test func refusesADuplicateNameAndBadFieldsWritingNothing() async throws {
        try await Self.withStore { store, pool in
            _ = try await store.create(Self.definition)
            await #expect(throws: ScheduleError(.duplicateName, field: "name", "a schedule named 'report' already exists")) {
                try await store.create(Self.definition)
            }
            var bad = Self.definition
            bad.name = "other"
            bad.cron = "61 * * * *"
            await #expect(throws: ScheduleError.self) { try await store.create(bad) }
            await #expect(throws: ScheduleError.self) { try await store.update(.name("report"), with: ScheduleInput(url: "ftp://x")) }
            #expect(try await pool.query("SELECT count(*) FROM schedules")[0].decode(0, as: Int.self) == 1)
            #expect(try await store.schedule(.name("report")).definition == Self.definition)
        }
    }

    @Test func updatesTheFieldsGivenAndRestartsTheScheduleOnANewCron() async throws {
        try await Self.withStore { store, _ in
            let created = try await store.create(Self.definition)
            (store.clock as? ManualQueueClock)?.advance(by: .seconds(10))
            let (before, after) = try await store.update(.id(created.id), with: ScheduleInput(attempts: "7"))
            #expect(before == created)
            #expect(after.definition.attempts == 7 && after.definition.cron == created.definition.cron)
            #expect(after.updatedAt == created.createdAt + 10_000 && after.activeSince == created.activeSince)
            let (_, moved) = try await store.update(.name("report"), with: ScheduleInput(cron: "0 3 * * *"))
            #expect(moved.activeSince == created.createdAt + 10_000)
            await #expect(throws: ScheduleError.self) { try await store.update(.name("nope"), with: ScheduleInput(attempts: "2")) }
        }
    }

    @Test func pausesResumesAndDeletes() async throws {
        try await Self.withStore { store, _ in
            let created = try await store.create(Self.definition)
            let paused = try await store.setEnabled(.id(created.id), false)
            #expect(paused.changed && !paused.schedule.definition.enabled)
            #expect(try await store.setEnabled(.id(created.id), false).changed == false)
            #expect(try await store.enabled().isEmpty)
            (store.clock as? ManualQueueClock)?.advance(by: .seconds(5))
            let resumed = try await store.setEnabled(.name("report"), true)
            #expect(resumed.changed && resumed.schedule.activeSince == created.createdAt + 5_000)
            #expect(try await store.delete(.name("report")).id == created.id)
            await #expect(throws: ScheduleError(.notFound, "no schedule 'report'")) { try await store.schedule(.name("report")) }
        }
    }

    @Test func countsFailuresInARowAndPausesAtTheLimit() async throws {
        try await Self.withStore { store, _ in
            var definition = Self.definition
            definition.pauseAfterFailures = 2
            let created = try await store.create(definition)
            #expect(try await store.countOutcome(scheduleID: created.id, failed: true) == nil)
            #expect(try await store.countOutcome(scheduleID: created.id, failed: false) == nil)
            #expect(try await store.schedule(.id(created.id)).consecutiveFailures == 0)
            #expect(try await store.countOutcome(scheduleID: created.id, failed: true) == nil)
            let paused = try #require(try await store.countOutcome(scheduleID: created.id, failed: true))
            #expect(!paused.definition.enabled && paused.consecutiveFailures == 2)
            // Already paused: not paused again.
            #expect(try await store.countOutcome(scheduleID: created.id, failed: true) == nil)
        }
    }

    @Test func announcesChangesButNotFailureCounts() async throws {
        try await TestDatabase.withSchema { database in
            let pool = PostgresPool(endpoint: database.endpoint, size: 2)
            try await pool.withConnection { _ = try await MigrationRunner().run(on: $0) }
            let listener = try await database.connect()
            try await listener.listen("crontui_schedules")
            let store = ScheduleStore(pool: pool)
            let created = try await store.create(Self.definition)
            _ = try await store.countOutcome(scheduleID: created.id, failed: true)
            _ = try await store.setEnabled(.id(created.id), false)
            try await store.delete(.id(created.id))
            var payloads: [String] = []
            // Other tests' schemas announce on the same channel, and each notification read is a hop
            // back to a busy test process: a generous deadline, reached only on failure.
            let deadline = ContinuousClock.now + .seconds(60)
            while payloads.count < 3, ContinuousClock.now < deadline {
                guard let notification = try await listener.nextNotification(timeout: .seconds(1)) else { continue }
                // The channel is database-wide: other tests' schemas announce theirs too.
                if notification.payload.hasPrefix(database.schema + " ") { payloads.append(notification.payload) }
            }
            #expect(payloads == ["insert", "update", "delete"].map { "\(database.schema) \($0) \(created.id)" })
            await listener.close()
            await pool.close()
        }
    }

    @Test func ledgerWritesEachSlotOnceAndLinksExecutionsWrittenBeforeIt() async throws {
        try await Self.withStore { store, pool in
            let schedule = try await store.create(Self.definition)
            let ledger = FireLedger(pool: pool)
            let entries = (0..<3).map {
                FireLedger.Entry(
                    scheduleID: schedule.id, scheduledFor: 1_000 * Int64($0), status: .enqueued, traceID: "t\($0)", instance: "a", recordedAt: 50_000)
            }
            let missed = FireLedger.Entry(scheduleID: schedule.id, scheduledFor: 9_000, status: .missed, instance: "a", recordedAt: 50_000)
            #expect(try await ledger.write(entries + [missed]) == FireLedger.Written(rows: 4))
            // The same rows again (a second drainer, or a drain interrupted before its trim), and one new.
            let later = FireLedger.Entry(
                scheduleID: schedule.id, scheduledFor: 3_000, status: .enqueued, traceID: "t3", instance: "b", recordedAt: 51_000)
            #expect(try await ledger.write(entries + [later]) == FireLedger.Written(rows: 1))
            // A slot another instance enqueued too (two queues firing the schedule) ran twice: reported.
            var twice = entries[1]
            twice.instance = "z"
            let doubled = FireLedger.Doubled(scheduleID: schedule.id, slot: 1_000, instance: "z", other: "a")
            #expect(try await ledger.write([twice, missed]) == FireLedger.Written(rows: 0, doubled: [doubled]))
            // A slot of a schedule deleted meanwhile is left out, not an error.
            #expect(try await ledger.write([FireLedger.Entry(scheduleID: 999, scheduledFor: 0, status: .enqueued)]).rows == 0)
            // An execution of a slot whose row is not there yet is linked once the row is written.
            let executions = PostgresExecutionStore(pool: pool)
            let record = ExecutionRecord(
                jobID: "\(schedule.id):4000", attempt: 1, maxAttempts: 1, trigger: .cron, scheduleID: schedule.id, scheduledFor: 4_000,
                startedAt: 52_000, method: "GET", url: "http://127.0.0.1:9/", traceID: "t4")
            _ = try await executions.write([record])
            #expect(
                try await ledger.write([FireLedger.Entry(scheduleID: schedule.id, scheduledFor: 4_000, status: .enqueued, recordedAt: 52_000)]).rows
                    == 1)
            let marks = try await ledger.marks(for: [schedule.id, 12345])
            #expect(marks == [schedule.id: FireLedger.Marks(lastSlot: 9_000, lastEnqueuedSlot: 4_000, lastJobID: "\(schedule.id):4000")])
            let fires = try await ledger.fires(scheduleID: schedule.id)
            #expect(fires.map(\.scheduledFor) == [9_000, 4_000, 3_000, 2_000, 1_000, 0])
            #expect(fires[0].status == .missed && fires[0].jobID == nil && fires[0].createdAt == 50_000 && fires[0].enqueuedAt == nil)
            #expect(fires[2].instance == "b" && fires[2].traceID == "t3" && fires[2].enqueuedAt == 51_000)
            let linked = try await pool.query("SELECT fire_id FROM \(StoreTables.executions) WHERE job_id = $1", ["\(schedule.id):4000"])
            #expect(try linked.first?.decode(0, as: Int64?.self) == fires[1].id)
            // And the other way round: an execution written after its fire's row finds it at once.
            var second = record
            second.recordID = UUID()
            second.jobID = "\(schedule.id):3000"
            second.scheduledFor = 3_000
            _ = try await executions.write([second])
            let found = try await pool.query("SELECT fire_id FROM \(StoreTables.executions) WHERE job_id = $1", ["\(schedule.id):3000"])
            #expect(try found.first?.decode(0, as: Int64?.self) == fires[2].id)
        }
    }

    @Test func auditLogRecordsWhoDidWhatFromWhere() async throws {
        try await Self.withStore { _, pool in
            let audit = AuditStore(pool: pool, clock: ManualQueueClock(1_800_000_000_000))
            let entry = try await audit.record(
                AuditEntry(actor: "ana", interface: .api, action: "schedule.pause", target: "schedule 1 (x)", details: ["why": "maintenance \"now\""])
            )
            try await audit.record(AuditEntry(actor: "scheduler", interface: .scheduler, action: "schedule.auto_pause"))
            let recent = try await audit.recent()
            #expect(recent.map(\.action) == ["schedule.auto_pause", "schedule.pause"])
            #expect(recent[1] == entry)
            #expect(recent[1].details == ["why": "maintenance \"now\""] && recent[1].at == 1_800_000_000_000)
            #expect(try await audit.recent(before: recent[0].id).map(\.id) == [entry.id])
        }
    }
}
