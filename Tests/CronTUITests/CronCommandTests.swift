import TestSupport
import Testing

/// `crontui cron next|validate` and `crontui bench cron`, run as the real binary.
@Suite(.serialized) struct CronCommandTests {
    /// The contract for bad input: nothing on stdout, one line on stderr, exit code 2.
    private func expectUsageError(
        _ arguments: [String], _ message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let result = try await ProcessRunner.runDetached(arguments)
        #expect(result.status == 2, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("error: "), sourceLocation: sourceLocation)
        #expect(
            result.stderr.filter { $0 == "\n" }.count == 1 && result.stderr.hasSuffix("\n"),
            sourceLocation: sourceLocation)
        if let message { #expect(result.stderr == "error: \(message)\n", sourceLocation: sourceLocation) }
    }

    @Test func nextPrintsFireTimesWithTheirOffsets() async throws {
        let result = try await ProcessRunner.runDetached([
            "cron", "next", "30 2 * * *", "--from", "2026-03-28T00:30:00Z", "--count", "3", "--tz", "Europe/Berlin",
        ])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == "2026-03-28T02:30:00+01:00\n2026-03-29T03:00:00+02:00\n2026-03-30T02:30:00+02:00\n")
    }

    @Test func nextDefaultsToUTCAndAcceptsAnOffsetInFrom() async throws {
        let result = try await ProcessRunner.runDetached([
            "cron", "next", "*/15 * * * *", "--from", "2026-03-29T02:30:00+01:00", "--count", "2",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == "2026-03-29T01:45:00+00:00\n2026-03-29T02:00:00+00:00\n")
    }

    @Test(arguments: [
        ("Asia/Kolkata", "2026-01-01T00:00:00+05:30"), ("Australia/Lord_Howe", "2026-01-01T00:00:00+11:00"),
        ("America/St_Johns", "2026-01-01T00:00:00-03:30"), ("UTC", "2026-01-01T00:00:00+00:00"),
    ])
    func outputFormat(zone: String, line: String) async throws {
        let result = try await ProcessRunner.runDetached([
            "cron", "next", "@yearly", "--from", "2025-06-01T00:00:00Z", "--count", "1", "--tz", zone,
        ])
        #expect(result.status == 0)
        #expect(result.stdout == line + "\n")
    }

    @Test func nextFollowsTheDSTRules() async throws {
        let spring = try await ProcessRunner.runDetached([
            "cron", "next", "*/15 * * * *", "--from", "2026-03-29T00:30:00Z", "--count", "2", "--tz", "Europe/Berlin",
        ])
        #expect(spring.stdout == "2026-03-29T01:45:00+01:00\n2026-03-29T03:00:00+02:00\n")
        let midnight = try await ProcessRunner.runDetached([
            "cron", "next", "0 0 * * *", "--from", "2018-11-03T12:00:00Z", "--count", "1", "--tz", "America/Sao_Paulo",
        ])
        #expect(midnight.stdout == "2018-11-04T01:00:00-02:00\n")
    }

    @Test func rareScheduleAnswers() async throws {
        let result = try await ProcessRunner.runDetached([
            "cron", "next", "0 0 29 2 */7", "--from", "2026-01-01T00:00:00Z", "--count", "4",
        ])
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "2032-02-29T00:00:00+00:00\n2060-02-29T00:00:00+00:00\n2088-02-29T00:00:00+00:00\n2128-02-29T00:00:00+00:00\n"
        )
    }

    @Test func theEndOfTheCalendarIsSaidOffStandardOutput() async throws {
        let result = try await ProcessRunner.runDetached(["cron", "next", "0 0 * * *", "--from", "9999-12-30T00:00:00Z", "--count", "3"])
        #expect(result.status == 0)
        #expect(result.stdout == "9999-12-31T00:00:00+00:00\n")
        #expect(result.stderr == "1 of 3 fire times: none comes after 9999-12-31T00:00:00+00:00 before the year 10000\n")
    }

    @Test func countUpToTheCap() async throws {
        let result = try await ProcessRunner.runDetached([
            "cron", "next", "* * * * * *", "--from", "2026-01-01T00:00:00Z", "--count", "10000",
        ])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 10_000)
        #expect(lines.last == "2026-01-01T02:46:40+00:00")
    }

    @Test(arguments: [
        (["60 * * * *"], "minute field: value 60 out of range 0-59"),
        (["0 0 30 2 *"], "expression: never fires: no date in month '2' matches day-of-month '30'"),
        (["* * * *"], "expression: expected 5 or 6 fields, found 4"),
        (["-5 * * * *"], "minute field: invalid value '-5'"),
        (["0 0 * * *\n"], "expression: invalid character U+000A at position 10 (only ASCII is accepted)"),
        (["@reboot"], "expression: unsupported macro '@reboot'"),
    ])
    func invalidExpressions(_ expression: [String], message: String) async throws {
        try await expectUsageError(
            ["cron", "next"] + expression + ["--from", "2026-01-01T00:00:00Z", "--count", "1"], message)
        try await expectUsageError(["cron", "validate"] + expression, message)
    }

    @Test func badOptions() async throws {
        let next = ["cron", "next", "* * * * *"]
        try await expectUsageError(
            next + ["--from", "2026-01-01T00:00:00Z", "--count", "1", "--tz", "Mars/Olympus"],
            "--tz: unknown time zone 'Mars/Olympus'")
        try await expectUsageError(
            next + ["--from", "2026-01-01T00:00:00Z", "--count", "1", "--tz", "Europe/\nBerlin"])
        let fromMessage = "--from: expected an ISO-8601 instant with Z or an offset, like 2026-03-29T00:30:00Z, got "
        try await expectUsageError(
            next + ["--from", "2026-01-01T00:00:00", "--count", "1"], fromMessage + "'2026-01-01T00:00:00'")
        try await expectUsageError(next + ["--from", "yesterday", "--count", "1"], fromMessage + "'yesterday'")
        let countMessage = "--count: expected a whole number from 1 to 10000, got "
        for count in ["0", "-1", "abc", "10001", "1.5", ""] {
            try await expectUsageError(
                next + ["--from", "2026-01-01T00:00:00Z", "--count", count], countMessage + "'\(count)'")
        }
        try await expectUsageError(next + ["--from", "2026-01-01T00:00:00Z"])
        try await expectUsageError(next + ["--count", "1"])
        try await expectUsageError(["cron", "next", "--from", "2026-01-01T00:00:00Z", "--count", "1"])
        try await expectUsageError([
            "cron", "next", "*", "*", "*", "*", "*", "--from", "2026-01-01T00:00:00Z", "--count", "1",
        ])
        try await expectUsageError(next + ["--from", "2026-01-01T00:00:00Z", "--count", "1", "--bogus"])
        try await expectUsageError(["cron", "validate"])
    }

    @Test func validateDescribes() async throws {
        let result = try await ProcessRunner.runDetached(["cron", "validate", "30 2 * * *"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == "at 02:30 every day\n")
        let zoned = try await ProcessRunner.runDetached(["cron", "validate", "30 2 * * *", "--tz", "Europe/Berlin"])
        #expect(zoned.stdout == "at 02:30 every day, Europe/Berlin\n")
        try await expectUsageError(
            ["cron", "validate", "30 2 * * *", "--tz", "Nowhere"], "--tz: unknown time zone 'Nowhere'")
    }

    @Test func benchReportsMedianAndP99() async throws {
        let result = try await ProcessRunner.runDetached(["bench", "cron", "--expressions", "200", "--repeats", "1", "--json"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("{\"benchmark\":\"cron.next_fire\""))
        #expect(result.stdout.contains("\"zone\":\"UTC\"") && result.stdout.contains("\"zone\":\"Europe/Berlin\""))
        #expect(result.stdout.contains("\"median_us\":") && result.stdout.contains("\"p99_us\":"))
        let table = try await ProcessRunner.runDetached(["bench", "cron", "--expressions", "100", "--repeats", "1"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("median") && table.stdout.contains("Europe/Berlin"))
    }
}
