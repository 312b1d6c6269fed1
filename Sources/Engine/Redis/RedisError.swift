/// Everything that can go wrong talking to Redis.
public struct RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The server could not be reached or the link broke; the command may or may not have run.
        public static let connection = Code(name: "connection")
        /// The server answered with an error reply.
        public static let server = Code(name: "server")
        /// AUTH or SELECT was refused.
        public static let authentication = Code(name: "authentication")
        /// The reply was not what the caller expected.
        public static let unexpectedReply = Code(name: "unexpected reply")
        /// The connection was closed by its owner.
        public static let closed = Code(name: "closed")
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

    public var description: String { "redis \(code): \(message)" }

    /// True for a server error reply starting with `prefix`, such as `NOSCRIPT`.
    public func isServerError(_ prefix: String) -> Bool { code == .server && message.hasPrefix(prefix) }
}
