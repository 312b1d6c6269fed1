import Synchronization

/// A connection of its own to whichever master serves one slot of a Redis Cluster, for blocking
/// commands (`BLPOP`, `XREAD BLOCK`) on keys of that slot.
///
/// It follows the slot as ``RedisClusterClient`` does (redirects, failovers), with its own
/// ``RedisConnection`` to the current master, made anew when the slot moves.
package final class RedisClusterConnection: RedisClusterRouting {
    private let client: RedisClusterClient
    private let slot: Int
    private let options: RedisConnectionOptions
    private let state = Mutex<(node: RedisClusterMap.Node, connection: RedisConnection)?>(nil)
    private let closed = Atomic<Bool>(false)

    /// A connection for `slot` of `client`'s cluster; it connects with the first command.
    init(client: RedisClusterClient, slot: Int, options: RedisConnectionOptions) {
        self.client = client
        self.slot = slot
        self.options = options
    }

    deinit { close() }

    package func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisValue] {
        if commands.isEmpty { return [] }
        try check(try RedisClusterClient.slot(of: commands))
        return try await client.route(commands, slot: slot, through: connection(to:))
    }

    package func runEach(
        _ script: RedisScript, keys: [any RedisArgument], count: Int, arguments: (Int) -> [any RedisArgument]
    ) async throws(RedisError) -> [RedisValue] {
        try check(try RedisClusterClient.slot(ofKeys: keys))
        return try RedisClusterClient.values(
            try await client.evaluate(script, keys: keys, count: count, arguments: arguments, through: connection(to:)))
    }

    /// The current connection's thread (see ``RedisConnection/executor``); Swift's shared pool
    /// before the first command.
    package var executor: any TaskExecutor {
        state.withLock { $0?.connection.executor } ?? globalConcurrentExecutor
    }

    package func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        state.withLock { $0?.connection }?.close()
    }

    /// Refuses keys of another slot than this connection's.
    private func check(_ found: Int?) throws(RedisError) {
        if let found, found != slot {
            throw RedisError(.crossSlot, "a connection for cluster slot \(slot) was given a key of slot \(found)")
        }
    }

    /// The connection to `node`: the current one, or a new one replacing it.
    private func connection(to node: RedisClusterMap.Node) -> any RedisCommands {
        let (connection, replaced) = state.withLock { s -> (RedisConnection, RedisConnection?) in
            if let s, s.node == node { return (s.connection, nil) }
            let connection = RedisConnection(endpoint: client.endpoint(for: node), options: options, statistics: client.statistics)
            defer { s = (node, connection) }
            return (connection, s?.connection)
        }
        replaced?.close()
        if closed.load(ordering: .acquiring) { connection.close() }
        return connection
    }
}
