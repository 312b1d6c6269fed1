/// The fields of a cron expression, in the order of a 6-field expression.
public enum CronField: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Seconds (0-59); only present in 6-field expressions, where it comes first.
    case second
    /// Minutes (0-59).
    case minute
    /// Hours (0-23).
    case hour
    /// Day of the month (1-31); also `L`, `LW` and `nW`.
    case dayOfMonth
    /// Month (1-12 or `JAN`-`DEC`).
    case month
    /// Day of the week (0-7, 0 and 7 both Sunday, or `SUN`-`SAT`); also `dL` and `d#k`.
    case dayOfWeek

    /// The name used in error messages: `minute`, `day-of-month`, ...
    public var description: String {
        switch self {
        case .second: return "second"
        case .minute: return "minute"
        case .hour: return "hour"
        case .dayOfMonth: return "day-of-month"
        case .month: return "month"
        case .dayOfWeek: return "day-of-week"
        }
    }

    /// The smallest value a number may take.
    var minimum: Int {
        switch self {
        case .dayOfMonth, .month: return 1
        default: return 0
        }
    }

    /// The largest value a number may take (7 for day-of-week, where 7 is Sunday again).
    var maximum: Int {
        switch self {
        case .second, .minute: return 59
        case .hour: return 23
        case .dayOfMonth: return 31
        case .month: return 12
        case .dayOfWeek: return 7
        }
    }

    /// Where `*` and an open-ended step `a/s` stop: 6 for day-of-week, otherwise ``maximum``.
    var stepLimit: Int { self == .dayOfWeek ? 6 : maximum }

    /// The largest step allowed (the field's width): 60, 60, 24, 31, 12, 7.
    var width: Int { stepLimit - minimum + 1 }

    /// Three-letter names (case-insensitive) and their values, for month and day-of-week only.
    var names: [String] {
        switch self {
        case .month: return Self.monthNames
        case .dayOfWeek: return Self.weekdayNames
        default: return []
        }
    }

    private static let monthNames = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ]
    private static let weekdayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// Value of the first name in ``names``.
    var firstNameValue: Int { self == .month ? 1 : 0 }
}
