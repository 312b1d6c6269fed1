/// Something that sends Redis commands and scripts: a ``RedisConnection``, one server's pool
/// (``RedisClient``), a Redis Cluster (``RedisClusterClient``) or a connection of its that follows a
/// slot (``RedisClusterConnection``). The queue talks through this and does not know which.
package protocol RedisCommands: AnyObject, Sendable {
    /// Sends one command; an error reply throws ``RedisError/Code/server``.
    @discardableResult
    func send(_ command: RedisCommand) async throws(RedisError) -> RedisValue

    /// Sends the commands in one write; replies in order, error replies as values. On a cluster
    /// every key of every command must map to one slot (``RedisError/Code/crossSlot`` otherwise).
    func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisValue]

    /// Runs a Lua script (`EVALSHA`, loading it when the server does not know it).
    @discardableResult
    func run(_ script: RedisScript, keys: [any RedisArgument], arguments: [any RedisArgument]) async throws(RedisError) -> RedisValue

    /// Runs a Lua script `count` times with the arguments `arguments(i)` builds, sent back to back.
    func runEach(
        _ script: RedisScript, keys: [any RedisArgument], count: Int, arguments: (Int) -> [any RedisArgument]
    ) async throws(RedisError) -> [RedisValue]

    /// A thread a task that sends command after command may prefer (see
    /// ``RedisConnection/executor``).
    var executor: any TaskExecutor { get }

    /// Closes the connections; waiting commands fail with ``RedisError/Code/closed``.
    func close()
}

/// A client of one Redis server or of a Redis Cluster: pooled commands, and dedicated connections
/// for blocking ones. ``RedisEndpoint/makeClient(poolSize:options:)`` picks by the URL.
package protocol RedisClientProtocol: RedisCommands {
    /// The server or cluster, as configured.
    var endpoint: RedisEndpoint { get }

    /// Round trips and commands of every connection this client made, pooled or dedicated.
    var statistics: RedisStatistics { get }

    /// A new connection outside the pool for blocking commands on `key` (and keys of its slot):
    /// on a cluster it talks to the master of that slot, wherever it moves. The caller closes it.
    func dedicatedConnection(name: String, forKey key: String) -> any RedisCommands
}

extension RedisCommands {
    /// Sends one command built from its parts.
    @discardableResult
    package func send(_ name: String, _ arguments: any RedisArgument...) async throws(RedisError) -> RedisValue {
        try await send(RedisCommand(name, arguments))
    }

    /// Runs a Lua script with keys only.
    @discardableResult
    package func run(_ script: RedisScript, keys: [any RedisArgument]) async throws(RedisError) -> RedisValue {
        try await run(script, keys: keys, arguments: [])
    }
}

extension RedisConnection: RedisCommands {}

extension RedisClient: RedisClientProtocol {
    /// A dedicated connection (see ``dedicatedConnection(name:)``); one server holds every key.
    package func dedicatedConnection(name: String, forKey key: String) -> any RedisCommands {
        dedicatedConnection(name: name)
    }
}
