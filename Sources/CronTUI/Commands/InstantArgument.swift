import Engine
import Foundation

/// Parses `--since`: a duration back from now (`90s`, `15m`, `2h`, `7d`, `1h30m`) or
/// an instant (`2024-05-01T12:00:00Z`, `2024-05-01T12:00:00+02:00`, `2024-05-01`, in UTC when no
/// offset is given).
enum InstantArgument {
    /// Epoch milliseconds, or nil when `text` is neither form.
    static func parse(_ text: String, now: Int64) -> Int64? {
        if let duration = duration(text) { return now - duration }
        return instant(text)
    }

    /// A duration back from now (``DurationText``'s grammar), more than zero and at most 100 years.
    static func duration(_ text: String) -> Int64? {
        Engine.DurationText.milliseconds(text, max: 36_500 * 86_400_000).flatMap { $0 > 0 ? $0 : nil }
    }

    static func instant(_ text: String) -> Int64? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        let noZone = DateFormatter()
        noZone.locale = Locale(identifier: "en_US_POSIX")
        noZone.timeZone = TimeZone(identifier: "UTC")
        noZone.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        for date in [plain.date(from: text), fractional.date(from: text), noZone.date(from: text), day.date(from: text)] {
            if let date { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        }
        return nil
    }
}
