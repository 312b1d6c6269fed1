/// How a schedule is doing, worst first: the Schedules pane sorts and colours its rows by it.
enum ScheduleHealth: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// Its latest attempt failed, timed out or is being retried, or its jobs fail in a row.
    case failing
    /// A slot went by without an attempt.
    case late
    /// An operator (or too many failures) paused it.
    case paused
    case ok

    static func < (a: ScheduleHealth, b: ScheduleHealth) -> Bool { a.rawValue < b.rawValue }
}
