import ArgumentParser
import CommandSupport
import Engine

/// `crontui schedule list [--json]`: every schedule, by name.
struct ScheduleListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the schedules, by name, with their next fire.")

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() async throws {
        let (schedules, defaultQueue) = try await ScheduleCommand.withSystem(connection) { system in
            var all: [Schedule] = []
            while true {
                let page = try await system.schedules(after: all.last?.name, limit: 1_000)
                all += page
                if page.count < 1_000 { return (all, system.queueName) }
            }
        }
        let now = SystemQueueClock().nowMilliseconds()
        func next(_ schedule: Schedule) -> Int64? {
            schedule.definition.enabled ? CronSystem.nextFires(of: schedule, after: now, count: 1).first : nil
        }
        if json {
            CronTUICommand.printLine(ScheduleOutput.json(schedules, nextFire: next))
            return
        }
        if schedules.isEmpty {
            CronTUICommand.printLine("no schedules")
            return
        }
        // The queue column appears once some schedule names a queue of its own.
        let queues = schedules.contains { $0.definition.queue != nil }
        var rows = [["ID", "NAME", "STATE", "CRON", "TZ", "NEXT FIRE"] + (queues ? ["QUEUE"] : []) + ["REQUEST"]]
        for s in schedules {
            rows.append(
                [
                    String(s.id), s.name, s.definition.enabled ? "enabled" : "paused", s.definition.cron, s.definition.timeZone,
                    next(s).map { ScheduleOutput.local($0, of: s) } ?? "-",
                ] + (queues ? [s.definition.queue ?? defaultQueue] : []) + [s.definition.method + " " + s.displayURL])
        }
        CronTUICommand.printLine(ScheduleOutput.table(rows))
    }
}
