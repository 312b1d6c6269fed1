import Engine

/// A schedule's fields as a JSON body gives them, each nil when not given: the engine's
/// ``ScheduleInput``, the same text forms as the `schedule add|edit` flags, so the same validators
/// check them (a JSON number for `timeout` or `attempts` arrives as its text).
public typealias ScheduleFields = ScheduleInput

extension ScheduleInput {
    /// The JSON keys a body may hold, in the order the flags are checked.
    public static let keys = [
        "name", "cron", "tz", "method", "url", "headers", "body", "timeout", "attempts", "backoff", "missed", "overlap",
        "pause_after_failures", "queue", "enabled",
    ]
}
