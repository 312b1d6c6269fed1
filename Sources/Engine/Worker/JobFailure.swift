/// How a job handler reports a failed attempt when it knows more than "it threw".
public struct JobFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// A one-line explanation, recorded as the job's last error.
    public var message: String
    /// Whether another attempt may succeed (connection errors, timeouts, 5xx, 429) or not (other 4xx).
    public var retryable: Bool
    /// A delay the target asked for (`Retry-After`), used instead of the backoff.
    public var retryAfter: Duration?

    /// Creates a failure.
    public init(_ message: String, retryable: Bool = true, retryAfter: Duration? = nil) {
        self.message = message
        self.retryable = retryable
        self.retryAfter = retryAfter
    }

    public var description: String { message }

    /// An attempt that ran past its timeout.
    public static func timedOut(after timeout: Duration) -> JobFailure {
        JobFailure("timed out after \(timeout.milliseconds) ms", retryable: true)
    }
}
