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
        try await ScheduleCommand.setEnabled(true, schedule, connection)
    }
}
