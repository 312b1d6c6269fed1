import Synchronization

/// A client of a Redis Cluster: a small pool of connections per master, each command and script
/// routed by its keys' slot.
///
/// It reads the slot map (`CLUSTER SHARDS`, or `CLUSTER SLOTS` on servers before 7.0) from any node
/// that answers, first from the URL's nodes. A `MOVED` reply sends the command to the node it names
/// and reads the map again; an `ASK` reply sends `ASKING` and the command to the node it names,
/// once, and keeps the map. While a slot has no master that answers (connection refused,
/// `CLUSTERDOWN`, `READONLY`: a failover under way), the command waits with backoff, reading the
/// map again each time, for up to ``RedisConnectionOptions/failoverWindow``. A command that was
/// written and got no reply is not sent again (it may have run): it fails, as on one server.
///
/// The commands of one pipeline, and the keys of one script, must share a slot: they go to one
/// node in one write. Every key of a queue shares its hash tag, so a queue's calls always do.
package final class RedisClusterClient: RedisClientProtocol, RedisClusterRouting {
    /// The cluster, as the URL names it.
    package let endpoint: RedisEndpoint
    /// Round trips and commands of every connection this client made, and the redirects it followed.
    package let statistics = RedisStatistics()
    private let poolSize: Int
    private let options: RedisConnectionOptions
    private let state = Mutex(State())

    private struct State {
        var map: RedisClusterMap?
        /// Counts the maps read, so that callers who saw the same stale map read it again once.
        var generation = 0
        var reading: Task<Void, Never>?
        /// Why the last reading found no map.
        var lastFailure: RedisError?
        var pools: [RedisClusterMap.Node: RedisClient] = [:]
        var closed = false
    }

    /// A client of the cluster at `endpoint` (its ``RedisEndpoint/clusterSeeds``) with `poolSize`
    /// connections to each master; nothing connects until the first command.
    package init(endpoint: RedisEndpoint, poolSize: Int = 2, options: RedisConnectionOptions = RedisConnectionOptions()) {
        self.endpoint = endpoint
        self.poolSize = max(1, poolSize)
        self.options = options
    }

    /// No thread of its own: a cluster's commands come back on the thread of whichever node
    /// served them.
    package var executor: any TaskExecutor { globalConcurrentExecutor }

    /// The slot map as last read (nil before the first command).
    package var map: RedisClusterMap? { state.withLock { $0.map } }

    // MARK: - Commands

    package func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisValue] {
        if commands.isEmpty { return [] }
        return try await route(commands, slot: try Self.slot(of: commands), through: pool(for:))
    }

    package func runEach(
        _ script: RedisScript, keys: [any RedisArgument], count: Int, arguments: (Int) -> [any RedisArgument]
    ) async throws(RedisError) -> [RedisValue] {
        try Self.values(try await evaluate(script, keys: keys, count: count, arguments: arguments, through: pool(for:)))
    }

    package func dedicatedConnection(name: String, forKey key: String) -> any RedisCommands {
        var o = nodeOptions
        o.name = name
        return RedisClusterConnection(client: self, slot: RedisHashSlot.of(key), options: o)
    }

    /// Closes every connection; commands sent later fail with ``RedisError/Code/closed``.
    package func close() {
        let pools = state.withLock { s -> [RedisClient] in
            s.closed = true
            return Array(s.pools.values)
        }
        for pool in pools { pool.close() }
    }

    // MARK: - Routing

    /// `replies`, or ``RedisError/Code/server`` for the first error reply among them.
    static func values(_ replies: [RedisValue]) throws(RedisError) -> [RedisValue] {
        for reply in replies { if case .error(let message) = reply { throw RedisError(.server, message) } }
        return replies
    }

    /// The one slot of `commands`' keys; nil when they name none; ``RedisError/Code/crossSlot``
    /// when they name several.
    static func slot(of commands: [RedisCommand]) throws(RedisError) -> Int? {
        var found: (slot: Int, key: ArraySlice<UInt8>)?
        for command in commands {
            for key in command.keys {
                let slot = RedisHashSlot.of(key)
                if let found, found.slot != slot {
                    throw RedisError(
                        .crossSlot,
                        "'\(String(decoding: found.key, as: UTF8.self))' (slot \(found.slot)) and '\(String(decoding: key, as: UTF8.self))' "
                            + "(slot \(slot)) cannot go to one cluster node together; give them one hash tag")
                }
                found = found ?? (slot, key)
            }
        }
        return found?.slot
    }

    /// The one slot of a script's keys (see ``slot(of:)``).
    static func slot(ofKeys keys: [any RedisArgument]) throws(RedisError) -> Int? {
        var command = RedisCommand("EVALSHA", "", keys.count)
        for key in keys { command.append(key) }
        return try slot(of: [command])
    }

    /// Runs `script` `count` times on the master of its keys' slot, loading it there when needed.
    func evaluate(
        _ script: RedisScript, keys: [any RedisArgument], count: Int, arguments: (Int) -> [any RedisArgument],
        through connect: (RedisClusterMap.Node) -> any RedisCommands
    ) async throws(RedisError) -> [RedisValue] {
        if count == 0 { return [] }
        let slot = try Self.slot(ofKeys: keys)
        func load() async throws(RedisError) -> String {
            let reply = try await route([RedisCommand("SCRIPT", "LOAD", script.source)], slot: slot, through: connect)[0]
            guard let digest = reply.string, !reply.isError else { throw RedisError(.unexpectedReply, "SCRIPT LOAD returned \(reply)") }
            script.remember(digest)
            return digest
        }
        var sha: String
        if let known = script.knownDigest { sha = known } else { sha = try await load() }
        var replies = try await route(
            (0..<count).map { RedisScript.command(sha: sha, keys: keys, arguments: arguments($0)) }, slot: slot, through: connect)
        // A node that does not know the script yet (a new master, a flush): load it there, run again.
        for index in replies.indices where replies[index].isServerError("NOSCRIPT") {
            for _ in 0..<3 where replies[index].isServerError("NOSCRIPT") {
                sha = try await load()
                replies[index] = try await route(
                    [RedisScript.command(sha: sha, keys: keys, arguments: arguments(index))], slot: slot, through: connect)[0]
            }
        }
        return replies
    }

    /// Sends `commands` (all of `slot`, or naming no key when nil) to the node `connect` gives for
    /// the slot's master, following redirects; returns their replies in order, error replies as
    /// values (a redirect followed too often among them).
    func route(
        _ commands: [RedisCommand], slot: Int?, through connect: (RedisClusterMap.Node) -> any RedisCommands
    ) async throws(RedisError) -> [RedisValue] {
        let clock = ContinuousClock()
        let start = clock.now
        var replies = [RedisValue](repeating: .null, count: commands.count)
        var pending = Array(commands.indices)
        var redirect: RedisRedirect?
        var delay = Duration.milliseconds(20)
        var hops = 0
        while true {
            let (map, generation) = await currentMap()
            var target: RedisClusterMap.Node?
            var asking = false
            switch redirect {
            case .moved(let node): target = node
            case .ask(let node): (target, asking) = (node, true)
            default: target = slot.map { map?.master(forSlot: $0) } ?? map?.masters.randomElement()
            }
            guard let target else {
                if map == nil, clock.now - start >= options.reconnectWindow {
                    var failure = state.withLock { $0.lastFailure } ?? RedisError(.connection, "\(endpoint): no node answered")
                    failure.notSent = true
                    throw failure
                }
                try await pause(&delay, since: start, "no master serves slot \(slot.map(String.init) ?? "-")")
                await readMap(after: generation)
                continue
            }
            var batch: [RedisCommand] = []
            batch.reserveCapacity(pending.count * (asking ? 2 : 1))
            for index in pending {
                if asking { batch.append(RedisCommand("ASKING")) }
                batch.append(commands[index])
            }
            let raw: [RedisValue]
            do {
                raw = try await connect(target).pipeline(batch)
            } catch let error where error.notSent && error.code != .authentication {
                // Nobody there: a master that went away. Its replica takes over; the map says when.
                try await pause(&delay, since: start, error.message)
                await readMap(after: generation)
                redirect = nil
                continue
            } catch {
                // Written, and no reply: it may have run, so it is not sent again. The next command
                // finds the node from a fresh map.
                if error.code == .connection { await readMap(after: generation) }
                throw error
            }
            var again: [Int] = []
            var next: RedisRedirect?
            for (position, index) in pending.enumerated() {
                let reply = raw[asking ? 2 * position + 1 : position]
                replies[index] = reply
                if let found = RedisRedirect(reply) {
                    again.append(index)
                    next = next ?? found
                }
            }
            hops += 1
            guard let next, hops <= 8 else { return replies }
            pending = again
            redirect = next
            switch next {
            case .moved:
                statistics.recordMoved()
                await readMap(after: generation)
            case .ask:
                statistics.recordAsk()
            case .retry:
                try await pause(&delay, since: start, "the slot is busy")
            case .failover:
                redirect = nil
                try await pause(&delay, since: start, "a failover is under way")
                await readMap(after: generation)
            }
        }
    }

    /// Waits `delay` (doubling it, up to 500 ms), or fails when the failover window would end first.
    private func pause(_ delay: inout Duration, since start: ContinuousClock.Instant, _ reason: String) async throws(RedisError) {
        if ContinuousClock.now + delay - start > options.failoverWindow || Task.isCancelled {
            throw RedisError(.cluster, "\(endpoint): \(reason), for longer than \(options.failoverWindow)")
        }
        try? await Task.sleep(for: delay)
        delay = min(delay * 2, .milliseconds(500))
    }

    // MARK: - Nodes and the map

    /// Options of the connections to nodes: one connect attempt each time, since this client
    /// decides when to try again, and where.
    var nodeOptions: RedisConnectionOptions {
        var o = options
        o.reconnectWindow = .zero
        return o
    }

    /// The endpoint of `node`, with the URL's credentials.
    func endpoint(for node: RedisClusterMap.Node) -> RedisEndpoint {
        RedisEndpoint(host: node.host, port: node.port, username: endpoint.username, password: endpoint.password)
    }

    /// The pool of `node`, made on first use.
    private func pool(for node: RedisClusterMap.Node) -> any RedisCommands {
        let (pool, closed) = state.withLock { s -> (RedisClient, Bool) in
            if let pool = s.pools[node] { return (pool, s.closed) }
            var o = nodeOptions
            o.name = "\(options.name)-\(node.port)"
            let pool = RedisClient(endpoint: endpoint(for: node), poolSize: poolSize, options: o, statistics: statistics)
            s.pools[node] = pool
            return (pool, s.closed)
        }
        if closed { pool.close() }
        return pool
    }

    /// The map, read first when there is none yet, and its generation.
    func currentMap() async -> (RedisClusterMap?, Int) {
        let (map, generation) = state.withLock { ($0.map, $0.generation) }
        if map != nil { return (map, generation) }
        await readMap(after: generation)
        return state.withLock { ($0.map, $0.generation) }
    }

    /// Reads the map again, unless it was read since `generation`; callers at the same time share
    /// one reading.
    func readMap(after generation: Int) async {
        let reading = state.withLock { s -> Task<Void, Never>? in
            if s.generation != generation || s.closed { return nil }
            if let reading = s.reading { return reading }
            let reading = Task { await self.readMapNow() }
            s.reading = reading
            return reading
        }
        await reading?.value
    }

    /// Asks the known masters, then the other nodes, then the URL's, for the map; keeps the first
    /// that covers every slot, or else the one that covers most.
    private func readMapNow() async {
        statistics.recordMapRead()
        let known = state.withLock { $0.map }
        var candidates: [RedisClusterMap.Node] = []
        for node in (known?.masters ?? []) + (known?.nodes ?? []) + endpoint.clusterSeeds.map({ .init(host: $0.host ?? "127.0.0.1", port: $0.port) })
        where !candidates.contains(node) {
            candidates.append(node)
        }
        var best: RedisClusterMap?
        var failure: RedisError?
        for node in candidates {
            var o = nodeOptions
            o.name = "\(options.name)-map"
            let connection = RedisConnection(endpoint: endpoint(for: node), options: o, statistics: statistics)
            defer { connection.close() }
            do throws(RedisError) {
                let shards = try await connection.pipeline([RedisCommand("CLUSTER", "SHARDS")])[0]
                let map =
                    shards.isError
                    ? try RedisClusterMap(slots: try await connection.send(RedisCommand("CLUSTER", "SLOTS")), asked: node)
                    : try RedisClusterMap(shards: shards, asked: node)
                if map.masters.isEmpty { continue }
                if best == nil || map.coveredSlots > best!.coveredSlots { best = map }
                if map.coversAllSlots { break }
            } catch {
                failure = error
            }
        }
        state.withLock { s in
            if let best {
                s.map = best
                s.lastFailure = nil
            } else {
                s.lastFailure = failure
            }
            s.generation += 1
            s.reading = nil
        }
    }
}

extension RedisValue {
    /// True for an error reply.
    var isError: Bool {
        if case .error = self { return true }
        return false
    }

    /// True for an error reply starting with `prefix`.
    func isServerError(_ prefix: String) -> Bool {
        if case .error(let message) = self { return message.hasPrefix(prefix) }
        return false
    }
}
