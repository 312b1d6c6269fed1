/// Decides what becomes of a schedule's due slots: the missed-fire policy, the dedupe window and
/// the overlap policy, as a pure function of the slots, the time and what the scheduler knows.
///
/// - A slot more than the misfire threshold late was missed (nobody ran it in time). The missed
///   policy runs none of them (`skip`), the latest (`run_once`) or the latest `cap` (`run_all`);
///   the rest are recorded as `missed`.
/// - Each slot to run is refused (`skipped`, reason `dedupe`) when it comes less than the dedupe
///   window after the previous run's slot.
/// - Then the overlap policy: `allow` runs it; `skip` refuses it while the previous job is
///   unfinished; `queue_one` holds one slot until the previous job finishes and refuses more.
enum FirePlanner {
    /// A schedule's policies and the scheduler's settings.
    struct Policy: Equatable {
        var missed: MissedFirePolicy
        var overlap: OverlapPolicy
        /// Milliseconds; 0 for none.
        var dedupeWindow: Int64 = 0
        /// Milliseconds late after which a slot counts as missed.
        var misfireThreshold: Int64 = 2_000
    }

    /// What the planner remembers of a schedule between calls.
    struct State: Equatable {
        /// The slot of the latest run enqueued.
        var lastEnqueuedSlot: Int64?
        /// A slot held behind the unfinished previous run (`queue_one`).
        var held: Int64?
    }

    /// What becomes of one slot.
    struct Decision: Equatable {
        enum Outcome: Equatable {
            /// Record it as enqueued and enqueue its job.
            case enqueue
            /// Record it as missed.
            case miss
            /// Record it as skipped.
            case skip
            /// Keep it (unrecorded) until the previous run finishes.
            case hold
        }

        var slot: Int64
        var outcome: Outcome
        var reason: FireReason?

        static func enqueue(_ slot: Int64, _ reason: FireReason? = nil) -> Decision { Decision(slot: slot, outcome: .enqueue, reason: reason) }
        static func miss(_ slot: Int64) -> Decision { Decision(slot: slot, outcome: .miss) }
        static func skip(_ slot: Int64, _ reason: FireReason) -> Decision { Decision(slot: slot, outcome: .skip, reason: reason) }
        static func hold(_ slot: Int64) -> Decision { Decision(slot: slot, outcome: .hold) }
    }

    /// The decisions for `slots` (ascending epoch ms, all due at `now`). `previousRunning` says
    /// whether the job of the previous run is unfinished; a held slot is released first when it
    /// is not. Updates `state`.
    static func plan(slots: [Int64], now: Int64, previousRunning: Bool, state: inout State, policy: Policy) -> [Decision] {
        var decisions: [Decision] = []
        decisions.reserveCapacity(slots.count + 1)
        var running = previousRunning
        if let held = state.held, !running {
            decisions.append(.enqueue(held, .held))
            state.lastEnqueuedSlot = held
            state.held = nil
            running = true
        }
        let late = slots.prefix { now - $0 > policy.misfireThreshold }
        let catchUps = late.suffix(policy.missed.slotsToRun)
        for slot in late.dropLast(catchUps.count) { decisions.append(.miss(slot)) }
        let candidates = catchUps.map { ($0, FireReason.catchUp as FireReason?) } + slots.dropFirst(late.count).map { ($0, nil) }
        for (slot, reason) in candidates {
            let last = [state.lastEnqueuedSlot, state.held].compactMap { $0 }.max()
            if policy.dedupeWindow > 0, let last, slot - last < policy.dedupeWindow {
                decisions.append(.skip(slot, .dedupe))
                continue
            }
            switch policy.overlap {
            case .allow:
                decisions.append(.enqueue(slot, reason))
                state.lastEnqueuedSlot = slot
            case .skip:
                if running {
                    decisions.append(.skip(slot, .overlap))
                } else {
                    decisions.append(.enqueue(slot, reason))
                    state.lastEnqueuedSlot = slot
                    running = true
                }
            case .queueOne:
                if !running {
                    decisions.append(.enqueue(slot, reason))
                    state.lastEnqueuedSlot = slot
                    running = true
                } else if state.held == nil {
                    decisions.append(.hold(slot))
                    state.held = slot
                } else {
                    decisions.append(.skip(slot, .queueFull))
                }
            }
        }
        return decisions
    }
}
