/// What one HTTP attempt produced: a response (whatever its status) or the reason there was none.
///
/// A non-2xx response is an outcome like any other, not an error.
package struct HTTPAttemptResult: Sendable {
    /// The response status, when a response head arrived.
    package var status: Int?
    /// The response headers as received (not yet redacted).
    package var headers: [(name: String, value: String)] = []
    /// The first bytes of the body, up to the executor's limit.
    package var body: [UInt8] = []
    /// The full body size seen, in bytes.
    package var bodySize: Int64 = 0
    /// How the attempt ended.
    package var outcome: ExecutionOutcome
    /// What went wrong, when it did not succeed.
    package var errorKind: ExecutionErrorKind?
    /// A one-line explanation of a failure.
    package var error: String?
    /// The delay the target asked for with `Retry-After` (429 and 503).
    package var retryAfter: Duration?
    /// How long the attempt took.
    package var duration: Duration = .zero

    /// Whether another attempt may succeed.
    package var isRetryable: Bool { outcome == .retryable || outcome == .interrupted }
}
