/// A Redis list of records waiting for PostgreSQL: appended at the tail, drained from the head.
///
/// Draining is safe with several processes at once: records are read, written (each store ignores
/// a record it already holds), and only then trimmed, by a script that trims only if the head still
/// holds the very entries read. Entries are unique, so if the first and last of the `n` read are
/// still at positions 0 and `n-1`, those `n` are the ones written; if another drainer got there
/// first, nothing is trimmed and the entries already written are read again at worst.
public struct OutboxList: Sendable {
    /// The Redis client.
    public let redis: RedisClient
    /// The list's key.
    public let key: String

    static let trimScript = RedisScript(
        """
        local n = tonumber(ARGV[3])
        if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] and redis.call('LINDEX', KEYS[1], n - 1) == ARGV[2] then
          redis.call('LTRIM', KEYS[1], n, -1)
          return 1
        end
        return 0
        """)

    /// The list at `key`.
    public init(redis: RedisClient, key: String) {
        self.redis = redis
        self.key = key
    }

    /// Appends `entries`.
    public func push(_ entries: [[UInt8]]) async throws(RedisError) {
        guard !entries.isEmpty else { return }
        var command = RedisCommand("RPUSH", key)
        for entry in entries { command.append(entry) }
        try await redis.send(command)
    }

    /// Up to `count` entries from the head.
    public func peek(_ count: Int) async throws(RedisError) -> [[UInt8]] {
        let reply = try await redis.send(RedisCommand("LRANGE", key, 0, max(1, count) - 1))
        return (reply.array ?? []).compactMap(\.bytes)
    }

    /// Removes the `count` head entries if they are still the ones read (first and last given);
    /// returns whether it did.
    @discardableResult
    public func trim(first: [UInt8], last: [UInt8], count: Int) async throws(RedisError) -> Bool {
        try await redis.run(Self.trimScript, keys: [key], arguments: [first, last, count]).int == 1
    }

    /// How many entries wait.
    public func count() async throws(RedisError) -> Int {
        try await redis.send(RedisCommand("LLEN", key)).int ?? 0
    }
}
