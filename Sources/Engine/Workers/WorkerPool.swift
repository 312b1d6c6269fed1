import Logging
import Synchronization

/// Runs jobs from a ``JobQueue``, `concurrency` at a time, on Swift tasks.
///
/// One fetch loop takes as many jobs as there are free slots; each slot runs its job and, in the same
/// call that completes or fails it, takes the next one, so a busy pool makes one Redis round trip
/// per job. An idle pool offers to take new jobs straight from their enqueue and blocks on its inbox
/// and the queue's marker list (no polling), waking at once when a job arrives and in time for the
/// next delayed job. Locks are renewed while jobs run, stalled jobs of
/// vanished workers are recovered, and retention runs on a timer.
///
/// ``stop()`` is graceful: nothing new is taken, in-flight jobs get the grace period, then they are
/// cancelled and handed back to the queue so another worker takes them at once.
package final class WorkerPool: Sendable {
    /// The handler of one attempt: return to complete the job, throw to fail the attempt (a
    /// ``JobFailure`` says whether to retry and when).
    package typealias Handler = @Sendable (ActiveJob) async throws -> Void
    /// A handler that also reports what it found out about a successful attempt (HTTP status,
    /// duration), for the attempt's `completed` event; a failed attempt reports through
    /// ``JobFailure/report``.
    package typealias ReportingHandler = @Sendable (ActiveJob) async throws -> AttemptReport

    /// The queue this pool works.
    package let queue: JobQueue
    /// How it runs.
    package let options: WorkerPoolOptions
    private let handler: ReportingHandler
    private let logger: Logger
    private let state = Mutex(State())
    /// Failures that repeat while Redis is away: one line of each kind per 30 s.
    private let quiet = Mutex(LogThrottle(period: 30_000))

    private struct State {
        var free: Int
        var running = 0
        var stopping = false
        var held: [String: ActiveJob] = [:]
        var slotWaiter: CheckedContinuation<Int, Never>?
        var idleWaiter: CheckedContinuation<Void, Never>?
        init(free: Int = 0) { self.free = free }
    }

    /// A pool over `queue`; nothing runs until ``run()``. The events of its attempts carry the
    /// durations the pool measures.
    package convenience init(
        queue: JobQueue, options: WorkerPoolOptions = WorkerPoolOptions(), logger: Logger = Logger(label: "crontui.worker"),
        handler: @escaping Handler
    ) {
        let reporting: ReportingHandler = { active in
            try await handler(active)
            return AttemptReport()
        }
        self.init(reporting: queue, options: options, logger: logger, handler: reporting)
    }

    /// A pool over `queue` whose handler reports its attempts (an HTTP job's status and duration),
    /// so their events carry them; nothing runs until ``run()``.
    package init(
        reporting queue: JobQueue, options: WorkerPoolOptions = WorkerPoolOptions(), logger: Logger = Logger(label: "crontui.worker"),
        handler: @escaping ReportingHandler
    ) {
        self.queue = queue
        var options = options
        options.concurrency = max(1, options.concurrency)
        self.options = options
        self.handler = handler
        var logger = logger
        logger[metadataKey: "worker"] = .string(options.workerID)
        self.logger = logger
        state.withLock { $0.free = options.concurrency }
    }

    /// Runs until ``stop()`` has drained the pool, or the calling task is cancelled (then in-flight
    /// jobs are cancelled and handed back at once).
    package func run() async {
        let blocking = queue.fetchConnection()
        defer { blocking.close() }
        await withTaskGroup(of: Void.self) { maintenance in
            maintenance.addTask { await self.every(self.queue.options.lockDuration / 3) { try await self.renewLocks() } }
            maintenance.addTask { await self.every(self.options.stalledCheckInterval) { try await self.recoverStalled() } }
            maintenance.addTask { await self.every(self.options.cleanInterval) { try await self.applyRetention() } }
            maintenance.addTask {
                try? await self.beat()
                await self.every(self.options.heartbeatInterval) { try await self.beat() }
            }
            await withDiscardingTaskGroup { slots in
                // The fetcher runs on its connection's thread, so a marker and the fetch after it are
                // read and sent with no hand-over between threads; the jobs run on the shared pool.
                await withTaskExecutorPreference(blocking.executor) {
                    await self.fetchLoop(slots: &slots, blocking: blocking)
                }
                await self.waitForIdle(timeout: self.options.gracePeriod)
                slots.cancelAll()
            }
            maintenance.cancelAll()
        }
        let leftovers = state.withLock { Array($0.held.values) }
        if !leftovers.isEmpty { _ = try? await queue.release(leftovers) }
        try? await queue.removeWorker(options.workerID)
    }

    /// Tells `crontui stats` this pool is alive, for three heartbeat intervals.
    private func beat() async throws {
        try await queue.heartbeat(worker: options.workerID, ttl: options.heartbeatInterval * 3)
    }

    /// Begins a graceful stop: no new jobs; in-flight jobs get the grace period.
    package func stop() {
        let waiter = state.withLock { s -> CheckedContinuation<Int, Never>? in
            s.stopping = true
            defer { s.slotWaiter = nil }
            return s.slotWaiter
        }
        waiter?.resume(returning: 0)
        // Wake the fetcher if it is blocked on its inbox.
        Task { [queue, options] in try? await queue.wakeFetcher(options.workerID) }
    }

    /// Jobs running right now.
    package var running: Int { state.withLock { $0.running } }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    // MARK: - Fetching

    private func fetchLoop(slots: inout DiscardingTaskGroup, blocking: any RedisCommands) async {
        let watch = queue.markerWatch(worker: options.workerID, connection: blocking, longestBlock: options.maxIdleBlock)
        var errorDelay = Duration.milliseconds(100)
        while !Task.isCancelled, !isStopping {
            start(watch.takeHanded(), in: &slots, immediately: true)
            let free = await waitForFreeSlots()
            if isStopping || Task.isCancelled { break }
            // Jobs handed straight to this pool can outnumber its free slots for a moment; it
            // waits for one to free up rather than take it for a stop.
            if free <= 0 { continue }
            do throws(QueueError) {
                // Offer to take new jobs straight from their enqueue until a while after the next
                // fetch is due (an idle fetcher looks again after `maxIdleBlock` at the latest).
                let offer = queue.clock.nowMilliseconds() + options.maxIdleBlock.milliseconds * 2 + 1_000
                let handoff = try await queue.fetch(
                    count: free, worker: options.workerID, offerUntil: offer, via: watch.isListening ? nil : blocking)
                if errorDelay != .milliseconds(100) {
                    errorDelay = .milliseconds(100)
                    quiet.withLock { $0.reset("fetch") }
                }
                start(handoff.jobs, in: &slots)
                if handoff.jobs.isEmpty { await idle(handoff, on: watch) }
            } catch {
                logRepeated("fetch", .error, "fetching jobs failed: \(error)")
                try? await Task.sleep(for: errorDelay)
                errorDelay = min(errorDelay * 2, .seconds(5))
            }
        }
        // No more offers: jobs handed over meanwhile go back to the line for other workers.
        _ = try? await queue.retire(worker: options.workerID)
        let late = await watch.finish(within: .seconds(2))
        if !late.isEmpty { _ = try? await queue.release(late) }
    }

    /// Runs `jobs`, which this pool now holds, one slot each, on the shared pool; `immediately`
    /// begins each on this thread, up to its first suspension, saving the hand-over to another thread
    /// (for the odd job handed straight to an idle fetcher).
    private func start(_ jobs: [ActiveJob], in slots: inout DiscardingTaskGroup, immediately: Bool = false) {
        if jobs.isEmpty { return }
        state.withLock { s in
            s.free -= jobs.count
            s.running += jobs.count
        }
        for job in jobs {
            if immediately {
                slots.addImmediateTask(executorPreference: globalConcurrentExecutor) { await self.slot(job) }
            } else {
                slots.addTask(executorPreference: globalConcurrentExecutor) { await self.slot(job) }
            }
        }
    }

    /// Waits until a job may be there: a new job, a resume, or the next delayed job's due time.
    private func idle(_ handoff: JobQueue.Handoff, on watch: MarkerWatch) async {
        var wait = options.maxIdleBlock
        if !handoff.paused, let due = handoff.nextDue {
            let untilDue = Duration.milliseconds(due - queue.clock.nowMilliseconds())
            wait = max(.zero, min(wait, untilDue))
        }
        await watch.wait(for: wait)
    }

    private func waitForFreeSlots() async -> Int {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { s -> Int? in
                if s.stopping { return 0 }
                if s.free > 0 { return s.free }
                s.slotWaiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    // MARK: - Running jobs

    private func slot(_ first: ActiveJob) async {
        var next: ActiveJob? = first
        while let active = next {
            next = nil
            state.withLock { $0.held[active.job.id] = active }
            options.metrics.attemptStarted(queue: queue.name)
            let started = ContinuousClock.now
            let outcome = await execute(active)
            let duration = ContinuousClock.now - started
            state.withLock { _ = $0.held.removeValue(forKey: active.job.id) }
            let fetch = (isStopping || Task.isCancelled) ? 0 : 1
            do throws(QueueError) {
                let handoff: JobQueue.Handoff
                var retried = false
                let counted: EngineMetrics.AttemptOutcome
                switch outcome {
                case .success(let report):
                    handoff = try await recording(active, &retried) { () async throws(QueueError) in
                        try await queue.complete(active, report: report.measured(duration), fetch: fetch, worker: options.workerID)
                    }
                    counted = .completed
                case .failure(let error) where Task.isCancelled && error is CancellationError:
                    try await queue.release([active])
                    continue
                case .failure(let error):
                    let delay = retryDelay(for: active.job, after: error)
                    let failure = error as? JobFailure
                    let kind = failure?.kind
                    let report = (failure?.report ?? AttemptReport()).measured(duration)
                    handoff = try await recording(active, &retried) { () async throws(QueueError) in
                        try await queue.fail(
                            active, error: "\(error)", errorKind: kind, retryDelay: delay, report: report, fetch: fetch, worker: options.workerID)
                    }
                    counted = delay == nil ? .failed : .retrying
                    if handoff.accepted { options.metrics.attemptFailed(queue: queue.name, kind: kind) }
                }
                if handoff.accepted {
                    options.metrics.attemptFinished(queue: queue.name, outcome: counted, duration: duration)
                } else if retried {
                    logger.notice(
                        "the outcome was refused when sent again: the try that got no answer recorded it, or the lock was lost",
                        metadata: Self.metadata(active))
                } else {
                    logger.warning("lock lost: another worker took the job over", metadata: Self.metadata(active))
                }
                next = handoff.jobs.first
            } catch {
                logger.error("recording the job's outcome failed: \(error)", metadata: Self.metadata(active))
            }
        }
        let (waiter, idleWaiter) = state.withLock { s -> (CheckedContinuation<Int, Never>?, CheckedContinuation<Void, Never>?) in
            s.free += 1
            s.running -= 1
            let w = s.stopping ? nil : s.slotWaiter
            if w != nil { s.slotWaiter = nil }
            let idle = s.running == 0 ? s.idleWaiter : nil
            if idle != nil { s.idleWaiter = nil }
            return (w, idle)
        }
        waiter?.resume(returning: state.withLock { $0.free })
        idleWaiter?.resume()
    }

    /// Records an attempt's outcome with `record`. When Redis does not answer (a Redis Cluster
    /// failing a master over, a reply lost with the master), it tries again with backoff while the
    /// job's lock lasts: an outcome is recorded only under the attempt's token, so a try after one
    /// that did run is refused as a lost lock and changes nothing. `retried` tells whether it tried
    /// again.
    private func recording(
        _ active: ActiveJob, _ retried: inout Bool, _ record: () async throws(QueueError) -> JobQueue.Handoff
    ) async throws(QueueError) -> JobQueue.Handoff {
        let deadline = ContinuousClock.now + queue.options.lockDuration
        var delay = Duration.milliseconds(100)
        while true {
            do throws(QueueError) {
                return try await record()
            } catch {
                guard error.code == .redis, ContinuousClock.now + delay < deadline, !Task.isCancelled else { throw error }
                logger.warning("recording the job's outcome failed; trying again: \(error)", metadata: Self.metadata(active))
                retried = true
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(1))
            }
        }
    }

    /// Runs the handler, cancelling it when the job's timeout passes.
    ///
    /// This limit is a backstop for a handler that hangs. A handler that bounds its own work (the
    /// HTTP executor's request timeout) decides what a slow attempt is; jobs of schedules get a
    /// limit ``Schedule/poolTimeoutMargin`` longer than their request timeout, so it never fires
    /// first.
    private func execute(_ active: ActiveJob) async -> Result<AttemptReport, any Error> {
        guard let timeout = active.job.options.timeout else {
            do {
                return .success(try await handler(active))
            } catch {
                return .failure(error)
            }
        }
        return await withTaskGroup(of: Result<AttemptReport, any Error>?.self) { group in
            group.addTask {
                do {
                    return .success(try await self.handler(active))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .failure(JobFailure.timedOut(after: timeout))
                } catch {
                    return nil
                }
            }
            var result: Result<AttemptReport, any Error> = .failure(CancellationError())
            if let first = await group.next(), let first {
                result = first
            }
            group.cancelAll()
            return result
        }
    }

    /// The delay before the next attempt, or nil when the job fails for good.
    func retryDelay(for job: Job, after error: any Error) -> Duration? {
        guard job.attemptsMade < job.options.attempts, options.isRetryable(error) else { return nil }
        if let asked = (error as? JobFailure)?.retryAfter { return asked }
        return job.options.backoff.delay(afterAttempt: job.attemptsMade, random: RandomSource.unit())
    }

    // MARK: - Stopping

    private func waitForIdle(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let idle = self.state.withLock { s -> Bool in
                        if s.running == 0 { return true }
                        s.idleWaiter = continuation
                        return false
                    }
                    if idle { continuation.resume() }
                }
            }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            // If the deadline won, the idle waiter is still parked: release it.
            let parked = state.withLock { s in
                defer { s.idleWaiter = nil }
                return s.idleWaiter
            }
            parked?.resume()
        }
    }

    // MARK: - Maintenance

    private func every(_ interval: Duration, _ work: @Sendable () async throws -> Void) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
                try await work()
            } catch is CancellationError {
                return
            } catch {
                logRepeated("maintenance", .warning, "queue maintenance failed: \(error)")
            }
        }
    }

    /// Writes a line of a failure that repeats while Redis is away, unless one of its `kind` was
    /// written less than 30 s ago; the line says how many it held back.
    private func logRepeated(_ kind: String, _ level: Logger.Level, _ message: String) {
        let (allowed, held) = quiet.withLock { $0.allow(kind, now: queue.clock.nowMilliseconds()) }
        guard allowed else { return }
        let since = held > 0 ? " (\(held) more since the last line)" : ""
        logger.log(level: level, "\(message)\(since)", metadata: ["queue": .string(queue.name)])
    }

    /// Removes finished jobs past their age or count, one bounded batch at a time with a pause
    /// between, until a batch comes back short.
    private func applyRetention() async throws {
        var removed = (completed: 0, failed: 0)
        while true {
            let pass = try await queue.removeExpired()
            removed.completed += pass.removedCompleted
            removed.failed += pass.removedFailed
            options.metrics.jobsRemoved(queue: queue.name, completed: pass.removedCompleted, failed: pass.removedFailed)
            if !pass.mayHaveMore { break }
            try await Task.sleep(for: options.retentionPause)
        }
        if removed.completed + removed.failed > 0 {
            logger.debug(
                "retention removed \(removed.completed) completed and \(removed.failed) failed jobs",
                metadata: ["queue": .string(queue.name), "event": "queue.retention"])
        }
    }

    private func renewLocks() async throws {
        let held = state.withLock { Array($0.held.values) }
        let lost = try await queue.extendLocks(held)
        for id in lost { logger.warning("lock lost while the job ran", metadata: ["job_id": .string(id), "event": "job.lock_lost"]) }
    }

    private func recoverStalled() async throws {
        let (recovered, failed) = try await queue.recoverStalled()
        options.metrics.stalledRecovered(queue: queue.name, recovered: recovered, failed: failed.count)
        if recovered + failed.count > 0 {
            logger.notice("stalled jobs: \(recovered) returned to waiting, \(failed.count) failed", metadata: ["queue": .string(queue.name)])
        }
        if !failed.isEmpty { await options.onStalledFailure?(failed) }
    }

    static func metadata(_ active: ActiveJob) -> Logger.Metadata {
        [
            "job_id": .string(active.job.id), "trace_id": .string(active.job.traceID),
            "attempt": .stringConvertible(active.job.attemptsMade), "event": "job.outcome",
        ]
    }
}
