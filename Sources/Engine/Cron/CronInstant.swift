/// ISO-8601 instants as cron tools read and print them: `2026-03-29T00:30:00Z`,
/// `2026-03-29T02:30:00+01:00`; the time currency is whole seconds since 1970-01-01T00:00:00Z.
public enum CronInstant {
    /// Reads `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or a numeric offset (`±HH:MM`,
    /// `±HHMM` or `±HH`); nil for anything else, including a time without an offset.
    ///
    /// A fraction is dropped: fire times are whole seconds, so "strictly after 00:30:00.5" and
    /// "strictly after 00:30:00" give the same answers.
    public static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for byte in b[i..<(i + count)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            i += count
            return value
        }
        func take(_ chars: String) -> Bool {
            guard i < b.count, chars.utf8.contains(b[i]) else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), take("-"), let month = digits(2), take("-"), let day = digits(2),
            take("Tt "), let hour = digits(2), take(":"), let minute = digits(2)
        else { return nil }
        var second = 0
        if take(":") {
            guard let s = digits(2) else { return nil }
            second = s
            if take(".,") {
                let start = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > start else { return nil }
            }
        }
        guard (1...12).contains(month), (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var offset = 0
        if !take("Zz") {
            guard i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let hours = digits(2), hours < 24 else { return nil }
            var minutes = 0
            if i < b.count {
                _ = take(":")
                guard let m = digits(2), m < 60 else { return nil }
                minutes = m
            }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard i == b.count else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        return days * CivilCalendar.secondsPerDay + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
    }

    /// `YYYY-MM-DDTHH:MM:SS±HH:MM`: the wall time at `epochSeconds` in a zone whose offset then is
    /// `utcOffset` seconds east, followed by that offset (`+00:00` for UTC). An offset with seconds,
    /// as local mean time before 1900 has, is printed `±HH:MM:SS`.
    public static func format(_ epochSeconds: Int64, utcOffset: Int64) -> String {
        let local = epochSeconds + utcOffset
        let days = CivilCalendar.floorDiv(local, CivilCalendar.secondsPerDay)
        let secondOfDay = Int(local - days * CivilCalendar.secondsPerDay)
        let (year, month, day) = CivilCalendar.civil(days: days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
        text += pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        let magnitude = Int(utcOffset.magnitude)
        text += (utcOffset < 0 ? "-" : "+") + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
        if magnitude % 60 != 0 { text += ":" + pad(magnitude % 60, 2) }
        return text
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + zeros + digits
    }
}
