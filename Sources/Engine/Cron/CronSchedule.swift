/// A cron expression evaluated in a time zone: what a schedule's "when" is.
///
/// Fire times follow the cronie DST rules of `cron-semantics.md` (T1-T6); see
/// ``nextFire(after:)``.
public struct CronSchedule: Sendable, Hashable {
    /// The validated expression.
    public let expression: CronExpression
    /// The zone whose wall clock the expression is matched against.
    public let timeZone: CronTimeZone

    /// Pairs an expression with a zone.
    public init(expression: CronExpression, timeZone: CronTimeZone) {
        self.expression = expression
        self.timeZone = timeZone
    }

    /// Parses `text` and loads the zone named `timeZone`.
    ///
    /// - Throws: ``CronError`` for an invalid or never-firing expression or an unknown zone.
    public init(_ text: String, timeZone identifier: String = "UTC") throws(CronError) {
        let expression = try CronExpression(text)
        self.init(expression: expression, timeZone: try CronTimeZone(identifier: identifier))
    }

    /// The description with the zone, e.g. `at 02:30 every day, Europe/Berlin`.
    public func describe() -> String {
        "\(expression.description), \(timeZone.identifier)"
    }
}
