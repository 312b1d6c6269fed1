/// What one HTTP attempt produced: a response (whatever its status) or the reason there was none.
///
/// A non-2xx response is an outcome like any other, not an error.
public struct HTTPAttemptResult: Sendable {
    /// The response status, when a response head arrived.
    public var status: Int?
    /// The response headers as received (not yet redacted).
    public var headers: [(name: String, value: String)] = []
    /// The first bytes of the body, up to the executor's limit.
    public var body: [UInt8] = []
    /// The full body size seen, in bytes.
    public var bodySize: Int64 = 0
    /// How the attempt ended.
    public var outcome: ExecutionOutcome
    /// What went wrong, when it did not succeed.
    public var errorKind: ExecutionErrorKind?
    /// A one-line explanation of a failure.
    public var error: String?
    /// The delay the target asked for with `Retry-After` (429 and 503).
    public var retryAfter: Duration?
    /// How long the attempt took.
    public var duration: Duration = .zero

    /// Whether another attempt may succeed.
    public var isRetryable: Bool { outcome == .retryable || outcome == .interrupted }
}
