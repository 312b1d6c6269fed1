/// How the fire ledger recorded one slot of a schedule.
public enum FireStatus: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A job was (or, for a row the reconciler has yet to finish, will be) enqueued for it.
    case enqueued
    /// Nobody ran it in time (downtime, a hand-over); the missed-fire policy did not run it.
    case missed
    /// Due on time but refused: the previous run was unfinished (overlap policy) or the dedupe
    /// window had not passed.
    case skipped

    /// The stored form.
    public var description: String { rawValue }
}

/// Why a slot was recorded as it was, beyond its status.
public enum FireReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Enqueued late: a missed slot that the `run_once` / `run_all` policy runs.
    case catchUp = "catch_up"
    /// Enqueued once the previous run finished (`queue_one`).
    case held
    /// Skipped: the previous run was unfinished (`skip`).
    case overlap
    /// Skipped: a slot was already held behind the unfinished run (`queue_one`).
    case queueFull = "queue_full"
    /// Skipped: within the dedupe window of the previous fire.
    case dedupe

    /// The stored form.
    public var description: String { rawValue }
}
