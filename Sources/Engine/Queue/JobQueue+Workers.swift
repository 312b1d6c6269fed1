/// Who is working the queue: worker pools announce themselves with a heartbeat; each pool's
/// fetcher waits for work on a connection of its own, on its inbox and the queue's marker.
extension JobQueue {
    /// Records that `worker` is alive for `ttl`, and forgets workers whose heartbeat expired.
    package func heartbeat(worker: String, ttl: Duration) async throws(QueueError) {
        let now = clock.nowMilliseconds()
        try await pipeline([
            RedisCommand("ZADD", keys.workers, now + ttl.milliseconds, worker),
            RedisCommand("ZREMRANGEBYSCORE", keys.workers, "-inf", "(\(now)"),
            RedisCommand("PEXPIRE", keys.workers, ttl.milliseconds * 2),
        ])
    }

    /// Removes `worker` at once (a pool that stops cleanly).
    package func removeWorker(_ worker: String) async throws(QueueError) {
        _ = try await send(RedisCommand("ZREM", keys.workers, worker))
    }

    /// The ids of the worker pools whose heartbeat has not expired.
    package func liveWorkers() async throws(QueueError) -> [String] {
        let reply = try await send(RedisCommand("ZRANGEBYSCORE", keys.workers, clock.nowMilliseconds(), "+inf"))
        return reply.array?.compactMap(\.string) ?? []
    }

    /// A connection of its own for the fetcher of a pool: its blocking waits hold it for seconds.
    package func fetchConnection() -> any RedisCommands {
        redis.dedicatedConnection(name: "fetch-\(name)", forKey: keys.wait)
    }

    /// How the fetcher of `worker` waits for work on `connection`: its inbox, where an enqueue
    /// hands it jobs, and the queue's marker, at most `longestBlock` at a time.
    func markerWatch(worker: String, connection: any RedisCommands, longestBlock: Duration) -> MarkerWatch {
        MarkerWatch(connection: connection, inbox: keys.inbox(worker), marker: keys.marker, longestBlock: longestBlock, clock: clock)
    }

    /// Wakes the fetcher of `worker` if it is blocked on its inbox (the empty entry it finds is no
    /// job; the inbox expires within a minute if nobody reads it).
    package func wakeFetcher(_ worker: String) async throws(QueueError) {
        let inbox = keys.inbox(worker)
        try await pipeline([RedisCommand("RPUSH", inbox, ""), RedisCommand("PEXPIRE", inbox, 60_000)])
    }

    /// The list of execution records waiting for PostgreSQL (``QueueKeys/outbox``), holding at
    /// most `maxLength` records.
    package func executionOutbox(maxLength: Int) -> BoundedRedisList {
        BoundedRedisList(redis: redis, key: keys.outbox, maxLength: maxLength)
    }

    /// How many execution records and fire ledger rows of the queue whose keys are `keys` wait in
    /// Redis for PostgreSQL, read on `connection` (a dependency probe's own).
    package static func backlog(of keys: QueueKeys, on connection: any RedisCommands) async throws(RedisError) -> (records: Int, fires: Int) {
        let replies = try await connection.pipeline([RedisCommand("LLEN", keys.outbox), RedisCommand("LLEN", keys.fireOutbox)])
        return (replies[0].int ?? 0, replies[1].int ?? 0)
    }
}
