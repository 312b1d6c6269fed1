import Foundation

/// Reads a `Retry-After` header: delay seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`, and the obsolete RFC 850 and asctime forms).
package enum RetryAfter {
    /// The longest delay honoured; a target asking for more gets this, so a typo cannot park a job
    /// for a year.
    package static let maximum = Duration.seconds(3_600)

    /// The delay `value` asks for, measured from `now` (epoch milliseconds) for a date; nil when the
    /// value is neither form. Dates in the past mean "now" (zero).
    package static func delay(from value: String, now: Int64) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            guard let seconds = Int64(text.prefix(12)) else { return maximum }
            return min(.seconds(seconds), maximum)
        }
        guard let date = parseDate(text) else { return nil }
        let ms = Int64(date.timeIntervalSince1970 * 1000) - now
        return min(.milliseconds(max(0, ms)), maximum)
    }

    private static let formats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]

    /// Parses the three HTTP date forms. A formatter per call: 429s are rare, and `DateFormatter` is
    /// not safe to share between threads.
    static func parseDate(_ text: String) -> Date? {
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
