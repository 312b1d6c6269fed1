/// A job queue in Redis: enqueue, the transitions workers make, operator actions, stats and events.
///
/// Every transition is one Lua script (see ``QueueScripts``) that also appends the lifecycle event.
/// Workers normally go through ``WorkerPool``; the transition methods are public for tools and tests.
package final class JobQueue: Sendable {
    /// The queue name.
    package let name: String
    /// Its Redis keys.
    package let keys: QueueKeys
    /// Its policies.
    package let options: QueueOptions
    /// The Redis client it talks through: one server's or a cluster's.
    package let redis: any RedisClientProtocol
    /// The clock jobs are stamped with.
    package let clock: any QueueClock
    static let scripts = QueueScripts()
    /// ``QueueKeys/declared``, as every queue script is given them.
    let scriptKeys: [any RedisArgument]

    /// A queue named `name` on `redis`.
    package init(name: String, redis: any RedisClientProtocol, options: QueueOptions = QueueOptions(), clock: any QueueClock = SystemQueueClock()) {
        self.name = name
        self.keys = QueueKeys(queue: name)
        self.scriptKeys = keys.declared
        self.options = options
        self.redis = redis
        self.clock = clock
    }

    /// The queue named `name` on the same Redis, with the same options and clock (this queue when
    /// `name` is its own).
    package func sibling(named name: String) -> JobQueue {
        name == self.name ? self : JobQueue(name: name, redis: redis, options: options, clock: clock)
    }

    /// The outcome of an enqueue.
    package struct EnqueueResult: Sendable, Equatable {
        /// The job id (chosen by the caller, or numbered by the queue).
        package var id: String
        /// True when a job with this id already existed: nothing was added.
        package var duplicate: Bool
        /// True when an idle worker took the job at once (see ``fetch(count:worker:offerUntil:via:)``).
        package var handedOver = false
    }

    // MARK: - Enqueue

    /// Adds one job. With a caller-chosen id, a second enqueue of the same id adds nothing and says so.
    @discardableResult
    package func enqueue(_ job: NewJob) async throws(QueueError) -> EnqueueResult {
        try await enqueue([job])[0]
    }

    /// Adds many jobs, in calls of up to 1,000 jobs each (each call atomic), sent back to back: the
    /// next call is built while Redis runs the one before.
    @discardableResult
    package func enqueue(_ jobs: [NewJob]) async throws(QueueError) -> [EnqueueResult] {
        if jobs.isEmpty { return [] }
        for job in jobs { if let id = job.id { try Self.validate(id: id) } }
        let chunks = stride(from: 0, to: jobs.count, by: Self.enqueueChunk).map { $0..<min($0 + Self.enqueueChunk, jobs.count) }
        let now = clock.nowMilliseconds()
        func arguments(_ index: Int) -> [any RedisArgument] {
            let chunk = jobs[chunks[index]]
            var arguments: [any RedisArgument] = [keys.prefix, now, options.lockDuration.milliseconds, Self.tokenBase(), chunk.count]
            arguments.reserveCapacity(5 + chunk.count * 7)
            var options = (JobOptions?.none, "")
            for job in chunk {
                // Most calls give every job the same options: format them once.
                if options.0 != job.options { options = (job.options, job.options.stored) }
                arguments += [
                    job.id ?? "", job.payload, options.1, max(0, job.delay.milliseconds), job.traceID, job.rerunOf ?? "", job.schedule ?? "",
                ]
            }
            return arguments
        }
        let replies: [RedisValue]
        do {
            if chunks.count == 1 {
                replies = [try await redis.run(Self.scripts.enqueue, keys: scriptKeys, arguments: arguments(0))]
            } else {
                replies = try await redis.runEach(Self.scripts.enqueue, keys: scriptKeys, count: chunks.count, arguments: arguments)
            }
        } catch {
            throw QueueError(error)
        }
        var results: [EnqueueResult] = []
        results.reserveCapacity(jobs.count)
        for reply in replies {
            let values = reply.array ?? []
            var i = 0
            while i + 1 < values.count {
                let outcome = values[i + 1].int
                results.append(EnqueueResult(id: values[i].string ?? "", duplicate: outcome == 0, handedOver: outcome == 2))
                i += 2
            }
        }
        return results
    }

    /// Jobs per enqueue call.
    static let enqueueChunk = 1_000

    /// The arguments of the `EVALSHA` call that enqueues `job` (the script loaded first), for tools
    /// that replay the call outside this client: `crontui bench queue` times it with
    /// `redis-benchmark`, the server's cost of an enqueue without ours.
    package func enqueueCall(_ job: NewJob) async throws(QueueError) -> [String] {
        let reply = try await send(RedisCommand("SCRIPT", "LOAD", Self.scripts.enqueue.source))
        guard let sha = reply.string else { throw QueueError(RedisError(.unexpectedReply, "SCRIPT LOAD returned \(reply)")) }
        return ["EVALSHA", sha, String(keys.declared.count)] + keys.declared + [
            keys.prefix, String(clock.nowMilliseconds()), String(options.lockDuration.milliseconds), Self.tokenBase(), "1", job.id ?? "",
            String(decoding: job.payload, as: UTF8.self), job.options.stored, String(max(0, job.delay.milliseconds)), job.traceID,
            job.rerunOf ?? "", job.schedule ?? "",
        ]
    }

    /// Refuses ids that would break key names or logs.
    static func validate(id: String) throws(QueueError) {
        guard !id.isEmpty, id.utf8.count <= 200,
            !id.unicodeScalars.contains(where: { $0 == "{" || $0 == "}" || $0.properties.isWhitespace || $0.value < 0x20 })
        else {
            throw QueueError(.invalid, "job id '\(id.prefix(40))' must be 1-200 characters without braces, spaces or controls")
        }
    }

    // MARK: - Worker transitions

    /// What a fetch or a finish returns: the jobs now held, and when the next delayed job is due.
    package struct Handoff: Sendable {
        /// False when the finished job's lock had been lost (it was not finished by this call).
        package var accepted: Bool
        /// True when the queue is paused.
        package var paused: Bool
        /// Epoch ms of the earliest delayed job, when no job was handed out (nil when none, or when
        /// jobs were: a busy caller comes back soon anyway).
        package var nextDue: Int64?
        /// Jobs now held by the caller.
        package var jobs: [ActiveJob]
    }

    /// Takes the jobs handed to `worker` (see `offerUntil`), then waiting jobs (due delayed jobs first
    /// join the line), up to `count` in all, over `connection` when given (a worker pool's own, idle
    /// at the time), else over a pooled one.
    ///
    /// With `offerUntil`, a worker that got fewer than `count` offers until then to take the next
    /// runnable job straight from its enqueue: the job becomes active under a lock at once and is
    /// pushed whole to the worker's ``QueueKeys/inbox(_:)``, which it watches with `BLPOP`. Each
    /// fetch renews or withdraws the offer; ``retire(worker:)`` withdraws it for good. A job handed to a worker that vanished is recovered as stalled when its lock expires.
    package func fetch(
        count: Int, worker: String, offerUntil: Int64? = nil, via connection: (any RedisCommands)? = nil
    ) async throws(QueueError) -> Handoff {
        let arguments: [any RedisArgument] = [
            keys.prefix, clock.nowMilliseconds(), count, Self.tokenBase(), options.lockDuration.milliseconds, worker, offerUntil ?? 0,
        ]
        let reply = try await run(Self.scripts.fetch, arguments, via: connection)
        var handoff = Self.handoff(reply)
        handoff.paused = reply.array?.first?.int == 1
        handoff.accepted = true
        return handoff
    }

    /// Completes `job` and takes up to `fetch` next jobs in the same call. Its `completed` event
    /// carries `report` (the attempt's HTTP status and duration).
    package func complete(
        _ job: ActiveJob, report: AttemptReport = AttemptReport(), fetch count: Int = 0, worker: String = ""
    ) async throws(QueueError) -> Handoff {
        let reply = try await run(
            Self.scripts.complete,
            [
                keys.prefix, clock.nowMilliseconds(), job.job.id, job.token, options.keepCompleted, options.maxAgeCompleted?.milliseconds ?? 0,
                count, Self.tokenBase(), options.lockDuration.milliseconds, worker,
            ] + report.arguments)
        return Self.handoff(reply)
    }

    /// Fails the attempt of `job`: it retries after `retryDelay`, or, when nil, fails for good. Takes
    /// up to `fetch` next jobs in the same call. `errorKind` is the failure's class as the executor
    /// decided it; the job keeps it and its `failed` or `retrying` event carries it, so readers
    /// never guess it from `error`'s text; so does `report` (the attempt's HTTP status and duration).
    package func fail(
        _ job: ActiveJob, error: String, errorKind: ExecutionErrorKind? = nil, retryDelay: Duration?, report: AttemptReport = AttemptReport(),
        fetch count: Int = 0, worker: String = ""
    ) async throws(QueueError) -> Handoff {
        let reply = try await run(
            Self.scripts.fail,
            [
                keys.prefix, clock.nowMilliseconds(), job.job.id, job.token, String(error.prefix(2_000)),
                retryDelay.map { max(0, $0.milliseconds) } ?? -1,
                options.keepFailed, options.maxAgeFailed?.milliseconds ?? 0, count, Self.tokenBase(), options.lockDuration.milliseconds, worker,
                errorKind?.rawValue ?? "",
            ] + report.arguments)
        return Self.handoff(reply)
    }

    /// Renews the locks of `jobs`; returns the ids whose lock was lost.
    package func extendLocks(_ jobs: [ActiveJob]) async throws(QueueError) -> [String] {
        if jobs.isEmpty { return [] }
        var arguments: [any RedisArgument] = [keys.prefix, clock.nowMilliseconds(), options.lockDuration.milliseconds]
        for job in jobs { arguments += [job.job.id, job.token] }
        let reply = try await run(Self.scripts.extendLocks, arguments)
        return reply.array?.compactMap(\.string) ?? []
    }

    /// Hands held jobs back to the front of the line, the attempt not counted; returns how many.
    @discardableResult
    package func release(_ jobs: [ActiveJob]) async throws(QueueError) -> Int {
        if jobs.isEmpty { return 0 }
        var arguments: [any RedisArgument] = [keys.prefix, clock.nowMilliseconds()]
        for job in jobs { arguments += [job.job.id, job.token] }
        return try await run(Self.scripts.release, arguments).int ?? 0
    }

    /// Withdraws `worker`'s offer to take handed jobs, hands back to the line any already in its inbox
    /// (returns how many), and leaves an empty element there that ends its `BLPOP`.
    @discardableResult
    package func retire(worker: String) async throws(QueueError) -> Int {
        try await run(Self.scripts.retire, [keys.prefix, clock.nowMilliseconds(), worker]).int ?? 0
    }

    /// Returns jobs whose lock expired to waiting, or fails them after ``QueueOptions/maxStalls``;
    /// returns how many went back, and the ids of those that failed.
    @discardableResult
    package func recoverStalled() async throws(QueueError) -> (recovered: Int, failed: [String]) {
        let reply = try await run(
            Self.scripts.recoverStalled,
            [keys.prefix, clock.nowMilliseconds(), options.maxStalls, options.keepFailed, options.maxAgeFailed?.milliseconds ?? 0])
        let values = reply.array ?? []
        return (values.first?.int ?? 0, values.dropFirst().first?.array?.compactMap(\.string) ?? [])
    }

    // MARK: - Queue-level operations

    /// Pauses the queue: workers take nothing new; active jobs finish. Returns false if already paused.
    @discardableResult
    package func pause() async throws(QueueError) -> Bool {
        try await run(Self.scripts.setPaused, [keys.prefix, clock.nowMilliseconds(), "1"]).int == 1
    }

    /// Resumes the queue. Returns false if it was not paused.
    @discardableResult
    package func resume() async throws(QueueError) -> Bool {
        try await run(Self.scripts.setPaused, [keys.prefix, clock.nowMilliseconds(), "0"]).int == 1
    }

    /// Applies retention now, batch after batch until none is full (it also runs on each finish and
    /// on the pool's timer, see ``removeExpired()``); returns how many completed and failed jobs
    /// remain.
    @discardableResult
    package func clean() async throws(QueueError) -> (completed: Int, failed: Int) {
        while true {
            let pass = try await removeExpired()
            if !pass.mayHaveMore { return (pass.completed, pass.failed) }
        }
    }

    /// Counts per state, totals, per-minute throughput and the oldest wait, in one round trip.
    package func stats() async throws(QueueError) -> QueueStats {
        let now = clock.nowMilliseconds()
        let values = try await run(Self.scripts.stats, [keys.prefix, now]).array ?? []
        guard values.count == 9 else { throw QueueError(.redis, "unexpected stats reply") }
        var stats = QueueStats()
        stats.waiting = values[0].int ?? 0
        stats.active = values[1].int ?? 0
        stats.delayed = values[2].int ?? 0
        stats.completed = values[3].int ?? 0
        stats.failed = values[4].int ?? 0
        stats.paused = values[5].int == 1
        if let oldest = values[6].int, oldest >= 0 { stats.oldestWaiting = .milliseconds(max(0, now - Int64(oldest))) }
        let totals = Self.map(values[7])
        stats.completedTotal = totals["completed"] ?? 0
        stats.failedTotal = totals["failed"] ?? 0
        stats.stalledTotal = totals["stalled"] ?? 0
        let perMinute = values[8].array ?? []
        for minute in 0..<min(60, perMinute.count / 2) {
            stats.completedPerMinute[minute] = perMinute[2 * minute].int ?? 0
            stats.failedPerMinute[minute] = perMinute[2 * minute + 1].int ?? 0
        }
        return stats
    }

    // MARK: - Jobs

    /// The job with `id`, nil if there is none.
    package func job(_ id: String) async throws(QueueError) -> Job? {
        let reply = try await send(RedisCommand("HGETALL", keys.job(id)))
        return Job(id: id, fields: reply.array ?? [])
    }

    /// A page of the jobs in `state`: newest first (waiting: next to run first).
    package func jobs(in state: JobState, offset: Int = 0, limit: Int = 50) async throws(QueueError) -> (total: Int, jobs: [Job]) {
        let values =
            try await run(Self.scripts.list, [keys.prefix, clock.nowMilliseconds(), state.rawValue, max(0, offset), max(1, min(limit, 1_000))]).array
            ?? []
        var jobs: [Job] = []
        var i = 1
        while i + 1 < values.count {
            if let id = values[i].string, let job = Job(id: id, fields: values[i + 1].array ?? []) { jobs.append(job) }
            i += 2
        }
        return (values.first?.int ?? 0, jobs)
    }

    /// Runs a failed job again from its first attempt.
    package func retry(_ id: String) async throws(QueueError) {
        _ = try await operate("retry", id)
    }

    /// Copies a finished job into a new job linked to it (`rerunOf`); returns the new id, by default
    /// ``rerunID(of:)``.
    package func rerun(_ id: String, newID: String? = nil, traceID: String = TraceID.random()) async throws(QueueError) -> String {
        let newID = newID ?? Self.rerunID(of: id)
        try Self.validate(id: newID)
        return try await operate("rerun", id, newID: newID, traceID: traceID)
    }

    /// A rerun's job id: `<what comes before the first colon of the original>:rerun:<random>`, so
    /// a scheduled job's rerun (`17:1796646510000`) is `17:rerun:…` and names its schedule like
    /// the original, and no two reruns share an id, in any queue.
    static func rerunID(of id: String) -> String {
        String(id.prefix { $0 != ":" }.prefix(160)) + ":rerun:" + RandomSource.hex(RandomSource.next())
    }

    /// Deletes a job from whatever state it is in. A worker holding it will find its lock lost.
    package func remove(_ id: String) async throws(QueueError) {
        _ = try await operate("remove", id)
    }

    private func operate(_ action: String, _ id: String, newID: String = "", traceID: String = "") async throws(QueueError) -> String {
        let values = try await run(Self.scripts.operate, [keys.prefix, clock.nowMilliseconds(), action, id, newID, traceID]).array ?? []
        let detail = values.dropFirst().first?.string ?? ""
        switch values.first?.int {
        case 1: return detail
        case 0: throw QueueError(.notFound, "job \(id) not found")
        default: throw QueueError(.wrongState, "cannot \(action) job \(id): it is \(detail)")
        }
    }

    /// Deletes every key of this queue (for benchmarks and tests).
    package func destroy() async throws(QueueError) {
        var cursor = "0"
        repeat {
            let reply = try await send(RedisCommand("SCAN", cursor, "MATCH", keys.prefix + "*", "COUNT", 1000))
            guard let parts = reply.array, parts.count == 2 else { break }
            cursor = parts[0].string ?? "0"
            let found = parts[1].array?.compactMap(\.bytes) ?? []
            if !found.isEmpty { _ = try await send(RedisCommand("UNLINK", found)) }
        } while cursor != "0"
    }

    // MARK: - Plumbing

    func run(_ script: RedisScript, _ arguments: [any RedisArgument], via connection: (any RedisCommands)? = nil) async throws(QueueError)
        -> RedisValue
    {
        let target: any RedisCommands = connection ?? redis
        do {
            return try await target.run(script, keys: scriptKeys, arguments: arguments)
        } catch {
            throw QueueError(error)
        }
    }

    /// Runs `script` on the keys it names itself (the queue's own scripts take
    /// ``QueueKeys/declared``).
    func run(_ script: RedisScript, keys: [String], _ arguments: [any RedisArgument]) async throws(QueueError) -> RedisValue {
        do {
            return try await redis.run(script, keys: keys, arguments: arguments)
        } catch {
            throw QueueError(error)
        }
    }

    /// Sends `commands` back to back and reads their replies.
    @discardableResult
    func pipeline(_ commands: [RedisCommand]) async throws(QueueError) -> [RedisValue] {
        do {
            return try await redis.pipeline(commands)
        } catch {
            throw QueueError(error)
        }
    }

    func send(_ command: RedisCommand) async throws(QueueError) -> RedisValue {
        do {
            return try await redis.send(command)
        } catch {
            throw QueueError(error)
        }
    }

    private static func handoff(_ reply: RedisValue) -> Handoff {
        let values = reply.array ?? []
        var jobs: [ActiveJob] = []
        var i = 2
        while i + 2 < values.count {
            if let id = values[i].string, let token = values[i + 1].string, let job = Job(id: id, fields: values[i + 2].array ?? []) {
                jobs.append(ActiveJob(job: job, token: token))
            }
            i += 3
        }
        let due = values.count > 1 ? values[1].int ?? -1 : -1
        return Handoff(accepted: values.first?.int == 1, paused: false, nextDue: due >= 0 ? Int64(due) : nil, jobs: jobs)
    }

    private static func map(_ value: RedisValue) -> [String: Int] {
        let a = value.array ?? []
        var out: [String: Int] = [:]
        var i = 0
        while i + 1 < a.count {
            if let k = a[i].string { out[k] = a[i + 1].int }
            i += 2
        }
        return out
    }

    static func tokenBase() -> String {
        String(RandomSource.next(), radix: 36)
    }
}

extension RedisCommand {
    /// A command whose arguments are raw byte strings (e.g. keys returned by SCAN).
    init(_ name: String, _ arguments: [[UInt8]]) {
        self.init(name, arguments.map { $0 as any RedisArgument })
    }
}
