import ArgumentParser
import Engine

/// `crontui migrate`: bring the PostgreSQL schema up to date.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the PostgreSQL schema migrations (idempotent)."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let configuration = try connection.configuration()
        let field = connection.databaseURL == nil ? "DATABASE_URL" : "--database-url"
        let report: MigrationReport
        do {
            let database = try await PostgresConnection.connect(to: configuration.database)
            report = try await MigrationRunner().run(on: database)
            await database.close()
        } catch let error as PostgresError {
            switch error.code {
            case .invalidConfiguration:
                throw ConfigurationError(field: field, reason: error.message)
            case .connectionFailed, .connectionLost:
                throw RuntimeError(
                    "\(field): cannot reach PostgreSQL at \(configuration.database) (server unreachable or "
                        + "refusing the connection): \(error.message)")
            default:
                throw RuntimeError("migration failed: \(error)")
            }
        }
        for migration in report.applied {
            print("applied migration \(migration.version): \(migration.name)")
        }
        switch report.applied.count {
        case 0:
            print("schema is up to date (version \(report.version))")
        case let count:
            print(
                "applied \(count) migration\(count == 1 ? "" : "s") (schema version \(report.version))")
        }
    }
}
