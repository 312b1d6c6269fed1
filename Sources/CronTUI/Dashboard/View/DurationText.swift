import Foundation

/// Durations and relative times in the few characters a column has.
enum DurationText {
    /// `250ms`, `2s`, `1m`: a refresh interval.
    static func interval(_ duration: Duration) -> String {
        let ms = milliseconds(duration)
        if ms < 1000 { return "\(ms)ms" }
        if ms % 60_000 == 0 { return "\(ms / 60_000)m" }
        if ms % 1000 == 0 { return "\(ms / 1000)s" }
        return String(format: "%.1fs", Double(ms) / 1000)
    }

    /// `340ms`, `1.2s`, `42s`, `2m13s`, `1h02m`, `3d4h`: how long something took.
    static func short(_ duration: Duration) -> String {
        let ms = milliseconds(duration)
        if ms < 1000 { return "\(max(0, ms))ms" }
        if ms < 10_000 { return String(format: "%.1fs", Double(ms) / 1000) }
        return coarse(seconds: ms / 1000)
    }

    /// `42s`, `2m13s`, `1h02m`, `3d4h`: whole seconds, coarsely.
    static func coarse(seconds: Int64) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        if s < 86_400 { return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" }
        return "\(s / 86_400)d\((s % 86_400) / 3600)h"
    }

    /// `in 42s`, `in 12m`, `in 3h12m`, `in 20h`, `in 2d4h`, `in 12d`, `<1m ago`, `3m ago`, from `now` to `date`. Past the first
    /// minute only whole minutes show, so an idle screen does not change every second (bytes over
    /// SSH); the detail view shows exact times.
    static func relative(_ date: Date, now: Date) -> String {
        let delta = date.timeIntervalSince(now)
        if delta > 0 {
            // Rounded up: a fire 0.6 s away is `in 1s`, never `<1m ago`.
            let seconds = Int64(delta.rounded(.up))
            if seconds < 60 { return "in \(seconds)s" }
            if seconds < 3600 { return "in \(seconds / 60)m" }
            // At most 8 columns, the NEXT column's width: whole hours from 10 h, whole days from 10 d.
            if seconds >= 36_000 && seconds < 86_400 { return "in \(seconds / 3600)h" }
            if seconds >= 864_000 { return "in \(seconds / 86_400)d" }
            return "in " + coarse(seconds: seconds)
        }
        let ago = Int64((-delta).rounded(.down))
        let unit: String =
            ago < 60 ? "<1m" : ago < 3600 ? "\(ago / 60)m" : ago < 86_400 ? "\(ago / 3600)h" : "\(ago / 86_400)d"
        return unit + " ago"
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
