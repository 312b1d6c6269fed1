import ArgumentParser
import Engine

/// `crontui schedule delete <name|id>`.
struct ScheduleDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a schedule and its fire ledger (its execution history stays).")
    @OptionGroup var target: ScheduleTarget

    func run() async throws {
        try await target.perform({ try await $0.deleteSchedule($1, by: $2) }) { "deleted \(ScheduleCommand.label($0))" }
    }
}
