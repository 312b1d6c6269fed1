import ArgumentParser
import Engine

/// `crontui schedule delete <name|id>`.
struct ScheduleDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a schedule and its fire ledger (its execution history stays).")
    @OptionGroup var target: ScheduleTarget

    func run() async throws {
        let schedule = try await target.withSystem { try await $0.deleteSchedule(target.reference, by: ScheduleCommand.caller) }
        ScheduleCommand.output("deleted \(ScheduleCommand.label(schedule))")
    }
}
