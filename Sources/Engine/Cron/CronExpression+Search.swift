extension CronExpression {
    /// The last local year searched: results are printed with four-digit years.
    static let lastYear = 9999

    /// The first local wall time at or after `start` and before `limit` that matches every field, in
    /// "local seconds" (seconds since 1970-01-01T00:00 on the wall clock), or nil.
    ///
    /// It jumps field by field (next matching month, then day, hour, minute, second) and never
    /// steps through time. S8 guarantees a matching date in every 400-year window, so the search
    /// gives up after 401 years.
    func nextLocalMatch(atOrAfter start: Int64, before limit: Int64) -> Int64? {
        guard start < limit else { return nil }
        var dayNumber = CivilCalendar.floorDiv(start, CivilCalendar.secondsPerDay)
        let secondOfDay = Int(start - dayNumber * CivilCalendar.secondsPerDay)
        var (year, month, day) = CivilCalendar.civil(days: dayNumber)
        var hour = secondOfDay / 3600
        var minute = secondOfDay / 60 % 60
        var second = secondOfDay % 60
        let lastYear = min(Self.lastYear, year + 401)
        while year <= lastYear {
            if months & (1 &<< UInt64(month)) != 0 {
                let firstDay = CivilCalendar.days(year: year, month: month, day: 1)
                if firstDay * CivilCalendar.secondsPerDay >= limit { return nil }
                let length = CivilCalendar.daysInMonth(year: year, month: month)
                var candidates =
                    days.days(monthLength: length, firstWeekday: CivilCalendar.weekday(days: firstDay))
                    & (~0 &<< UInt64(day))
                while candidates != 0 {
                    let candidate = candidates.trailingZeroBitCount
                    candidates &= candidates &- 1
                    if candidate != day {
                        (day, hour, minute, second) = (candidate, 0, 0, 0)
                    }
                    dayNumber = firstDay + Int64(day - 1)
                    let dayStart = dayNumber * CivilCalendar.secondsPerDay
                    if dayStart >= limit { return nil }
                    if let time = timeOfDay(atOrAfter: hour, minute, second) {
                        let result = dayStart + Int64(time)
                        return result < limit ? result : nil
                    }
                    day = 0
                }
            }
            (day, hour, minute, second) = (1, 0, 0, 0)
            let later = months & (~0 &<< UInt64(month + 1))
            if later != 0 {
                month = later.trailingZeroBitCount
            } else {
                year += 1
                month = months.trailingZeroBitCount
            }
        }
        return nil
    }

    /// The first matching second of the day at or after `hour:minute:second`, or nil.
    @inline(__always)
    private func timeOfDay(atOrAfter hour: Int, _ minute: Int, _ second: Int) -> Int? {
        var (h, m, s) = (hour, minute, second)
        while let matchedHour = Self.firstBit(hours, atOrAfter: h) {
            if matchedHour != h { (m, s) = (0, 0) }
            h = matchedHour
            guard let matchedMinute = Self.firstBit(minutes, atOrAfter: m) else {
                (h, m, s) = (h + 1, 0, 0)
                continue
            }
            if matchedMinute != m { s = 0 }
            m = matchedMinute
            guard let matchedSecond = Self.firstBit(seconds, atOrAfter: s) else {
                (m, s) = (m + 1, 0)
                continue
            }
            return h * 3600 + m * 60 + matchedSecond
        }
        return nil
    }

    /// The lowest set bit at position `index` or above.
    @inline(__always)
    static func firstBit(_ bits: UInt64, atOrAfter index: Int) -> Int? {
        guard index < 64 else { return nil }
        let rest = bits & (~0 &<< UInt64(index))
        return rest == 0 ? nil : rest.trailingZeroBitCount
    }
}
