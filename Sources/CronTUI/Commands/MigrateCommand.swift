import ArgumentParser
import CommandSupport
import Engine

/// `crontui migrate`: bring the PostgreSQL schema up to date.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the PostgreSQL schema migrations (idempotent)."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let report = try await connection.withSystem(checkSchema: false) { system in
            do throws(SystemError) {
                return try await system.migrate()
            } catch {
                throw RuntimeError("\(connection.databaseField): \(error.message)", exitCode: error.exitCode)
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
