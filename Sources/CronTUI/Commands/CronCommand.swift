import ArgumentParser
import CommandSupport
import Engine

#if canImport(Glibc)
    import Glibc
#endif

/// `crontui cron next|validate`: evaluate cron expressions.
struct CronCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cron",
        abstract: "Check cron expressions and list their next fire times.",
        subcommands: [CronNextCommand.self, CronValidateCommand.self]
    )

    /// The one expression argument. It is collected with `.allUnrecognized` so that an expression
    /// starting with `-` reaches the cron parser (and gets its field-naming error) instead of being
    /// taken for an option.
    static func singleExpression(_ arguments: [String]) throws(UsageError) -> String {
        if arguments.count == 1 { return arguments[0] }
        if let option = arguments.first(where: { $0.hasPrefix("--") }) {
            throw UsageError("unknown option '\(option)'")
        }
        if arguments.isEmpty { throw UsageError("missing the cron expression (quote it as one argument)") }
        throw UsageError("expected one cron expression, got \(arguments.count) arguments (quote the expression)")
    }

    /// The parsed expression, or its one-line error (which names the cron field at fault).
    static func expression(_ text: String) throws(UsageError) -> CronExpression {
        do {
            return try CronExpression(text)
        } catch {
            throw UsageError(error.description)
        }
    }

    /// The `--tz` zone, or an error naming `--tz`.
    static func timeZone(_ identifier: String) throws(UsageError) -> CronTimeZone {
        do {
            return try CronTimeZone(identifier: identifier)
        } catch {
            throw UsageError("--tz: " + error.description)
        }
    }

    /// Writes all of `text` to stdout at once.
    static func writeStandardOutput(_ text: String) {
        var bytes = Array(Sanitizer.text(text).utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
