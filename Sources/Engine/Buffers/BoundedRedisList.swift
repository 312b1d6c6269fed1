/// A Redis list with a maximum length: an append past it drops the oldest entries (the head) in the
/// same atomic step, and says how many.
///
/// Entries are appended at the tail and consumed from the head, as ``ExecutionOutbox`` does; a
/// consumer that checks the head before it trims (as the outbox's drainer does) simply finds it
/// changed and trims nothing.
public struct BoundedRedisList: Sendable {
    /// The Redis client.
    public let redis: RedisClient
    /// The list's key.
    public let key: String
    /// The most entries it holds (at least 1).
    public let maxLength: Int

    static let appendScript = RedisScript(
        """
        local n = redis.call('RPUSH', KEYS[1], unpack(ARGV, 2))
        local max = tonumber(ARGV[1])
        if n > max then
          redis.call('LTRIM', KEYS[1], -max, -1)
          return {max, n - max}
        end
        return {n, 0}
        """)

    /// The list at `key` on `redis`, holding at most `maxLength` entries.
    public init(redis: RedisClient, key: String, maxLength: Int) {
        self.redis = redis
        self.key = key
        self.maxLength = max(1, maxLength)
    }

    /// Appends `entries` at the tail (in calls of up to 1,000 entries); returns the length afterwards
    /// and how many of the oldest entries were dropped to stay within ``maxLength``.
    @discardableResult
    public func append(_ entries: [[UInt8]]) async throws(RedisError) -> (length: Int, dropped: Int) {
        var length = 0
        var dropped = 0
        for start in stride(from: 0, to: entries.count, by: 1_000) {
            let chunk = entries[start..<min(start + 1_000, entries.count)]
            var arguments: [any RedisArgument] = [maxLength]
            arguments += chunk.map { $0 as any RedisArgument }
            let reply = try await redis.run(Self.appendScript, keys: [key], arguments: arguments).array ?? []
            length = reply.first?.int ?? length
            dropped += reply.dropFirst().first?.int ?? 0
        }
        return (length, dropped)
    }

    /// How many entries it holds.
    public func length() async throws(RedisError) -> Int {
        try await redis.send(RedisCommand("LLEN", key)).int ?? 0
    }
}
