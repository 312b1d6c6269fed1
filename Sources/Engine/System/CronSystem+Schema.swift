extension CronSystem {
    /// Brings the PostgreSQL schema up to date (``MigrationRunner``: idempotent, safe from several
    /// processes at once).
    public func migrate() async throws(SystemError) -> MigrationReport {
        do {
            return try await database.withConnection { connection in try await MigrationRunner().run(on: connection) }
        } catch {
            throw postgresFailure(error, "cannot bring the schema up to date")
        }
    }

    /// The schema version the database is at (0 when it has never been migrated).
    public func schemaVersion() async throws(SystemError) -> Int {
        do {
            let table = StoreTables.schemaMigrations
            // The table may not exist yet: ask the catalogue first (a statement naming a missing
            // table fails as it is parsed).
            let exists = try await database.query("SELECT to_regclass($1) IS NOT NULL", [table])
            guard try exists[0].decode(0, as: Bool.self) else { return 0 }
            return try await database.query("SELECT coalesce(max(version), 0) FROM \(table)")[0].decode(0, as: Int.self)
        } catch {
            throw postgresFailure(error, "cannot read the schema version")
        }
    }

    /// Throws ``SystemError/Code/schemaBehind`` with one line saying to run `crontui migrate` when
    /// the database's schema is older than this build's; commands other than `migrate`, `serve` and
    /// the dashboard call it instead of migrating.
    public func requireSchema() async throws(SystemError) {
        let version = try await schemaVersion()
        let needed = Migrations.latestVersion
        guard version < needed else { return }
        throw SystemError(
            .schemaBehind,
            version == 0
                ? "the database at \(configuration.database) has no crontui schema yet: run `crontui migrate`"
                : "the database schema is at version \(version) and this crontui needs \(needed): run `crontui migrate`")
    }
}

extension CronSystem {
    /// One line for a PostgreSQL failure: that the server cannot be reached, or what failed.
    func postgresFailure(_ error: any Error, _ doing: String) -> SystemError {
        if let error = error as? PostgresError, error.code == .invalidConfiguration {
            return SystemError(.misconfigured, "PostgreSQL at \(configuration.database) cannot be used as written: \(error.message)")
        }
        if let error = error as? PostgresError, error.code == .connectionFailed || error.code == .connectionLost {
            return SystemError(
                .unavailable,
                "cannot reach PostgreSQL at \(configuration.database) (server unreachable or refusing the connection): \(error.message)")
        }
        return SystemError(.unavailable, "\(doing) in PostgreSQL at \(configuration.database): \(error)")
    }
}
