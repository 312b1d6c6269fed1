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

    /// What to send instead of a key that a schedule's JSON has but a body may not: the keys the
    /// server keeps, and `timeout_ms`, whose input is `timeout`.
    public static let hints: [String: String] = {
        var hints = ["timeout_ms": "send timeout, a duration such as 10s or 10000ms"]
        for key in ["id", "consecutive_failures", "created_at", "updated_at", "next_fire_at"] {
            hints[key] = "it is kept by the server: leave it out of the body"
        }
        return hints
    }()
}
