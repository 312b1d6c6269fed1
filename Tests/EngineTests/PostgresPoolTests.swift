import TestSupport
import Testing

@testable import Engine

/// The pool: lending, fair waiting, cancellation (its timing: `TimingTests`).
@Suite(.enabled(if: TestServices.enabled)) struct PostgresPoolTests {
    @Test func waitersAreServedInArrivalOrder() async throws {
        try await TestDatabase.withSchema { database in
            let pool = PostgresPool(endpoint: database.endpoint, size: 1)
            try await pool.query("CREATE TABLE arrivals (id serial PRIMARY KEY, n int)")
            // While the only connection is held, five tasks queue up, one after another.
            let waiters = try await pool.withConnection { _ in
                var waiters: [Task<Void, any Error>] = []
                for n in 1...5 {
                    waiters.append(
                        Task {
                            _ = try await pool.withConnection { db in
                                try await db.query("INSERT INTO arrivals (n) VALUES ($1)", [n])
                            }
                        })
                    try await Self.waitUntil { pool.waitingCount == n }
                }
                return waiters
            }
            for waiter in waiters { try await waiter.value }
            let rows = try await pool.query("SELECT n FROM arrivals ORDER BY id")
            #expect(try rows.map { try $0.decode(0, as: Int.self) } == [1, 2, 3, 4, 5])
            await pool.close()
        }
    }

    @Test func cancelledWaiterStopsWaiting() async throws {
        try await TestDatabase.withSchema { database in
            let pool = PostgresPool(endpoint: database.endpoint, size: 1)
            try await pool.withConnection { _ in
                let waiter = Task { try await pool.withConnection { _ in "served" } }
                try await Self.waitUntil { pool.waitingCount == 1 }
                waiter.cancel()
                let error = await #expect(throws: PostgresError.self) { try await waiter.value }
                #expect(error?.code == .cancelled)
                #expect(pool.waitingCount == 0)
            }
            // The connection went back to the pool and serves the next caller.
            #expect(try await pool.query("SELECT 1").count == 1)
            await pool.close()
        }
    }

    @Test func leftoverTransactionIsRolledBackOnReturn() async throws {
        try await TestDatabase.withSchema { database in
            let pool = PostgresPool(endpoint: database.endpoint, size: 1)
            try await pool.query("CREATE TABLE t (v int)")
            try await pool.withConnection { db in
                try await db.query("BEGIN")
                try await db.query("INSERT INTO t VALUES (1)")
            }
            #expect(try await pool.query("SELECT count(*) FROM t")[0].decode(0, as: Int.self) == 0)
            await pool.close()
        }
    }

    @Test func closedPoolRefusesWork() async throws {
        let pool = PostgresPool(endpoint: try TestServices.databaseEndpoint(), size: 2)
        #expect(try await pool.query("SELECT 1").count == 1)
        await pool.close()
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error?.code == .closed)
    }

    @Test func unreachableServerFailsEachCallerAndFreesTheSlot() async throws {
        let pool = PostgresPool(
            endpoint: try PostgresEndpoint(url: "postgres://crontui@127.0.0.1:1/crontui"), size: 1)
        for _ in 0..<2 {
            let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
            #expect(error?.code == .connectionFailed)
        }
        await pool.close()
    }

    /// Polls `condition` every 5 ms for up to 5 s.
    static func waitUntil(_ condition: () async -> Bool) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while await !condition() {
            guard clock.now < deadline else {
                Issue.record("condition not met within 5 s")
                return
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
