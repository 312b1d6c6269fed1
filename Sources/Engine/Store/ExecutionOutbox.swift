import Foundation

/// Execution records parked in Redis while PostgreSQL is unreachable: a list of JSON records,
/// appended at the tail and drained from the head once the database is back.
///
/// Draining is safe with several processes at once: records are read, written (the store ignores a
/// record id it already holds), and only then trimmed, by a script that trims only if the head
/// still holds the very records read. Record ids are unique, so if the first and last of the `n`
/// read are still at positions 0 and `n-1`, those `n` are the ones written; if another drainer got
/// there first, nothing is trimmed and the records already written are read again at worst.
public struct ExecutionOutbox: Sendable {
    /// The Redis client.
    public let redis: RedisClient
    /// The list's key (``QueueKeys/outbox``).
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

    /// The outbox of the queue whose keys are `keys`.
    public init(redis: RedisClient, keys: QueueKeys) {
        self.redis = redis
        self.key = keys.outbox
    }

    /// Appends `records`.
    public func push(_ records: [ExecutionRecord]) async throws(RedisError) {
        guard !records.isEmpty else { return }
        let encoder = JSONEncoder()
        var command = RedisCommand("RPUSH", key)
        for record in records {
            guard let data = try? encoder.encode(record) else { continue }
            command.append(Array(data))
        }
        try await redis.send(command)
    }

    /// Up to `count` records from the head, each with its raw bytes (nil record: an entry that
    /// does not decode, which the drainer skips).
    public func peek(_ count: Int) async throws(RedisError) -> [(raw: [UInt8], record: ExecutionRecord?)] {
        let reply = try await redis.send(RedisCommand("LRANGE", key, 0, max(1, count) - 1))
        let decoder = JSONDecoder()
        return (reply.array ?? []).compactMap(\.bytes).map { ($0, try? decoder.decode(ExecutionRecord.self, from: Data($0))) }
    }

    /// Removes the `count` head entries if they are still the ones read (first and last given);
    /// returns whether it did.
    @discardableResult
    public func trim(first: [UInt8], last: [UInt8], count: Int) async throws(RedisError) -> Bool {
        try await redis.run(Self.trimScript, keys: [key], arguments: [first, last, count]).int == 1
    }

    /// How many records wait.
    public func count() async throws(RedisError) -> Int {
        try await redis.send(RedisCommand("LLEN", key)).int ?? 0
    }
}
