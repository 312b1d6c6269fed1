import ArgumentParser
import CommandSupport
import Engine

/// The flags that set a schedule's fields, shared by `schedule add` and `schedule edit`.
struct ScheduleFieldOptions: ParsableArguments {
    @Option(help: "Unique name (not all digits).")
    var name: String?

    @Option(parsing: .unconditional, help: "Cron expression: 5 fields, 6 with seconds first, or a macro such as @daily.")
    var cron: String?

    @Option(parsing: .unconditional, help: "IANA time zone the expression is evaluated in (default UTC).")
    var tz: String?

    @Option(help: "HTTP method: GET (default), POST, PUT, PATCH, DELETE, HEAD or OPTIONS.")
    var method: String?

    @Option(parsing: .unconditional, help: "Absolute http or https URL.")
    var url: String?

    @Option(
        parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "A request header, 'Name: value' (repeatable). On edit the headers given replace them all; a secret one given as *** keeps its stored value.",
            valueName: "Name: value"))
    var header: [String] = []

    @Option(parsing: .unconditional, help: "Request body (an empty one removes it).")
    var body: String?

    // `.unconditional`: a value such as -1 is the flag's (and refused by its check), not another flag.
    @Option(parsing: .unconditional, help: "How long one attempt may take, 1ms to 1h: 500ms, 30s, 5m (default 30s).")
    var timeout: String?

    @Option(parsing: .unconditional, help: "Attempts per fire, 1-100 (default 3).")
    var attempts: String?

    @Option(help: "Delay between attempts: exponential[:base[:cap]] (default exponential:1s:5m), fixed:<delay> or none.")
    var backoff: String?

    @Option(help: "Slots missed during downtime: skip (default), run_once or run_all[:cap].")
    var missed: String?

    @Option(help: "A slot due while the previous run is unfinished: allow (default), skip or queue_one.")
    var overlap: String?

    @Option(
        name: .customLong("pause-after-failures"), parsing: .unconditional,
        help: "Pause after this many failed jobs in a row: off (default) or 1-1000.")
    var pauseAfterFailures: String?

    @Option(
        name: .customLong("job-queue"),
        help: "The queue its jobs go to (1-64 of A-Z a-z 0-9 . _ -); an empty one: the default queue, QUEUE_NAME (the default).")
    var jobQueue: String?

    /// The flag that sets the engine's field `field` (`queue` is `--job-queue`, since `--queue`
    /// names the queue every command connects to).
    static func flag(_ field: String?) -> String {
        field == "queue" ? "--job-queue" : "--" + (field ?? "schedule")
    }

    /// Refuses `--queue` without `--job-queue`: `--queue` names the default queue this command
    /// works with (QUEUE_NAME), which is easily taken for the schedule's own queue and, on an edit,
    /// would change which queue a schedule naming none is moved from.
    func refuseConnectionQueue(_ connection: ConnectionOptions) throws(UsageError) {
        guard let queue = connection.queueName, jobQueue == nil else { return }
        throw UsageError(
            "--queue: names the default queue (QUEUE_NAME), not the schedule's; put the schedule in a queue with --job-queue \(Sanitizer.line(queue, limit: 64))"
        )
    }

    /// The fields given, as the engine reads them; `headers` is nil when no `--header` was given.
    func input(clearingHeaders: Bool = false) -> ScheduleInput {
        ScheduleInput(
            name: name, cron: cron, timeZone: tz, method: method, url: url, headers: header.isEmpty ? (clearingHeaders ? [] : nil) : header,
            body: body, timeout: timeout, attempts: attempts, backoff: backoff, missed: missed, overlap: overlap,
            pauseAfterFailures: pauseAfterFailures, queue: jobQueue)
    }
}
