/// Brings the PostgreSQL schema up to date.
///
/// Idempotent and safe to run from several processes at once: each migration runs in its own
/// transaction holding a transaction-scoped advisory lock (one per schema), and checks again under
/// the lock whether another process has applied it. Two concurrent runs both succeed and the
/// schema is migrated once.
package struct MigrationRunner: Sendable {
    /// The migrations to apply, in version order.
    package var migrations: [Migration]

    /// First key of the advisory lock (the second is a hash of the schema), chosen to be crontui's.
    static let lockKey: Int32 = 0x6372_6F6E

    /// A runner for `migrations` (by default crontui's own).
    package init(migrations: [Migration] = Migrations.all) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies every migration not yet recorded in the connection's schema. Throws the
    /// ``PostgresError`` of the first statement that fails; migrations applied before it stay.
    /// Statements may take up to ten minutes here rather than the usual ten seconds (an index build
    /// on a large table, or another process's migration holding the lock, takes a while).
    package func run(on connection: PostgresConnection) async throws -> MigrationReport {
        await connection.setStatementTimeout(.seconds(600))
        do {
            let report = try await apply(on: connection)
            await connection.setStatementTimeout(LibPQConnection.defaultTimeout)
            return report
        } catch {
            await connection.setStatementTimeout(LibPQConnection.defaultTimeout)
            throw error
        }
    }

    private func apply(on connection: PostgresConnection) async throws -> MigrationReport {
        let table = StoreTables.schemaMigrations
        try await connection.withTransaction { db in
            try Self.lock(db)
            try db.query(
                """
                CREATE TABLE IF NOT EXISTS \(table) (
                  version integer PRIMARY KEY,
                  name text NOT NULL,
                  applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
        }
        let recorded = Set(
            try await connection.query("SELECT version FROM \(table)").map {
                try $0.decode(0, as: Int.self)
            })
        var applied: [Migration] = []
        for migration in migrations where !recorded.contains(migration.version) {
            let didApply = try await connection.withTransaction { db in
                try Self.lock(db)
                let done = try db.query("SELECT 1 FROM \(table) WHERE version = $1", [migration.version])
                guard done.isEmpty else { return false }
                for statement in migration.statements { try db.query(statement) }
                try db.query(
                    "INSERT INTO \(table) (version, name, applied_at) VALUES ($1, $2, now())",
                    [migration.version, migration.name])
                return true
            }
            if didApply { applied.append(migration) }
        }
        let version = try await connection.query("SELECT coalesce(max(version), 0) FROM \(table)")
        return MigrationReport(applied: applied, version: try version[0].decode(0, as: Int.self))
    }

    /// Waits for the schema's migration lock, held until the transaction ends.
    private static func lock(_ db: isolated PostgresConnection) throws(PostgresError) {
        try db.query(
            "SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '')))", [lockKey])
    }
}
