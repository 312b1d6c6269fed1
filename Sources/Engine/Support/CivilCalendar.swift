/// Proleptic Gregorian calendar arithmetic on whole days, without Foundation: the one civil-date
/// routine of cron's next-fire search, PostgreSQL's timestamp text, the API's RFC 3339 instants and
/// the dashboard's clock.
///
/// `Calendar` and `TimeZone` cost microseconds per call; next-fire computation needs a few of these
/// per query, so they are integer formulas (Howard Hinnant's `days_from_civil`/`civil_from_days`).
/// Day 0 is 1970-01-01, a Thursday; weekdays count from Sunday = 0.
package enum CivilCalendar {
    /// Seconds in a civil day (leap seconds aside, as everywhere in Unix time).
    package static let secondsPerDay: Int64 = 86_400
    /// Days in 400 Gregorian years: the calendar (and every yearly DST rule) repeats after it.
    package static let daysPer400Years: Int64 = 146_097

    /// Days since 1970-01-01 of `year-month-day` (month 1-12).
    @inline(__always)
    package static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * daysPer400Years + dayOfEra - 719_468
    }

    /// The civil date of a day number.
    @inline(__always)
    package static func civil(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / daysPer400Years
        let dayOfEra = z - era * daysPer400Years
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// The civil date and the second of that day (0-86399) of `seconds` after the Unix epoch.
    @inline(__always)
    package static func civil(seconds: Int64) -> (year: Int, month: Int, day: Int, secondOfDay: Int) {
        let days = floorDiv(seconds, secondsPerDay)
        let (year, month, day) = civil(days: days)
        return (year, month, day, Int(seconds - days * secondsPerDay))
    }

    /// Weekday of a day number: 0 = Sunday ... 6 = Saturday.
    @inline(__always)
    package static func weekday(days: Int64) -> Int {
        Int(floorMod(days + 4, 7))
    }

    /// True for a leap year of the proleptic Gregorian calendar.
    @inline(__always)
    package static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days of `month` (1-12) in `year`.
    @inline(__always)
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `a / b` rounded towards negative infinity.
    @inline(__always)
    package static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// `a mod b` with the sign of `b`.
    @inline(__always)
    package static func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
        a - floorDiv(a, b) * b
    }
}
