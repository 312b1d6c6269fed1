/// Where a job is in its life. A job is in exactly one state at a time.
package enum JobState: String, Sendable, CaseIterable, Codable {
    /// Ready to run, in line.
    case waiting
    /// Waiting for its due time (first run or a retry).
    case delayed
    /// Held by a worker, under a lock.
    case active
    /// Finished successfully.
    case completed
    /// Failed its last attempt, or stalled too often.
    case failed
}
