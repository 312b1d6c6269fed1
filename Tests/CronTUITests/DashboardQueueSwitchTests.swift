import Engine
import Foundation
import Testing

@testable import CronTUI

/// `Q` and the queue the dashboard follows, as state and screens: the header says which queue and
/// how many there are, a switch asks for the new queue's snapshot and events, and nothing of the
/// old queue shows afterwards.
@Suite struct DashboardQueueSwitchTests {
    /// The fixture with `queues` in sight (the snapshot's queue is `default`).
    static func state(queues: [String], size: TerminalSize = TerminalSize(columns: 120, rows: 40)) -> DashboardState {
        var state = DashboardFixture.state(size: size)
        var snapshot = DashboardFixture.data.snapshot
        snapshot.queues = queues
        _ = state.update(.snapshotLoaded(snapshot, at: DashboardFixture.now))
        return state
    }

    /// The snapshot of queue `name`, with `waiting` jobs.
    static func snapshot(of name: String, waiting: Int, queues: [String]) -> DashboardSnapshot {
        var snapshot = DashboardFixture.data.snapshot
        snapshot.queueName = name
        snapshot.queues = queues
        snapshot.stats.waiting = waiting
        return snapshot
    }

    static func lines(_ state: DashboardState) -> [String] {
        DashboardRenderer.render(state, size: state.size).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static let three = ["default", "b", "c"]

    @Test func qFollowsTheNextQueueAndAsksForItsSnapshotAndEvents() {
        var state = Self.state(queues: Self.three)
        #expect(state.events.buffer.count > 0)
        let effects = state.update(.key(.char("Q")))
        #expect(effects == [.fetchSnapshot(queue: "b"), .subscribeEvents(queue: "b", subscription: 1)])
        #expect(state.queue == "b" && state.followedQueue == "b")
        #expect(state.events.buffer.count == 0)
        #expect(state.flash?.text == "Following queue b")
    }

    @Test func qWrapsFromTheLastQueueToTheFirst() {
        var state = Self.state(queues: Self.three)
        let effects = DashboardFixture.press([.char("Q"), .char("Q"), .char("Q")], on: &state)
        #expect(state.queue == "default")
        #expect(state.eventSubscription == 3)
        #expect(effects.last == .subscribeEvents(queue: "default", subscription: 3))
    }

    @Test func qWithOneQueueInSightSaysSoAndDoesNothing() {
        var state = Self.state(queues: ["default"])
        #expect(state.update(.key(.char("Q"))).isEmpty)
        #expect(state.queue == nil && state.eventSubscription == 0)
        #expect(state.flash?.text == "Only one queue in sight")
    }

    @Test func theHeaderNamesTheFollowedQueueAndHowManyThereAre() {
        var state = Self.state(queues: Self.three)
        #expect(Self.lines(state)[0].contains("queue default (1/3)"))
        _ = state.update(.key(.char("Q")))
        #expect(Self.lines(state)[0].contains("queue b (2/3)"))
        let single = Self.state(queues: ["default"])
        #expect(Self.lines(single)[0].contains("queue default"))
        #expect(!Self.lines(single)[0].contains("(1/"))
    }

    @Test func afterASwitchTheOldQueuesSnapshotAndEventsAreDropped() {
        var state = Self.state(queues: Self.three)
        _ = state.update(.key(.char("Q")))
        // Asked for before the switch: the default queue's figures and events.
        _ = state.update(.snapshotLoaded(Self.snapshot(of: "default", waiting: 111, queues: Self.three), at: DashboardFixture.now))
        let old = DashboardEvent(id: "9-0", time: DashboardFixture.now, kind: .succeeded, job: "old-queue-job")
        _ = state.update(.eventsArrived([old], subscription: 0))
        _ = state.update(.eventsFailed("old stream broke", subscription: 0))
        #expect(state.followedSnapshot == nil)
        #expect(state.events.buffer.count == 0 && state.eventsError == nil)
        #expect(Self.lines(state)[1].contains("loading queue b"))
        #expect(!Self.lines(state)[1].contains("WAIT"))

        let new = DashboardEvent(id: "3-0", time: DashboardFixture.now, kind: .succeeded, job: "b-job")
        _ = state.update(.eventsArrived([new], subscription: 1))
        _ = state.update(.snapshotLoaded(Self.snapshot(of: "b", waiting: 222, queues: Self.three), at: DashboardFixture.now))
        #expect(state.followedSnapshot?.stats.waiting == 222)
        #expect(state.events.buffer.count == 1 && state.events.event(state.events.buffer.firstSequence).job == "b-job")
        #expect(Self.lines(state)[1].contains("WAIT 222"))
    }

    @Test func aRefreshAfterASwitchPollsTheFollowedQueue() {
        var state = Self.state(queues: Self.three)
        _ = state.update(.key(.char("Q")))
        _ = state.update(.snapshotLoaded(Self.snapshot(of: "b", waiting: 1, queues: Self.three), at: DashboardFixture.now))
        #expect(state.update(.refreshDue) == [.fetchSnapshot(queue: "b")])
    }

    @Test func pPausesTheFollowedQueue() {
        var state = Self.state(queues: Self.three)
        _ = state.update(.key(.char("Q")))
        // Before the new queue's figures are in, P has nothing to ask about.
        _ = state.update(.key(.char("P")))
        #expect(state.prompt == nil)
        _ = state.update(.snapshotLoaded(Self.snapshot(of: "b", waiting: 1, queues: Self.three), at: DashboardFixture.now))
        let effects = DashboardFixture.press([.char("P"), .char("y")], on: &state)
        #expect(effects == [.perform(.setQueuePaused(true, queue: "b"))])
    }

    @Test func rInTheFeedRerunsTheJobInTheQueueFollowed() {
        var state = Self.state(queues: Self.three)
        _ = DashboardFixture.press([.char("Q"), .char("4")], on: &state)
        let event = DashboardEvent(id: "5-0", time: DashboardFixture.now, kind: .failed, job: "b-job", jobID: "b-17", attempt: 1)
        _ = state.update(.eventsArrived([event], subscription: 1))
        let effects = DashboardFixture.press([.char("r"), .char("y")], on: &state)
        #expect(effects == [.perform(.rerunJob(jobID: "b-17", queue: "b"))])
        var recorded = event
        recorded.id = "6-0"
        recorded.executionID = 42
        _ = state.update(.eventsArrived([recorded], subscription: 1))
        #expect(DashboardFixture.press([.char("r"), .char("y")], on: &state) == [.perform(.rerun(executionID: 42, queue: "b"))])
    }

    @Test func qIsInTheKeyTableHelpAndFooterOnlyWhenThereIsAQueueToSwitchTo() {
        for context in KeyContext.lists { #expect(KeyMap.action(for: .char("Q"), in: context) == .nextQueue) }
        #expect(KeyMap.action(for: .char("Q"), in: .detail) == nil)
        var state = Self.state(queues: Self.three)
        let footer = { (s: DashboardState) in Self.lines(s)[s.size.rows - 1] }
        #expect(footer(state).contains("Q queue"))
        #expect(!footer(Self.state(queues: ["default"])).contains("Q queue"))
        _ = state.update(.key(.char("?")))
        #expect(Self.lines(state).contains { $0.contains("Q") && $0.contains("follow the next queue") })
    }

    @Test func theSchedulesShowTheirQueueWhenThereIsMoreThanOne() {
        var state = Self.state(queues: Self.three, size: TerminalSize(columns: 160, rows: 40))
        var snapshot = Self.snapshot(of: "default", waiting: 1, queues: Self.three)
        snapshot.schedules[0].schedule.definition.queue = "c"
        _ = state.update(.snapshotLoaded(snapshot, at: DashboardFixture.now))
        _ = state.update(.key(.char("2")))
        let screen = Self.lines(state)
        let header = screen.first { $0.contains("NAME") && $0.contains("SCHEDULE") }
        #expect(header?.contains("QUEUE") == true)
        let moved = snapshot.schedules[0].name
        let other = snapshot.schedules[1].name
        #expect(screen.contains { $0.contains(moved + " ") && $0.contains(" c ") })
        #expect(screen.contains { $0.contains(other + " ") && $0.contains(" default ") })

        var single = Self.state(queues: ["default"], size: TerminalSize(columns: 160, rows: 40))
        _ = single.update(.key(.char("2")))
        #expect(!Self.lines(single).contains { $0.contains("QUEUE") })
    }
}
