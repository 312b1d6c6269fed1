import Engine
import Foundation

/// Wall-clock times in UTC, without a formatter (cheap enough for every frame, and independent of
/// the machine's time zone so screens are reproducible).
enum TimeText {
    /// `14:02:31`.
    static func clock(_ date: Date) -> String {
        let (_, _, _, h, m, s) = civil(date)
        return pad(h) + ":" + pad(m) + ":" + pad(s)
    }

    /// `2025-11-29 14:02:31`: ISO order, so a date never reads two ways (no `11-29`).
    static func dateClock(_ date: Date) -> String {
        let (year, month, day, _, _, _) = civil(date)
        return "\(year)-" + pad(month) + "-" + pad(day) + " " + clock(date)
    }

    /// `2025-11-29 14:02:31 UTC`.
    static func full(_ date: Date) -> String {
        dateClock(date) + " UTC"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Year, month, day, hour, minute, second in UTC.
    private static func civil(_ date: Date) -> (Int, Int, Int, Int, Int, Int) {
        let (year, month, day, second) = CivilCalendar.civil(seconds: Int64(date.timeIntervalSince1970.rounded(.down)))
        return (year, month, day, second / 3600, (second % 3600) / 60, second % 60)
    }
}
