/// Why an execution ran.
enum Trigger: String, Sendable, Hashable {
    /// The cron schedule fired.
    case cron
    /// An operator asked for it (`r` on a schedule, or `crontui run`).
    case manual
    /// An operator reran an earlier execution.
    case rerun
    /// The engine retried a failed attempt.
    case retry
}
