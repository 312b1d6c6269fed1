import ArgumentParser
import Engine
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `crontui schedule add|list|show|edit|pause|resume|delete|run`: manage schedules.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Add, list, show, edit, pause, resume, delete and run schedules.",
        discussion: """
            A schedule is named by its name or its id. Every field is checked before anything is \
            written; a bad one is refused with one line naming it and exit code 2.
            """,
        subcommands: [
            ScheduleAddCommand.self, ScheduleListCommand.self, ScheduleShowCommand.self, ScheduleEditCommand.self,
            SchedulePauseCommand.self, ScheduleResumeCommand.self, ScheduleDeleteCommand.self, ScheduleRunCommand.self,
        ]
    )

    /// Runs `body` with a schedule service on the configured database (migrated first) and, when
    /// `withQueue`, the configured queue. Maps schedule errors to the command line's exits: a bad
    /// field or a taken name is a usage error (exit 2), anything else exit 1.
    static func withService<T>(
        _ connection: ConnectionOptions, withQueue: Bool = false, _ body: (ScheduleService) async throws -> T
    ) async throws -> T {
        let configuration = try connection.configuration()
        let database = PostgresPool(endpoint: configuration.database, size: 1)
        let redis = withQueue ? RedisClient(endpoint: configuration.redis, poolSize: 1) : nil
        defer { redis?.close() }
        do {
            try await database.withConnection { connection in _ = try await MigrationRunner().run(on: connection) }
        } catch {
            await database.close()
            let field = connection.databaseURL == nil ? "DATABASE_URL" : "--database-url"
            throw RuntimeError(
                "\(field): PostgreSQL at \(configuration.database) cannot be used, so schedules cannot be read or changed now: \(error)")
        }
        let queue = redis.map { JobQueue(name: configuration.queueName, redis: $0) }
        let service = ScheduleService(database: database, queue: queue)
        do {
            let value = try await body(service)
            await database.close()
            return value
        } catch let error as ScheduleError {
            await database.close()
            switch error.code {
            case .invalid, .duplicateName:
                throw UsageError(error.field.map { "--\($0): \(error.message)" } ?? error.message)
            default:
                throw RuntimeError(error.description)
            }
        } catch {
            await database.close()
            throw error
        }
    }

    /// `schedule pause|resume <name|id>`: prints what changed, or that nothing had to.
    static func setEnabled(_ enabled: Bool, _ reference: String, _ connection: ConnectionOptions) async throws {
        let (schedule, changed) = try await withService(connection) { service in
            enabled
                ? try await service.resume(ScheduleReference(reference), by: caller)
                : try await service.pause(ScheduleReference(reference), by: caller)
        }
        switch (enabled, changed) {
        case (true, true): output("resumed \(label(schedule))")
        case (true, false): output("\(label(schedule)) was not paused")
        case (false, true): output("paused \(label(schedule))")
        case (false, false): output("\(label(schedule)) was already paused")
        }
    }

    /// The operator, for the audit log: `$USER`, else the process's account (``OperatorIdentity``).
    static var caller: ScheduleService.Caller { OperatorIdentity.cliCaller }

    /// `schedule 7 (nightly-report)`.
    static func label(_ schedule: Schedule) -> String {
        "schedule \(schedule.id) (\(schedule.name))"
    }

    /// Prints `text` and a newline in one write.
    static func output(_ text: String) {
        CronCommand.writeStandardOutput(text + "\n")
    }
}
