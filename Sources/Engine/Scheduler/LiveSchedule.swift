/// What the leading scheduler holds in memory for one enabled schedule. A class, so the table of a
/// hundred thousand of them holds references, not copies.
final class LiveSchedule {
    /// The stored schedule.
    var schedule: Schedule
    /// Its expression in its zone.
    let cron: CronSchedule
    /// Bumped on every reload, so heap entries made before are recognised as stale.
    var version: UInt32
    /// The latest slot dealt with (recorded, or held), or the instant the schedule became active:
    /// the next slot is the first one after it.
    var lastHandled: Int64
    /// The planner's memory: the latest enqueued slot, a held slot.
    var planner: FirePlanner.State
    /// The job of the latest enqueued slot, whose state the overlap policy looks at.
    var lastJobID: String?
    /// The next slot, epoch milliseconds; nil when the schedule never fires again.
    var nextDue: Int64?
    /// The prepared payload parts, made at the first fire.
    var payload: FirePayload?

    /// A schedule fresh from the store, its evaluated expression, and what the ledger says of its
    /// last slots.
    init(schedule: Schedule, cron: CronSchedule, marks: FireLedger.Marks?, version: UInt32 = 0) {
        self.schedule = schedule
        self.cron = cron
        self.version = version
        lastHandled = max(marks?.lastSlot ?? .min, schedule.activeSince)
        planner = FirePlanner.State(lastEnqueuedSlot: marks?.lastEnqueuedSlot, held: marks?.heldSlot)
        lastJobID = marks?.lastJobID
        nextDue = nextSlot(after: lastHandled)
    }

    /// The first slot strictly after `instant` (epoch ms), in epoch ms.
    func nextSlot(after instant: Int64) -> Int64? {
        let seconds = instant >= 0 ? instant / 1_000 : (instant - 999) / 1_000
        return cron.nextFire(after: seconds).map { $0 * 1_000 }
    }

    /// The slots after ``lastHandled`` up to `now`, no older than `window` ms, at most the latest
    /// `limit` of them.
    func dueSlots(now: Int64, window: Int64, limit: Int) -> [Int64] {
        var slots: [Int64] = []
        var cursor = max(lastHandled, now - window - 1)
        while let slot = nextSlot(after: cursor), slot <= now {
            slots.append(slot)
            cursor = slot
            if slots.count > 2 * limit { slots.removeFirst(slots.count - limit) }
        }
        if slots.count > limit { slots.removeFirst(slots.count - limit) }
        return slots
    }

    var policy: (missed: MissedFirePolicy, overlap: OverlapPolicy) {
        (schedule.definition.missed, schedule.definition.overlap)
    }
}
