import CommandSupport
import Engine

/// A PostgreSQL schema of a benchmark's own, so a run writes beside the real tables and leaves the
/// database as it found it: ``create(prefix:in:)`` makes `<prefix><random>`, ``endpoint`` reaches the
/// database with that schema first on the search path, and ``drop()`` removes it with all it holds.
package struct BenchSchema: Sendable {
    /// The schema's name: the prefix and ``suffix``.
    package let name: String
    /// The random part of ``name``, for naming the run's other parts (its queue) alike.
    package let suffix: String
    /// The database, with `search_path` set to the schema.
    package let endpoint: PostgresEndpoint
    /// The connection that made the schema and drops it.
    private let admin: PostgresConnection

    /// Creates the schema `<prefix><random>` in `database`; a database it cannot reach is a
    /// ``RuntimeError`` naming it.
    package static func create(prefix: String, in database: PostgresEndpoint) async throws -> BenchSchema {
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let name = prefix + suffix
        let admin: PostgresConnection
        do {
            admin = try await PostgresConnection.connect(to: database)
            try await admin.query("CREATE SCHEMA \(name)")
        } catch {
            throw RuntimeError("cannot reach PostgreSQL at \(database): \(error)")
        }
        let conninfo = database.conninfo
        let separator = conninfo.contains("?") ? "&" : "?"
        do {
            let endpoint = try PostgresEndpoint(url: conninfo + separator + "options=-csearch_path%3D" + name)
            return BenchSchema(name: name, suffix: suffix, endpoint: endpoint, admin: admin)
        } catch {
            _ = try? await admin.query("DROP SCHEMA \(name) CASCADE")
            await admin.close()
            throw error
        }
    }

    /// Drops the schema and everything in it, and closes the connection.
    package func drop() async {
        _ = try? await admin.query("DROP SCHEMA \(name) CASCADE")
        await admin.close()
    }
}
