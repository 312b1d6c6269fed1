import ArgumentParser
import Engine

/// `crontui schedule pause <name|id>`.
struct SchedulePauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a schedule: it fires no more until resumed.")
    @OptionGroup var target: ScheduleTarget

    func run() async throws { try await ScheduleCommand.setEnabled(false, target) }
}
