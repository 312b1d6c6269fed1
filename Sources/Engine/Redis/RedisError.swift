/// Everything that can go wrong talking to Redis.
package struct RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    package struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The server could not be reached or the link broke; the command may or may not have run.
        package static let connection = Code(name: "connection")
        /// The server answered with an error reply.
        package static let server = Code(name: "server")
        /// AUTH or SELECT was refused.
        package static let authentication = Code(name: "authentication")
        /// The reply was not what the caller expected.
        package static let unexpectedReply = Code(name: "unexpected reply")
        /// The connection was closed by its owner.
        package static let closed = Code(name: "closed")
        /// The keys of one pipeline or script map to different Redis Cluster slots, so no one node
        /// can run them together.
        package static let crossSlot = Code(name: "cross slot")
        /// A Redis Cluster kept a slot without a reachable master (a failover that did not finish)
        /// beyond the client's failover window, or redirected a command too often.
        package static let cluster = Code(name: "cluster")
        package var description: String { name }
    }

    /// The kind of failure.
    package var code: Code
    /// A one-line explanation.
    package var message: String
    /// True when the command was never written to a server (none could be reached), so it did not
    /// run and may be sent again without running twice.
    package var notSent = false

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "redis \(code): \(message)" }

    /// True for a server error reply starting with `prefix`, such as `NOSCRIPT`.
    package func isServerError(_ prefix: String) -> Bool { code == .server && message.hasPrefix(prefix) }
}
