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
        _ = try connection.configuration()
    }
}
