extension CronSystem {
    /// The queue's counters and throughput, taken now.
    public func stats() async throws(QueueError) -> QueueStats {
        try await queue.stats()
    }

    /// The counters and throughput of the queue `name` (any queue on this Redis, worked by this
    /// process or not), taken now.
    public func stats(ofQueue name: String) async throws(QueueError) -> QueueStats {
        try await lane(name).stats()
    }

    /// The queues the engine of this process works (`QUEUES`, or just `QUEUE_NAME`).
    public var workedQueueNames: [String] { configuration.queues.map(\.name) }

    /// The ids of the workers of the queue `name` (nil: the default queue) whose heartbeat is
    /// current.
    public func liveWorkers(queue name: String? = nil) async throws(QueueError) -> [String] {
        try await lane(name).liveWorkers()
    }

    /// The scheduler instance that holds the lead of the queue `name` (nil: the default queue);
    /// nil when none does.
    public func leader(queue name: String? = nil) async throws(QueueError) -> String? {
        try await lane(name).leader()
    }

    /// The queues whose enabled schedules nothing fires: queues this process does not work and
    /// whose leader lease no scheduler holds, with how many enabled schedules name each (a schedule
    /// naming none counts as the default queue). What `serve` warns of at start-up.
    public func unledScheduleQueues() async throws(ScheduleError) -> [(queue: String, schedules: Int)] {
        var unled: [(queue: String, schedules: Int)] = []
        for (name, count) in try await scheduleService.store.enabledCountsByQueue() {
            let queue = name ?? queueName
            if workedQueueNames.contains(queue) { continue }
            // A queue whose leader cannot be read is not reported: nothing is known of it.
            guard case .some(.none) = try? await leader(queue: queue) else { continue }
            if let index = unled.firstIndex(where: { $0.queue == queue }) {
                unled[index].schedules += count
            } else {
                unled.append((queue, count))
            }
        }
        return unled
    }

    /// The queues in sight: those this process works (``workedQueueNames``), then those that
    /// schedules name, by name (a schedule that names none counts as the default queue).
    public func queuesInSight() async throws(ScheduleError) -> [String] {
        var names = workedQueueNames
        for name in try await scheduleService.store.queueNames() {
            let name = name ?? queueName
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Lifecycle events of the queue `name` (nil: the default queue) as they happen, after the
    /// stream id `lastID` (`$`: only new ones). Resume after a lost connection by passing the id of
    /// the last event received: none is lost or seen twice.
    public func events(after lastID: String = "$", queue name: String? = nil) -> AsyncThrowingStream<QueueEvent, any Error> {
        lane(name).events(after: lastID)
    }

    /// The newest `limit` events of the queue `name` (nil: the default queue), oldest first.
    public func recentEvents(limit: Int, queue name: String? = nil) async throws(QueueError) -> [QueueEvent] {
        try await lane(name).recentEvents(limit: limit)
    }

    /// The id of the newest event of the queue `name` (nil: the default queue; `0` when there is
    /// none): where a reader that wants only what comes next starts.
    public func lastEventID(queue name: String? = nil) async throws(QueueError) -> String {
        try await lane(name).lastEventID()
    }

    /// The queue named `name` on this Redis; the default queue for nil.
    private func lane(_ name: String?) -> JobQueue {
        name.map(queue.sibling(named:)) ?? queue
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
