/// How one attempt ended, as the executor classifies it.
public enum ExecutionOutcome: String, Codable, Sendable, CaseIterable {
    /// A 2xx status, or one of the job's expected statuses.
    case success
    /// Another attempt may succeed: a connection error, a DNS failure, a timeout, a 5xx or a 429.
    case retryable
    /// Another attempt would fail the same way: any other 4xx, or a request that cannot be sent
    /// (an invalid URL).
    case permanent
    /// The attempt was cut short by a shutdown and the job was handed back to the queue, so it runs
    /// again (the attempt does not count).
    case interrupted
}

/// What went wrong in an attempt that did not succeed.
public enum ExecutionErrorKind: String, Codable, Sendable, CaseIterable {
    /// The target answered with a status that is not a success.
    case http
    /// The attempt ran past its timeout.
    case timeout
    /// The connection could not be made or broke.
    case connection
    /// The host name could not be resolved.
    case dns
    /// TLS failed.
    case tls
    /// The request cannot be sent as given (invalid URL, method or header).
    case invalidRequest = "invalid_request"
    /// Too many redirects, or a redirect cycle.
    case redirects
    /// The worker stopped while the attempt ran.
    case interrupted
    /// The worker vanished while the attempt ran (its lock expired), and the job ran again.
    case abandoned
    /// Anything else.
    case other
}

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
