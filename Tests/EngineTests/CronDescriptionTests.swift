import Testing

@testable import Engine

extension CronTests {
    /// The human-readable description used by `crontui cron validate`, the API and the dashboard.
    @Suite struct CronDescriptionTests {
        @Test(arguments: [
            ("30 2 * * *", "at 02:30 every day"),
            ("0 0 * * *", "at 00:00 every day"),
            ("@daily", "at 00:00 every day"),
            ("15 30 2 * * *", "at 02:30:15 every day"),
            ("0,30 9 * * *", "at 09:00 and 09:30 every day"),
            ("0 9,17 * * MON-FRI", "at 09:00 and 17:00 on Monday through Friday"),
            ("*/15 * * * *", "every 15 minutes"),
            ("* * * * *", "every minute"),
            ("30 * * * *", "at minute 30 of every hour"),
            ("@hourly", "at minute 0 of every hour"),
            ("*/10 2 * * *", "every 10 minutes during hour 2"),
            ("0 */2 * * *", "at minute 0 during every 2nd hour"),
            ("*/5 9-17 * * 1-5", "every 5 minutes during hours 9 through 17 on Monday through Friday"),
            ("*/10 * * * * *", "every 10 seconds"),
            ("0 0 1,15 * FRI", "at 00:00 on day 1 and day 15 of the month or on Friday"),
            ("0 0 L * *", "at 00:00 on the last day of the month"),
            ("0 0 LW * *", "at 00:00 on the last weekday of the month"),
            ("0 0 15W * *", "at 00:00 on the weekday nearest day 15 of the month"),
            ("0 0 * * 5L", "at 00:00 on the last Friday of the month"),
            ("0 0 * * FRI#3", "at 00:00 on the third Friday of the month"),
            ("0 0 */2 * MON", "at 00:00 on every 2nd day of the month if it is Monday"),
            ("0 0 1 1 *", "at 00:00 on day 1 of the month in January"),
            ("0 0 29 2 */7", "at 00:00 on day 29 of the month if it is Sunday in February"),
            ("0 12 * JAN-MAR,JUL *", "at 12:00 every day in January through March and July"),
            ("0 0 * * 0,7", "at 00:00 on Sunday"),
        ])
        func describes(_ expression: String, _ text: String) throws {
            #expect(try CronExpression(expression).description == text)
        }

        @Test func scheduleDescriptionNamesTheZone() throws {
            #expect(
                try CronSchedule("30 2 * * *", timeZone: "Europe/Berlin").describe() == "at 02:30 every day, Europe/Berlin")
        }

        /// Every sampled expression gets some one-line description.
        @Test func everyExpressionHasADescription() async throws {
            let odd = try await CronFixtures.offCooperativePool {
                var random = RandomSource(seed: 5)
                var odd: [String] = []
                for _ in 0..<2_000 {
                    let text = CronExpressionSampler.expression(using: &random)
                    let description = try CronExpression(text).description
                    if description.isEmpty || description.contains("\n") || description.contains("  ") {
                        odd.append("'\(text)' -> '\(description)'")
                    }
                }
                return odd
            }
            #expect(odd.isEmpty, Comment(rawValue: odd.prefix(5).joined(separator: "; ")))
        }
    }
}
