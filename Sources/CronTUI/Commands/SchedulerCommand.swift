import ArgumentParser
import CommandSupport
import Engine
import Logging

/// `crontui scheduler` (hidden): the scheduler alone, headless, without workers: it competes for
/// the lease and, while it leads, turns due slots into jobs. The failover tests run two of these and
/// kill the leader. Logs go to stderr; SIGTERM ends it at once (the lease then expires by itself).
struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Run only the scheduler, with no workers (for failover tests).",
        shouldDisplay: false
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .customLong("lease-ttl-ms"), help: "Leader lease TTL in milliseconds (default 10000).")
    var leaseTTL = 10_000

    @Option(name: .customLong("misfire-ms"), help: "A slot later than this is a missed one (default 2000).")
    var misfire = 2_000

    @Option(name: .customLong("resync-ms"), help: "Full resync interval in milliseconds (default 60000).")
    var resync = 60_000

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "notice"

    func validate() throws {
        try UsageError.checking {
            try UsageError.check("--lease-ttl-ms", leaseTTL, in: 300...600_000)
            try UsageError.check("--misfire-ms", misfire, in: 0...3_600_000)
            try UsageError.check("--resync-ms", resync, in: 100...3_600_000)
            guard Logger.Level(rawValue: logLevel) != nil else { throw UsageError("--log-level: unknown level '\(logLevel)'") }
        }
    }

    func run() async throws {
        let configuration = try connection.configuration()
        var logger = Logger(label: "crontui.scheduler") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .notice
        let system = CronSystem(configuration: configuration, connections: .init(redis: 2, postgres: 2), logger: logger)
        do throws(SystemError) {
            _ = try await system.migrate()
        } catch {
            await system.close()
            throw RuntimeError("DATABASE_URL: \(error.message)", exitCode: error.exitCode)
        }
        var options = SchedulerOptions(configuration: configuration)
        options.leaseTTL = .milliseconds(leaseTTL)
        options.misfireThreshold = .milliseconds(misfire)
        options.resyncInterval = .milliseconds(resync)
        let scheduler = system.scheduler(options: options)
        CronTUICommand.printLine("scheduler \(options.instanceID) ready")
        do {
            try await scheduler.run()
        } catch {
            await system.close()
            throw error
        }
        await system.close()
    }
}
