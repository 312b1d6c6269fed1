import Foundation
import Testing

@testable import Engine

/// PostgreSQL's text form of timestamps, parsed and printed without a server.
@Suite struct PostgresTimestampTests {
    @Test(
        arguments: [
            ("1970-01-01 00:00:00+00", 0),
            ("2024-01-02 03:04:05.123456+00", 1_704_164_645_123_456),
            ("2024-01-02 03:04:05.5+00", 1_704_164_645_500_000),
            ("2024-01-02 08:34:05+05:30", 1_704_164_645_000_000),
            ("2024-01-01 23:04:05-04", 1_704_164_645_000_000),
            ("2024-01-02T03:04:05Z", 1_704_164_645_000_000),
            ("2024-01-02 03:04:05", 1_704_164_645_000_000),
            ("1969-12-31 23:59:59.999999+00", -1),
            ("0001-01-01 00:00:00+00", -62_135_596_800_000_000),
            ("0001-12-31 00:00:00+00 BC", -62_135_683_200_000_000),
            ("infinity", Int64.max),
            ("-infinity", Int64.min),
        ] as [(String, Int64)])
    func parses(text: String, micros: Int64) {
        #expect(PostgresTimestamp(postgresText: text)?.microsecondsSinceEpoch == micros)
    }

    @Test(arguments: ["", "2024-01-02", "2024-13-02 00:00:00+00", "2024-01-02 00:00:00+", "now"])
    func rejects(text: String) {
        #expect(PostgresTimestamp(postgresText: text) == nil)
    }

    @Test func printsISO() {
        let value = PostgresTimestamp(microsecondsSinceEpoch: 1_704_164_645_123_456)
        #expect(value.description == "2024-01-02T03:04:05.123456Z")
        #expect(
            PostgresTimestamp(microsecondsSinceEpoch: -1).description == "1969-12-31T23:59:59.999999Z")
    }

    @Test func convertsDates() {
        let date = Date(timeIntervalSince1970: 1_704_164_645.123456)
        #expect(PostgresTimestamp(date).microsecondsSinceEpoch == 1_704_164_645_123_456)
        #expect(PostgresTimestamp(.distantFuture) < .infinity)
    }

    @Test func civilDaysRoundTrip() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (y, m, d) = CivilCalendar.civil(days: days)
            #expect(CivilCalendar.days(year: y, month: m, day: d) == days)
        }
    }
}
