import Testing

@testable import Engine

extension CronTests {
    /// T1-T6: local wall-clock matching and cronie's DST rules, in Berlin (1 h), New York (1 h),
    /// Lord Howe (30 min) and Sao Paulo 2018/2019 (transitions at midnight), plus the zone rule beyond
    /// the TZif table.
    @Suite struct CronDaylightSavingTests {
        // MARK: T1

        @Test(arguments: [
            FireCase("30 2 * * *", "Asia/Kolkata", after: "2026-01-01T00:00:00Z", ["2026-01-02T02:30:00+05:30"]),
            FireCase("0 9 * * MON", "America/New_York", after: "2026-01-05T13:59:00Z", ["2026-01-05T09:00:00-05:00"]),
            // 23:30 Sunday in Auckland is still Sunday morning in UTC: the weekday is the local one.
            FireCase("30 23 * * SUN", "Pacific/Auckland", after: "2026-01-01T00:00:00Z", ["2026-01-04T23:30:00+13:00"]),
            FireCase("0 0 1 * *", "Pacific/Chatham", after: "2026-01-01T00:00:00Z", ["2026-02-01T00:00:00+13:45"]),
        ])
        func fieldsMatchLocalWallTime(_ fires: FireCase) throws {
            try fires.check()
        }

        // MARK: T3 spring forward

        @Test(arguments: [
            FireCase(
                "30 2 * * *", "Europe/Berlin", after: "2026-03-28T00:00:00Z",
                ["2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"]),
            FireCase("15 2 * * *", "Australia/Lord_Howe", after: "2026-10-03T00:00:00Z", ["2026-10-04T02:30:00+11:00"]),
            FireCase(
                "30 2 * * *", "America/New_York", after: "2026-03-07T12:00:00Z",
                ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]),
            FireCase("0,30 2 * * *", "Europe/Berlin", after: "2026-03-29T00:00:00Z", ["2026-03-29T03:00:00+02:00"]),
            FireCase("0 3 * * *", "Europe/Berlin", after: "2026-03-29T00:00:00Z", ["2026-03-29T03:00:00+02:00"]),
            FireCase("0 2,3 * * *", "Europe/Berlin", after: "2026-03-29T00:00:00Z", ["2026-03-29T03:00:00+02:00"]),
            FireCase("0 0-23 * * *", "Europe/Berlin", after: "2026-03-29T00:30:00Z", ["2026-03-29T03:00:00+02:00"]),
            FireCase("30 30 2 * * *", "Europe/Berlin", after: "2026-03-29T00:00:00Z", ["2026-03-29T03:00:00+02:00"]),
            FireCase("0 2-3 * * *", "Europe/Berlin", after: "2026-03-29T00:00:00Z", ["2026-03-29T03:00:00+02:00"]),
            FireCase(
                "0 0-23 * * *", "Europe/Berlin", after: "2026-03-28T23:30:00Z",
                ["2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"]),
            // Only the dates that match: the gap is on a Sunday, so a Monday job does not fire at the jump.
            FireCase("30 2 * * MON", "Europe/Berlin", after: "2026-03-28T00:00:00Z", ["2026-03-30T02:30:00+02:00"]),
            FireCase("30 2 * * SUN", "Europe/Berlin", after: "2026-03-28T00:00:00Z", ["2026-03-29T03:00:00+02:00"]),
        ])
        func springForwardFixedTimeFiresOnceAtTheJump(_ fires: FireCase) throws {
            try fires.check()
        }

        @Test(arguments: [
            FireCase(
                "*/15 * * * *", "Europe/Berlin", after: "2026-03-29T00:30:00Z",
                ["2026-03-29T01:45:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T03:15:00+02:00"]),
            FireCase("*/20 2 * * *", "Europe/Berlin", after: "2026-03-28T23:00:00Z", ["2026-03-30T02:00:00+02:00"]),
            FireCase(
                "0 * * * *", "Europe/Berlin", after: "2026-03-29T00:30:00Z",
                ["2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"]),
            FireCase(
                "*/10 * * * *", "Australia/Lord_Howe", after: "2026-10-03T15:15:00Z",
                ["2026-10-04T01:50:00+10:30", "2026-10-04T02:30:00+11:00", "2026-10-04T02:40:00+11:00"]),
            FireCase("15 * * * *", "Australia/Lord_Howe", after: "2026-10-03T15:20:00Z", ["2026-10-04T03:15:00+11:00"]),
        ])
        func springForwardIntervalLikeSkipsTheGap(_ fires: FireCase) throws {
            try fires.check()
        }

        // MARK: T4 fall back

        @Test(arguments: [
            FireCase(
                "30 2 * * *", "Europe/Berlin", after: "2026-10-24T12:00:00Z",
                ["2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"]),
            FireCase(
                "30 1 * * *", "America/New_York", after: "2026-10-31T12:00:00Z",
                ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"]),
            FireCase(
                "45 1 * * *", "Australia/Lord_Howe", after: "2026-04-04T00:00:00Z",
                ["2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30"]),
            FireCase(
                "0 0-23 * * *", "Europe/Berlin", after: "2026-10-24T22:30:00Z",
                [
                    "2026-10-25T01:00:00+02:00", "2026-10-25T02:00:00+02:00", "2026-10-25T03:00:00+01:00",
                    "2026-10-25T04:00:00+01:00",
                ]),
        ])
        func fallBackFixedTimeFiresAtTheFirstOccurrenceOnly(_ fires: FireCase) throws {
            try fires.check()
        }

        /// "The result does not depend on --from": starting inside the second pass skips to the next day.
        @Test(arguments: [
            FireCase("30 2 * * *", "Europe/Berlin", after: "2026-10-25T02:10:00+01:00", ["2026-10-26T02:30:00+01:00"]),
            FireCase("30 2 * * *", "Europe/Berlin", after: "2026-10-25T02:40:00+02:00", ["2026-10-26T02:30:00+01:00"]),
            FireCase("30 1 * * *", "America/New_York", after: "2026-11-01T01:00:00-05:00", ["2026-11-02T01:30:00-05:00"]),
            FireCase(
                "45 1 * * *", "Australia/Lord_Howe", after: "2026-04-05T01:31:00+10:30", ["2026-04-06T01:45:00+10:30"]),
        ])
        func fallBackFixedTimeFromInsideTheSecondPass(_ fires: FireCase) throws {
            try fires.check()
        }

        @Test(arguments: [
            FireCase(
                "*/15 * * * *", "Europe/Berlin", after: "2026-10-25T00:40:00Z",
                [
                    "2026-10-25T02:45:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T02:15:00+01:00",
                    "2026-10-25T02:30:00+01:00",
                ]),
            FireCase(
                "0 * * * *", "Europe/Berlin", after: "2026-10-24T23:30:00Z",
                ["2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00"]),
            FireCase("30 1 * * *", "America/New_York", after: "2026-11-01T00:00:00-04:00", ["2026-11-01T01:30:00-04:00"]),
            FireCase(
                "30 * * * *", "America/New_York", after: "2026-11-01T00:40:00-04:00",
                ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-01T02:30:00-05:00"]),
            FireCase(
                "*/15 * * * *", "Australia/Lord_Howe", after: "2026-04-05T01:20:00+11:00",
                [
                    "2026-04-05T01:30:00+11:00", "2026-04-05T01:45:00+11:00", "2026-04-05T01:30:00+10:30",
                    "2026-04-05T01:45:00+10:30", "2026-04-05T02:00:00+10:30",
                ]),
            // The seconds field plays no part in the kind: this is interval-like through its minute field.
            FireCase(
                "0 */30 2 * * *", "Europe/Berlin", after: "2026-10-24T23:00:00Z",
                [
                    "2026-10-25T02:00:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-25T02:00:00+01:00",
                    "2026-10-25T02:30:00+01:00",
                ]),
        ])
        func fallBackIntervalLikeFiresAtEveryOccurrence(_ fires: FireCase) throws {
            try fires.check()
        }

        // MARK: T5 transitions at midnight

        @Test(arguments: [
            // 2018-11-04 00:00 -03:00 jumps to 01:00 -02:00: midnight never happens.
            FireCase(
                "0 0 * * *", "America/Sao_Paulo", after: "2018-11-03T00:00:00Z",
                ["2018-11-03T00:00:00-03:00", "2018-11-04T01:00:00-02:00", "2018-11-05T00:00:00-02:00"]),
            FireCase("0 0 * * SUN", "America/Sao_Paulo", after: "2018-11-01T00:00:00Z", ["2018-11-04T01:00:00-02:00"]),
            FireCase("0 0 4 11 *", "America/Sao_Paulo", after: "2018-01-01T00:00:00Z", ["2018-11-04T01:00:00-02:00"]),
            FireCase(
                "*/30 * * * *", "America/Sao_Paulo", after: "2018-11-04T02:00:00Z",
                ["2018-11-03T23:30:00-03:00", "2018-11-04T01:00:00-02:00", "2018-11-04T01:30:00-02:00"]),
            // 2019-02-17 00:00 -02:00 falls back to 2019-02-16 23:00 -03:00: the last hour of the 16th repeats.
            FireCase(
                "0 23 * * *", "America/Sao_Paulo", after: "2019-02-16T12:00:00Z",
                ["2019-02-16T23:00:00-02:00", "2019-02-17T23:00:00-03:00"]),
            FireCase(
                "*/30 * * * *", "America/Sao_Paulo", after: "2019-02-17T00:45:00Z",
                [
                    "2019-02-16T23:00:00-02:00", "2019-02-16T23:30:00-02:00", "2019-02-16T23:00:00-03:00",
                    "2019-02-16T23:30:00-03:00", "2019-02-17T00:00:00-03:00",
                ]),
            FireCase("0 0 * * *", "America/Sao_Paulo", after: "2019-02-16T12:00:00Z", ["2019-02-17T00:00:00-03:00"]),
        ])
        func saoPauloMidnightTransitions(_ fires: FireCase) throws {
            try fires.check()
        }

        // MARK: T6

        @Test(arguments: [
            FireCase(
                "0,15,30,45 2 * * *", "Europe/Berlin", after: "2026-03-29T00:00:00Z",
                ["2026-03-29T03:00:00+02:00", "2026-03-30T02:00:00+02:00"]),
            FireCase("*/10 0 2 * * *", "Europe/Berlin", after: "2026-03-29T00:00:00Z", ["2026-03-29T03:00:00+02:00"]),
        ])
        func matchesThatMeetAtOneInstantArePrintedOnce(_ fires: FireCase) throws {
            try fires.check()
        }

        /// The footer rule takes over after the TZif table (2037) and repeats every 400 years.
        @Test(arguments: [
            FireCase(
                "30 2 * * *", "Europe/Berlin", after: "2090-03-25T12:00:00Z",
                ["2090-03-26T03:00:00+02:00", "2090-03-27T02:30:00+02:00"]),
            FireCase(
                "30 2 * * *", "Europe/Berlin", after: "2950-10-24T12:00:00Z",
                ["2950-10-25T02:30:00+02:00", "2950-10-26T02:30:00+01:00"]),
            FireCase(
                "15 2 * * *", "Australia/Lord_Howe", after: "2500-10-02T00:00:00Z",
                ["2500-10-03T02:30:00+11:00", "2500-10-04T02:15:00+11:00"]),
        ])
        func farFutureUsesTheZoneRule(_ fires: FireCase) throws {
            try fires.check()
        }
    }
}
