import Foundation
import TestSupport
import Testing

@testable import Engine

#if canImport(Glibc)
    import Glibc
#endif

/// Operator's moves on the test cluster (`scripts/services.sh cluster up`): who serves a slot,
/// moving a slot between masters, killing a master and bringing it back.
struct ClusterAdmin: Sendable {
    /// One line of `CLUSTER NODES`.
    struct Node: Sendable {
        var id: String
        var address: RedisClusterMap.Node
        var isMaster: Bool
        var failed: Bool
        var masterID: String?
        var slots: [ClosedRange<Int>]
    }

    let endpoint: RedisEndpoint

    init() throws {
        endpoint = try TestServices.clusterEndpoint()
    }

    /// A plain connection to one node, outside any client's routing.
    func connection(_ node: RedisClusterMap.Node) -> RedisConnection {
        var options = RedisConnectionOptions()
        options.reconnectWindow = .zero
        return RedisConnection(endpoint: RedisEndpoint(host: node.host, port: node.port), options: options)
    }

    /// Sends `command` to `node` on a connection of its own.
    @discardableResult
    func send(_ node: RedisClusterMap.Node, _ name: String, _ arguments: any RedisArgument...) async throws -> RedisValue {
        try await send(node, RedisCommand(name, arguments))
    }

    /// Sends `command` to `node` on a connection of its own.
    @discardableResult
    func send(_ node: RedisClusterMap.Node, _ command: RedisCommand) async throws -> RedisValue {
        let connection = connection(node)
        defer { connection.close() }
        return try await connection.send(command)
    }

    /// `CLUSTER NODES` as the first node of the URL that answers sees it.
    func nodes() async throws -> [Node] {
        var lastError: (any Error)?
        for seed in endpoint.clusterSeeds {
            do {
                let text = try await send(.init(host: seed.host ?? "", port: seed.port), "CLUSTER", "NODES").string ?? ""
                return text.split(separator: "\n").compactMap(Self.node)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? RedisError(.connection, "no cluster node answered")
    }

    private static func node(_ line: Substring) -> Node? {
        let fields = line.split(separator: " ")
        guard fields.count >= 8, let address = RedisClusterMap.Node(String(fields[1].prefix { $0 != "@" && $0 != "," })) else { return nil }
        let flags = fields[2].split(separator: ",")
        let slots = fields.dropFirst(8).compactMap { field -> ClosedRange<Int>? in
            if field.hasPrefix("[") { return nil }  // a migration in progress
            let ends = field.split(separator: "-").compactMap { Int($0) }
            return ends.count == 2 ? ends[0]...ends[1] : ends.first.map { $0...$0 }
        }
        return Node(
            id: String(fields[0]), address: address, isMaster: flags.contains("master"), failed: flags.contains("fail"),
            masterID: fields[3] == "-" ? nil : String(fields[3]), slots: slots)
    }

    /// The master serving `slot`.
    func master(ofSlot slot: Int) async throws -> Node {
        try #require(try await nodes().first { $0.isMaster && !$0.failed && $0.slots.contains { $0.contains(slot) } })
    }

    /// Another live master than `node`.
    func otherMaster(than node: Node) async throws -> Node {
        try #require(try await nodes().first { $0.isMaster && !$0.failed && $0.id != node.id && !$0.slots.isEmpty })
    }

    /// Starts moving `slot` from `source` to `target`: importing on one, migrating on the other.
    func beginMigration(_ slot: Int, from source: Node, to target: Node) async throws {
        try await send(target.address, "CLUSTER", "SETSLOT", slot, "IMPORTING", source.id)
        try await send(source.address, "CLUSTER", "SETSLOT", slot, "MIGRATING", target.id)
    }

    /// Moves `keys` of a migrating slot from `source` to `target`.
    func migrate(_ keys: [String], from source: Node, to target: Node) async throws {
        var arguments: [any RedisArgument] = [target.address.host, target.address.port, "", 0, 5_000, "KEYS"]
        arguments += keys.map { $0 as any RedisArgument }
        try await send(source.address, RedisCommand("MIGRATE", arguments))
    }

    /// Moves what keys are left and gives `slot` to `target`, telling every master.
    func finishMigration(_ slot: Int, from source: Node, to target: Node) async throws {
        while true {
            let keys = try await send(source.address, "CLUSTER", "GETKEYSINSLOT", slot, 100).array?.compactMap(\.string) ?? []
            if keys.isEmpty { break }
            try await migrate(keys, from: source, to: target)
        }
        for node in try await nodes() where node.isMaster && !node.failed {
            try await send(node.address, "CLUSTER", "SETSLOT", slot, "NODE", target.id)
        }
    }

    /// Moves `slot` whole from its master to another; returns the new master.
    func moveSlot(_ slot: Int) async throws -> (from: Node, to: Node) {
        let source = try await master(ofSlot: slot)
        let target = try await otherMaster(than: source)
        try await beginMigration(slot, from: source, to: target)
        try await finishMigration(slot, from: source, to: target)
        return (source, target)
    }

    /// `scripts/services.sh cluster <arguments>`, off the cooperative pool.
    func services(_ arguments: [String]) async throws {
        let script = try #require(TestServices.environment["CRONTUI_SERVICES"], "CRONTUI_SERVICES is not set: run the tests with `make test`")
        let result = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(["cluster"] + arguments, executable: script) })
            }
        }
        #expect(result.status == 0, "services.sh cluster \(arguments.joined(separator: " ")): \(result.stderr)")
    }
}

extension ClusterAdmin {
    /// The live replica of `master`.
    func replica(of master: Node) async throws -> Node {
        try #require(try await nodes().first { $0.masterID == master.id && !$0.failed }, "master \(master.address) has no live replica")
    }

    /// Sends SIGKILL to the process of `node` (its pid file under `.run/cluster`, beside the
    /// services script) and waits until it is gone; returns the instant of the signal.
    func kill(_ node: Node) async throws -> ContinuousClock.Instant {
        let script = try #require(TestServices.environment["CRONTUI_SERVICES"], "CRONTUI_SERVICES is not set: run the tests with `make test`")
        let nodes = URL(fileURLWithPath: script).deletingLastPathComponent().deletingLastPathComponent().appending(path: ".run/cluster")
        var pid: pid_t?
        for dir in try FileManager.default.contentsOfDirectory(at: nodes, includingPropertiesForKeys: nil) {
            let port = try? String(contentsOf: dir.appending(path: "port"), encoding: .utf8)
            if port?.trimmingCharacters(in: .whitespacesAndNewlines) == String(node.address.port) {
                pid = (try? String(contentsOf: dir.appending(path: "redis.pid"), encoding: .utf8)).flatMap {
                    pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
                }
            }
        }
        let victim = try #require(pid, "no pid file for the cluster node on port \(node.address.port)")
        let signalled = ContinuousClock.now
        try #require(Glibc.kill(victim, SIGKILL) == 0, "kill \(victim) failed")
        let gone = await QueueFixture.eventually(timeout: .seconds(10)) { Glibc.kill(victim, 0) != 0 }
        try #require(gone, "the cluster node \(victim) outlived SIGKILL")
        return signalled
    }

    /// Kills `node` with SIGKILL, runs `body` with the instant of the signal, then brings the node
    /// back (it rejoins as a replica) whatever `body` did, so later tests find the whole cluster.
    func killing<T>(_ node: Node, _ body: (ContinuousClock.Instant) async throws -> T) async throws -> T {
        let result: T
        do {
            result = try await body(try await kill(node))
        } catch {
            try? await restore(node)
            throw error
        }
        try await restore(node)
        return result
    }

    /// Starts `node` again and waits until the cluster counts it as a live node once more.
    func restore(_ node: Node) async throws {
        try await services(["up"])
        let back = try await QueueFixture.eventually(timeout: .seconds(30)) {
            try await nodes().contains { $0.id == node.id && !$0.failed }
        }
        #expect(back, "the killed node \(node.address) did not rejoin the cluster")
    }
}
