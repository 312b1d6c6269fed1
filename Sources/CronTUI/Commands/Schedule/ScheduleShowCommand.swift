import ArgumentParser
import Engine

/// `crontui schedule show <name|id> [--json]`: one schedule, its next 5 fire times (in its zone and
/// in UTC) and its latest fires.
struct ScheduleShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a schedule, its next 5 fire times in its zone and in UTC, and its latest fires.")

    @OptionGroup var target: ScheduleTarget

    @Flag(help: "Print a JSON object.")
    var json = false

    func run() async throws {
        let (schedule, recent, defaultQueue) = try await target.withSystem { system in
            let schedule = try await system.schedule(target.reference)
            return (schedule, try await system.fires(ofSchedule: schedule.id, limit: 5), system.queueName)
        }
        let next = CronSystem.nextFires(of: schedule, after: SystemQueueClock().nowMilliseconds(), count: 5)
        if json {
            CronTUICommand.printLine(ScheduleOutput.json(schedule, nextFires: next, recentFires: recent))
            return
        }
        let d = schedule.definition
        var rows: [[String]] = [
            ["id:", String(schedule.id)], ["name:", d.name], ["state:", d.enabled ? "enabled" : "paused"],
            ["cron:", d.cron + "  (" + ScheduleOutput.describe(schedule) + ")"], ["time zone:", d.timeZone],
            ["queue:", d.queue ?? "\(defaultQueue) (the default queue, QUEUE_NAME: the schedule names none)"],
            ["request:", d.method + " " + schedule.displayURL],
        ]
        for header in d.headers { rows.append(["header:", header.description]) }
        if let body = ScheduleOutput.body(schedule) { rows.append(["body:", body.count > 200 ? String(body.prefix(200)) + "..." : body]) }
        rows += [
            ["timeout:", Engine.DurationText.format(milliseconds: Int64(d.timeoutMs))], ["attempts:", String(d.attempts)],
            ["backoff:", d.backoff.scheduleText], ["missed fires:", d.missed.description], ["overlap:", d.overlap.description],
            ["auto-pause:", ScheduleOutput.autoPause(schedule)], ["created:", ScheduleOutput.utc(schedule.createdAt)],
            ["updated:", ScheduleOutput.utc(schedule.updatedAt)],
        ]
        var text = ScheduleOutput.table(rows)
        text += "\nnext fires (\(d.timeZone) / UTC):"
        if !d.enabled { text += " (paused)" }
        for fire in next { text += "\n  " + ScheduleOutput.local(fire, of: schedule) + "  " + ScheduleOutput.utc(fire) }
        if !recent.isEmpty {
            text += "\nlatest fires:"
            for fire in recent {
                text += "\n  " + ScheduleOutput.utc(fire.scheduledFor) + "  " + fire.status.rawValue
                if let reason = fire.reason { text += " (\(reason.rawValue))" }
                if let job = fire.jobID { text += "  job " + job }
            }
        }
        CronTUICommand.printLine(text)
    }
}
