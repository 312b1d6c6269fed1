import Testing

@testable import Engine

/// The missed-fire, dedupe and overlap policies as a pure function of slots and time.
@Suite struct FirePlannerTests {
    typealias D = FirePlanner.Decision

    /// Plans `slots` (seconds) at `now` (seconds) with a 2 s misfire threshold.
    private func plan(
        _ slots: [Int64], now: Int64, missed: MissedFirePolicy = .skip, overlap: OverlapPolicy = .allow, dedupe: Int64 = 0,
        running: Bool = false, state: inout FirePlanner.State
    ) -> [D] {
        let policy = FirePlanner.Policy(missed: missed, overlap: overlap, dedupeWindow: dedupe * 1_000, misfireThreshold: 2_000)
        return FirePlanner.plan(slots: slots.map { $0 * 1_000 }, now: now * 1_000, previousRunning: running, state: &state, policy: policy)
    }

    private func plan(
        _ slots: [Int64], now: Int64, missed: MissedFirePolicy = .skip, overlap: OverlapPolicy = .allow, dedupe: Int64 = 0, running: Bool = false
    ) -> [D] {
        var state = FirePlanner.State()
        return plan(slots, now: now, missed: missed, overlap: overlap, dedupe: dedupe, running: running, state: &state)
    }

    @Test func onTimeSlotsAreEnqueued() {
        #expect(plan([10], now: 10) == [.enqueue(10_000)])
        #expect(plan([10], now: 12) == [.enqueue(10_000)])  // 2 s late is still on time
    }

    @Test func missedSlotsFollowThePolicy() {
        let slots: [Int64] = [1, 2, 3, 4, 5, 10]
        #expect(plan(slots, now: 10, missed: .skip) == [.miss(1_000), .miss(2_000), .miss(3_000), .miss(4_000), .miss(5_000), .enqueue(10_000)])
        #expect(
            plan(slots, now: 10, missed: .runOnce) == [
                .miss(1_000), .miss(2_000), .miss(3_000), .miss(4_000), .enqueue(5_000, .catchUp), .enqueue(10_000),
            ])
        #expect(
            plan(slots, now: 10, missed: .runAll(cap: 3)) == [
                .miss(1_000), .miss(2_000), .enqueue(3_000, .catchUp), .enqueue(4_000, .catchUp), .enqueue(5_000, .catchUp), .enqueue(10_000),
            ])
        #expect(plan([1, 2], now: 10, missed: .runAll(cap: 10)) == [.enqueue(1_000, .catchUp), .enqueue(2_000, .catchUp)])
    }

    @Test func overlapSkipRefusesWhileThePreviousRunIsUnfinished() {
        #expect(plan([10], now: 10, overlap: .skip, running: true) == [.skip(10_000, .overlap)])
        #expect(plan([10], now: 10, overlap: .skip, running: false) == [.enqueue(10_000)])
        // Catching up, only the first may run: the others would overlap it.
        #expect(
            plan([1, 2, 10], now: 10, missed: .runAll(cap: 5), overlap: .skip) == [
                .enqueue(1_000, .catchUp), .skip(2_000, .overlap), .skip(10_000, .overlap),
            ])
        #expect(plan([10], now: 10, overlap: .allow, running: true) == [.enqueue(10_000)])
    }

    @Test func queueOneHoldsOneSlotAndReleasesItWhenThePreviousRunEnds() {
        var state = FirePlanner.State(lastEnqueuedSlot: 9_000)
        #expect(plan([10], now: 10, overlap: .queueOne, running: true, state: &state) == [.hold(10_000)])
        #expect(state.held == 10_000)
        #expect(plan([11], now: 11, overlap: .queueOne, running: true, state: &state) == [.skip(11_000, .queueFull)])
        // The previous run ended: the held slot goes first, and the new one waits behind it.
        #expect(plan([12], now: 12, overlap: .queueOne, running: false, state: &state) == [.enqueue(10_000, .held), .hold(12_000)])
        #expect(state == FirePlanner.State(lastEnqueuedSlot: 10_000, held: 12_000))
        // Released by a finished job, with no slot due.
        #expect(plan([], now: 13, overlap: .queueOne, running: false, state: &state) == [.enqueue(12_000, .held)])
        #expect(state == FirePlanner.State(lastEnqueuedSlot: 12_000, held: nil))
    }

    @Test func dedupeWindowRefusesFiresTooCloseToThePreviousOne() {
        var state = FirePlanner.State()
        #expect(plan([0], now: 0, dedupe: 3, state: &state) == [.enqueue(0)])
        #expect(plan([1], now: 1, dedupe: 3, state: &state) == [.skip(1_000, .dedupe)])
        #expect(plan([2], now: 2, dedupe: 3, state: &state) == [.skip(2_000, .dedupe)])
        #expect(plan([3], now: 3, dedupe: 3, state: &state) == [.enqueue(3_000)])
        #expect(state.lastEnqueuedSlot == 3_000)
        // Within one plan too.
        #expect(
            plan([0, 1, 2, 3, 4], now: 4, missed: .runAll(cap: 5), dedupe: 2) == [
                .enqueue(0, .catchUp), .skip(1_000, .dedupe), .enqueue(2_000), .skip(3_000, .dedupe), .enqueue(4_000),
            ])
    }
}
