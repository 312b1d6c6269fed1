import Foundation

/// Wall-clock times in UTC, without a formatter (cheap enough for every frame, and independent of
/// the machine's time zone so screens are reproducible).
enum TimeText {
    /// `14:02:31`.
    static func clock(_ date: Date) -> String {
        let (_, _, _, h, m, s) = civil(date)
        return pad(h) + ":" + pad(m) + ":" + pad(s)
    }

    /// `11-29 14:02:31`.
    static func monthDayClock(_ date: Date) -> String {
        let (_, month, day, _, _, _) = civil(date)
        return pad(month) + "-" + pad(day) + " " + clock(date)
    }

    /// `2025-11-29 14:02:31 UTC`.
    static func full(_ date: Date) -> String {
        let (year, month, day, _, _, _) = civil(date)
        return "\(year)-" + pad(month) + "-" + pad(day) + " " + clock(date) + " UTC"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Year, month, day, hour, minute, second in UTC (days-from-civil, inverted).
    private static func civil(_ date: Date) -> (Int, Int, Int, Int, Int, Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var secs = total % 86_400
        if secs < 0 {
            secs += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secs / 3600, (secs % 3600) / 60, secs % 60)
    }
}
