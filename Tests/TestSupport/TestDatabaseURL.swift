import Engine
import Foundation
import Testing

/// Where the command-line tests find PostgreSQL: `DATABASE_URL`, as `make test` sets it.
package enum TestDatabaseURL {
    /// True when `DATABASE_URL` is set, and always in CI (where a missing one fails the tests).
    package static var enabled: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["CI"] == "true" || environment["CI"] == "1"
            || environment["DATABASE_URL"] != nil
    }

    /// Runs `body` with a `DATABASE_URL` whose `search_path` is a fresh schema, dropped afterwards:
    /// migrated as `crontui migrate` would (the commands other than `migrate` and `serve` only check
    /// the schema), or left empty when `migrated` is false.
    package static func withSchema(migrated: Bool = true, _ body: (String) async throws -> Void) async throws {
        guard let base = ProcessInfo.processInfo.environment["DATABASE_URL"], !base.isEmpty else {
            Issue.record("DATABASE_URL is not set: run the tests with `make test`")
            return
        }
        let schema = "cli_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let admin = try await PostgresConnection.connect(to: PostgresEndpoint(url: base))
        try await admin.query("CREATE SCHEMA \(schema)")
        let url = base + (base.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema
        if migrated {
            let connection = try await PostgresConnection.connect(to: PostgresEndpoint(url: url))
            _ = try await MigrationRunner().run(on: connection)
            await connection.close()
        }
        var failure: (any Error)?
        do { try await body(url) } catch { failure = error }
        _ = try? await admin.query("DROP SCHEMA \(schema) CASCADE")
        await admin.close()
        if let failure { throw failure }
    }
}
