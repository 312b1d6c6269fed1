import ArgumentParser
import CommandSupport
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

    /// Runs `body` with the configured system (its schema checked). Maps schedule errors to the
    /// command line's exits: a bad field or a taken name is a usage error (exit 2), anything else
    /// exit 1.
    static func withSystem<T>(_ connection: ConnectionOptions, _ body: (CronSystem) async throws -> T) async throws -> T {
        do {
            return try await connection.withSystem(checkSchema: false) { system in
                do throws(SystemError) {
                    try await system.requireSchema()
                } catch  where error.code == .unavailable {
                    throw RuntimeError(
                        "\(connection.databaseField): PostgreSQL cannot be used, so schedules cannot be read or changed now: \(error.message)")
                } catch  where error.code == .misconfigured {
                    throw RuntimeError("\(connection.databaseField): \(error.message)", exitCode: error.exitCode)
                } catch {
                    throw RuntimeError(error.message)
                }
                return try await body(system)
            }
        } catch let error as ScheduleError {
            switch error.code {
            case .invalid, .duplicateName:
                throw UsageError(error.field.map { "\(ScheduleFieldOptions.flag($0)): \(error.message)" } ?? error.message)
            default:
                throw RuntimeError(error.description)
            }
        }
    }

    /// `schedule pause|resume <name|id>`: prints what changed, or that nothing had to.
    static func setEnabled(_ enabled: Bool, _ target: ScheduleTarget) async throws {
        try await target.perform({ try await $0.setScheduleEnabled($1, enabled, by: $2) }) { schedule, changed in
            switch (enabled, changed) {
            case (true, true): "resumed \(label(schedule))"
            case (true, false): "\(label(schedule)) was not paused"
            case (false, true): "paused \(label(schedule))"
            case (false, false): "\(label(schedule)) was already paused"
            }
        }
    }

    /// The operator, for the audit log: `$USER`, else the process's account (``OperatorIdentity``).
    static var caller: CronSystem.Caller { OperatorIdentity.cliCaller }

    /// `schedule 7 (nightly-report)`.
    static func label(_ schedule: Schedule) -> String {
        "schedule \(schedule.id) (\(schedule.name))"
    }
}
