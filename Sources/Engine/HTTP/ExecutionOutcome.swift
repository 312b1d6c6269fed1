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
