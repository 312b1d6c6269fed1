import Synchronization

/// A Lua script run with `EVALSHA`. The script is loaded with `SCRIPT LOAD` the first time it runs, and
/// again whenever the server answers `NOSCRIPT` (after a restart or `SCRIPT FLUSH`).
package final class RedisScript: Sendable {
    /// The Lua source.
    package let source: String
    private let sha = Mutex<String?>(nil)

    /// Wraps `source`; nothing is sent until the script first runs.
    package init(_ source: String) {
        self.source = source
    }

    /// The command that runs the script, or nil when its SHA is not known yet.
    func command(keys: [any RedisArgument], arguments: [any RedisArgument]) -> RedisCommand? {
        sha.withLock({ $0 }).map { Self.command(sha: $0, keys: keys, arguments: arguments) }
    }

    static func command(sha: String, keys: [any RedisArgument], arguments: [any RedisArgument]) -> RedisCommand {
        var command = RedisCommand("EVALSHA", sha, keys.count)
        for key in keys { command.append(key) }
        for argument in arguments { command.append(argument) }
        return command
    }

    /// The SHA, when a server told it.
    var knownDigest: String? { sha.withLock { $0 } }

    /// Remembers the SHA a server gave for the source.
    func remember(_ digest: String) { sha.withLock { $0 = digest } }

    /// Loads the script on `connection` and remembers its SHA.
    @discardableResult
    func load(on connection: RedisConnection) async throws(RedisError) -> String {
        let reply = try await connection.send(RedisCommand("SCRIPT", "LOAD", source))
        guard let digest = reply.string else { throw RedisError(.unexpectedReply, "SCRIPT LOAD returned \(reply)") }
        sha.withLock { $0 = digest }
        return digest
    }

    /// The SHA, loading the script first when it is not known yet.
    func digest(on connection: RedisConnection) async throws(RedisError) -> String {
        if let known = sha.withLock({ $0 }) { return known }
        return try await load(on: connection)
    }
}

extension RedisConnection {
    /// Runs `script` with `keys` and `arguments`; an error reply (other than `NOSCRIPT`, which is
    /// handled) throws ``RedisError/Code/server``.
    @discardableResult
    package func run(
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

    /// Runs `script` `count` times with the arguments `arguments(i)` builds, each run sent while the
    /// ones before it are on their way (see ``stream(count:_:)``); returns the replies in order. A
    /// run the server refused with `NOSCRIPT` (a flush in between) did nothing and is sent again
    /// after the others; any other error reply throws ``RedisError/Code/server``.
    package func runEach(
        _ script: RedisScript, keys: [any RedisArgument], count: Int, arguments: (Int) -> [any RedisArgument]
    ) async throws(RedisError) -> [RedisValue] {
        let sha = try await script.digest(on: self)
        var replies = try await stream(count: count) { RedisScript.command(sha: sha, keys: keys, arguments: arguments($0)) }
        for index in replies.indices {
            guard case .error(let message) = replies[index] else { continue }
            guard message.hasPrefix("NOSCRIPT") else { throw RedisError(.server, message) }
            replies[index] = try await run(script, keys: keys, arguments: arguments(index))
        }
        return replies
    }
}
