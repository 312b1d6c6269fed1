import Synchronization

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
package final class RedisConnection: Sendable {
    /// The server this connection talks to.
    package let endpoint: RedisEndpoint
    /// Counts this connection's round trips (shared with the pool it belongs to).
    package let statistics: RedisStatistics
    private let core: RedisConnectionCore

    /// Creates the connection and its thread. Connecting happens with the first command.
    package init(
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
    package func send(_ command: RedisCommand) async throws(RedisError) -> RedisValue {
        let replies = try await pipeline([command])
        if case .error(let message) = replies[0] { throw RedisError(.server, message) }
        return replies[0]
    }

    /// Sends one command built from its parts.
    @discardableResult
    package func send(_ name: String, _ arguments: any RedisArgument...) async throws(RedisError) -> RedisValue {
        try await send(RedisCommand(name, arguments))
    }

    /// Sends the commands in one write and returns their replies in order. Error replies are returned
    /// as ``RedisValue/error(_:)`` values, not thrown, so one failing command does not hide the rest.
    package func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisValue] {
        if commands.isEmpty { return [] }
        statistics.record(commands: commands.count)
        do {
            return try await withUnsafeThrowingContinuation { continuation in
                core.submit(commands) { continuation.resume(with: $0) }
            }
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError(.connection, "\(error)")
        }
    }

    /// Sends `count` commands, each built by `command` while the ones before it are already on their
    /// way, and returns their replies in order (error replies as values, as ``pipeline(_:)`` does).
    /// Building a large command, such as a bulk enqueue of 1,000 jobs, then overlaps the server's
    /// work on the previous one, where ``pipeline(_:)`` would build them all first.
    package func stream(count: Int, _ command: (Int) -> RedisCommand) async throws(RedisError) -> [RedisValue] {
        if count == 0 { return [] }
        let collector = ReplyCollector(count: count)
        do {
            return try await withUnsafeThrowingContinuation { continuation in
                collector.start(continuation)
                for index in 0..<count {
                    statistics.record(commands: 1)
                    core.submit([command(index)]) { collector.deliver(index, $0) }
                }
            }
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError(.connection, "\(error)")
        }
    }

    /// The connection's own thread as an executor. A task that sends command after command can run
    /// on it (`withTaskExecutorPreference(connection.executor) { ... }`): each reply then resumes
    /// the task on the thread that read it, saving a hand-over to Swift's shared pool per round trip.
    /// Only for code that never blocks; anything else belongs on the shared pool.
    package var executor: any TaskExecutor { core }

    /// True when the caller runs on this connection's own thread.
    package var isCurrentExecutor: Bool { core.isReaderThread }

    /// Closes the connection: waiting commands fail with ``RedisError/Code/closed`` and the thread ends.
    package func close() { core.close() }
}

/// Gathers the replies of ``RedisConnection/stream(count:_:)`` and resumes its caller once all have
/// come (with the first failure, if any).
private final class ReplyCollector: Sendable {
    private struct State {
        var replies: [RedisValue]
        var remaining: Int
        var failure: (any Error)?
        var continuation: UnsafeContinuation<[RedisValue], any Error>?
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(replies: Array(repeating: .null, count: count), remaining: count))
    }

    func start(_ continuation: UnsafeContinuation<[RedisValue], any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    func deliver(_ index: Int, _ result: Result<[RedisValue], any Error>) {
        let finished = state.withLock { s -> (UnsafeContinuation<[RedisValue], any Error>, Result<[RedisValue], any Error>)? in
            switch result {
            case .success(let replies): s.replies[index] = replies.first ?? .null
            case .failure(let error): s.failure = s.failure ?? error
            }
            s.remaining -= 1
            guard s.remaining == 0, let continuation = s.continuation else { return nil }
            s.continuation = nil
            return (continuation, s.failure.map { .failure($0) } ?? .success(s.replies))
        }
        if let (continuation, result) = finished { continuation.resume(with: result) }
    }
}
