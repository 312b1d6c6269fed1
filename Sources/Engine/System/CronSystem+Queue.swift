extension CronSystem {
    /// The queue's counters and throughput, taken now.
    public func stats() async throws(QueueError) -> QueueStats {
        try await queue.stats()
    }

    /// The counters and throughput of the queue `name` (any queue on this Redis, worked by this
    /// process or not), taken now.
    public func stats(ofQueue name: String) async throws(QueueError) -> QueueStats {
        try await queue.sibling(named: name).stats()
    }

    /// The queues the engine of this process works (`QUEUES`, or just `QUEUE_NAME`).
    public var workedQueueNames: [String] { configuration.queues.map(\.name) }

    /// The ids of the workers whose heartbeat is current.
    public func liveWorkers() async throws(QueueError) -> [String] {
        try await queue.liveWorkers()
    }

    /// The scheduler instance that holds the lead; nil when none does.
    public func leader() async throws(QueueError) -> String? {
        try await queue.leader()
    }

    /// Lifecycle events as they happen, after the stream id `lastID` (`$`: only new ones). Resume
    /// after a lost connection by passing the id of the last event received: none is lost or seen twice.
    public func events(after lastID: String = "$") -> AsyncThrowingStream<QueueEvent, any Error> {
        queue.events(after: lastID)
    }

    /// The newest `limit` events, oldest first.
    public func recentEvents(limit: Int) async throws(QueueError) -> [QueueEvent] {
        try await queue.recentEvents(limit: limit)
    }

    /// The id of the newest event (`0-0` when there is none): where a reader that wants only what
    /// comes next starts.
    public func lastEventID() async throws(QueueError) -> String {
        try await queue.lastEventID()
    }

    /// Throws when Redis does not answer a `PING` now.
    public func pingRedis() async throws {
        let reply = try await redis.send(RedisCommand("PING"))
        guard reply.string == "PONG" else { throw SystemError(.unavailable, "Redis answered PING with \(reply)") }
    }

    /// Throws when PostgreSQL does not answer `SELECT 1` now.
    public func pingPostgres() async throws {
        try await database.query("SELECT 1")
    }
}
