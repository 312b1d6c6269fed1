/// Everything that can go wrong talking to Redis.
package struct RedisError: SubsystemError {
    /// What kind of failure this is; new codes may be added.
    package typealias Code = ErrorCode<RedisError>

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

extension ErrorCode<RedisError> {
    /// The server could not be reached or the link broke; the command may or may not have run.
    package static var connection: Self { Self("connection") }
    /// The server answered with an error reply.
    package static var server: Self { Self("server") }
    /// AUTH or SELECT was refused.
    package static var authentication: Self { Self("authentication") }
    /// The reply was not what the caller expected.
    package static var unexpectedReply: Self { Self("unexpected reply") }
    /// The connection was closed by its owner.
    package static var closed: Self { Self("closed") }
    /// The keys of one pipeline or script map to different Redis Cluster slots, so no one node can
    /// run them together.
    package static var crossSlot: Self { Self("cross slot") }
    /// A Redis Cluster kept a slot without a reachable master (a failover that did not finish)
    /// beyond the client's failover window, or redirected a command too often.
    package static var cluster: Self { Self("cluster") }
}
