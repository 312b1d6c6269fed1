/// Errors of the job queue.
public struct QueueError: SubsystemError {
    /// What kind of failure this is; new codes may be added.
    public typealias Code = ErrorCode<QueueError>

    /// The kind of failure.
    public var code: Code
    /// A one-line explanation.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension QueueError {
    init(_ error: RedisError) { self.init(.redis, error.description) }
}

extension ErrorCode<QueueError> {
    /// The job does not exist (any more).
    public static var notFound: Self { Self("not found") }
    /// The job is not in a state that allows the operation.
    public static var wrongState: Self { Self("wrong state") }
    /// The worker no longer holds the job's lock: another worker took it over.
    public static var lockLost: Self { Self("lock lost") }
    /// A value given to the queue is not acceptable.
    public static var invalid: Self { Self("invalid") }
    /// Redis failed.
    public static var redis: Self { Self("redis") }
    /// The operation was done, but recording it in the audit log failed.
    public static var audit: Self { Self("audit") }
}
