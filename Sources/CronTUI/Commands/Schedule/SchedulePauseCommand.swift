import ArgumentParser
import Engine

/// `crontui schedule pause <name|id>`.
struct SchedulePauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a schedule: it fires no more until resumed.")

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The schedule's name or id.")
    var schedule: String

    func run() async throws {
        let (schedule, changed) = try await ScheduleCommand.withService(connection) { service in
            try await service.pause(ScheduleReference(self.schedule), by: ScheduleCommand.caller)
        }
        ScheduleCommand.output(changed ? "paused \(ScheduleCommand.label(schedule))" : "\(ScheduleCommand.label(schedule)) was already paused")
    }
}
