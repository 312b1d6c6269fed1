import ArgumentParser
import Engine

/// `crontui dashboard` (the default): the live terminal dashboard.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard (the engine runs in-process unless --watch)."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let config = try connection.configuration()
        print("crontui \(CrontuiVersion.string)")
        print("redis:    \(config.redis)")
        print("database: \(config.database)")
        print("queue:    \(config.queueName)")
    }
}
