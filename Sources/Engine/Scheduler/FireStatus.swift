/// How the fire ledger recorded one slot of a schedule.
public enum FireStatus: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// A job was enqueued for it, in the same step that claimed it.
    case enqueued
    /// Nobody ran it in time (downtime, a hand-over); the missed-fire policy did not run it.
    case missed
    /// Due on time but refused: the previous run was unfinished (overlap policy) or the dedupe
    /// window had not passed.
    case skipped

    /// The stored form.
    public var description: String { rawValue }
}
