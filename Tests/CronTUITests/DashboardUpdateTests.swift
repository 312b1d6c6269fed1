import Engine
import Foundation
import Testing

@testable import CronTUI

/// `update` as a table: a starting state, keys, and the state and effects expected after them.
@Suite struct DashboardUpdateTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var options = DashboardOptions()
        var keys: [Key]
        var check: @Sendable (DashboardState, [Effect]) -> Bool
        var testDescription: String { name }
    }

    /// The first History page the dashboard asks for with `status` (and in a schedule's scope).
    static func query(_ status: StatusFilter = .all, scope: Int64? = nil) -> ExecutionQuery {
        var query = ExecutionQuery(limit: 100, scheduleID: scope)
        query.statuses = status.statuses
        return query
    }

    static let cases: [Case] = [
        Case(name: "q at the top quits", keys: [.char("q")]) { s, e in s.quitting && e == [.quit] },
        Case(name: "Esc never quits", keys: [.escape, .escape]) { s, e in !s.quitting && e.isEmpty },
        Case(name: "Ctrl-C quits even from a prompt", keys: [.char("/"), .char("a"), .ctrl("c")]) { s, e in
            s.quitting && e == [.quit]
        },
        Case(name: "3 shows History and fetches its first page", keys: [.char("3")]) { s, e in
            s.view == .history && e == [.fetchHistory(query())]
        },
        Case(name: "] cycles the status to problems and refetches", keys: [.char("3"), .char("]")]) { s, e in
            s.status == .problems && e.last == .fetchHistory(query(.problems)) && query(.problems).statuses == [.failed, .timedOut]
        },
        Case(name: "] twice is failed alone", keys: [.char("3"), .char("]"), .char("]")]) { s, e in
            s.status == .failed && e.last == .fetchHistory(query(.failed))
        },
        Case(name: "[ from all wraps to succeeded", keys: [.char("3"), .char("[")]) { s, _ in s.status == .succeeded },
        Case(name: "arrows cycle the status too", keys: [.char("3"), .right, .right, .left]) { s, _ in s.status == .problems },
        Case(name: "f toggles problems: failed and timed out", keys: [.char("3"), .char("f")]) { s, e in
            s.status == .problems && e.last == .fetchHistory(query(.problems))
        },
        Case(name: "f works in Overview too, on the schedules", keys: [.char("f")]) { s, _ in
            s.status == .problems && !s.visibleSchedules.isEmpty
                && s.visibleSchedules.allSatisfy { $0.last?.status == .failed || $0.last?.status == .timedOut }
        },
        Case(name: "a typed filter goes to the history query", keys: [.char("3")] + "/!sync|bill".map { Key.char($0) } + [.enter]) { s, e in
            guard case .fetchHistory(let q) = e.last else { return false }
            return q.name == NameFilter(terms: ["sync", "bill"], excluding: true)
        },
        Case(name: "f twice shows all again", keys: [.char("3"), .char("f"), .char("f")]) { s, _ in s.status == .all },
        Case(name: "Tab and Shift-Tab cycle views", keys: [.tab, .tab, .backTab]) { s, _ in s.view == .schedules },
        Case(name: "Tab wraps from Events to Overview", keys: [.char("4"), .tab]) { s, _ in s.view == .overview },
        Case(name: "j moves the schedule selection", keys: [.char("j"), .char("j"), .down, .char("k")]) { s, _ in
            s.schedulesCursor.selected == 2
        },
        Case(name: "G then g go to the ends", keys: [.char("2"), .char("G")]) { s, _ in
            s.schedulesCursor.selected == s.visibleSchedules.count - 1
        },
        Case(name: "Enter on a schedule opens its history", keys: [.char("s"), .char("j"), .enter]) { s, e in
            // By name, the second is deploy-🚀-notify (id 11).
            s.view == .history && s.history.scope?.scheduleID == 11 && s.history.scope?.name == "deploy-🚀-notify"
                && e == [.fetchHistory(query(scope: 11))]
        },
        Case(name: "q leaves a schedule's history, not the dashboard", keys: [.enter, .char("q")]) { s, e in
            s.view == .overview && s.history.scope == nil && !s.quitting && !e.contains(.quit)
        },
        Case(name: "r asks before running a schedule", keys: [.char("r")]) { s, e in
            // Failures first: the top row is a failing one.
            let top = s.visibleSchedules[0]
            return top.health(at: s.now) == .failing
                && s.prompt == .confirm(question: "Run \"\(top.name)\" now? [y/N]", command: .runNow(scheduleID: String(top.id))) && e.isEmpty
        },
        Case(name: "y confirms", keys: [.char("s"), .char("r"), .char("y")]) { s, e in
            s.prompt == nil && e == [.perform(.runNow(scheduleID: "4"))] && s.visibleSchedules[0].name == "cleanup-sessions"
        },
        Case(name: "anything but y declines", keys: [.char("r"), .enter]) { s, e in
            s.prompt == nil && e.isEmpty && s.flash?.text == "Cancelled"
        },
        Case(name: "uppercase N declines", keys: [.char("r"), .char("N")]) { s, e in s.prompt == nil && e.isEmpty },
        Case(name: "read-only refuses r with a note", options: DashboardOptions(readonly: true), keys: [.char("r")]) { s, e in
            s.prompt == nil && e.isEmpty && s.flash?.kind == .failure
        },
        Case(name: "read-only refuses P", options: DashboardOptions(readonly: true), keys: [.char("P"), .char("y")]) { s, e in
            e.isEmpty
        },
        Case(name: "p asks to resume a paused schedule", keys: [.char("s")] + Array(repeating: .char("j"), count: 7) + [.char("p")]) { s, _ in
            s.prompt
                == .confirm(
                    question: "Resume schedule \"rotate-keys\"? [y/N]",
                    command: .setSchedulePaused(scheduleID: "7", paused: false))
        },
        Case(name: "P asks to pause the queue", keys: [.char("P"), .char("y")]) { s, e in e == [.perform(.setQueuePaused(true))] },
        Case(name: "/ filters schedules as typed", keys: [.char("/"), .char("S"), .char("y"), .char("n")]) { s, _ in
            s.filter == "Syn" && s.visibleSchedules.map(\.name) == ["sync-users"]
        },
        Case(name: "| means either", keys: "/sync|bill".map { Key.char($0) } + [.enter]) { s, _ in
            s.prompt == nil && s.visibleSchedules.count == 2
        },
        Case(name: "! inverts", keys: "/!-".map { Key.char($0) } + [.enter]) { s, _ in
            Set(s.visibleSchedules.map(\.name)) == ["日本語レポート", "legacy\u{202E}gnp.exe"]
        },
        Case(name: "Esc in the prompt clears the filter", keys: [.char("/"), .char("x"), .escape]) { s, _ in
            s.prompt == nil && s.filter.isEmpty
        },
        Case(name: "Esc clears an applied filter and status", keys: [.char("3"), .char("f"), .escape]) { s, e in
            s.status == .all && e.last == .fetchHistory(query())
        },
        Case(name: "? opens help and the next key only closes it", keys: [.char("?"), .char("q")]) { s, e in
            !s.showHelp && !s.quitting && e.isEmpty
        },
        Case(name: "Z freezes updates", keys: [.char("Z")]) { s, _ in s.frozen },
        Case(name: "R refreshes now", keys: [.char("R")]) { _, e in e == [.fetchSnapshot(queue: nil)] },
        Case(name: "+ slows the refresh", keys: [.char("+")]) { s, e in
            s.refreshInterval == .seconds(5) && e == [.setRefreshInterval(.seconds(5))]
        },
        Case(name: "- speeds it up", keys: [.char("-"), .char("-")]) { s, e in s.refreshInterval == .milliseconds(500) },
        Case(name: "Ctrl-L repaints", keys: [.ctrl("l")]) { _, e in e == [.repaint] },
        Case(name: "k in Events stops following", keys: [.char("4"), .char("k")]) { s, _ in !s.events.follow },
        Case(name: "G in Events follows again", keys: [.char("4"), .char("k"), .char("G")]) { s, _ in s.events.follow },
        Case(name: "F toggles follow", keys: [.char("4"), .char("F")]) { s, _ in !s.events.follow },
        Case(name: "Enter on an event opens its execution", keys: [.char("4"), .enter]) { s, e in
            s.detail != nil && e == [.fetchDetail(id: s.detail!.id)]
        },
    ]

    @Test(arguments: cases)
    func keys(_ testCase: Case) {
        var state = DashboardFixture.state(options: testCase.options)
        let effects = DashboardFixture.press(testCase.keys, on: &state)
        let passed = testCase.check(state, effects)
        #expect(passed, "after \(testCase.keys.map(\.label)): view \(state.view), effects \(effects)")
    }

    @Test func historyRowOpensDetailAndRerunNamesTheExecution() throws {
        var state = DashboardFixture.state()
        _ = DashboardFixture.answer(DashboardFixture.press([.char("3"), .char("]")], on: &state), on: &state)
        #expect(state.history.rows.allSatisfy { $0.status == .failed || $0.status == .timedOut })
        #expect(state.history.rows.contains { $0.status == .failed } && state.history.rows.contains { $0.status == .timedOut })
        let first = state.history.rows[0]
        let id = try #require(first.id)
        let effects = DashboardFixture.press([.enter], on: &state)
        #expect(effects == [.fetchDetail(id: id)])
        _ = DashboardFixture.answer(effects, on: &state)
        #expect(state.detail?.detail?.record.id == id)
        _ = DashboardFixture.press([.char("r")], on: &state)
        #expect(
            state.prompt
                == .confirm(question: "Rerun \"\(first.name)\" (from exec #\(id)) now? [y/N]", command: .rerun(executionID: id)))
        _ = DashboardFixture.press([.escape, .char("q")], on: &state)
        #expect(state.detail == nil && !state.quitting)
    }

    @Test func scrollingHistoryPastThePageLoadsTheNextOne() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.answer(DashboardFixture.press([.char("3")], on: &state), on: &state)
        #expect(state.history.rows.count == 100)
        let effects = DashboardFixture.press([.char("G")], on: &state)
        guard case .fetchHistory(let query) = effects.last else {
            Issue.record("expected a fetch, got \(effects)")
            return
        }
        #expect(query.after == state.history.next)
        _ = DashboardFixture.answer(effects, on: &state)
        #expect(state.history.rows.count > 100)
    }

    @Test func staleHistoryAnswersAreIgnored() {
        var state = DashboardFixture.state()
        let first = DashboardFixture.press([.char("3")], on: &state)
        _ = DashboardFixture.press([.char("]")], on: &state)
        _ = DashboardFixture.answer(first, on: &state)
        #expect(state.history.rows.isEmpty && state.history.loading?.statuses == [.failed, .timedOut])
    }

    @Test func failuresKeepTheLastGoodData() {
        var state = DashboardFixture.state()
        _ = state.update(.snapshotFailed("connection refused", at: DashboardFixture.now))
        #expect(state.connection == .failed("connection refused", since: DashboardFixture.now))
        #expect(state.snapshot == DashboardFixture.data.snapshot)
        // A second failure keeps the time the outage began.
        _ = state.update(.snapshotFailed("no reply within the timeout", at: DashboardFixture.now.addingTimeInterval(5)))
        #expect(state.connection == .failed("no reply within the timeout", since: DashboardFixture.now))
        _ = state.update(.snapshotLoaded(DashboardFixture.data.snapshot, at: DashboardFixture.now))
        #expect(state.connection == .live)
    }

    @Test func aRefreshDoesNotStackOnOneInFlight() {
        var state = DashboardFixture.state()
        _ = state.update(.refreshDue)
        #expect(state.update(.refreshDue) == [])
        _ = state.update(.snapshotLoaded(DashboardFixture.data.snapshot, at: DashboardFixture.now))
        #expect(state.update(.refreshDue) == [.fetchSnapshot(queue: nil)])
    }

    @Test func frozenDataIsHeldUntilResumed() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char("Z")], on: &state)
        var changed = DashboardFixture.data.snapshot
        changed.stats.waiting = 999
        _ = state.update(.snapshotLoaded(changed, at: DashboardFixture.now))
        let event = DashboardEvent(id: "x", time: DashboardFixture.now, kind: .queuePaused)
        _ = state.update(.eventsArrived([event]))
        #expect(state.snapshot?.stats.waiting == 128)
        #expect(state.heldEvents == [event])
        _ = DashboardFixture.press([.char("Z")], on: &state)
        #expect(state.snapshot?.stats.waiting == 999)
        #expect(state.visibleEvents.last?.element == event)
    }

    @Test func newEventsWhileScrolledCountAsNew() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char("4"), .char("k")], on: &state)
        let selected = state.selectedEvent
        let arrivals = (0..<3).map { DashboardEvent(id: "n\($0)", time: DashboardFixture.now, kind: .started, job: "new") }
        _ = state.update(.eventsArrived(arrivals))
        #expect(state.selectedEvent == selected)
        #expect(state.visibleEvents.count { $0.sequence >= state.events.unseenFrom } == 3)
    }

    @Test func commandResultsFlashAndJoinTheFeed() {
        var state = DashboardFixture.state()
        _ = state.update(.refreshDue)
        _ = state.update(.snapshotLoaded(DashboardFixture.data.snapshot, at: DashboardFixture.now))
        let effects = state.update(.commandSucceeded(.setQueuePaused(true), message: "Queue paused"))
        #expect(state.flash?.text == "✓ Queue paused")
        #expect(state.visibleEvents.last?.element.kind == .operatorAction)
        #expect(effects == [.fetchSnapshot(queue: nil)])
        _ = state.update(.commandFailed(.setQueuePaused(true), message: "refused"))
        #expect(state.flash?.kind == .failure)
    }

    @Test func flashMessagesExpire() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char("r"), .char("n")], on: &state)
        #expect(state.flash != nil)
        _ = state.update(.tick(DashboardFixture.now.addingTimeInterval(6)))
        #expect(state.flash == nil)
    }

    @Test func theEventFeedIsBounded() {
        var state = DashboardFixture.state(options: DashboardOptions(eventCapacity: 50))
        let many = (0..<500).map { DashboardEvent(id: "\($0)", time: DashboardFixture.now, kind: .started) }
        _ = state.update(.eventsArrived(many))
        #expect(state.events.buffer.count == 50)
        #expect(state.visibleEvents.last?.element.id == "499")
    }

    @Test func everyKeyInTheHelpIsHandled() {
        for binding in KeyMap.bindings {
            for context in binding.contexts {
                #expect(KeyMap.action(for: binding.keys[0], in: context) != nil)
            }
        }
    }

    @Test func helpCutShortScrollsWithTheMovingKeys() {
        var state = DashboardFixture.state(size: TerminalSize(columns: 60, rows: 15))
        _ = state.update(.key(.char("?")))
        let page = state.helpPage
        #expect(page.visibleRows == 12)
        #expect(page.maxTop == page.rowCount - 12 && page.maxTop > 0)
        #expect(state.update(.key(.char("j"))).isEmpty)
        _ = state.update(.key(.down))
        #expect(state.showHelp && state.helpTop == 2)
        _ = state.update(.key(.char("k")))
        #expect(state.helpTop == 1)
        _ = state.update(.key(.pageDown))
        #expect(state.helpTop == min(page.maxTop, 12))
        _ = state.update(.key(.end))
        #expect(state.helpTop == page.maxTop)
        _ = state.update(.key(.char("j")))
        #expect(state.helpTop == page.maxTop)
        _ = state.update(.key(.pageUp))
        _ = state.update(.key(.up))
        _ = state.update(.key(.home))
        #expect(state.showHelp && state.helpTop == 0)
        _ = state.update(.key(.up))
        #expect(state.helpTop == 0)
        // Any other key closes it and does nothing else; `?` opens it at the top again.
        _ = state.update(.key(.char("G")))
        #expect(state.update(.key(.char("q"))).isEmpty)
        #expect(!state.showHelp && !state.quitting)
        _ = state.update(.key(.char("?")))
        #expect(state.showHelp && state.helpTop == 0)
    }

    @Test func helpThatFitsClosesOnAnyKey() {
        var state = DashboardFixture.state(size: TerminalSize(columns: 200, rows: 50))
        _ = state.update(.key(.char("?")))
        #expect(state.helpPage.maxTop == 0)
        #expect(state.update(.key(.char("j"))).isEmpty)
        #expect(!state.showHelp && state.schedulesCursor.selected == 0)
    }
}
