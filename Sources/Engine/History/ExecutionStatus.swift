/// The status history shows for one attempt, derived from its outcome and whether the job goes on.
///
/// | outcome | error | another attempt follows | status |
/// |---|---|---|---|
/// | none yet | | | `running` |
/// | success | | | `succeeded` |
/// | retryable or permanent | timeout | either | `timed_out` |
/// | retryable, or interrupted | other | yes | `retrying` |
/// | retryable or permanent | other | no | `failed` |
///
/// A timed-out attempt is `timed_out` whether or not the job retries (its record's `will_retry`
/// says which), so every attempt that outlived its timeout reads the same.
public enum ExecutionStatus: String, Codable, Sendable, CaseIterable {
    /// The attempt succeeded.
    case succeeded
    /// The attempt failed and the job failed for good.
    case failed
    /// The attempt failed (or was interrupted) and the job will run again.
    case retrying
    /// The attempt is running.
    case running
    /// The attempt ran past its timeout (the job may retry; see ``ExecutionRecord/willRetry``).
    case timedOut = "timed_out"

    /// The status of an attempt with `outcome` (nil while it runs).
    public init(outcome: ExecutionOutcome?, errorKind: ExecutionErrorKind?, willRetry: Bool) {
        switch outcome {
        case nil: self = .running
        case .success: self = .succeeded
        case .interrupted: self = .retrying
        case .retryable, .permanent:
            if errorKind == .timeout {
                self = .timedOut
            } else {
                self = willRetry ? .retrying : .failed
            }
        }
    }
}
