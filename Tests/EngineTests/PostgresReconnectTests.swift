import TestSupport
import Testing

@testable import Engine

/// What happens when the server backend of a connection dies (`pg_terminate_backend`).
@Suite(.enabled(if: TestServices.enabled)) struct PostgresReconnectTests {
    @Test func statementInFlightThrowsAndTheNextOneWorks() async throws {
        try await TestDatabase.withSchema { database in
            let victim = try await database.connect()
            let admin = try await database.connect()
            let pid = await victim.backendPID
            let sleeper = Task { try await victim.query("SELECT pg_sleep(30)") }
            // Wait (with a deadline) until the statement is running, then kill its backend.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(10)
            while try await admin.query(
                "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active'", [pid]
            ).isEmpty {
                guard clock.now < deadline else {
                    Issue.record("pg_sleep never started")
                    return
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            let started = clock.now
            try await admin.query("SELECT pg_terminate_backend($1)", [pid])
            let result = await sleeper.result
            #expect(clock.now - started < .seconds(5))
            let error = #expect(throws: PostgresError.self) { try result.get() }
            #expect(error?.code == .connectionLost)
            // The next statement reconnects to a new backend, with the session set up again.
            let row = try await victim.query("SELECT pg_backend_pid(), current_setting('TimeZone')")[0]
            #expect(try row.decode(0, as: Int32.self) != pid)
            #expect(try row.decode(1, as: String.self) == "UTC")
            #expect(
                try await victim.query("SELECT current_schema()")[0].decode(0, as: String.self)
                    == database.schema)
        }
    }

    @Test func idleConnectionReconnectsTransparently() async throws {
        try await TestDatabase.withSchema { database in
            let victim = try await database.connect()
            let admin = try await database.connect()
            let pid = await victim.backendPID
            try await admin.query("SELECT pg_terminate_backend($1)", [pid])
            // Termination is asynchronous: wait until the backend is gone.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(10)
            while try await !admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid]).isEmpty {
                guard clock.now < deadline else {
                    Issue.record("backend \(pid) still there")
                    return
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try await victim.query("SELECT 1")[0].decode(0, as: Int.self) == 1)
            #expect(await victim.backendPID != pid)
        }
    }

    @Test func listenerListensAgainAfterReconnect() async throws {
        try await TestDatabase.withSchema { database in
            let listener = try await database.connect()
            let admin = try await database.connect()
            try await listener.listen("events")
            let pid = await listener.backendPID
            try await admin.query("SELECT pg_terminate_backend($1)", [pid])
            // The wait notices the dead connection.
            let error = await #expect(throws: PostgresError.self) {
                _ = try await listener.nextNotification(timeout: .seconds(10))
            }
            #expect(error?.code == .connectionLost)
            // The next wait reconnects and listens again (the listener is back once it has a new pid).
            #expect(try await listener.nextNotification(timeout: .milliseconds(10)) == nil)
            #expect(await listener.backendPID != pid)
            try await admin.notify("events", payload: "after")
            #expect(try await listener.nextNotification(timeout: .seconds(30))?.payload == "after")
        }
    }
}
