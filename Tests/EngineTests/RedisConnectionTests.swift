import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Engine

/// The Redis layer against the real Redis that `make test` starts.
@Suite(.enabled(if: TestServices.enabled))
struct RedisConnectionTests {
    let prefix = TestServices.uniqueName("test:redis")

    func connection(_ options: RedisConnectionOptions = RedisConnectionOptions()) throws -> RedisConnection {
        RedisConnection(endpoint: try TestServices.redisEndpoint(), options: options)
    }

    @Test func bytesWithNulAndInvalidUTF8RoundTrip() async throws {
        let redis = try connection()
        defer { redis.close() }
        let value: [UInt8] = [0x00, 0xFF, 0xFE, 0x41, 0x00, 0xC3, 0x28, 0x0A, 0x0D]
        let key: [UInt8] = Array("\(prefix):bin".utf8) + [0x00, 0x80]
        try await redis.send("SET", key, value)
        #expect(try await redis.send("GET", key) == .bulk(value))
        #expect(try await redis.send("STRLEN", key) == .integer(Int64(value.count)))
        #expect(try await redis.send("GET", "\(prefix):missing") == .null)
        try await redis.send("DEL", key)
    }

    @Test func repliesDecodeIntoTheirKinds() async throws {
        let redis = try connection()
        defer { redis.close() }
        let key = "\(prefix):list"
        #expect(try await redis.send("PING") == .status("PONG"))
        #expect(try await redis.send("RPUSH", key, "a", "", "c") == .integer(3))
        #expect(try await redis.send("LRANGE", key, 0, -1) == .array([.bulk(Array("a".utf8)), .bulk([]), .bulk(Array("c".utf8))]))
        await #expect(throws: RedisError.self) { try await redis.send("INCR", key) }
        let replies = try await redis.pipeline([RedisCommand("INCR", key), RedisCommand("DEL", key)])
        #expect(replies[0].isError)
        #expect(replies[1] == .integer(1))
    }

    @Test func tenThousandCommandPipeline() async throws {
        let redis = try connection()
        defer { redis.close() }
        let key = "\(prefix):counter"
        let replies = try await redis.pipeline((0..<10_000).map { _ in RedisCommand("INCR", key) })
        #expect(replies.count == 10_000)
        #expect(replies.enumerated().allSatisfy { $0.element == .integer(Int64($0.offset + 1)) })
        try await redis.send("DEL", key)
    }

    @Test func concurrentCallersEachGetTheirOwnReply() async throws {
        let redis = try connection()
        defer { redis.close() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<200 {
                group.addTask {
                    let reply = try await redis.send("ECHO", "value-\(i)")
                    #expect(reply.string == "value-\(i)")
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func scriptsSurviveScriptFlush() async throws {
        let redis = try connection()
        defer { redis.close() }
        let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
        let key = "\(prefix):script"
        #expect(try await redis.run(script, keys: [key], arguments: [5]) == .integer(5))
        try await redis.send("SCRIPT", "FLUSH")
        #expect(try await redis.run(script, keys: [key], arguments: [2]) == .integer(7))
        try await redis.send("DEL", key)
    }

    /// Runs streamed back to back come back in order, and runs the server refused with NOSCRIPT
    /// are sent again once the script is loaded.
    @Test func streamedScriptRunsKeepTheirOrderAcrossAFlush() async throws {
        let redis = try connection()
        defer { redis.close() }
        let key = "\(prefix):stream"
        let script = RedisScript("return redis.call('RPUSH', KEYS[1], ARGV[1])")
        #expect(try await redis.runEach(script, keys: [key], count: 50) { ["a\($0)"] }.map(\.int) == (1...50).map { $0 })
        try await redis.send("SCRIPT", "FLUSH")
        #expect(try await redis.runEach(script, keys: [key], count: 3) { ["b\($0)"] }.map(\.int) == [51, 52, 53])
        let list = try await redis.send("LRANGE", key, 0, -1).array?.compactMap(\.string)
        #expect(list == (0..<50).map { "a\($0)" } + ["b0", "b1", "b2"])
        let failing = RedisScript("return redis.error_reply('nope ' .. ARGV[1])")
        let error = await #expect(throws: RedisError.self) { try await redis.runEach(failing, keys: [key], count: 2) { ["\($0)"] } }
        #expect(error?.description.contains("nope 0") == true)
        try await redis.send("DEL", key)
    }

    /// A task that prefers the connection's thread runs there after each reply, and still finishes
    /// once the connection is closed under it.
    @Test func tasksCanRunOnTheConnectionsThread() async throws {
        let redis = try connection()
        let onThread = try await withTaskExecutorPreference(redis.executor) { () async throws(RedisError) -> [Bool] in
            var seen: [Bool] = []
            for _ in 0..<20 {
                let reply = try await redis.send("PING")
                seen.append(reply == .status("PONG") && redis.isCurrentExecutor)
            }
            return seen
        }
        #expect(onThread == Array(repeating: true, count: 20))
        let client = RedisClient(endpoint: try TestServices.redisEndpoint(), poolSize: 3)
        defer { client.close() }
        // On a pooled connection's thread, the client sends on that connection.
        let same = try await withTaskExecutorPreference(client.executor) { () async throws(RedisError) -> Int in
            var same = 0
            for _ in 0..<10 {
                _ = try await client.send("PING")
                if client.connection.isCurrentExecutor { same += 1 }
            }
            return same
        }
        #expect(same == 10)
        redis.close()
        let after = await withTaskExecutorPreference(redis.executor) { () async -> Bool in
            (try? await redis.send("PING")) == nil
        }
        #expect(after)
    }

    @Test func reconnectsAfterClientKill() async throws {
        let redis = try connection()
        let admin = try connection()
        defer {
            redis.close()
            admin.close()
        }
        let name = "\(prefix):victim"
        try await redis.send("CLIENT", "SETNAME", name)
        let id = try #require(try await redis.send("CLIENT", "ID").int)
        #expect(try await admin.send("CLIENT", "KILL", "ID", id) == .integer(1))
        // The command that meets the dead link fails; the next one reconnects.
        var recovered = false
        for _ in 0..<3 {
            if let reply = try? await redis.send("PING"), reply == .status("PONG") {
                recovered = true
                break
            }
        }
        #expect(recovered)
        let newID = try #require(try await redis.send("CLIENT", "ID").int)
        #expect(newID != id)
    }

    @Test func selectsTheDatabaseOfTheURL() async throws {
        var endpoint = try TestServices.redisEndpoint()
        endpoint.database = 3
        let db3 = RedisConnection(endpoint: endpoint)
        let db0 = try connection()
        defer {
            db3.close()
            db0.close()
        }
        let key = "\(prefix):db"
        try await db3.send("SET", key, "three")
        #expect(try await db0.send("GET", key) == .null)
        #expect(try await db3.send("GET", key).string == "three")
        try await db3.send("DEL", key)
    }

    @Test func refusedAuthIsAClearError() async throws {
        var endpoint = try TestServices.redisEndpoint()
        endpoint.password = "wrong"
        let redis = RedisConnection(endpoint: endpoint)
        defer { redis.close() }
        do {
            try await redis.send("PING")
            Issue.record("AUTH should have been refused")
        } catch {
            #expect(error.code == .authentication)
            #expect(error.description.contains("AUTH refused"))
            #expect(!error.description.contains("wrong"))
        }
    }

    @Test func unreachableServerFailsWithinTheReconnectWindow() async throws {
        var options = RedisConnectionOptions()
        options.reconnectWindow = .milliseconds(300)
        let redis = RedisConnection(endpoint: RedisEndpoint(host: "127.0.0.1", port: 1), options: options)
        defer { redis.close() }
        await #expect(throws: RedisError.self) { try await redis.send("PING") }
    }

    @Test func unixSocketURL() async throws {
        let url = try #require(ProcessInfo.processInfo.environment["REDIS_SOCKET_URL"], "REDIS_SOCKET_URL is not set")
        let redis = RedisConnection(endpoint: try RedisEndpoint(url: url))
        defer { redis.close() }
        #expect(try await redis.send("PING") == .status("PONG"))
    }

    /// A reply the server sent in time is read, not timed out, when the connection's thread comes to
    /// it late (a loaded machine, or a long job on that thread) and it takes many reads (2 MB here).
    @Test func aReplyThatCameInTimeIsReadWhenTheReaderIsLate() async throws {
        var options = RedisConnectionOptions()
        // Long enough that a loaded machine's Redis answers within it; the job below holds the
        // thread for two and a half of it.
        options.commandTimeout = .seconds(2)
        let redis = try connection(options)
        let admin = try connection()
        defer {
            redis.close()
            admin.close()
        }
        let key = "\(prefix):big"
        let value = [UInt8](repeating: 0x61, count: 2 << 20)
        try await admin.send("SET", key, value)
        #expect(try await redis.send("PING") == .status("PONG"))

        // A job holds the connection's thread past the GET's deadline, as a busy one would.
        let holding = Atomic<Bool>(false)
        let hold = Task(executorPreference: redis.executor) {
            holding.store(true, ordering: .releasing)
            let until = ContinuousClock.now + .milliseconds(5_000)
            while ContinuousClock.now < until { usleep(5_000) }
        }
        #expect(await QueueFixture.eventually(timeout: .seconds(10)) { holding.load(ordering: .acquiring) })
        let reply = try await redis.send("GET", key)
        #expect(reply == .bulk(value))
        await hold.value
        try await admin.send("DEL", key)
    }
}

extension RedisValue {
    var isError: Bool {
        if case .error = self { return true }
        return false
    }
}
