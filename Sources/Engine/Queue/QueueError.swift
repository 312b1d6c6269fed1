/// Errors of the job queue.
public struct QueueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The job does not exist (any more).
        public static let notFound = Code(name: "not found")
        /// The job is not in a state that allows the operation.
        public static let wrongState = Code(name: "wrong state")
        /// The worker no longer holds the job's lock: another worker took it over.
        public static let lockLost = Code(name: "lock lost")
        /// A value given to the queue is not acceptable.
        public static let invalid = Code(name: "invalid")
        /// Redis failed.
        public static let redis = Code(name: "redis")
        /// The operation was done, but recording it in the audit log failed.
        public static let audit = Code(name: "audit")
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// A one-line explanation.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension QueueError {
    init(_ error: RedisError) { self.init(.redis, error.description) }
}
