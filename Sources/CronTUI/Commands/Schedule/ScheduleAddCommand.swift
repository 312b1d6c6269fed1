import ArgumentParser
import CommandSupport
import Engine

/// `crontui schedule add --name N --cron C --url U [...]`.
struct ScheduleAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a schedule (--name, --cron and --url are required).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var fields: ScheduleFieldOptions

    @Flag(help: "Create it paused.")
    var paused = false

    func run() async throws {
        try fields.refuseConnectionQueue(connection)
        var input = fields.input()
        if paused { input.enabled = false }
        // Check every field before connecting, so a mistake costs nothing.
        do {
            _ = try input.definition()
        } catch {
            throw UsageError("\(ScheduleFieldOptions.flag(error.field)): \(error.message)")
        }
        let schedule = try await ScheduleCommand.withSystem(connection) { system in
            try await system.createSchedule(input, by: ScheduleCommand.caller)
        }
        var line = "created \(ScheduleCommand.label(schedule))"
        if !schedule.definition.enabled {
            line += ", paused"
        } else if let next = CronSystem.nextFires(of: schedule, after: SystemQueueClock().nowMilliseconds(), count: 1).first {
            line += ", next fire " + ScheduleOutput.local(next, of: schedule)
        }
        CronTUICommand.printLine(line)
    }
}
