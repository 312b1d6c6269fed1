/// English text for a ``CronExpression``, e.g. `at 02:30 every day` or
/// `every 15 minutes during hours 9 through 17 on Monday through Friday`.
///
/// Built from the items as written, so it reads like the expression: `1-5` stays a range, `*/15` a
/// step. The wording is for people, not a format to parse.
enum CronDescription {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func describe(_ expression: CronExpression) -> String {
        let items = expression.items
        let (time, isClockTime) = timePhrase(items, hasSeconds: expression.hasSecondsField)
        var day = dayPhrase(items[CronField.dayOfMonth.rawValue], items[CronField.dayOfWeek.rawValue])
        // "every day" reads well after a clock time ("at 02:30 every day"), not after "every 15 minutes".
        if day == "every day" && !isClockTime { day = "" }
        let parts = [time, day, monthPhrase(items[CronField.month.rawValue])]
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    // MARK: - Time of day

    /// The time-of-day phrase, and whether it is a list of clock times such as `at 02:30`.
    private static func timePhrase(_ items: [[CronItem]], hasSeconds: Bool) -> (String, Bool) {
        let seconds = items[CronField.second.rawValue]
        let minutes = items[CronField.minute.rawValue]
        let hours = items[CronField.hour.rawValue]
        if let times = clockTimes(seconds: seconds, minutes: minutes, hours: hours) {
            return ("at " + list(times, conjunction: "and"), true)
        }
        var parts: [String] = []
        let plainSeconds = !hasSeconds || seconds == [.value(0)]
        if !plainSeconds {
            parts.append(unitPhrase(seconds, unit: "second"))
        }
        let everySecond =
            seconds == [.every] || seconds.allSatisfy { if case .step(nil, nil, _) = $0 { true } else { false } }
        if !(minutes == [.every] && !plainSeconds && everySecond) {
            parts.append(unitPhrase(minutes, unit: "minute"))
        }
        if hours != [.every] {
            parts.append("during " + hourList(hours))
        } else if minutes.allSatisfy(isValueOrRange) {
            parts.append("of every hour")
        }
        return (parts.joined(separator: " "), false)
    }

    /// `02:30`, `02:00 and 02:30`: when seconds, minutes and hours are a handful of plain values.
    private static func clockTimes(seconds: [CronItem], minutes: [CronItem], hours: [CronItem]) -> [String]? {
        guard seconds.count == 1, case .value(let second) = seconds[0] else { return nil }
        let minuteValues = minutes.compactMap { if case .value(let v) = $0 { v } else { nil } }
        let hourValues = hours.compactMap { if case .value(let v) = $0 { v } else { nil } }
        guard minuteValues.count == minutes.count, hourValues.count == hours.count,
            minuteValues.count * hourValues.count <= 6
        else { return nil }
        var times: [String] = []
        for hour in Set(hourValues).sorted() {
            for minute in Set(minuteValues).sorted() {
                var time = twoDigits(hour) + ":" + twoDigits(minute)
                if second != 0 { time += ":" + twoDigits(second) }
                times.append(time)
            }
        }
        return times
    }

    /// `every minute`, `every 15 minutes`, `at minute 30`, `at minutes 0 and 30`,
    /// `at minutes 0 through 10 and every 20th minute from 30`.
    private static func unitPhrase(_ items: [CronItem], unit: String) -> String {
        if items == [.every] { return "every \(unit)" }
        if items.count == 1, case .step(nil, nil, let by) = items[0] {
            return by == 1 ? "every \(unit)" : "every \(by) \(unit)s"
        }
        let plural = items.count > 1 || items.contains { if case .value = $0 { false } else { true } }
        return "at \(unit)\(plural ? "s" : "") "
            + list(items.map { itemText($0, unit: unit, name: String.init) }, conjunction: "and")
    }

    private static func hourList(_ hours: [CronItem]) -> String {
        if hours.count == 1, case .step(nil, nil, let by) = hours[0] {
            return "every \(ordinal(by)) hour"
        }
        let plural = hours.count > 1 || hours.contains { if case .value = $0 { false } else { true } }
        return "hour\(plural ? "s" : "") "
            + list(hours.map { itemText($0, unit: "hour", name: String.init) }, conjunction: "and")
    }

    // MARK: - Days and months

    private static func dayPhrase(_ daysOfMonth: [CronItem], _ daysOfWeek: [CronItem]) -> String {
        let domEvery = daysOfMonth == [.every]
        let dowEvery = daysOfWeek == [.every]
        if domEvery && dowEvery { return "every day" }
        let dom = list(daysOfMonth.map(dayOfMonthText), conjunction: "and") + " of the month"
        if dowEvery { return "on " + dom }
        if domEvery { return "on " + weekdayList(daysOfWeek, conjunction: "and") }
        let domRestricted = !daysOfMonth.isStarLike
        let dowRestricted = !daysOfWeek.isStarLike
        if domRestricted && dowRestricted {
            return "on \(dom) or on \(weekdayList(daysOfWeek, conjunction: "and"))"
        }
        return "on \(dom) if it is \(weekdayList(daysOfWeek, conjunction: "or"))"
    }

    private static func dayOfMonthText(_ item: CronItem) -> String {
        switch item {
        case .lastDayOfMonth: return "the last day"
        case .lastWeekdayOfMonth: return "the last weekday"
        case .nearestWeekday(let n): return "the weekday nearest day \(n)"
        case .value(let n): return "day \(n)"
        case .range(let a, let b): return "days \(a) through \(b)"
        default: return itemText(item, unit: "day", name: String.init)
        }
    }

    private static func weekdayList(_ items: [CronItem], conjunction: String) -> String {
        let name = { (value: Int) in weekdayNames[value % 7] }
        let texts = items.flatMap { item -> [String] in
            switch item {
            case .lastWeekday(let d): return ["the last \(name(d)) of the month"]
            case .nthWeekday(let d, let k):
                return ["the \(["first", "second", "third", "fourth", "fifth"][k - 1]) \(name(d)) of the month"]
            case .step(let start, let end, let by):
                return Array(stride(from: start ?? 0, through: end ?? max(start ?? 0, 6), by: by)).map(name)
            default: return [itemText(item, unit: "day", name: name)]
            }
        }
        return list(texts, conjunction: conjunction)
    }

    private static func monthPhrase(_ items: [CronItem]) -> String {
        if items == [.every] { return "" }
        return "in " + list(items.map { itemText($0, unit: "month") { monthNames[$0 - 1] } }, conjunction: "and")
    }

    // MARK: - Pieces

    private static func itemText(_ item: CronItem, unit: String, name: (Int) -> String) -> String {
        switch item {
        case .every: return "every \(unit)"
        case .value(let v): return name(v)
        case .range(let a, let b): return "\(name(a)) through \(name(b))"
        case .step(let start, let end, let by):
            var text = "every \(ordinal(by)) \(unit)"
            if let start { text += " from \(name(start))" }
            if let end { text += " through \(name(end))" }
            return text
        case .lastDayOfMonth, .lastWeekdayOfMonth, .nearestWeekday, .lastWeekday, .nthWeekday:
            return ""
        }
    }

    private static func isValueOrRange(_ item: CronItem) -> Bool {
        switch item {
        case .value, .range: return true
        default: return false
        }
    }

    /// `a`, `a and b`, `a, b and c`; each text once.
    private static func list(_ texts: [String], conjunction: String) -> String {
        var seen = Set<String>()
        let texts = texts.filter { seen.insert($0).inserted }
        guard texts.count > 1 else { return texts.first ?? "" }
        return texts.dropLast().joined(separator: ", ") + " \(conjunction) " + texts[texts.count - 1]
    }

    private static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    static func twoDigits(_ n: Int) -> String {
        n < 10 ? "0\(n)" : "\(n)"
    }
}

extension [CronItem] {
    /// Whether the field was written starting with `*` (`*` or `*/n`): unrestricted for S5.
    fileprivate var isStarLike: Bool {
        switch first {
        case .every?, .step(nil, _, _)?: return true
        default: return false
        }
    }
}
