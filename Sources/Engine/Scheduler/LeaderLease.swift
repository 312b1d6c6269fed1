/// The leader lease in Redis: one key (``QueueKeys/leader``) holding the leader's instance id, with
/// a TTL. Taken with `SET NX PX`, renewed and released only by its holder (compare-and-extend and
/// compare-and-delete in Lua, so a scheduler can never extend or delete another's lease).
struct LeaderLease: Sendable {
    let redis: RedisClient
    let key: String
    let instanceID: String
    let ttl: Duration

    /// Returns -1 when the lease is now the caller's, otherwise the holder's remaining ms
    /// (negative when Redis knows no expiry).
    private static let acquireScript = RedisScript(
        """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return -1 end
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return -1
        end
        local left = redis.call('PTTL', KEYS[1])
        if left < 0 then return -2 end
        return left
        """)

    /// Returns 1 when extended, 0 when the lease is not the caller's.
    private static let renewScript = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """)

    /// Returns 1 when deleted, 0 when the lease was not the caller's.
    private static let releaseScript = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """)

    /// Takes the lease if free (or already ours). Nil when taken; otherwise the holder's remaining ms.
    func acquire() async throws(RedisError) -> Int64? {
        let reply = try await redis.run(Self.acquireScript, keys: [key], arguments: [instanceID, ttl.milliseconds])
        guard let left = reply.int else { throw RedisError(.unexpectedReply, "lease acquire returned \(reply)") }
        return left == -1 ? nil : Int64(left)
    }

    /// Extends the lease; false when it is not ours.
    func renew() async throws(RedisError) -> Bool {
        try await redis.run(Self.renewScript, keys: [key], arguments: [instanceID, ttl.milliseconds]).int == 1
    }

    /// Gives the lease up if it is ours.
    func release() async throws(RedisError) {
        try await redis.run(Self.releaseScript, keys: [key], arguments: [instanceID])
    }

    /// The current holder, nil when none.
    func holder() async throws(RedisError) -> String? {
        try await redis.send("GET", key).string
    }
}
