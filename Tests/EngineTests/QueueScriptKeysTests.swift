import Foundation
import TestSupport
import Testing

@testable import Engine

/// The queue's scripts are given every key they name in advance (``QueueKeys/declared``), so a
/// Redis Cluster's cross-slot checks see them; they build only the keys named after data.
@Suite(.enabled(if: TestServices.enabled))
struct QueueScriptKeysTests {
    /// Every Lua script of the queue.
    static var scripts: [RedisScript] {
        Mirror(reflecting: JobQueue.scripts).children.compactMap { $0.value as? RedisScript } + [JobQueue.retentionScript]
    }

    @Test func theScriptsNameTheKeysTheyAreGiven() async throws {
        let f = try QueueFixture()
        defer { Task { await f.tearDown() } }
        let k = f.queue.keys
        let probe = RedisScript(
            QueueScripts.declaredKeys + """
                return {K.wait, K.active, K.delayed, K.completed, K.failed, K.events, K.marker, K.idle, K.paused, K.stats, K.seq,
                  K.claims, K.held, K.fireOutbox, P .. 'job:a'}
                """)
        let reply = try await f.redis.run(probe, keys: k.declared, arguments: [])
        #expect(
            reply.array?.compactMap(\.string) == [
                k.wait, k.active, k.delayed, k.completed, k.failed, k.events, k.marker, k.idle, k.paused, k.stats, k.seq, k.fireClaims,
                k.fireHeld, k.fireOutbox, k.job("a"),
            ])
        #expect(Set(k.declared).count == k.declared.count)
    }

    @Test func onlyKeysNamedAfterDataAreBuiltInsideAScript() throws {
        let built = try Regex(#"P \.\. '([a-z:]*)'"#)
        var names = Set<String>()
        for script in Self.scripts {
            for match in script.source.matches(of: built) { names.insert(String(match.output[1].substring ?? "")) }
        }
        #expect(Self.scripts.count >= 13)
        // A job's hash, a worker's inbox, a minute's throughput counter: named by what the script reads.
        #expect(names == ["job:", "inbox:", "tput:", "tput:c:", "tput:f:"])
        #expect(Self.scripts.allSatisfy { !$0.source.contains("ARGV[1] ..") && !$0.source.contains("P = ARGV[1]") })
    }
}
