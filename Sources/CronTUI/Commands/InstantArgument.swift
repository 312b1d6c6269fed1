import Foundation

/// Parses `--since`: a duration back from now (`90s`, `15m`, `2h`, `7d`, or combined `1h30m`) or
/// an instant (`2024-05-01T12:00:00Z`, `2024-05-01T12:00:00+02:00`, `2024-05-01`, in UTC when no
/// offset is given).
enum InstantArgument {
    /// Epoch milliseconds, or nil when `text` is neither form.
    static func parse(_ text: String, now: Int64) -> Int64? {
        if let duration = duration(text) { return now - duration }
        return instant(text)
    }

    static func duration(_ text: String) -> Int64? {
        var total: Int64 = 0
        var number: Int64?
        for c in text {
            if let d = c.wholeNumberValue, c.isASCII {
                let (m, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (n, o2) = m.addingReportingOverflow(Int64(d))
                guard !o1, !o2 else { return nil }
                number = n
                continue
            }
            let unit: Int64
            switch c {
            case "s": unit = 1_000
            case "m": unit = 60_000
            case "h": unit = 3_600_000
            case "d": unit = 86_400_000
            case "w": unit = 604_800_000
            default: return nil
            }
            guard let n = number, n <= 1_000_000 else { return nil }
            total += n * unit
            number = nil
        }
        return number == nil && total > 0 ? total : nil
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
