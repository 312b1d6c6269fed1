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
            try await JobCommand.withService(connection) { service in
                try await service.retry(id, by: OperatorIdentity.cliCaller)
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
            try await JobCommand.withService(connection) { service in
                let rerun = try await service.rerun(id, by: OperatorIdentity.cliCaller)
                CronTUICommand.printLine(rerun.jobID)
            }
        }
    }

    /// Runs `body` with the queue's operator actions on the configured Redis, audited in the
    /// configured PostgreSQL (migrated first).
    static func withService(_ connection: ConnectionOptions, _ body: (QueueService) async throws -> Void) async throws {
        let configuration = try connection.configuration()
        let redis = RedisClient(endpoint: configuration.redis, poolSize: 1)
        defer { redis.close() }
        let database = PostgresPool(endpoint: configuration.database, size: 1)
        do {
            try await database.withConnection { connection in _ = try await MigrationRunner().run(on: connection) }
        } catch {
            await database.close()
            let field = connection.databaseURL == nil ? "DATABASE_URL" : "--database-url"
            throw RuntimeError("\(field): cannot use PostgreSQL at \(configuration.database) for the audit log: \(error)")
        }
        do {
            try await body(QueueService(queue: JobQueue(name: configuration.queueName, redis: redis), database: database))
            await database.close()
        } catch let error as QueueError {
            await database.close()
            throw RuntimeError(Sanitizer.line(error.message, limit: 300))
        } catch {
            await database.close()
            throw error
        }
    }
}
