import ArgumentParser
import CommandSupport
import Engine

#if canImport(Glibc)
    import Glibc
#endif

/// `crontui`: the dashboard by default, plus the CLI subcommands.
@main
struct CronTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crontui",
        abstract: "A cron-driven HTTP job scheduler with a Redis queue, PostgreSQL history and a terminal dashboard.",
        version: CrontuiVersion.string,
        subcommands: [
            DashboardCommand.self,
            MigrateCommand.self,
            BackupCommand.self,
            RestoreCommand.self,
            ServeCommand.self,
            HistoryCommand.self,
            StatsCommand.self,
            JobCommand.self,
            DemoCommand.self,
            ScheduleCommand.self,
            SchedulerCommand.self,
            CronCommand.self,
            BenchCommand.self,
            APICommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// Runs the command line; usage errors print one line on stderr and exit 2.
    static func main() async {
        // Before the first suspension, still on the main thread: the account lookup may block.
        OperatorIdentity.resolve()
        await run(arguments: Array(CommandLine.arguments.dropFirst()))
    }

    static func run(arguments: [String]) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(with: error)
        }
    }

    /// Maps an error to the process exit: operator mistakes are one line and exit 2.
    static func exit(with error: Error) -> Never {
        switch error {
        case let error as UsageError:
            printError(error.message)
            Glibc.exit(2)
        case let error as ConfigurationError:
            printError(error.description)
            Glibc.exit(2)
        case let error as RuntimeError:
            printError(error.message)
            Glibc.exit(error.exitCode)
        default:
            let code = exitCode(for: error)
            if code == .validationFailure {
                let text = message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid usage"
                printError(text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text)
                Glibc.exit(2)
            }
            Self.exit(withError: error)
        }
    }

    /// One line (or several) on stdout, through the sanitizer, in one write.
    static func printLine(_ text: String) {
        CronCommand.writeStandardOutput(text + "\n")
    }

    /// A note on stderr that is not an error (e.g. where the next page starts).
    static func printNote(_ message: String) {
        var bytes = Array((Sanitizer.line(message.split(whereSeparator: \.isNewline).joined(separator: " "), limit: 4_096) + "\n").utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    static func printError(_ message: String) {
        let line = "error: " + Sanitizer.line(message.split(whereSeparator: \.isNewline).joined(separator: " "), limit: 4_096) + "\n"
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}
