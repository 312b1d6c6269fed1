import ArgumentParser
import CommandSupport
import Engine

/// `crontui cron validate '<expr>' [--tz <zone>]`: check an expression and describe it.
struct CronValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a cron expression and print what it means.",
        discussion: "An invalid expression, or one that can never fire, is one line on stderr and exit code 2."
    )

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("The cron expression, quoted as one argument.", valueName: "expr"))
    var expression: [String] = []

    @Option(parsing: .unconditional, help: "An IANA time zone to name in the description.")
    var tz: String?

    func run() throws {
        let text = try CronCommand.singleExpression(expression)
        let expression = try CronCommand.expression(text)
        let description =
            try tz.map { CronSchedule(expression: expression, timeZone: try CronCommand.timeZone($0)).describe() } ?? expression.description
        CronCommand.writeStandardOutput(description + "\n")
    }
}
