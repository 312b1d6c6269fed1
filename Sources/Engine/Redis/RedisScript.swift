import Synchronization

/// A Lua script run with `EVALSHA`. The script is loaded with `SCRIPT LOAD` the first time it runs, and
/// again whenever the server answers `NOSCRIPT` (after a restart or `SCRIPT FLUSH`).
public final class RedisScript: Sendable {
    /// The Lua source.
    public let source: String
    private let sha = Mutex<String?>(nil)

    /// Wraps `source`; nothing is sent until the script first runs.
    public init(_ source: String) {
        self.source = source
    }

    /// The command that runs the script, or nil when its SHA is not known yet.
    func command(keys: [any RedisArgument], arguments: [any RedisArgument]) -> RedisCommand? {
        guard let sha = sha.withLock({ $0 }) else { return nil }
        var command = RedisCommand("EVALSHA", sha, keys.count)
        for key in keys { command.append(key) }
        for argument in arguments { command.append(argument) }
        return command
    }

    /// Loads the script on `connection` and remembers its SHA.
    func load(on connection: RedisConnection) async throws(RedisError) {
        let reply = try await connection.send(RedisCommand("SCRIPT", "LOAD", source))
        guard let digest = reply.string else { throw RedisError(.unexpectedReply, "SCRIPT LOAD returned \(reply)") }
        sha.withLock { $0 = digest }
    }
}

extension RedisConnection {
    /// Runs `script` with `keys` and `arguments`; an error reply (other than `NOSCRIPT`, which is
    /// handled) throws ``RedisError/Code/server``.
    @discardableResult
    public func run(
        _ script: RedisScript, keys: [any RedisArgument], arguments: [any RedisArgument] = []
    ) async throws(RedisError) -> RedisValue {
        // A flush can land between our load and our call: try a few times.
        var attempt = 0
        while true {
            if let command = script.command(keys: keys, arguments: arguments) {
                do {
                    return try await send(command)
                } catch let error where error.isServerError("NOSCRIPT") && attempt < 3 {
                    // The server forgot it: load it again below.
                }
            }
            attempt += 1
            try await script.load(on: self)
        }
    }
}
