import Foundation

/// An instant with PostgreSQL's precision: microseconds since 1970-01-01 00:00:00 UTC.
///
/// `timestamptz` columns decode to it without loss, and it binds to `timestamptz` parameters.
/// PostgreSQL's `infinity` and `-infinity` are ``infinity`` and ``negativeInfinity``.
package struct PostgresTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since the Unix epoch.
    package var microsecondsSinceEpoch: Int64

    /// The instant `microsecondsSinceEpoch` µs after the Unix epoch.
    package init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// `date`, rounded to the nearest microsecond (clamped to the infinities far outside
    /// PostgreSQL's range).
    package init(_ date: Date) {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        if micros >= 9.2e18 {
            microsecondsSinceEpoch = .max
        } else if micros <= -9.2e18 {
            microsecondsSinceEpoch = .min
        } else {
            microsecondsSinceEpoch = Int64(micros)
        }
    }

    /// PostgreSQL's `infinity`: later than every other instant.
    package static let infinity = PostgresTimestamp(microsecondsSinceEpoch: .max)
    /// PostgreSQL's `-infinity`: earlier than every other instant.
    package static let negativeInfinity = PostgresTimestamp(microsecondsSinceEpoch: .min)

    /// The instant as a `Date` (which has less precision far from 2001).
    package var date: Date {
        Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000)
    }

    package static func < (lhs: PostgresTimestamp, rhs: PostgresTimestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    /// ISO 8601 in UTC with microseconds, e.g. `2024-03-10T02:30:00.000000Z`.
    package var description: String { isoText }
}
