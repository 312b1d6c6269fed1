/// A Redis list of records waiting for PostgreSQL, with a maximum length: appended at the tail,
/// drained from the head. An append past the bound drops the oldest entries (the head) in the same
/// atomic step, and says how many.
///
/// Draining is safe with several processes at once: records are read (``peek(_:)``), written (each
/// store ignores a record it already holds), and only then trimmed (``trim(first:last:count:)``),
/// by a script that trims only if the head still holds the very entries read. Entries are unique,
/// so if the first and last of the `n` read are still at positions 0 and `n-1`, those `n` are the
/// ones written; if another drainer (or a drop) got there first, nothing is trimmed and what was
/// already written is read again at worst.
package struct BoundedRedisList: Sendable {
    /// The Redis client.
    package let redis: any RedisClientProtocol
    /// The list's key.
    package let key: String
    /// The most entries it holds (at least 1).
    package let maxLength: Int

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
    package init(redis: any RedisClientProtocol, key: String, maxLength: Int) {
        self.redis = redis
        self.key = key
        self.maxLength = max(1, maxLength)
    }

    /// Appends `entries` at the tail (in calls of up to 1,000 entries); returns the length afterwards
    /// and how many of the oldest entries were dropped to stay within ``maxLength``.
    @discardableResult
    package func append(_ entries: [[UInt8]]) async throws(RedisError) -> (length: Int, dropped: Int) {
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
    package func length() async throws(RedisError) -> Int {
        try await redis.send(RedisCommand("LLEN", key)).int ?? 0
    }

    static let trimScript = RedisScript(
        """
        local n = tonumber(ARGV[3])
        if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] and redis.call('LINDEX', KEYS[1], n - 1) == ARGV[2] then
          redis.call('LTRIM', KEYS[1], n, -1)
          return 1
        end
        return 0
        """)

    /// Up to `count` entries from the head.
    package func peek(_ count: Int) async throws(RedisError) -> [[UInt8]] {
        let reply = try await redis.send(RedisCommand("LRANGE", key, 0, max(1, count) - 1))
        return (reply.array ?? []).compactMap(\.bytes)
    }

    /// Removes the `count` head entries if they are still the ones read (first and last given);
    /// returns whether it did.
    @discardableResult
    package func trim(first: [UInt8], last: [UInt8], count: Int) async throws(RedisError) -> Bool {
        try await redis.run(Self.trimScript, keys: [key], arguments: [first, last, count]).int == 1
    }
}
