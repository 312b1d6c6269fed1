/// What the cluster client and its dedicated connections share: one command is a pipeline of one,
/// one script run is a `runEach` of one, each routed the way the conforming type routes those.
protocol RedisClusterRouting: RedisCommands {}

extension RedisClusterRouting {
    /// Sends one command; an error reply throws ``RedisError/Code/server``.
    @discardableResult
    package func send(_ command: RedisCommand) async throws(RedisError) -> RedisValue {
        try RedisClusterClient.values(try await pipeline([command]))[0]
    }

    /// Runs a Lua script once on the master of its keys' slot.
    @discardableResult
    package func run(_ script: RedisScript, keys: [any RedisArgument], arguments: [any RedisArgument]) async throws(RedisError) -> RedisValue {
        try await runEach(script, keys: keys, count: 1) { _ in arguments }[0]
    }
}
