/// One connection to Redis over hiredis, owning a thread of its own.
///
/// Callers write their commands straight to the non-blocking socket (in order, under a lock) and
/// suspend; the connection's own thread is the only one that waits, in `poll`, and hands each reply
/// to its caller. Nothing blocks Swift's cooperative pool, concurrent callers are pipelined
/// automatically, and ``pipeline(_:)`` sends many commands in one write.
///
/// When the link breaks, the commands in flight fail with ``RedisError/Code/connection`` (they may or
/// may not have run); the next request reconnects, with backoff, for up to
/// ``RedisConnectionOptions/reconnectWindow``. Blocking commands (`BLMOVE`, `XREAD BLOCK`) belong on a
/// connection of their own, since they hold up everything queued behind them.
public final class RedisConnection: Sendable {
    /// The server this connection talks to.
    public let endpoint: RedisEndpoint
    /// Counts this connection's round trips (shared with the pool it belongs to).
    public let statistics: RedisStatistics
    private let core: RedisConnectionCore

    /// Creates the connection and its thread. Connecting happens with the first command.
    public init(
        endpoint: RedisEndpoint, options: RedisConnectionOptions = RedisConnectionOptions(),
        statistics: RedisStatistics = RedisStatistics()
    ) {
        self.endpoint = endpoint
        self.statistics = statistics
        self.core = RedisConnectionCore(endpoint: endpoint, options: options)
    }

    deinit { core.close() }

    /// Sends one command and returns its reply; an error reply throws ``RedisError/Code/server``.
    @discardableResult
    public func send(_ command: RedisCommand) async throws(RedisError) -> RedisValue {
        let replies = try await pipeline([command])
        if case .error(let message) = replies[0] { throw RedisError(.server, message) }
        return replies[0]
    }

    /// Sends one command built from its parts.
    @discardableResult
    public func send(_ name: String, _ arguments: any RedisArgument...) async throws(RedisError) -> RedisValue {
        try await send(RedisCommand(name, arguments))
    }

    /// Sends the commands in one write and returns their replies in order. Error replies are returned
    /// as ``RedisValue/error(_:)`` values, not thrown, so one failing command does not hide the rest.
    public func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisValue] {
        if commands.isEmpty { return [] }
        statistics.record(commands: commands.count)
        do {
            return try await withUnsafeThrowingContinuation { continuation in
                core.submit(commands, continuation)
            }
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError(.connection, "\(error)")
        }
    }

    /// Closes the connection: waiting commands fail with ``RedisError/Code/closed`` and the thread ends.
    public func close() { core.close() }
}
