import ArgumentParser
import CommandSupport
import Engine

/// `crontui schedule edit <name|id> [field flags]`: change the fields given.
struct ScheduleEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change a schedule's fields; --header replaces every header.")

    @OptionGroup var target: ScheduleTarget

    @OptionGroup var fields: ScheduleFieldOptions

    @Flag(name: .customLong("no-headers"), help: "Remove every header.")
    var noHeaders = false

    func run() async throws {
        try fields.refuseConnectionQueue(target.connection)
        let input = fields.input(clearingHeaders: noHeaders)
        guard !input.isEmpty else { throw UsageError("nothing to change: give at least one field flag") }
        if noHeaders && !fields.header.isEmpty { throw UsageError("--no-headers: cannot be combined with --header") }
        let (before, after) = try await target.withSystem { system in
            let before = try await system.schedule(target.reference)
            return (before, try await system.updateSchedule(.id(before.id), with: input, by: ScheduleCommand.caller))
        }
        let changed = CronSystem.changedFields(before.definition, after.definition)
        CronTUICommand.printLine(
            "updated \(ScheduleCommand.label(after))" + (changed.isEmpty ? ": nothing changed" : ": " + changed.joined(separator: ", ")))
    }
}
