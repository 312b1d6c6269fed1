import Testing

@testable import Engine

extension CronTests {
    /// Next fire times in UTC: the day rules, Quartz extensions, month and year ends, leap years.
    @Suite struct CronNextFireTests {
        @Test(arguments: [
            FireCase(
                "* * * * *", after: "2026-03-29T00:30:00Z",
                ["2026-03-29T00:31:00+00:00", "2026-03-29T00:32:00+00:00", "2026-03-29T00:33:00+00:00"]),
            FireCase("* * * * *", after: "2026-03-29T00:30:59Z", ["2026-03-29T00:31:00+00:00"]),
            FireCase("* * * * * *", after: "2026-03-29T00:30:59.9Z", ["2026-03-29T00:31:00+00:00"]),
            FireCase("30 0 * * *", after: "2026-03-29T00:29:59Z", ["2026-03-29T00:30:00+00:00"]),
            FireCase("30 0 * * *", after: "2026-03-29T00:30:00Z", ["2026-03-30T00:30:00+00:00"]),
        ])
        func everyMinuteIsStrictlyAfterTheStart(_ fires: FireCase) throws {
            try fires.check()
        }

        @Test(arguments: [
            FireCase(
                "*/20 * * * * *", after: "2026-01-01T00:00:00Z",
                [
                    "2026-01-01T00:00:20+00:00", "2026-01-01T00:00:40+00:00", "2026-01-01T00:01:00+00:00",
                    "2026-01-01T00:01:20+00:00",
                ]),
            FireCase("15 30 2 * * *", after: "2026-01-01T00:00:00Z", ["2026-01-01T02:30:15+00:00"]),
        ])
        func secondsFieldComesFirst(_ fires: FireCase) throws {
            try fires.check()
        }

        /// S5: OR when both day fields are restricted, AND otherwise.
        /// S5: OR when both day fields are restricted, AND otherwise.
        @Test(arguments: [
            // The 1st, the 15th and every Friday (May 1 2026 is a Friday).
            FireCase(
                "0 0 1,15 * FRI", after: "2026-05-01T00:00:00Z",
                [
                    "2026-05-08T00:00:00+00:00", "2026-05-15T00:00:00+00:00", "2026-05-22T00:00:00+00:00",
                    "2026-05-29T00:00:00+00:00", "2026-06-01T00:00:00+00:00", "2026-06-05T00:00:00+00:00",
                ]),
            // Days 1-7 plus every Monday.
            FireCase(
                "0 0 1-7 * MON", after: "2026-05-31T00:00:00Z",
                [
                    "2026-06-01T00:00:00+00:00", "2026-06-02T00:00:00+00:00", "2026-06-03T00:00:00+00:00",
                    "2026-06-04T00:00:00+00:00", "2026-06-05T00:00:00+00:00", "2026-06-06T00:00:00+00:00",
                    "2026-06-07T00:00:00+00:00", "2026-06-08T00:00:00+00:00", "2026-06-15T00:00:00+00:00",
                ]),
            // Mondays that fall on an odd day.
            FireCase(
                "0 0 */2 * MON", after: "2026-05-31T00:00:00Z",
                [
                    "2026-06-01T00:00:00+00:00", "2026-06-15T00:00:00+00:00", "2026-06-29T00:00:00+00:00",
                    "2026-07-13T00:00:00+00:00", "2026-07-27T00:00:00+00:00",
                ]),
            // The last day of the month or any Friday.
            FireCase(
                "0 0 L * 5", after: "2026-02-20T00:00:00Z",
                [
                    "2026-02-27T00:00:00+00:00", "2026-02-28T00:00:00+00:00", "2026-03-06T00:00:00+00:00",
                    "2026-03-13T00:00:00+00:00", "2026-03-20T00:00:00+00:00",
                ]),
            // The first Monday: MON#1, not 1-7 MON.
            FireCase(
                "0 0 * * MON#1", after: "2026-05-31T00:00:00Z",
                ["2026-06-01T00:00:00+00:00", "2026-07-06T00:00:00+00:00", "2026-08-03T00:00:00+00:00"]),
            // Day-of-week * with a restricted day-of-month: AND, i.e. just the days.
            FireCase(
                "0 0 13 * *", after: "2026-01-01T00:00:00Z", ["2026-01-13T00:00:00+00:00", "2026-02-13T00:00:00+00:00"]),
            // A day-of-week written with * (here */1) is unrestricted, so the day-of-month alone decides.
            FireCase("0 0 13 * */1", after: "2026-01-01T00:00:00Z", ["2026-01-13T00:00:00+00:00"]),
            // Sunday as 0, 7 and SUN.
            FireCase("0 12 * * 0", after: "2026-03-01T12:00:00Z", ["2026-03-08T12:00:00+00:00"]),
            FireCase("0 12 * * 7", after: "2026-03-01T12:00:00Z", ["2026-03-08T12:00:00+00:00"]),
            FireCase("0 12 * * SUN", after: "2026-03-01T12:00:00Z", ["2026-03-08T12:00:00+00:00"]),
            FireCase("0 12 * * sun", after: "2026-03-01T12:00:00Z", ["2026-03-08T12:00:00+00:00"]),
        ])
        func dayOfMonthAndDayOfWeek(_ fires: FireCase) throws {
            try fires.check()
        }

        /// S6: L, LW, nW, dL, d#k.
        /// S6: L, LW, nW, dL, d#k.
        @Test(arguments: [
            FireCase(
                "0 0 L * *", after: "2026-01-31T00:00:00Z",
                [
                    "2026-02-28T00:00:00+00:00", "2026-03-31T00:00:00+00:00", "2026-04-30T00:00:00+00:00",
                    "2026-05-31T00:00:00+00:00",
                ]),
            // Last weekday: May 31 2026 is a Sunday, Feb 28 2026 a Saturday, Aug 31 a Monday.
            FireCase(
                "0 0 LW * *", after: "2026-01-31T00:00:00Z",
                [
                    "2026-02-27T00:00:00+00:00", "2026-03-31T00:00:00+00:00", "2026-04-30T00:00:00+00:00",
                    "2026-05-29T00:00:00+00:00", "2026-06-30T00:00:00+00:00", "2026-07-31T00:00:00+00:00",
                    "2026-08-31T00:00:00+00:00",
                ]),
            // 1W: Aug 1 2026 is a Saturday -> Monday the 3rd, not Friday July 31; Mar 1 2026 a Sunday -> the 2nd.
            FireCase("0 0 1W 8 *", after: "2026-01-01T00:00:00Z", ["2026-08-03T00:00:00+00:00"]),
            FireCase("0 0 1W 3 *", after: "2026-01-01T00:00:00Z", ["2026-03-02T00:00:00+00:00"]),
            // 31W: May 31 2026 is a Sunday and the last day -> Friday the 29th; no match in 30-day months.
            FireCase(
                "0 0 31W * *", after: "2026-04-01T00:00:00Z",
                ["2026-05-29T00:00:00+00:00", "2026-07-31T00:00:00+00:00", "2026-08-31T00:00:00+00:00"]),
            // 15W: Mar 15 2026 is a Sunday -> Monday 16th; Aug 15 2026 a Saturday -> Friday 14th.
            FireCase("0 0 15W 3 *", after: "2026-01-01T00:00:00Z", ["2026-03-16T00:00:00+00:00"]),
            FireCase("0 0 15W 8 *", after: "2026-01-01T00:00:00Z", ["2026-08-14T00:00:00+00:00"]),
            // 29W in February only matches in leap years: 2028-02-29 is a Tuesday.
            FireCase("0 0 29W 2 *", after: "2026-01-01T00:00:00Z", ["2028-02-29T00:00:00+00:00"]),
            // The last Friday, the third Friday, the fifth Monday (only in months that have one).
            FireCase(
                "0 0 * * 5L", after: "2026-01-01T00:00:00Z",
                ["2026-01-30T00:00:00+00:00", "2026-02-27T00:00:00+00:00", "2026-03-27T00:00:00+00:00"]),
            FireCase(
                "0 0 * * FRI#3", after: "2026-01-01T00:00:00Z",
                ["2026-01-16T00:00:00+00:00", "2026-02-20T00:00:00+00:00", "2026-03-20T00:00:00+00:00"]),
            FireCase(
                "0 0 * * 1#5", after: "2026-01-01T00:00:00Z",
                ["2026-03-30T00:00:00+00:00", "2026-06-29T00:00:00+00:00", "2026-08-31T00:00:00+00:00"]),
            FireCase("0 0 * * 7L", after: "2026-01-01T00:00:00Z", ["2026-01-25T00:00:00+00:00"]),
        ])
        func quartzExtensions(_ fires: FireCase) throws {
            try fires.check()
        }

        @Test(arguments: [
            FireCase(
                "0 0 31 * *", after: "2026-01-31T00:00:00Z",
                [
                    "2026-03-31T00:00:00+00:00", "2026-05-31T00:00:00+00:00", "2026-07-31T00:00:00+00:00",
                    "2026-08-31T00:00:00+00:00",
                ]),
            FireCase(
                "0 0 30 * *", after: "2026-01-30T00:00:00Z", ["2026-03-30T00:00:00+00:00", "2026-04-30T00:00:00+00:00"]),
            FireCase(
                "59 23 L * *", after: "2026-04-30T23:58:00Z", ["2026-04-30T23:59:00+00:00", "2026-05-31T23:59:00+00:00"]),
            FireCase("0 0 * * *", after: "2026-01-31T00:00:00Z", ["2026-02-01T00:00:00+00:00"]),
        ])
        func monthEnds(_ fires: FireCase) throws {
            try fires.check()
        }

        @Test(arguments: [
            FireCase(
                "0 0 29 2 *", after: "1999-01-01T00:00:00Z",
                ["2000-02-29T00:00:00+00:00", "2004-02-29T00:00:00+00:00", "2008-02-29T00:00:00+00:00"]),
            // 2100 is not a leap year.
            FireCase(
                "0 0 29 2 *", after: "2096-03-01T00:00:00Z", ["2104-02-29T00:00:00+00:00", "2108-02-29T00:00:00+00:00"]),
            FireCase(
                "0 0 L 2 *", after: "2100-01-01T00:00:00Z", ["2100-02-28T00:00:00+00:00", "2101-02-28T00:00:00+00:00"]),
            FireCase("0 0 L 2 *", after: "2000-01-01T00:00:00Z", ["2000-02-29T00:00:00+00:00"]),
            // February 29 on a Sunday (S8's example of a rare but valid schedule).
            FireCase(
                "0 0 29 2 */7", after: "2026-01-01T00:00:00Z",
                [
                    "2032-02-29T00:00:00+00:00", "2060-02-29T00:00:00+00:00", "2088-02-29T00:00:00+00:00",
                    "2128-02-29T00:00:00+00:00",
                ]),
        ])
        func leapYears(_ fires: FireCase) throws {
            try fires.check()
        }

        @Test(arguments: [
            FireCase(
                "59 23 31 12 *", after: "2026-06-01T00:00:00Z", ["2026-12-31T23:59:00+00:00", "2027-12-31T23:59:00+00:00"]),
            FireCase("* * * * *", after: "2026-12-31T23:59:30Z", ["2027-01-01T00:00:00+00:00"]),
            FireCase("59 59 23 31 12 *", after: "2026-12-31T23:59:59Z", ["2027-12-31T23:59:59+00:00"]),
            FireCase("0 0 1 1 *", after: "2026-12-31T23:59:59Z", ["2027-01-01T00:00:00+00:00"]),
            FireCase("@yearly", after: "2099-06-01T00:00:00Z", ["2100-01-01T00:00:00+00:00", "2101-01-01T00:00:00+00:00"]),
            FireCase("0 0 * 12 SAT#5", after: "2026-01-01T00:00:00Z", ["2028-12-30T00:00:00+00:00"]),
        ])
        func yearEnds(_ fires: FireCase) throws {
            try fires.check()
        }

        @Test func resultsStopAtTheYear10000() throws {
            try FireCase("0 0 1 1 *", after: "9998-06-01T00:00:00Z", count: 5, ["9999-01-01T00:00:00+00:00"]).check()
            let schedule = try CronSchedule("* * * * *")
            #expect(schedule.nextFire(after: Int64.max) == nil)
            #expect(schedule.nextFire(after: Int64.min) == CronSchedule.earliestInstant)
        }

        /// The search jumps field by field: the rarest valid schedules answer at once.
        @Test func rareSchedulesAreFast() throws {
            let clock = ContinuousClock()
            let schedule = try CronSchedule("0 0 29 2 */7", timeZone: "Europe/Berlin")
            let start = try CronFixtures.instant("2026-01-01T00:00:00Z")
            var fires: [Int64] = []
            let elapsed = clock.measure { fires = schedule.nextFires(after: start, count: 20) }
            #expect(fires.count == 20)
            #expect(elapsed < .milliseconds(200))
        }
    }
}
