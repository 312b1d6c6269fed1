@testable import Engine

/// A Redis client that passes every call on to `client`; a type adopting it implements the calls
/// it watches and inherits the rest.
protocol ForwardingRedisClient: RedisClientProtocol {
    /// The client the calls go to.
    var client: any RedisClientProtocol { get }
}

extension ForwardingRedisClient {
    var endpoint: RedisEndpoint { client.endpoint }
    var statistics: RedisStatistics { client.statistics }
    var executor: any TaskExecutor { client.executor }

    func dedicatedConnection(name: String, forKey key: String) -> any RedisCommands {
        client.dedicatedConnection(name: name, forKey: key)
    }

    func send(_ command: RedisCommand) async throws(RedisError) -> RedisValue {
        try await client.send(command)
    }

    func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisValue] {
        try await client.pipeline(commands)
    }

    func close() { client.close() }
}
