import ArgumentParser
import CommandSupport
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
        @OptionGroup var job: Target

        func run() async throws {
            // Without --queue, a job the default queue lacks is looked for where history says it ran.
            try await job.perform({ try await $0.retryJob($1, queue: job.queue, by: $2) }) { "job \(Sanitizer.line(job.id)) queued again" }
        }
    }

    /// `crontui job rerun <id>`.
    struct Rerun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rerun", abstract: "Copy a finished job into a new job linked to it (its attempts are recorded with trigger rerun).")

        @OptionGroup var job: Target

        func run() async throws {
            // As `schedule run` prints its job: the new job's id, then its trace id.
            try await job.perform({ try await $0.rerunJob($1, queue: job.queue, by: $2) }) { "job \($0.jobID)\ntrace \($0.traceID)" }
        }
    }

    /// What a job command takes: the connection flags and the job's id.
    struct Target: ParsableArguments, OperatorTarget {
        @OptionGroup var connection: ConnectionOptions

        @Argument(help: "The job id.")
        var id: String

        /// The job named.
        var reference: String { id }

        /// The queue `--queue` names; nil without it.
        var queue: String? { connection.queueName }

        /// Runs `body` with the configured system (its schema checked: the audit log is in
        /// PostgreSQL); a refusal of the queue is one line.
        func withSystem<T>(_ body: (CronSystem) async throws -> T) async throws -> T {
            do {
                return try await connection.withSystem(body)
            } catch let error as QueueError {
                throw RuntimeError(Sanitizer.line(error.message, limit: 300))
            }
        }
    }
}
