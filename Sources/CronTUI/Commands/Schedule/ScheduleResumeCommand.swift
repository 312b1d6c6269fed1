import ArgumentParser
import Engine

/// `crontui schedule resume <name|id>`.
struct ScheduleResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume a paused schedule (slots that passed while paused are not run).")
    @OptionGroup var target: ScheduleTarget

    func run() async throws { try await ScheduleCommand.setEnabled(true, target) }
}
