/// Which days of a month match: day-of-month and day-of-week combined by the Vixie rule (S5).
///
/// Everything is a bitset; ``days(monthLength:firstWeekday:)`` turns the rule into the set of
/// matching days of one month (bit n = day n), which is all the next-fire search needs.
struct CronDayRule: Sendable, Hashable {
    /// Plain day-of-month values, bits 1-31.
    var daysOfMonth: UInt64 = 0
    /// `L`.
    var lastDay = false
    /// `LW`.
    var lastWeekdayOfMonth = false
    /// `nW`, bit n.
    var nearestWeekdays: UInt64 = 0
    /// Plain day-of-week values, bits 0-6 (Sunday = 0).
    var weekdays: UInt64 = 0
    /// `dL`, bit d.
    var lastWeekdays: UInt64 = 0
    /// `d#k`, bit (k - 1) * 7 + d.
    var nthWeekdays: UInt64 = 0
    /// Whether the day-of-month text does not start with `*`.
    var dayOfMonthRestricted = false
    /// Whether the day-of-week text does not start with `*`.
    var dayOfWeekRestricted = false

    /// Days 1...length as bits.
    @inline(__always)
    static func monthBits(_ length: Int) -> UInt64 {
        ((1 &<< UInt64(length + 1)) &- 1) & ~1
    }

    /// The matching days of a month with `monthLength` days whose 1st is on `firstWeekday`.
    @inline(__always)
    func days(monthLength length: Int, firstWeekday first: Int) -> UInt64 {
        let all = Self.monthBits(length)
        var dom = daysOfMonth & all
        if lastDay { dom |= 1 &<< UInt64(length) }
        if lastWeekdayOfMonth || nearestWeekdays != 0 {
            dom |= specialDaysOfMonth(length: length, first: first, all: all)
        }
        var dow: UInt64 = 0
        if weekdays != 0 {
            // Bit j of `week` says whether day j + 1 has a matching weekday; it repeats every 7 days.
            let w = UInt64(first)
            let week = ((weekdays &>> w) | (weekdays &<< (7 &- w))) & 0x7F
            dow = ((week | week &<< 7 | week &<< 14 | week &<< 21 | week &<< 28) &<< 1) & all
        }
        if lastWeekdays != 0 || nthWeekdays != 0 {
            dow |= specialDaysOfWeek(length: length, first: first)
        }
        return dayOfMonthRestricted && dayOfWeekRestricted ? dom | dow : dom & dow
    }

    /// `LW` and `nW` for one month.
    private func specialDaysOfMonth(length: Int, first: Int, all: UInt64) -> UInt64 {
        var result: UInt64 = 0
        if lastWeekdayOfMonth {
            switch (first + length - 1) % 7 {
            case 6: result |= 1 &<< UInt64(length - 1)
            case 0: result |= 1 &<< UInt64(length - 2)
            default: result |= 1 &<< UInt64(length)
            }
        }
        var nearest = nearestWeekdays & all
        while nearest != 0 {
            let n = nearest.trailingZeroBitCount
            nearest &= nearest &- 1
            let day: Int
            switch (first + n - 1) % 7 {
            case 6: day = n == 1 ? 3 : n - 1
            case 0: day = n == length ? n - 2 : n + 1
            default: day = n
            }
            result |= 1 &<< UInt64(day)
        }
        return result
    }

    /// `dL` and `d#k` for one month.
    private func specialDaysOfWeek(length: Int, first: Int) -> UInt64 {
        var result: UInt64 = 0
        var last = lastWeekdays
        let lastWeekday = (first + length - 1) % 7
        while last != 0 {
            let d = last.trailingZeroBitCount
            last &= last &- 1
            result |= 1 &<< UInt64(length - (lastWeekday - d + 7) % 7)
        }
        var nth = nthWeekdays
        while nth != 0 {
            let bit = nth.trailingZeroBitCount
            nth &= nth &- 1
            let d = bit % 7
            let day = 1 + (d - first + 7) % 7 + 7 * (bit / 7)
            if day <= length { result |= 1 &<< UInt64(day) }
        }
        return result
    }

    /// Whether the rule matches some day of `month` in some year (false means S8: never fires).
    /// Every combination of month length and weekday of the 1st occurs within 400 years.
    func canMatch(month: Int) -> Bool {
        let lengths = month == 2 ? [28, 29] : [CivilCalendar.daysInMonth(year: 2001, month: month)]
        for length in lengths {
            for first in 0..<7 where days(monthLength: length, firstWeekday: first) != 0 {
                return true
            }
        }
        return false
    }
}
