import Testing

@testable import Engine

/// The one duration grammar, as flags, environment variables and API bodies read it.
@Suite struct DurationTextTests {
    @Test(
        arguments: [
            ("250ms", 250), ("2s", 2_000), ("1.5s", 1_500), ("1m", 60_000), ("3", 3_000), ("0", 0), ("2h", 7_200_000),
            ("7d", 604_800_000), ("1w", 604_800_000), ("1h30m", 5_400_000), (" 45S ", 45_000), ("0.25s", 250), ("1.5d", 129_600_000),
        ] as [(String, Int64)])
    func accepted(text: String, milliseconds: Int64) {
        #expect(DurationText.milliseconds(text) == milliseconds)
    }

    @Test(arguments: ["", "soon", "-1s", "1.0005s", "10x", "30 days", "1.", ".5", "s", "1e3s", "1..5s", "9999999999999s"])
    func refused(text: String) {
        #expect(DurationText.milliseconds(text) == nil)
    }

    @Test func limitsAndTheirWords() {
        #expect(DurationText.milliseconds("101d") == nil)
        let longer: Int64? = DurationText.milliseconds("101d", max: 200 * 86_400_000)
        #expect(longer == 8_726_400_000)
        #expect(DurationField.scheduleTimeout.milliseconds("1h") == 3_600_000)
        #expect(DurationField.scheduleTimeout.milliseconds("2h") == nil)
        #expect(DurationField.jobLockTTL.milliseconds("500ms") == nil)
        #expect(DurationField.scheduleTimeout.reason("2h") == "'2h' is not a duration from 1ms to 1h (e.g. 500ms, 30s, 5m)")
        #expect(DurationField.dedupeWindow.expectation == "a duration up to 1d (e.g. 0, 500ms, 30s, 5m)")
        #expect(DurationText.format(milliseconds: 86_400_000) == "1d")
        #expect(DurationText.format(milliseconds: 90_000) == "90s")
        #expect(DurationText.format(milliseconds: 1_500) == "1500ms")
    }
}
