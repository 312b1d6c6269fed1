/// Who is working the queue: worker pools announce themselves with a heartbeat, and the
/// scheduler's leader lease names the leader.
extension JobQueue {
    /// Records that `worker` is alive for `ttl`, and forgets workers whose heartbeat expired.
    public func heartbeat(worker: String, ttl: Duration) async throws(QueueError) {
        let now = clock.nowMilliseconds()
        do {
            _ = try await redis.pipeline([
                RedisCommand("ZADD", keys.workers, now + ttl.milliseconds, worker),
                RedisCommand("ZREMRANGEBYSCORE", keys.workers, "-inf", "(\(now)"),
                RedisCommand("PEXPIRE", keys.workers, ttl.milliseconds * 2),
            ])
        } catch {
            throw QueueError(error)
        }
    }

    /// Removes `worker` at once (a pool that stops cleanly).
    public func removeWorker(_ worker: String) async throws(QueueError) {
        _ = try await send(RedisCommand("ZREM", keys.workers, worker))
    }

    /// The ids of the worker pools whose heartbeat has not expired.
    public func liveWorkers() async throws(QueueError) -> [String] {
        let reply = try await send(RedisCommand("ZRANGEBYSCORE", keys.workers, clock.nowMilliseconds(), "+inf"))
        return reply.array?.compactMap(\.string) ?? []
    }

    /// The scheduler holding the leader lease (``QueueKeys/leader``), nil when none does.
    public func leader() async throws(QueueError) -> String? {
        let reply = try await send(RedisCommand("GET", keys.leader))
        return reply.string.flatMap { $0.isEmpty ? nil : $0 }
    }
}
