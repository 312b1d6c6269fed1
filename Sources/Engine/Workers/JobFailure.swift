/// How a job handler reports a failed attempt when it knows more than "it threw".
package struct JobFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// A one-line explanation, recorded as the job's last error.
    package var message: String
    /// Whether another attempt may succeed (connection errors, timeouts, 5xx, 429) or not (other 4xx).
    package var retryable: Bool
    /// A delay the target asked for (`Retry-After`), used instead of the backoff.
    package var retryAfter: Duration?
    /// The failure's class, as the one that made the attempt decided it (for HTTP jobs, the
    /// ``HTTPExecutor``). The queue, the events, the metrics and the dashboard take it from here and
    /// never from ``message``.
    package var kind: ExecutionErrorKind?
    /// The attempt's HTTP status and duration, for its `failed` or `retrying` event.
    package var report: AttemptReport

    /// Creates a failure.
    package init(
        _ message: String, retryable: Bool = true, retryAfter: Duration? = nil, kind: ExecutionErrorKind? = nil,
        report: AttemptReport = AttemptReport()
    ) {
        self.message = message
        self.retryable = retryable
        self.retryAfter = retryAfter
        self.kind = kind
        self.report = report
    }

    package var description: String { message }

    /// An attempt that ran past its timeout.
    package static func timedOut(after timeout: Duration) -> JobFailure {
        JobFailure("timed out after \(timeout.milliseconds) ms", retryable: true, kind: .timeout, report: AttemptReport(duration: timeout))
    }
}
