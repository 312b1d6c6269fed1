import Engine
import Foundation

/// One schedule, as the Schedules pane lists it.
struct ScheduleRow: Sendable, Hashable, Identifiable {
    /// The schedule's stable id (what commands name).
    var id: String
    /// The job's name as the operator wrote it (untrusted text).
    var name: String
    /// The cron expression.
    var cron: String
    /// The IANA time zone the expression is read in.
    var timeZone: String
    /// The next fire time; nil when paused or never again.
    var nextFire: Date?
    /// How the most recent execution ended; nil before the first.
    var lastStatus: ExecutionStatus?
    /// When the most recent execution started.
    var lastRun: Date?
    /// True while an operator has paused it.
    var paused: Bool
}
