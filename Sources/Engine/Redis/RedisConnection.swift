import CHiredis
import Foundation

/// One connection to Redis over hiredis, owning a thread of its own.
///
/// hiredis blocks, so its calls never run on Swift's cooperative pool: callers enqueue requests and
/// suspend; the connection's thread takes every request waiting at that moment, writes all their
/// commands at once and reads the replies in order. Concurrent callers are therefore pipelined
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
                core.submit(RedisConnectionCore.Request(commands: commands, continuation: continuation))
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

/// The state shared between callers and the connection's thread. Everything but `pending` and
/// `closed` is touched by the thread alone.
final class RedisConnectionCore: @unchecked Sendable {
    struct Request {
        var commands: [RedisCommand]
        var continuation: UnsafeContinuation<[RedisValue], any Error>
    }

    private let endpoint: RedisEndpoint
    private let options: RedisConnectionOptions
    private let condition = NSCondition()
    private var pending: [Request] = []
    private var closed = false
    private var context: UnsafeMutablePointer<redisContext>?

    init(endpoint: RedisEndpoint, options: RedisConnectionOptions) {
        self.endpoint = endpoint
        self.options = options
        let thread = Thread { self.loop() }
        thread.name = options.name
        thread.start()
    }

    func submit(_ request: Request) {
        condition.lock()
        if closed {
            condition.unlock()
            request.continuation.resume(throwing: RedisError(.closed, "the connection is closed"))
            return
        }
        pending.append(request)
        condition.signal()
        condition.unlock()
    }

    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }

    // MARK: - The connection's thread

    private func loop() {
        var batch: [Request] = []
        while true {
            condition.lock()
            while pending.isEmpty && !closed { condition.wait() }
            let isClosed = closed
            swap(&batch, &pending)
            condition.unlock()
            if isClosed {
                for request in batch { request.continuation.resume(throwing: RedisError(.closed, "the connection is closed")) }
                if let context { redisFree(context) }
                context = nil
                return
            }
            run(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }

    private func run(_ batch: [Request]) {
        guard let context = connected(batch) else { return }
        let blocking = batch.lazy.flatMap(\.commands).compactMap(\.blockingTimeout).max()
        if let blocking { redisSetTimeout(context, Self.timeval(blocking + options.commandTimeout)) }
        defer { if blocking != nil, let context = self.context { redisSetTimeout(context, Self.timeval(options.commandTimeout)) } }

        for request in batch {
            for command in request.commands { Self.append(command, to: context) }
        }
        var index = 0
        while index < batch.count {
            let request = batch[index]
            var replies: [RedisValue] = []
            replies.reserveCapacity(request.commands.count)
            for _ in request.commands {
                var raw: UnsafeMutableRawPointer?
                guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                    let error = RedisError(.connection, "\(endpoint): \(String(cString: crontui_redis_errstr(context)))")
                    redisFree(context)
                    self.context = nil
                    for failed in batch[index...] { failed.continuation.resume(throwing: error) }
                    return
                }
                let reply = raw.assumingMemoryBound(to: redisReply.self)
                replies.append(Self.decode(reply))
                freeReplyObject(raw)
            }
            request.continuation.resume(returning: replies)
            index += 1
        }
    }

    /// The live context, connecting (with backoff) when there is none; on failure every request of
    /// the batch is failed and nil returned.
    private func connected(_ batch: [Request]) -> UnsafeMutablePointer<redisContext>? {
        if let context { return context }
        let clock = ContinuousClock()
        let deadline = clock.now + options.reconnectWindow
        var delay = options.reconnectBaseDelay
        while true {
            switch connectOnce() {
            case .success(let context):
                self.context = context
                return context
            case .failure(let error):
                let permanent = error.code == .authentication
                if permanent || clock.now + delay > deadline || isClosed {
                    for request in batch { request.continuation.resume(throwing: error) }
                    return nil
                }
                Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
                delay = min(delay * 2, options.reconnectMaxDelay)
            }
        }
    }

    private var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    private func connectOnce() -> Result<UnsafeMutablePointer<redisContext>, RedisError> {
        let timeout = Self.timeval(options.connectTimeout)
        let made: UnsafeMutablePointer<redisContext>?
        if let path = endpoint.socketPath {
            made = redisConnectUnixWithTimeout(path, timeout)
        } else {
            made = redisConnectWithTimeout(endpoint.host ?? "127.0.0.1", Int32(endpoint.port), timeout)
        }
        guard let context = made else { return .failure(RedisError(.connection, "\(endpoint): out of memory")) }
        if crontui_redis_err(context) != 0 {
            let error = RedisError(.connection, "\(endpoint): \(String(cString: crontui_redis_errstr(context)))")
            redisFree(context)
            return .failure(error)
        }
        redisSetTimeout(context, Self.timeval(options.commandTimeout))
        var setup: [RedisCommand] = []
        if let password = endpoint.password {
            setup.append(endpoint.username.map { RedisCommand("AUTH", $0, password) } ?? RedisCommand("AUTH", password))
        }
        if endpoint.database != 0 { setup.append(RedisCommand("SELECT", endpoint.database)) }
        for command in setup {
            Self.append(command, to: context)
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                let error = RedisError(.connection, "\(endpoint): \(String(cString: crontui_redis_errstr(context)))")
                redisFree(context)
                return .failure(error)
            }
            let reply = Self.decode(raw.assumingMemoryBound(to: redisReply.self))
            freeReplyObject(raw)
            if case .error(let message) = reply {
                redisFree(context)
                return .failure(RedisError(.authentication, "\(command.name) refused by \(endpoint): \(message)"))
            }
        }
        return .success(context)
    }

    private static func append(_ command: RedisCommand, to context: UnsafeMutablePointer<redisContext>) {
        command.buffer.withUnsafeBufferPointer { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: command.ends.count) { argv in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: command.ends.count) { lengths in
                    var start = 0
                    for (i, end) in command.ends.enumerated() {
                        argv[i] = base + start
                        lengths[i] = end - start
                        start = end
                    }
                    _ = redisAppendCommandArgv(context, Int32(command.ends.count), argv.baseAddress, lengths.baseAddress)
                }
            }
        }
    }

    private static func decode(_ reply: UnsafeMutablePointer<redisReply>) -> RedisValue {
        let r = reply.pointee
        switch r.type {
        case REDIS_REPLY_STRING:
            guard let str = r.str else { return .bulk([]) }
            return .bulk(Array(UnsafeRawBufferPointer(start: str, count: r.len)))
        case REDIS_REPLY_STATUS:
            return .status(r.str.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: r.len), as: UTF8.self) } ?? "")
        case REDIS_REPLY_ERROR:
            return .error(r.str.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: r.len), as: UTF8.self) } ?? "")
        case REDIS_REPLY_INTEGER:
            return .integer(r.integer)
        case REDIS_REPLY_ARRAY:
            guard let elements = r.element else { return .array([]) }
            return .array((0..<r.elements).map { decode(elements[$0]!) })
        default:
            return .null
        }
    }

    private static func timeval(_ d: Duration) -> Glibc.timeval {
        let (seconds, attos) = d.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attos / 1_000_000_000_000))
    }
}
