/// The schedulers' leader lease: one key (``QueueKeys/leader``) holding the leader's instance id,
/// with a TTL. Taken with `SET NX PX`, renewed and released only by its holder (compare-and-extend
/// and compare-and-delete in Lua, so a scheduler can never extend or delete another's lease).
extension JobQueue {
    /// Returns -1 when the lease is now the caller's, otherwise the holder's remaining ms
    /// (negative when Redis knows no expiry).
    private static let acquireLeaseScript = RedisScript(
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
    private static let renewLeaseScript = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """)

    /// Returns 1 when deleted, 0 when the lease was not the caller's.
    private static let releaseLeaseScript = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """)

    /// Takes the lease for `instance` for `ttl` if it is free (or already `instance`'s). Nil when
    /// it is now `instance`'s; otherwise the holder's remaining milliseconds.
    package func acquireLeadership(_ instance: String, ttl: Duration) async throws(QueueError) -> Int64? {
        let reply = try await run(Self.acquireLeaseScript, keys: [keys.leader], [instance, ttl.milliseconds])
        guard let left = reply.int else { throw QueueError(RedisError(.unexpectedReply, "lease acquire returned \(reply)")) }
        return left == -1 ? nil : Int64(left)
    }

    /// Extends `instance`'s lease to `ttl` from now; false when the lease is not `instance`'s.
    package func renewLeadership(_ instance: String, ttl: Duration) async throws(QueueError) -> Bool {
        try await run(Self.renewLeaseScript, keys: [keys.leader], [instance, ttl.milliseconds]).int == 1
    }

    /// Gives the lease up if it is `instance`'s.
    package func releaseLeadership(_ instance: String) async throws(QueueError) {
        _ = try await run(Self.releaseLeaseScript, keys: [keys.leader], [instance])
    }

    /// The scheduler holding the leader lease, nil when none does.
    package func leader() async throws(QueueError) -> String? {
        let reply = try await send(RedisCommand("GET", keys.leader))
        return reply.string.flatMap { $0.isEmpty ? nil : $0 }
    }
}
