import ArgumentParser
import Engine

/// `crontui schedule delete <name|id>`.
struct ScheduleDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a schedule and its fire ledger (its execution history stays).")

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The schedule's name or id.")
    var schedule: String

    func run() async throws {
        let schedule = try await ScheduleCommand.withSystem(connection) { system in
            try await system.deleteSchedule(ScheduleReference(self.schedule), by: ScheduleCommand.caller)
        }
        ScheduleCommand.output("deleted \(ScheduleCommand.label(schedule))")
    }
}
