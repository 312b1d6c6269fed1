import Engine
import Foundation
import Testing

@testable import CronTUI

/// What an operator triages with, as pure update and render: schedules by health with the whole
/// row coloured, `s` cycling the order, NEXT never in the past, the job id on screen, ISO dates and
/// counters that say what they count.
@Suite struct DashboardTriageTests {
    static let now = DashboardFixture.now
    static let nowMs = Int64(now.timeIntervalSince1970 * 1_000)

    static func record(_ status: ExecutionStatus, scheduleID: Int64, name: String, agoSeconds: Int64) -> ExecutionRecord {
        let started = nowMs - agoSeconds * 1_000
        var r = ExecutionRecord(
            jobID: "\(scheduleID):\(started)", attempt: 1, maxAttempts: 1, trigger: .cron, scheduleID: scheduleID, scheduleName: name,
            startedAt: started, method: "GET", url: "http://127.0.0.1/", traceID: "0af7651916cd43dd8448eb211c80319c")
        r.id = scheduleID * 100
        r.finishedAt = started + 50
        r.durationMs = 50
        switch status {
        case .succeeded:
            r.outcome = .success
            r.httpStatus = 200
        case .failed:
            r.outcome = .permanent
            r.httpStatus = 503
            r.error = "HTTP 503 from 127.0.0.1"
        case .timedOut:
            r.outcome = .retryable
            r.errorKind = .timeout
            r.error = "no response in 30s"
        default: break
        }
        #expect(r.status == status)
        return r
    }

    static func row(
        _ id: Int64, _ name: String, cron: String = "* * * * *", enabled: Bool = true, activeAgo: Int64 = 10,
        last: (ExecutionStatus, Int64)? = nil
    ) -> ScheduleRow {
        let since = nowMs - activeAgo * 1_000
        let schedule = Schedule(
            id: id, definition: ScheduleDefinition(name: name, cron: cron, url: "http://127.0.0.1/", enabled: enabled), createdAt: since,
            updatedAt: since, activeSince: since)
        var row = ScheduleRow(schedule: schedule, last: last.map { record($0.0, scheduleID: id, name: name, agoSeconds: $0.1) }, nextFire: nil)
        row.nextFire = row.next(at: now)
        return row
    }

    /// One of each health, listed by name: ok, late, paused, failing.
    static let rows = [
        row(1, "alpha-ok", last: (.succeeded, 20)),
        row(2, "bravo-late", activeAgo: 600),
        row(3, "charlie-paused", enabled: false, last: (.succeeded, 20)),
        row(4, "delta-failing", last: (.failed, 30)),
        row(5, "echo-timeout", cron: "0 0 1 1 *", last: (.timedOut, 30)),
    ]

    static func state(_ rows: [ScheduleRow], view: DashboardView = .schedules, size: TerminalSize = TerminalSize(columns: 120, rows: 30))
        -> DashboardState
    {
        var state = DashboardState(options: DashboardOptions(view: view), size: size, now: now)
        _ = state.update(
            .snapshotLoaded(
                DashboardSnapshot(queueName: "q", target: "t", workersAlive: 1, workersTotal: 1, stats: QueueStats(), schedules: rows), at: now))
        return state
    }

    static func lines(_ screen: Screen) -> [Substring] { screen.text.split(separator: "\n", omittingEmptySubsequences: false) }

    @Test func healthIsFailingThenLateThenPausedThenOk() {
        #expect(Self.rows.map { $0.health(at: Self.now) } == [.ok, .late, .paused, .failing, .failing])
        let state = Self.state(Self.rows)
        #expect(state.scheduleSort == .health)
        #expect(state.visibleSchedules.map(\.name) == ["delta-failing", "echo-timeout", "bravo-late", "charlie-paused", "alpha-ok"])
    }

    @Test func sCyclesHealthNameAndNextFireAndTheTitleSaysWhich() {
        var state = Self.state(Self.rows)
        var orders: [(ScheduleSort, [String], String)] = []
        for _ in 0..<3 {
            _ = state.update(.key(.char("s")))
            let title = Self.lines(DashboardRenderer.render(state, size: state.size))[3]
            orders.append((state.scheduleSort, state.visibleSchedules.map(\.name), String(title)))
        }
        #expect(orders.map(\.0) == [.name, .next, .health])
        #expect(orders[0].1 == ["alpha-ok", "bravo-late", "charlie-paused", "delta-failing", "echo-timeout"])
        // Next fire first; the paused one, which never fires, last.
        #expect(orders[1].1.first != "echo-timeout" && orders[1].1.last == "charlie-paused")
        #expect(orders[2].1.first == "delta-failing")
        #expect(orders[0].2.contains("sort: name") && orders[1].2.contains("sort: next") && orders[2].2.contains("sort: health"))
    }

    @Test func theWholeRowTakesTheColourOfItsHealthAndLastErrorsShowWhenThereIsRoom() throws {
        var state = Self.state(Self.rows)
        _ = state.update(.key(.char("j")))  // the selection bar off the first row
        let screen = DashboardRenderer.render(state, size: state.size)
        let lines = Self.lines(screen)
        func role(of name: String) throws -> Set<StyleRole> {
            let y = try #require(lines.firstIndex { $0.contains(name) })
            return Set((2..<(screen.width - 2)).map { screen[$0, y].role })
        }
        #expect(try role(of: "delta-failing") == [.failed])
        #expect(try role(of: "echo-timeout") == [.selection])
        #expect(try role(of: "bravo-late") == [.warning])
        #expect(try role(of: "charlie-paused") == [.dim])
        #expect(try !role(of: "alpha-ok").contains(.failed))
        #expect(lines.contains { $0.contains("delta-failing") && $0.contains("HTTP 503 from 127.0.0.1") })
        #expect(lines.contains { $0.contains("bravo-late") && $0.contains("◷") })
        #expect(lines[4].contains("LAST ERROR"))
        // At 60 columns the error column goes first.
        let narrow = DashboardRenderer.render(state, size: TerminalSize(columns: 60, rows: 20))
        #expect(!narrow.text.contains("LAST ERROR") && narrow.text.contains("delta-failing"))
    }

    @Test func nextNeverShowsAPastTimeForAScheduleThatWillFire() throws {
        let every5 = Self.row(9, "every-5s", cron: "*/5 * * * * *", last: (.succeeded, 2))
        var state = Self.state([every5])
        let heading = Self.lines(DashboardRenderer.render(state, size: state.size))[4]
        let column = try #require(heading.range(of: "NEXT")).lowerBound
        let offset = heading.distance(from: heading.startIndex, to: column)
        var shown: [String] = []
        for tenths in stride(from: 4, to: 230, by: 10) {
            // Ticks only: no new snapshot comes, so the snapshot's next fire goes by.
            let now = Self.now.addingTimeInterval(Double(tenths) / 10)
            _ = state.update(.tick(now))
            let line = try #require(Self.lines(DashboardRenderer.render(state, size: state.size)).first { $0.contains("every-5s") })
            let cell = line.dropFirst(offset).prefix(10).trimmingCharacters(in: .whitespaces)
            // The slot after `now` is the next multiple of five seconds.
            let whole = Int64(now.timeIntervalSince1970.rounded(.down))
            let slot = (whole / 5 + 1) * 5
            #expect(cell == "in \(Int64((Double(slot) - now.timeIntervalSince1970).rounded(.up)))s", "at +\(tenths / 10)s")
            shown.append(cell)
        }
        #expect(!shown.contains { $0.contains("ago") })
        #expect(Set(shown).count == 5, "NEXT counts down and starts again: \(shown)")
        #expect(Self.rows[2].next(at: Self.now.addingTimeInterval(61)) == nil, "a paused schedule has no next fire")
    }

    @Test func historyShowsISODatesAndTheJobIdWholeWhenThereIsRoom() throws {
        var state = DashboardFixture.state(size: TerminalSize(columns: 200, rows: 50))
        _ = DashboardFixture.answer(DashboardFixture.press([.char("3")], on: &state), on: &state)
        let first = try #require(state.history.rows.first)
        let wide = Self.lines(DashboardRenderer.render(state, size: state.size))
        let line = try #require(wide.first { $0.contains("#\(first.id ?? 0)") })
        #expect(line.contains(TimeText.dateClock(first.startedDate)) && line.contains(" 2025-11-29 "))
        #expect(line.contains(" \(first.jobID) "))
        #expect(wide.contains { $0.contains("JOB ID") && $0.contains("STARTED (UTC)") })
        // No date reads month-first: every date on screen carries its year.
        #expect(!wide.joined().contains(" 11-29 "))

        // At 80 columns the job id is left out rather than cut.
        _ = state.update(.resize(TerminalSize(columns: 80, rows: 24)))
        let narrow = DashboardRenderer.render(state, size: state.size).text
        #expect(!narrow.contains("JOB ID") && !narrow.contains(String(first.jobID.prefix(6))))
    }

    @Test func theDetailShowsTheJobIdAsPlainTextOnItsOwnLine() throws {
        var state = DashboardFixture.state()
        _ = DashboardFixture.answer(DashboardFixture.press([.char("3")], on: &state), on: &state)
        let first = try #require(state.history.rows.first)
        _ = DashboardFixture.answer(DashboardFixture.press([.enter], on: &state), on: &state)
        let lines = Self.lines(DashboardRenderer.render(state, size: state.size))
        #expect(lines.contains { $0.contains("Job ID") && $0.contains(" \(first.jobID) ") })
        #expect(lines.contains { $0.contains("Execution #\(first.id ?? 0)") && $0.contains("job \(first.jobID)") })
    }

    @Test func theCountersSayTheyCountJobsAndSinceWhen() {
        for columns in [60, 80, 120] {
            let state = DashboardFixture.state(size: TerminalSize(columns: columns, rows: 24))
            let stats = Self.lines(DashboardRenderer.render(state, size: state.size))[1]
            #expect(stats.contains("JOBS OK 10.2k FAILED 12 (0.1%) since queue start"), "\(columns): \(stats)")
        }
    }
}
