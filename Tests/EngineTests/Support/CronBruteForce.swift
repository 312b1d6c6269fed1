import Foundation

@testable import Engine

#if canImport(Glibc)
    import Glibc
#endif

/// A slow, obviously right evaluator of the fire-time rules, to check the fast search against.
///
/// It shares nothing with the engine's search but the parsed items: offsets come from Foundation's
/// `TimeZone`, wall times from `gmtime_r`, day rules are tested one date at a time exactly as the
/// specification words them, and the DST rules are applied by stepping second- or minute-wise over
/// UTC instants.
struct CronBruteForce {
    let expression: CronExpression
    let zone: TimeZone
    private let sets: [Set<Int>]
    private let intervalLike: Bool
    private let dayOfMonthRestricted: Bool
    private let dayOfWeekRestricted: Bool

    init(_ expression: CronExpression, zone identifier: String) {
        self.expression = expression
        self.zone = TimeZone(identifier: identifier)!
        sets = CronField.allCases.map { field in
            Self.values(
                expression.items[field.rawValue], low: field.minimum, high: field == .dayOfWeek ? 6 : field.maximum)
        }
        // T2 and S5 straight from the text: which fields start with `*`.
        var fields = expression.text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let macro = CronParser.macros[expression.text.lowercased()] {
            fields = macro.split(separator: " ").map(String.init)
        }
        if fields.count == 5 { fields.insert("0", at: 0) }
        intervalLike = fields[1].hasPrefix("*") || fields[2].hasPrefix("*")
        dayOfMonthRestricted = !fields[3].hasPrefix("*")
        dayOfWeekRestricted = !fields[5].hasPrefix("*")
    }

    /// The plain values of a field's items (day-of-week 7 folded to 0).
    private static func values(_ items: [CronItem], low: Int, high: Int) -> Set<Int> {
        var result = Set<Int>()
        for item in items {
            switch item {
            case .every: result.formUnion(low...high)
            case .value(let v): result.insert(v)
            case .range(let a, let b): result.formUnion(a...b)
            case .step(let start, let end, let by):
                let first = start ?? low
                result.formUnion(stride(from: first, through: end ?? max(first, high), by: by))
            default: break
            }
        }
        if high == 6 && result.remove(7) != nil { result.insert(0) }
        return result
    }

    func offset(at t: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
    }

    struct Wall {
        var year, month, day, hour, minute, second, weekday: Int
    }

    static func wall(_ local: Int64) -> Wall {
        var time = time_t(local)
        var parts = tm()
        gmtime_r(&time, &parts)
        return Wall(
            year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
            hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec), weekday: Int(parts.tm_wday))
    }

    /// Whether the wall time `local` (seconds since 1970-01-01T00:00 on the wall clock) matches.
    func matches(_ local: Int64) -> Bool {
        let w = Self.wall(local)
        guard sets[0].contains(w.second), sets[1].contains(w.minute), sets[2].contains(w.hour),
            sets[4].contains(w.month)
        else { return false }
        let length = [
            31, w.year % 4 == 0 && (w.year % 100 != 0 || w.year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31,
            30, 31,
        ][w.month - 1]
        let weekdayOf = { (day: Int) in ((w.weekday - (w.day - day)) % 7 + 7) % 7 }
        var dom = sets[3].contains(w.day)
        var dow = sets[5].contains(w.weekday)
        for item in expression.items[CronField.dayOfMonth.rawValue] {
            switch item {
            case .lastDayOfMonth: dom = dom || w.day == length
            case .lastWeekdayOfMonth:
                var last = length
                while weekdayOf(last) == 0 || weekdayOf(last) == 6 { last -= 1 }
                dom = dom || w.day == last
            case .nearestWeekday(let n) where n <= length:
                var target = n
                if weekdayOf(n) == 6 { target = n == 1 ? 3 : n - 1 }
                if weekdayOf(n) == 0 { target = n == length ? n - 2 : n + 1 }
                dom = dom || w.day == target
            default: break
            }
        }
        for item in expression.items[CronField.dayOfWeek.rawValue] {
            switch item {
            case .lastWeekday(let d): dow = dow || (w.weekday == d && w.day + 7 > length)
            case .nthWeekday(let d, let k): dow = dow || (w.weekday == d && (w.day - 1) / 7 + 1 == k)
            default: break
            }
        }
        return dayOfMonthRestricted && dayOfWeekRestricted ? dom || dow : dom && dow
    }

    /// Every fire instant in `(from, through]`, ascending.
    func fires(after from: Int64, through end: Int64) -> [Int64] {
        let step: Int64 = expression.hasSecondsField ? 1 : 60
        // The offsets in use around the window: a wall time was "shown before" at local - o for one of them.
        var offsetsInUse = Set<Int64>()
        for t in stride(from: from - 2 * 86_400, through: end + 86_400, by: 900) { offsetsInUse.insert(offset(at: t)) }
        var fires = Set<Int64>()
        var t = (from + 1 + step - 1) / step * step
        while t <= end {
            let offset = offset(at: t)
            let local = t + offset
            if intervalLike {
                if matches(local) { fires.insert(t) }
            } else {
                // T3: the clock jumped forward at t; fire at t if any skipped wall time matches.
                let before = self.offset(at: t - 1)
                if before < offset {
                    var skipped = t + before
                    while skipped < t + offset {
                        if matches(skipped) {
                            fires.insert(t)
                            break
                        }
                        skipped += step
                    }
                }
                // T4: only the first occurrence of a wall time.
                let shownBefore = offsetsInUse.contains { o in o > offset && self.offset(at: local - o) == o }
                if matches(local) && !shownBefore { fires.insert(t) }
            }
            t += step
        }
        return fires.sorted()
    }
}
