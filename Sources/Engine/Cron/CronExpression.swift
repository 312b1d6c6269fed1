/// A parsed, validated cron expression (see `cron-semantics.md`): 5 fields
/// (`minute hour day-of-month month day-of-week`), 6 fields (seconds first), or a macro such as
/// `@daily`.
///
/// Creating one checks everything, including that the expression fires on some date (S8), so a
/// value of this type always has a next fire time. It is a plain value: cheap to copy and share
/// between the scheduler, the HTTP API and the dashboard.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written, without leading and trailing blanks.
    public let text: String
    /// Whether the expression has a seconds field (6 fields). Otherwise it fires at second 0.
    public let hasSecondsField: Bool
    /// Whether the minute or hour field starts with `*` (T2): such a schedule fires at every
    /// matching wall time that happens, twice in a repeated hour and never in a skipped one; a
    /// fixed-time schedule fires once per matching wall time and at the jump when that time is
    /// skipped.
    public let isIntervalLike: Bool

    let seconds: UInt64
    let minutes: UInt64
    let hours: UInt64
    /// Bits 1-12.
    let months: UInt64
    let days: CronDayRule
    /// The items of each field, indexed by `CronField.rawValue`, for the description.
    let items: [[CronItem]]

    /// A human-readable description without the time zone, e.g. `at 02:30 every day`.
    public var description: String {
        CronDescription.describe(self)
    }
}

extension CronExpression {
    /// Parses and validates `text`.
    ///
    /// - Throws: ``CronError`` naming the field and the offending token, or `never fires` when no
    ///   date in any year matches.
    public init(_ text: String) throws(CronError) {
        self = try CronParser.parse(text)
    }
}
