import Synchronization

/// A small pool of ``RedisConnection``s for non-blocking commands, and the factory of dedicated
/// connections for blocking ones.
///
/// Commands are spread over the pool round-robin; each connection pipelines whatever is waiting, so
/// a pool of two already carries tens of thousands of commands a second.
package final class RedisClient: Sendable {
    /// The server.
    package let endpoint: RedisEndpoint
    private let options: RedisConnectionOptions
    /// Round trips and commands of every connection this client made, pooled or dedicated.
    package let statistics: RedisStatistics
    private let connections: [RedisConnection]
    private let next = Atomic<Int>(0)

    /// Creates `poolSize` connections (they connect on first use).
    package convenience init(endpoint: RedisEndpoint, poolSize: Int = 2, options: RedisConnectionOptions = RedisConnectionOptions()) {
        self.init(endpoint: endpoint, poolSize: poolSize, options: options, statistics: RedisStatistics())
    }

    /// Creates `poolSize` connections that count into `statistics` (a cluster's, for one of its nodes).
    init(endpoint: RedisEndpoint, poolSize: Int, options: RedisConnectionOptions, statistics: RedisStatistics) {
        self.endpoint = endpoint
        self.options = options
        self.statistics = statistics
        self.connections = (0..<max(1, poolSize)).map { i in
            var o = options
            o.name = "\(options.name)-\(i)"
            return RedisConnection(endpoint: endpoint, options: o, statistics: statistics)
        }
    }

    /// A connection of the pool, in turn; the caller's own when it runs on a pooled connection's
    /// thread (see ``RedisConnection/executor``), so that its reply comes back where it runs.
    package var connection: RedisConnection {
        for connection in connections where connection.isCurrentExecutor { return connection }
        return connections[Int(UInt(bitPattern: next.wrappingAdd(1, ordering: .relaxed).newValue) % UInt(connections.count))]
    }

    /// The first pooled connection's thread as an executor, for a task that sends command after
    /// command through this client (see ``RedisConnection/executor``).
    package var executor: any TaskExecutor { connections[0].executor }

    /// Sends one command on a pooled connection.
    @discardableResult
    package func send(_ command: RedisCommand) async throws(RedisError) -> RedisValue {
        try await connection.send(command)
    }

    /// Sends one command built from its parts on a pooled connection.
    @discardableResult
    package func send(_ name: String, _ arguments: any RedisArgument...) async throws(RedisError) -> RedisValue {
        try await connection.send(RedisCommand(name, arguments))
    }

    /// Sends the commands in one write on one pooled connection; replies in order.
    package func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisValue] {
        try await connection.pipeline(commands)
    }

    /// Runs a Lua script on a pooled connection.
    @discardableResult
    package func run(
        _ script: RedisScript, keys: [any RedisArgument], arguments: [any RedisArgument] = []
    ) async throws(RedisError) -> RedisValue {
        try await connection.run(script, keys: keys, arguments: arguments)
    }

    /// Runs a Lua script `count` times on one pooled connection, each run sent while the ones before
    /// it are on their way (see ``RedisConnection/runEach(_:keys:count:arguments:)``).
    package func runEach(
        _ script: RedisScript, keys: [any RedisArgument], count: Int, arguments: (Int) -> [any RedisArgument]
    ) async throws(RedisError) -> [RedisValue] {
        try await connection.runEach(script, keys: keys, count: count, arguments: arguments)
    }

    /// A new connection outside the pool, for blocking commands; the caller closes it.
    package func dedicatedConnection(name: String) -> RedisConnection {
        var o = options
        o.name = name
        return RedisConnection(endpoint: endpoint, options: o, statistics: statistics)
    }

    /// Closes every pooled connection.
    package func close() {
        for connection in connections { connection.close() }
    }
}
