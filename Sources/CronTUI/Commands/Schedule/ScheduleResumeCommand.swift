import ArgumentParser
import Engine

/// `crontui schedule resume <name|id>`.
struct ScheduleResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume a paused schedule (slots that passed while paused are not run).")

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The schedule's name or id.")
    var schedule: String

    func run() async throws {
        let (schedule, changed) = try await ScheduleCommand.withService(connection) { service in
            try await service.resume(ScheduleReference(self.schedule), by: ScheduleCommand.caller)
        }
        ScheduleCommand.output(changed ? "resumed \(ScheduleCommand.label(schedule))" : "\(ScheduleCommand.label(schedule)) was not paused")
    }
}
