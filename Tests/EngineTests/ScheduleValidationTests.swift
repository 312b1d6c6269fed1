import Foundation
import Testing

@testable import Engine

/// Every field of a schedule is checked before anything is written, and a bad one is named.
@Suite struct ScheduleValidationTests {
    static let valid = ScheduleInput(name: "report", cron: "30 2 * * *", url: "https://example.com/hook")

    @Test func minimalInputTakesTheDefaults() throws {
        let d = try Self.valid.definition()
        #expect(d == ScheduleDefinition(name: "report", cron: "30 2 * * *", url: "https://example.com/hook"))
        #expect(d.timeZone == "UTC" && d.method == "GET" && d.timeoutMs == 30_000 && d.attempts == 3)
        #expect(d.backoff == .standard && d.missed == .skip && d.overlap == .allow && d.enabled && d.pauseAfterFailures == nil)
    }

    @Test func everyFieldIsRead() throws {
        var input = Self.valid
        input.timeZone = "Europe/Berlin"
        input.method = "post"
        input.headers = ["Authorization: Bearer t0k", "X-Empty:", "Accept:  text/plain  "]
        input.body = "{\"a\":1}"
        input.timeout = "1500ms"
        input.attempts = "5"
        input.backoff = "fixed:2s"
        input.missed = "run_all:3"
        input.overlap = "queue_one"
        input.pauseAfterFailures = "4"
        let d = try input.definition()
        #expect(d.timeZone == "Europe/Berlin")
        #expect(d.method == "POST")
        #expect(
            d.headers == [
                ScheduleHeader(name: "Authorization", value: "Bearer t0k"), ScheduleHeader(name: "X-Empty", value: ""),
                ScheduleHeader(name: "Accept", value: "text/plain"),
            ])
        #expect(d.body == Data("{\"a\":1}".utf8))
        #expect(d.timeoutMs == 1_500)
        #expect(d.attempts == 5)
        #expect(d.backoff == .fixed(.seconds(2)))
        #expect(d.missed == .runAll(cap: 3))
        #expect(d.overlap == .queueOne)
        #expect(d.pauseAfterFailures == 4)
    }

    @Test(
        arguments: [
            (ScheduleInput(cron: "* * * * *", url: "https://x"), "name", "is required"),
            (ScheduleInput(name: "a", url: "https://x"), "cron", "is required"),
            (ScheduleInput(name: "a", cron: "* * * * *"), "url", "is required"),
            (ScheduleInput(name: "", cron: "* * * * *", url: "https://x"), "name", "must not be empty"),
            (ScheduleInput(name: "42", cron: "* * * * *", url: "https://x"), "name", "must not be all digits (a number names a schedule by its id)"),
            (ScheduleInput(name: " a", cron: "* * * * *", url: "https://x"), "name", "must not start or end with a blank"),
            (ScheduleInput(name: "a\u{7}", cron: "* * * * *", url: "https://x"), "name", "must not hold control characters"),
            (ScheduleInput(name: "a", cron: "60 * * * *", url: "https://x"), "cron", "minute field: value 60 out of range 0-59"),
            (ScheduleInput(name: "a", cron: "0 0 30 2 *", url: "https://x"), "cron", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", timeZone: "Mars/Olympus", url: "https://x"), "tz", "unknown time zone 'Mars/Olympus'"),
            (ScheduleInput(name: "a", cron: "* * * * *", method: "FETCH", url: "https://x"), "method", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "ftp://x/y"), "url", "scheme 'ftp' is not http or https"),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "example.com/x"), "url", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https:///path"), "url", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x/a b"), "url", "must not hold spaces or control characters"),
            (
                ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", headers: ["NoColon"]), "header",
                "expected 'Name: value' (the colon is missing) in a header of 7 characters"
            ),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", headers: ["Bad Name: v"]), "header", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", headers: [": v"]), "header", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", headers: ["X: a\r\nEvil: 1"]), "header", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", timeout: "0s"), "timeout", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", timeout: "61m"), "timeout", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", timeout: "soon"), "timeout", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", attempts: "0"), "attempts", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", attempts: "101"), "attempts", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", backoff: "linear"), "backoff", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", backoff: "exponential:10s:1s"), "backoff", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", backoff: "fixed"), "backoff", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", missed: "run_all:0"), "missed", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", missed: "later"), "missed", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", overlap: "never"), "overlap", nil),
            (ScheduleInput(name: "a", cron: "* * * * *", url: "https://x", pauseAfterFailures: "1001"), "pause-after-failures", nil),
        ] as [(ScheduleInput, String, String?)])
    func badFieldIsNamed(input: ScheduleInput, field: String, message: String?) {
        do {
            _ = try input.definition()
            Issue.record("accepted \(input)")
        } catch {
            #expect(error.code == .invalid)
            #expect(error.field == field)
            if let message { #expect(error.message == message) }
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func theFirstBadFieldInFlagOrderIsNamed() {
        let input = ScheduleInput(name: "a", cron: "* * * * *", url: "ftp://x", timeout: "never", attempts: "0")
        #expect(throws: ScheduleError.invalid("url", "scheme 'ftp' is not http or https")) { try input.definition() }
    }

    @Test func editingKeepsWhatIsNotGiven() throws {
        var base = try Self.valid.definition()
        base.headers = [ScheduleHeader(name: "X-A", value: "1")]
        let edited = try ScheduleInput(cron: "*/5 * * * *", attempts: "2").definition(updating: base)
        #expect(edited.cron == "*/5 * * * *" && edited.attempts == 2)
        #expect(edited.name == base.name && edited.url == base.url && edited.headers == base.headers)
        let cleared = try ScheduleInput(headers: [], body: "").definition(updating: base)
        #expect(cleared.headers.isEmpty && cleared.body == nil)
        #expect(throws: ScheduleError.self) { try ScheduleInput(url: "nope").definition(updating: base) }
    }

    /// What a listing shows, sent back as it is, keeps the secrets it masked; secrets given anew
    /// replace them.
    @Test func aListingSentBackKeepsTheStoredSecrets() throws {
        var base = try Self.valid.definition()
        base.url = "https://user:pw@example.com/x?token=t0k&page=2"
        base.headers = [
            ScheduleHeader(name: "Authorization", value: "Bearer real"), ScheduleHeader(name: "Cookie", value: "a=1"),
            ScheduleHeader(name: "X-Trace", value: "1"), ScheduleHeader(name: "cookie", value: "b=2"),
        ]
        let shown = ScheduleInput(url: Redaction.message(base.url), headers: base.headers.map(\.description))
        #expect(shown.url == "https://user:***@example.com/x?token=***&page=2")
        let sentBack = try shown.definition(updating: base)
        #expect(sentBack.url == base.url)
        #expect(sentBack.headers == base.headers)

        let renewed = try ScheduleInput(url: "https://user:new@example.com/x", headers: ["Authorization: Bearer new", "Cookie: ***"])
            .definition(updating: base)
        #expect(renewed.url == "https://user:new@example.com/x")
        #expect(renewed.headers == [ScheduleHeader(name: "Authorization", value: "Bearer new"), ScheduleHeader(name: "Cookie", value: "a=1")])
        // `***` outside a secret's place is an ordinary value.
        let plain = try ScheduleInput(url: "https://example.com/***", headers: ["X-Trace: ***"]).definition(updating: base)
        #expect(plain.url == "https://example.com/***" && plain.headers == [ScheduleHeader(name: "X-Trace", value: "***")])
    }

    /// A mask with no stored secret behind it would store `***` as the secret: refused, naming the field.
    @Test(arguments: [
        (ScheduleInput(name: "n", cron: "* * * * *", url: "https://x.test/", headers: ["Authorization: ***"]), false, "header"),
        (ScheduleInput(headers: ["X-Api-Key: ***"]), true, "header"),
        (ScheduleInput(headers: ["Cookie: ***", "Cookie: ***"]), true, "header"),
        (ScheduleInput(name: "n", cron: "* * * * *", url: "https://u:***@x.test/"), false, "url"),
        (ScheduleInput(url: "https://user:***@example.com/elsewhere"), true, "url"),
        (ScheduleInput(url: "https://example.com/x?api_key=***"), true, "url"),
    ])
    func aMaskHidingNoStoredSecretIsRefused(input: ScheduleInput, editing: Bool, field: String) throws {
        var base = try Self.valid.definition()
        base.url = "https://user:pw@example.com/x"
        base.headers = [ScheduleHeader(name: "Cookie", value: "a=1")]
        do throws(ScheduleError) {
            _ = try input.definition(updating: editing ? base : nil)
            Issue.record("\(input) was accepted")
        } catch {
            #expect(error.code == .invalid && error.field == field)
            #expect(error.message.contains("***"), "\(error)")
        }
    }

    @Test func secretHeadersAreMasked() {
        for name in ["Authorization", "cookie", "X-API-KEY", "Proxy-Authorization", "X-Custom-Token", "X-Session-Id"] {
            #expect(ScheduleHeader(name: name, value: "s3cret").description == "\(name): ***")
        }
        #expect(ScheduleHeader(name: "X-Trace", value: "1").displayValue == "1")
    }

    @Test func urlPasswordsAreMasked() {
        func shown(_ url: String) -> String {
            Schedule(id: 1, definition: ScheduleDefinition(name: "a", cron: "* * * * *", url: url), createdAt: 0, updatedAt: 0, activeSince: 0)
                .displayURL
        }
        #expect(shown("https://user:pw@example.com/x") == "https://user:***@example.com/x")
        #expect(shown("https://example.com:8443/x?mail=a@b") == "https://example.com:8443/x?mail=a@b")
        #expect(shown("https://token@example.com/") == "https://token@example.com/")
    }

    @Test func policiesAndBackoffsRoundTripTheirText() {
        for text in ["exponential:1s:5m", "exponential:250ms:1h", "fixed:30s", "none"] {
            #expect(Backoff(scheduleText: text)?.scheduleText == text)
        }
        #expect(Backoff(scheduleText: "exponential") == .standard)
        #expect(Backoff(scheduleText: "exponential:2s")?.scheduleText == "exponential:2s:5m")
        for text in ["skip", "run_once", "run_all:10", "run_all:1000"] { #expect(MissedFirePolicy(text: text)?.description == text) }
        #expect(MissedFirePolicy(text: "run_all") == .runAll(cap: MissedFirePolicy.defaultCap))
        for policy in OverlapPolicy.allCases { #expect(OverlapPolicy(text: policy.description) == policy) }
    }

    @Test func durationsAndReferences() {
        #expect(DurationText.milliseconds("45") == 45_000)
        #expect(DurationText.milliseconds("2m") == 120_000)
        #expect(DurationText.milliseconds("1h") == 3_600_000)
        #expect(DurationText.milliseconds("-1") == nil)
        #expect(DurationText.format(milliseconds: 90_000) == "90s")
        #expect(ScheduleReference("42") == .id(42))
        #expect(ScheduleReference("nightly-2") == .name("nightly-2"))
        #expect(ScheduleReference("99999999999999999999") == .name("99999999999999999999"))
    }
}
