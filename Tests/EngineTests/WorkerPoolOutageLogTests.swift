import Synchronization
import TestSupport
import Testing

@testable import Engine

/// While Redis cannot be reached, a worker pool's fetches and maintenance fail on every try; the
/// log gets one line of each kind per 30 s, and the next one says how many it held back.
@Suite struct WorkerPoolOutageLogTests {
    @Test func aPoolThatCannotReachRedisWritesOneLineOfEachKindPerThirtySeconds() async throws {
        // Nothing listens on port 1: every call is refused at once, as during an outage.
        let redis = FailureCount(RedisClient(endpoint: RedisEndpoint(host: "127.0.0.1", port: 1)))
        let clock = ManualQueueClock()
        let queue = JobQueue(name: "outage", redis: redis, clock: clock)
        let logs = LogCapture()
        let pool = WorkerPool(queue: queue, options: WorkerPoolTests.options(), logger: logs.logger(level: .warning)) { _ in }
        let running = Task { await pool.run() }
        func lines(_ prefix: String) -> [String] { logs.all.map(\.message).filter { $0.hasPrefix(prefix) } }

        // The client waits between reconnection attempts, failing the calls meanwhile: 5 refused
        // calls are more than one of each kind.
        let failedOften = await QueueFixture.eventually(timeout: .seconds(30)) { redis.failures >= 5 }
        #expect(failedOften, "\(redis.failures) refused calls; \(logs.all.map(\.message))")
        #expect(lines("fetching jobs failed").count == 1)
        #expect(lines("queue maintenance failed").count == 1)

        clock.advance(by: .seconds(30))
        let again = await QueueFixture.eventually(timeout: .seconds(20)) { lines("queue maintenance failed").count == 2 }
        pool.stop()
        await running.value
        redis.close()
        #expect(again)
        #expect(lines("queue maintenance failed").last?.contains(" more since the last line)") == true)
    }
}

/// A Redis client that counts the calls that threw.
private final class FailureCount: ForwardingRedisClient {
    let client: any RedisClientProtocol
    private let count = Atomic(0)

    init(_ client: any RedisClientProtocol) { self.client = client }

    var failures: Int { count.load(ordering: .relaxed) }

    func send(_ command: RedisCommand) async throws(RedisError) -> RedisValue {
        try await counted { () throws(RedisError) in try await client.send(command) }
    }

    func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisValue] {
        try await counted { () throws(RedisError) in try await client.pipeline(commands) }
    }

    func run(_ script: RedisScript, keys: [any RedisArgument], arguments: [any RedisArgument]) async throws(RedisError) -> RedisValue {
        try await counted { () throws(RedisError) in try await client.run(script, keys: keys, arguments: arguments) }
    }

    func runEach(
        _ script: RedisScript, keys: [any RedisArgument], count: Int, arguments: (Int) -> [any RedisArgument]
    ) async throws(RedisError) -> [RedisValue] {
        try await counted { () throws(RedisError) in try await client.runEach(script, keys: keys, count: count, arguments: arguments) }
    }

    private func counted<T>(_ call: () async throws(RedisError) -> T) async throws(RedisError) -> T {
        do { return try await call() } catch {
            count.add(1, ordering: .relaxed)
            throw error
        }
    }
}
