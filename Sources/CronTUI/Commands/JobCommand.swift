import ArgumentParser
import Engine

/// `crontui job retry|rerun <job-id>`: operator actions on one job.
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
            try await JobCommand.withQueue(connection) { queue in
                try await queue.retry(id)
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
            try await JobCommand.withQueue(connection) { queue in
                let newID = try await queue.rerun(id)
                CronTUICommand.printLine(newID)
            }
        }
    }

    static func withQueue(_ connection: ConnectionOptions, _ body: (JobQueue) async throws -> Void) async throws {
        let configuration = try connection.configuration()
        let redis = RedisClient(endpoint: configuration.redis, poolSize: 1)
        defer { redis.close() }
        do {
            try await body(JobQueue(name: configuration.queueName, redis: redis))
        } catch let error as QueueError {
            throw RuntimeError(Sanitizer.line(error.message, limit: 300))
        }
    }
}
