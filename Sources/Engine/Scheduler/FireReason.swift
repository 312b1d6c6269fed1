/// Why a slot was recorded as it was, beyond its status.
public enum FireReason: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
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
