import Engine
import Foundation
import Testing

/// Where the command-line tests find PostgreSQL: `DATABASE_URL`, as `make test` sets it.
public enum TestDatabaseURL {
    /// True when `DATABASE_URL` is set, and always in CI (where a missing one fails the tests).
    public static var enabled: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["CI"] == "true" || environment["CI"] == "1"
            || environment["DATABASE_URL"] != nil
    }

    /// Runs `body` with a `DATABASE_URL` whose `search_path` is a fresh schema, dropped afterwards.
    public static func withSchema(_ body: (String) async throws -> Void) async throws {
        guard let base = ProcessInfo.processInfo.environment["DATABASE_URL"], !base.isEmpty else {
            Issue.record("DATABASE_URL is not set: run the tests with `make test`")
            return
        }
        let schema = "cli_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let admin = try await PostgresConnection.connect(to: PostgresEndpoint(url: base))
        try await admin.query("CREATE SCHEMA \(schema)")
        let url = base + (base.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema
        var failure: (any Error)?
        do { try await body(url) } catch { failure = error }
        _ = try? await admin.query("DROP SCHEMA \(schema) CASCADE")
        await admin.close()
        if let failure { throw failure }
    }
}
