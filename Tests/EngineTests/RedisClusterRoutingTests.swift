import TestSupport
import Testing

@testable import Engine

/// How the cluster client routes, without a server: key slots, the keys of a command, the slot
/// map, redirect replies, and the `redis+cluster://` URL.
@Suite struct RedisClusterRoutingTests {
    /// Slots as `redis-cli cluster keyslot` gives them (Redis 7.0.15).
    @Test(arguments: [
        ("123456789", 12739), ("foo", 12182), ("bar", 5061), ("{user1000}.following", 3443), ("foo{}{bar}", 8363),
        ("foo{{bar}}zap", 4015), ("foo{bar}{zap}", 5061), ("crontui:{default}:wait", 5718), ("", 0), ("a{b}c", 3300), ("{}", 15257),
        ("x{", 3596),
    ])
    func keySlotsMatchRedis(key: String, slot: Int) {
        #expect(RedisHashSlot.of(key) == slot)
    }

    @Test func everyKeyOfAQueueSharesOneSlot() {
        let keys = QueueKeys(queue: "mail")
        let slots = Set([keys.wait, keys.active, keys.events, keys.job("j1"), keys.inbox("w"), keys.leader, keys.fireOutbox].map(RedisHashSlot.of))
        #expect(slots == [RedisHashSlot.of("{mail}")])
        #expect(RedisHashSlot.of(QueueKeys(queue: "billing").wait) != RedisHashSlot.of(keys.wait))
    }

    @Test func commandsNameTheirKeys() {
        func keys(_ command: RedisCommand) -> [String] { command.keys.map { String(decoding: $0, as: UTF8.self) } }
        #expect(keys(RedisCommand("GET", "k")) == ["k"])
        #expect(keys(RedisCommand("PING")).isEmpty)
        #expect(keys(RedisCommand("SCRIPT", "LOAD", "return 1")).isEmpty)
        #expect(keys(RedisCommand("EVALSHA", "abc", 2, "k1", "k2", "arg")) == ["k1", "k2"])
        #expect(keys(RedisCommand("EVALSHA", "abc", 0, "arg")).isEmpty)
        #expect(keys(RedisCommand("BLPOP", "a", "b", 1.5)) == ["a", "b"])
        #expect(keys(RedisCommand("XREAD", "COUNT", 10, "BLOCK", 1000, "STREAMS", "s1", "s2", "0", "$")) == ["s1", "s2"])
        #expect(keys(RedisCommand("MSET", "a", "1", "b", "2")) == ["a", "b"])
        #expect(keys(RedisCommand("BLMOVE", "src", "dst", "LEFT", "RIGHT", 1)) == ["src", "dst"])
        #expect(keys(RedisCommand("SCAN", "0", "MATCH", "crontui:{q}:*", "COUNT", 10)) == ["crontui:{q}:*"])
        #expect(keys(RedisCommand("SCAN", "0", "MATCH", "crontui:*")).isEmpty)
    }

    @Test func aPipelineOrScriptAcrossSlotsIsRefused() throws {
        #expect(try RedisClusterClient.slot(of: [RedisCommand("GET", "{a}1"), RedisCommand("SET", "{a}2", "x")]) == RedisHashSlot.of("a"))
        #expect(try RedisClusterClient.slot(of: [RedisCommand("PING")]) == nil)
        let error = #expect(throws: RedisError.self) {
            try RedisClusterClient.slot(of: [RedisCommand("GET", "{a}1"), RedisCommand("GET", "{b}1")])
        }
        #expect(error?.code == .crossSlot)
        #expect(error?.message.contains("'{a}1' (slot 15495) and '{b}1' (slot 3300)") == true)
        #expect(throws: RedisError.self) { try RedisClusterClient.slot(ofKeys: ["{a}x", "{c}y"]) }
    }

    @Test func redirectRepliesAreRead() {
        let node = RedisClusterMap.Node(host: "127.0.0.1", port: 7001)
        #expect(RedisRedirect(.error("MOVED 3999 127.0.0.1:7001")) == .moved(node))
        #expect(RedisRedirect(.error("ASK 3999 127.0.0.1:7001")) == .ask(node))
        #expect(RedisRedirect(.error("ASK 3999 [::1]:7001")) == .ask(RedisClusterMap.Node(host: "::1", port: 7001)))
        #expect(RedisRedirect(.error("CLUSTERDOWN The cluster is down")) == .failover)
        #expect(RedisRedirect(.error("READONLY You can't write against a read only replica.")) == .failover)
        #expect(RedisRedirect(.error("TRYAGAIN Multiple keys request during rehashing of slot")) == .retry)
        #expect(RedisRedirect(.error("ERR wrong number of arguments")) == nil)
        #expect(RedisRedirect(.status("OK")) == nil)
    }

    @Test func theMapIsReadFromClusterShards() throws {
        func node(_ port: Int, _ role: String, health: String = "online", endpoint: String = "127.0.0.1") -> RedisValue {
            .array([
                .bulk(Array("id".utf8)), .bulk(Array("n\(port)".utf8)), .bulk(Array("port".utf8)), .integer(Int64(port)),
                .bulk(Array("ip".utf8)), .bulk(Array("10.0.0.1".utf8)), .bulk(Array("endpoint".utf8)), .bulk(Array(endpoint.utf8)),
                .bulk(Array("role".utf8)), .bulk(Array(role.utf8)), .bulk(Array("health".utf8)), .bulk(Array(health.utf8)),
            ])
        }
        func shard(_ ranges: [Int64], _ nodes: [RedisValue]) -> RedisValue {
            .array([.bulk(Array("slots".utf8)), .array(ranges.map(RedisValue.integer)), .bulk(Array("nodes".utf8)), .array(nodes)])
        }
        let reply = RedisValue.array([
            shard([0, 5460], [node(7000, "master"), node(7003, "replica")]),
            shard([5461, 10922], [node(7001, "master", endpoint: "?"), node(7004, "replica")]),
            // A failed master beside its promoted replica, which serves two ranges.
            shard([10923, 16000, 16001, 16383], [node(7002, "master", health: "fail"), node(7005, "master")]),
        ])
        let map = try RedisClusterMap(shards: reply, asked: .init(host: "127.0.0.1", port: 7000))
        #expect(map.coversAllSlots)
        #expect(map.master(forSlot: 0) == .init(host: "127.0.0.1", port: 7000))
        #expect(map.master(forSlot: 5461) == .init(host: "10.0.0.1", port: 7001))
        #expect(map.master(forSlot: 16383) == .init(host: "127.0.0.1", port: 7005))
        #expect(map.masters.count == 3)
        #expect(map.nodes.count == 6)
    }

    @Test func theMapIsReadFromClusterSlots() throws {
        func entry(_ start: Int64, _ end: Int64, _ nodes: [(String, Int64)]) -> RedisValue {
            .array(
                [.integer(start), .integer(end)]
                    + nodes.map { .array([.bulk(Array($0.0.utf8)), .integer($0.1), .bulk(Array("id".utf8))]) })
        }
        let reply = RedisValue.array([
            entry(0, 8191, [("", 7000), ("127.0.0.1", 7003)]),
            entry(8192, 16000, [("127.0.0.1", 7001)]),
        ])
        let map = try RedisClusterMap(slots: reply, asked: .init(host: "redis.local", port: 7000))
        #expect(map.master(forSlot: 100) == .init(host: "redis.local", port: 7000))
        #expect(map.master(forSlot: 9000) == .init(host: "127.0.0.1", port: 7001))
        #expect(map.master(forSlot: 16001) == nil)
        #expect(!map.coversAllSlots)
        #expect(map.coveredSlots == 16001)
        #expect(map.nodes.count == 3)
    }

    @Test func aClusterURLNamesItsNodes() throws {
        let endpoint = try RedisEndpoint(url: "redis+cluster://u:p%40ss@127.0.0.1:7000,[::1]:7001,redis.local")
        #expect(endpoint.isCluster)
        #expect(
            endpoint.clusterSeeds == [
                RedisEndpoint(host: "127.0.0.1", port: 7000, username: "u", password: "p@ss"),
                RedisEndpoint(host: "::1", port: 7001, username: "u", password: "p@ss"),
                RedisEndpoint(host: "redis.local", port: 6379, username: "u", password: "p@ss"),
            ])
        #expect(endpoint.host == "127.0.0.1" && endpoint.port == 7000)
        #expect(endpoint.description == "redis+cluster://u:***@127.0.0.1:7000,[::1]:7001,redis.local:6379")
        #expect(endpoint.makeClient() is RedisClusterClient)
        #expect(try RedisEndpoint(url: "redis://127.0.0.1:7000").makeClient() is RedisClient)
        #expect(!(try RedisEndpoint(url: "redis://127.0.0.1:7000/0")).isCluster)
    }

    @Test(arguments: [
        ("redis+cluster://h:1,h:2/3", "REDIS_URL: a cluster has database 0 only, not 3"),
        ("redis+cluster://h:1,,h:2", "REDIS_URL: missing host"),
        ("redis+cluster://h:1,h:99999", "REDIS_URL: port '99999' is not a number in 1-65535"),
        ("rediss+cluster://h:1", "REDIS_URL: unknown URL scheme 'rediss+cluster' (use redis://, redis+cluster:// or unix://)"),
    ])
    func aBadClusterURLIsNamed(url: String, message: String) {
        let error = #expect(throws: ConfigurationError.self) { try RedisEndpoint(url: url) }
        #expect(error?.description == message)
    }
}
