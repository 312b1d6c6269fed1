import Engine

/// A PostgreSQL schema of its own for one test, so tests can run in parallel: created first,
/// dropped (with everything in it) at the end, and first on the `search_path` of every connection
/// made to ``endpoint``.
package struct TestDatabase: Sendable {
    /// The schema's name.
    package let schema: String
    /// `DATABASE_URL` with the schema as the whole `search_path`.
    package let endpoint: PostgresEndpoint

    /// Runs `body` with a fresh schema, and drops the schema afterwards whether `body` throws or not.
    package static func withSchema<T>(_ body: (TestDatabase) async throws -> T) async throws -> T {
        let base = try TestServices.databaseEndpoint()
        let schema = TestServices.uniqueName("t")
        let separator = base.conninfo.contains("?") ? "&" : "?"
        let endpoint = try PostgresEndpoint(
            url: base.conninfo + separator + "options=-csearch_path%3D" + schema)
        let admin = try await PostgresConnection.connect(to: base)
        // The name is ours (letters, digits, `_`), and DDL takes no parameters.
        try await admin.query("CREATE SCHEMA \(schema)")
        do {
            let value = try await body(TestDatabase(schema: schema, endpoint: endpoint))
            try await admin.query("DROP SCHEMA \(schema) CASCADE")
            await admin.close()
            return value
        } catch {
            _ = try? await admin.query("DROP SCHEMA \(schema) CASCADE")
            await admin.close()
            throw error
        }
    }

    /// A new connection to the schema.
    package func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(to: endpoint)
    }
}
