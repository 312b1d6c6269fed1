import Foundation
import TestSupport
import Testing

@testable import Engine

/// The execution history in PostgreSQL: idempotent batched writes and keyset pages.
// One test at a time: each starts servers, clients and schemas (and some spawn the binary), and
// run all at once they starve the timing-sensitive suites on a 2-core machine.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct ExecutionStoreTests {
    static func withStore(_ body: (PostgresExecutionStore) async throws -> Void) async throws {
        try await TestDatabase.withSchema { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().run(on: connection)
            await connection.close()
            let pool = PostgresPool(endpoint: database.endpoint, size: 2)
            do {
                try await body(PostgresExecutionStore(pool: pool))
            } catch {
                await pool.close()
                throw error
            }
            await pool.close()
        }
    }

    static func started(_ job: String, at: Int64, id: UUID = UUID(), schedule: Int64? = nil) -> ExecutionRecord {
        ExecutionRecord(
            recordID: id, jobID: job, attempt: 1, maxAttempts: 1, trigger: .cron, scheduleID: schedule, startedAt: at, method: "GET",
            url: "http://127.0.0.1/", traceID: TraceID.random())
    }

    static func finished(_ record: ExecutionRecord, status: Int = 200) -> ExecutionRecord {
        var r = record
        r.finishedAt = r.startedAt + 5
        r.durationMs = 5
        r.httpStatus = status
        r.outcome = status < 300 ? .success : .permanent
        return r
    }

    @Test func aRecordIsOneRowHoweverOftenAndInWhateverOrderItArrives() async throws {
        try await Self.withStore { store in
            let start = Self.started("j", at: 1_000)
            let end = Self.finished(start)
            #expect(try await store.write([start]) == 1)
            #expect(try await store.write([end]) == 1, "the end finishes the running row")
            #expect(try await store.write([end, start]) == 0, "a replay changes nothing")
            #expect(try await store.write([start]) == 0, "a late start never reopens a finished row")
            let rows = try await store.page(ExecutionQuery()).records
            #expect(rows.count == 1)
            #expect(rows[0].status == .succeeded && rows[0].durationMs == 5)
        }
    }

    @Test func aVanishedWorkersRunningRowIsClosedByTheNextAttempt() async throws {
        try await Self.withStore { store in
            func row(_ id: UUID) async throws -> ExecutionRecord? {
                try await store.page(ExecutionQuery()).records.first { $0.recordID == id }
            }
            // The worker of `lost` died; the job's lock expired and it ran again as `again`.
            let lost = Self.started("s", at: 1_000)
            let again = Self.started("s", at: 9_000)
            let other = Self.started("other", at: 500)
            #expect(try await store.write([lost, other]) == 2)
            #expect(try await store.write([again]) == 1)
            var closed = try #require(try await row(lost.recordID))
            #expect(closed.status == .retrying)
            #expect(closed.outcome == .interrupted && closed.errorKind == .abandoned)
            #expect(closed.finishedAt == 9_000)
            #expect(try await row(again.recordID)?.status == .running)
            #expect(try await row(other.recordID)?.status == .running, "another job's attempt is left alone")

            #expect(try await store.write([Self.finished(again)]) == 1)
            #expect(try await row(again.recordID)?.status == .succeeded)
            // The first worker was only slow: its own finish still lands and says what happened.
            #expect(try await store.write([Self.finished(lost, status: 503)]) == 1)
            closed = try #require(try await row(lost.recordID))
            #expect(closed.errorKind == nil && closed.httpStatus == 503)
            #expect(try await row(again.recordID)?.status == .succeeded)
        }
    }

    @Test func jobsFailedAsStalledHaveTheirRunningAttemptClosed() async throws {
        try await Self.withStore { store in
            let x = Self.started("x", at: 1_000)
            let y = Self.started("y", at: 1_000)
            let z = Self.finished(Self.started("z", at: 1_000))
            #expect(try await store.write([x, y, z]) == 3)
            #expect(try await store.abandonRunning(jobIDs: ["x", "z"], at: 7_000) == 1)
            let rows = try await store.page(ExecutionQuery()).records
            let closed = try #require(rows.first { $0.jobID == "x" })
            #expect(closed.status == .failed && closed.errorKind == .abandoned && closed.finishedAt == 7_000)
            #expect(rows.first { $0.jobID == "y" }?.status == .running)
            #expect(rows.first { $0.jobID == "z" }?.status == .succeeded)
            // A finish that still arrives says what really happened.
            #expect(try await store.write([Self.finished(x)]) == 1)
            #expect(try await store.page(ExecutionQuery()).records.first { $0.jobID == "x" }?.status == .succeeded)
        }
    }

    @Test func goneSchedulesAndHostileTextDoNotFailTheBatch() async throws {
        try await Self.withStore { store in
            var hostile = Self.finished(Self.started("h", at: 2_000, schedule: 424_242))
            hostile.error = "nul\u{0}byte"
            hostile.responseHeaders = [["X-Nul", "a\u{0}b"]]
            hostile.responseBody = Data([0, 0xFF, 0x1B])
            let fine = Self.finished(Self.started("f", at: 3_000))
            #expect(try await store.write([hostile, fine]) == 2)
            let rows = try await store.page(ExecutionQuery()).records
            let stored = try #require(rows.first { $0.jobID == "h" })
            #expect(stored.scheduleID == nil)
            #expect(stored.responseBody == Data([0, 0xFF, 0x1B]))
            #expect(stored.error == "nul\u{FFFD}byte")
        }
    }

    @Test func pagesAreKeysetNewestFirstAndStableUnderTies() async throws {
        try await Self.withStore { store in
            // 25 rows, five per instant, so pages cut through ties.
            let records = (0..<25).map { i in Self.finished(Self.started("k\(i)", at: 10_000 + Int64(i / 5) * 1_000)) }
            _ = try await store.write(records)
            var seen: [Int64] = []
            var query = ExecutionQuery(limit: 7)
            var pages = 0
            repeat {
                let page = try await store.page(query)
                seen += page.records.compactMap(\.id)
                query.after = page.next
                pages += 1
            } while query.after != nil && pages < 10
            #expect(pages == 4)
            #expect(seen.count == 25 && Set(seen).count == 25)
            let all = try await store.page(ExecutionQuery(limit: 100)).records
            #expect(all.map(\.startedAt) == all.map(\.startedAt).sorted(by: >))
            #expect(all.compactMap(\.id) == seen)
            let one = try #require(all.first?.id)
            #expect(try await store.execution(id: one)?.jobID == all.first?.jobID)
            #expect(try await store.execution(id: -1) == nil)
        }
    }

    @Test func filtersOnSeveralNamesOnExclusionAndOnSeveralStatusesHappenInTheQuery() async throws {
        try await Self.withStore { store in
            // Four schedules' attempts, interleaved in time: 40 rows, ten a name.
            let names = ["sync-users", "nightly-Billing", "fast-ping", "日本語レポート"]
            var records: [ExecutionRecord] = []
            for i in 0..<40 {
                var r = Self.started("job-\(i)", at: 100_000 + Int64(i) * 1_000)
                r.scheduleName = names[i % 4]
                // Every third fails; every fifth of the rest times out.
                r = Self.finished(r, status: i % 3 == 0 ? 503 : 200)
                if i % 3 != 0, i % 5 == 0 {
                    r.outcome = .permanent
                    r.errorKind = .timeout
                    r.httpStatus = nil
                }
                records.append(r)
            }
            // An attempt without a schedule is known by its job id.
            records.append(Self.finished(Self.started("adhoc-billing-1", at: 99_000)))
            _ = try await store.write(records)

            func all(_ query: ExecutionQuery) async throws -> [ExecutionRecord] {
                var query = query
                query.limit = 3
                var rows: [ExecutionRecord] = []
                var pages = 0
                repeat {
                    let page = try await store.page(query)
                    #expect(page.next == nil || page.records.count == 3, "a page cut short by filtering")
                    rows += page.records
                    query.after = page.next
                    pages += 1
                } while query.after != nil && pages < 50
                return rows
            }
            func name(_ r: ExecutionRecord) -> String { r.scheduleName ?? r.jobID }

            var query = ExecutionQuery()
            query.name = NameFilter("SYNC|billing")
            let either = try await all(query)
            #expect(either.count == 21)
            #expect(Set(either.map(name)) == ["sync-users", "nightly-Billing", "adhoc-billing-1"])

            query.name = NameFilter("!fast|レポート")
            let excluded = try await all(query)
            #expect(excluded.count == 21)
            #expect(!excluded.contains { name($0) == "fast-ping" || name($0) == "日本語レポート" })

            query.name = nil
            query.statuses = [.failed, .timedOut]
            let problems = try await all(query)
            let expected = records.filter { $0.status == .failed || $0.status == .timedOut }
            #expect(problems.count == expected.count && expected.count == 14 + 5)
            #expect(problems.allSatisfy { $0.status == .failed || $0.status == .timedOut })
            #expect(problems.contains { $0.status == .timedOut } && problems.contains { $0.status == .failed })

            query.name = NameFilter("!sync")
            let both = try await all(query)
            #expect(both.count == expected.filter { name($0) != "sync-users" }.count)
            #expect(both.map(\.startedAt) == both.map(\.startedAt).sorted(by: >))
            #expect(NameFilter("!sync").matches("nightly-Billing") && !NameFilter("!sync").matches("SYNC-users"))
        }
    }

}
