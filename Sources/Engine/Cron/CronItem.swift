/// One item of a field's comma list, as written (values as numbers, names already resolved).
///
/// The matcher works on bitsets; the items are kept for the human-readable description.
enum CronItem: Sendable, Hashable {
    /// `*`.
    case every
    /// `n`.
    case value(Int)
    /// `a-b`, with a < b.
    case range(Int, Int)
    /// `*/s` (start nil), `a/s` (end nil) or `a-b/s`.
    case step(start: Int?, end: Int?, by: Int)
    /// `L` in day-of-month.
    case lastDayOfMonth
    /// `LW` in day-of-month.
    case lastWeekdayOfMonth
    /// `nW` in day-of-month.
    case nearestWeekday(Int)
    /// `dL` in day-of-week: the last d-weekday of the month (d in 0-6).
    case lastWeekday(Int)
    /// `d#k` in day-of-week: the k-th d-weekday of the month (d in 0-6, k in 1-5).
    case nthWeekday(Int, Int)
}
