import Foundation
import TestSupport
import Testing

@testable import Engine

/// The cluster client against the real Redis Cluster that `make test` starts
/// (`scripts/services.sh cluster up`: 3 masters, 3 replicas). One test at a time: some move slots
/// and kill masters.
@Suite(.serialized, .enabled(if: TestServices.clusterEnabled))
struct RedisClusterTests {
    let admin: ClusterAdmin
    let client: RedisClusterClient
    let prefix = TestServices.uniqueName("cluster")

    init() throws {
        admin = try ClusterAdmin()
        client = RedisClusterClient(endpoint: admin.endpoint)
    }

    /// A key of `tag`'s slot.
    func key(_ tag: String, _ name: String) -> String { "\(prefix):{\(tag)}:\(name)" }

    @Test func keysOfEverySlotGoToTheirMasters() async throws {
        defer { client.close() }
        let keys = (0..<60).map { key("t\($0)", "k") }
        for (index, key) in keys.enumerated() { try await client.send("SET", key, index) }
        for (index, key) in keys.enumerated() { #expect(try await client.send("GET", key).int == index) }
        // Each key is on the master of its slot, read there without the client.
        var masters = Set<String>()
        for (index, key) in keys.enumerated() {
            let owner = try await admin.master(ofSlot: RedisHashSlot.of(key))
            masters.insert(owner.id)
            #expect(try await admin.send(owner.address, "GET", key).int == index)
        }
        #expect(masters.count == 3)
        #expect(client.statistics.moved == 0)
        // A pipeline of one slot goes to its master in one round trip; one across slots is refused.
        let trips = client.statistics.roundTrips
        let replies = try await client.pipeline([
            RedisCommand("SET", key("p", "a"), "1"), RedisCommand("INCR", key("p", "a")), RedisCommand("GET", key("p", "a")),
        ])
        #expect(replies.last?.int == 2)
        #expect(client.statistics.roundTrips == trips + 1)
        let error = await #expect(throws: RedisError.self) {
            try await client.pipeline([RedisCommand("GET", key("p", "a")), RedisCommand("GET", key("q", "a"))])
        }
        #expect(error?.code == .crossSlot)
        for key in keys + [key("p", "a")] { try await client.send("DEL", key) }
    }

    @Test func aScriptRunsOnItsHashTaggedKeys() async throws {
        defer { client.close() }
        let script = RedisScript(
            """
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('RPUSH', KEYS[2], ARGV[1])
            return redis.call('INCRBY', KEYS[3], ARGV[1])
            """)
        let keys = [key("s", "a"), key("s", "b"), key("s", "c")]
        #expect(try await client.run(script, keys: keys, arguments: [5]).int == 5)
        let owner = try await admin.master(ofSlot: RedisHashSlot.of("s"))
        #expect(try await admin.send(owner.address, "LRANGE", keys[1], 0, -1).array?.compactMap(\.int) == [5])
        // A master that forgot the script (a flush, a new master) gets it again.
        try await admin.send(owner.address, "SCRIPT", "FLUSH")
        let again = try await client.runEach(script, keys: keys, count: 3) { [$0 + 1] }
        #expect(again.compactMap(\.int) == [6, 8, 11])
        let error = await #expect(throws: RedisError.self) { try await client.run(script, keys: [key("s", "a"), key("u", "b")], arguments: [1]) }
        #expect(error?.code == .crossSlot)
        try await client.send(RedisCommand("DEL", keys.map { $0 as any RedisArgument }))
    }

    @Test func movedIsFollowedAndTheMapReadAgain() async throws {
        defer { client.close() }
        let tag = TestServices.uniqueName("moved")
        let slot = RedisHashSlot.of(tag)
        try await client.send("SET", key(tag, "v"), "before")
        let (from, to) = try await admin.moveSlot(slot)
        #expect(client.map?.master(forSlot: slot) == from.address)
        let moved = client.statistics.moved
        #expect(try await client.send("GET", key(tag, "v")).string == "before")
        #expect(client.statistics.moved == moved + 1)
        #expect(client.map?.master(forSlot: slot) == to.address)
        // The map is right now: no more redirects.
        try await client.send("SET", key(tag, "v"), "after")
        #expect(try await admin.send(to.address, "GET", key(tag, "v")).string == "after")
        #expect(client.statistics.moved == moved + 1)
        try await client.send("DEL", key(tag, "v"))
    }

    @Test func askIsFollowedDuringAMigrationWithoutChangingTheMap() async throws {
        defer { client.close() }
        let tag = TestServices.uniqueName("ask")
        let slot = RedisHashSlot.of(tag)
        try await client.send("SET", key(tag, "gone"), "at the target")
        try await client.send("SET", key(tag, "here"), "at the source")
        let source = try await admin.master(ofSlot: slot)
        let target = try await admin.otherMaster(than: source)
        try await admin.beginMigration(slot, from: source, to: target)
        do {
            try await admin.migrate([key(tag, "gone")], from: source, to: target)
            let asked = client.statistics.asked
            #expect(try await client.send("GET", key(tag, "gone")).string == "at the target")
            #expect(client.statistics.asked == asked + 1)
            #expect(try await client.send("GET", key(tag, "here")).string == "at the source")
            #expect(client.statistics.asked == asked + 1)
            #expect(client.map?.master(forSlot: slot) == source.address)
            // A pipeline split by the migration: each command where its key is.
            let replies = try await client.pipeline([RedisCommand("GET", key(tag, "here")), RedisCommand("GET", key(tag, "gone"))])
            #expect(replies.map(\.string) == ["at the source", "at the target"])
        } catch {
            try await admin.finishMigration(slot, from: source, to: target)
            throw error
        }
        try await admin.finishMigration(slot, from: source, to: target)
        #expect(try await client.send("GET", key(tag, "here")).string == "at the source")
        #expect(client.map?.master(forSlot: slot) == target.address)
        try await client.send("DEL", key(tag, "here"))
        try await client.send("DEL", key(tag, "gone"))
    }

    @Test func theClientCarriesOnAfterItsMasterIsKilled() async throws {
        defer { client.close() }
        try await ClusterExclusive.run { try await killAMasterUnderTheClient() }
    }

    private func killAMasterUnderTheClient() async throws {
        let tag = TestServices.uniqueName("failover")
        let slot = RedisHashSlot.of(tag)
        let list = key(tag, "list")
        try await client.send("SET", key(tag, "v"), "kept")
        let blocking = client.dedicatedConnection(name: "test-blocking", forKey: list)
        defer { blocking.close() }
        try await client.send("RPUSH", list, "first")
        #expect(try await blocking.send("BLPOP", list, 1).array?.last?.string == "first")
        let master = try await admin.master(ofSlot: slot)
        let replica = try #require(try await admin.nodes().first { $0.masterID == master.id && !$0.failed })
        // The write has reached the replica before the master goes.
        let copied = try await QueueFixture.eventually(timeout: .seconds(10)) {
            let connection = admin.connection(replica.address)
            defer { connection.close() }
            return try await connection.pipeline([RedisCommand("READONLY"), RedisCommand("GET", key(tag, "v"))]).last?.string == "kept"
        }
        try #require(copied)
        let reads = client.statistics.mapReads
        let killed = ContinuousClock.now
        try await admin.services(["kill", String(master.address.port)])
        do {
            // The client waits for the replica's promotion, then finds it.
            #expect(try await client.send("GET", key(tag, "v")).string == "kept")
            let took = ContinuousClock.now - killed
            #expect(client.map?.master(forSlot: slot) == replica.address)
            #expect(client.statistics.mapReads > reads)
            try await client.send("RPUSH", list, "second")
            #expect(try await blocking.send("BLPOP", list, 1).array?.last?.string == "second")
            print("failover: the client was answered again \(took) after it began to kill the master of slot \(slot)")
        } catch {
            try await admin.services(["up"])
            throw error
        }
        // The killed node comes back as a replica of the new master.
        try await admin.services(["up"])
        let rejoined = try await QueueFixture.eventually(timeout: .seconds(20)) {
            try await admin.nodes().contains { $0.address == master.address && !$0.isMaster && $0.masterID == replica.id }
        }
        #expect(rejoined)
        try await client.send("DEL", key(tag, "v"))
    }
}
