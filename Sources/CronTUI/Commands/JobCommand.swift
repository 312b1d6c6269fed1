import ArgumentParser
import Engine

/// `crontui job retry|rerun <job-id>`: operator actions on one job, audited (interface `cli`).
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Retry a failed job, or rerun a finished one as a new job.",
        subcommands: [Retry.self, Rerun.self]
    )

    /// `crontui job retry <id>`.
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retry", abstract: "Run a failed job again from its first attempt.")

        @OptionGroup var connection: ConnectionOptions

        @Argument(help: "The job id.")
        var id: String

        func run() async throws {
            try await JobCommand.withSystem(connection) { system in
                try await system.retryJob(id, by: OperatorIdentity.cliCaller)
                CronTUICommand.printLine("job \(Sanitizer.line(id)) queued again")
            }
        }
    }

    /// `crontui job rerun <id>`.
    struct Rerun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rerun", abstract: "Copy a finished job into a new job linked to it (its attempts are recorded with trigger rerun).")

        @OptionGroup var connection: ConnectionOptions

        @Argument(help: "The job id.")
        var id: String

        func run() async throws {
            try await JobCommand.withSystem(connection) { system in
                let rerun = try await system.rerunJob(id, by: OperatorIdentity.cliCaller)
                CronTUICommand.printLine(rerun.jobID)
            }
        }
    }

    /// Runs `body` with the configured system (its schema checked: the audit log is in PostgreSQL).
    static func withSystem(_ connection: ConnectionOptions, _ body: (CronSystem) async throws -> Void) async throws {
        do {
            try await connection.withSystem(body)
        } catch let error as QueueError {
            throw RuntimeError(Sanitizer.line(error.message, limit: 300))
        }
    }
}
