import ArgumentParser
import Engine

/// `crontui cron next|validate`: evaluate cron expressions.
struct CronCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cron",
        abstract: "Check cron expressions and list their next fire times.",
        subcommands: []
    )
}
