import Engine
import Foundation
import Testing

@testable import CronTUI

/// The small pieces of the view: diffing, JSON, masking, sparklines, filters, durations.
@Suite struct DashboardViewTests {
    @Test func identicalFramesHaveNoDiff() {
        let state = DashboardFixture.state()
        let a = DashboardRenderer.render(state, size: state.size)
        #expect(ScreenDiff.runs(from: a, to: a).isEmpty)
    }

    @Test func aClockTickChangesOnlyAFewCells() {
        var state = DashboardFixture.state()
        let a = DashboardRenderer.render(state, size: state.size)
        _ = state.update(.tick(DashboardFixture.now.addingTimeInterval(1)))
        let b = DashboardRenderer.render(state, size: state.size)
        let runs = ScreenDiff.runs(from: a, to: b)
        // The clock's seconds, the data age, and here one countdown turning a minute.
        #expect(runs.count <= 3)
        #expect(runs.reduce(0) { $0 + $1.count } <= 6)
    }

    @Test func diffRunsNeverSplitAWideCharacter() {
        var a = Screen(size: TerminalSize(columns: 6, rows: 1))
        a.put("日本語", x: 0, y: 0, role: .normal)
        var b = a
        b.put("X", x: 3, y: 0, role: .normal)
        let runs = ScreenDiff.runs(from: a, to: b)
        #expect(runs == [ScreenDiff.Run(y: 0, x: 2, count: 2)])
    }

    @Test func aNewSizeRedrawsEverything() {
        let a = Screen(size: TerminalSize(columns: 5, rows: 2))
        let b = Screen(size: TerminalSize(columns: 6, rows: 2))
        #expect(ScreenDiff.runs(from: a, to: b).count == 2)
    }

    @Test func jsonIsIndentedInOrderWithSecretsMasked() {
        let lines = JSONPretty.lines(#"{"b":1,"a":{"password":"hunter2","list":[],"ok":true},"c":"x"}"#)
        #expect(
            lines == [
                "{", #"  "b": 1,"#, #"  "a": {"#, #"    "password": "***","#, #"    "list": [],"#, #"    "ok": true"#,
                "  },", #"  "c": "x""#, "}",
            ])
    }

    @Test(arguments: [#"{"a":1"#, "not json", #"{"a":1} trailing"#, "[1,2]]", ""])
    func brokenJSONIsShownAsText(_ text: String) {
        #expect(JSONPretty.lines(text) == nil)
    }

    @Test func urlsLoseTheirSecrets() {
        #expect(SecretMask.url("https://user:pw@host/p?token=abc&x=1#f") == "https://user:***@host/p?token=***&x=1#f")
        #expect(SecretMask.url("https://host/p") == "https://host/p")
        #expect(SecretMask.header(.init(name: "X-Api-Key", value: "k")) == "***")
        #expect(SecretMask.header(.init(name: "Accept", value: "text/html")) == "text/html")
    }

    @Test func bodiesThatAreNotTextAreSummarized() {
        let binary = HTTPRecord(startLine: "HTTP 200", headers: [], body: [0, 1, 2, 0xFF], bodyTotalBytes: 4000)
        #expect(BodyText.lines(binary).map(\.text) == ["<binary 4000 bytes>"])
        let cut = HTTPRecord(startLine: "HTTP 200", headers: [], body: Array("hello".utf8), bodyTotalBytes: 90_000)
        #expect(BodyText.lines(cut).map(\.text) == ["hello", "(truncated, 90000 bytes total)"])
    }

    @Test func sparklinesScaleToTheLargestValue() {
        #expect(Sparkline.render([0, 1, 2, 4], width: 6, levels: Glyphs.unicode.levels) == "  ▁▃▅█")
        #expect(Sparkline.render([5, 5], width: 2, levels: Glyphs.plain.levels) == "##")
    }

    @Test func nameFilters() {
        #expect(NameFilter("SYNC").matches("sync-users"))
        #expect(NameFilter("a|zzz").matches("bar"))
        #expect(!NameFilter("!bar").matches("bar"))
        #expect(NameFilter("!bar|baz").matches("foo") && !NameFilter("!bar|baz").matches("BAZ"))
        #expect(NameFilter("").matches("anything") && NameFilter(" | ").isEmpty)
        #expect(NameFilter(" !a | b ").description == "!a|b")
    }

    @Test func durationFlags() {
        #expect(DashboardCommand.refreshLimits.milliseconds("250ms") == 250)
        #expect(DashboardCommand.refreshLimits.milliseconds("1.5s") == 1_500)
        #expect(DashboardCommand.refreshLimits.milliseconds("3") == 3_000)
        #expect(DashboardCommand.refreshLimits.milliseconds("100ms") == nil)
        #expect(DashboardCommand.refreshLimits.milliseconds("soon") == nil)
        #expect(DashboardCommand.escapeDelayLimits.milliseconds("-1s") == nil)
        #expect(DashboardCommand.escapeDelayLimits.milliseconds("3s") == nil)
        #expect(DashboardCommand.refreshLimits.reason("100ms") == "'100ms' is not a duration from 250ms to 1d (e.g. 500ms, 2s)")
    }

    @Test func theStatusFlagOffersAndTakesProblems() throws {
        #expect(DashboardCommand.helpMessage().contains("problems"))
        let options = try DashboardCommand.parse(["--status", "problems"]).dashboardOptions()
        #expect(options.status == .problems)
        #expect(options.view == .history)
        let error = #expect(throws: (any Error).self) { try DashboardCommand.parse(["--status", "broken"]).dashboardOptions() }
        let message = "is not one of all, problems, failed, timed-out, retrying, running, succeeded"
        #expect(String(describing: error).contains(message))
        // History's and the API's spelling is taken too, and history takes the dashboard's.
        #expect(try DashboardCommand.parse(["--status", "timed_out"]).dashboardOptions().status == .timedOut)
        #expect(try HistoryCommand.parse(["--status", "timed-out"]).query(now: 0).status == .timedOut)
        #expect(try HistoryCommand.parse(["--status", "timed_out"]).query(now: 0).status == .timedOut)
    }

    @Test func theEventsTitleShowsTheFiltersApplied() {
        let options = DashboardOptions(view: .events, status: .problems, filter: "sync|!billing")
        let state = DashboardFixture.state(size: TerminalSize(columns: 200, rows: 50), options: options)
        let screen = DashboardRenderer.render(state, size: state.size)
        let title = screen.text.split(separator: "\n").first { $0.contains("Events") && $0.contains("┌") }
        #expect(title?.contains("filter: sync|!billing status: problems (failed, timed out)") == true)
    }

    @Test func timesAreUTC() {
        #expect(TimeText.full(DashboardFixture.now) == "2025-11-29 14:02:31 UTC")
        #expect(TimeText.full(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29 00:00:00 UTC")
        #expect(DurationText.relative(DashboardFixture.now.addingTimeInterval(133), now: DashboardFixture.now) == "in 2m")
        #expect(DurationText.relative(DashboardFixture.now.addingTimeInterval(-7200), now: DashboardFixture.now) == "2h ago")
        // Less than a second ahead is still ahead.
        #expect(DurationText.relative(DashboardFixture.now.addingTimeInterval(0.6), now: DashboardFixture.now) == "in 1s")
        #expect(DurationText.relative(DashboardFixture.now, now: DashboardFixture.now) == "<1m ago")
    }

    /// NEXT is 8 columns: far fires lose their smaller unit rather than being cut.
    @Test(arguments: [(11_520, "in 3h12m"), (73_500, "in 20h"), (187_200, "in 2d4h"), (1_036_800, "in 12d")])
    func farFiresFitTheNextColumn(seconds: Double, expected: String) {
        let text = DurationText.relative(DashboardFixture.now.addingTimeInterval(seconds), now: DashboardFixture.now)
        #expect(text == expected)
        #expect(text.count <= 8)
    }

    @Test func theRingBufferDropsTheOldest() {
        var ring = RingBuffer<Int>(capacity: 3)
        for n in 1...5 { ring.append(n) }
        #expect(ring.enumeratedBySequence().map(\.element) == [3, 4, 5])
        #expect(ring.firstSequence == 2)
    }
}
