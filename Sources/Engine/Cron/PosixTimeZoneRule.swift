/// The POSIX `TZ` rule in a TZif footer, e.g. `CET-1CEST,M3.5.0,M10.5.0/3`: the offsets and
/// yearly transitions that hold after the last transition of the file's table.
///
/// Only UTC offsets matter here; abbreviations are skipped.
struct PosixTimeZoneRule: Sendable {
    /// A yearly transition date: `Jn`, `n` or `Mm.w.d`, plus the local time of day it happens at.
    struct DateRule: Sendable {
        enum Kind: Sendable {
            /// `Jn`: day 1-365, February 29 never counted.
            case julian(Int)
            /// `n`: day 0-365, February 29 counted.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday d (0 = Sunday) of week w (1-5, 5 = last) of month m.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }
        var kind: Kind
        /// Seconds after local midnight, in the offset in force before the transition (may be negative
        /// or beyond 24 h).
        var time: Int64

        /// Days since 1970-01-01 of the transition's local date in `year`.
        func days(in year: Int) -> Int64 {
            let jan1 = CivilCalendar.days(year: year, month: 1, day: 1)
            switch kind {
            case .julian(let n):
                return jan1 + Int64(n - 1) + (CivilCalendar.isLeapYear(year) && n >= 60 ? 1 : 0)
            case .zeroBased(let n):
                return jan1 + Int64(n)
            case .monthWeekDay(let month, let week, let weekday):
                let first = CivilCalendar.days(year: year, month: month, day: 1)
                var day = 1 + (weekday - CivilCalendar.weekday(days: first) + 7) % 7 + 7 * (week - 1)
                let length = CivilCalendar.daysInMonth(year: year, month: month)
                while day > length { day -= 7 }
                return first + Int64(day - 1)
            }
        }
    }

    /// Seconds east of UTC in standard time.
    var standardOffset: Int64
    /// Seconds east of UTC in daylight time, with its start and end rules; nil when there is no DST.
    var daylight: (offset: Int64, start: DateRule, end: DateRule)?

    /// The transitions of `year` as (UTC instant, offset after), in time order.
    func transitions(in year: Int) -> [(at: Int64, offset: Int64)] {
        guard let daylight else { return [] }
        let start = daylight.start.days(in: year) * CivilCalendar.secondsPerDay + daylight.start.time - standardOffset
        let end = daylight.end.days(in: year) * CivilCalendar.secondsPerDay + daylight.end.time - daylight.offset
        let pair = [(at: start, offset: daylight.offset), (at: end, offset: standardOffset)]
        return start <= end ? pair : pair.reversed()
    }

    /// Parses a footer such as `<+1030>-10:30<+11>-11,M10.1.0,M4.1.0`; nil when it is not valid.
    init?(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        guard scanner.skipName(), let std = scanner.offset() else { return nil }
        standardOffset = -std
        if scanner.atEnd {
            daylight = nil
            return
        }
        guard scanner.skipName() else { return nil }
        var dstOffset = standardOffset + 3600
        if let explicit = scanner.offset() { dstOffset = -explicit }
        var start = DateRule(kind: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
        var end = DateRule(kind: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
        if scanner.take(UInt8(ascii: ",")) {
            guard let s = scanner.dateRule(), scanner.take(UInt8(ascii: ",")), let e = scanner.dateRule() else {
                return nil
            }
            start = s
            end = e
        }
        guard scanner.atEnd else { return nil }
        daylight = (dstOffset, start, end)
    }

    /// A cursor over the footer's bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// `<...>` or three or more letters.
        mutating func skipName() -> Bool {
            if take(UInt8(ascii: "<")) {
                while let b = peek, b != UInt8(ascii: ">") { index += 1 }
                return take(UInt8(ascii: ">"))
            }
            let start = index
            while let b = peek, (b | 0x20) >= UInt8(ascii: "a"), (b | 0x20) <= UInt8(ascii: "z") { index += 1 }
            return index - start >= 3
        }

        mutating func number() -> Int64? {
            var value: Int64 = 0
            var digits = 0
            while let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), digits < 6 {
                value = value * 10 + Int64(b - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            return digits == 0 ? nil : value
        }

        /// `[+-]hh[:mm[:ss]]` in seconds, sign as written (POSIX offsets are west-positive).
        mutating func offset() -> Int64? {
            var sign: Int64 = 1
            if take(UInt8(ascii: "-")) {
                sign = -1
            } else {
                _ = take(UInt8(ascii: "+"))
            }
            guard let hours = number() else { return nil }
            var seconds = hours * 3600
            if take(UInt8(ascii: ":")) {
                guard let minutes = number() else { return nil }
                seconds += minutes * 60
                if take(UInt8(ascii: ":")) {
                    guard let s = number() else { return nil }
                    seconds += s
                }
            }
            return sign * seconds
        }

        mutating func dateRule() -> DateRule? {
            let kind: DateRule.Kind
            if take(UInt8(ascii: "J")) {
                guard let n = number(), (1...365).contains(n) else { return nil }
                kind = .julian(Int(n))
            } else if take(UInt8(ascii: "M")) {
                guard let m = number(), take(UInt8(ascii: ".")), let w = number(), take(UInt8(ascii: ".")),
                    let d = number(), (1...12).contains(m), (1...5).contains(w), (0...6).contains(d)
                else { return nil }
                kind = .monthWeekDay(month: Int(m), week: Int(w), weekday: Int(d))
            } else {
                guard let n = number(), (0...365).contains(n) else { return nil }
                kind = .zeroBased(Int(n))
            }
            var time: Int64 = 7200
            if take(UInt8(ascii: "/")) {
                guard let t = offset() else { return nil }
                time = t
            }
            return DateRule(kind: kind, time: time)
        }
    }
}
