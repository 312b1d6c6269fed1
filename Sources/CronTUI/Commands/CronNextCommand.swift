import ArgumentParser
import CommandSupport
import Engine

/// `crontui cron next '<expr>' --from <instant> --count <N> [--tz <zone>]`: the next fire times.
struct CronNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Print the next fire times of a cron expression, strictly after --from.",
        discussion: """
            Each line is local wall time in --tz followed by that zone's UTC offset at the instant, \
            e.g. 2026-03-29T03:00:00+02:00. Daylight-saving changes follow cronie's rules.
            """
    )

    /// The largest --count accepted; more is a mistake, not a query.
    static let maximumCount = 10_000

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("The cron expression, quoted as one argument.", valueName: "expr"))
    var expression: [String] = []

    @Option(help: "An ISO-8601 instant with Z or an offset, e.g. 2026-03-29T00:30:00Z.")
    var from: String

    @Option(parsing: .unconditional, help: "How many fire times to print (1-\(maximumCount)).")
    var count: String

    @Option(parsing: .unconditional, help: "The IANA time zone to evaluate in.")
    var tz: String = "UTC"

    func run() throws {
        let text = try CronCommand.singleExpression(expression)
        let schedule = CronSchedule(expression: try CronCommand.expression(text), timeZone: try CronCommand.timeZone(tz))
        guard let start = CronInstant.parse(from) else {
            throw UsageError(
                "--from: expected an ISO-8601 instant with Z or an offset, like 2026-03-29T00:30:00Z, got '\(from)'")
        }
        guard let n = Int(count), (1...Self.maximumCount).contains(n) else {
            throw UsageError("--count: expected a whole number from 1 to \(Self.maximumCount), got '\(count)'")
        }
        let fires = schedule.nextFires(after: start, count: n)
        var output = ""
        for fire in fires {
            output += schedule.timeZone.iso8601(fire)
            output += "\n"
        }
        CronCommand.writeStandardOutput(output)
        // Fewer than asked only where the calendar ends (the year 9999): say so, off stdout.
        if fires.count < n {
            CronTUICommand.printNote(
                "\(fires.count) of \(n) fire times: none comes after \(fires.last.map(schedule.timeZone.iso8601) ?? from) before the year 10000")
        }
    }
}
